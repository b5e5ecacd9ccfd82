"""The one counting rule for terms (measure, timeline, kwic, search), and
timeline and kwic over a store made here from tiny reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sq_nlp import pipeline
from sq_nlp.cli import main
from sq_nlp.errors import ConfigError
from sq_nlp.store import terms
from sq_nlp.store.terms import content_chars, find_hits, mentions, sentence_spans, token_owners

# -- the rule, on hand-made tokens ------------------------------------------------------

RULE_CASES = [
    # (text, tokens, term, expected hit starts)
    ("人民生活持续改善", ["人民", "生活", "持续", "改善"], "民生", []),        # straddles, cuts both words
    ("便民生活圈", ["便民", "生活圈"], "民生", []),
    ("开创新疆工作新局面", ["开创", "新疆", "工作", "新", "局面"], "创新", []),
    ("保民生", ["保民生"], "民生", [1]),                                     # inside one longer word
    ("环保督察", ["环保督察"], "环保", [0]),
    ("新就业形态", ["新就业形态"], "就业", [1]),
    ("惠民生", ["惠民", "生"], "民生", [1]),                                 # ends at a word boundary
    ("生态环境保护", ["生态", "环境保护"], "生态环境", [0]),                  # starts at one
    ("科技创新", ["科技", "创新"], "科技创新", [0]),                          # a run of words
    ("民生", ["民生"], "民生", [0]),
    ("5G网络和15G", ["5G", "网络", "和", "15G"], "5G", [0]),                 # not inside a longer number
    ("增长4.1%和14.1%", ["增长", "4.1%", "和", "14.1%"], "4.1%", [2]),
    ("MAIL和AI", ["MAIL", "和", "AI"], "AI", [5]),                          # nor a longer Latin word
    ("发展ai产业", ["发展", "ai", "产业"], "AI", [2]),                       # Latin in either case
    ("学习强国 APP上线", ["学习强国", "APP", "上线"], "APP", [5]),            # spaces stay out of the tokens
]


@pytest.mark.parametrize("text,tokens,term,starts", RULE_CASES)
def test_the_rule(text, tokens, term, starts):
    assert "".join(tokens) == "".join(text.split())
    assert [h.start for h in find_hits(text, tokens, [term])] == starts


def test_without_matching_tokens_every_occurrence_counts():
    assert token_owners("人民生活", ["人民", "生"]) is None
    assert [h.start for h in find_hits("人民生活", ["人民", "生"], ["民生"])] == [1]


def test_exclusions_mask_only_their_own_places():
    text = "净化政治生态，保护自然生态和产业生态圈"
    tokens = ["净化", "政治", "生态", "，", "保护", "自然", "生态", "和", "产业", "生态圈"]
    hits = find_hits(text, tokens, ["生态"], exclude=["政治生态", "生态圈"])
    assert [(h.start, h.written) for h in hits] == [(11, "生态")]


def test_mentions_never_count_the_same_characters_twice():
    text = "推动科技创新和科技成果转化"
    tokens = ["推动", "科技", "创新", "和", "科技", "成果", "转化"]
    hits = find_hits(text, tokens, ["科技", "创新", "科技创新", "成果转化"])
    assert sorted(h.term for h in hits) == ["创新", "成果转化", "科技", "科技", "科技创新"]
    assert [h.term for h in mentions(hits)] == ["科技创新", "科技", "成果转化"]


def test_sentences_and_characters():
    text = "一是稳增长。二是“惠民生。”三是防风险！ "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["一是稳增长。", "二是“惠民生。”", "三是防风险！"]
    assert sentence_spans("（一）加快发展新质生产力") == [(0, 12)]
    assert content_chars("GDP增长5.2%。") == 7


@pytest.mark.parametrize("bad", ["", "   ", "，。"])
def test_an_empty_term_is_refused(bad):
    with pytest.raises(ConfigError, match="empty term"):
        terms.normalize_term(bad)


def test_terms_are_written_as_the_store_writes_them():
    assert terms.normalize_term(" ５Ｇ　网络 ") == "5G 网络"


# -- over a store ---------------------------------------------------------------------

REPORTS = {
    "city_2021.txt": ("某市", 2021, "某市2021年政府工作报告\n\n各位代表：\n\n过去一年，人民生活持续改善。"
                                   "我们推进科技创新。\n\n今年将加快数字化转型。\n"),
    "city_2022.txt": ("某市", 2022, "某市2022年政府工作报告\n\n各位代表：\n\n过去一年，我们加快发展新质生产力，"
                                   "保障和改善民生。\n\n今年将因地制宜发展新质生产力。新质生产力是关键。\n"),
    "town_2022.txt": ("某镇", 2022, "某镇2022年政府工作报告\n\n各位代表：\n\n今年将持续保障民生。\n"),
}


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    for name, (region, year, text) in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"region": region, "year": year}, ensure_ascii=False),
                                                  encoding="utf-8")
    db = folder / "t.db"
    summary = pipeline.run([folder], db_path=db, workers=1, progress=False)
    assert not summary.failed
    return db, folder


def test_timeline_first_appearance_and_zeros(tiny_db):
    db, folder = tiny_db
    rows = terms.timeline_rows("新质生产力", db=db)
    cells = {(r["region"], r["year"]): r for r in rows}
    assert cells[("某市", 2021)]["count"] == 0 and cells[("某市", 2021)]["documents"] == 1
    assert cells[("某市", 2022)]["count"] == 3
    assert cells[("某镇", 2022)]["count"] == 0
    first = cells[("某市", 2022)]
    path, line = first["first_source"].rsplit(":", 1)
    assert "新质生产力" in Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert first["first_sentence"] == "过去一年，我们加快发展新质生产力，保障和改善民生。"
    columns, summary = terms.timeline_summary(rows)
    by_region = {r["region"]: r for r in summary}
    assert by_region["某市"]["first_year"] == 2022 and by_region["某市"]["2021"] == 0
    assert by_region["某镇"]["first_year"] is None and by_region["某镇"]["2021"] is None
    assert summary[0]["region"] == "某市"  # ordered by first appearance


def test_timeline_counts_by_the_rule(tiny_db):
    db, _ = tiny_db
    cells = {(r["region"], r["year"]): r["count"] for r in terms.timeline_rows("民生", db=db)}
    assert cells == {("某市", 2021): 0, ("某市", 2022): 1, ("某镇", 2022): 1}  # not 人民|生活


def test_kwic_lines_point_at_the_raw_text(tiny_db):
    db, _ = tiny_db
    rows = terms.kwic_rows(["新质生产力", "民生"], db=db, width=6)
    assert [r["written"] for r in rows] == ["新质生产力", "民生", "新质生产力", "新质生产力", "民生"]
    for r in rows:
        raw = Path(r["path"]).read_text(encoding="utf-8").splitlines()[r["line"] - 1]
        assert r["left"] + r["written"] + r["right"] in raw
        assert len(r["left"]) <= 6 and len(r["right"]) <= 6
    assert terms.kwic_rows("新质生产力", db=db, width=6, limit=1)[0]["right"] == "，保障和改善"


def test_search_follows_the_rule(tiny_db):
    from sq_nlp import query

    db, _ = tiny_db
    hits = query.search_rows("民生", db=db)
    assert sorted(h["region"] for h in hits) == ["某市", "某镇"]
    assert all("«民生»" in h["snippet"] for h in hits)


def test_cli_timeline_and_kwic(tiny_db, capsys):
    db, _ = tiny_db
    assert main(["timeline", "新质生产力", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "新质生产力: first in 某市 2022; in 1 of 3 stored reports" in err
    assert "city_2022.txt:5" in out
    assert main(["timeline", "新质生产力", "--db", str(db), "--long", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["region"], r["year"], r["count"]) for r in rows} == {("某市", 2021, 0), ("某市", 2022, 3),
                                                                  ("某镇", 2022, 0)}
    assert main(["kwic", "新质生产力", "--db", str(db), "--width", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("【新质生产力】" in line for line in lines)
    col = {line.index("【") for line in lines}
    assert len(col) == 1  # aligned on the keyword (the sources have the same width here)
    assert main(["kwic", "", "--db", str(db)]) == 1
    assert "empty term" in capsys.readouterr().err


def test_term_commands_load_no_heavy_library(tiny_db):
    db, _ = tiny_db
    code = ("import sys; from sq_nlp.cli import main; main(['timeline', '民生', '--db', sys.argv[1]]); "
            "main(['kwic', '民生', '--db', sys.argv[1]]); main(['measure', '--db', sys.argv[1]]); "
            "print('loaded:' + ','.join(m for m in ('jieba', 'rjieba', 'sklearn', 'pandas', 'matplotlib') "
            "if m in sys.modules), file=sys.stderr)")
    res = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True)
    assert res.stderr.strip().splitlines()[-1] == "loaded:"


def test_dataframes(tiny_db):
    db, _ = tiny_db
    frame = terms.timeline("新质生产力", db=db)
    assert list(frame["region"]) == ["某市", "某镇"]
    assert str(frame["first_year"].dtype) == "Int64" and frame["first_year"].isna().tolist() == [False, True]
    assert frame.loc[0, "2022"] == 3 and frame["2021"].isna().tolist() == [False, True]
    assert len(terms.timeline("民生", db=db, long=True)) == 3
    k = terms.kwic("民生", db=db, width=3)
    assert list(k.columns)[:6] == ["source", "region", "year", "left", "written", "right"] and len(k) == 2


def test_one_document_stands_for_each_region_and_year():
    from sq_nlp.store.db import StoredDocument

    def doc(i: int, region: str | None, year: int | None, chars: int) -> StoredDocument:
        return StoredDocument(i, f"d{i}", f"/d{i}", "0", None, None, None, region, year, None, None, chars,
                              0, 0, 0, "")

    docs = [doc(1, "全国", 2024, 18000), doc(2, "全国", 2024, 900),  # the report and a scanned page of it
            doc(3, "全国", 2023, 17000), doc(4, None, None, 10), doc(5, "甲市", 2024, 100)]
    assert [d.id for d in terms.select(docs)] == [1, 3, 4, 5]
    assert [d.id for d in terms.select(docs, region="全国", year=2024)] == [1]
