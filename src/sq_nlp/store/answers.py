"""Resolved answers from the store: one value per region, period, indicator and measure.

This is the one place the store's figures are turned into answers
(:func:`sq_nlp.extract.figures.resolve.resolve`): ``sq-nlp answer``, ``trend``,
``check``, ``scorecard`` and the report page all ask here, so the same
question never gets two different numbers.

    >>> from sq_nlp.store.answers import answers               # doctest: +SKIP
    >>> a, = answers("GDP", region="四川", period=2025, measure="level", db="outputs/sq_nlp.db")
    >>> a.value, a.figure.unit, a.chosen.source                # doctest: +SKIP
    (67665.0, '亿元', 'province_sichuan_2026.txt:20')
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sq_nlp.errors import ConfigError
from sq_nlp.extract.figures.registry import Indicator, find_indicator, fold, load_registry
from sq_nlp.extract.figures.resolve import QUESTION_MEASURES, Answer, Candidate, resolve
from sq_nlp.records import Figure
from sq_nlp.store.db import DB, DEFAULT_DB, Store, opened

_HEAD_CHARS = 12
# A paragraph of one sentence at most this long is a lead line (a subheading set as a paragraph).
_LEAD_CHARS = 40


def indicator_of(query: str) -> Indicator:
    """The registry indicator a user names (GDP, 地区生产总值, gdp ...);
    :class:`ConfigError` lists the known ones when none fits."""
    ind = find_indicator(query)
    if ind is None:
        known = "、".join(f"{i.name} ({i.id})" for i in load_registry()[:12])
        raise ConfigError(f"{query!r} is no headline indicator of the registry; e.g. {known} "
                          "(sq-nlp answer --list shows all)")
    return ind


@dataclass(frozen=True)
class Selection:
    """Which stored figures state the indicator a user asked for: a registry
    indicator (by its ``canonical`` id, with its fallback), or any other text
    (the figures whose indicator contains it; ``exact``: equals it)."""

    query: str
    indicator: Indicator | None
    exact: bool = False

    @property
    def name(self) -> str:
        """What tables call the indicator (the registry name, else the query)."""
        return self.indicator.name if self.indicator else self.query

    @property
    def key(self) -> str:
        """The indicator id answers carry (registry id, else the query)."""
        return self.indicator.id if self.indicator else self.query

    def own(self, f: Figure) -> bool:
        """Whether ``f`` states the indicator itself."""
        if self.indicator is not None:
            return f.canonical == self.indicator.id
        if self.exact:
            return f.indicator == self.query
        return fold(self.query) in fold(f.indicator)

    def fallback(self, f: Figure) -> bool:
        """Whether ``f`` states the indicator's fallback (财政收入 for 一般公共预算收入)."""
        return self.indicator is not None and self.indicator.fallback is not None and f.canonical == self.indicator.fallback


def select(indicator: str, *, exact: bool = False) -> Selection:
    """The :class:`Selection` for what a user typed: a registry indicator when
    it names one (unless ``exact``), else the text itself."""
    if not indicator or not indicator.strip():
        raise ConfigError("give an indicator, e.g. GDP or 地区生产总值")
    ind = None if exact else find_indicator(indicator)
    return Selection(indicator.strip(), ind, exact)


class FigureIndex:
    """Every stored figure with its document and paragraph opening, read once
    so that many questions (the check goes through every headline indicator)
    do not read the store again. ``region`` keeps the documents of regions
    it is part of (重庆 finds 重庆市)."""

    def __init__(self, st: Store, *, region: str | None = None) -> None:
        self.region = region
        self._items: list[tuple[str, Candidate]] = []
        self._by_canonical: dict[str, list[tuple[str, Candidate]]] = {}
        self._cache: dict[Selection, dict[str, list[Candidate]]] = {}
        for doc in st.documents():
            if region and (not doc.region or region not in doc.region):
                continue
            starts, heads = _paragraph_heads(st, doc.id)
            for sf in st.figures(doc.id):
                f = sf.figure
                i = bisect.bisect_right(starts, f.start) - 1
                item = (doc.region or "", Candidate(
                    figure=f, path=doc.path, region=doc.region, year=doc.year, doc_period=doc.period,
                    para_head=heads[i] if i >= 0 else ""))
                self._items.append(item)
                if f.canonical:
                    self._by_canonical.setdefault(f.canonical, []).append(item)

    def candidates(self, sel: Selection) -> dict[str, list[Candidate]]:
        """The figures that state the selected indicator (or its fallback), by region."""
        if sel not in self._cache:
            if sel.indicator is not None:
                ids = {sel.indicator.id, sel.indicator.fallback}
                items = [x for i in ids if i for x in self._by_canonical.get(i, ())]
            else:
                items = [x for x in self._items if sel.own(x[1].figure)]
            out: dict[str, list[Candidate]] = {}
            for reg, c in sorted(items, key=lambda x: (x[1].path, x[1].figure.start)):
                out.setdefault(reg, []).append(c)
            self._cache[sel] = out
        return self._cache[sel]


