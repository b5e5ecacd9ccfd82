"""Figures from tables: every number of a table, read as row header × column header.

Word processors and web pages give reports' tables as rows of tab-separated
cells (the ingest stage writes a .docx or HTML table that way), and layout
repair keeps such rows as ``other`` blocks. A table states its figures by
position, not in sentences:

* the first cell of a row names the indicator (地区生产总值（亿元）), its
  bracket or a 单位 column the unit;
* a header row names what each column holds: a year (2025年) gives the
  figure's period, 增长/增速/同比 makes it a growth rate, 目标/预期 a target,
  a bracket the unit (（亿元）, （%）);
* a cell holds one number, with or without its unit.

Offsets index the raw text, so each figure keeps its file:line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sq_nlp.extract.figures.registry import canonical_of
from sq_nlp.language.numbers import find_quantities, resolve_unit, unit_kind
from sq_nlp.records import Block, Document, Figure

_YEAR = re.compile(r"((?:19|20)\d{2})年?")
_BRACKET_UNIT = re.compile(r"[（(]\s*(?:单位[:：]\s*)?([^（）()]{1,8}?)\s*[）)]\s*$")
_CHANGE = re.compile(r"增长|增速|增幅|同比|比上年|涨幅|变化|±")
_DOWN = re.compile(r"下降|降幅|减少")
_TARGET = re.compile(r"目标|预期|计划")
_NUMBER = re.compile(r"^[-+−]?[0-9０-９][0-9０-９,，.．]*$")
_MIN_ROWS = 2


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int  # raw offset of the cell's first character


@dataclass(frozen=True)
class _Column:
    period: int | None
    unit: str | None
    change: bool
    down: bool
    target: bool
    label: str


def _cells(raw: str, base: int) -> list[_Cell]:
    out, pos = [], 0
    for part in raw.split("\t"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        out.append(_Cell(stripped, base + pos + lead))
        pos += len(part) + 1
    return out


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.replace(" ", "")))


def _unit_in(label: str) -> str | None:
    m = _BRACKET_UNIT.search(label)
    if not m:
        return None
    unit = m.group(1).replace("％", "%").strip()
    if unit in ("%", "‰", "个百分点"):
        return unit
    return unit if unit_kind(resolve_unit(unit)[1]) not in ("none", "word") else None


def _column(label: str) -> _Column:
    m = _YEAR.search(label)
    return _Column(
        period=int(m.group(1)) if m else None,
        unit=_unit_in(label),
        change=bool(_CHANGE.search(label)),
        down=bool(_DOWN.search(label)),
        target=bool(_TARGET.search(label)),
        label=label,
    )


def _tables(doc: Document, blocks: Sequence[Block]) -> Iterator[list[tuple[Block, list[_Cell]]]]:
    """Runs of consecutive table rows (``other`` blocks of tab-separated cells)."""
    run: list[tuple[Block, list[_Cell]]] = []
    for b in blocks:
        if b.kind == "other":  # only these are cut from the text: paragraphs are most of it
            raw = doc.text[b.start : b.end]
            if "\t" in raw and "\n" not in raw.strip("\n"):
                cells = _cells(raw, b.start)
                if sum(1 for c in cells if c.text) >= 2:
                    run.append((b, cells))
                    continue
        if len(run) >= _MIN_ROWS:
            yield run
        run = []
    if len(run) >= _MIN_ROWS:
        yield run


def table_figures(
    doc: Document,
    blocks: Iterable[Block],
    *,
    period: int | None,
    year: int | None,
    line_of: Callable[[int], int],
) -> Iterator[Figure]:
    """Every number in the document's tables as a :class:`Figure`."""
    for rows in _tables(doc, list(blocks)):
        first = rows[0][1]
        header = sum(1 for c in first[1:] if c.text and not _is_number(c.text)) > (len(first) - 1) / 2
        columns = [_column(c.text) for c in first] if header else []
        unit_col = next((i for i, c in enumerate(columns) if c.label in ("单位", "计量单位")), None)
        for block, cells in rows[1:] if header else rows:
            if not cells or not cells[0].text or _is_number(cells[0].text):
                continue
            name = cells[0].text
            row_unit = _unit_in(name)
            indicator = _BRACKET_UNIT.sub("", name).strip() or name
            if unit_col is not None and unit_col < len(cells) and cells[unit_col].text:
                row_unit = cells[unit_col].text
            sentence = " | ".join(c.text for c in cells)
            for j, cell in enumerate(cells[1:], start=1):
                if not cell.text or j == unit_col:
                    continue
                col = columns[j] if j < len(columns) else _Column(None, None, False, False, False, "")
                fig = _cell_figure(doc, block, cell, indicator, col, row_unit, period, year, sentence, line_of)
                if fig is not None:
                    yield fig


def _cell_figure(doc: Document, block: Block, cell: _Cell, indicator: str, col: _Column, row_unit: str | None,
                 period: int | None, year: int | None, sentence: str, line_of: Callable[[int], int]) -> Figure | None:
    quantities = find_quantities(cell.text)
    if len(quantities) != 1:
        return None
    q = quantities[0]
    if q.kind in ("date", "technical") or q.numeral != "arabic":
        return None
    unit, value_base, base_unit, kind = q.unit, q.value_base, q.base_unit, q.kind
    if unit is None:
        unit = "%" if col.change and not col.unit else (col.unit or row_unit)
        if unit is None:
            return None  # a bare number with no unit anywhere: not readable as a figure
        scale, base_unit = resolve_unit(unit)
        value_base, kind = q.value * scale, unit_kind(base_unit)
        if unit in ("%", "‰"):
            kind = "percent"
    change = col.change and kind in ("percent", "points", "multiple")
    negative = cell.text.lstrip().startswith(("-", "−"))
    direction = "down" if (negative or col.down) and change else ("up" if change else "none")
    measure = "points" if unit in ("个百分点", "百分点") else "rate" if change else "level"
    signed = -abs(q.value) if direction == "down" and measure in ("rate", "points") else q.value
    fig_period = col.period if col.period is not None else (year if col.target else period)
    start, end = cell.start + q.start, cell.start + q.end
    label = indicator if not col.label or col.period is not None or col.change or col.target or col.unit \
        else f"{indicator}{col.label}"
    return Figure(
        indicator=label, value=abs(q.value) if negative else q.value, unit=unit, value_base=abs(value_base),
        base_unit=base_unit, qualifier=q.qualifier, change=change, target=col.target, period=fig_period,
        section=block.section, sentence=sentence, start=start, end=end, line=line_of(start),
        value_text=q.value_text, value_max=q.value_max, measure=measure, direction=direction, signed_value=signed,
        bound="range" if q.value_max is not None else "exact", basis="yoy" if change else None,
        since=fig_period - 1 if change and fig_period is not None else None,
        canonical=canonical_of(label, measure=measure, base_unit=base_unit, kind=kind, region=doc.region),
    )
