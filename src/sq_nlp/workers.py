"""Worker processes of the local engine: bounded, supervised, tied to their parent.

* **A budget per document** (:class:`Budget`): memory (the process's data
  size may grow by at most ``memory_mb`` while one document is read; past
  that an allocation fails) and time (``seconds`` of wall time, then the
  document is abandoned; a CPU-time limit at twice that is the backstop for
  work stuck inside C code, and kills the worker). The document fails with
  a message naming the limit and how to raise it; the batch goes on.
* **Workers die with their parent**: on Linux the kernel sends them SIGKILL
  when the process that started them dies (``PR_SET_PDEATHSIG``), SIGKILL
  included; elsewhere a thread watches the parent.
* **A dead worker** (killed by the kernel when memory runs out, or by the
  CPU limit) breaks a process pool and with it every file in flight. The
  engine starts a new pool, runs the files that were in flight one at a
  time to find the one that kills a worker, reports that file with the
  cause, and goes on with the rest (:func:`supervised_map`).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sq_nlp.errors import ConfigError, InputError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

#: Default memory one document may take on top of what the worker holds already.
DEFAULT_MEMORY_MB = 1024
#: Default wall time one document may take.
DEFAULT_SECONDS = 600.0
MEMORY_ENV = "SQ_NLP_MAX_MEMORY_MB"
SECONDS_ENV = "SQ_NLP_MAX_SECONDS"


class DocumentTimeout(BaseException):
    """Raised inside the work on a document when its time is up. A
    BaseException, like KeyboardInterrupt, so that no stage's ``except
    Exception`` mistakes it for a damaged file."""


@dataclass(frozen=True)
class Budget:
    """What one document may cost: ``memory_mb`` of memory on top of the
    worker's own, ``seconds`` of wall time (None: no limit)."""

    memory_mb: int | None = DEFAULT_MEMORY_MB
    seconds: float | None = DEFAULT_SECONDS

    def __post_init__(self) -> None:
        if self.memory_mb is not None and self.memory_mb < 16:
            raise ConfigError(f"the memory limit per document must be at least 16 MB, got {self.memory_mb}")
        if self.seconds is not None and not 0 < self.seconds < 1e7:
            raise ConfigError(f"the time limit per document must be a positive number of seconds, got {self.seconds}")

    @classmethod
    def from_env(cls, memory_mb: int | None = None, seconds: float | None = None) -> Budget:
        """The budget given, else from ``SQ_NLP_MAX_MEMORY_MB`` / ``SQ_NLP_MAX_SECONDS``, else the defaults."""
        def read(name: str, kind: type, default: Any) -> Any:
            raw = os.environ.get(name)
            if raw is None or not raw.strip():
                return default
            try:
                return kind(raw)
            except ValueError:
                raise ConfigError(f"{name}={raw!r} is not a number") from None

        return cls(memory_mb if memory_mb is not None else read(MEMORY_ENV, int, DEFAULT_MEMORY_MB),
                   seconds if seconds is not None else read(SECONDS_ENV, float, DEFAULT_SECONDS))

    def memory_message(self) -> str:
        """Why a document that ran out of memory failed, and how to raise the limit."""
        if self.memory_mb is None:
            return "ran out of memory while reading it"
        return (f"needs more than the {self.memory_mb} MB of memory one document may use (a decompression "
                f"bomb, or a very large file?); to allow more: sq-nlp run --max-memory MB, or {MEMORY_ENV}")

    def time_message(self) -> str:
        """Why a document that ran out of time failed, and how to raise the limit."""
        return (f"took longer than the {self.seconds:g} s one document may take; to allow more: "
                f"sq-nlp run --max-seconds S, or {SECONDS_ENV}")


# ---------------------------------------------------------------- limits inside a process

if sys.platform.startswith("linux"):
    import resource

    # RLIMIT_DATA counts private writable memory only (heap, anonymous maps),
    # not the address space reserved by libraries and thread arenas.
    _MEMORY_LIMIT = getattr(resource, "RLIMIT_DATA", resource.RLIMIT_AS)
else:  # pragma: no cover - other platforms
    resource = None  # type: ignore[assignment]


def _data_size() -> int:
    """Bytes the memory limit currently counts for this process."""
    field = "VmData:" if _MEMORY_LIMIT == getattr(resource, "RLIMIT_DATA", None) else "VmSize:"
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextmanager
def limits(budget: Budget, *, cpu_backstop: bool = False) -> Iterator[None]:
    """Apply ``budget`` to the work done inside the block, in this process.

    Memory: the data size may grow by ``memory_mb`` (an allocation past it
    raises MemoryError). Time: SIGALRM raises :class:`DocumentTimeout` after
    ``seconds`` (only in the main thread, where signals arrive);
    ``cpu_backstop`` (worker processes only) also caps CPU time at twice
    that, which kills the process. Everything is restored afterwards.
    """
    restore: list[Callable[[], None]] = []
    try:
        if budget.memory_mb is not None and resource is not None:
            old = resource.getrlimit(_MEMORY_LIMIT)
            want = _data_size() + budget.memory_mb * 2**20
            if old[1] == resource.RLIM_INFINITY or want <= old[1]:
                resource.setrlimit(_MEMORY_LIMIT, (want, old[1]))
                restore.append(lambda: resource.setrlimit(_MEMORY_LIMIT, old))
        if budget.seconds is not None and threading.current_thread() is threading.main_thread() \
                and hasattr(signal, "setitimer"):
            def on_alarm(signum: int, frame: Any) -> None:
                raise DocumentTimeout()

            previous = signal.signal(signal.SIGALRM, on_alarm)
            signal.setitimer(signal.ITIMER_REAL, budget.seconds)

            def stop_alarm() -> None:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)

            restore.append(stop_alarm)
            if cpu_backstop and resource is not None:
                old_cpu = resource.getrlimit(resource.RLIMIT_CPU)
                usage = resource.getrusage(resource.RUSAGE_SELF)
                cap = int(usage.ru_utime + usage.ru_stime + 2 * budget.seconds) + 1
                if old_cpu[1] == resource.RLIM_INFINITY or cap <= old_cpu[1]:
                    resource.setrlimit(resource.RLIMIT_CPU, (cap, old_cpu[1]))
                    restore.append(lambda: resource.setrlimit(resource.RLIMIT_CPU, old_cpu))
        yield
    finally:
        for undo in reversed(restore):
            undo()


