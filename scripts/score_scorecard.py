#!/usr/bin/env python
"""Score the GDP scorecard against the blind gold in tests/data/questions/scorecard_*.jsonl.

Usage::

    python scripts/score_scorecard.py [--corpus ../shared/corpus] [--db answers.db] [--show]

The reports the question gold names are ingested (as scripts/score_answers.py
does), ``sq-nlp scorecard --indicator GDP`` is computed, and each gold line
(region, year: the target report Y set, the outcome report Y+1 states, the
verdict) is compared with the tool's row: the target (value and range end),
the outcome and the verdict must each be the gold's. A gold line without a
target or an outcome must get no verdict. Printed: accuracy of targets,
outcomes, verdicts and of whole rows; with ``--show`` every miss.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import score_answers  # noqa: E402

GOLD_DIR = ROOT / "tests" / "data" / "questions"


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def score(gold: Sequence[dict[str, Any]], db: Any) -> list[dict[str, Any]]:
    """Each gold line with the tool's row and which parts agree."""
    from sq_nlp.store.scorecard import scorecard_rows

    rows = scorecard_rows(db=db, indicator="gdp")
    out = []
    for g in gold:
        mine = next((r for r in rows if g["region"] in (r["region"] or "") and r["year"] == g["year"]), None)
        gt, go = g.get("target"), g.get("outcome")
        target_ok = (mine is None and gt is None) or (
            mine is not None and gt is not None and _same(mine["target_value"], gt["value"])
            and _same(mine["target_max"], gt.get("value_max")))
        # a year without a target has no row, whatever its outcome
        outcome_ok = (mine is None and gt is None) or (go is None and (mine is None or mine["outcome_value"] is None)) or (
            mine is not None and go is not None and _same(mine["outcome_value"], go["value"]))
        verdict_ok = (mine["verdict"] if mine else None) == g.get("verdict")
        out.append({"gold": g, "mine": mine, "target_ok": target_ok, "outcome_ok": outcome_ok,
                    "verdict_ok": verdict_ok, "ok": target_ok and outcome_ok and verdict_ok})
    return out


def report(results: Sequence[dict[str, Any]], *, show: bool = False) -> dict[str, float]:
    """Print the accuracies (and the misses with ``show``)."""
    n = len(results)
    acc = {k: sum(r[f"{k}_ok" if k != "row" else "ok"] for r in results) / n if n else 1.0
           for k in ("target", "outcome", "verdict", "row")}
    print(f"{n} region-years: targets {acc['target']:.3f}, outcomes {acc['outcome']:.3f}, "
          f"verdicts {acc['verdict']:.3f}, whole rows {acc['row']:.3f}")
    if show:
        for r in results:
            if r["ok"]:
                continue
            g, m = r["gold"], r["mine"]
            want = f"{(g.get('target') or {}).get('value')} -> {(g.get('outcome') or {}).get('value')} {g.get('verdict')}"
            have = f"{m['target']} -> {m['outcome']} {m['verdict']}" if m else "no row"
            print(f"  {g['region']} {g['year']}: want {want}; got {have}")
    return acc


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, nargs="*", default=sorted(GOLD_DIR.glob("scorecard_*.jsonl")))
    ap.add_argument("--corpus", type=Path, default=score_answers.CORPUS)
    ap.add_argument("--db", type=Path, help="keep the store here (default: a temporary one)")
    ap.add_argument("--show", action="store_true", help="print every line not scored right")
    args = ap.parse_args(argv)
    gold = score_answers.load_gold(args.gold)
    questions = score_answers.load_gold(sorted(GOLD_DIR.glob("gold_*.jsonl")))
    files = sorted({args.corpus / q["file"] for q in questions})
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "scorecard.db"
        score_answers.ingest(files, db)
        report(score(gold, db), show=args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
