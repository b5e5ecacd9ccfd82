"""The ``sq-nlp`` command line: a thin layer over the library.

Each module of this package registers its subcommands; every subcommand is a
function ``(args) -> exit code``. Errors from the library's hierarchy become
one line on stderr and a non-zero exit, never a traceback. Only this layer
configures logging (and silences jieba's start-up chatter).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from sq_nlp import __version__
from sq_nlp.errors import SqNlpError

DEFAULT_DB = "outputs/sq_nlp.db"
"""The database the subcommands use without --db (sq_nlp.store.db.DEFAULT_DB, as a
string, so that building the parser imports no store code)."""

# Subcommand modules, each with ``register(subparsers)``; imported lazily so a
# query never pays for jieba or scikit-learn.
COMMAND_MODULES = ("sq_nlp.cli.extract", "sq_nlp.cli.run", "sq_nlp.cli.query", "sq_nlp.cli.visual",
                   "sq_nlp.cli.terms")

EPILOG = """examples:
  sq-nlp run                         ingest corpus/ and write outputs/
  sq-nlp extract report.txt --format json
"""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="sq-nlp",
        description="Chinese text mining for government work reports: "
        "figures, slogans, keywords and word clouds.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sq-nlp {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("jieba").setLevel(max(level, logging.WARNING))
    # pdfminer warns about every damaged stream; the ingest error already says it.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs every table it subsets
    # Library warnings (scikit-learn's ConvergenceWarning ...) speak to developers: shown with -v.
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").setLevel(logging.WARNING if verbose else logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    _configure_logging(args.verbose)
    try:
        return int(args.func(args))
    except SqNlpError as exc:
        print(f"sq-nlp: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sq-nlp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
