"""Terms over the store: where a term stands, how often, since when.

One rule decides what counts as an occurrence of a term, and every command
that counts or shows terms uses it (``measure``, ``timeline``, ``kwic``, and
``search`` for its plain-text matches):

    A term counts wherever its characters stand in a block's text, inside a
    longer word too (环保 in 环保督察, 创新 in 科技创新中心), unless it
    straddles two words of the segmentation and cuts both (民生 in
    人民|生活, 创新 in 开创|新疆). A term made of digits or Latin letters
    must not continue a longer number or word (5G is not found in 15G, AI not
    in MAIL); Latin letters match in either case.

Reading the reports decided it (``scripts/dictionary_candidates.py --check
TERM`` lists the cases for any term): of the 618 places where the characters
民生 stand in the 42 reports of ``corpus/``, 97 are 人民|生活, 便民|生活圈 and
the like, each cutting both words; a term found inside one longer word is
nearly always that word's part (生态 in 生态环境, 就业 in 新就业形态: 322 of
the 861 places of 就业), and so is a term that begins or ends at a word
boundary and runs into the next word (生态环境 in 生态|环境保护, 民生 in
惠民|生). Tokens come from the store (the Segmenter's tokens of each
block), so nothing is segmented again at query time.

Text is counted in the blocks a report is made of (title, headings,
paragraphs, captions), not in page chrome (``other``: licence boxes, 责任编辑
footers, reader-page buttons). A sentence ends at 。！？!? (closing quotes
stay with it); a heading without such a mark is one sentence. Characters are
letters and digits (Chinese characters included), not punctuation or spaces.

Everything is read through the Store's read API (documents, blocks with
tokens, document_text); no file is read again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sq_nlp.errors import ConfigError
from sq_nlp.store.db import DB, DEFAULT_DB, Store, StoredBlock, StoredDocument, opened

if TYPE_CHECKING:
    import pandas as pd


# Block kinds that hold the report's own text; ``other`` is page chrome.
CONTENT_KINDS = ("title", "heading", "paragraph", "caption")
KWIC_WIDTH = 20

_HALF_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for c in range(r[0], r[1] + 1)}
_HALF_WIDTH[0x3000] = 0x20
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』）)\]】]*)?|[。！？!?]+")
_CHAR = re.compile(r"[^\W_]")


# -- the rule -------------------------------------------------------------------------

def normalize_term(term: str) -> str:
    """A term as the stored text writes it: full-width digits and letters
    half-width, runs of spaces one space, no spaces around it."""
    text = " ".join(str(term).translate(_HALF_WIDTH).split())
    if not text or not _CHAR.search(text):
        raise ConfigError(f"empty term {term!r}; give a word or phrase, e.g. 新质生产力")
    return text


@lru_cache(maxsize=4096)
def literal_pattern(term: str) -> re.Pattern[str]:
    """``term`` as written, not continuing a longer number or Latin word:
    4.1% is not found in 14.1%, 2020 not in 20201, AI not in MAIL."""
    first, last = term[0], term[-1]
    head = r"(?<![\d.])" if first.isdigit() else r"(?<![A-Za-z])" if first.isascii() and first.isalpha() else ""
    tail = r"(?!\.?\d)" if last.isdigit() else r"(?![A-Za-z])" if last.isascii() and last.isalpha() else ""
    return re.compile(head + re.escape(term) + tail, re.IGNORECASE)


def token_owners(text: str, tokens: Sequence[str]) -> list[int] | None:
    """For each character of ``text``, the index of the token it belongs to
    (-1 for whitespace); None when the tokens do not spell the text (then
    no word boundary is known and every occurrence counts)."""
    if "".join(tokens) == text:  # the usual case: no space in the block
        owners = []
        for i, tok in enumerate(tokens):
            owners += [i] * len(tok)
        return owners
    owners = [-1] * len(text)
    pos = 0
    n = len(text)
    for i, tok in enumerate(tokens):
        while pos < n and text[pos].isspace():
            pos += 1
        if text.startswith(tok, pos):
            owners[pos:pos + len(tok)] = [i] * len(tok)
            pos += len(tok)
        else:
            return None
    while pos < n and text[pos].isspace():
        pos += 1
    return owners if pos == n else None


def stands_as_term(owners: Sequence[int] | None, start: int, end: int) -> bool:
    """The rule: the span ``[start, end)`` counts unless it straddles two
    words of the segmentation and cuts both (see the module docstring)."""
    if owners is None or end <= start:
        return owners is None and end > start
    n = len(owners)
    cut_start = start > 0 and owners[start - 1] == owners[start] != -1
    cut_end = end < n and owners[end] == owners[end - 1] != -1
    if not (cut_start and cut_end):
        return True
    return owners[start] == owners[end - 1]  # inside one longer word


@dataclass(frozen=True)
class Hit:
    """One occurrence of ``term`` at ``[start, end)`` of a block's text
    (``written`` as it stands there, e.g. in another letter case)."""

    term: str
    start: int
    end: int
    written: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"term": self.term, "start": self.start, "end": self.end, "written": self.written}


@lru_cache(maxsize=256)
def _folded(terms: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((t, t.casefold()) for t in terms)


class TokenOwners:
    """A block's :func:`token_owners`, computed at most once and only when
    some term occurs in it."""

    def __init__(self, text: str, tokens: Sequence[str]) -> None:
        self.text, self.tokens = text, tokens
        self._owners: list[int] | None = None
        self._done = False

    def get(self) -> list[int] | None:
        if not self._done:
            self._owners, self._done = token_owners(self.text, self.tokens), True
        return self._owners


def find_hits(text: str, tokens: Sequence[str] | TokenOwners, terms: Iterable[str],
              exclude: Iterable[str] = ()) -> list[Hit]:
    """Every occurrence of every term in a block's ``text`` by the rule,
    in text order (a longer term first where two start together). A hit
    that lies inside an occurrence of an ``exclude`` phrase (政治生态 for
    生态) does not count. Terms must be normalised (:func:`normalize_term`)."""
    folded = text.casefold()
    present = [t for t, f in _folded(tuple(terms)) if f in folded]
    if not present:
        return []
    owners = tokens.get() if isinstance(tokens, TokenOwners) else token_owners(text, tokens)
    masks = [m.span() for x in exclude if x.casefold() in folded for m in literal_pattern(x).finditer(text)]
    hits = []
    for term in present:
        for m in literal_pattern(term).finditer(text):
            s, e = m.span()
            if not stands_as_term(owners, s, e):
                continue
            if any(xs <= s and e <= xe for xs, xe in masks):
                continue
            hits.append(Hit(term, s, e, m.group()))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.term))
    return hits


def mentions(hits: Sequence[Hit]) -> list[Hit]:
    """The hits a group counts: leftmost-longest, never two over the same
    characters (科技创新 is one mention of a group holding 科技创新, 科技
    and 创新, though each of the three terms occurs there). ``hits`` in the
    order :func:`find_hits` gives."""
    out: list[Hit] = []
    end = -1
    for h in hits:
        if h.start >= end:
            out.append(h)
            end = h.end
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a block as ``(start, end)``: up to and including 。！？!?
    and the closing quotes after them; spans of only spaces are left out."""
    return [m.span() for m in _SENTENCE.finditer(text) if _CHAR.search(m.group())]


