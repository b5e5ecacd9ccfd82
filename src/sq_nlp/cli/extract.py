"""``sq-nlp extract``: one or more files -> blocks, figures and slogans."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sq_nlp.cli import error_line, printable
from sq_nlp.errors import SqNlpError

EXAMPLES = """examples:
  sq-nlp extract corpus/seed.txt --format json
  sq-nlp extract report.docx --format table
"""


def register(sub: Any) -> None:
    """Add the ``extract`` subcommand."""
    p = sub.add_parser(
        "extract",
        help="extract blocks, figures and slogans from files (no database)",
        description="Read report files and print what sq_nlp extracts from each: the "
        "document, its repaired blocks with raw offsets, its figures and slogans. "
        "With several files, JSON output is one object per line.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="report files (.txt, .docx, .pdf, .html, scans as .png/.jpg/.tif)")
    p.add_argument("--format", choices=("json", "table"), default="json", help="output format (default: json)")
    p.set_defaults(func=run_extract)


def _print_table(data: dict[str, Any]) -> None:
    doc = data["document"]
    print(f"# {printable(doc['path'])}  [{doc['encoding']}]  {doc.get('title') or ''}  "
          f"region={doc.get('region') or '-'} year={doc.get('year') or '-'} period={doc.get('period') or '-'}")
    print(f"## blocks ({len(data['blocks'])})")
    for b in data["blocks"]:
        text = b["text"] if len(b["text"]) <= 60 else b["text"][:59] + "…"
        print(f"{b['kind']:<9} L{b['line']:<5} [{b['start']}:{b['end']}] {text}")
    print(f"## figures ({len(data['figures'])})")
    for f in data["figures"]:
        print(f"L{f['line']:<5} {f['indicator']}  {f['value_text'] or f['value']}{f['unit'] or ''}"
              f"  period={f['period']}  {'change ' if f['change'] else ''}{'target' if f['target'] else ''}")
    print(f"## slogans ({len(data['slogans'])})")
    for s in data["slogans"]:
        items = "、".join(s["expansion"])
        print(f"{s['kind']:<9} {s['term']} ×{s['occurrences']}" + (f"  = {items}" if items else ""))


def extract_dict(path: str) -> dict:
    """The ``extract --format json`` object of one file (module level, so a worker process can run it)."""
    from sq_nlp.extract.document import extract_path

    return extract_path(path).to_dict()


def _native(path: str) -> bool:
    """Whether reading ``path`` runs native decoders (PDF rendering, image and
    OCR libraries), which abort the whole process when memory runs out
    instead of raising: such files are read in a worker process."""
    from sq_nlp.ingest.containers import sniff

    if not Path(path).is_file():
        return False  # a FIFO, a link loop, a folder: the reader names it (opening a FIFO would block)
    try:
        with open(path, "rb") as fh:
            return sniff(fh.read(2048), path) in ("pdf", "image")
    except (OSError, SqNlpError):
        return False  # the reader names the problem


def run_extract(args: argparse.Namespace) -> int:
    """Extract each file; errors name the file and the batch goes on."""
    from sq_nlp.workers import Budget, Budgeted, supervised_map

    failed = 0
    budget = Budget.from_env()  # as `run` bounds each file
    bounded = Budgeted(extract_dict, budget)
    isolated = Budgeted(extract_dict, budget, in_worker=True)
    for path in args.files:
        try:
            if _native(path):
                ((_, data),) = supervised_map(isolated, [path], 1)
                if isinstance(data, BaseException):
                    raise data
            else:
                data = bounded(path)
        except SqNlpError as exc:
            print(error_line(exc), file=sys.stderr)
            failed += 1
            continue
        if args.format == "json":
            json.dump(data, sys.stdout, ensure_ascii=False, indent=None if len(args.files) > 1 else 1)
            sys.stdout.write("\n")
        else:
            _print_table(data)
    return 1 if failed else 0
