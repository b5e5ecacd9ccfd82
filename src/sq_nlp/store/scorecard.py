"""Targets against outcomes: did a region meet the target its report set for a year?

For a region, a headline indicator and a year Y, the target is what report Y
set for Y and the outcome is what the reports state for Y afterwards (report
Y+1, or a later one): both are the resolver's answers
(:mod:`sq_nlp.store.answers`), so the scorecard never shows a number that
``sq-nlp answer`` would not.

The verdict, the same rule everywhere (:func:`verdict`):

* an indicator where more is better (growth, jobs): the target's floor is its
  value, or a range's lower end; the outcome at or above the floor is **met**;
  below it but within the slack of an approximate target (左右, 约: half a
  percentage point for a rate or share, 5% of the value for a level) is
  **within the bound**; otherwise **missed**;
* an indicator where less is better (CPI, the unemployment rate, PM2.5,
  energy intensity) or a ceiling (以内, 不超过): the mirror image, against the
  target's value or a range's upper end;
* no verdict when the target or the outcome is not stated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sq_nlp.extract.figures.registry import Indicator, load_registry
from sq_nlp.extract.figures.resolve import Answer, table_text
from sq_nlp.store.answers import DB, FigureIndex, answers, opened, select
from sq_nlp.store.db import DEFAULT_DB

VERDICTS = ("met", "within the bound", "missed")
RATE_SLACK = 0.5  # percentage points an "about" (左右) target of a rate allows below it
LEVEL_SLACK = 0.05  # the share of its value an "about" target of a level allows

SCORECARD_COLUMNS = (
    "region", "indicator", "name", "year", "target", "target_value", "target_max", "target_bound", "outcome",
    "outcome_value", "outcome_estimate", "verdict", "difference", "lower_is_better", "target_source",
    "outcome_source",
)


def verdict(target: float, outcome: float, *, bound: str = "exact", target_max: float | None = None,
            lower_is_better: bool = False, rate: bool = True) -> str:
    """``met``, ``within the bound`` or ``missed`` (see the module docstring).

    ``target`` and ``outcome`` are signed (a fall is negative); ``rate`` says
    whether they are rates or shares (slack in points) or levels (slack in
    proportion)."""
    ceiling = lower_is_better or bound == "at_most"
    if ceiling:
        edge = target_max if bound == "range" and target_max is not None else target
        if outcome <= edge:
            return "met"
        slack = RATE_SLACK if rate else abs(edge) * LEVEL_SLACK
        return "within the bound" if bound == "about" and outcome <= edge + slack else "missed"
    edge = target
    if outcome >= edge:
        return "met"
    slack = RATE_SLACK if rate else abs(edge) * LEVEL_SLACK
    return "within the bound" if bound == "about" and outcome >= edge - slack else "missed"


def _outcome_measure(ind: Indicator | None, target: Answer) -> str:
    """What a target's outcome is: a growth target is met by the year's growth,
    a level target (新增就业45万人, 失业率5.5%) by the year's level."""
    f = target.figure
    if f is not None and f.measure in ("rate", "points"):
        return "rate"
    if ind is not None and ind.target == "rate":
        return "rate"
    return "level"


def scorecard_rows(
    *,
    db: DB = DEFAULT_DB,
    indicator: str | None = None,
    region: str | None = None,
    year: int | None = None,
    exact: bool = False,
) -> list[dict[str, Any]]:
    """One row per region, headline indicator and year that has a target:
    the target, the outcome, the verdict and both sources.

    ``indicator`` narrows to one indicator (default: every headline indicator
    of the registry that has numeric targets), ``region`` to the regions it is
    part of, ``year`` to one target year."""
    if indicator:
        sels = [select(indicator, exact=exact)]
    else:
        sels = [select(i.id) for i in load_registry() if i.target is not None]
    rows: list[dict[str, Any]] = []
    with opened(db) as st:
        index = FigureIndex(st, region=region)
        for sel in sels:
            ind = sel.indicator
            for t in answers(sel.query, db=st, region=region, period=year, measure="target", exact=exact,
                             index=index):
                if t.chosen is None:
                    continue
                om = _outcome_measure(ind, t)
                found = answers(sel.query, db=st, region=t.region, period=t.period, measure=om, exact=exact,
                                index=index)
                o = next((a for a in found if a.region == t.region and a.chosen is not None), None)
                rows.append(_row(sel.name, sel.key, ind, t, o))
    rows.sort(key=lambda r: (r["region"] or "", r["year"], r["indicator"]))
    return rows


def _row(name: str, key: str, ind: Indicator | None, t: Answer, o: Answer | None) -> dict[str, Any]:
    tf = t.figure
    assert tf is not None
    of = o.figure if o else None
    lower = bool(ind and ind.lower_is_better)
    is_rate = tf.measure in ("rate", "points", "share") or tf.unit in ("%", "％", "个百分点")
    tv = t.value if t.value is not None else tf.value
    v = None
    if of is not None and o is not None and o.value is not None and tv is not None:
        if (of.unit in ("%", "％")) == (tf.unit in ("%", "％")):
            v = verdict(tv, o.value, bound=tf.bound, target_max=tf.value_max, lower_is_better=lower, rate=is_rate)
    return {
        "region": t.region, "indicator": key, "name": name, "year": t.period,
        # as a table writes them: a fall signed (居民消费价格下降0.1%: -0.1%), a threshold marked
        "target": table_text(tf), "target_value": tv, "target_max": tf.value_max, "target_bound": tf.bound,
        "outcome": table_text(of) if of is not None and o is not None else None,
        "outcome_value": o.value if o is not None else None,
        "outcome_estimate": bool(of.estimate) if of is not None else None,
        "verdict": v,
        "difference": round(o.value - tv, 2) if v is not None and o is not None and o.value is not None else None,
        "lower_is_better": lower,
        "target_source": t.chosen.source if t.chosen else None,
        "outcome_source": o.chosen.source if o is not None and o.chosen else None,
    }


def summary(rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """How many rows met, were within the bound, missed, or have no verdict."""
    out = {v: 0 for v in VERDICTS}
    out["no verdict"] = 0
    for r in rows:
        out[r["verdict"] if r["verdict"] in VERDICTS else "no verdict"] += 1
    return out


