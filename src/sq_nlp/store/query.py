"""Queries over the store: figures, slogans, documents, full-text search,
trends across years, and a cross-year consistency check.

Two layers: ``*_rows`` functions return plain lists of dicts and never
import pandas (the CLI prints them and starts fast); the functions named
after what they return (:func:`figures`, :func:`slogans`, :func:`documents`,
:func:`search`, :func:`trend`, :func:`check`) give pandas DataFrames.

Each takes the keyword ``db``: a database path (default
``outputs/sq_nlp.db``, opened read-only) or an open
:class:`~sq_nlp.store.db.Store`; ``search`` and ``trend`` take the query or
indicator first: ``query.search("垃圾分类")``, ``query.figures(indicator="GDP")``.

Indicators: a headline indicator of the registry (package data
``extract/figures/data/indicators.json``) finds the figures that resolved to
it (``"GDP"`` finds 地区生产总值, 国内生产总值 and 全省生产总值 alike, but not
人均GDP or 海洋生产总值); other text finds the indicators containing it;
``exact=True`` the indicator as written. Trends and the check take one value
per region, year and measure from the resolver (:mod:`sq_nlp.store.answers`).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sq_nlp.errors import ConfigError
from sq_nlp.records import Figure
from sq_nlp.store.db import (
    DB, DEFAULT_DB, EXPORT_TABLES, Store, decode_offsets, figure_from_row, opened, slogan_from_row,
)

# The indicator registry, the resolver and the search's term model are
# imported by the queries that use them: each command starts with only what
# it needs (query start-up is measured in `make bench`).
if TYPE_CHECKING:
    import pandas as pd

    from sq_nlp.extract.figures.resolve import Answer


# Units of rates, not of levels: a level's growth is stated in "%".
RATE_UNITS = frozenset({"%", "％", "个百分点", "‰"})
PERCENT_UNITS = frozenset({"%", "％"})
# Units that only ever state a change (of a rate), never a level.
CHANGE_UNITS = frozenset({"个百分点"})
# The price change (percentage points of inflation, of deflation) a year's
# growth in comparable prices may differ by from its nominal growth: China's
# GDP deflator ran from about -1% to +8% a year since 2000.
PRICE_CHANGE = (8.0, 3.0)
# Qualifiers written before the number (约30亿元) rather than after it (30亿元左右).
PREFIX_QUALIFIERS = frozenset({"约", "超", "近", "逾", "超过", "接近", "将近", "突破", "达", "达到", "不到", "不足"})

FIGURE_COLUMNS = (
    "region", "year", "period", "indicator", "canonical", "value", "value_max", "unit", "value_text", "qualifier",
    "measure", "direction", "signed_value", "bound", "basis", "since", "years", "real", "estimate",
    "change", "target", "value_base", "base_unit", "section", "sentence", "path", "line", "source",
    "page", "box", "confidence", "low_confidence",
)
SLOGAN_COLUMNS = (
    "region", "year", "term", "kind", "count", "items", "expansion_source", "count_matches",
    "occurrences", "path",
)
DOCUMENT_COLUMNS = (
    "id", "path", "title", "region", "year", "period", "encoding", "format", "script", "chars",
    "n_blocks", "n_figures", "n_slogans", "sha256", "ingested_at",
)
SEARCH_COLUMNS = ("source", "path", "line", "region", "year", "kind", "section", "snippet", "text", "block_id")
CHECK_COLUMNS = (
    "region", "indicator", "period", "previous", "level", "stated_growth", "computed_growth",
    "difference", "agrees", "approximate", "real_growth", "previous_source", "level_source", "growth_source",
)
EXPORT_FORMATS = ("csv", "json", "parquet")

HIT_OPEN, HIT_CLOSE = "«", "»"
#: A search ANDs its words in one SQL expression, whose depth SQLite bounds.
MAX_SEARCH_TERMS = 64
MAX_SEARCH_TERM_CHARS = 200
_HALF_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
_HALF_WIDTH[0x3000] = 0x20  # an ideographic space separates words too
SNIPPET_CONTEXT = 30
_MAX_TOKEN_CHARS = 16
_WORD_RUN = re.compile(r"[^\W_]+")
_ARABIC = re.compile(r"[+-]?[\d,]*(?:\.(\d+))?")
_DOC_KEYS = frozenset({"region", "year", "path", "source"})


# -- indicators ---------------------------------------------------------------

def _indicator_filter(indicator: str, exact: bool) -> tuple[str, list[Any], Callable[[dict[str, Any]], bool]]:
    """A WHERE fragment (placeholders only) that narrows the rows, and the
    test each row must pass: a headline indicator of the registry matches the
    figures that resolved to it (GDP finds 地区生产总值, 国内生产总值 and
    全省生产总值 but not 人均GDP or 海洋生产总值); other text matches the
    indicators that contain it; ``exact`` the indicator as written."""
    from sq_nlp.extract.figures.registry import fold
    from sq_nlp.store.answers import select

    if exact:
        return "f.indicator = ?", [indicator], lambda row: True
    sel = select(indicator)
    if sel.indicator is not None:
        ident = sel.indicator.id
        return "f.canonical = ?", [ident], lambda row: True
    q = fold(indicator)
    return "1", [], lambda row: q in fold(row.get("indicator") or "")


# -- figures, slogans, documents ---------------------------------------------

def figure_source(path: str, fig: dict[str, Any]) -> str:
    """Where a figure stands: ``file:line``, or for a scanned page
    ``file:p<page> [x0,y0,x1,y1]`` (the box of the lines it was read from)."""
    box = fig.get("box")
    if box and fig.get("page"):
        return f"{path}:p{fig['page']} [{','.join(str(int(v)) for v in box)}]"
    return f"{path}:{fig.get('line')}"


def figure_rows(
    *,
    db: DB = DEFAULT_DB,
    indicator: str | None = None,
    exact: bool = False,
    region: str | None = None,
    year: int | None = None,
    period: int | None = None,
    unit: str | None = None,
    change: bool | None = None,
    target: bool | None = None,
    measure: str | None = None,
    direction: str | None = None,
) -> list[dict[str, Any]]:
    """Figures as plain dicts (every field of the stored Figure, plus the
    document's ``region`` and ``year``, its ``path`` and ``source`` = path:line).

    ``year`` is the report's year, ``period`` the year a figure refers to;
    ``region`` matches a part of the document's region (重庆 finds 重庆市);
    ``indicator`` a headline indicator of the registry or any text (see
    :func:`_indicator_filter`); ``measure`` (level, rate, points ...) and
    ``direction`` (up, down, none) what the number states: ``direction="down"``
    lists what fell. A Figure field named like a document key is kept as
    ``figure_<name>``.
    """
    where: list[str] = []
    params: list[Any] = []
    keep: Callable[[dict[str, Any]], bool] = lambda row: True  # noqa: E731
    if indicator:
        sql, p, keep = _indicator_filter(indicator, exact)
        where.append(sql)
        params += p
    if region:
        where.append("instr(d.region, ?) > 0")
        params.append(region)
    for column, value in (("d.year", year), ("f.period", period), ("f.unit", unit)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    for column, flag in (("f.change", change), ("f.target", target)):
        if flag is not None:
            where.append(f"{column} = ?")
            params.append(int(flag))
    for column, value in (("f.measure", measure), ("f.direction", direction)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = ("SELECT d.region AS _region, d.year AS _year, d.path AS _path, f.* FROM figure_view f "
           "JOIN documents d ON d.id = f.doc_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY d.year, d.region, d.path, f.seq")
    out = []
    with opened(db) as st:
        cur = st.connection.execute(sql, params)
        names = [c[0] for c in cur.description]
        for values in cur:
            r = dict(zip(names, values))
            region_, year_, path = r["_region"], r["_year"], r["_path"]
            figure = figure_from_row(r, where=str(st.path))
            fig = figure.to_dict()
            row = {f"figure_{k}" if k in _DOC_KEYS else k: v for k, v in fig.items()}
            row["years"] = figure.years
            row.update(region=region_, year=year_, path=path, source=figure_source(path, fig))
            if keep(row):
                out.append(row)
    return out


def slogan_rows(
    *,
    db: DB = DEFAULT_DB,
    term: str | None = None,
    exact: bool = False,
    kind: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> list[dict[str, Any]]:
    """Slogans as plain dicts, one per document and term; ``term`` matches a
    part of the term (or, ``exact``, the whole), ``items`` joins its expansion."""
    where: list[str] = []
    params: list[Any] = []
    if term:
        where.append("s.term = ?" if exact else "instr(s.term, ?) > 0")
        params.append(term)
    if kind:
        where.append("s.kind = ?")
        params.append(kind)
    if region:
        where.append("instr(d.region, ?) > 0")
        params.append(region)
    if year is not None:
        where.append("d.year = ?")
        params.append(year)
    sql = ("SELECT d.region AS _region, d.year AS _year, d.path AS _path, s.* FROM slogans s "
           "JOIN documents d ON d.id = s.doc_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY d.year, d.region, d.path, s.seq")
    with opened(db) as st:
        cur = st.connection.execute(sql, params)
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, values)) for values in cur]
        items = st.slogan_items(r["id"] for r in rows)
        where_ = str(st.path)
    out = []
    for r in rows:
        s = slogan_from_row(r, items.get(r["id"], ()), where=where_).to_dict()
        out.append({"region": r["_region"], "year": r["_year"], **s,
                    "items": "、".join(str(i) for i in s.get("expansion") or ()), "path": r["_path"]})
    return out


def document_rows(*, db: DB = DEFAULT_DB) -> list[dict[str, Any]]:
    """Every stored document (without its text), ordered by year and region."""
    with opened(db) as st:
        docs = st.documents()
    out = []
    for d in docs:
        row = d.to_dict()
        del row["abspath"]
        out.append(row)
    return out


# -- full-text search ---------------------------------------------------------

def _fts_tokens(st: Store, term: str) -> list[str] | None:
    """Split a query term into indexed tokens by greedy longest match against
    the index's own vocabulary (so no segmenter loads at query time); None
    when some part of it is in no indexed token."""
    runs = _WORD_RUN.findall(term.casefold())
    if not runs:
        return None
    cands = sorted({run[i:j] for run in runs for i in range(len(run))
                    for j in range(i + 1, min(len(run), i + _MAX_TOKEN_CHARS) + 1)})
    known = {r[0] for r in st.query(
        f"SELECT term FROM blocks_vocab WHERE term IN ({', '.join('?' * len(cands))})", cands)}
    tokens: list[str] = []
    for run in runs:
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + _MAX_TOKEN_CHARS), i, -1):
                if run[i:j] in known:
                    tokens.append(run[i:j])
                    i = j
                    break
            else:
                return None
    return tokens


def _hit_spans(text: str, patterns: Sequence[re.Pattern[str]]) -> list[tuple[int, int]]:
    spans = sorted({m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()})
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _snippet(text: str, spans: Sequence[tuple[int, int]], context: int = SNIPPET_CONTEXT) -> str:
    if not spans:
        return text[: 2 * context] + ("…" if len(text) > 2 * context else "")
    start = max(0, spans[0][0] - context)
    end = min(len(text), spans[0][1] + context)
    parts = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        if s >= end:
            break
        e = min(e, end)
        parts += [text[pos:s], HIT_OPEN, text[s:e], HIT_CLOSE]
        pos = e
    parts += [text[pos:end], "…" if end < len(text) else ""]
    return "".join(parts)


def _bounded(body: str, first: str, last: str) -> re.Pattern[str]:
    """``body`` not inside a longer number or Latin word: 4.1% is not found in
    14.1%, nor 2020 in 20201, nor AI in MAIL."""
    head = r"(?<![\d.])" if first.isdigit() else r"(?<![A-Za-z])" if first.isascii() and first.isalpha() else ""
    tail = r"(?!\.?\d)" if last.isdigit() else r"(?![A-Za-z])" if last.isascii() and last.isalpha() else ""
    return re.compile(head + body + tail, re.IGNORECASE)


def _literal_pattern(term: str) -> re.Pattern[str]:
    """``term`` as written (see :func:`_bounded`)."""
    from sq_nlp.store.terms import literal_pattern

    return literal_pattern(term)


def _counted(pattern: re.Pattern[str], text: str, owners: list[int] | None) -> bool:
    """Whether ``pattern`` occurs in a block by the counting rule of
    :mod:`sq_nlp.store.terms` (not straddling two words: 民生 in 人民|生活)."""
    from sq_nlp.store.terms import stands_as_term

    return any(stands_as_term(owners, *m.span()) for m in pattern.finditer(text))


def _token_pattern(tokens: Sequence[str]) -> re.Pattern[str]:
    """Tokens in a row with only non-word characters between (see :func:`_bounded`)."""
    return _bounded(r"[\W_]*".join(re.escape(t) for t in tokens), tokens[0][0], tokens[-1][-1])


def search_rows(
    query: str,
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    year: int | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Blocks containing every whitespace-separated term of ``query``.

    The FTS5 index over segmented tokens finds and ranks blocks (bm25); blocks
    that contain the terms as plain substrings but were segmented otherwise
    follow, so nothing is missed. Each row has the block's text, a
    ``snippet`` with hits marked «so», the raw ``line`` of the first hit and
    ``source`` = path:line.
    """
    # Stored text has half-width digits and letters (layout repair); so must the query.
    from sq_nlp.language.chars import normalize_chars
    from sq_nlp.store.codec import decode_tokens
    from sq_nlp.store.terms import stands_as_term, token_owners

    terms = list(dict.fromkeys(normalize_chars(query).translate(_HALF_WIDTH).split()))
    if not terms:
        raise ConfigError("empty search query; give one or more words, e.g. 垃圾分类")
    if len(terms) > MAX_SEARCH_TERMS:
        raise ConfigError(f"a search takes at most {MAX_SEARCH_TERMS} different words, got {len(terms)}; "
                          "search for fewer")
    long = next((t for t in terms if len(t) > MAX_SEARCH_TERM_CHARS), None)
    if long is not None:
        raise ConfigError(f"search word {long[:20]!r}… is {len(long)} characters long, more than the "
                          f"{MAX_SEARCH_TERM_CHARS} a search word may have; split it into words")
    filt, fparams = [], []  # type: list[str], list[Any]
    if region:
        filt.append("instr(d.region, ?) > 0")
        fparams.append(region)
    if year is not None:
        filt.append("d.year = ?")
        fparams.append(year)
    filt_sql = "".join(" AND " + f for f in filt)
    with opened(db) as st:
        token_lists = [_fts_tokens(st, t) for t in terms]
        ids: list[int] = []
        if all(token_lists):
            match = " AND ".join('"' + " ".join(toks).replace('"', '""') + '"' for toks in token_lists)  # type: ignore[union-attr]
            ids = [r[0] for r in st.query(
                "SELECT b.id FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid "
                "JOIN documents d ON d.id = b.doc_id "
                f"WHERE blocks_fts MATCH ?{filt_sql} ORDER BY rank", [match, *fparams])]
        found = set(ids)
        literal = [_literal_pattern(t) for t in terms]
        instr = " AND ".join("instr(lower(b.text), ?) > 0" for _ in terms)

        def literal_only() -> Iterator[int]:
            # A scan of every block's text: run only when the index's hits do
            # not fill the limit.
            for bid, text, tokens in st.query(
                    f"SELECT b.id, b.text, b.tokens FROM blocks b JOIN documents d ON d.id = b.doc_id "
                    f"WHERE {instr}{filt_sql} ORDER BY d.year, d.path, b.seq", [t.casefold() for t in terms] + fparams):
                if bid not in found:
                    owners = token_owners(text, decode_tokens(text, tokens))
                    if all(_counted(p, text, owners) for p in literal):
                        found.add(bid)
                        yield bid
        # A term found by its tokens but not as written (4.1% indexed as 4, 1)
        # is marked where its tokens stand, with only non-word characters between.
        tokenwise = [_token_pattern(toks) if toks else None for toks in token_lists]
        loose = [re.compile(r"[\W_]*".join(re.escape(tok) for tok in toks), re.IGNORECASE) if toks else None
                 for toks in token_lists]
        texts: dict[int, str] = {}
        out: list[dict[str, Any]] = []
        for bid in itertools.chain(ids, literal_only()):
            if limit is not None and len(out) >= limit:
                break
            (row,) = st.query(
                'SELECT b.doc_id, b.kind, b.section, b.text, b.start, b.line, b.offsets, d.path, d.region, '
                "d.year, b.tokens FROM block_view b JOIN documents d ON d.id = b.doc_id WHERE b.id = ?", [bid])
            doc_id, kind, section, text, start, line, offsets_data, path, region_, year_, tokens = row
            if any(not lit.search(text) and tok is not None and not tok.search(text) and lo.search(text)
                   for lit, tok, lo in zip(literal, tokenwise, loose)):
                continue  # the term's tokens stand only inside a longer number or word (4.1 in 14.1)
            owners = token_owners(text, decode_tokens(text, tokens))
            spans = [sp for sp in _hit_spans(text, [lit if _counted(lit, text, owners) or tok is None else tok
                                                    for lit, tok in zip(literal, tokenwise)])
                     if stands_as_term(owners, *sp)]
            if spans:
                offsets = decode_offsets(offsets_data)
                if spans[0][0] < len(offsets):
                    if doc_id not in texts:
                        texts[doc_id] = st.document_text(doc_id)
                    line = line + texts[doc_id].count("\n", start, offsets[spans[0][0]])
            out.append({
                "source": f"{path}:{line}", "path": path, "line": line, "region": region_, "year": year_,
                "kind": kind, "section": section, "snippet": _snippet(text, spans), "text": text,
                "block_id": bid, "doc_id": doc_id, "hits": [list(s) for s in spans],
            })
    return out


# -- trend and consistency check ---------------------------------------------

def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def figure_text(fig: dict[str, Any]) -> str:
    """A figure as a person reads it: qualifier, number and unit (约30亿元, 4.1%)."""
    number = fig.get("value_text") or _number_text(fig.get("value"))
    if fig.get("value_max") is not None and not fig.get("value_text"):
        number += "-" + _number_text(fig["value_max"])
    from sq_nlp.extract.figures.resolve import INNER_HEDGES, number_with_unit, with_inner_hedge

    q = fig.get("qualifier") or ""
    text = number_with_unit(number, fig.get("unit"), fig.get("measure"), fig.get("sentence") or "")
    if q in INNER_HEDGES:
        return with_inner_hedge(text, number, q)  # 1.6万余户, 100余家
    return q + text if q in PREFIX_QUALIFIERS else text + q


def _growth_text(a: Answer) -> str:
    """A growth answer as a signed number: 下降3% reads -3%."""
    from sq_nlp.extract.figures.resolve import figure_text as resolved_text

    text = resolved_text(a.figure)  # type: ignore[arg-type]
    return "-" + text if a.value is not None and a.value < 0 and not text.startswith("-") else text


def trend_rows(
    indicator: str,
    *,
    db: DB = DEFAULT_DB,
    exact: bool = False,
    region: str | None = None,
) -> list[dict[str, Any]]:
    """An indicator's level and growth per region and period (long form), as
    the resolver answers them (:mod:`sq_nlp.store.answers`): ``region,
    indicator, period, level, growth`` as written (a fall as ``-3%``), the
    numbers (``value``, ``unit``, ``value_base``, ``growth_value`` signed),
    ``estimate`` and both sources."""
    if not indicator:
        raise ConfigError("trend needs an indicator, e.g. --indicator 地区生产总值")
    from sq_nlp.extract.figures.resolve import figure_text as resolved_text
    from sq_nlp.store.answers import answers, select

    name = select(indicator, exact=exact).name
    slots: dict[tuple[str, int], dict[str, Answer]] = {}
    for a in answers(indicator, db=db, region=region, exact=exact):
        if a.measure in ("level", "rate"):
            slots.setdefault((a.region or "", a.period), {})[a.measure] = a
    out = []
    for (reg, period), slot in sorted(slots.items()):
        level, growth = slot.get("level"), slot.get("rate")
        lf, gf = (level.figure if level else None), (growth.figure if growth else None)
        out.append({
            "region": reg, "indicator": name, "period": period,
            "level": resolved_text(lf) if lf else None,
            "growth": _growth_text(growth) if growth else None,
            "value": lf.value if lf else None,
            "unit": lf.unit if lf else None,
            "value_base": lf.value_base if lf else None,
            "growth_value": growth.value if growth else None,
            "estimate": bool((lf and lf.estimate) or (gf and gf.estimate)),
            "level_source": level.chosen.source if level and level.chosen else None,
            "growth_source": growth.chosen.source if growth and growth.chosen else None,
        })
    return out


def trend_table(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Long trend rows as a wide table: one row per region (and indicator),
    one column per period with the stated growth beside it (``2020 增长``)."""
    periods = sorted({r["period"] for r in rows})
    columns = ["region", "indicator"]
    for p in periods:
        columns += [str(p), f"{p} 增长"]
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        row = table.setdefault((r["region"], r["indicator"]),
                               {"region": r["region"], "indicator": r["indicator"]})
        row[str(r["period"])] = r["level"]
        row[f"{r['period']} 增长"] = r["growth"]
    return columns, [{c: row.get(c) for c in columns} for _, row in sorted(table.items())]


def _half_unit(f: Figure) -> float:
    """Half a unit of the last written digit, in the figure's base unit: the
    rounding every stated number carries."""
    value, text = f.value or 0.0, (f.value_text or "").strip()
    m = _ARABIC.fullmatch(text) if text else None
    if m is None:
        m = _ARABIC.fullmatch(_number_text(value))
    decimals = len(m.group(1) or "") if m else 0
    scale = (f.value_base or 0.0) / value if value else 1.0
    return 0.5 * 10.0 ** -decimals * abs(scale)


def check_rows(
    *,
    db: DB = DEFAULT_DB,
    indicator: str | None = None,
    exact: bool = False,
    region: str | None = None,
    tolerance: float = 0.5,
    show_all: bool = False,
) -> list[dict[str, Any]]:
    """Stated growth against growth computed from two years' levels.

    For each headline indicator (or the one given) and region, where the
    resolver answers a period's level, the period before's level and the
    period's growth, the growth computed from the levels is compared with the
    stated one — like with like: the growth is one year's (never an average
    over years or a change since a base year) and signed (下降3% is -3), the
    levels are in one unit. Every number is rounded as written, so a row
    disagrees only when the stated growth lies more than ``tolerance``
    percentage points outside the range the rounded levels allow.
    ``real_growth`` marks indicators whose growth reports state in
    comparable prices (GDP): their computed growth is nominal and differs by
    the year's price change, so they disagree only beyond ``PRICE_CHANGE``
    (up to 8 points of inflation, 3 of deflation) on top of the tolerance.
    Levels of rates (失业率 5.2%) are not compared. Rows with an approximate
    number (约, 近, 左右, a threshold) are listed only with ``show_all``, as
    are rows that agree.
    """
    if tolerance < 0:
        raise ConfigError(f"tolerance must not be negative, got {tolerance}")
    from sq_nlp.extract.figures.registry import load_registry
    from sq_nlp.extract.figures.resolve import figure_text as resolved_text
    from sq_nlp.store.answers import FigureIndex, answers, select

    targets = [indicator] if indicator else [i.id for i in load_registry()]
    out = []
    with opened(db) as st:
        index = FigureIndex(st, region=region)
        for ind in targets:
            sel = select(ind, exact=exact)
            real = bool(sel.indicator and sel.indicator.real_growth)
            slots: dict[tuple[str, int], dict[str, Answer]] = {}
            for a in answers(ind, db=st, region=region, exact=exact, index=index):
                if a.measure in ("level", "rate"):
                    slots.setdefault((a.region or "", a.period), {})[a.measure] = a
            for (reg, period), slot in sorted(slots.items()):
                prev_a = slots.get((reg, period - 1), {}).get("level")
                level_a, growth_a = slot.get("level"), slot.get("rate")
                if prev_a is None or level_a is None or growth_a is None:
                    continue
                prev, level, growth = prev_a.figure, level_a.figure, growth_a.figure
                if prev is None or level is None or growth is None:
                    continue
                if prev.base_unit != level.base_unit or not prev.value_base:
                    continue
                if level.unit in RATE_UNITS or prev.unit in RATE_UNITS:
                    continue  # a rate's level (失业率 5.2%) has no growth in % to compare
                p, cur, g = prev.value_base, level.value_base, float(growth_a.value or 0.0)
                dp, dc, dg = _half_unit(prev), _half_unit(level), _half_unit(growth)
                computed = (cur / p - 1) * 100
                lo = ((cur - dc) / (p + dp) - 1) * 100
                hi = ((cur + dc) / (p - dp) - 1) * 100 if p > dp else float("inf")
                # Growth in comparable prices is nominal growth less the price change:
                # the computed, nominal growth may exceed it by the inflation or fall
                # short of it by the deflation of that year.
                up, down = PRICE_CHANGE if real else (0.0, 0.0)
                gap = max(0.0, lo - (g + dg + up), (g - dg - down) - hi)
                approximate = any(f.bound != "exact" or f.qualifier for f in (prev, level, growth))
                agrees = gap <= tolerance
                if not show_all and not is_disagreement({"agrees": agrees, "approximate": approximate}):
                    continue
                out.append({
                    "region": reg, "indicator": sel.name, "period": period,
                    "previous": resolved_text(prev), "level": resolved_text(level),
                    "stated_growth": g, "computed_growth": round(computed, 2),
                    "difference": round(g - computed, 2), "agrees": agrees, "approximate": approximate,
                    "real_growth": real,
                    "previous_source": prev_a.chosen.source if prev_a.chosen else None,
                    "level_source": level_a.chosen.source if level_a.chosen else None,
                    "growth_source": growth_a.chosen.source if growth_a.chosen else None,
                })
    return out


def is_disagreement(row: dict[str, Any]) -> bool:
    """Whether a :func:`check_rows` row is listed without ``show_all``: the
    numbers disagree and none of them is written as approximate."""
    return not row["agrees"] and not row["approximate"]


# -- export -------------------------------------------------------------------

def export_tables(out_dir: str | Path, fmt: str = "csv", *, db: DB = DEFAULT_DB) -> list[Path]:
    """Write every table (documents, blocks, figures, slogans, slogan_items)
    to ``out_dir`` as CSV, JSON or Parquet; returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {EXPORT_FORMATS}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file; give a folder to export into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {out}: {exc.strerror or exc}") from None
    written = []
    with opened(db) as st:
        for table in EXPORT_TABLES:
            columns, stream = st.export(table)
            rows = list(stream)
            if fmt == "csv":  # a cell holds lists and dicts as JSON text
                rows = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v
                         for k, v in row.items()} for row in rows]
            path = out / f"{table}.{fmt}"
            try:
                _write_table(path, fmt, columns, rows)
            except OSError as exc:
                raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
            written.append(path)
    return written


