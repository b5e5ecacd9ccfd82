"""One answer per region, year, indicator and measure, with why the others lost.

A question is a headline indicator of the registry, a period (the year a
figure is about) and a measure:

* ``level``: the indicator's value for the year (地区生产总值3.2万亿元);
* ``rate``: its growth in that year, signed (下降3% answers -3);
* ``target``: the goal the report *of that year* set for it (增长5%左右).

:func:`resolve` picks among the figures that state the indicator for the
region (:class:`Candidate`, figures with the document they come from) by
rules that follow from how reports are written:

* only figures of the asked period and measure answer: a target is not an
  outcome, a rate not a level, and an average over years (年均), a
  cumulative total (累计, 五年来) or a change against a base year (比2020年)
  never answers one year's growth;
* the start of a span (从A增长到B) already carries the start year, so it
  does not compete with the end year's level;
* a final figure beats an estimate (预计, 初步核算), so a later report's figure
  for the same year beats an earlier report's estimate;
* an exact value beats a threshold (突破X, 超过X) and an approximation;
* the report that reviews the year beats later restatements, a figure of
  its own year beats one stated in a paragraph about several years, and the
  first statement in a report beats its repetitions;
* a target comes from the plan part of the report for that year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sq_nlp.errors import ConfigError
from sq_nlp.records import Figure

QUESTION_MEASURES = ("level", "rate", "target")
_BOUND_RANK = {"exact": 0, "about": 1, "range": 2, "at_least": 3, "at_most": 3}
_LEVEL_MEASURES = ("level", "count")
# A paragraph that opens by naming several years speaks of all of them (五年来, “十三五”时期).
_MULTI_YEAR_HEAD = re.compile(r"[两三四五六七八九十]年|年来|以来|时期|期间|十[一二三四五六七八九]五")


@dataclass(frozen=True)
class Candidate:
    """A figure and the report it comes from: ``path``, ``region``, the
    report's ``year`` and the ``doc_period`` it reviews; ``para_head`` is the
    opening of the figure's paragraph (a span of years named there)."""

    figure: Figure
    path: str
    region: str | None
    year: int | None
    doc_period: int | None
    para_head: str = ""

    @property
    def source(self) -> str:
        """``path:line`` of the figure; for a scanned page ``path:p<page> [x0,y0,x1,y1]``."""
        f = self.figure
        if f.page and f.box:
            return f"{self.path}:p{f.page} [{','.join(str(int(v)) for v in f.box)}]"
        return f"{self.path}:{f.line}"


@dataclass(frozen=True)
class Rejected:
    """A candidate that did not answer, and why."""

    candidate: Candidate
    reason: str


