"""The headline figures of a report page: resolved answers and last year's targets.

Both come from the store through the resolver, so the page never shows a
number ``sq-nlp answer`` or ``sq-nlp scorecard`` would not:

* :func:`headline_rows`: for each headline indicator the report states, its
  level and growth in the year the report reviews and the target it sets for
  its own year;
* :func:`scorecard_for`: the targets the region set for the year this report
  reviews, against the outcomes (``last year's targets: met N of M``).
"""

from __future__ import annotations

from typing import Any

from sq_nlp.extract.figures.registry import load_registry
from sq_nlp.extract.figures.resolve import table_text
from sq_nlp.store.answers import DB, FigureIndex, answers, opened
from sq_nlp.store.scorecard import scorecard_rows


def headline_rows(db: DB, *, region: str | None, period: int | None, year: int | None) -> list[dict[str, Any]]:
    """One row per headline indicator with an answer: ``name``, ``level``,
    ``growth``, ``target`` (texts as written, a fall as ``-3%``, a threshold
    stated by its verb as ``≥2.6万亿元``) and their
    sources, in registry order."""
    if not region:
        return []
    out = []
    with opened(db) as st:
        index = FigureIndex(st, region=region)
        for ind in load_registry():
            row: dict[str, Any] = {"indicator": ind.id, "name": ind.name}
            for key, measure, when in (("level", "level", period), ("growth", "rate", period),
                                       ("target", "target", year)):
                if when is None:
                    continue
                found = [a for a in answers(ind.id, db=st, region=region, period=when, measure=measure, index=index)
                         if a.region == region and a.chosen is not None]
                if found:
                    # a fall signed (-3%), a threshold marked (≥2.6万亿元): a table has no verb
                    row[key], row[f"{key}_source"] = table_text(found[0].figure), found[0].chosen.source
            if any(k in row for k in ("level", "growth", "target")):
                out.append(row)
    return out


def scorecard_for(db: DB, *, region: str | None, period: int | None) -> list[dict[str, Any]]:
    """The region's targets for ``period`` that have an outcome, with their verdicts."""
    if not region or period is None:
        return []
    return [r for r in scorecard_rows(db=db, region=region, year=period)
            if r["region"] == region and r["verdict"] is not None]
