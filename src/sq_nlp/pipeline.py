"""The batch run: report files -> the store, incrementally, on several processes.

Workers do the per-document work (:func:`process_file`: ingest, layout,
figures, slogans, segmentation, rows for the store), a pure function of the
file; one writer thread of the calling process writes the documents that come
back in batches (one transaction per batch; each document whole or absent),
so the workers never wait for the database.
Files whose content is already stored are skipped before any work is done;
a file whose content changed replaces its own rows. A file that fails is
reported with its reason and the batch goes on.

Where the work runs is pluggable: :func:`run` takes an :class:`Engine`
(:class:`LocalEngine` runs a process pool, or in this process with one
worker; :class:`DaskEngine` runs it on a Dask cluster).
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from sq_nlp.errors import ConfigError, InputError, SqNlpError, StageError, StoreError
from sq_nlp.ingest.reader import SIDECAR_SUFFIX
from sq_nlp.records import Extraction
from sq_nlp.store.db import DEFAULT_DB, PreparedDocument, WriteResult, open_store, prepare_document
from sq_nlp.workers import Budget, Budgeted, supervised_map

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
#: Files whose pages may be read by OCR (their pages are spread over the workers).
SCAN_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")

T = TypeVar("T")
R = TypeVar("R")

FileStatus = Literal["inserted", "replaced", "skipped", "failed"]

# The writer commits every BATCH_DOCUMENTS documents or BATCH_SECONDS, whichever
# comes first: one commit per document cost more than its rows, and a batch
# stays small enough that a killed run loses little and queries see progress.
BATCH_DOCUMENTS = 16
BATCH_SECONDS = 1.0


@dataclass(frozen=True)
class Processed:
    """The per-document result a worker sends back: the document's rows for
    the store (its extraction with the Segmenter's tokens of each block), or
    the reason it failed (``error``; then ``rows`` is None)."""

    path: str
    rows: PreparedDocument | None
    error: str | None = None


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: ``inserted``, ``replaced`` (its content
    changed), ``skipped`` (content already stored; ``reason`` says where) or
    ``failed`` (``reason`` says why)."""

    path: str
    status: FileStatus
    reason: str | None = None


@dataclass(frozen=True)
class RunSummary:
    """The outcome of :func:`run`: every file seen, in input order."""

    db_path: str
    results: tuple[FileResult, ...]
    seconds: float

    @property
    def seen(self) -> int:
        """How many files were considered."""
        return len(self.results)

    @property
    def ingested(self) -> tuple[str, ...]:
        """Paths written to the store (new or replaced)."""
        return tuple(r.path for r in self.results if r.status in ("inserted", "replaced"))

    @property
    def skipped(self) -> tuple[str, ...]:
        """Paths whose content was already stored."""
        return tuple(r.path for r in self.results if r.status == "skipped")

    @property
    def failed(self) -> tuple[tuple[str, str], ...]:
        """``(path, reason)`` of every file that could not be ingested."""
        return tuple((r.path, r.reason or "") for r in self.results if r.status == "failed")

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed


class Engine(Protocol):
    """Where per-document work runs. ``imap_unordered`` yields ``(item,
    result)`` pairs as they finish; ``result`` is the exception when the call
    itself could not run (a crashed worker, say)."""

    def imap_unordered(
        self, func: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | BaseException]]: ...


