#!/usr/bin/env python
"""Score resolved answers against the blind question set in tests/data/questions/.

Usage::

    python scripts/score_answers.py [--corpus ../shared/corpus] [--db answers.db] [--show]
    python scripts/score_answers.py --gold tests/data/questions/gold_a.jsonl --show

Every report a gold file names is ingested into a store (a temporary one
unless ``--db`` names one to keep), then each question — an indicator of the
registry, the report's region, a period and a measure (level, rate, target)
— is asked of the resolver, as ``sq-nlp answer`` asks it. An answer is right
when the reports state no figure and the resolver gives none, or when its
signed value (a fall is negative) and unit are the gold's (a range needs both
ends). Printed: accuracy overall, per measure and per indicator; how often
the bound agrees where both answered; how many answers cite a raw line that
does not hold the number; and with ``--show`` every miss.

A question the gold leaves unanswered for one report may be answered from the
region's other report (a five-year review restating an earlier year): such
answers are counted apart ("from another report"), neither right nor wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "data" / "questions"
CORPUS = ROOT.parent / "shared" / "corpus"

# Gold indicator names -> registry ids (other names are registry ids already).
INDICATORS = {"gdp": "gdp", "budget_revenue": "budget_revenue", "disposable_income": "disposable_income",
              "new_urban_jobs": "urban_jobs"}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def load_gold(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Every question of the gold files, in order."""
    out = []
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def gold_value(answer: dict[str, Any]) -> float:
    """The gold's value, signed like the resolver's (a fall is negative)."""
    v = float(answer["value"])
    return -abs(v) if answer.get("direction") == "down" else v


def _unit(u: str | None) -> str:
    return (u or "").translate(_FULLWIDTH)


def judge(gold: dict[str, Any], got: dict[str, Any] | None) -> str:
    """``right``, ``wrong``, ``missed`` (gold has a figure, the tool none),
    ``spurious`` (the tool answers, the gold has none) or ``other report``."""
    g = gold.get("answer")
    if g is None:
        if got is None or got.get("value") is None:
            return "right"
        if Path(got.get("path") or "").name != Path(gold["file"]).name:
            return "other report"
        return "spurious"
    if got is None or got.get("value") is None:
        return "missed"
    same = abs(float(got["value"]) - gold_value(g)) < 1e-9 and _unit(got.get("unit")) == _unit(g.get("unit"))
    if same and g.get("value_max") is not None:
        same = got.get("value_max") is not None and abs(float(got["value_max"]) - float(g["value_max"])) < 1e-9
    return "right" if same else "wrong"


def _line_holds_number(texts: dict[str, str], got: dict[str, Any]) -> bool:
    text = texts.get(got.get("path") or "")
    line = got.get("line")
    if text is None or not isinstance(line, int):
        return False
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return False
    written = (got.get("text") or "").translate(_FULLWIDTH)
    m = re.search(r"\d+(?:\.\d+)?", written)
    if m is None:  # a number written in characters (百万吨以上): the line holds it as written
        return bool(written) and written in lines[line - 1].translate(_FULLWIDTH)
    return m.group() in lines[line - 1].translate(_FULLWIDTH)


def score(gold: Sequence[dict[str, Any]], db: Any, corpus: Path) -> dict[str, Any]:
    """Ask every question of ``db``; returns the per-question verdicts and tallies."""
    from sq_nlp.store.answers import answers
    from sq_nlp.store.db import open_store

    with open_store(db, readonly=True) as st:
        docs = {Path(d.path).name: d for d in st.documents()}
        texts = {d.path: st.document_text(d.id) for d in docs.values()}
    rows = []
    for q in gold:
        doc = docs.get(Path(q["file"]).name)
        if doc is None:
            raise SystemExit(f"{q['file']}: not in the store (is --corpus right?)")
        period = int(q["period"])
        found = answers(INDICATORS.get(q["indicator"], q["indicator"]), db=db, region=doc.region, period=period, measure=q["measure"])
        got = next((a.to_dict() for a in found if a.region == doc.region and a.chosen is not None), None)
        verdict = judge(q, got)
        rows.append({"question": q, "got": got, "verdict": verdict,
                     "line_ok": _line_holds_number(texts, got) if got else None,
                     "bound_ok": (got["bound"] == q["answer"]["bound"]) if got and q.get("answer") and verdict == "right" else None})
    return {"rows": rows}


def report(result: dict[str, Any], *, show: bool = False) -> dict[str, float]:
    """Print the tallies (and misses with ``show``); returns accuracy by group."""
    rows = result["rows"]
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        q = r["question"]
        for key in ("all", f"measure={q['measure']}", f"indicator={q['indicator']}"):
            groups[key].append(r["verdict"])
    out = {}
    print(f"{'group':<32} {'right':>6} {'asked':>6} {'accuracy':>9}  wrong missed spurious other-report")
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        v = groups[key]
        counted = [x for x in v if x != "other report"]
        right = counted.count("right")
        acc = right / len(counted) if counted else 1.0
        out[key] = acc
        print(f"{key:<32} {right:>6} {len(counted):>6} {acc:>9.3f}  {v.count('wrong'):>5} {v.count('missed'):>6} "
              f"{v.count('spurious'):>8} {v.count('other report'):>12}")
    answered = [r for r in rows if r["got"]]
    bad_lines = [r for r in answered if not r["line_ok"]]
    bounds = [r["bound_ok"] for r in rows if r["bound_ok"] is not None]
    print(f"answers whose source line does not hold the number: {len(bad_lines)} of {len(answered)}")
    if bounds:
        print(f"bound agrees on right answers: {sum(bounds)}/{len(bounds)}")
    if show:
        for r in rows:
            if r["verdict"] in ("right",):
                continue
            q, g = r["question"], r["got"]
            ans = q.get("answer")
            want = f"{ans['value']}{ans.get('unit') or ''} {ans.get('bound')}" if ans else "none"
            have = f"{g['text']} ({g['bound']}) at {g['source']} as {g['stated_as']}" if g else "none"
            print(f"[{r['verdict']}] {q['file']} {q['indicator']} {q['measure']} {q['period']}: "
                  f"want {want} ({(q.get('quote') or '')[:30]}) got {have}")
    out["bad_lines"] = len(bad_lines)
    return out


def ingest(files: Sequence[Path], db: Path) -> None:
    """Ingest ``files`` into the store at ``db`` (skips what is stored)."""
    from sq_nlp.pipeline import run

    summary = run(files, db_path=db, progress=False)
    if summary.failed:
        raise SystemExit("could not ingest: " + "; ".join(f"{p}: {r}" for p, r in summary.failed))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, nargs="*", default=sorted(GOLD_DIR.glob("gold*.jsonl")))
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--db", type=Path, help="keep the store here (default: a temporary one)")
    ap.add_argument("--show", action="store_true", help="print every question not answered right")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    files = sorted({args.corpus / q["file"] for q in gold})
    missing = [f for f in files if not f.exists()]
    if missing:
        print(f"missing report files (is --corpus right?): {missing[:3]}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "answers.db"
        ingest(files, db)
        report(score(gold, db, args.corpus), show=args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
