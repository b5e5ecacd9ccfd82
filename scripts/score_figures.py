#!/usr/bin/env python
"""Score figure extraction against a gold file in the format of eval/seed/facts.jsonl.

Usage::

    python scripts/score_figures.py [FILE] [--gold facts.jsonl] [--non-facts non_facts.jsonl] [--show]
    python scripts/score_figures.py ../shared/corpus/national_china_2019.txt \
        --gold tests/data/figures_gold.jsonl --gold-lines-only
    python scripts/score_figures.py --gold tests/data/figures_gold_blind.jsonl --corpus ../shared/corpus

With ``--corpus`` every report a multi-report gold names is scored on the
gold's lines, one line per report and a pooled line (the sums of matched,
predicted and gold figures over all reports).

FILE defaults to the seed page ``corpus/shengquan_2020.txt`` with the gold in
``../shared/eval/seed/``. Each predicted figure is matched to at most one gold
figure with the same ``value_base``/``base_unit``; a match counts when the two
indicators share enough characters (character F1 >= 0.5). Printed: precision,
recall and F1; the accuracy of ``qualifier``, ``change`` and ``period`` on
matched figures (our ``period`` read as the figure's ``years``: 2021-2025 for a
five-year sum or average, and our ``qualifier`` as its class where the golds write
classes: ``bound`` at_least is over, about approx, at_most under); how many gold non-facts were reported; how many spans do not
cover their number in the raw text; and the same for a naive baseline (a
number-plus-unit regex with the few characters before it as the indicator).

The functions are importable (``score``, ``char_f1``, ``baseline_figures``) so
tests can check the scoring itself on a hand-made gold.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = ROOT / "corpus" / "shengquan_2020.txt"
SEED_GOLD = ROOT.parent / "shared" / "eval" / "seed"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def _chars(text: str | None) -> list[str]:
    """Characters that carry meaning: no punctuation, quotes or spaces."""
    return [c for c in (text or "") if not unicodedata.category(c).startswith(("P", "Z", "S", "C"))]


def char_f1(pred: str | None, gold: str | None) -> float:
    """Character-multiset F1 of two indicators (punctuation and spaces ignored)."""
    p, g = Counter(_chars(pred)), Counter(_chars(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(p.values())
    recall = overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


_ALTERNATIVE = re.compile(r"[（(][^（(）)]{1,2}[）)]$")  # 套（间）: another classifier of the same things


def _base_unit(unit: Any) -> str | None:
    if unit in (None, ""):
        return None
    unit = _ALTERNATIVE.sub("", str(unit)) or str(unit)
    return {"％": "%", "百分点": "个百分点"}.get(unit, unit)


def _same_unit(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The same base unit, or the same unit as written where the gold names no
    base unit: 43万儿童 is 43万 of people (``人``, read from the noun) whether or
    not a gold writes it."""
    if _base_unit(pred.get("base_unit")) == _base_unit(gold.get("base_unit")):
        return True
    return gold.get("base_unit") in (None, "") and bool(gold.get("unit")) and pred.get("unit") == gold.get("unit") \
        and pred.get("base_unit") in _PEOPLE  # (only people are read from the noun)


_PEOPLE = frozenset({"人", "户", "人次", "户次"})


def _same_value(a: Any, b: Any) -> bool:
    """The same value; a gold value written with three decimals or more (a fraction, 1/3 as
    0.3333) is met by a value that rounds to it, as no decimal writes 1/3 whole."""
    try:
        if math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9):
            return True
        written = str(b)
        decimals = len(written.split(".")[1]) if "." in written and "e" not in written.lower() else 0
        return decimals >= 3 and round(float(a), decimals) == float(b)
    except (TypeError, ValueError):
        return False


def _norm_period(p: Any) -> str | None:
    return None if p in (None, "") else str(p)


# The provincial golds write a hedge as its class (over, approx, under), which our ``bound`` gives
_QUALIFIER_CLASSES = {"at_least": "over", "about": "approx", "at_most": "under"}


def _writes_classes(gold: Sequence[dict[str, Any]]) -> bool:
    """Whether a gold writes hedges as classes (over, approx, under)."""
    return any(g.get("qualifier") in ("over", "approx", "under") for g in gold)


def _qualifier(pred: dict[str, Any], classes: bool) -> Any:
    """A predicted figure's qualifier as the gold writes qualifiers: the hedge as
    written (约, 余, 以上), or its class where the gold writes ``classes`` (our
    ``bound``: 以上 and 突破 are ``over``, 左右 ``approx``, 以内 ``under``)."""
    return _QUALIFIER_CLASSES.get(pred.get("bound") or "") if classes else pred.get("qualifier")


