"""Formulas found per report over a folder (for reading and sanity checks).

Prints, for each ``*.txt`` report, its slogans ordered by occurrences:
``term ×occurrences [kind count] = items (source, ✗ when the count mismatches)``,
then a cross-report table of the terms found in at least ``--min-reports``
reports. Raw GBK copies (``raw_gbk_*``) are skipped: they duplicate a report.

Usage::

    python scripts/slogan_table.py [FOLDER] [--kind numbered] [--min-reports 2] [--tsv]
                                   [--report national_china_2019 --report city_shanghai]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus"


def report_rows(folder: Path, only: Sequence[str] = ()) -> Iterable[tuple[str, list[dict]]]:
    """``(file name, slogan dicts)`` for each report of ``folder`` (whose name holds one of ``only``, if given)."""
    from sq_nlp.extract.document import extract_path

    for path in sorted(folder.glob("*.txt")):
        if path.name.startswith("raw_gbk_") or only and not any(o in path.name for o in only):
            continue
        yield path.name, [s.to_dict() for s in extract_path(path).slogans]


def format_slogan(s: dict) -> str:
    """One line for one slogan."""
    head = f"{s['term']} ×{s['occurrences']} [{s['kind']}{'' if s['count'] is None else ' ' + str(s['count'])}]"
    if s["expansion"]:
        flag = "" if s["count_matches"] in (True, None) else " ✗count"
        head += f" = {'、'.join(s['expansion'])} ({s['expansion_source']}{flag})"
    return head


def main(argv: Sequence[str] | None = None) -> int:
    """Print the per-report lists and the cross-report table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--kind", choices=("numbered", "quoted", "model"), default=None)
    ap.add_argument("--min-reports", type=int, default=2)
    ap.add_argument("--tsv", action="store_true", help="one tab-separated row per (report, term)")
    ap.add_argument("--report", action="append", default=[],
                    help="only reports whose file name contains this (repeatable)")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"not a folder: {args.folder}", file=sys.stderr)
        return 2
    per_term: dict[str, dict[str, int]] = defaultdict(dict)
    kinds: Counter[str] = Counter()
    for name, slogans in report_rows(args.folder, args.report):
        if args.kind:
            slogans = [s for s in slogans if s["kind"] == args.kind]
        slogans.sort(key=lambda s: (-s["occurrences"], s["spans"][0]))
        if args.tsv:
            for s in slogans:
                print("\t".join([name, s["term"], s["kind"], str(s["count"]), str(s["occurrences"]),
                                 "、".join(s["expansion"]), str(s["expansion_source"]), str(s["count_matches"])]))
        else:
            print(f"## {name}: {len(slogans)} slogans")
            for s in slogans:
                print("  " + format_slogan(s))
        for s in slogans:
            per_term[s["term"]][name.removesuffix(".txt")] = s["occurrences"]
            kinds[s["kind"]] += 1
    if not args.tsv:
        print(f"\n## terms in at least {args.min_reports} reports ({dict(kinds)} slogans in all)")
        common = sorted(((t, r) for t, r in per_term.items() if len(r) >= args.min_reports),
                        key=lambda x: (-len(x[1]), x[0]))
        for term, reports in common:
            print(f"  {term}: " + ", ".join(f"{k} ×{v}" for k, v in sorted(reports.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
