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

Indicators match exactly (``exact=True``) or, by default, fuzzily through a
small synonym table (package data ``indicators.json``): ``"GDP"`` finds
地区生产总值, 国内生产总值 and GDP alike, but not 人均GDP.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from sq_nlp.errors import ConfigError
from sq_nlp.store.db import DEFAULT_DB, EXPORT_TABLES, Store, decode_offsets, figure_from_row, open_store, slogan_from_row

if TYPE_CHECKING:
    import pandas as pd

DB = Union[str, Path, Store]

# Units of rates, not of levels: a level's growth is stated in "%".
RATE_UNITS = frozenset({"%", "％", "个百分点", "‰"})
PERCENT_UNITS = frozenset({"%", "％"})
# Units that only ever state a change (of a rate), never a level.
CHANGE_UNITS = frozenset({"个百分点"})
# A figure stated for several years at once (五年来…城镇新增就业6600万人, “十三五”时期…),
# recognised in the opening of its paragraph or in its sentence (not 多年来最低): a year's own
# figure is preferred to it.
_MULTI_YEAR_HEAD = re.compile(r"[两三四五六七八九十]年|年来|以来|时期|期间|十[一二三四五六七]五")
_MULTI_YEAR_SENTENCE = re.compile(r"累计|[两三四五六七八九十]年(?:来|间|中|累计)|过去[两三四五六七八九十]年|十[一二三四五六七]五(?:”)?(?:时期|期间)")
_PARA_HEAD_CHARS = 12
# The price change (percentage points of inflation, of deflation) a year's
# growth in comparable prices may differ by from its nominal growth: China's
# GDP deflator ran from about -1% to +8% a year since 2000.
PRICE_CHANGE = (8.0, 3.0)
# Qualifiers written before the number (约30亿元) rather than after it (30亿元左右).
PREFIX_QUALIFIERS = frozenset({"约", "超", "近", "逾", "超过", "接近", "将近", "突破", "达", "达到", "不到", "不足"})
# "从/由 X 增加到 Y": X is the level at the start of a span of years, not the figure's period.
_FROM = ("从", "由")
# "年均增长 Z%": an average over years, not one period's growth.
_AVERAGE = re.compile(r"(?:年均|平均)[^，。；、,;]*$")
_CONTEXT_CHARS = 10

FIGURE_COLUMNS = (
    "region", "year", "period", "indicator", "value", "value_max", "unit", "value_text", "qualifier",
    "change", "target", "value_base", "base_unit", "section", "sentence", "path", "line", "source",
)
SLOGAN_COLUMNS = (
    "region", "year", "term", "kind", "count", "items", "expansion_source", "count_matches",
    "occurrences", "path",
)
DOCUMENT_COLUMNS = (
    "id", "path", "title", "region", "year", "period", "encoding", "format", "chars",
    "n_blocks", "n_figures", "n_slogans", "sha256", "ingested_at",
)
SEARCH_COLUMNS = ("source", "path", "line", "region", "year", "kind", "section", "snippet", "text", "block_id")
CHECK_COLUMNS = (
    "region", "indicator", "period", "previous", "level", "stated_growth", "computed_growth",
    "difference", "agrees", "approximate", "real_growth", "previous_source", "level_source", "growth_source",
)
EXPORT_FORMATS = ("csv", "json", "parquet")

HIT_OPEN, HIT_CLOSE = "«", "»"
_HALF_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
_HALF_WIDTH[0x3000] = 0x20  # an ideographic space separates words too
SNIPPET_CONTEXT = 30
_MAX_TOKEN_CHARS = 16
_WORD_RUN = re.compile(r"[^\W_]+")
_ARABIC = re.compile(r"[+-]?[\d,]*(?:\.(\d+))?")
_DOC_KEYS = frozenset({"region", "year", "path", "source"})


@contextmanager
def _opened(db: DB) -> Iterator[Store]:
    if isinstance(db, Store):
        yield db
    else:
        with open_store(db, readonly=True) as st:
            yield st


