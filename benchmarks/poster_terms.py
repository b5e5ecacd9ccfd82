"""Keyphrases against the blind poster-term reference (tests/data/poster_terms).

For each reference report, every system lists 20 terms; the store is every
report of ``../shared/corpus`` (national, provinces, .txt and .docx) plus the
seed, so each report is scored with the others as its corpus. The seed is
read from the repository's ``corpus/`` (the reference names the shared clean
copy of the same page, whose headline marks are gold markup).

Systems: ours in each mode (``poster``, ``research``), our word TF-IDF with
the corpus IDF, and jieba.analyse's TF-IDF (``extract_tags``) and TextRank
with their defaults on the report's text. Last, the keyword stage over the
same reports is timed against plain ``jieba.lcut`` of their texts: learned
from the reports' tokens (word IDF, phrase statistics, both modes' lists,
once per store) and read back from the lists kept beside a store (a page).

Rules, the same for every system (quote marks are ignored everywhere):

* a term **counts** for a reference term when it equals the term or one of
  its variants; recall@k is counted reference terms over all reference terms;
* a **number** is a term of digits and numeric signs with at most one
  character after them (2020, 11, 315, 30条);
* a **generic word** is one word of jieba's general dictionary with
  dictionary frequency >= 100 (basic vocabulary, not a listed phrase such as
  扩大内需) found in at least half of the corpus's reports (推进, 建设, 企业);
* a **fragment** is a term that (a) the report never writes, (b) is part of
  another term of the same top 20, (c) the report writes at least twice and
  nearly always (>= 80%) continues with the same noun of plain jieba's cut
  (山区 of 山区/海岛/县; a verb after it, as in 现代化产业体系/建设, does not
  count), or (d) in most of its occurrences starts or ends inside a word of
  plain jieba's cut of the report (大城 of 超大/城市, 315 of 3150).
  Occurrences are sought in the report's text with its quote marks removed.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = ROOT / "tests" / "data" / "poster_terms" / "reference.jsonl"
# Two more readers' reference on 17 reports the first does not cover, made
# after the rules were written: scored on its own rows, never tuned against.
HELDOUT = ROOT / "tests" / "data" / "poster_terms" / "heldout.jsonl"
# A fourth reader's, on nine more provincial reports, written after the rules of
# its day: scored on its own rows.
FRESH = ROOT / "tests" / "data" / "poster_terms" / "fresh.jsonl"
# A fifth reader's, on the six reports no other reference covers (five national,
# 重庆 2025): scored on its own rows (its misses were listed once, with the others', on 2026-11-30).
FRESH2 = ROOT / "tests" / "data" / "poster_terms" / "fresh2.jsonl"
# A sixth reader's, on eight reports the references above cover: how far two
# readers agree (the second's ten against the first's), and a reference of its own.
SECOND = ROOT / "tests" / "data" / "poster_terms" / "second.jsonl"
# A seventh reader's, on eight more covered reports: scored on its own rows.
THIRD = ROOT / "tests" / "data" / "poster_terms" / "third.jsonl"
# An eighth reader of eight provincial reports one reader covered, scored once when it came
# (its misses were listed on 2026-12-01, no rule made from them).
EIGHTH = ROOT / "tests" / "data" / "poster_terms" / "eighth.jsonl"
# A ninth reader of eight more reports one reader covered: its misses are not read.
NINTH = ROOT / "tests" / "data" / "poster_terms" / "ninth.jsonl"
SEED = ROOT / "corpus" / "shengquan_2020.txt"
SEED_REF = "eval/seed/clean.txt"
TOP = 20

_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'")
_NUMBER = re.compile(r"[\d.,%+／/:：-]+[\u3400-\u9fff%]?")
_CJK_OR_ALNUM = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def plain(term: str) -> str:
    return term.translate(_QUOTES).strip()


def is_number(term: str) -> bool:
    return bool(_NUMBER.fullmatch(plain(term)))


def is_generic(term: str, basic: frozenset[str], doc_share: Callable[[str], float]) -> bool:
    t = plain(term)
    return t in basic and doc_share(t) >= 0.5


def _cut_bounds(text: str) -> tuple[set[int], set[int], dict[int, tuple[str, str]]]:
    """Start and end offsets of plain jieba's words in ``text``, and the
    word (with its part of speech) starting at each offset."""
    from jieba import posseg

    starts, ends, at, pos = set(), set(), {}, 0
    for p in posseg.lcut(text):
        starts.add(pos)
        at[pos] = (p.word, p.flag)
        pos += len(p.word)
        ends.add(pos)
    return starts, ends, at


def fragment_reason(term: str, listed: Sequence[str], text: str, bounds: Any) -> str | None:
    t = plain(term)
    spots = [m.start() for m in re.finditer(re.escape(t), text)]
    if not spots:
        return "not in text"
    if any(t != plain(o) and t in plain(o) for o in listed):
        return "part of another listed term"
    starts, ends, at = bounds
    if len(spots) >= 2:
        after = Counter(at.get(s + len(t), ("", ""))for s in spots)
        (word, flag), n = after.most_common(1)[0]
        if word and _CJK_OR_ALNUM.match(word) and flag.startswith("n") and n >= 0.8 * len(spots):
            return f"always before {word}"
    cut = sum(1 for s in spots if s not in starts or s + len(t) not in ends)
    if cut > len(spots) / 2:
        return "cuts a word"
    return None


def _basic_words() -> frozenset[str]:
    from sq_nlp.summaries.keywords.phrases import basic_words

    return basic_words()


def load_corpus() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every corpus report and the seed, extracted; the reference lines."""
    from sq_nlp.extract.document import extract_path

    corpus = SHARED / "corpus"
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".docx"))
    ex = {str(p.relative_to(corpus)): extract_path(p) for p in files}
    ex[SEED_REF] = extract_path(SEED)
    return ex, read_reference(REFERENCE)


