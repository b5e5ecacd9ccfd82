"""The outputs of a run, rebuilt only where their inputs changed.

:func:`write_outputs` (what ``sq-nlp run`` and ``make run`` call after ingest)
writes, per document, a report page, a word cloud (PNG at print size and
SVG) and a keyword chart; for the corpus, ``keywords.csv``, ``topics.csv``,
``changes.csv`` with a chart per pair of consecutive years of a region, GDP
trend charts and ``report.html`` (the newest report's page).

Every file is recorded in ``.outputs-state.json`` beside them with a key: a
hash of everything it is made from (the documents as stored, the word lists,
:data:`OUTPUTS_VERSION`). A file whose key is unchanged and which still
exists is not made again, so adding one report to a stored corpus writes its
own page, cloud and chart, the pairs of years it enters, and the corpus-wide
files, and nothing else. The state is saved after every document, so an
interrupted run keeps what it finished.

TF-IDF needs document frequencies from the corpus. They are learned once and
kept (``.outputs-cache/idf.json``): a report's page, keywords and chart
depend on the report, on these frequencies and on its region's report of the
year before (last year's targets), not on whatever else was added since. The
keyphrase lists are ranked over the store once and kept beside it
(:func:`sq_nlp.summaries.keywords.cache.stored_keyphrases`).
They are learned again, and every page rebuilt, when the documents they were
learned from differ from the stored ones by more than :data:`IDF_DRIFT` (a
quarter: a corpus that grew from 30 to 38 reports), when a word list or the
version changes, or with ``force``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sq_nlp.errors import ConfigError, SqNlpError
from sq_nlp.summaries.keywords import Idf
from sq_nlp.summaries.keywords.cache import hash_word_lists

log = logging.getLogger(__name__)

# Bump when what write_outputs produces changes, so every output is rebuilt.
OUTPUTS_VERSION = "64"

STATE_NAME = ".outputs-state.json"
CACHE_DIR = ".outputs-cache"
_OLD_STAMP = ".outputs-stamp.json"  # version 1 kept one stamp for everything

#: Share of the documents the kept document frequencies may miss (or hold
#: that are gone) before they are learned again and every page rebuilt.
IDF_DRIFT = 0.25

KEYWORD_COLUMNS = ["document", "region", "year", "method", "rank", "term", "score", "count"]
CHANGE_COLUMNS = ["region", "year_old", "year_new", "term", "status", "count_old", "count_new", "rel_old",
                  "rel_new", "log_ratio", "g2"]
TOPIC_COLUMNS = ["topic", "coherence", "size", "terms", "documents"]


def _hash(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _version_key() -> str:
    """What every output depends on: the outputs version and the word lists."""
    h = hashlib.sha256(OUTPUTS_VERSION.encode())
    hash_word_lists(h)
    return h.hexdigest()[:32]


def _doc_key(d: Any) -> str:
    """A stored document as its outputs see it (a re-ingest changes ``ingested_at``)."""
    return _hash(d.id, d.path, d.sha256, d.ingested_at, d.year, d.region, d.title)


# What a report file may end in (a scan's .jpg too): not part of its outputs' names.
_REPORT_SUFFIXES = frozenset({".txt", ".docx", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def slug(path: str) -> str:
    """The file stem a document's outputs are named by."""
    import re

    stem = Path(path).name
    if Path(stem).suffix.lower() in _REPORT_SUFFIXES:
        stem = stem[: -len(Path(stem).suffix)]
    return re.sub(r"[^\w.-]+", "_", stem) or "document"


def _slugs(docs: Sequence[Any]) -> dict[int, str]:
    out: dict[int, str] = {}
    for d in docs:
        s = slug(d.path)
        while s in out.values():
            s += f"_{d.id}"
        out[d.id] = s
    return out


# -- state --------------------------------------------------------------------------


@dataclass
class _State:
    """What was written, with the key each file was made from."""

    version: str = ""
    idf: str = ""
    files: dict[str, str] = field(default_factory=dict)
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    pairs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> _State:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(data["version"], data.get("idf", ""), dict(data["files"]), dict(data.get("docs", {})),
                       dict(data.get("pairs", {})))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, path: Path) -> None:
        """Write the state atomically (an interrupted save leaves the old one)."""
        data = {"version": self.version, "idf": self.idf, "files": self.files, "docs": self.docs,
                "pairs": self.pairs}
        _atomic_write(path, json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True))

    def current(self, out: Path, rel: str, key: str) -> bool:
        """Whether ``rel`` was made from ``key`` and is still there."""
        return self.files.get(rel) == key and (out / rel).exists()


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
        raise


