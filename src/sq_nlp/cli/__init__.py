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
import re
import sys
from collections.abc import Sequence

from sq_nlp import __version__
from sq_nlp.errors import SqNlpError

DEFAULT_DB = "outputs/sq_nlp.db"
"""The database the subcommands use without --db (sq_nlp.store.db.DEFAULT_DB, as a
string, so that building the parser imports no store code)."""

# Subcommand modules, each with ``register(subparsers)``; imported lazily so a
# query never pays for jieba or scikit-learn.
COMMAND_MODULES = (
    "sq_nlp.cli.extract", "sq_nlp.cli.run", "sq_nlp.cli.query", "sq_nlp.cli.answers", "sq_nlp.cli.visual",
    "sq_nlp.cli.terms",
)

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


def _whole(text: str, lo: int, hi: int, what: str = "") -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < lo:
        raise argparse.ArgumentTypeError(f"{what or 'must be'} at least {lo}, got {n}")
    if n > hi:
        raise argparse.ArgumentTypeError(f"{what or 'must be'} at most {hi:,}, got {text}")
    return n


#: Largest count any option takes (numbers past it overflow C and SQLite integers).
MAX_COUNT = 10**9


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1 (and at most :data:`MAX_COUNT`)."""
    return _whole(text, 1, MAX_COUNT)


def count_int(text: str) -> int:
    """argparse type: a whole number of at least 0 (and at most :data:`MAX_COUNT`)."""
    return _whole(text, 0, MAX_COUNT)


def year_int(text: str) -> int:
    """argparse type: a year (1 to 9999)."""
    return _whole(text, 1, 9999, "a year must be")


def seed_int(text: str) -> int:
    """argparse type: a random seed (0 to 2**32 - 1)."""
    return _whole(text, 0, 2**32 - 1, "a seed must be")


# Characters that would act on the terminal rather than show: C0/C1
# controls (ESC starts escape sequences, CR rewrites the line) and the
# bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _PrintableFormatter(logging.Formatter):
    """Log lines with file names made safe to print (newlines kept for tracebacks)."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(printable(line) for line in super().format(record).split("\n"))


def printable(text: object) -> str:
    """``text`` safe to print on a terminal: control and bidi characters as escapes (``\\x1b``)."""
    s = str(text)
    if not _UNPRINTABLE.search(s):
        return s
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


def error_line(message: object) -> str:
    """One ``sq-nlp: error:`` line, safe to print."""
    return "sq-nlp: error: " + printable(message)


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
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
        print(error_line(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sq-nlp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the library did not expect to fail (disk full, read-only media)
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(error_line(f"{where}{exc.strerror or exc}"), file=sys.stderr)
        return 1
