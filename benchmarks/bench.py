"""make bench: quality scores and speed ratios, each against a baseline measured in the same run.

Every speed figure is a ratio to something timed here, on this machine, now,
so the table holds on a noisy machine; nothing here is asserted by the tests.

    python benchmarks/bench.py [--mb 20] [--memory-mb 100] [--quick]

Sections: layout scores (seed, simulated newspaper columns), figure and slogan
scores on the seed, segmentation quality, throughput per stage against plain
``jieba.lcut``, workers 2 vs 1, a second run, the database's size against the
text it holds, peak memory, query start-up on the 100 MB store, summaries
(seconds per report, adding one report), word-cloud scale, topic agreement.
``--only SECTION`` (repeatable) runs some of them. Shared evaluation data is read from
``../shared`` beside the repository; sections that need it say so when absent.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "corpus" / "shengquan_2020.txt"
CORPUS = SHARED / "corpus"

ROWS: list[tuple[str, str, str, str]] = []
REPEAT = 2  # speed figures are the best of this many runs, the baseline's too


def row(section: str, name: str, value: str, target: str = "") -> None:
    """Record and print one line of the table."""
    ROWS.append((section, name, value, target))
    print(f"{section:<12} {name:<44} {value:<22} {target}", flush=True)


def timed(func: Callable[[], Any], repeat: int = 1, clock: Callable[[], float] = time.perf_counter
          ) -> tuple[float, Any]:
    """Best time of ``repeat`` calls (wall time unless another ``clock``), and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = clock()
        out = func()
        best = min(best, clock() - t0)
    return best, out


def cpu_timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """:func:`timed` in this process's CPU time: for work in one process it is
    what wall time is on an idle machine, and other users of a shared machine
    barely move it (wall time there moved stage ratios by 3x between runs)."""
    return timed(func, repeat, time.process_time)


def corpus_files() -> list[Path]:
    files = sorted(p for p in CORPUS.glob("*.txt")) if CORPUS.exists() else []
    return files or [SEED]


# -- quality ---------------------------------------------------------------


def bench_layout() -> None:
    from sq_nlp.ingest.reader import ingest
    from sq_nlp.extract.layout import repair
    from sq_nlp.extract.layout_eval import reset_in_columns, score_layout

    clean = SHARED / "eval" / "seed" / "clean.txt"
    if clean.exists():
        doc = ingest(SEED)
        s = score_layout(doc.text, clean.read_text(encoding="utf-8"), headline_position=doc.headline_position)
        row("layout", "seed paragraphs exact (found/gold)", f"{s['paragraphs_found']}/{s['paragraphs_gold']}", "20/20")
        row("layout", "seed paragraph F1", f"{s['paragraph_f1']:.3f}", "1.000")
        row("layout", "seed headline F1", f"{s['headline_f1']:.3f}", ">= 0.9")
        row("layout", "seed CJK spaces / lost chars / bad offsets",
            f"{s['cjk_spaces']} / {s['lost_characters']} / {s['bad_offsets']}", "0 / 0 / 0")
        auto = score_layout(doc.text, clean.read_text(encoding="utf-8"), headline_position="auto")
        row("layout", "seed paragraph F1, headline position auto", f"{auto['paragraph_f1']:.3f}", "1.000")
    else:
        row("layout", "seed", "n/a (no ../shared/eval)")
    if not CORPUS.exists():
        return
    for indent in (False, True):
        f1s, h1s = [], []
        for k, path in enumerate(p for p in corpus_files() if not p.name.startswith("raw_")):
            blocks = repair(ingest(path).text)
            for width, after in ((12, False), (15, True), (18, False)):
                raw, gold = reset_in_columns(blocks, width=width, seed=k * 100 + width,
                                             headlines_after=after, indent=indent)
                s = score_layout(raw, gold)
                f1s.append(s["paragraph_f1"])
                h1s.append(s["headline_f1"])
        how = "indented, no blank lines" if indent else "blank lines, column breaks"
        row("layout", f"corpus in columns ({how}): paragraph F1 mean/min",
            f"{statistics.mean(f1s):.3f} / {min(f1s):.3f}", ">= 0.9")
        row("layout", f"corpus in columns ({how}): headline F1 mean", f"{statistics.mean(h1s):.3f}")