def content_chars(text: str) -> int:
    """Letters and digits (Chinese characters included) in ``text``."""
    return len(_CHAR.findall(text))


def word_count(tokens: Sequence[str]) -> int:
    """Tokens holding a letter or digit (punctuation is not a word)."""
    return sum(1 for t in tokens if _CHAR.search(t))


# -- reading the store ------------------------------------------------------------------

def select(documents: Iterable[StoredDocument], *, region: str | None = None,
           year: int | None = None) -> list[StoredDocument]:
    """Documents of a region (a part of its name: 重庆 finds 重庆市) and report year.

    One document stands for each region and year: where the store holds
    several (the .docx beside its .txt, a scanned page of the same report),
    the longest, so that a report is never counted twice in a panel or a
    timeline."""
    chosen = [d for d in documents
              if (region is None or (d.region and region in d.region)) and (year is None or d.year == year)]
    longest: dict[tuple[str, int], StoredDocument] = {}
    for d in chosen:
        if d.region and d.year is not None:
            key = (d.region, d.year)
            if key not in longest or (d.chars, -d.id) > (longest[key].chars, -longest[key].id):
                longest[key] = d
    return [d for d in chosen if not d.region or d.year is None or longest[(d.region, d.year)] is d]


def content_blocks(st: Store, doc_id: int) -> list[StoredBlock]:
    """A document's blocks that hold report text (:data:`CONTENT_KINDS`)."""
    return list(st.blocks(doc_id, kinds=CONTENT_KINDS))