def _write_table(path: Path, fmt: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=columns)
            w.writeheader()
            w.writerows(rows)
    elif fmt == "json":
        with path.open("w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.null()) for c in columns})
        pq.write_table(table, path)


# -- DataFrames -----------------------------------------------------------------

def _frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    cols = list(columns) + [k for r in rows for k in r if k not in columns and not k.startswith("_")]
    return pd.DataFrame(list(rows), columns=list(dict.fromkeys(cols)))


def figures(
    *,
    db: DB = DEFAULT_DB,
    indicator: str | None = None,
    exact: bool = False,
    region: str | None = None,
    year: int | None = None,
    period: int | None = None,
    unit: str | None = None,
    change: bool | None = None,
    target: bool | None = None,
) -> pd.DataFrame:
    """Figures as a DataFrame; the filters are those of :func:`figure_rows`."""
    return _frame(figure_rows(db=db, indicator=indicator, exact=exact, region=region, year=year,
                              period=period, unit=unit, change=change, target=target), FIGURE_COLUMNS)


def slogans(
    *,
    db: DB = DEFAULT_DB,
    term: str | None = None,
    exact: bool = False,
    kind: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Slogans as a DataFrame; the filters are those of :func:`slogan_rows`."""
    return _frame(slogan_rows(db=db, term=term, exact=exact, kind=kind, region=region, year=year), SLOGAN_COLUMNS)


def documents(*, db: DB = DEFAULT_DB) -> pd.DataFrame:
    """The stored documents as a DataFrame."""
    return _frame(document_rows(db=db), DOCUMENT_COLUMNS)


def search(
    query: str,
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    year: int | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Full-text search results as a DataFrame (see :func:`search_rows`)."""
    return _frame(search_rows(query, db=db, region=region, year=year, limit=limit), SEARCH_COLUMNS)


def trend(
    indicator: str,
    *,
    db: DB = DEFAULT_DB,
    exact: bool = False,
    region: str | None = None,
) -> pd.DataFrame:
    """One row per region, one column per period with the stated growth
    beside it (values as written, e.g. ``99.1万亿元`` and ``6.1%``); the
    numbers and sources are in :func:`trend_rows`."""
    import pandas as pd

    columns, rows = trend_table(trend_rows(indicator, db=db, exact=exact, region=region))
    return pd.DataFrame(rows, columns=columns).set_index(["region", "indicator"])


def check(
    *,
    db: DB = DEFAULT_DB,
    indicator: str | None = None,
    exact: bool = False,
    region: str | None = None,
    tolerance: float = 0.5,
    show_all: bool = False,
) -> pd.DataFrame:
    """The cross-year consistency check as a DataFrame (see :func:`check_rows`)."""
    return _frame(check_rows(db=db, indicator=indicator, exact=exact, region=region,
                             tolerance=tolerance, show_all=show_all), CHECK_COLUMNS)