# -- indicators ---------------------------------------------------------------

@dataclass(frozen=True)
class IndicatorGroup:
    """One synonym group: the canonical ``name``, its ``aliases``, strings
    whose presence means another indicator (``exclude``: 人均 for GDP), and
    whether its growth is stated in comparable prices (``real_growth``)."""

    name: str
    aliases: tuple[str, ...]
    exclude: tuple[str, ...]
    real_growth: bool = False

    @property
    def terms(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@lru_cache(maxsize=1)
def load_indicators() -> tuple[IndicatorGroup, ...]:
    """The synonym table shipped as package data ``indicators.json``."""
    # Found from the top package: importing sq_nlp.extract.figures to locate the
    # file would load the whole extraction stage, a third of a query's start-up.
    data = resources.files("sq_nlp").joinpath("extract").joinpath("figures").joinpath("data")
    text = data.joinpath("indicators.json").read_text(encoding="utf-8")
    return tuple(
        IndicatorGroup(g["name"], tuple(g.get("aliases", ())), tuple(g.get("exclude", ())),
                       bool(g.get("real_growth", False)))
        for g in json.loads(text)["indicators"]
    )


def indicator_group(query: str) -> IndicatorGroup | None:
    """The group whose name or an alias is ``query`` (case-insensitive)."""
    q = query.translate(_HALF_WIDTH).strip().casefold()
    for group in load_indicators():
        if any(q == t.casefold() for t in group.terms):
            return group
    return None


# A share of an indicator (网上零售额占社会消费品零售总额的比重) is not the
# indicator: these words leave a figure out of every synonym group.
SHARE_WORDS = ("占", "比重", "比例")


def _excluded(group: IndicatorGroup) -> tuple[str, ...]:
    own = "".join(group.terms)
    return tuple(dict.fromkeys(x.casefold() for x in (*group.exclude, *SHARE_WORDS) if x not in own))


@lru_cache(maxsize=1)
def _folded_groups() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple((g.name, tuple(t.casefold() for t in g.terms), _excluded(g)) for g in load_indicators())


@lru_cache(maxsize=1)
def _any_term() -> re.Pattern[str]:
    terms = {t for _, ts, _ in _folded_groups() for t in ts}
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


@lru_cache(maxsize=8192)
def classify_indicator(indicator: str | None) -> str | None:
    """The canonical name of the group an indicator text belongs to: the
    group with the longest contained term that is not excluded."""
    if not indicator:
        return None
    text = indicator.casefold()
    if not _any_term().search(text):
        return None
    best: tuple[int, str] | None = None
    for name, terms, exclude in _folded_groups():
        if any(x in text for x in exclude):
            continue
        for term in terms:
            if term in text and (best is None or len(term) > best[0]):
                best = (len(term), name)
    return best[1] if best else None


def _indicator_sql(indicator: str, exact: bool) -> tuple[str, list[Any]]:
    """A WHERE fragment (placeholders only) matching figures' indicators."""
    if exact:
        return "f.indicator = ?", [indicator]
    group = indicator_group(indicator)
    q = indicator.translate(_HALF_WIDTH).strip().casefold()
    terms = [t.casefold() for t in group.terms] if group else [q]
    exclude = [x for x in _excluded(group) if x not in q] if group else []
    sql = "(" + " OR ".join("instr(lower(f.indicator), ?) > 0" for _ in terms) + ")"
    if exclude:
        sql += " AND NOT (" + " OR ".join("instr(lower(f.indicator), ?) > 0" for _ in exclude) + ")"
    return sql, [*terms, *exclude]


# -- figures, slogans, documents ---------------------------------------------

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
    series_only: bool = False,
    with_doc_period: bool = False,
) -> list[dict[str, Any]]:
    """Figures as plain dicts (every field of the stored Figure, plus the
    document's ``region`` and ``year``, its ``path`` and ``source`` = path:line).

    ``year`` is the report's year, ``period`` the year a figure refers to;
    ``region`` matches a part of the document's region (重庆 finds 重庆市).
    A Figure field named like a document key is kept as ``figure_<name>``.
    ``series_only`` keeps what :func:`trend_rows` and :func:`check_rows` use:
    achieved levels and percentage growth rates with a period.
    ``with_doc_period`` adds ``_doc_period``, the period the report reviews,
    ``_before``, the raw text just before the figure, and ``_para_head``, the
    opening of its paragraph.
    """
    where: list[str] = []
    params: list[Any] = []
    if indicator:
        sql, p = _indicator_sql(indicator, exact)
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
    if series_only:
        changes, percents = sorted(CHANGE_UNITS), sorted(PERCENT_UNITS)
        where.append(
            "f.target = 0 AND f.period IS NOT NULL AND ("
            f"(f.change = 0 AND f.value_max IS NULL AND coalesce(f.unit, '') NOT IN ({', '.join('?' * len(changes))}))"
            f" OR (f.change = 1 AND f.unit IN ({', '.join('?' * len(percents))})))")
        params += changes + percents
    sql = ("SELECT d.region AS _region, d.year AS _year, d.period AS _doc_period, d.path AS _path, "
           "d.id AS _doc_id, f.* FROM figure_view f JOIN documents d ON d.id = f.doc_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY d.year, d.region, d.path, f.seq")
    out = []
    texts: dict[int, str] = {}
    heads: dict[int, tuple[list[int], list[str]]] = {}
    with _opened(db) as st:
        cur = st.connection.execute(sql, params)
        names = [c[0] for c in cur.description]
        for values in cur:
            r = dict(zip(names, values))
            region_, year_, doc_period, path, doc_id = (r["_region"], r["_year"], r["_doc_period"], r["_path"],
                                                         r["_doc_id"])
            fig = figure_from_row(r, where=str(st.path)).to_dict()
            row = {f"figure_{k}" if k in _DOC_KEYS else k: v for k, v in fig.items()}
            row.update(region=region_, year=year_, path=path, source=f"{path}:{fig.get('line')}")
            if with_doc_period:
                row["_doc_period"] = doc_period
                start = fig.get("start")
                if isinstance(start, int):
                    if doc_id not in texts:
                        texts[doc_id] = st.document_text(doc_id)
                    row["_before"] = "".join(texts[doc_id][max(0, start - _CONTEXT_CHARS): start].split())
                    if doc_id not in heads:
                        heads[doc_id] = _paragraph_heads(st, doc_id)
                    row["_para_head"] = _paragraph_head(heads[doc_id], start)
            out.append(row)
    return out