class LocalEngine:
    """Runs work on ``workers`` local processes (default: the usable cores);
    with one worker, or one item, in this process. At most ``2 * workers``
    results wait for the writer, so memory stays flat on large corpora.

    Each document runs under ``budget`` (memory and time; default
    :meth:`~sq_nlp.workers.Budget.from_env`); workers die with the calling
    process, and a worker that dies is replaced, the file that killed it
    named and the others retried (:mod:`sq_nlp.workers`).
    """

    def __init__(self, *, workers: int | None = None, budget: Budget | None = None) -> None:
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers or default_workers()
        self.budget = budget or Budget.from_env()

    def imap_unordered(
        self, func: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Yield ``(item, func(item))`` as each finishes."""
        if self.workers == 1 or len(items) <= 1:
            bounded = Budgeted(func, self.budget)
            for item in items:
                try:
                    out: R | BaseException = bounded(item)
                except SqNlpError as exc:  # over its budget: report it, go on
                    out = exc
                yield item, out
            return
        yield from supervised_map(Budgeted(func, self.budget, in_worker=True), items, self.workers)

    def imap_isolated(
        self, func: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Like :meth:`imap_unordered`, but always on worker processes, even
        with one worker: for native code (PDF rendering, OCR) that aborts the
        whole process when its memory budget runs out instead of raising."""
        if not items:
            return
        yield from supervised_map(Budgeted(func, self.budget, in_worker=True), items, self.workers)


_DONE = object()


class DaskEngine:
    """Runs per-document work on a Dask cluster (``pip install 'sq-nlp[dask]'``).

    ``scheduler`` is the address of a running scheduler
    (``tcp://host:8786``); without one, a :class:`~distributed.LocalCluster`
    of ``workers`` single-threaded processes is started and closed again.
    Workers read the report files themselves, so on a real cluster the files
    must sit on a filesystem every worker sees, under the same paths. At most
    ``2 * workers`` results are in flight; the store is still written by the
    one calling process.
    """

    def __init__(
        self, *, scheduler: str | None = None, workers: int | None = None, connect_timeout: float = 30.0
    ) -> None:
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.scheduler = scheduler
        self.workers = workers
        self.connect_timeout = connect_timeout

    def imap_unordered(
        self, func: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Yield ``(item, func(item))`` as each finishes on the cluster."""
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError:
            raise ConfigError("the Dask engine needs the dask extra: pip install 'sq-nlp[dask]'") from None
        if not items:
            return
        cluster = None
        try:
            if self.scheduler:
                client = Client(self.scheduler, timeout=f"{self.connect_timeout}s")
            else:
                cluster = LocalCluster(
                    n_workers=self.workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                client = Client(cluster)
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from None
        try:
            window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
            queue = iter(items)
            pending = {}
            done = as_completed()
            for item in queue:
                fut = client.submit(func, item, pure=False)
                pending[fut.key] = item
                done.add(fut)
                if len(pending) >= window:
                    break
            for fut in done:
                item = pending.pop(fut.key)
                try:
                    yield item, fut.result()
                except Exception as exc:  # the call failed on the worker: report it, go on
                    yield item, exc
                nxt = next(queue, _DONE)
                if nxt is not _DONE:
                    new = client.submit(func, nxt, pure=False)
                    pending[new.key] = nxt
                    done.add(new)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def is_report_file(path: Path) -> bool:
    """Whether a file found in a directory is a report: a known extension,
    not a metadata sidecar, not hidden."""
    name = path.name
    return (
        not name.startswith(".")
        and not name.endswith(SIDECAR_SUFFIX)
        and path.suffix.lower() in REPORT_SUFFIXES
    )


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest from files and directories (searched recursively,
    sorted), each once; and a failure for every path that does not exist.

    A file named explicitly is taken whatever its extension (ingest decides
    whether it is a report), except a metadata sidecar.
    """
    files: list[Path] = []
    failures: list[FileResult] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p).parts
                if child.is_file() and is_report_file(child) and not any(s.startswith(".") for s in rel):
                    add(child)
        elif p.is_file():
            if p.name.endswith(SIDECAR_SUFFIX):
                log.info("%s: a metadata sidecar, not a report; skipped", p)
                continue
            add(p)
        else:
            failures.append(FileResult(str(p), "failed", _not_a_file(p)))
    return files, failures


def _not_a_file(p: Path) -> str:
    """Why a path named on the command line is neither a file nor a folder."""
    import errno
    import stat

    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        if p.is_symlink():
            return f"a broken symbolic link (to {os.readlink(p)}, which does not exist)"
        return "no such file or directory"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (a link that leads back to itself); fix or remove the link"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a report file; copy the report into a file first"
    if stat.S_ISSOCK(mode):
        return "a socket, not a report file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a report file"
    return "not a regular file"


def file_fingerprint(path: Path) -> tuple[str, str]:
    """``(sha256 of the file, sha256 of its sidecar and the extraction version)``:
    what decides whether a file is already stored (a file extracted by an
    earlier version of the extraction rules is extracted again). Raises OSError."""
    from sq_nlp.extract import EXTRACTION_VERSION

    sha = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            sha.update(chunk)
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    meta = hashlib.sha256(f"extraction {EXTRACTION_VERSION}\n".encode())
    if side.is_file():
        meta.update(side.read_bytes())
    return sha.hexdigest(), meta.hexdigest()


def _reason(path: str, exc: BaseException) -> str:
    """The error message without a leading ``path: `` (the report adds it)."""
    if isinstance(exc, InputError):
        return exc.reason if exc.path == path else str(exc)
    msg = str(exc) if isinstance(exc, SqNlpError) else f"{type(exc).__name__}: {exc}"
    return msg[len(path) + 2:] if msg.startswith(path + ": ") else msg


def block_tokens(extraction: Extraction) -> tuple[tuple[str, ...], ...]:
    """The default Segmenter's tokens of each block, whitespace dropped."""
    from sq_nlp.language.segment import default_segmenter

    seg = default_segmenter()
    try:
        return tuple(tuple([t for t in seg.cut(b.text) if not t.isspace()]) for b in extraction.blocks)
    except Exception as exc:  # a bug in segmentation: name the stage, keep the batch going
        raise StageError(f"{extraction.document.path}: stage 'segment' failed: "
                         f"{type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class PageTask:
    """One scanned page to read by OCR: the file, the 0-based page index and
    the threads ONNX Runtime may use in the worker."""

    path: str
    index: int
    threads: int


def ocr_page(task: PageTask) -> object:
    """Read one page of a scan (runs in a worker): an OcrPage, or the error message."""
    from sq_nlp.ingest.containers import read_scan_page
    from sq_nlp.ingest.reader import _read

    try:
        data, kind = _read(Path(task.path))
        return read_scan_page(data, kind, task.index, task.path, threads=task.threads)
    except SqNlpError as exc:
        return _reason(task.path, exc)
    except Exception as exc:  # a library choking on a damaged page: report it, go on
        log.debug("unexpected error on %s page %d", task.path, task.index + 1, exc_info=True)
        return f"page {task.index + 1}: {type(exc).__name__}: {exc}"


def process_scanned(item: tuple[str, dict[int, object]]) -> Processed:
    """:func:`process_file` with pages of the file read already."""
    return process_file(item[0], ocr_pages=item[1])


def process_file(path: str, *, ocr_pages: dict[int, object] | None = None) -> Processed:
    """The per-document work: extract everything from one file, segment its
    blocks and lay out its rows for the store. Pure in the file's bytes;
    errors come back as ``error``. ``ocr_pages``: pages of a scan read
    already (0-based index -> OcrPage)."""
    from sq_nlp.extract.document import extract_path

    try:
        extraction = extract_path(path, ocr_pages=ocr_pages)
        rows = prepare_document(extraction, block_tokens(extraction))
    except SqNlpError as exc:
        return Processed(path, None, error=_reason(path, exc))
    except MemoryError:  # the engine's memory budget names the limit
        raise
    except Exception as exc:  # e.g. a container library choking on a broken file
        log.debug("unexpected error on %s", path, exc_info=True)
        return Processed(path, None, error=_reason(path, exc))
    return Processed(path, rows)


class _Writer(threading.Thread):
    """The one writer of a run: takes prepared documents from the workers'
    results and writes them in batches (BATCH_DOCUMENTS or BATCH_SECONDS), on
    its own connection, so handing results on never waits for the database
    and the workers never wait for the writer. Results come back on
    ``results`` as :class:`FileResult`; after the last write the store is tidied."""

    def __init__(self, db_path: str | Path, force: bool) -> None:
        super().__init__(name="sq-nlp writer", daemon=True)
        self.db_path = db_path
        self.force = force
        self.inbox: queue.Queue[tuple[str, PreparedDocument, str] | None] = queue.Queue(maxsize=4 * BATCH_DOCUMENTS)
        self.results: queue.Queue[FileResult] = queue.Queue()
        self.error: BaseException | None = None
        self.written = 0

    def put(self, key: str, rows: PreparedDocument, meta_sha256: str) -> None:
        """Hand one document on (waits only when the writer is far behind).

        The thread starts with the first document: by then the engine has
        started its worker processes, which are not forked while it runs.
        """
        if self.ident is None:
            self.start()
        while self.is_alive():
            try:
                self.inbox.put((key, rows, meta_sha256), timeout=0.5)
                return
            except queue.Full:
                continue
        self.results.put(FileResult(key, "failed", f"not written: {self.error or 'the writer stopped'}"))

    def finish(self) -> None:
        """Write what is waiting, tidy the store and stop."""
        if self.is_alive():
            self.inbox.put(None)
            self.join()

    def run(self) -> None:
        try:
            store = open_store(self.db_path)
        except BaseException as exc:  # reported by the caller
            self.error = exc
            return
        try:
            stop = False
            while not stop:
                item = self.inbox.get()
                if item is None:
                    break
                batch = [item]
                deadline = time.monotonic() + BATCH_SECONDS
                while len(batch) < BATCH_DOCUMENTS:
                    try:
                        nxt = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
                    except queue.Empty:
                        break
                    if nxt is None:
                        stop = True
                        break
                    batch.append(nxt)
                self._write(store, batch)
            if self.written:
                try:  # replaced rows and index merges leave free pages: give them back
                    store.tidy()
                except StoreError as exc:
                    log.warning("%s", exc)
        except BaseException as exc:
            self.error = exc
        finally:
            store.close()

    def _write(self, store: Any, batch: list[tuple[str, PreparedDocument, str]]) -> None:
        """One transaction for the batch; one document the database refuses
        must not cost the others, so then they are written one by one."""
        try:
            written: list[WriteResult | StoreError] = list(
                store.write_many([(rows, meta) for _, rows, meta in batch], force=self.force))
        except StoreError:
            written = []
            for _, rows, meta in batch:
                try:
                    written.append(store.write_prepared(rows, meta_sha256=meta, force=self.force))
                except StoreError as exc:
                    written.append(exc)
        for (key, _, _), wr in zip(batch, written):
            if isinstance(wr, StoreError):
                self.results.put(FileResult(key, "failed", str(wr)))
            elif wr.status == "skipped":
                self.results.put(FileResult(key, "skipped", f"same content as {wr.same_as}"))
            else:
                self.written += 1
                self.results.put(FileResult(key, wr.status))


def run(
    paths: Iterable[str | Path],
    *,
    db_path: str | Path = DEFAULT_DB,
    workers: int | None = None,
    force: bool = False,
    engine: Engine | None = None,
    progress: bool | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> RunSummary:
    """Ingest report files (and directories of them) into the store at ``db_path``.

    ``workers`` processes do the per-document work (default: the cores)
    unless another ``engine`` is given; ``force`` re-ingests files whose
    content is already stored. ``progress`` shows a tqdm bar (default: when
    stderr is a terminal); ``on_result`` is called with every file's result.
    The database is opened first, so a bad ``db_path`` fails before any work.
    """
    t0 = time.perf_counter()
    engine = engine or LocalEngine(workers=workers)
    files, results = expand_paths(paths)
    order = {str(p): i for i, p in enumerate(files)}
    by_path: dict[str, FileResult] = {}
    store = open_store(db_path)
    bar = None
    try:
        stored = store.stored_shas()
        fingerprints: dict[str, tuple[str, str]] = {}
        todo: list[str] = []

        def report(res: FileResult) -> None:
            by_path[res.path] = res
            log.log(logging.DEBUG if res.status == "skipped" else logging.INFO, "%s: %s%s",
                    res.path, res.status, f" ({res.reason})" if res.reason else "")
            if bar is not None:
                bar.update(1)
            if on_result is not None:
                on_result(res)

        if progress is None:
            progress = sys.stderr.isatty()
        if progress and files:
            from tqdm import tqdm

            bar = tqdm(total=len(files), unit="file", desc="sq-nlp run", file=sys.stderr)
        if on_result is not None:
            for res in results:
                on_result(res)
        for p in files:
            key = str(p)
            try:
                fingerprints[key] = fp = file_fingerprint(p)
            except OSError as exc:
                report(FileResult(key, "failed", f"cannot read: {exc.strerror or exc}"))
                continue
            if not force and fp in stored:
                report(FileResult(key, "skipped", f"unchanged; same content as {stored[fp]}"))
            else:
                todo.append(key)

        pages = _read_scans(engine, todo, workers, progress)
        items = [(key, pages[key]) if key in pages else key for key in todo]
        store.close()  # the writer thread keeps its own connection
        writer = _Writer(db_path, force)

        def drain() -> None:
            while True:
                try:
                    res = writer.results.get_nowait()
                except queue.Empty:
                    return
                report(res)

        if items and isinstance(engine, LocalEngine) and (engine.workers == 1 or len(items) <= 1):
            _warm_up()  # documents run in this process: the one-time loads are no document's cost
        try:
            for item, out in engine.imap_unordered(_process_item, items):
                key = item[0] if isinstance(item, tuple) else item
                if isinstance(out, BaseException):
                    report(FileResult(key, "failed", _reason(key, out)))
                elif out.rows is None:
                    report(FileResult(key, "failed", out.error))
                else:
                    writer.put(key, out.rows, fingerprints[key][1])
                drain()
        finally:
            # Whatever happens here (Ctrl-C too), what was done gets written:
            # the next run skips it.
            writer.finish()
            drain()
        if writer.error is not None:
            raise writer.error
    finally:
        if bar is not None:
            bar.close()
        store.close()  # idempotent
    ordered = sorted(by_path.values(), key=lambda r: order.get(r.path, -1))
    return RunSummary(str(db_path), tuple(results + ordered), time.perf_counter() - t0)


def _warm_up() -> None:
    """Load what every document's run reads once (the dictionaries, the
    tagger, the slogan automata) by running a line of report through it, so
    that a document's memory budget counts the document only (a small
    ``--max-memory`` spent on loading them stops a native library)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sq-nlp-warm-") as tmp:
        sample = Path(tmp) / "warm_up_2025.txt"
        sample.write_text("全市地区生产总值增长5%，实施“三园两带”工程，城镇新增就业1.2万人。\n", encoding="utf-8")
        process_file(str(sample))


def _process_item(item: str | tuple[str, dict[int, object]]) -> Processed:
    return process_scanned(item) if isinstance(item, tuple) else process_file(item)


def _read_scans(engine: Engine, todo: Sequence[str], workers: int | None,
                progress: bool) -> dict[str, dict[int, object]]:
    """Read every scanned page of the files to do, pages of one file and of
    many files side by side on the engine's workers (a bar on a terminal).
    A page that fails keeps its error message; the file then fails with it."""
    from sq_nlp.ingest.reader import ocr_plan

    scans = [key for key in todo if Path(key).suffix.lower() in SCAN_SUFFIXES]
    # which pages have no text layer is read here, under the documents' budget: a PDF whose
    # content inflates past it (a Flate bomb) is left to its own file's run, which reports it
    plan = Budgeted(ocr_plan, getattr(engine, "budget", None) or Budget.from_env())
    plans: dict[str, tuple[int, ...]] = {}
    for key in scans:
        try:
            plans[key] = plan(key)
        except SqNlpError:
            plans[key] = ()
    n_workers = getattr(engine, "workers", None) or workers or default_workers()
    threads = max(1, default_workers() // max(1, n_workers))
    tasks = [PageTask(key, i, threads) for key, idx in plans.items() for i in idx]
    pages: dict[str, dict[int, object]] = {}
    if not tasks:
        return pages
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="page", desc="sq-nlp OCR", file=sys.stderr)
    try:
        run_pages = getattr(engine, "imap_isolated", engine.imap_unordered)
        for task, out in run_pages(ocr_page, tasks):
            pages.setdefault(task.path, {})[task.index] = out if not isinstance(out, BaseException) \
                else f"page {task.index + 1}: {_reason(task.path, out)}"
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return pages
