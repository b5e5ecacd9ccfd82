"""make bench: quality scores and speed ratios, each against a baseline measured in the same run.

Every speed figure is a ratio to something timed here, on this machine, now,
so the table holds on a noisy machine; nothing here is asserted by the tests.

    python benchmarks/bench.py [--mb 20] [--memory-mb 100] [--quick]

Sections: layout scores (seed, simulated newspaper columns), figure and slogan
scores on the seed, segmentation quality, throughput per stage against plain
``jieba.lcut``, workers 2 vs 1, a second run, peak memory, query start-up,
word-cloud scale, topic agreement, OCR of rendered newspaper pages
(``--only ocr``: character error rate, paragraphs, figures, seconds per
page, bad scans). Shared evaluation data is read from
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


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


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
    row("speed", "text measured", f"{mb:.1f} MB UTF-8 ({len(texts)} docs)")

    jieba.setLogLevel(60)
    jieba.initialize()
    base, _ = timed(lambda: [jieba.lcut(t) for t in texts], repeat=REPEAT)
    row("speed", "baseline: plain jieba.lcut", f"{mb / base:.2f} MB/s", "1.00x")

    stages: dict[str, float] = {}
    stages["ingest+layout"], blocks_list = timed(
        lambda: [repair(decode_text(data, name)[0]) for name, data in items], repeat=REPEAT)
    docs = [Document(path=f"{name}#{i}", sha256=str(i), encoding="utf-8", format="txt", text=t, year=2024, period=2023)
            for i, ((name, _), t) in enumerate(zip(items, texts))]
    seg = default_segmenter()
    seg.cut("预热")
    stages["segmentation"], tokens = timed(
        lambda: [tuple(tuple(seg.cut(b.text)) for b in blocks) for blocks in blocks_list], repeat=REPEAT)
    stages["figures"], figures = timed(
        lambda: [tuple(extract_figures(d, b)) for d, b in zip(docs, blocks_list)], repeat=REPEAT)
    stages["slogans"], slogans = timed(
        lambda: [tuple(extract_slogans(d, b)) for d, b in zip(docs, blocks_list)], repeat=REPEAT)
    from sq_nlp.summaries.keywords import learn_idf_from_tokens

    # As the summaries do: IDF from the tokens the segmentation stage produced
    # (and the store keeps); each copy made distinct, since identical
    # documents count once.
    from sq_nlp.records import Extraction
    from sq_nlp.summaries.keywords import keyphrases, learn_phrase_stats, phrase_document

    def keywords_stage() -> None:
        learn_idf_from_tokens(
            [[t for block in doc for t in block] + [f"副本{i}"] for i, doc in enumerate(tokens)], segmenter=seg)
        # keyphrases of every report from the same tokens (what write_outputs does)
        pdocs = [phrase_document(Extraction(d, tuple(bl), (), sl), toks)
                 for d, bl, sl, toks in zip(docs, blocks_list, slogans, tokens)]
        stats = learn_phrase_stats(pdocs)
        for p in pdocs:
            keyphrases(p, stats, mode="poster")

    from sq_nlp.summaries.keywords.phrases import basic_words

    basic_words()  # a dictionary read once per process, like jieba's own
    stages["keywords"], _ = timed(keywords_stage, repeat=REPEAT)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")

        def write_all() -> None:
            for d, bl, toks, fi, sl in zip(docs, blocks_list, tokens, figures, slogans):
                store.write(Extraction(d, tuple(bl), fi, sl), toks)

        stages["store"], _ = timed(write_all)
        store.close()
    total = sum(stages.values())
    for name, sec in stages.items():
        row("speed", f"stage {name}", f"{mb / sec:.2f} MB/s", f"{sec / base:.2f}x of baseline")
    row("speed", "pipeline total, one process", f"{mb / total:.2f} MB/s", f"{total / base:.2f}x (target <= 1.0)")
    rj, _ = timed(lambda: [seg.cut(t) for t in texts[: max(1, len(texts) // 4)]])
    jb_seg = type(seg)(backend="jieba", extra_words=seg.extra_words)
    jb_seg.cut("预热")
    jj, _ = timed(lambda: [jb_seg.cut(t) for t in texts[: max(1, len(texts) // 4)]])
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


def run_cli(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sq_nlp", *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def bench_workers(target_mb: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = make_corpus_dir(corpus, target_mb)
        one = run_cli(["run", str(corpus), "--db", str(Path(tmp) / "w1.db"), "--workers", "1", "--no-summaries"])
        two = run_cli(["run", str(corpus), "--db", str(Path(tmp) / "w2.db"), "--workers", "2", "--no-summaries"])
        row("scale", f"--workers 2 vs 1 ({n} files, {target_mb:.0f} MB)", f"{one / two:.2f}x speed-up", ">= 1.7x")
        again = run_cli(["run", str(corpus), "--db", str(Path(tmp) / "w2.db"), "--workers", "2", "--no-summaries"])
        row("scale", "second run over an unchanged corpus", f"{again / two:.3f}x of first", "<= 0.05x")


def bench_memory(target_mb: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = make_corpus_dir(corpus, target_mb)
        code = (
            "import resource, subprocess, sys\n"
            "subprocess.run([sys.executable, '-m', 'sq_nlp', 'run', sys.argv[1], '--db', sys.argv[2], "
            "'--workers', '1', '--no-summaries'], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        )
        out = subprocess.run([sys.executable, "-c", code, str(corpus), str(Path(tmp) / "m.db")],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        peak_mb = int(out.stdout.strip()) / 1024
        row("scale", f"peak memory, ingest {target_mb:.0f} MB ({n} files)", f"{peak_mb:.0f} MB", "<= 1024 MB")


def bench_query() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "q.db")
        run_cli(["run", str(SEED), "--db", db, "--workers", "1", "--no-summaries"])
        times, base = [], []
        for _ in range(7):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            base.append(time.perf_counter() - t0)
            times.append(run_cli(["figures", "--indicator", "GDP", "--db", db, "--format", "json"]))
        ratio = statistics.median(times) / statistics.median(base)
        row("query", "figures --indicator GDP vs python -c pass", f"{ratio:.1f}x", "<= 10x")


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


def bench_poster() -> None:
    """Keyphrases against the blind poster-term reference (see benchmarks/poster_terms.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import poster_terms

    poster_terms.run(row)


# -- OCR of scanned pages ------------------------------------------------------

# (report, start at its heading number (None: the beginning, with the title),
#  page, scan): each page is read clean and scanned badly. Six reports, 4-8
# columns one or two bands deep, gutters of one to two characters with and
# without rules, photos with one- and two-line captions, framed sidebars.
OCR_PAGES: tuple[tuple[str, int | None, dict[str, Any], dict[str, Any]], ...] = (
    ("city_chongqing_2025.txt", None, dict(width=1400, height=1900, columns=(4,), font_px=24, photo=(1, 2)),
     dict(rotate=0.7, blur=0.8, noise=9.0, jpeg=55)),
    ("city_shanghai_2026.txt", 2, dict(width=1700, height=2200, columns=(6,), font_px=22, gutter=1.0, rules=True,
                                       photo=(3, 2), caption_lines=2, sidebar=2),
     dict(rotate=-0.5, blur=1.0, noise=6.0, jpeg=45)),
    ("national_china_2022.txt", 3, dict(width=1600, height=2200, columns=(5, 4), font_px=22, photo=(0, 2),
                                        sidebar=2),
     dict(rotate=1.0, blur=0.6, noise=12.0, jpeg=70)),
    ("national_china_2019.txt", 4, dict(width=2000, height=2200, columns=(8,), font_px=20, gutter=1.2,
                                        photo=(5, 3)),
     dict(rotate=-0.8, blur=0.8, noise=9.0, jpeg=55)),
    ("provinces/2025年四川省政府工作报告.docx", None, dict(width=1800, height=2400, columns=(7,), font_px=22,
                                                    gutter=1.0, rules=True, photo=(2, 3), caption_lines=2,
                                                    sidebar=3),
     dict(rotate=0.4, blur=1.2, noise=8.0, jpeg=50)),
    # The probe size: 2000x2800, four columns.
    ("provinces/云南省_2026.txt", 2, dict(width=2000, height=2800, columns=(4,), font_px=28, gutter=2.0,
                                       photo=(1, 2)),
     dict(rotate=-0.6, blur=0.9, noise=10.0, jpeg=60)),
)


def _ocr_pages() -> list[tuple[str, str, Any, Any]]:
    """(report, clean or degraded, spec, SynthPage) of the bench pages."""
    from sq_nlp.extract.ocr_synth import PageSpec, render_page, report_elements
    from sq_nlp.ingest import ingest

    out = []
    for k, (name, nth, spec, scan) in enumerate(OCR_PAGES):
        path = CORPUS / name
        if not path.exists():
            continue
        title, elems = report_elements(ingest(path).text)
        heads = [i for i, (kind, _) in enumerate(elems) if kind == "heading"]
        start = 0 if nth is None or not heads else heads[min(nth, len(heads) - 1)]
        for label, extra in (("clean", {}), ("degraded", scan)):
            ps = PageSpec(**{**spec, **extra, "seed": k})
            page, _ = render_page(elems[start:], ps, title=title if nth is None else ())
            out.append((Path(name).stem, label, ps, page))
    return out


def bench_ocr() -> None:
    """Reading order, paragraphs and figures of OCR'd newspaper pages against their true text."""
    import numpy as np

    from sq_nlp.extract.document import extract_document, extract_path
    from sq_nlp.extract.ocr_eval import cer, figure_f1, line_errors, paragraph_scores
    from sq_nlp.ingest import ingest
    from sq_nlp.ingest.ocr.engine import get_engine
    from sq_nlp.records import LOW_CONFIDENCE

    if not CORPUS.exists():
        row("ocr", "skipped", "no ../shared/corpus")
        return
    tmp = Path(tempfile.mkdtemp(prefix="sq-ocr-bench-"))
    engine = get_engine()  # model loading is not a page's time
    scores: dict[str, dict[str, list[float]]] = {"clean": {}, "degraded": {}}
    lines_low = lines_all = errors_low = errors_all = chars_low = chars_all = 0
    for name, label, spec, page in _ocr_pages():
        img = tmp / f"{name}_{label}.png"
        page.image.save(img)
        (tmp / "true.txt").write_text(page.text, encoding="utf-8")
        secs, doc = timed(lambda: ingest(img))
        ex = extract_document(doc)
        clean = extract_path(tmp / "true.txt")
        c = cer(doc.text, page.text)
        ps = paragraph_scores(list(ex.blocks), page.gold)
        ff = figure_f1(list(ex.figures), list(clean.figures))
        errs = line_errors(doc.text, doc.ocr_lines, page.text)
        for ln, e in zip(doc.ocr_lines, errs):
            low = ln.confidence < LOW_CONFIDENCE
            lines_all, errors_all, chars_all = lines_all + 1, errors_all + e, chars_all + ln.end - ln.start
            if low:
                lines_low, errors_low, chars_low = lines_low + 1, errors_low + e, chars_low + ln.end - ln.start
        extra = ""
        if label == "clean":
            # Baseline: the engine's own call (its line order, its own filtering).
            base_secs, (res, _) = timed(lambda: engine(np.asarray(page.image)))
            base = cer("".join(r[1] for r in res or []), page.text)
            extra = f"; engine's own call {base:.0%} CER, {base_secs:.0f} s"
            scores[label].setdefault("base", []).append(base)
            scores[label].setdefault("ratio", []).append(secs / base_secs)
        mp = spec.width * spec.height / 1e6
        row("ocr", f"{name} {label} {spec.width}x{spec.height} {'+'.join(map(str, spec.columns))} col",
            f"CER {c:.2%}, paragraphs {ps['paragraph_f1']:.2f}/{ps['paragraph_f1_aligned']:.2f}, "
            f"headlines {ps['headline_f1_aligned']:.2f}, captions {ps['caption_f1_aligned']:.2f}, "
            f"figures {ff:.3f} ({len(ex.figures)} vs {len(clean.figures)}), {secs:.0f} s{extra}")
        for key, value in (("cer", c), ("para", ps["paragraph_f1_aligned"]), ("exact", ps["paragraph_f1"]),
                           ("head", ps["headline_f1_aligned"]), ("cap", ps["caption_f1_aligned"]), ("fig", ff),
                           ("spmp", secs / mp)):
            scores[label].setdefault(key, []).append(value)
    for label, target_cer in (("clean", "<= 1%"), ("degraded", "<= 3%")):
        got = scores[label]
        if not got:
            continue
        n = len(got["cer"])
        row("ocr", f"{label} pages ({n}): CER mean / worst",
            f"{statistics.mean(got['cer']):.2%} / {max(got['cer']):.2%}", target_cer)
        row("ocr", f"{label}: paragraph F1 mean / worst (boundaries)",
            f"{statistics.mean(got['para']):.3f} / {min(got['para']):.3f}", ">= 0.95")
        row("ocr", f"{label}: paragraph F1, every character right",
            f"{statistics.mean(got['exact']):.3f} / {min(got['exact']):.3f}")
        row("ocr", f"{label}: headline / caption F1 mean",
            f"{statistics.mean(got['head']):.3f} / {statistics.mean(got['cap']):.3f}")
        row("ocr", f"{label}: figure F1 mean / worst (clean text: 1)",
            f"{statistics.mean(got['fig']):.3f} / {min(got['fig']):.3f}", ">= 0.97")
        row("ocr", f"{label}: seconds per megapixel (mean)", f"{statistics.mean(got['spmp']):.1f} s")
        if "base" in got:
            row("ocr", f"{label}: engine's own line order, CER mean", f"{statistics.mean(got['base']):.0%}",
                "(baseline)")
            row("ocr", f"{label}: time vs the engine's own call", f"{statistics.mean(got['ratio']):.2f}x")
    if lines_all:
        row("ocr", f"lines under confidence {LOW_CONFIDENCE}: lines / characters / errors",
            f"{lines_low}/{lines_all} / {chars_low}/{chars_all} / {errors_low}/{errors_all}")
    bench_ocr_pdf(tmp)
    bench_bad_scans(tmp)
    shutil.rmtree(tmp, ignore_errors=True)


def bench_ocr_pdf(tmp: Path) -> None:
    """A multi-page PDF without a text layer: page images at 200 dpi."""
    from sq_nlp.extract.ocr_eval import cer
    from sq_nlp.extract.ocr_synth import PageSpec, render_page, report_elements
    from sq_nlp.ingest import ingest

    title, elems = report_elements(ingest(CORPUS / "national_china_2021.txt").text)
    pages, texts, used = [], [], 0
    for k in range(3):
        spec = PageSpec(width=1400, height=1980, columns=(5,), font_px=22, photo=(1, 2) if k == 1 else None,
                        seed=10 + k, rotate=0.3 * (-1) ** k, blur=0.5, noise=5.0, jpeg=70)
        page, n = render_page(elems[used:], spec, title=title if k == 0 else ())
        used += n
        pages.append(page.image)
        texts.append(page.text)
    pdf = tmp / "scan.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=200)
    secs, doc = timed(lambda: ingest(pdf))
    per_page = [cer(t, true) for t, true in zip(doc.text.split("\f"), texts)]
    row("ocr", "PDF, 3 scanned pages (1400x1980 at 200 dpi)",
        f"CER {cer(doc.text, ''.join(texts)):.2%}", "<= 3% (lightly degraded)")
    row("ocr", "  CER per page", " ".join(f"{c:.2%}" for c in per_page))
    row("ocr", "  seconds per page", f"{secs / 3:.1f} s")


def bench_bad_scans(tmp: Path) -> None:
    """Bad scans give a clear error or flagged text, never a crash."""
    import numpy as np
    from PIL import Image

    from sq_nlp.errors import SqNlpError
    from sq_nlp.extract.document import extract_path
    from sq_nlp.extract.ocr_synth import PageSpec, render_page, report_elements
    from sq_nlp.ingest import ingest
    from sq_nlp.records import LOW_CONFIDENCE

    title, elems = report_elements(ingest(CORPUS / "city_chongqing_2025.txt").text)
    page, _ = render_page(elems[3:], PageSpec(width=900, height=1000, columns=(3,), font_px=22, photo=None))
    rng = np.random.default_rng(0)
    photo = np.clip(rng.normal(128, 50, (600, 800)).cumsum(axis=1) / 30 % 255, 0, 255).astype(np.uint8)
    cases = {
        "blank page": Image.new("L", (1200, 1600), 255),
        "upside-down page": page.image.rotate(180),
        "photo without text": Image.fromarray(photo),
        "20,000 x 20,000 pixels": None,
        "20,000 x 600 pixels (a long strip)": Image.new("L", (600, 20000), 255),
    }
    for name, im in cases.items():
        path = tmp / f"bad_{len(name)}.png"
        if im is None:
            Image.new("1", (20000, 20000), 1).save(path)
        else:
            im.save(path)
        t0 = time.perf_counter()
        try:
            ex = extract_path(path)
            low = sum(1 for ln in ex.document.ocr_lines if ln.confidence < LOW_CONFIDENCE)
            outcome = (f"{len(ex.document.ocr_lines)} lines ({low} low-confidence), "
                       f"CER {_cer_or_dash(ex.document.text, page.text) if 'upside' in name else '-'}")
        except SqNlpError as exc:
            outcome = f"error: {str(exc).split(': ', 1)[-1][:70]}"
        row("ocr-bad", name, f"{outcome} ({time.perf_counter() - t0:.1f} s)")


def _cer_or_dash(text: str, true: str) -> str:
    from sq_nlp.extract.ocr_eval import cer

    return f"{cer(text, true):.2%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="text size for the throughput and workers figures")
    parser.add_argument("--memory-mb", type=float, default=100.0, help="corpus size for the peak-memory figure")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    parser.add_argument("--only", metavar="SECTION", action="append",
                        help="run only this section (repeatable): layout scores stages workers memory "
                             "query cloud topics keywords poster ocr")
    args = parser.parse_args(argv)
    if args.quick:
        args.mb, args.memory_mb = 2.0, 4.0
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'section':<12} {'figure':<44} {'value':<22} target")
    sections: list[tuple[str, Callable[[], None]]] = [
        ("layout", bench_layout),
        ("scores", bench_scripts),
        ("stages", lambda: bench_stages(args.mb)),
        ("workers", lambda: bench_workers(args.mb)),
        ("memory", lambda: bench_memory(args.memory_mb)),
        ("query", bench_query),
        ("cloud", bench_cloud),
        ("topics", bench_topics),
        ("keywords", bench_keywords),
        ("poster", bench_poster),
        ("ocr", bench_ocr),
    ]
    for name, func in sections:
        if args.only and name not in args.only:
            continue
        try:
            func()
        except Exception as exc:  # a broken section must not hide the others
            row(name, "failed", f"{type(exc).__name__}: {exc}"[:80])
    if args.json:
        args.json.write_text(json.dumps(ROWS, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(ROOT / ".bench-tmp", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