def raw_line(doc_text: str, block: StoredBlock, pos: int) -> int:
    """The 1-based line of the raw file where character ``pos`` of a block stands."""
    if block.offsets and pos < len(block.offsets):
        return block.line + doc_text.count("\n", block.start, block.offsets[pos])
    return block.line


def sentence_at(text: str, pos: int) -> str:
    """The sentence of a block's ``text`` that holds character ``pos``."""
    spans = sentence_spans(text)
    i = bisect.bisect_right([s for s, _ in spans], pos) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return text[spans[i][0]:spans[i][1]].strip()
    return text.strip()


def region_label(d: StoredDocument) -> str:
    """The region a document is listed under (its file stem when it has none)."""
    return d.region or Path(d.path).stem


def occurrence_rows(
    terms: str | Sequence[str],
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    year: int | None = None,
    width: int = KWIC_WIDTH,
) -> list[dict[str, Any]]:
    """Every occurrence of the terms (by the rule), in year, region and text
    order: ``term``, ``written``, ``region``, ``year``, ``path``, ``line``,
    ``source`` (path:line of the raw file), ``section``, ``left`` and
    ``right`` (up to ``width`` characters of the block around it), the
    ``sentence`` that holds it, and ``doc_id``, ``block_id``, ``start``,
    ``end`` (offsets into the block's text)."""
    wanted = _terms(terms)
    if width < 0:
        raise ConfigError(f"context width must not be negative, got {width}")
    with opened(db) as st:
        docs = in_order(select(st.documents(), region=region, year=year))
        return [r for _, _, rows in _scan(st, docs, wanted, width) for r in rows]


def _scan(st: Store, docs: Sequence[StoredDocument], wanted: Sequence[str],
          width: int) -> Iterator[tuple[StoredDocument, int, list[dict[str, Any]]]]:
    """Per document: its characters and the occurrence rows of the terms."""
    for d in docs:
        doc_text: str | None = None
        chars = 0
        out: list[dict[str, Any]] = []
        for b in content_blocks(st, d.id):
            chars += content_chars(b.text)
            hits = find_hits(b.text, b.tokens, wanted)
            if not hits:
                continue
            if doc_text is None:
                doc_text = st.document_text(d.id)
            for h in hits:
                line = raw_line(doc_text, b, h.start)
                out.append({
                    "term": h.term, "written": h.written, "region": region_label(d), "year": d.year,
                    "path": d.path, "line": line, "source": f"{d.path}:{line}", "section": b.section,
                    "left": " ".join(b.text[max(0, h.start - width):h.start].split()) if width else "",
                    "right": " ".join(b.text[h.end:h.end + width].split()) if width else "",
                    "sentence": sentence_at(b.text, h.start),
                    "doc_id": d.id, "block_id": b.id, "start": h.start, "end": h.end,
                })
        yield d, chars, out


def _terms(terms: str | Sequence[str]) -> list[str]:
    items = [terms] if isinstance(terms, str) else list(terms)
    if not items:
        raise ConfigError("no term given; name one, e.g. 新质生产力")
    return list(dict.fromkeys(normalize_term(t) for t in items))


def in_order(docs: Iterable[StoredDocument]) -> list[StoredDocument]:
    """Documents by year (undated last), region and path."""
    return sorted(docs, key=lambda d: (d.year if d.year is not None else 10**6, d.region or "", d.path))


def per_10k(count: int, chars: int) -> float:
    """Occurrences per 10,000 characters (0 for an empty document)."""
    return round(count * 10_000 / chars, 3) if chars else 0.0


TIMELINE_COLUMNS = ("term", "region", "year", "documents", "documents_with", "count", "chars",
                    "per_10k_chars", "first_source", "first_sentence", "paths")
TIMELINE_SUMMARY_COLUMNS = ("term", "region", "first_year", "first_source", "first_sentence", "total",
                            "reports", "reports_with")