def read_reference(path: Path) -> list[dict[str, Any]]:
    """The lines of a reference file (``[]`` where it is absent)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cut_blocks(ex: dict[str, Any]) -> dict[str, list[list[str]]]:
    """Each report's blocks cut by the shared Segmenter (what the store keeps)."""
    from sq_nlp.language.segment import default_segmenter

    seg = default_segmenter()
    return {k: [seg.cut(b.text) for b in e.blocks] for k, e in ex.items()}


def stage_times(ex: dict[str, Any], tokens: dict[str, list[list[str]]]) -> tuple[float, float, float]:
    """Seconds of the keyword stage over the corpus learned from the stored
    tokens (word IDF, phrase documents, phrase statistics, both modes' lists
    of every report, as ``write_outputs`` learns them once per store), of
    the same lists and IDF read back from beside a store (what a report page,
    a cloud or ``sq-nlp keywords --doc`` does), and of plain ``jieba.lcut`` of
    the same reports: best of two runs each."""
    import tempfile
    from types import SimpleNamespace

    import jieba

    from sq_nlp.language.segment import default_segmenter
    from sq_nlp.summaries.keywords import learn_idf_from_tokens, learn_phrase_stats, phrase_document
    from sq_nlp.summaries.keywords.background import with_background
    from sq_nlp.summaries.keywords.cache import _load, _save, load_lists, rank_all, save_lists
    from sq_nlp.summaries.keywords.phrases import basic_words

    jieba.setLogLevel(60)
    jieba.initialize()
    basic_words()  # the dictionaries, read once per process like jieba's own
    seg = default_segmenter()
    texts = [e.document.text for e in ex.values()]
    out: dict[str, Any] = {}

    def stage() -> None:
        out["idf"] = learn_idf_from_tokens([list(chain.from_iterable(tokens[k])) for k in ex], segmenter=seg)
        docs = {e.document.path: phrase_document(e, tokens[k]) for k, e in ex.items()}
        out["lists"] = rank_all(docs, learn_phrase_stats(with_background(list(docs.values()))))

    def best(func: Callable[[], Any]) -> float:
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            func()
            times.append(time.perf_counter() - t0)
        return min(times)

    cold = best(stage)
    stored = [SimpleNamespace(id=i, path=k, sha256=str(i), ingested_at="", year=e.document.year,
                              region=e.document.region) for i, (k, e) in enumerate(ex.items())]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        save_lists(db, stored, out["lists"])
        idf = out["idf"]
        _save(db, "idf", stored, {"weights": dict(idf.weights), "default": idf.default, "source": idf.source,
                                  "n_docs": idf.n_docs})

        def warm() -> None:
            lists = load_lists(db, stored)
            assert lists is not None and _load(db, "idf", stored) is not None
            for k in lists:
                lists[k]["poster"][:20]

        kept = best(warm)
    return cold, kept, best(lambda: [jieba.lcut(t) for t in texts])