def _paragraph_heads(st: Store, doc_id: int) -> tuple[list[int], list[str]]:
    rows = st.query("SELECT start, substr(text, 1, ?) FROM blocks WHERE doc_id = ? ORDER BY start",
                    [_PARA_HEAD_CHARS, doc_id])
    return [r[0] for r in rows], [r[1] for r in rows]


def _paragraph_head(heads: tuple[list[int], list[str]], start: int) -> str:
    import bisect

    i = bisect.bisect_right(heads[0], start) - 1
    return heads[1][i] if i >= 0 else ""


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
    with _opened(db) as st:
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
    with _opened(db) as st:
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
    return _bounded(re.escape(term), term[0], term[-1])


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
    terms = query.translate(_HALF_WIDTH).split()
    if not terms:
        raise ConfigError("empty search query; give one or more words, e.g. 垃圾分类")
    filt, fparams = [], []  # type: list[str], list[Any]
    if region:
        filt.append("instr(d.region, ?) > 0")
        fparams.append(region)
    if year is not None:
        filt.append("d.year = ?")
        fparams.append(year)
    filt_sql = "".join(" AND " + f for f in filt)
    with _opened(db) as st:
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
            for bid, text in st.query(
                    f"SELECT b.id, b.text FROM blocks b JOIN documents d ON d.id = b.doc_id WHERE {instr}{filt_sql} "
                    "ORDER BY d.year, d.path, b.seq", [t.casefold() for t in terms] + fparams):
                if bid not in found and all(p.search(text) for p in literal):
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
                "d.year FROM block_view b JOIN documents d ON d.id = b.doc_id WHERE b.id = ?", [bid])
            doc_id, kind, section, text, start, line, offsets_data, path, region_, year_ = row
            if any(not lit.search(text) and tok is not None and not tok.search(text) and lo.search(text)
                   for lit, tok, lo in zip(literal, tokenwise, loose)):
                continue  # the term's tokens stand only inside a longer number or word (4.1 in 14.1)
            spans = _hit_spans(text, [lit if lit.search(text) or tok is None else tok
                                      for lit, tok in zip(literal, tokenwise)])
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
    q = fig.get("qualifier") or ""
    text = number + (fig.get("unit") or "")
    return q + text if q in PREFIX_QUALIFIERS else text + q