@dataclass(frozen=True)
class Answer:
    """The resolved answer to one question (``figure`` None when the reports
    state none) and every other candidate with the reason it lost."""

    indicator: str
    region: str | None
    period: int
    measure: str
    chosen: Candidate | None
    rejected: tuple[Rejected, ...] = ()

    @property
    def figure(self) -> Figure | None:
        """The answering figure."""
        return self.chosen.figure if self.chosen else None

    @property
    def value(self) -> float | None:
        """The answer as a signed number (a fall is negative)."""
        f = self.figure
        if f is None:
            return None
        return f.signed_value if f.signed_value is not None else f.value

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: the question, the answer and the others."""
        f, c = self.figure, self.chosen
        return {
            "indicator": self.indicator,
            "region": self.region,
            "period": self.period,
            "measure": self.measure,
            "value": self.value,
            "value_max": f.value_max if f else None,
            "unit": f.unit if f else None,
            "text": figure_text(f) if f else None,
            "bound": f.bound if f else None,
            "basis": f.basis if f else None,
            "real": f.real if f else None,
            "estimate": f.estimate if f else None,
            "figure_measure": f.measure if f else None,
            "direction": f.direction if f else None,
            "stated_as": f.indicator if f else None,
            "sentence": f.sentence if f else None,
            "source": c.source if c else None,
            "path": c.path if c else None,
            "line": f.line if f else None,
            "report_year": c.year if c else None,
            "others": [
                {"text": figure_text(r.candidate.figure), "stated_as": r.candidate.figure.indicator,
                 "source": r.candidate.source, "reason": r.reason}
                for r in self.rejected
            ],
        }


def number_with_unit(number: str, unit: str | None, measure: str | None = None, sentence: str = "") -> str:
    """A number as written and its unit as one text (30亿元); a number written
    in characters shares its magnitude with the unit (万亿 and 万亿元: 万亿元).
    A ratio its ``sentence`` writes against one keeps its ∶1 (收窄至2：1以内: 2∶1,
    never the bare 2); one written alone stays so (倍差缩小至2.05: 2.05)."""
    # (the notation of meaning.RATIO_TO_ONE, written here: the query path does not load the reading stage)
    if measure == "ratio" and not unit and re.search(re.escape(number) + r"[∶:：]1(?![0-9.])", sentence):
        return f"{number}∶1"
    unit = unit or ""
    if unit and not number[-1:].isdigit():
        shared = next((k for k in range(len(unit), 0, -1) if number.endswith(unit[:k])), 0)
        unit = unit[shared:]
    return number + unit


# Hedges written inside a number (1.6万余户, 3万多亿元) and the magnitudes they follow: the
# reading stage's (numbers._INNER_QUALIFIERS, numbers.MAGNITUDES), written here since the query
# path does not load it.
INNER_HEDGES = ("余", "多")
_MAGNITUDES = ("万亿", "亿", "万", "千", "百")


def with_inner_hedge(text: str, number: str, hedge: str) -> str:
    """``text`` (a number and its unit, :func:`number_with_unit`) with an inner
    hedge written where the report writes it: after the number and its
    magnitude, before the unit (1.6万余户, 100余家, 三百余个, 3万多亿元)."""
    if hedge in number:
        return text  # written inside the number already (1亿3千多万)
    rest = text[len(number):] if text.startswith(number) else text
    mag = next((m for m in _MAGNITUDES if rest.startswith(m)), "")
    if mag == "万亿":
        mag = "万"  # 3万多亿元: the hedge stands between the two magnitudes
    head = text[: len(text) - len(rest) + len(mag)]
    return head + hedge + text[len(head):]


# A bound the text states by its verb (突破, 跨过…大关, 控制在), with no hedge beside the number.
_BOUND_MARKS = {"at_least": "≥", "at_most": "≤"}


def table_text(f: Figure) -> str:
    """:func:`figure_text` for a table cell: a threshold stated by its verb is
    marked (突破2.6万亿元: ≥2.6万亿元, not the level), a fall is signed (下降3%: -3%)."""
    text = figure_text(f)
    if not f.qualifier and f.bound in _BOUND_MARKS:
        text = _BOUND_MARKS[f.bound] + text
    if f.change and f.direction == "down":
        number = f.value_text or f"{f.value:g}"
        if f.unit is None and not any(ch.isdigit() for ch in number) and 0 < f.value < 1:
            # 缩短三分之一以上, 减少一半: a sign reads on digits, not characters (-1/3以上, not -三分之一以上)
            from fractions import Fraction

            digits = str(Fraction(f.value).limit_denominator(1000))
            text, number = text.replace(number, digits, 1), digits
        at = max(text.find(number), 0)  # the sign goes on the number: 约-3%
        if text[at : at + 1] != "-":
            text = text[:at] + "-" + text[at:]
    return text


def figure_text(f: Figure) -> str:
    """A figure as written: hedge, number (or range) and unit (约30亿元, 5%-5.5%)."""
    number = f.value_text or (f"{f.value:g}")
    if f.value_max is not None and "-" not in number and "—" not in number:
        number = f"{number}-{f.value_max:g}"
    text = number_with_unit(number, f.unit, f.measure, f.sentence)
    q = f.qualifier or ""
    if q in ("左右", "以上", "以下", "以内", "及以上"):
        return f"{text}{q}"
    if q in INNER_HEDGES:
        return with_inner_hedge(text, number, q)  # 1.6万余户, not 余1.6万户
    return f"{q}{text}"


def _exclusion(c: Candidate, measure: str, period: int) -> str | None:
    """Why ``c`` cannot answer the question at all, or None."""
    f = c.figure
    if measure == "target":
        if not f.target:
            return "an outcome, not a target"
        if c.year is not None and c.year != period:
            return f"a target stated in the report of {c.year}, not of {period}"
        if f.basis == "average":
            return "an average over years (年均), not the year's target"
        return None
    if f.target:
        return "a target, not an outcome"
    if measure == "level":
        if f.measure not in _LEVEL_MEASURES:
            return f"a {_MEASURE_NAMES.get(f.measure, f.measure)}, not a level"
        if f.basis == "cumulative":
            return "a total over several years, not the year's level"
        if f.basis == "average":
            return "an average over years (年均), not the year's level"
        return None
    # rate
    if f.measure != "rate":
        return f"a {_MEASURE_NAMES.get(f.measure, f.measure)}, not a growth rate"
    if f.basis == "average":
        return "an average over years (年均), not the year's growth"
    if f.basis == "cumulative":
        return "a change over several years, not the year's growth"
    if f.basis == "base_year":
        return f"a change against {f.since}, not against the year before"
    return None


_MEASURE_NAMES = {
    "level": "level", "count": "count", "rate": "growth rate", "points": "change in percentage points",
    "increment": "increment", "share": "share", "ratio": "ratio", "rank": "rank",
}


def _multi_year(c: Candidate) -> bool:
    return bool(_MULTI_YEAR_HEAD.search(c.para_head))


def _rank(c: Candidate, period: int, measure: str) -> tuple[Any, ...]:
    f = c.figure
    if measure == "target":
        # the first goal stated is the target; 力争达到8% after 增长7%以上 is the stretch beyond it
        return (c.year != period, c.path, f.start)
    return (
        f.estimate,
        _BOUND_RANK.get(f.bound, 3),
        c.doc_period != period and c.year != period,  # the report of the year beats restatements
        _multi_year(c),
        -(c.year or 0) if f.estimate else (c.year or 0),
        c.path,
        f.start,
    )


def _why_lost(c: Candidate, winner: Candidate, period: int, measure: str) -> str:
    f, w = c.figure, winner.figure
    if measure == "target":
        if c.path == winner.path:
            return "stated after the target (a stretch goal or a repetition)"
        return "another report states it"
    if f.estimate and not w.estimate:
        later = " in a later report" if (winner.year or 0) > (c.year or 0) else ""
        return f"an estimate (预计); the final figure is stated{later}"
    if _BOUND_RANK.get(f.bound, 3) > _BOUND_RANK.get(w.bound, 3):
        kind = {"at_least": "a threshold (突破/超过/以上)", "at_most": "a ceiling (以内/不到)",
                "about": "an approximation (约/左右)", "range": "a range"}.get(f.bound, f.bound)
        return f"{kind}; an exact value is stated"
    if (c.doc_period != period and c.year != period) and not (winner.doc_period != period and winner.year != period):
        return "restated in a later report; the report of the year states it"
    if _multi_year(c) and not _multi_year(winner):
        return "stated in a paragraph about several years"
    if c.path == winner.path and (f.value, f.unit) == (w.value, w.unit):
        return "the same figure stated again"
    if c.path == winner.path:
        return "stated after the answer in the same report"
    return "another report states it first"


def resolve(candidates: Iterable[Candidate], *, indicator: str, period: int, measure: str,
            region: str | None = None) -> Answer:
    """The answer to (indicator, region, period, measure) among ``candidates``.

    ``candidates`` are the figures that state ``indicator`` for the region (any
    period: those of other periods are not listed among the losers).
    """
    if measure not in QUESTION_MEASURES:
        raise ConfigError(f"unknown measure {measure!r}; use one of {', '.join(QUESTION_MEASURES)}")
    eligible: list[Candidate] = []
    rejected: list[Rejected] = []
    for c in candidates:
        if c.figure.period != period:
            continue
        why = _exclusion(c, measure, period)
        if why is None:
            eligible.append(c)
        else:
            rejected.append(Rejected(c, why))
    if not eligible:
        return Answer(indicator, region, period, measure, None, tuple(rejected))
    eligible.sort(key=lambda c: _rank(c, period, measure))
    winner = eligible[0]
    losers = [Rejected(c, _why_lost(c, winner, period, measure)) for c in eligible[1:]]
    return Answer(indicator, region, period, measure, winner, tuple(losers + rejected))