def alone_lists(ex: dict[str, Any], tokens: dict[str, list[list[str]]], files: Sequence[str]
                ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each of ``files`` alone in its store, as a district office that
    ingests only its own report has it: its poster top terms without the
    background reports, and with them, its own region's reports left out of
    the background (a report the package does not ship, as the hidden
    provinces are)."""
    from sq_nlp.summaries.keywords import keyphrases, learn_phrase_stats, phrase_document, region_terms
    from sq_nlp.summaries.keywords.background import background_documents, with_background

    background = background_documents()
    without: dict[str, list[str]] = {}
    beside: dict[str, list[str]] = {}
    for f in files:
        d = phrase_document(ex[f], tokens[f])
        own = region_terms([d.region])
        for out, docs in ((without, [d]),
                          (beside, with_background([d], [b for b in background if b.region != d.region]))):
            out[f] = [p.term for p in keyphrases(d, learn_phrase_stats(docs), mode="poster", top=TOP, exclude=own)]
    return without, beside


def systems(ex: dict[str, Any], tokens: dict[str, list[list[str]]]) -> dict[str, dict[str, list[str]]]:
    """name -> report -> its top terms."""
    import jieba
    import jieba.analyse

    from sq_nlp.summaries.keywords import (
        document_segmenter,
        keyphrases,
        keywords,
        learn_idf,
        learn_phrase_stats,
        phrase_document,
        region_terms,
    )
    from sq_nlp.summaries.keywords.background import with_background
    from sq_nlp.summaries.report import document_words

    jieba.setLogLevel(60)
    docs = {k: phrase_document(e, tokens[k]) for k, e in ex.items()}
    # as the store learns them: its reports hold every region and year of the background
    stats = learn_phrase_stats(with_background(list(docs.values())))
    texts = {k: "\n".join(b.text for b in e.blocks if b.kind in ("paragraph", "heading")) for k, e in ex.items()}
    all_words = sorted({w for e in ex.values() for w in document_words(e)})
    idf = learn_idf(list(texts.values()), segmenter=document_segmenter(all_words))
    out: dict[str, dict[str, list[str]]] = {}
    for mode in ("poster", "research"):
        out[f"ours, {mode}"] = {k: [p.term for p in keyphrases(d, stats, mode=mode, top=TOP,
                                                               exclude=region_terms([d.region]))]
                                for k, d in docs.items()}
    out["ours, word tfidf"] = {
        k: [w.term for w in keywords(texts[k], idf=idf, segmenter=document_segmenter(document_words(e)), top=TOP,
                                     exclude=region_terms([e.document.region]))]
        for k, e in ex.items()}
    out["jieba tfidf"] = {k: jieba.analyse.extract_tags(texts[k], topK=TOP) for k in ex}
    out["jieba textrank"] = {k: jieba.analyse.textrank(texts[k], topK=TOP) for k in ex}
    return out


def score(ex: dict[str, Any], ref: list[dict[str, Any]], lists: dict[str, list[str]],
          basic: frozenset[str], doc_share: Callable[[str], float]) -> dict[str, Any]:
    hit10 = hit20 = total = 0
    fragments: list[tuple[str, str, str]] = []
    numbers: list[str] = []
    generic: list[str] = []
    for r in ref:
        # the repaired text (a raw OCR column break would hide 重任在肩 as 重任\n在肩)
        text = plain("\n".join(b.text for b in ex[r["file"]].blocks))
        listed = lists[r["file"]][:TOP]
        plain_listed = {plain(t) for t in listed}
        for t in r["terms"]:
            variants = {plain(v) for v in t["variants"]}
            total += 1
            hit10 += bool(variants & {plain(x) for x in listed[:10]})
            hit20 += bool(variants & plain_listed)
        bounds = _cut_bounds(text)
        for term in listed:
            if is_number(term):
                numbers.append(term)
                continue
            why = fragment_reason(term, listed, text, bounds)
            if why:
                fragments.append((r["file"], term, why))
            if is_generic(term, basic, doc_share):
                generic.append(term)
    return {"recall@10": hit10 / total, "recall@20": hit20 / total, "fragments": fragments, "numbers": numbers,
            "generic": generic, "reports": len(ref)}


def reader_agreement(second: Path, firsts: Sequence[Path]) -> tuple[float, int] | None:
    """How many of the first reader's terms the second reader's ten name
    (the term itself among the first's variants, as a system's terms are
    counted), over the reports both read; None without such reports."""
    first = {r["file"]: r for path in firsts for r in read_reference(path)}
    hits = total = reports = 0
    for r in read_reference(second):
        if r["file"] not in first:
            continue
        reports += 1
        named = {plain(t["term"]) for t in r["terms"]}
        for t in first[r["file"]]["terms"]:
            total += 1
            hits += bool({plain(v) for v in t["variants"]} & named)
    return (hits / total, reports) if total else None


def run(row: Callable[..., None]) -> None:
    """The poster-term section of ``make bench``."""
    if not (SHARED / "corpus").exists():
        row("poster", "reference", "n/a (no ../shared/corpus)")
        return
    t0 = time.perf_counter()
    ex, ref = load_corpus()
    missing = [r["file"] for r in ref if r["file"] not in ex]
    if missing:
        row("poster", "reference reports not in the corpus", ", ".join(missing))
        ref = [r for r in ref if r["file"] in ex]
    basic = _basic_words()
    plain_texts = [plain(e.document.text) for e in ex.values()]
    share_cache: dict[str, float] = {}

    def doc_share(term: str) -> float:
        if term not in share_cache:
            share_cache[term] = sum(term in t for t in plain_texts) / len(plain_texts)
        return share_cache[term]

    tokens = cut_blocks(ex)
    lists_by_system = systems(ex, tokens)
    results = {name: score(ex, ref, lists, basic, doc_share) for name, lists in lists_by_system.items()}
    n = len(ref)
    row("poster", f"reference: {n} reports x 10 terms, corpus {len(ex)} reports", f"{time.perf_counter() - t0:.0f} s")
    for name, s in results.items():
        row("poster", f"{name}: recall@10 / recall@20", f"{s['recall@10']:.2f} / {s['recall@20']:.2f}",
            ">= 0.7 @20" if name.startswith("ours, poster") else "")
        row("poster", f"{name}: fragments / numbers / generic in top 20",
            f"{len(s['fragments'])} / {len(s['numbers'])} / {len(s['generic'])}",
            "0 / 0 / -" if name.startswith("ours") else "")
    for name in ("ours, poster", "ours, research"):
        for file, term, why in results[name]["fragments"][:8]:
            row("poster", f"  {name} fragment: {term} ({Path(file).stem})", why[:22])
        for term in results[name]["numbers"][:8]:
            row("poster", f"  {name} number: {term}", "")
    for path, label, short in ((HELDOUT, "held-out reference (two more readers)", "held out"),
                               (FRESH, "fresh reference (a fourth reader, after the rules)", "fresh"),
                               (FRESH2, "second fresh reference (a fifth reader)", "fresh 2"),
                               (SECOND, "second reader of eight covered reports", "second"),
                               (THIRD, "seventh reader of eight more covered reports", "seventh"),
                               (EIGHTH, "eighth reader of eight provincial reports", "eighth"),
                               (NINTH, "ninth reader of eight provincial reports (misses never read)", "ninth")):
        refs = [r for r in read_reference(path) if r["file"] in ex]
        if not refs:
            continue
        row("poster", f"{label}: {len(refs)} reports x 10 terms", "")
        for name, lists in lists_by_system.items():
            s = score(ex, refs, lists, basic, doc_share)
            row("poster", f"  {short}, {name}: recall@10 / @20; fragments / numbers / generic",
                f"{s['recall@10']:.2f} / {s['recall@20']:.2f}; "
                f"{len(s['fragments'])} / {len(s['numbers'])} / {len(s['generic'])}")
    every = {p: [r for r in read_reference(p) if r["file"] in ex]
             for p in (REFERENCE, HELDOUT, FRESH, FRESH2, SECOND, THIRD, EIGHTH, NINTH)}
    without, beside = alone_lists(ex, tokens, sorted({r["file"] for refs in every.values() for r in refs}))
    for label, refs in (("the first seven readers", [r for p, rs in every.items() if p not in (EIGHTH, NINTH)
                                                     for r in rs]),
                        ("eighth reader", every[EIGHTH]), ("ninth reader", every[NINTH])):
        if refs:
            a, b = score(ex, refs, without, basic, doc_share), score(ex, refs, beside, basic, doc_share)
            row("poster", f"each report alone in its store, {label}: recall@20 without / with background",
                f"{a['recall@20']:.2f} / {b['recall@20']:.2f} (@10 {a['recall@10']:.2f} / {b['recall@10']:.2f})")
    agreement = reader_agreement(SECOND, (REFERENCE, HELDOUT, FRESH))
    if agreement is not None:
        row("poster", "a second reader's 10 terms vs the first reader's, same reports: recall@10",
            f"{agreement[0]:.2f} ({agreement[1]} reports)")
    cold, kept, lcut = stage_times(ex, tokens)
    row("poster", f"keyword stage, {len(ex)} reports, learned vs jieba.lcut", f"{cold / lcut:.3f}x ({cold:.2f} s)",
        "<= 0.1x")
    row("poster", f"keyword stage, {len(ex)} reports, kept lists vs jieba.lcut", f"{kept / lcut:.3f}x ({kept:.2f} s)",
        "<= 0.1x")