def bench_scripts() -> None:
    """The figure, slogan and segmentation scorers, as their scripts print them."""
    for script, section in (("score_figures.py", "figures"), ("score_slogans.py", "slogans"),
                            ("score_segmentation.py", "segment")):
        path = ROOT / "scripts" / script
        if not path.exists():
            continue
        out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=ROOT)
        lines = [ln for ln in out.stdout.splitlines() if ln.strip()][-12:]
        for line in lines:
            row(section, line.strip()[:80], "")


# -- speed -----------------------------------------------------------------


def load_texts(target_mb: float) -> list[tuple[str, bytes]]:
    """Corpus files repeated until their bytes reach ``target_mb``."""
    files = [(p.name, p.read_bytes()) for p in corpus_files()]
    out: list[tuple[str, bytes]] = []
    total = 0
    while total < target_mb * 1e6:
        for name, data in files:
            out.append((name, data))
            total += len(data)
    return out


def bench_stages(target_mb: float) -> None:
    import jieba

    from sq_nlp.extract.figures.find import extract_figures
    from sq_nlp.ingest.reader import decode_text
    from sq_nlp.extract.layout import repair
    from sq_nlp.records import Document
    from sq_nlp.language.segment import default_segmenter
    from sq_nlp.extract.slogans import extract_slogans
    from sq_nlp.store.db import open_store

    items = load_texts(target_mb)
    texts = [decode_text(data, name)[0] for name, data in items]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    row("speed", "text measured (CPU time of this process)", f"{mb:.1f} MB UTF-8 ({len(texts)} docs)")

    jieba.setLogLevel(60)
    jieba.initialize()
    base, _ = cpu_timed(lambda: [jieba.lcut(t) for t in texts], repeat=REPEAT)

    stages: dict[str, float] = {}
    stages["ingest+layout"], blocks_list = cpu_timed(
        lambda: [repair(decode_text(data, name)[0]) for name, data in items], repeat=REPEAT)
    docs = [Document(path=f"{name}#{i}", sha256=str(i), encoding="utf-8", format="txt", text=t, year=2024, period=2023)
            for i, ((name, _), t) in enumerate(zip(items, texts))]
    seg = default_segmenter()
    seg.cut("预热")
    stages["segmentation"], tokens = cpu_timed(
        lambda: [tuple(tuple(seg.cut(b.text)) for b in blocks) for blocks in blocks_list], repeat=REPEAT)
    stages["figures"], figures = cpu_timed(
        lambda: [tuple(extract_figures(d, b)) for d, b in zip(docs, blocks_list)], repeat=REPEAT)
    stages["slogans"], slogans = cpu_timed(
        lambda: [tuple(extract_slogans(d, b)) for d, b in zip(docs, blocks_list)], repeat=REPEAT)
    from sq_nlp.summaries.keywords import learn_idf_from_tokens

    # As the summaries do: IDF from the tokens the segmentation stage produced
    # (and the store keeps); each copy made distinct, since identical
    # documents count once.
    stages["keywords"], _ = cpu_timed(lambda: learn_idf_from_tokens(
        [[t for block in doc for t in block] + [f"副本{i}"] for i, doc in enumerate(tokens)], segmenter=seg))
    from sq_nlp.pipeline import BATCH_DOCUMENTS
    from sq_nlp.records import Extraction
    from sq_nlp.store.db import prepare_document

    def write_all() -> None:
        # As the batch run does: rows prepared per document (in the workers),
        # written in batches by the one writer.
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "bench.db")
            rows = [(prepare_document(Extraction(d, tuple(bl), fi, sl), toks), "")
                    for d, bl, toks, fi, sl in zip(docs, blocks_list, tokens, figures, slogans)]
            for i in range(0, len(rows), BATCH_DOCUMENTS):
                store.write_many(rows[i:i + BATCH_DOCUMENTS])
            store.close()

    stages["store"], _ = cpu_timed(write_all, repeat=REPEAT)
    # The baseline once more after the stages, best of all: on a shared machine
    # a quiet spell should favour neither side.
    base = min(base, cpu_timed(lambda: [jieba.lcut(t) for t in texts])[0])
    row("speed", "baseline: plain jieba.lcut", f"{mb / base:.2f} MB/s", "1.00x")
    total = sum(stages.values())
    for name, sec in stages.items():
        row("speed", f"stage {name}", f"{mb / sec:.2f} MB/s", f"{sec / base:.2f}x of baseline")
    row("speed", "pipeline total, one process", f"{mb / total:.2f} MB/s", f"{total / base:.2f}x (target <= 0.6)")
    rj, _ = cpu_timed(lambda: [seg.cut(t) for t in texts[: max(1, len(texts) // 4)]])
    jb_seg = type(seg)(backend="jieba", extra_words=seg.extra_words)
    jb_seg.cut("预热")
    jj, _ = cpu_timed(lambda: [jb_seg.cut(t) for t in texts[: max(1, len(texts) // 4)]])
    row("speed", "Segmenter rjieba vs jieba backend", f"{jj / rj:.1f}x faster")


def make_corpus_dir(dest: Path, target_mb: float) -> int:
    """Distinct report files (a numbered line makes each copy's content unique)."""
    dest.mkdir(parents=True, exist_ok=True)
    n, total = 0, 0
    sources = [p for p in corpus_files() if not p.name.startswith("raw_")]
    while total < target_mb * 1e6:
        for p in sources:
            text = p.read_text(encoding="utf-8") + f"\n（副本{n}）\n"
            out = dest / f"{p.stem}_{n:04d}.txt"
            out.write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
            n += 1
    return n


def run_cli(args: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sq_nlp", *args], check=True, cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def bench_workers(target_mb: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = make_corpus_dir(corpus, target_mb)
        best = 0.0
        for k in range(REPEAT + 1):  # best of several pairs: the machine is shared
            one = run_cli(["run", str(corpus), "--db", str(Path(tmp) / f"w1_{k}.db"), "--workers", "1",
                           "--no-summaries"])
            two = run_cli(["run", str(corpus), "--db", str(Path(tmp) / f"w2_{k}.db"), "--workers", "2",
                           "--no-summaries"])
            best = max(best, one / two)
        row("scale", f"--workers 2 vs 1 ({n} files, {target_mb:.0f} MB)", f"{best:.2f}x speed-up", ">= 1.8x")
        again = run_cli(["run", str(corpus), "--db", str(Path(tmp) / "w2_0.db"), "--workers", "2", "--no-summaries"])
        row("scale", "second run over an unchanged corpus", f"{again / two:.3f}x of first", "<= 0.05x")
        text = sum(len(p.read_text(encoding="utf-8").encode("utf-8")) for p in corpus.glob("*.txt"))
        size = db_size(Path(tmp) / "w2_0.db")
        row("store", f"database / UTF-8 text ({n} files, {text / 1e6:.0f} MB)", f"{size / text:.2f}x", "<= 2.5x")


def db_size(path: Path) -> int:
    """Bytes of a database with its WAL (checkpointed when the last writer closed)."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def bench_store() -> None:
    """The store's size against the UTF-8 text it holds, on the shared corpus
    (every format: .txt, .docx, .pdf)."""
    if not CORPUS.exists():
        row("store", "shared corpus", "n/a (no ../shared/corpus)")
        return
    from sq_nlp.store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.db"
        run_cli(["run", str(CORPUS), "--db", str(db), "--workers", "2", "--no-summaries"])
        with open_store(db, readonly=True) as st:
            docs = st.documents()
            text = sum(len(st.document_text(d.id).encode("utf-8")) for d in docs)
        size = db_size(db)
        row("store", f"database / UTF-8 text (shared corpus, {len(docs)} reports, {text / 1e6:.1f} MB)",
            f"{size / text:.2f}x", "<= 2.5x")


BIG: dict[str, Path] = {}  # the memory section's database, for the query section


def bench_memory(target_mb: float, keep: Path) -> None:
    corpus = keep / "corpus"
    n = make_corpus_dir(corpus, target_mb)
    db = keep / "m.db"
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run([sys.executable, '-m', 'sq_nlp', 'run', sys.argv[1], '--db', sys.argv[2], "
        "'--workers', '1', '--no-summaries'], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(corpus), str(db)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    peak_mb = int(out.stdout.strip()) / 1024
    row("scale", f"peak memory, ingest {target_mb:.0f} MB ({n} files)", f"{peak_mb:.0f} MB", "<= 1024 MB")
    shutil.rmtree(corpus)
    BIG["db"] = db


def bench_query(target_mb: float, keep: Path) -> None:
    """Start-up of queries against a store of ``target_mb`` of text (the
    memory section's, or one made here), against starting Python."""
    db = BIG.get("db")
    if db is None:
        corpus = keep / "qcorpus"
        make_corpus_dir(corpus, target_mb)
        db = keep / "q.db"
        run_cli(["run", str(corpus), "--db", str(db), "--workers", "2", "--no-summaries"])
        shutil.rmtree(corpus)
    queries = {
        "figures --indicator GDP --year 2020 --region 全国": ["figures", "--indicator", "GDP", "--year", "2020",
                                                            "--region", "全国"],
        "search 新质生产力 (20 hits)": ["search", "新质生产力"],
        "figures --indicator GDP (every report's)": ["figures", "--indicator", "GDP"],
    }
    # As an installed package starts: with its bytecode cached (kept in a
    # folder of this run, so nothing is written into the source tree), even
    # where PYTHONDONTWRITEBYTECODE is set.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(keep / "pycache")
    for name, args in queries.items():
        times, base = [], []
        run_cli([*args, "--db", str(db), "--format", "json"], env=env)  # writes the bytecode
        for _ in range(7):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
            base.append(time.perf_counter() - t0)
            times.append(run_cli([*args, "--db", str(db), "--format", "json"], env=env))
        ratio = statistics.median(times) / statistics.median(base)
        row("query", f"{name}, {target_mb:.0f} MB store, vs python -c pass", f"{ratio:.1f}x",
            "" if "every" in name else "<= 10x")


def bench_summaries() -> None:
    """write_outputs: seconds per report for a full build, and what adding one
    report to the stored corpus costs (its own outputs and the corpus files)."""
    national = sorted(CORPUS.glob("national_china_20*.txt")) if CORPUS.exists() else []
    if len(national) < 3:
        row("summaries", "national reports", "n/a (no ../shared/corpus)")
        return
    from sq_nlp.summaries.outputs import write_outputs

    first, last = national[:-1], national[-1]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db, out = Path(tmp) / "c", Path(tmp) / "s.db", Path(tmp) / "out"
        corpus.mkdir()
        for p in first:
            shutil.copy(p, corpus / p.name)
        run_cli(["run", str(corpus), "--db", str(db), "--workers", "2", "--no-summaries"])
        full, _ = timed(lambda: write_outputs(db, out, workers=2, progress=False))
        row("summaries", f"full build, {len(first)} national reports, 2 workers", f"{full / len(first):.1f} s per report",
            f"{full:.0f} s in all")
        shutil.copy(last, corpus / last.name)
        run_cli(["run", str(corpus), "--db", str(db), "--workers", "2", "--no-summaries"])
        add, written = timed(lambda: write_outputs(db, out, workers=2, progress=False))
        row("summaries", f"adding report {len(first) + 1} ({len(written)} files made)", f"{add:.1f} s",
            f"{add / full:.2f}x of the full build")
        again, _ = timed(lambda: write_outputs(db, out, workers=2, progress=False))
        row("summaries", "again, nothing changed", f"{again:.1f} s")


def bench_cloud() -> None:
    from sq_nlp.summaries.keywords import term_frequencies
    from sq_nlp.summaries.visuals import CloudStyle, render_cloud

    freqs = term_frequencies(SEED.read_text(encoding="utf-8"))
    default, _ = timed(lambda: render_cloud(freqs, width=1600, style=CloudStyle(layout_width=1600)), repeat=3)
    large, _ = timed(lambda: render_cloud(freqs, width=4000), repeat=3)
    row("cloud", "4000 px cloud vs default 1600 px cloud", f"{large / default:.2f}x", "<= 1.0x")


def bench_topics() -> None:
    from sq_nlp.extract.document import extract_path
    from sq_nlp.summaries.keywords import document_segmenter
    from sq_nlp.summaries.report import document_words
    from sq_nlp.summaries.topics import agreement, fit_topics, paragraph_units, plain_lda_assignments

    ex = extract_path(SEED)
    units, sections = paragraph_units(ex.blocks)
    ours = fit_topics(units, n_topics=5, segmenter=document_segmenter(document_words(ex)))
    plain = plain_lda_assignments(units, n_topics=5)
    row("topics", "seed: NMI of paragraph topics vs sections, ours",
        f"{agreement(ours.assignments, sections):.3f}")
    row("topics", "seed: NMI, default LDA over plain jieba", f"{agreement(plain, sections):.3f}")


def bench_keywords() -> None:
    import jieba
    import jieba.analyse

    from sq_nlp.extract.document import extract_path
    from sq_nlp.summaries.keywords import document_segmenter, keywords
    from sq_nlp.summaries.report import document_words

    ex = extract_path(SEED)
    text = "\n".join(b.text for b in ex.blocks if b.kind == "paragraph")
    ours = keywords(text, method="tfidf", segmenter=document_segmenter(document_words(ex)), top=20)
    row("keywords", "seed top 20, ours", " ".join(k.term for k in ours))
    jieba.setLogLevel(60)
    row("keywords", "seed top 20, jieba.analyse.extract_tags",
        " ".join(jieba.analyse.extract_tags(SEED.read_text(encoding="utf-8"), topK=20)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="text size for the throughput and workers figures")
    parser.add_argument("--memory-mb", type=float, default=100.0, help="corpus size for the peak-memory figure")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    parser.add_argument("--only", action="append", metavar="SECTION",
                        help="run only this section (repeatable): layout, scores, stages, workers, store, "
                             "memory, query, summaries, cloud, topics, keywords")
    args = parser.parse_args(argv)
    if args.quick:
        args.mb, args.memory_mb = 2.0, 4.0
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'section':<12} {'figure':<44} {'value':<22} target")
    keep = Path(tempfile.mkdtemp(prefix="sq-nlp-bench-"))  # what one section leaves for another
    sections: list[tuple[str, Callable[[], None]]] = [
        ("layout", bench_layout),
        ("scores", bench_scripts),
        ("stages", lambda: bench_stages(args.mb)),
        ("workers", lambda: bench_workers(args.mb)),
        ("store", bench_store),
        ("memory", lambda: bench_memory(args.memory_mb, keep)),
        ("query", lambda: bench_query(args.memory_mb, keep)),
        ("summaries", bench_summaries),
        ("cloud", bench_cloud),
        ("topics", bench_topics),
        ("keywords", bench_keywords),
    ]
    for name, func in sections:
        if args.only and name not in args.only:
            continue
        try:
            func()
        except Exception as exc:  # a broken section must not hide the others
            row(name, "failed", f"{type(exc).__name__}: {exc}"[:80])
    shutil.rmtree(keep, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(ROWS, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(ROOT / ".bench-tmp", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