def _csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=list(columns))
    w.writeheader()
    for row in rows:
        w.writerow({c: row.get(c) for c in columns})
    return buf.getvalue()


# -- IDF ------------------------------------------------------------------------------


def _idf_for(db_path: str | Path, docs: Sequence[Any], keys: dict[int, str], cache: Path,
             state: _State, force: bool) -> tuple[str, Idf]:
    """The kept document frequencies, or freshly learned ones (see the module
    docstring). Returns their id and the table."""
    from sq_nlp.summaries.keywords import general_idf

    current = set(keys.values())
    if not force and state.idf:
        try:
            data = json.loads((cache / "idf.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if data is not None and data.get("id") == state.idf:
            basis = set(data["basis"])
            drift = len(basis ^ current) / max(1, len(basis))
            if drift <= IDF_DRIFT:
                if data["source"] == "general":
                    return state.idf, general_idf()
                return state.idf, Idf(weights=data["weights"], default=data["default"], source="corpus",
                                      n_docs=data["n_docs"])
            log.info("document frequencies learned from %d documents; %.0f%% changed since: learning them again",
                     len(basis), 100 * drift)
    idf = _learn_idf(db_path, docs)
    idf_id = _hash(_version_key(), sorted(current))
    record = {"id": idf_id, "basis": sorted(current), "source": idf.source, "n_docs": idf.n_docs,
              "default": idf.default, "weights": dict(idf.weights) if idf.source == "corpus" else {}}
    _atomic_write(cache / "idf.json", json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return idf_id, idf


def _learn_idf(db_path: str | Path, docs: Sequence[Any]) -> Idf:
    """IDF from the tokens the store already holds (the corpus is not cut
    again), plus the reports' own names and slogans, which keywords keep whole."""
    from sq_nlp.store.db import open_store
    from sq_nlp.summaries.keywords import document_segmenter, learn_idf_from_tokens
    from sq_nlp.summaries.report import document_words

    with open_store(db_path, readonly=True) as st:
        words_by_doc = {d.id: document_words(_light_extraction(st, d.id)) for d in docs}
        all_words = sorted({w for ws in words_by_doc.values() for w in ws})
        token_docs = []
        for d in docs:
            text = _paragraph_text(st, d.id)
            token_docs.append([t for b in st.blocks(d.id) for t in b.tokens] + [w for w in all_words if w in text])
    return learn_idf_from_tokens(token_docs, segmenter=document_segmenter(all_words))


def _light_extraction(st: Any, doc_id: int) -> Any:
    """What :func:`~sq_nlp.summaries.report.document_words` reads of an
    extraction (the region and the slogans), without the rest."""
    from types import SimpleNamespace

    region = st.query("SELECT region FROM documents WHERE id = ?", [doc_id])[0][0]
    return SimpleNamespace(document=SimpleNamespace(region=region), slogans=[s.slogan for s in st.slogans(doc_id)])


def _paragraph_text(st: Any, doc_id: int) -> str:
    """The paragraph text of a document (its whole text when it has no paragraph),
    as :meth:`~sq_nlp.summaries.report.Corpus.text` gives it."""
    text = "\n".join(b.text for b in st.blocks(doc_id, kinds=("paragraph",)))
    return text or st.document_text(doc_id)


# -- one document ---------------------------------------------------------------------


@dataclass(frozen=True)
class _DocTask:
    db_path: str
    out: str
    doc_id: int
    slug: str
    title: str


_WORKER_IDF: Idf | None = None
_WORKER_PHRASES: Any = None


def _init_worker(idf: Idf, phrases: Any) -> None:
    global _WORKER_IDF, _WORKER_PHRASES
    _WORKER_IDF = idf
    _WORKER_PHRASES = phrases
    import logging as _logging

    _logging.getLogger("sq_nlp").setLevel(log.getEffectiveLevel())


def _build_document(task: _DocTask, idf: Idf | None = None, phrases: Any = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Write one document's page, clouds and keyword chart; return the files
    (relative to the output folder) and its rows of ``keywords.csv``."""
    from sq_nlp.store.db import open_store
    from sq_nlp.summaries.report import build_parts, render_report, with_store_sections, write_report
    from sq_nlp.summaries.visuals import keyword_bars, save_cloud, save_figure

    idf = idf if idf is not None else _WORKER_IDF
    phrases = phrases if phrases is not None else _WORKER_PHRASES
    out = Path(task.out)
    with open_store(task.db_path, readonly=True) as st:
        ex = st.extraction(task.doc_id)
    d = ex.document
    lists = (phrases or {}).get(d.path)
    parts, wc = build_parts(ex, idf=idf, keyphrase_lists=lists)
    parts = with_store_sections(parts, task.db_path, ex)
    files = []
    write_report(render_report(ex, parts), out / "reports" / f"{task.slug}.html")
    files.append(f"reports/{task.slug}.html")
    rows = [{"document": d.path, "region": d.region, "year": d.year, "method": method, "rank": rank,
             "term": k.term, "score": k.score, "count": k.count}
            for method, kws in parts.keywords.items() for rank, k in enumerate(kws, 1)]
    if wc is not None:
        wc.scale = 4000 / wc.width  # same layout, drawn at print size
        for suffix in ("png", "svg"):
            save_cloud(wc, out / "clouds" / f"{task.slug}.{suffix}")
            files.append(f"clouds/{task.slug}.{suffix}")
    if parts.keywords.get("poster"):
        fig = keyword_bars(parts.keywords["poster"], title=f"{task.title} 关键词（海报）")
        save_figure(fig, out / "charts" / f"keywords_{task.slug}.png")
        files.append(f"charts/keywords_{task.slug}.png")
    return files, rows


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_tasks(tasks: Sequence[_DocTask], idf: Idf, phrases: Any, workers: int,
               done: Callable[[_DocTask, list[str], list[dict[str, Any]]], None],
               failed: Callable[[_DocTask, BaseException], None]) -> None:
    """Build the documents, on ``workers`` processes when there is more than one."""
    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            try:
                files, rows = _build_document(task, idf, phrases)
            except (SqNlpError, ValueError, OSError) as exc:
                failed(task, exc)
                continue
            done(task, files, rows)
        return
    queue = iter(tasks)
    pending: dict[Future[Any], _DocTask] = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), initializer=_init_worker,
                             initargs=(idf, phrases)) as pool:
        try:
            while True:
                while len(pending) < 2 * workers:
                    task = next(queue, None)
                    if task is None:
                        break
                    pending[pool.submit(_build_document, task)] = task
                if not pending:
                    return
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    task = pending.pop(fut)
                    exc = fut.exception()
                    if exc is not None:
                        failed(task, exc)
                    else:
                        done(task, *fut.result())
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise


# -- the corpus -------------------------------------------------------------------------


def write_outputs(db_path: str | Path, out_dir: str | Path, *, force: bool = False, workers: int | None = None,
                  progress: bool | None = None) -> list[Path]:
    """Write every summary of the stored corpus into ``out_dir``, making only
    what is missing or whose inputs changed (everything with ``force``).

    Per document: a report page (``reports/NAME.html``), a word cloud at
    print size (``clouds/NAME.png``, 4000 px, and ``.svg`` with the font
    embedded) and a keyword chart (``charts/keywords_NAME.png``), built on
    ``workers`` processes (default: the cores). For the corpus:
    ``keywords.csv`` (keyphrases in the poster and research modes, TF-IDF
    words), ``topics.csv`` (NMF over
    documents), ``changes.csv`` and a chart of new/rising/falling terms
    between consecutive years of each region, a GDP trend chart where a region
    has two years or more, and ``report.html`` (the newest document's page).
    ``progress`` shows a bar (default: when stderr is a terminal). Returns the
    files written (empty when everything was up to date).
    """
    from sq_nlp.store.db import open_store

    out = Path(out_dir)
    with open_store(db_path, readonly=True) as st:
        docs = st.documents()
    if not docs:
        log.warning("%s holds no document: no outputs written", db_path)
        return []
    try:
        for sub in ("reports", "clouds", "charts"):
            (out / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot write into {out}: {exc.strerror or exc}") from None
    state_path = out / STATE_NAME
    version = _version_key()
    old = _State.load(state_path)
    previous_files = set(old.files)
    state = old if (old.version == version and not force) else _State(version=version)
    state.version = version
    keys = {d.id: _doc_key(d) for d in docs}
    slugs = _slugs(docs)
    idf_id, idf = _idf_for(db_path, docs, keys, out / CACHE_DIR, state, force)
    state.idf = idf_id

    written: list[Path] = []
    produced: set[str] = set()
    # a page shows last year's targets too: the region's report of the year before
    def neighbours(d: Any) -> list[str]:
        return sorted(keys[o.id] for o in docs if d.region and o.region == d.region
                      and o.year is not None and d.year is not None and o.year == d.year - 1)

    per_doc_key = {d.id: _hash(version, keys[d.id], idf_id, slugs[d.id], neighbours(d)) for d in docs}
    tasks = []
    for d in docs:
        cached = state.docs.get(keys[d.id])
        if (cached and cached.get("key") == per_doc_key[d.id]
                and all(state.current(out, f, per_doc_key[d.id]) for f in cached.get("files", []))):
            produced.update(cached["files"])
            continue
        title = " ".join(str(x) for x in (d.region, d.year) if x) or slugs[d.id]
        tasks.append(_DocTask(str(db_path), str(out), d.id, slugs[d.id], title))

    bar = None
    if progress is None:
        progress = sys.stderr.isatty()
    if progress and tasks:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="report", desc="sq-nlp summaries", file=sys.stderr)
    by_id = {d.id: d for d in docs}

    def done(task: _DocTask, files: list[str], rows: list[dict[str, Any]]) -> None:
        key = per_doc_key[task.doc_id]
        for f in files:
            state.files[f] = key
            written.append(out / f)
        produced.update(files)
        state.docs[keys[task.doc_id]] = {"key": key, "files": files, "keywords": rows}
        state.save(state_path)  # what is finished stays finished
        if bar is not None:
            bar.update(1)

    def failed(task: _DocTask, exc: BaseException) -> None:
        log.warning("%s: no page, cloud or chart: %s", by_id[task.doc_id].path, exc)
        if bar is not None:
            bar.update(1)

    phrases = None
    if tasks:
        from sq_nlp.summaries.keywords.cache import stored_keyphrases

        # every report's keyphrase lists, ranked over the store once and kept beside it
        phrases = stored_keyphrases(db_path)
    try:
        _run_tasks(tasks, idf, phrases, workers or _default_workers(), done, failed)
    finally:
        if bar is not None:
            bar.close()
        state.save(state_path)

    def put_text(rel: str, key: str, make: Callable[[], str]) -> None:
        produced.add(rel)
        if state.current(out, rel, key):
            return
        _atomic_write(out / rel, make())
        state.files[rel] = key
        written.append(out / rel)

    # keywords.csv: the documents' own rows, in document order
    kw_rows = [row for d in docs for row in state.docs.get(keys[d.id], {}).get("keywords", [])]
    put_text("keywords.csv", _hash(version, kw_rows), lambda: _csv_text(KEYWORD_COLUMNS, kw_rows))

    newest = max(docs, key=lambda d: (d.year or 0, d.id))
    page = f"reports/{slugs[newest.id]}.html"
    if (out / page).exists():
        put_text("report.html", _hash(version, state.files.get(page)),
                 lambda: (out / page).read_text(encoding="utf-8"))

    with open_store(db_path, readonly=True) as st:
        texts: dict[int, str] = {}

        def text_of(doc_id: int) -> str:
            if doc_id not in texts:
                texts[doc_id] = _paragraph_text(st, doc_id)
            return texts[doc_id]

        def phrases_of(doc: Any) -> list[str]:
            nonlocal phrases
            if phrases is None:
                from sq_nlp.summaries.keywords.cache import stored_keyphrases

                phrases = stored_keyphrases(db_path)
            return [k.term for k in phrases.get(doc.path, {}).get("poster", [])]

        _write_changes(docs, keys, version, state, out, text_of, phrases_of, put_text, produced, written)
        if len(docs) >= 2:
            key = _hash(version, [keys[d.id] for d in docs])

            def topics() -> str:
                from sq_nlp.summaries.topics import fit_topics

                model = fit_topics([text_of(d.id) for d in docs], n_topics=min(5, len(docs)), method="nmf")
                rows = [{"topic": t.index + 1, "coherence": t.coherence, "size": t.size, "terms": " ".join(t.terms),
                         "documents": " ".join(d.path for d, a in zip(docs, model.assignments) if a == t.index)}
                        for t in model.topics]
                return _csv_text(TOPIC_COLUMNS, rows)

            put_text("topics.csv", key, topics)
    _write_trend_charts(db_path, version, state, out, produced, written)

    # Files of an earlier run that nothing makes now (a removed report's page).
    root = out.resolve()
    for rel in sorted((previous_files | set(state.files)) - produced):
        target = (out / rel).resolve()
        if root not in target.parents:
            continue  # only files of this folder, whatever the state file says
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("cannot remove the stale output %s: %s", out / rel, exc.strerror or exc)
            continue
        state.files.pop(rel, None)
    live = set(keys.values())
    state.docs = {k: v for k, v in state.docs.items() if k in live}
    state.save(state_path)
    (out / _OLD_STAMP).unlink(missing_ok=True)
    if written:
        log.info("wrote %d files into %s", len(written), out)
    else:
        log.info("outputs in %s are up to date", out)
    return written


def _write_changes(docs: Sequence[Any], keys: dict[int, str], version: str, state: _State, out: Path,
                   text_of: Callable[[int], str], phrases_of: Callable[[Any], list[str]],
                   put_text: Callable[[str, str, Callable[[], str]], None],
                   produced: set[str], written: list[Path]) -> None:
    """``changes.csv`` and a chart per pair of consecutive years of a region:
    the new, rising and falling phrases among the two reports' keyphrases
    (``phrases_of``); a pair's terms are worked out once and kept."""
    from sq_nlp.summaries.keywords import LEADING_PHRASES, document_segmenter, phrase_changes
    from sq_nlp.summaries.visuals import changes_chart, save_figure

    by_region: dict[str, list[Any]] = {}
    for d in docs:
        if d.region and d.year:
            by_region.setdefault(d.region, []).append(d)
    rows: list[dict[str, Any]] = []
    pairs: dict[str, list[dict[str, Any]]] = {}
    seg = None
    for region, rdocs in sorted(by_region.items()):
        rdocs.sort(key=lambda d: (d.year, d.id))
        for old, new in zip(rdocs, rdocs[1:]):
            if old.year == new.year:
                continue
            pair = _hash(version, keys[old.id], keys[new.id])
            chart = f"charts/changes_{slug(region)}_{old.year}_{new.year}.png"
            if pair in state.pairs:
                pair_rows = state.pairs[pair]
                changes = None
            else:
                seg = seg or document_segmenter()
                old_text, new_text = text_of(old.id), text_of(new.id)
                old_terms, new_terms = phrases_of(old), phrases_of(new)
                leading = [*old_terms[:LEADING_PHRASES], *new_terms[:LEADING_PHRASES]]
                changes = (phrase_changes(old_text, new_text, [*old_terms, *new_terms], leading=leading, segmenter=seg)
                           if old_text.strip() and new_text.strip() and (old_terms or new_terms) else [])
                pair_rows = [{"region": region, "year_old": old.year, "year_new": new.year, **c.to_dict()}
                             for c in changes]
            pairs[pair] = pair_rows
            rows += pair_rows
            if pair_rows:
                produced.add(chart)
                if not state.current(out, chart, pair):
                    if changes is None:
                        from sq_nlp.summaries.keywords import TermChange

                        changes = [TermChange(**{k: v for k, v in r.items()
                                                 if k not in ("region", "year_old", "year_new")}) for r in pair_rows]
                    fig = changes_chart(changes, title=f"{region} {new.year} 对比 {old.year}：新提法与升降提法")
                    save_figure(fig, out / chart)
                    state.files[chart] = pair
                    written.append(out / chart)
    state.pairs = pairs
    put_text("changes.csv", _hash(version, rows), lambda: _csv_text(CHANGE_COLUMNS, rows))


def _write_trend_charts(db_path: str | Path, version: str, state: _State, out: Path, produced: set[str],
                        written: list[Path], indicator: str = "GDP") -> None:
    """The indicator's stated growth across years, for each region with two
    years or more; a chart is drawn again only when its points change."""
    from sq_nlp.summaries.report import trend_series

    try:
        series = trend_series(db_path, indicator)
    except SqNlpError as exc:
        log.warning("no %s trend chart: %s", indicator, exc)
        return
    for (region, name), points in series.items():
        if len(points) < 2:
            continue
        rel = f"charts/trend_{slug(region)}_{slug(name)}.png"
        key = _hash(version, region, name, points)
        produced.add(rel)
        if state.current(out, rel, key):
            continue
        from sq_nlp.summaries.visuals import save_figure, trend_chart

        fig = trend_chart(points, indicator=f"{region} {name} 增速", unit="%")
        save_figure(fig, out / rel)
        state.files[rel] = key
        written.append(out / rel)