def _years(pred: dict[str, Any]) -> Any:
    """The years a predicted figure speaks of (a figure's ``years``: 2021-2025 for
    a five-year sum, average or change), else its ``period`` (the baseline's)."""
    return pred.get("years", pred.get("period"))


def _squash(text: str) -> str:
    return "".join(_chars(text)).translate(_FULLWIDTH)


def match(pred: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]], threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(pred_index, gold_index, indicator_f1)``.

    Candidates share value_base and base_unit and reach ``threshold``; the
    best pairs are taken first (a gold quote found in the predicted sentence
    first, then the higher indicator F1, then document order).
    """
    pairs = []
    for i, p in enumerate(pred):
        sentence = _squash(p.get("sentence") or "")
        for j, g in enumerate(gold):
            if not _same_unit(p, g):
                continue
            if not _same_value(p.get("value_base"), g.get("value_base")):
                continue
            f1 = char_f1(p.get("indicator"), g.get("indicator"))
            if f1 < threshold:
                continue
            quote = _squash(g.get("quote") or "")
            in_sentence = bool(quote) and quote in sentence
            pairs.append((in_sentence, f1, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, f1, _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, f1))
    return sorted(out)


def _squash_map(raw: str) -> tuple[str, list[int]]:
    keep = [i for i, c in enumerate(raw) if not c.isspace()]
    return "".join(raw[i] for i in keep).translate(_FULLWIDTH), keep


def non_facts_reported(pred: Sequence[dict[str, Any]], non_facts: Sequence[dict[str, Any]], raw: str) -> list[dict[str, Any]]:
    """The non-facts some predicted figure's span falls on.

    A non-fact is located by its quote (whitespace ignored, the
    ``occurrence``-th one when that many exist) in the raw text.
    """
    squashed, keep = _squash_map(raw)
    spans = [(int(p["start"]), int(p["end"])) for p in pred if "start" in p and "end" in p]
    hits = []
    for nf in non_facts:
        quote = "".join(nf.get("quote", "").split()).translate(_FULLWIDTH)
        if not quote:
            continue
        found = [m.start() for m in re.finditer(re.escape(quote), squashed)]
        occ = int(nf.get("occurrence") or 1)
        where = [found[occ - 1]] if 0 < occ <= len(found) else found
        for k in where:
            a, b = keep[k], keep[k + len(quote) - 1] + 1
            if any(s < b and a < e for s, e in spans):
                hits.append(nf)
                break
    return hits


def invalid_spans(pred: Sequence[dict[str, Any]], raw: str) -> list[dict[str, Any]]:
    """Predicted figures whose raw ``start:end`` does not contain their number."""
    bad = []
    for p in pred:
        s, e = p.get("start"), p.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= len(raw):
            bad.append(p)
            continue
        seen = "".join(raw[s:e].split()).translate(_FULLWIDTH)
        number = "".join(str(p.get("value_text") or "").split()).translate(_FULLWIDTH)
        if number and number not in seen or not number and not re.search(r"\d", seen):
            bad.append(p)
    return bad


def _with_range_ends(pred: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]
                     ) -> tuple[list[dict[str, Any]], list[int]]:
    """The predictions to match, and the prediction each stands for: where a gold
    writes a range as two records (5%-5.5%: ``"range": "low"`` and ``"high"``), a
    range figure (value 5, value_max 5.5) also stands as its high end, so one
    figure may match both records."""
    ends, owner = list(pred), list(range(len(pred)))
    if not any(g.get("range") == "high" for g in gold):
        return ends, owner
    for i, p in enumerate(pred):
        value, top, base = p.get("value"), p.get("value_max"), p.get("value_base")
        if top is not None and value and base is not None:
            ends.append({**p, "value_base": top * base / value})
            owner.append(i)
    return ends, owner


def score(
    pred: Sequence[dict[str, Any]],
    gold: Sequence[dict[str, Any]],
    *,
    non_facts: Sequence[dict[str, Any]] = (),
    raw: str | None = None,
    qualifier_classes: bool | None = None,
) -> dict[str, Any]:
    """Precision, recall, F1 and attribute accuracies of ``pred`` against ``gold``
    (``qualifier_classes``: whether the gold writes hedges as classes, as a whole
    gold file does; by default, whether ``gold`` holds one)."""
    if qualifier_classes is None:
        qualifier_classes = _writes_classes(gold)
    ends, owner = _with_range_ends(pred, gold)
    pairs = [(owner[i], j, f1) for i, j, f1 in match(ends, gold)]
    tp = len(pairs)
    tp_pred = len({i for i, _, _ in pairs})  # (a range figure may match both its ends)
    precision = tp_pred / len(pred) if pred else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def acc(key: str, norm: Any = lambda v: v) -> float | None:
        if not pairs:
            return None
        return sum(norm(pred[i].get(key)) == norm(gold[j].get(key)) for i, j, _ in pairs) / tp

    out: dict[str, Any] = {
        "predicted": len(pred),
        "gold": len(gold),
        "matched": tp,
        "matched_predicted": tp_pred,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "qualifier_acc": sum(_qualifier(pred[i], qualifier_classes) == gold[j].get("qualifier") for i, j, _ in pairs) / tp
        if pairs else None,
        "change_acc": acc("change", bool),
        "period_acc": sum(_norm_period(_years(pred[i])) == _norm_period(gold[j].get("period"))
                          for i, j, _ in pairs) / tp if pairs else None,
        "pairs": pairs,
    }
    # a gold that marks rises and falls ("direction": "up"/"down"): whether ours reads them so
    directed = [(i, j) for i, j, _ in pairs if gold[j].get("direction") in ("up", "down")]
    out["directed"] = len(directed)
    out["direction_acc"] = (
        sum(pred[i].get("direction") == gold[j]["direction"] for i, j in directed) / len(directed) if directed else None
    )
    if raw is not None:
        out["non_facts_reported"] = non_facts_reported(pred, non_facts, raw)
        out["invalid_spans"] = invalid_spans(pred, raw)
    return out


# --- the naive baseline ---------------------------------------------------------------------

_BASELINE = re.compile(
    r"(\d+(?:\.\d+)?)(万亿|亿|万)?(%|个百分点|元|美元|人次|人|户|家|个|项|件|支|名|亩|平方米|平方公里|公里|吨|套|场次|次|期|所|座|条|辆|台|张)"
)


def baseline_figures(doc: Any, blocks: Iterable[Any]) -> list[dict[str, Any]]:
    """Number + unit by regex, the 6 characters before it (to the last punctuation) as indicator."""
    from sq_nlp.language.numbers import resolve_unit

    out = []
    for b in blocks:
        if b.kind not in ("paragraph", "heading"):
            continue
        for m in _BASELINE.finditer(b.text):
            unit = (m.group(2) or "") + m.group(3)
            factor, base = resolve_unit(unit)
            before = re.split(r"[，。；：、,.;:“”（）()]", b.text[max(0, m.start() - 6) : m.start()])[-1]
            start, end = b.raw_span(m.start(), m.end())
            out.append(
                {
                    "indicator": before,
                    "value": float(m.group(1)),
                    "unit": unit,
                    "value_base": float(m.group(1)) * factor,
                    "base_unit": base,
                    "qualifier": None,
                    "change": bool(re.search(r"增长|下降|提高|降低|增加|减少", before)),
                    "period": doc.period,
                    "sentence": b.text,
                    "start": start,
                    "end": end,
                    "value_text": m.group(1),
                }
            )
    return out


# --- the command line ------------------------------------------------------------------------------


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """One JSON object per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_reports(gold: Sequence[dict[str, Any]], corpus: Path) -> list[tuple[str, dict[str, Any]]]:
    """Score each report a multi-report gold names (its ``file``, found in
    ``corpus``) on the raw lines the gold annotates; the last row, ``ALL``,
    pools matched, predicted and gold counts and the attribute accuracies."""
    from sq_nlp.extract.document import extract_path

    by_file: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_file.setdefault(str(g["file"]), []).append(g)
    classes = _writes_classes(gold)  # a convention of the whole file
    rows = []
    total = Counter()
    for name, items in by_file.items():
        ex = extract_path(corpus / name)
        lines = {g["line"] for g in items}
        pred = [{**f.to_dict(), "years": f.years} for f in ex.figures if f.line in lines]
        s = score(pred, items, raw=ex.document.text, qualifier_classes=classes)
        rows.append((name, s))
        total.update(predicted=s["predicted"], gold=s["gold"], matched=s["matched"], directed=s["directed"],
                     matched_predicted=s["matched_predicted"])
        for key in ("qualifier_acc", "change_acc", "period_acc"):
            total[key] += round((s[key] or 0.0) * s["matched"])
        total["direction_acc"] += round((s["direction_acc"] or 0.0) * s["directed"])
    m = total["matched"]
    precision = total["matched_predicted"] / total["predicted"] if total["predicted"] else 0.0
    recall = m / total["gold"] if total["gold"] else 0.0
    pooled: dict[str, Any] = {
        "predicted": total["predicted"],
        "gold": total["gold"],
        "matched": m,
        "matched_predicted": total["matched_predicted"],
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        **{key: (total[key] / m if m else None) for key in ("qualifier_acc", "change_acc", "period_acc")},
        "directed": total["directed"],
        "direction_acc": total["direction_acc"] / total["directed"] if total["directed"] else None,
    }
    rows.append(("ALL", pooled))
    return rows


