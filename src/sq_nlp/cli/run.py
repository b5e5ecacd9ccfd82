"""``sq-nlp run``: ingest report files into the database, then build summaries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sq_nlp.cli import DEFAULT_DB, error_line, positive_int, printable

EXAMPLES = """examples:
  sq-nlp run                              ingest corpus/ into outputs/sq_nlp.db
  sq-nlp run corpus ../shared/corpus      several folders (searched recursively)
  sq-nlp run report.txt --db my.db        one file, another database
  sq-nlp run --workers 1                  no worker processes
  sq-nlp run --force                      re-extract files already stored
  sq-nlp run --engine dask --scheduler tcp://scheduler-host:8786

Files already stored with the same content (and sidecar) are skipped; a changed
file replaces its own rows. Reports: .txt .docx .pdf .html .htm (a sidecar
NAME.meta.json beside a report gives its title, region, year and period).
"""




def register(sub: Any) -> None:
    """Add the ``run`` subcommand."""
    p = sub.add_parser(
        "run",
        help="ingest report files into the database (the main job)",
        description="Ingest report files and folders into the SQLite database: extract "
        "blocks, figures and slogans on several processes, write each document in one "
        "transaction, skip what is already stored. A file that fails is reported with "
        "its reason and the rest go on; the exit code is 1 if any failed.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", default=["corpus"],
                   help="report files or folders (default: corpus/)")
    p.add_argument("--db", default=str(DEFAULT_DB), metavar="PATH",
                   help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="worker processes (default: the number of cores)")
    p.add_argument("--force", action="store_true", help="re-ingest files whose content is already stored")
    p.add_argument("--out", metavar="DIR", help="where summaries go (default: the database's folder)")
    p.add_argument("--no-summaries", action="store_true",
                   help="only ingest; do not build keywords, clouds and report pages")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the per-document work runs: local processes (default) or Dask")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: a running scheduler (tcp://host:8786); default: a local cluster")
    p.add_argument("--max-memory", type=positive_int, metavar="MB",
                   help="memory one document may take, in MB (default: $SQ_NLP_MAX_MEMORY_MB or 1024); "
                        "a file that needs more fails with a message, the rest go on")
    p.add_argument("--max-seconds", type=positive_int, metavar="S",
                   help="time one document may take, in seconds (default: $SQ_NLP_MAX_SECONDS or 600)")
    p.set_defaults(func=run_run)


def run_run(args: argparse.Namespace) -> int:
    """Ingest, report each failure and a one-line summary, then build summaries."""
    from sq_nlp import pipeline

    from sq_nlp.workers import Budget

    engine: Any
    if args.engine == "dask":
        engine = pipeline.DaskEngine(scheduler=args.scheduler, workers=args.workers)
    elif args.scheduler:
        print("sq-nlp: error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    else:
        engine = pipeline.LocalEngine(workers=args.workers,
                                      budget=Budget.from_env(args.max_memory, args.max_seconds))
    summary = pipeline.run(args.paths, db_path=args.db, workers=args.workers, force=args.force, engine=engine)
    for path, reason in summary.failed:
        print(error_line(f"{path}: {reason}"), file=sys.stderr)
    replaced = sum(1 for r in summary.results if r.status == "replaced")
    print(
        f"sq-nlp run: {summary.seen} files: {len(summary.ingested)} ingested"
        + (f" ({replaced} replaced)" if replaced else "")
        + f", {len(summary.skipped)} unchanged, {len(summary.failed)} failed"
        + f" -> {printable(summary.db_path)} ({summary.seconds:.1f} s)",
        file=sys.stderr,
    )
    status = after_ingest(summary, args)
    return 1 if summary.failed else status


def after_ingest(summary: Any, args: argparse.Namespace) -> int:
    """Build the summaries (keywords, word clouds, charts, report pages) from
    the database into the database's folder, on ``--workers`` processes; only
    what is missing or whose inputs changed is made. Returns an exit code."""
    if args.no_summaries:
        return 0  # (before the summaries' imports: a tenth of a second, half of a run with nothing to do)
    import time

    from sq_nlp.summaries.report import write_outputs

    out = Path(args.out) if args.out else Path(summary.db_path).parent
    print(f"sq-nlp run: summaries (keywords, clouds, charts, report pages) -> {out}/ ...", file=sys.stderr)
    t0 = time.perf_counter()
    written = write_outputs(summary.db_path, out, workers=args.workers)
    status = f"{len(written)} files written" if written else "unchanged, nothing to do"
    print(f"sq-nlp run: summaries: {status} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    write_attention_panel(summary.db_path, out)
    return 0


def write_attention_panel(db_path: Any, out: Path) -> None:
    """The attention panel (``sq-nlp measure`` with every shipped dictionary)
    and its charts, beside the other summaries."""
    import time

    from sq_nlp.summaries.attention import write_attention

    t0 = time.perf_counter()
    written = write_attention(db_path, out)
    if written:
        print(f"sq-nlp run: attention panel: {written[0]} and {len(written) - 1} chart(s) "
              f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