def _is_level(f: dict[str, Any]) -> bool:
    if (f.get("change") or f.get("target") or f.get("unit") in CHANGE_UNITS
            or f.get("value_max") is not None or f.get("value_base") is None):
        return False
    before, q = f.get("_before") or "", f.get("qualifier") or ""
    if q and before.endswith(q):
        before = before[: -len(q)]
    return not before.endswith(_FROM)


def _is_growth(f: dict[str, Any]) -> bool:
    return (bool(f.get("change")) and not f.get("target") and f.get("unit") in PERCENT_UNITS
            and not _AVERAGE.search(f.get("_before") or ""))


def _pick(cands: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The figure a period's report states first: the review report of that
    period (its document's period equals the figure's) wins over restatements,
    a year's own figure over one stated for several years (五年来…), a level in
    its own unit (亿元) over a rate (%)."""
    if not cands:
        return None
    return min(cands, key=lambda f: (f.get("_doc_period") != f.get("period"), _multi_year(f),
                                     f.get("unit") in RATE_UNITS, f.get("year") or 0,
                                     f["path"], f.get("line") or 0))


def _multi_year(f: dict[str, Any]) -> bool:
    """Whether a figure speaks of several years at once (see ``_MULTI_YEAR``)."""
    return bool(_MULTI_YEAR_HEAD.search(f.get("_para_head") or "")
                or _MULTI_YEAR_SENTENCE.search(f.get("sentence") or ""))


def _series(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[int, dict[str, Any]]]:
    """``(region, indicator) -> period -> {"level": fig|None, "growth": fig|None}``."""
    groups: dict[tuple[str, str], dict[int, dict[str, list[dict[str, Any]]]]] = {}
    for f in rows:
        if f.get("period") is None:
            continue
        kind = "level" if _is_level(f) else "growth" if _is_growth(f) else None
        if kind is None:
            continue
        key = (f.get("region") or "", classify_indicator(f.get("indicator")) or f.get("indicator") or "")
        groups.setdefault(key, {}).setdefault(int(f["period"]), {"level": [], "growth": []})[kind].append(f)
    return {
        key: {p: {"level": _pick(s["level"]), "growth": _pick(s["growth"])} for p, s in periods.items()}
        for key, periods in groups.items()
    }


def trend_rows(
    indicator: str,
    *,
    db: DB = DEFAULT_DB,
    exact: bool = False,
    region: str | None = None,
) -> list[dict[str, Any]]:
    """An indicator's level and stated growth per region and period (long form):
    ``region, indicator, period, level, growth`` as written, the numbers
    (``value``, ``unit``, ``value_base``, ``growth_value``) and both sources."""
    if not indicator:
        raise ConfigError("trend needs an indicator, e.g. --indicator 地区生产总值")
    with _opened(db) as st:
        rows = figure_rows(db=st, indicator=indicator, exact=exact, region=region, series_only=True,
                           with_doc_period=True)
    out = []
    for (reg, name), periods in sorted(_series(rows).items()):
        for period, slot in sorted(periods.items()):
            level, growth = slot["level"], slot["growth"]
            if level is None and growth is None:
                continue
            out.append({
                "region": reg, "indicator": name, "period": period,
                "level": figure_text(level) if level else None,
                "growth": figure_text(growth) if growth else None,
                "value": level["value"] if level else None,
                "unit": level.get("unit") if level else None,
                "value_base": level["value_base"] if level else None,
                "growth_value": growth["value"] if growth else None,
                "level_source": level["source"] if level else None,
                "growth_source": growth["source"] if growth else None,
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


def _half_unit(fig: dict[str, Any]) -> float:
    """Half a unit of the last written digit, in the figure's base unit: the
    rounding every stated number carries."""
    value, text = fig.get("value") or 0.0, (fig.get("value_text") or "").strip()
    m = _ARABIC.fullmatch(text) if text else None
    if m is None:
        m = _ARABIC.fullmatch(_number_text(value))
    decimals = len(m.group(1) or "") if m else 0
    scale = (fig.get("value_base") or 0.0) / value if value else 1.0
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

    Where one period's level, the next period's level and that period's
    stated growth (%) are all known, the computed growth is compared with the
    stated one. Every number is rounded as written, so a row disagrees only
    when the stated growth lies more than ``tolerance`` percentage points
    outside the range the rounded levels allow. Rows with an approximate
    level or growth (约, 近, 超 ...) are listed only with ``show_all``, as are
    rows that agree. ``real_growth`` marks indicators whose growth the
    reports state in comparable prices (GDP): their computed, nominal growth
    differs by the year's price change, so they disagree only beyond
    ``PRICE_CHANGE`` (up to 8 points of inflation, 3 of deflation) on top of
    the tolerance. Levels of rates (失业率 5.2%) are not compared.
    """
    if tolerance < 0:
        raise ConfigError(f"tolerance must not be negative, got {tolerance}")
    with _opened(db) as st:
        rows = figure_rows(db=st, indicator=indicator, exact=exact, region=region, series_only=True,
                           with_doc_period=True)
    real = {g.name for g in load_indicators() if g.real_growth}
    out = []
    for (reg, name), periods in sorted(_series(rows).items()):
        for period, slot in sorted(periods.items()):
            prev_slot = periods.get(period - 1)
            level, growth = slot["level"], slot["growth"]
            prev = prev_slot["level"] if prev_slot else None
            if level is None or growth is None or prev is None:
                continue
            if prev.get("base_unit") != level.get("base_unit") or not prev["value_base"]:
                continue
            if level.get("unit") in RATE_UNITS or prev.get("unit") in RATE_UNITS:
                continue  # a rate's level (失业率 5.2%) has no growth in % to compare
            p, cur, g = prev["value_base"], level["value_base"], float(growth["value"])
            dp, dc, dg = _half_unit(prev), _half_unit(level), _half_unit(growth)
            computed = (cur / p - 1) * 100
            lo = ((cur - dc) / (p + dp) - 1) * 100
            hi = ((cur + dc) / (p - dp) - 1) * 100 if p > dp else float("inf")
            # Growth in comparable prices is nominal growth less the price change:
            # the computed, nominal growth may exceed it by the inflation or fall
            # short of it by the deflation of that year.
            up, down = PRICE_CHANGE if name in real else (0.0, 0.0)
            gap = max(0.0, lo - (g + dg + up), (g - dg - down) - hi)
            approximate = any(f.get("qualifier") for f in (prev, level, growth))
            agrees = gap <= tolerance
            if not show_all and not is_disagreement({"agrees": agrees, "approximate": approximate}):
                continue
            out.append({
                "region": reg, "indicator": name, "period": period,
                "previous": figure_text(prev), "level": figure_text(level),
                "stated_growth": g, "computed_growth": round(computed, 2),
                "difference": round(g - computed, 2), "agrees": agrees, "approximate": approximate,
                "real_growth": name in real,
                "previous_source": prev["source"], "level_source": level["source"],
                "growth_source": growth["source"],
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
    with _opened(db) as st:
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