def _fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def _report(name: str, s: dict[str, Any], nf_total: int) -> str:
    line = (
        f"{name:9} P {_fmt(s['precision'])}  R {_fmt(s['recall'])}  F1 {_fmt(s['f1'])}"
        f"  ({s['matched_predicted']}/{s['predicted']} pred, {s['matched']}/{s['gold']} gold)"
        f"  qualifier {_fmt(s['qualifier_acc'])}  change {_fmt(s['change_acc'])}  period {_fmt(s['period_acc'])}"
    )
    if s.get("direction_acc") is not None:
        line += f"  rise/fall {_fmt(s['direction_acc'])} of {s['directed']}"
    if "non_facts_reported" in s:
        line += f"  non-facts {len(s['non_facts_reported'])}/{nf_total}  bad spans {len(s['invalid_spans'])}"
    return line


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=SEED_FILE)
    ap.add_argument("--gold", type=Path, help="gold figures (facts.jsonl format)")
    ap.add_argument("--non-facts", type=Path, help="gold non-facts (non_facts.jsonl format)")
    ap.add_argument("--show", action="store_true", help="list misses and false alarms")
    ap.add_argument(
        "--gold-lines-only",
        action="store_true",
        help="score only figures on the raw lines the gold names (its 'line' field): for partly annotated files",
    )
    ap.add_argument("--corpus", type=Path, help="score every report the --gold file names, found in this folder")
    args = ap.parse_args(argv)
    if args.corpus is not None:
        if args.gold is None:
            ap.error("--corpus needs --gold")
        for name, s in score_reports(load_jsonl(args.gold), args.corpus):
            print(_report(name.removesuffix(".txt"), s, 0))
        return 0

    gold_path = args.gold
    nf_path = args.non_facts
    if args.file == SEED_FILE:
        gold_path = gold_path or SEED_GOLD / "facts.jsonl"
        nf_path = nf_path or SEED_GOLD / "non_facts.jsonl"
    if gold_path is None:
        ap.error("--gold is needed for files other than the seed")
    from sq_nlp.extract.document import extract_path

    ex = extract_path(args.file)
    pred = [{**f.to_dict(), "years": f.years} for f in ex.figures]
    gold = load_jsonl(gold_path)
    # a gold file may annotate several reports (a 'file' field): keep this one's
    gold = [g for g in gold if g.get("file") in (None, args.file.name)]
    if args.gold_lines_only:
        lines = {g["line"] for g in gold if "line" in g}
        pred = [p for p in pred if p["line"] in lines]
    non_facts = load_jsonl(nf_path) if nf_path and nf_path.exists() else []
    raw = ex.document.text
    ours = score(pred, gold, non_facts=non_facts, raw=raw)
    base_pred = baseline_figures(ex.document, ex.blocks)
    if args.gold_lines_only:
        base_pred = [p for p in base_pred if raw.count("\n", 0, p["start"]) + 1 in lines]
    base = score(base_pred, gold, non_facts=non_facts, raw=raw)
    print(f"{args.file.name}: {len(gold)} gold figures, {len(non_facts)} gold non-facts")
    print(_report("figures", ours, len(non_facts)))
    print(_report("baseline", base, len(non_facts)))
    if args.show:
        matched_p = {i for i, _, _ in ours["pairs"]}
        matched_g = {j for _, j, _ in ours["pairs"]}
        for j, g in enumerate(gold):
            if j not in matched_g:
                print(f"  missed  {g.get('quote')!r}: {g.get('indicator')} {g.get('value')} {g.get('unit')}")
        for i, p in enumerate(pred):
            if i not in matched_p:
                print(f"  extra   line {p['line']} {raw[p['start']:p['end']]!r}: {p['indicator']}")
        classes = _writes_classes(gold)
        for i, j, _ in ours["pairs"]:
            p, g = pred[i], gold[j]
            for key in ("qualifier", "change", "period"):
                pv, gv = p.get(key), g.get(key)
                if key == "qualifier":
                    pv = _qualifier(p, classes)
                if key == "period":
                    pv, gv = _norm_period(_years(p)), _norm_period(gv)
                if key == "change":
                    pv, gv = bool(pv), bool(gv)
                if pv != gv:
                    print(f"  {key:9} {g.get('quote')!r}: ours {pv!r}, gold {gv!r}")
        for nf in ours.get("non_facts_reported", []):
            print(f"  non-fact {nf.get('quote')!r} ({nf.get('category')})")
        for p in ours.get("invalid_spans", []):
            print(f"  bad span {p['start']}:{p['end']} {p.get('value_text')!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