def _paragraph_heads(st: Store, doc_id: int) -> tuple[list[int], list[str]]:
    """Where each block starts and how it opens. A paragraph of one short
    sentence is the lead line of the paragraph after it, set apart (这五年，我们
    …，民生福祉得到新改善。 then 一般公共预算支出3.4万亿元…): that paragraph opens
    with the lead's words too, so a span of years the lead names is its span."""
    rows = st.query("SELECT start, substr(text, 1, ?), kind, length(text), instr(text, '。') "
                    "FROM blocks WHERE doc_id = ? ORDER BY start", [_HEAD_CHARS, doc_id])
    heads = [r[1] for r in rows]
    for i in range(1, len(rows)):
        _, head, kind, length, stop = rows[i - 1]
        if kind == "paragraph" == rows[i][2] and length <= _LEAD_CHARS and stop in (0, length):
            heads[i] = head + heads[i]
    return [r[0] for r in rows], heads


def answers(
    indicator: str,
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    period: int | None = None,
    measure: str | None = None,
    exact: bool = False,
    index: FigureIndex | None = None,
) -> list[Answer]:
    """Resolved answers for ``indicator`` per region, period and measure
    (``level``, ``rate``, ``target``), in region and period order.

    ``indicator`` is a registry name, alias or id (GDP finds 地区生产总值,
    国内生产总值, 全省生产总值 ...) or, for anything else, text the figures'
    indicators contain (``exact``: equal). ``period`` and ``measure`` narrow
    the questions, which otherwise are every period a stored figure states.
    Questions no figure answers are left out, unless the question was asked
    in full (region, period and measure given): then it comes back unanswered.
    ``index`` reuses figures already read (see :class:`FigureIndex`).
    """
    sel = select(indicator, exact=exact)
    if measure is not None and measure not in QUESTION_MEASURES:
        raise ConfigError(f"unknown measure {measure!r}; use one of {', '.join(QUESTION_MEASURES)}")
    measures: Sequence[str] = (measure,) if measure else QUESTION_MEASURES
    if index is None or index.region not in (None, region):
        with opened(db) as st:
            index = FigureIndex(st, region=region)
    by_region = {reg: cands for reg, cands in index.candidates(sel).items() if not region or region in reg}
    out: list[Answer] = []
    for reg in sorted(by_region):
        cands = by_region[reg]
        own = [c for c in cands if sel.own(c.figure)]
        other = [c for c in cands if not sel.own(c.figure)]
        periods = [period] if period is not None else sorted({c.figure.period for c in cands if c.figure.period is not None})
        for p in periods:
            for m in measures:
                a = resolve(own, indicator=sel.key, period=p, measure=m, region=reg)
                if a.chosen is None and other:
                    # 财政收入 answers for 一般公共预算收入 where a report names only the former
                    b = resolve(other, indicator=sel.key, period=p, measure=m, region=reg)
                    a = Answer(sel.key, reg, p, m, b.chosen, a.rejected + b.rejected)
                if a.chosen is not None:
                    out.append(a)
    if not out and region and period is not None and measure:
        out.append(Answer(sel.key, region, period, measure, None))
    return out


def answer_rows(
    indicator: str,
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    period: int | None = None,
    measure: str | None = None,
    exact: bool = False,
) -> list[dict[str, Any]]:
    """:func:`answers` as plain dicts (see :meth:`Answer.to_dict`), with the
    indicator's display ``name``."""
    name = select(indicator, exact=exact).name
    return [{**a.to_dict(), "name": name}
            for a in answers(indicator, db=db, region=region, period=period, measure=measure, exact=exact)]