class Budgeted(Generic[T, R]):
    """``func`` run under a :class:`Budget`; a document over it raises an
    :class:`~sq_nlp.errors.InputError` naming the limit. Picklable, so it
    runs in worker processes."""

    def __init__(self, func: Callable[[T], R], budget: Budget, *, in_worker: bool = False) -> None:
        self.func = func
        self.budget = budget
        self.in_worker = in_worker

    def __call__(self, item: T) -> R:
        try:
            with limits(self.budget, cpu_backstop=self.in_worker):
                return self.func(item)
        except MemoryError:
            raise InputError(_file_of(item), self.budget.memory_message()) from None
        except DocumentTimeout:
            raise InputError(_file_of(item), self.budget.time_message()) from None


def _file_of(item: object) -> object:
    """The file an item of work names: its ``path``, or the path it opens
    with (a file and its pages read already), or the item itself."""
    path = getattr(item, "path", None)
    if path is None and isinstance(item, tuple) and item and isinstance(item[0], str):
        path = item[0]
    return item if path is None else path


# ---------------------------------------------------------------- workers tied to their parent


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this process when ``parent`` ends."""
    # Ctrl-C reaches the whole process group; the parent shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="sq-nlp-parent-watch", daemon=True).start()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),))


class WorkerDied(InputError):
    """A worker process died while it read this file."""


def _death_cause(pool: ProcessPoolExecutor) -> str:
    """How the dead worker of a broken pool ended, as far as can be told.

    The pool reports the break as soon as the worker's pipe closes, a moment
    before the process can be reaped, and terminates the other workers
    itself (SIGTERM): wait a little for a code other than that one.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    deadline = time.monotonic() + 2.0
    codes: list[int] = []
    while processes:
        codes = [p.exitcode for p in processes if p.exitcode is not None]
        if any(c != -signal.SIGTERM for c in codes) or len(codes) == len(processes) \
                or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    codes.sort(key=lambda c: c == -signal.SIGTERM)
    if not codes:
        return "the worker process died"
    code = codes[0]
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = {"SIGKILL": " (as the kernel does when memory runs out)",
                "SIGXCPU": " (its CPU time limit, twice the time limit per document)"}.get(name, "")
        return f"the worker process was killed by {name}{hint}"
    return f"the worker process exited with status {code}"


def supervised_map(
    func: Callable[[T], R], items: Sequence[T], workers: int
) -> Iterator[tuple[T, R | BaseException]]:
    """Yield ``(item, func(item))`` as each finishes on ``workers`` processes.

    At most ``2 * workers`` items are in flight. When a worker dies, its
    pool is replaced and the items that were in flight run again, one at a
    time: the one that kills a worker on its own is named
    (:class:`WorkerDied`, with the cause), the others complete.
    """
    size = max(1, min(workers, len(items)))
    queue = deque(items)
    suspects: deque[T] = deque()
    pending: dict[Future[R], T] = {}
    pool = _new_pool(size)
    try:
        while queue or suspects or pending:
            if suspects and not pending:
                item = suspects.popleft()
                try:
                    yield item, pool.submit(func, item).result()
                except BrokenProcessPool:
                    cause = _death_cause(pool)
                    pool = _replace(pool, size)
                    log.warning("%s: %s; a new worker takes over", item, cause)
                    yield item, WorkerDied(item, f"{cause} while reading this file; the other files go on")
                except Exception as exc:  # the call failed in the worker: report it, go on
                    yield item, exc
                continue
            while queue and not suspects and len(pending) < 2 * workers:
                item = queue.popleft()
                try:
                    pending[pool.submit(func, item)] = item
                except BrokenProcessPool:  # broke since the last look: its futures will say so
                    queue.appendleft(item)
                    if not pending:
                        pool = _replace(pool, size)
                    break
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                item = pending.pop(fut)
                exc = fut.exception()
                if isinstance(exc, BrokenProcessPool):
                    broken = True
                    suspects.append(item)
                else:
                    yield item, (exc if exc is not None else fut.result())
            if broken:
                # Every file in flight went down with the pool: try each again alone.
                log.warning("a worker process died (%s); retrying the %d file(s) it may have taken along",
                            _death_cause(pool), len(suspects) + len(pending))
                suspects.extend(pending.values())
                pending.clear()
                pool = _replace(pool, size)
    except BaseException:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _replace(pool: ProcessPoolExecutor, size: int) -> ProcessPoolExecutor:
    pool.shutdown(wait=False, cancel_futures=True)
    return _new_pool(size)
