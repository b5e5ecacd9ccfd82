"""Score layout repair against a hand-repaired text (default: the seed).

Prints paragraph precision/recall/F1 (exact match, whitespace ignored),
headline F1, spurious CJK spaces, lost characters and offset validity.

    python scripts/score_layout.py [RAW [CLEAN]] [--headline-position after]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sq_nlp.ingest.reader import ingest
from sq_nlp.extract.layout_eval import score_layout

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", nargs="?", default=str(ROOT / "corpus" / "shengquan_2020.txt"))
    parser.add_argument("clean", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "seed" / "clean.txt"))
    parser.add_argument("--headline-position", choices=("auto", "before", "after"), default=None,
                        help="override the sidecar's hint (default: use the sidecar)")
    parser.add_argument("--show", action="store_true", help="print mismatching paragraphs")
    args = parser.parse_args(argv)
    clean_path = Path(args.clean)
    if not clean_path.exists():
        print(f"no gold file at {clean_path}", file=sys.stderr)
        return 2
    doc = ingest(args.raw)
    position = args.headline_position or doc.headline_position
    scores = score_layout(doc.text, clean_path.read_text(encoding="utf-8"), headline_position=position)
    for key, value in scores.items():
        if key.startswith("_"):
            continue
        print(f"{key:<24} {value:.3f}" if isinstance(value, float) else f"{key:<24} {value}")
    if args.show:
        for kind, items in (("missing", scores["_missing"]), ("spurious", scores["_spurious"])):
            for text in items:
                print(f"{kind}: {text[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
