"""``sq-nlp extract``: one or more files -> blocks, figures and slogans."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

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
    print(f"# {doc['path']}  [{doc['encoding']}]  {doc.get('title') or ''}  "
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


def _scan_pages_with_bar(path: str) -> dict[int, Any] | None:
    """The scanned pages of ``path`` read under a progress bar (on a
    terminal; None elsewhere or for files without scanned pages)."""
    from pathlib import Path

    from sq_nlp.pipeline import SCAN_SUFFIXES

    if not sys.stderr.isatty() or Path(path).suffix.lower() not in SCAN_SUFFIXES:
        return None
    from tqdm import tqdm

    from sq_nlp.ingest.containers import read_scan_page
    from sq_nlp.ingest.reader import _read, ocr_plan

    plan = ocr_plan(path)
    if not plan:
        return None
    data, kind = _read(Path(path))
    pages: dict[int, Any] = {}
    with tqdm(total=len(plan), unit="page", desc=f"OCR {Path(path).name}", file=sys.stderr,
              bar_format="{l_bar}{bar}| {n:.1f}/{total} pages [{elapsed}<{remaining}]") as bar:
        for done, index in enumerate(plan):
            def tell(share: float, done: int = done) -> None:
                bar.n = done + share
                bar.refresh()
            pages[index] = read_scan_page(data, kind, index, path, progress=tell)
            tell(1.0)
    return pages


def run_extract(args: argparse.Namespace) -> int:
    """Extract each file; errors name the file and the batch goes on. Scans
    are read under a progress bar on a terminal."""
    from sq_nlp.extract.document import extract_path

    failed = 0
    for path in args.files:
        try:
            data = extract_path(path, ocr_pages=_scan_pages_with_bar(path)).to_dict()
        except SqNlpError as exc:
            print(f"sq-nlp: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "json":
            json.dump(data, sys.stdout, ensure_ascii=False, indent=None if len(args.files) > 1 else 1)
            sys.stdout.write("\n")
        else:
            _print_table(data)
    return 1 if failed else 0