def timeline_rows(
    term: str | Sequence[str],
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
) -> list[dict[str, Any]]:
    """A term's count per region and report year (long form), zeros included
    for every stored report without it: ``term``, ``region``, ``year``,
    ``documents`` (reports of that region and year) and ``documents_with``
    (those that hold it), ``count``, ``chars``,
    ``per_10k_chars``, and the ``first_source`` (path:line) and
    ``first_sentence`` of its first occurrence in that year's reports."""
    wanted = _terms(term)
    hits: list[dict[str, Any]] = []
    sizes: dict[int, int] = {}
    with opened(db) as st:
        docs = in_order(select(st.documents(), region=region))
        for d, chars, rows in _scan(st, docs, wanted, 0):
            sizes[d.id] = chars
            hits += rows
    by_id = {d.id: d for d in docs}
    out = []
    for t in wanted:
        cells: dict[tuple[str, int | None], dict[str, Any]] = {}
        for d in docs:
            cell = cells.setdefault((region_label(d), d.year), {
                "term": t, "region": region_label(d), "year": d.year, "documents": 0, "documents_with": set(),
                "count": 0, "chars": 0, "first_source": None, "first_sentence": None, "paths": []})
            cell["documents"] += 1
            cell["chars"] += sizes[d.id]
            cell["paths"].append(d.path)
        for h in hits:
            if h["term"] != t:
                continue
            doc = by_id[h["doc_id"]]
            cell = cells[(region_label(doc), doc.year)]
            cell["count"] += 1
            cell["documents_with"].add(doc.id)
            if cell["first_source"] is None:
                cell["first_source"], cell["first_sentence"] = h["source"], h["sentence"]
        for cell in cells.values():
            cell["documents_with"] = len(cell["documents_with"])
            cell["per_10k_chars"] = per_10k(cell["count"], cell["chars"])
            cell["paths"] = " ".join(cell["paths"])
            out.append({c: cell[c] for c in TIMELINE_COLUMNS})
    return out


def timeline_summary(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Long timeline rows as one row per term and region: where it first
    appears (``first_year``, ``first_source``, ``first_sentence``), its
    ``total``, how many of the region's stored reports mention it, and one
    column per year with that year's count (blank: no report that year)."""
    years = sorted({r["year"] for r in rows if r["year"] is not None})
    columns = list(TIMELINE_SUMMARY_COLUMNS) + [str(y) for y in years]
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: (r["term"], r["region"], r["year"] if r["year"] is not None else 10**6)):
        row = table.setdefault((r["term"], r["region"]), {
            "term": r["term"], "region": r["region"], "first_year": None, "first_source": None,
            "first_sentence": None, "total": 0, "reports": 0, "reports_with": 0})
        row["total"] += r["count"]
        row["reports"] += r["documents"]
        row["reports_with"] += r["documents_with"]
        if r["count"]:
            if row["first_year"] is None:
                row["first_year"], row["first_source"], row["first_sentence"] = (
                    r["year"], r["first_source"], r["first_sentence"])
        if r["year"] is not None:
            row[str(r["year"])] = r["count"]
    ordered = sorted(table.values(), key=lambda r: (r["term"], r["first_year"] is None, r["first_year"] or 0,
                                                   r["region"]))
    return columns, [{c: row.get(c) for c in columns} for row in ordered]


KWIC_COLUMNS = ("source", "region", "year", "left", "written", "right", "term", "section", "sentence",
                "path", "line")


def kwic_rows(
    term: str | Sequence[str],
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    year: int | None = None,
    width: int = KWIC_WIDTH,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Keyword in context: every occurrence with ``width`` characters of
    its block on the left and on the right, and its source (path:line)."""
    rows = occurrence_rows(term, db=db, region=region, year=year, width=width)
    return rows[:limit] if limit is not None else rows


# -- DataFrames -------------------------------------------------------------------------

def timeline(term: str | Sequence[str], *, db: DB = DEFAULT_DB, region: str | None = None,
             long: bool = False) -> pd.DataFrame:
    """:func:`timeline_summary` (or, ``long``, :func:`timeline_rows`) as a
    DataFrame; years and counts are nullable integers (blank: no report)."""
    import pandas as pd

    rows = timeline_rows(term, db=db, region=region)
    if long:
        return pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS)).astype({"year": "Int64"})
    columns, summary = timeline_summary(rows)
    frame = pd.DataFrame(summary, columns=columns)
    ints = [c for c in columns if c.isdigit()] + ["first_year"]
    return frame.astype({c: "Int64" for c in ints})


def kwic(term: str | Sequence[str], *, db: DB = DEFAULT_DB, region: str | None = None, year: int | None = None,
         width: int = KWIC_WIDTH, limit: int | None = None) -> pd.DataFrame:
    """:func:`kwic_rows` as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(kwic_rows(term, db=db, region=region, year=year, width=width, limit=limit),
                        columns=list(KWIC_COLUMNS))
