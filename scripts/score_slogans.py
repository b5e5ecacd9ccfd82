"""Score slogan extraction against a gold ``slogans.jsonl``.

A gold line is ``{"term", "kind", "count", "expansion", "occurrences"}``.
Terms are matched exactly. The script reports:

* recall and precision over terms (targets: recall >= 0.95, precision >= 0.9);
* kind, count and occurrence agreement on the matched terms;
* expansions: every gold term with a non-empty expansion must be found with
  ``expansion_source == "text"`` and exactly the gold items, in order; a text
  expansion where the gold has none is listed as spurious.

``score`` is a pure function the tests import; ``main`` runs the extraction
on the seed (``corpus/shengquan_2020.txt`` in the repository) by default.

Usage::

    python scripts/score_slogans.py [--doc FILE] [--gold slogans.jsonl] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED_DOC = ROOT / "corpus" / "shengquan_2020.txt"
SEED_GOLD = ROOT.parent / "shared" / "eval" / "seed" / "slogans.jsonl"


@dataclass(frozen=True)
class SloganScore:
    """Term-level agreement between predicted and gold slogans."""

    gold: int
    predicted: int
    matched: tuple[str, ...]
    missed: tuple[str, ...]
    spurious: tuple[str, ...]
    kind_errors: tuple[tuple[str, str, str], ...] = ()
    count_errors: tuple[tuple[str, Any, Any], ...] = ()
    occurrence_errors: tuple[tuple[str, int, int], ...] = ()
    expansions_gold: int = 0
    expansions_exact: tuple[str, ...] = ()
    expansion_errors: tuple[tuple[str, list[str], list[str]], ...] = field(default=())
    spurious_expansions: tuple[tuple[str, list[str]], ...] = ()

    @property
    def recall(self) -> float:
        return len(self.matched) / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return len(self.matched) / self.predicted if self.predicted else 1.0


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """One dict per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(predicted: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]) -> SloganScore:
    """Compare predicted slogan dicts (``Slogan.to_dict()``) with gold dicts."""
    pred = {p["term"]: p for p in predicted}
    gold_by_term = {g["term"]: g for g in gold}
    matched = tuple(t for t in gold_by_term if t in pred)
    kind_errors, count_errors, occ_errors = [], [], []
    for t in matched:
        g, p = gold_by_term[t], pred[t]
        if g.get("kind") != p.get("kind"):
            kind_errors.append((t, g.get("kind"), p.get("kind")))
        if g.get("count") != p.get("count"):
            count_errors.append((t, g.get("count"), p.get("count")))
        if "occurrences" in g and g["occurrences"] != p.get("occurrences"):
            occ_errors.append((t, g["occurrences"], p.get("occurrences")))
    exact, exp_errors = [], []
    with_expansion = [t for t, g in gold_by_term.items() if g.get("expansion")]
    for t in with_expansion:
        p = pred.get(t)
        got = list(p["expansion"]) if p and p.get("expansion_source") == "text" else []
        if got == list(gold_by_term[t]["expansion"]):
            exact.append(t)
        else:
            exp_errors.append((t, list(gold_by_term[t]["expansion"]), got))
    spurious_exp = tuple(
        (t, list(p["expansion"])) for t, p in pred.items()
        if p.get("expansion_source") == "text" and not gold_by_term.get(t, {}).get("expansion")
    )
    return SloganScore(
        gold=len(gold_by_term), predicted=len(pred), matched=matched,
        missed=tuple(t for t in gold_by_term if t not in pred),
        spurious=tuple(t for t in pred if t not in gold_by_term),
        kind_errors=tuple(kind_errors), count_errors=tuple(count_errors),
        occurrence_errors=tuple(occ_errors), expansions_gold=len(with_expansion),
        expansions_exact=tuple(exact), expansion_errors=tuple(exp_errors),
        spurious_expansions=spurious_exp,
    )


def format_score(s: SloganScore, verbose: bool = False) -> str:
    """A short human-readable report."""
    lines = [
        f"terms: gold {s.gold}, predicted {s.predicted}, matched {len(s.matched)}",
        f"recall {s.recall:.3f}  precision {s.precision:.3f}",
        f"expansions exactly right: {len(s.expansions_exact)}/{s.expansions_gold}",
        f"kind errors {len(s.kind_errors)}, count errors {len(s.count_errors)}, "
        f"occurrence errors {len(s.occurrence_errors)}, spurious text expansions {len(s.spurious_expansions)}",
    ]
    if s.missed:
        lines.append("missed: " + " ".join(s.missed))
    if s.spurious:
        lines.append("spurious: " + " ".join(s.spurious))
    for t, g, p in s.expansion_errors:
        lines.append(f"expansion {t}: gold {g} got {p}")
    if verbose:
        for label, rows in (("kind", s.kind_errors), ("count", s.count_errors),
                            ("occurrences", s.occurrence_errors), ("spurious expansion", s.spurious_expansions)):
            for row in rows:
                lines.append(f"{label}: {row}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run extraction on ``--doc`` and score it against ``--gold``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--doc", type=Path, default=SEED_DOC)
    ap.add_argument("--gold", type=Path, default=SEED_GOLD)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file not found: {args.gold} (pass --gold)", file=sys.stderr)
        return 2
    from sq_nlp.extract.document import extract_path

    extraction = extract_path(args.doc)
    s = score((x.to_dict() for x in extraction.slogans), load_jsonl(args.gold))
    print(format_score(s, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
