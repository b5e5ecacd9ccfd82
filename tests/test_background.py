"""The shipped background reports a small store's keyphrases are ranked beside."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sq_nlp.summaries.keywords import keyphrases, learn_phrase_stats, phrase_document, region_terms
from sq_nlp.summaries.keywords.ranking import poster_scores
from sq_nlp.summaries.keywords.background import (
    PREFIX,
    background_documents,
    background_header,
    build_background,
    with_background,
    word_lists_digest,
)
from test_phrases import _report

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# a district's report alone in its store: its own programme (海湾科创走廊) beside the
# national formulas every report of every year says (高质量发展, 全面深化改革)
BAY = _report("bay", "白沙湾区", [
    "今年要推动高质量发展，建设海湾科创走廊，推进全面深化改革。",
    "海湾科创走廊集聚企业八十家，推动高质量发展取得新成效。",
    "坚持全面深化改革，海湾科创走廊带动就业，推动高质量发展。",
    "推进乡村全面振兴，建设海湾科创走廊沿线公园。",
], headings=("一、推动高质量发展", "二、建设海湾科创走廊"))


def _poster_terms(doc, docs):
    stats = learn_phrase_stats(docs)
    return [k.term for k in keyphrases(doc, stats, mode="poster", top=10, exclude=region_terms([doc.region]))]


def test_the_shipped_background_is_cut_with_the_current_word_lists():
    data = background_header()
    docs = background_documents()
    assert data["word_lists"] == word_lists_digest(), "word lists changed: run `make background`"
    assert len(docs) >= 20
    assert all(d.path.startswith(PREFIX) and d.region and d.year for d in docs)
    assert {d.region for d in docs} >= {"全国"} and len({d.year for d in docs}) >= 5


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the project's corpus/ folder is absent")
def test_the_shipped_background_is_the_corpus_as_cut_now():
    assert build_background(CORPUS)["digest"] == background_header()["digest"], \
        "corpus/ or the cutting changed: run `make background`"


def test_a_background_report_of_a_stored_region_and_year_is_left_out():
    bg = background_documents()
    some = bg[0]
    mine = dataclasses.replace(phrase_document(BAY), region=some.region, year=some.year)
    merged = with_background([mine])
    assert merged[0] is mine and some not in merged and len(merged) == len(bg)
    # another year of the same region stays: it is what a standing programme is told by
    other = dataclasses.replace(mine, year=some.year + 1)
    assert some in with_background([other])
    # reports merged into one document under no region still keep their own copies out
    merged_doc = dataclasses.replace(mine, region=None, year=None)
    assert some not in with_background([merged_doc], covering=[mine])


def test_a_report_alone_leads_with_its_own_programme_beside_the_background():
    doc = phrase_document(BAY)
    alone, beside = _poster_terms(doc, [doc]), _poster_terms(doc, with_background([doc]))
    # alone, the report cannot tell the national formulas from its own
    assert alone[0] == "高质量发展" and "海湾科创走廊" not in alone[:1]
    assert beside[0] == "海湾科创走廊"
    assert beside.index("高质量发展") > beside.index("海湾科创走廊")


def test_a_store_holding_every_background_report_adds_none():
    # the store's own copies of the background reports (the same tokens, other paths)
    own = [dataclasses.replace(d, path=f"store/{i}.txt") for i, d in enumerate(background_documents())]
    assert with_background(own) == own


def test_without_a_background_file_a_store_ranks_on_its_own_reports(monkeypatch, tmp_path, caplog):
    from sq_nlp.summaries.keywords import background

    monkeypatch.setattr(background, "_resource", lambda: tmp_path / "missing.json.gz")
    background._background.cache_clear()
    try:
        doc = phrase_document(BAY)
        with caplog.at_level("WARNING"):
            assert with_background([doc]) == [doc]
        assert "no background reports" in caplog.text
    finally:
        background._background.cache_clear()  # the shipped file again for the tests after


def test_a_list_reads_in_order_of_score_when_a_phrase_goes_by_another_name():
    # over the background reports (real reports): a phrase that takes its place in a list under
    # the name the report gives it (a prefix said more often, its region's own wording) keeps the
    # score of that place, so a cloud draws the first phrases largest
    docs = list(background_documents())
    stats = learn_phrase_stats(docs)
    renamed = 0
    for d in docs:
        listed = keyphrases(d, stats, mode="poster", top=40, exclude=region_terms([d.region]))
        scores = [k.score for k in listed]
        assert scores == sorted(scores, reverse=True), d.path
        rows = {stats.term(r)[0]: r for r in range(stats.rows(d.path).start, stats.rows(d.path).stop)}
        own = poster_scores(stats, stats.rows(d.path))
        first = stats.rows(d.path).start
        renamed += sum(abs(k.score - own[rows[k.term.strip("“”")] - first]) > 1e-6
                       for k in listed if k.term.strip("“”") in rows)
    assert renamed  # some phrases did go by another name: the order was at stake
