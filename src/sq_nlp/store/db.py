"""The store: one SQLite file holding documents, blocks, figures and slogans.

The database runs in WAL mode, so queries read while an ingest writes. Each
document is written in one transaction (:meth:`Store.write`), or several
documents in one (:meth:`Store.write_many`, what the batch run uses), so a
process killed mid-ingest leaves every document either complete or absent.

Every text is stored once. A block's repaired text is the one copy
(``blocks.text``); the rest points into it: the raw text of a document is
rebuilt from its blocks' characters at their offsets plus the few characters
no block holds as written (line breaks, spaces; ``documents.text_rest``), a
figure's sentence is a span of its block, a block's tokens a bitmap of where
each starts, a heading's text is stored once per document (``sections``).
The full-text index (FTS5 over the Segmenter's tokens, space-joined, since
the default FTS tokenizers do not split Chinese) is contentless: it keeps no
copy of the tokens. :mod:`sq_nlp.store.codec` holds the encodings,
:mod:`sq_nlp.store.fts` the index's text.

Read API (stable; other stages build on it)::

    with open_store("outputs/sq_nlp.db", readonly=True) as st:
        for doc in st.documents():                  # StoredDocument records
            for b in st.blocks(doc.id, kinds=("paragraph",)):
                b.text, b.tokens, b.section, b.line   # StoredBlock
        st.figures(doc_id=None)                     # StoredFigure (.figure: Figure)
        st.slogans(doc_id=None)                     # StoredSlogan (.slogan: Slogan)
        st.extraction(doc.id)                       # the whole Extraction back
        st.document_text(doc.id)                    # the raw decoded text

How a record field is stored: the columns of ``documents``, ``blocks``,
``figures`` and ``slogans`` follow the fields of ``Document``, ``Block``,
``Figure`` and ``Slogan`` (see :mod:`sq_nlp.store.schema`). A field added to
a record needs no code here: opening a database for writing adds its column
(str: TEXT, int and bool: INTEGER, float: REAL, anything else: JSON text),
writes fill it, reads give it back, and rows written before it existed read
its default. A field added to :class:`StoredDocument` with the name of a
``documents`` column is read too.

Plain SQL stays available: ``sqlite3 outputs/sq_nlp.db`` and the tables
``documents``, ``blocks``, ``figures``, ``slogans``, ``slogan_items``,
``sections``; the views ``block_view`` and ``figure_view`` show blocks and
figures with their section and sentence text. Nothing from a report or a
flag is ever pasted into SQL text.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import os
import sqlite3
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import is_not
from pathlib import Path
from typing import Any, Literal, Union

from sq_nlp.errors import StoreError
from sq_nlp.records import Block, Document, Extraction, Figure, Slogan
from sq_nlp.store import schema
from sq_nlp.store.fts import index_texts
from sq_nlp.store.codec import (
    compose_text,
    decode_ints,
    decode_offsets,
    decode_runs,
    decode_tokens,
    encode_ints,
    encode_offsets,
    index_blocks,
    offset_runs,
    text_residue,
)

__all__ = [
    "DEFAULT_DB", "SCHEMA_VERSION", "Store", "StoredBlock", "StoredDocument", "StoredFigure", "StoredSlogan",
    "WriteResult", "PreparedDocument", "prepare_document", "open_store", "encode_offsets", "decode_offsets",
]

log = logging.getLogger(__name__)

DEFAULT_DB = Path("outputs") / "sq_nlp.db"

SCHEMA_VERSION = 4
PAGE_SIZE = 8192
# "SQNL": marks a file as an sq_nlp database, so a foreign SQLite file is refused.
APPLICATION_ID = 0x53514E4C


def _migrate_v1(conn: sqlite3.Connection) -> None:
    from sq_nlp.store.migrate import migrate_v1_to_v2

    migrate_v1_to_v2(conn)


def _migrate_v3(conn: sqlite3.Connection) -> None:
    from sq_nlp.store.migrate import migrate_v3_to_v4

    migrate_v3_to_v4(conn)


# Migrations: MIGRATIONS[v] brings a database from version v-1 to v, as SQL
# statements or a function of the connection. A new schema adds an entry
# here and bumps SCHEMA_VERSION; old files are upgraded in one transaction
# when opened for writing. (A new database is created at the current version
# directly.) A field added to a record needs no migration: see above.
MIGRATIONS: dict[int, Union[tuple[str, ...], Callable[[sqlite3.Connection], None]]] = {
    2: _migrate_v1,  # version 1 held every text whole (raw, blocks, tokens, sentences, JSON copies)
    3: schema.FTS_SETTINGS,  # version 2's index merged its segments at FTS5's default pace
    4: _migrate_v3,  # version 3's index read the tokens with unicode61, not folded beforehand
}

WriteStatus = Literal["inserted", "replaced", "skipped"]


@dataclass(frozen=True)
class StoredDocument:
    """A document row: the :class:`~sq_nlp.records.Document` fields without the
    text, plus its database ``id``, row counts and when it was ingested."""

    id: int
    path: str
    abspath: str
    sha256: str
    encoding: str | None
    format: str | None
    title: str | None
    region: str | None
    year: int | None
    period: int | None
    source: str | None
    chars: int
    n_blocks: int
    n_figures: int
    n_slogans: int
    ingested_at: str
    script: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class StoredBlock:
    """A block row. ``seq`` is its position in the document; ``tokens`` are
    the Segmenter's tokens of ``text`` (whitespace dropped). ``extra`` holds
    the Block fields beyond these (added to the record later)."""

    id: int
    doc_id: int
    seq: int
    kind: str
    text: str
    section: str | None
    start: int
    end: int
    line: int
    tokens: tuple[str, ...]
    offsets: tuple[int, ...] = dataclasses.field(default=(), repr=False, compare=False)
    extra: tuple[tuple[str, Any], ...] = dataclasses.field(default=(), repr=False, compare=False)

    def to_block(self) -> Block:
        """The :class:`~sq_nlp.records.Block` as extracted, offsets included."""
        return schema.RECORDS["blocks"](kind=self.kind, text=self.text, section=self.section, start=self.start,
                                        end=self.end, line=self.line, offsets=self.offsets, **dict(self.extra))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (without the offsets)."""
        d = dataclasses.asdict(self)
        del d["offsets"], d["extra"]
        d["tokens"] = list(self.tokens)
        for name, value in self.extra:  # fields added to Block later (page, box of a scanned page)
            d[name] = list(value) if isinstance(value, tuple) else value
        return d


@dataclass(frozen=True)
class StoredFigure:
    """A figure row: its ids and the :class:`~sq_nlp.records.Figure`."""

    id: int
    doc_id: int
    seq: int
    figure: Figure


@dataclass(frozen=True)
class StoredSlogan:
    """A slogan row: its ids and the :class:`~sq_nlp.records.Slogan`."""

    id: int
    doc_id: int
    seq: int
    slogan: Slogan


@dataclass(frozen=True)
class WriteResult:
    """What :meth:`Store.write` did with one document (``doc_id`` is None when
    skipped; ``same_as`` names the stored path with the same content)."""

    status: WriteStatus
    doc_id: int | None
    same_as: str | None = None


# -- rows -------------------------------------------------------------------------------

_BLOCK_HEAD = ("seq", "text", "section_no", "offsets", "tokens")
_FIGURE_HEAD = ("seq", "section_no", "sentence_block", "sentence_start", "sentence_end", "sentence")
_SLOGAN_HEAD = ("seq", "spans")
_BLOCK_OWN = {"id", "doc_id", "seq", "kind", "text", "section", "start", "end", "line", "tokens", "offsets"}


@dataclass(frozen=True)
class PreparedDocument:
    """One document's rows, ready for the database: what a worker hands the
    single writer (plain lists and strings, cheap to pickle). ``blocks``,
    ``figures`` and ``slogans`` hold each table's values by column, one list
    per name of ``*_columns`` (rows are what ``executemany`` reads; columns
    are how they are made and searched for NULLs, see :func:`_insert_rows`);
    ``fts`` is each block's tokens, space-joined, as the full-text index reads
    them (:func:`sq_nlp.store.fts.index_texts`)."""

    path: str
    sha256: str
    document: dict[str, Any]
    sections: tuple[str, ...]
    block_columns: tuple[str, ...]
    blocks: tuple[list[Any], ...]
    fts: tuple[str, ...]
    figure_columns: tuple[str, ...]
    figures: tuple[list[Any], ...]
    slogan_columns: tuple[str, ...]
    slogans: tuple[list[Any], ...]
    slogan_items: tuple[tuple[int, int, str], ...]


_NO_SPAN = (None, None, None)


def _sentence_span(fig: Figure, blocks: Sequence[Block], starts: Sequence[int]) -> tuple[int, int, int] | None:
    """``(block seq, start, end)`` of the figure's sentence in the block that
    holds the figure, or None when the sentence is no span of it."""
    i = bisect.bisect_right(starts, fig.start) - 1
    if not fig.sentence or i < 0:
        return None
    k = blocks[i].text.find(fig.sentence)
    return (i, k, k + len(fig.sentence)) if k >= 0 else None


def _flat_spans(spans: Iterable[Sequence[int]]) -> list[int]:
    return [x for span in spans for x in span]


def prepare_document(extraction: Extraction, block_tokens: Sequence[Sequence[str]]) -> PreparedDocument:
    """Turn an extraction and its blocks' tokens into rows (pure; runs in workers).

    Record fields fill the columns of their name (see :mod:`sq_nlp.store.schema`);
    texts are stored once and pointed at (see the module docstring).
    """
    doc = extraction.document
    blocks = extraction.blocks
    if len(block_tokens) != len(blocks):
        raise ValueError(f"{len(block_tokens)} token lists for {len(blocks)} blocks")
    sections: dict[str, int] = {}
    number = sections.setdefault  # each heading text's number, in order of first use

    def section_nos(records: Iterable[Block | Figure]) -> list[int | None]:
        return [None if r.section is None else number(r.section, len(sections)) for r in records]

    runs = [offset_runs(b.offsets) for b in blocks]
    texts = [b.text for b in blocks]
    indexed = index_blocks(texts, block_tokens)
    block_values = (list(range(len(blocks))), texts, section_nos(blocks),
                    [encode_offsets(b.offsets, r) for b, r in zip(blocks, runs)], [tokens for _, tokens in indexed],
                    *schema.encode_columns("blocks", blocks))
    fts = index_texts([words for words, _ in indexed])
    rest, rest_at = text_residue(doc.text, list(zip(texts, runs)))
    document = dict(zip((f.name for f in schema.field_columns("documents")), schema.encode_fields("documents", doc)))
    document.update(path=doc.path, sha256=doc.sha256, chars=len(doc.text), n_blocks=len(blocks),
                    n_figures=len(extraction.figures), n_slogans=len(extraction.slogans),
                    text_rest=rest, text_rest_at=rest_at)
    starts = [b.start for b in blocks]
    figs = extraction.figures
    spans = [_sentence_span(fig, blocks, starts) or _NO_SPAN for fig in figs]
    figure_values = (list(range(len(figs))), section_nos(figs),
                     *(map(list, zip(*spans)) if figs else ([], [], [])),
                     [fig.sentence if span is _NO_SPAN else None for fig, span in zip(figs, spans)],
                     *schema.encode_columns("figures", figs))
    slogans = extraction.slogans
    slogan_values = (list(range(len(slogans))), [encode_ints(_flat_spans(s.spans)) for s in slogans],
                     *schema.encode_columns("slogans", slogans))
    items = tuple((seq, pos, str(item)) for seq, slogan in enumerate(slogans)
                  for pos, item in enumerate(slogan.expansion))
    names = {t: tuple(f.name for f in schema.field_columns(t)) for t in ("blocks", "figures", "slogans")}
    return PreparedDocument(
        doc.path, doc.sha256, document, tuple(sections),
        _BLOCK_HEAD + names["blocks"], block_values, tuple(fts),
        _FIGURE_HEAD + names["figures"], figure_values,
        _SLOGAN_HEAD + names["slogans"], slogan_values, items,
    )


# Binds as NULL: SQLite stores a NaN as NULL (see _insert_rows).
_NULL = float("nan")


def _insert_rows(conn: sqlite3.Connection, table: str, lead: Mapping[str, Iterable[Any]],
                 columns: Sequence[str], values: Sequence[Sequence[Any]]) -> None:
    """Insert rows into ``table``: ``values`` holds each of ``columns`` as a
    list of the rows' values, and each row comes after the next value of
    every ``lead`` column. A column NULL in every row is left out, as it is
    NULL unless given (no column of these tables has
    another default): Python's sqlite3 binds None only after looking for an
    adapter, which raises and clears an AttributeError (Python 3.11), several
    times the cost of binding a number; most figures leave a third of their
    columns NULL (page, box, confidence: text reports). In a column NULL in
    some rows only (a figure's qualifier, basis, since: 240,000 values in the
    20 MB bench corpus) None is bound as a float NaN instead, which sqlite3
    binds directly and SQLite stores as NULL (it keeps no NaN): the same NULL.
    bytes take the adapter's detour too, so a column of them (offsets, token
    bitmaps, spans) is bound as bytearrays, which sqlite3 binds directly: the
    same BLOBs. Only the columns that may hold NULL
    (:func:`~sq_nlp.store.schema.nullable_columns`) are searched for Nones:
    half of a figure's columns may not, and a search compares every value (a
    None in one would still be bound, as NULL, only by the slower way)."""
    if not values or not values[0]:
        return
    values = list(values)  # a copy: the columns converted below are replaced in it
    nullable = [name in schema.nullable_columns(table) for name in columns]
    # any() stops at the first value that is not None: most columns have one at once
    keep = [i for i, column in enumerate(values) if not nullable[i] or any(map(is_not, column, repeat(None)))]
    for i in keep:
        column = values[i]
        if type(column[0]) is bytes:
            values[i] = [bytearray(v) if type(v) is bytes else v for v in column]
        elif nullable[i] and None in column:
            values[i] = [_NULL if v is None else v for v in column]
    names = [*lead, *(columns[i] for i in keep)]
    conn.executemany(f"INSERT INTO {table} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})",
                     zip(*lead.values(), *(values[i] for i in keep)))


def _plain(value: Any) -> Any:
    """A field's value as exported: records inside it (a scan's OCR lines) as
    their dicts, which CSV, JSON and Parquet can hold."""
    if isinstance(value, tuple) and value and hasattr(value[0], "to_dict"):
        return [v.to_dict() for v in value]
    return value


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _dict_rows(cur: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    names = [c[0] for c in cur.description]
    for row in cur:
        yield dict(zip(names, row))


def figure_from_row(row: Mapping[str, Any], *, where: str = "the store") -> Figure:
    """The Figure of a ``figure_view`` row (column name -> value)."""
    values = schema.decode_fields("figures", dict(row))
    values["section"] = row.get("section")
    values["sentence"] = row.get("sentence")
    return schema.build_record(schema.RECORDS["figures"], values, where=where)


def slogan_from_row(row: Mapping[str, Any], items: Sequence[str], *, where: str = "the store") -> Slogan:
    """The Slogan of a ``slogans`` row and its items."""
    values = schema.decode_fields("slogans", dict(row))
    flat = decode_ints(row["spans"]) if row.get("spans") is not None else []
    values["spans"] = tuple(tuple(flat[i:i + 2]) for i in range(0, len(flat), 2))
    values["expansion"] = tuple(items)
    return schema.build_record(schema.RECORDS["slogans"], values, where=where)


# Column order of each exported table: the order version 1 wrote (so exports
# stay as they were), then every field added since, in record order.
_EXPORT_ORDER = {
    "documents": ("id", "path", "sha256", "meta_sha256", "encoding", "format", "title", "region", "year",
                  "period", "source", "headline_position", "chars", "n_blocks", "n_figures", "n_slogans",
                  "text", "ingested_at", "sq_nlp_version"),
    "blocks": ("id", "doc_id", "seq", "kind", "text", "section", "start", "end", "line", "tokens"),
    "figures": ("id", "doc_id", "seq", "indicator", "value", "value_max", "unit", "value_base", "base_unit",
                "qualifier", "change", "target", "period", "section", "sentence", "start", "end", "line",
                "value_text"),
    "slogans": ("id", "doc_id", "seq", "term", "kind", "count", "expansion_source", "count_matches",
                "occurrences"),
    "slogan_items": ("slogan_id", "pos", "item"),
}
# Flags exported as 0/1, as version 1 did; flags added since export as true/false.
_EXPORT_INT_FLAGS = frozenset({"change", "target", "count_matches"})
EXPORT_TABLES = tuple(_EXPORT_ORDER)


class Store:
    """An open sq_nlp database. Build with :func:`open_store`; use as a
    context manager or call :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self._columns: dict[str, list[str]] = {}

    # -- life cycle
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if not self.readonly:
            try:
                self._conn.execute("PRAGMA optimize")  # keeps the query planner's statistics fresh
            except sqlite3.Error:
                pass  # closed already, or busy: statistics can wait for the next writer
        self._conn.close()
        if self.readonly:
            _remove_reader_files(self.path)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for plain SQL (rows are tuples)."""
        return self._conn

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run one parameterised statement and return its rows (tuples)."""
        return self._execute(sql, params).fetchall()

    def columns(self, table: str) -> list[str]:
        """The columns a table or view has in this database."""
        if table not in self._columns:
            self._columns[table] = schema.table_columns(self._conn, table)
        return self._columns[table]

    # -- reads
    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {
            t: self._execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # table names are ours
            for t in ("documents", "blocks", "figures", "slogans", "slogan_items")
        }

    def documents(self) -> list[StoredDocument]:
        """Every document, ordered by year, region and path."""
        have = set(self.columns("documents"))
        names = [f.name for f in dataclasses.fields(StoredDocument) if f.name in have]
        rows = self._execute(f"SELECT {', '.join(map(_q, names))} FROM documents "
                             "ORDER BY year, region, path").fetchall()
        return [StoredDocument(**dict(zip(names, row))) for row in rows]

    def document_text(self, doc_id: int) -> str:
        """The raw decoded text of a document (what every offset points into)."""
        row = self._execute("SELECT chars, text_rest, text_rest_at FROM documents WHERE id = ?",
                            (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document with id {doc_id}")
        blocks = self._execute("SELECT text, offsets FROM blocks WHERE doc_id = ? ORDER BY seq", (doc_id,))
        return compose_text(row[0], [(text, decode_runs(offsets)) for text, offsets in blocks], row[1], row[2])

    def blocks(self, doc_id: int | None = None, *, kinds: Iterable[str] | None = None) -> Iterator[StoredBlock]:
        """Blocks in document order, optionally of one document and some kinds."""
        sql = "SELECT * FROM block_view"
        where, params = [], []  # type: list[str], list[Any]
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if kinds is not None:
            kinds = list(kinds)
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            params.extend(kinds)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY doc_id, seq"
        fields = {f.name: f for f in schema.field_columns("blocks")}
        extra_names = [n for n in fields if n not in _BLOCK_OWN]
        for row in _dict_rows(self._execute(sql, params)):
            extra = tuple((n, schema.from_column(fields[n], row[n])) for n in extra_names if n in row)
            yield StoredBlock(
                row["id"], row["doc_id"], row["seq"], row["kind"], row["text"], row["section"],
                row["start"], row["end"], row["line"], decode_tokens(row["text"], row["tokens"]),
                decode_offsets(row["offsets"]), extra)

    def figures(self, doc_id: int | None = None) -> Iterator[StoredFigure]:
        """Figures in document order."""
        sql = "SELECT * FROM figure_view"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params = (doc_id,)
        for row in _dict_rows(self._execute(sql + " ORDER BY doc_id, seq", params)):
            yield StoredFigure(row["id"], row["doc_id"], row["seq"], figure_from_row(row, where=str(self.path)))

    def slogan_items(self, slogan_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
        """``slogan id -> items`` in order, of the given slogans (default: all)."""
        out: dict[int, list[str]] = {}
        if slogan_ids is None:
            chunks: Iterable[list[int] | None] = [None]
        else:
            chunks = schema.iter_chunks(sorted(set(slogan_ids)), 500)
        for chunk in chunks:
            sql = "SELECT slogan_id, item FROM slogan_items"
            if chunk is not None:
                sql += f" WHERE slogan_id IN ({', '.join('?' * len(chunk))})"
            for sid, item in self._execute(sql + " ORDER BY slogan_id, pos", chunk or ()):
                out.setdefault(sid, []).append(item)
        return out

    def slogans(self, doc_id: int | None = None) -> Iterator[StoredSlogan]:
        """Slogans in document order."""
        sql = "SELECT * FROM slogans"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params = (doc_id,)
        rows = list(_dict_rows(self._execute(sql + " ORDER BY doc_id, seq", params)))
        if doc_id is None:
            items = self.slogan_items()
        else:
            items = {}
            for sid, item in self._execute(
                    "SELECT i.slogan_id, i.item FROM slogan_items i JOIN slogans s ON s.id = i.slogan_id "
                    "WHERE s.doc_id = ? ORDER BY i.slogan_id, i.pos", (doc_id,)):
                items.setdefault(sid, []).append(item)
        for row in rows:
            yield StoredSlogan(row["id"], row["doc_id"], row["seq"],
                               slogan_from_row(row, items.get(row["id"], ()), where=str(self.path)))

    def _document_record(self, doc_id: int, text: str | None = None) -> Document:
        row = next(_dict_rows(self._execute("SELECT * FROM documents WHERE id = ?", (doc_id,))), None)
        if row is None:
            raise StoreError(f"{self.path}: no document with id {doc_id}")
        values = schema.decode_fields("documents", row)
        values.update(path=row["path"], sha256=row["sha256"],
                      text=self.document_text(doc_id) if text is None else text)
        return schema.build_record(schema.RECORDS["documents"], values, where=str(self.path))

    def extraction(self, doc_id: int) -> Extraction:
        """The stored :class:`~sq_nlp.records.Extraction` of one document."""
        blocks = tuple(b.to_block() for b in self.blocks(doc_id))
        row = self._execute("SELECT chars, text_rest, text_rest_at FROM documents WHERE id = ?",
                            (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document with id {doc_id}")
        text = compose_text(row[0], [(b.text, offset_runs(b.offsets)) for b in blocks], row[1], row[2])
        return Extraction(
            document=self._document_record(doc_id, text),
            blocks=blocks,
            figures=tuple(f.figure for f in self.figures(doc_id)),
            slogans=tuple(s.slogan for s in self.slogans(doc_id)),
        )

    def fingerprints(self) -> dict[str, tuple[str, str]]:
        """``abspath -> (sha256, meta_sha256)`` of every stored document."""
        rows = self._execute("SELECT abspath, sha256, meta_sha256 FROM documents")
        return {a: (s, m) for a, s, m in rows}

    def stored_shas(self) -> dict[tuple[str, str], str]:
        """``(sha256, meta_sha256) -> path`` of every stored document."""
        rows = self._execute("SELECT sha256, meta_sha256, path FROM documents")
        return {(s, m): p for s, m, p in rows}

    def export(self, table: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
        """The columns and rows of one table as exported (``documents``,
        ``blocks``, ``figures``, ``slogans``, ``slogan_items``): every text
        resolved (a document's ``text``, a block's ``section`` and space-joined
        ``tokens``, a figure's ``sentence``, a slogan's ``expansion`` and
        ``spans``), in the column order of earlier versions, fields added
        since at the end."""
        if table not in _EXPORT_ORDER:
            raise StoreError(f"no table {table!r} to export; use one of {EXPORT_TABLES}")
        base = list(_EXPORT_ORDER[table])
        if table == "slogan_items":
            cur = self._execute("SELECT slogan_id, pos, item FROM slogan_items ORDER BY slogan_id, pos")
            return base, ({"slogan_id": s, "pos": p, "item": i} for s, p, i in cur)
        record = schema.RECORDS[table]
        extra = [f.name for f in schema.record_fields(record) if f.name not in base and f.name not in
                 {"offsets"} and not (table == "documents" and f.name == "text")]
        if table == "slogans":
            extra = [n for n in ("expansion", "spans") if n not in base] + [n for n in extra if n not in
                                                                            ("expansion", "spans")]
        columns = base + extra
        return columns, self._export_rows(table, columns)

    def _export_rows(self, table: str, columns: list[str]) -> Iterator[dict[str, Any]]:
        flags = {f.name for f in schema.record_fields(schema.RECORDS[table]) if f.kind == "bool"}
        if table == "documents":
            for row in list(_dict_rows(self._execute("SELECT * FROM documents ORDER BY id"))):
                doc = self._document_record(row["id"])
                values = {**row, **{f.name: _plain(getattr(doc, f.name)) for f in schema.record_fields(type(doc))}}
                yield {c: values.get(c) for c in columns}
        elif table == "blocks":
            for b in self.blocks():
                values = {**b.to_dict(), **dict(b.extra), "tokens": " ".join(b.tokens)}
                yield {c: values.get(c) for c in columns}
        elif table == "figures":
            for f in self.figures():
                values = {"id": f.id, "doc_id": f.doc_id, "seq": f.seq, **f.figure.to_dict()}
                yield {c: int(values[c]) if c in _EXPORT_INT_FLAGS and c in flags and values.get(c) is not None
                       else values.get(c) for c in columns}
        else:
            for s in self.slogans():
                values = {"id": s.id, "doc_id": s.doc_id, "seq": s.seq, **s.slogan.to_dict()}
                yield {c: int(values[c]) if c in _EXPORT_INT_FLAGS and c in flags and values.get(c) is not None
                       else values.get(c) for c in columns}

    # -- writes
    def write(
        self,
        extraction: Extraction,
        block_tokens: Sequence[Sequence[str]],
        *,
        meta_sha256: str = "",
        force: bool = False,
    ) -> WriteResult:
        """Write one document with its blocks, figures and slogans in one transaction.

        A document whose content (``sha256`` and ``meta_sha256``, the hash of
        its metadata sidecar) is already stored is skipped, unless ``force``;
        a document stored under the same path with other content is replaced.
        The check runs inside the write transaction, so two ingests of the
        same files at once never duplicate rows. ``block_tokens`` are the
        Segmenter's tokens of each block, for the full-text index.
        """
        return self.write_prepared(prepare_document(extraction, block_tokens),
                                   meta_sha256=meta_sha256, force=force)

    def write_prepared(self, prepared: PreparedDocument, *, meta_sha256: str = "",
                       force: bool = False) -> WriteResult:
        """:meth:`write` for rows made by :func:`prepare_document` (in a worker)."""
        return self.write_many([(prepared, meta_sha256)], force=force)[0]

    def write_many(self, items: Sequence[tuple[PreparedDocument, str]], *,
                   force: bool = False) -> list[WriteResult]:
        """Write several prepared documents (each with its ``meta_sha256``) in
        one transaction: what a batch ingest does, since one commit per
        document costs more than the rows. Each document is still whole or
        absent. Results come in the order of ``items``."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        if not items:
            return []
        conn = self._conn
        current = ""
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                results = []
                for prepared, meta_sha256 in items:
                    current = prepared.path
                    abspath = str(Path(prepared.path).resolve())
                    results.append(WriteResult(*self._write_locked(prepared, abspath, meta_sha256, force)))
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot write {current}: {exc}") from None
        return results

    def _write_locked(
        self, prepared: PreparedDocument, abspath: str, meta_sha256: str, force: bool
    ) -> tuple[WriteStatus, int | None, str | None]:
        conn = self._conn
        if not force:
            same = conn.execute(
                "SELECT path FROM documents WHERE sha256 = ? AND meta_sha256 = ? "
                "ORDER BY abspath = ? DESC LIMIT 1",
                (prepared.sha256, meta_sha256, abspath),
            ).fetchone()
            if same is not None:
                return "skipped", None, same[0]
        old = conn.execute("SELECT id FROM documents WHERE abspath = ?", (abspath,)).fetchone()
        if old is not None:
            self._delete_document(old[0])
        from datetime import datetime, timezone

        from sq_nlp import __version__

        doc_id = self._insert(prepared, abspath=abspath, meta_sha256=meta_sha256,
                              ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                              sq_nlp_version=__version__)
        return ("replaced" if old is not None else "inserted"), doc_id, None

    def _insert(self, prepared: PreparedDocument, *, abspath: str, meta_sha256: str, ingested_at: str,
                sq_nlp_version: str | None, doc_id: int | None = None,
                ids: Mapping[str, Sequence[int]] | None = None) -> int:
        """Insert one prepared document (inside the caller's transaction);
        ``doc_id`` and ``ids`` (block, figure, slogan ids) keep given ids."""
        conn = self._conn
        doc = dict(prepared.document, abspath=abspath, meta_sha256=meta_sha256, ingested_at=ingested_at,
                   sq_nlp_version=sq_nlp_version)
        if doc_id is not None:
            doc["id"] = doc_id
        names = list(doc)
        cur = conn.execute(
            f"INSERT INTO documents ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})",
            [doc[n] for n in names],
        )
        doc_id = cur.lastrowid
        conn.executemany("INSERT INTO sections (doc_id, n, text) VALUES (?, ?, ?)",
                         [(doc_id, n, text) for n, text in enumerate(prepared.sections)])
        ids = ids or {}

        def new_ids(table: str, n: int) -> Sequence[int]:
            if table in ids:
                return ids[table]
            first = conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]  # ours
            return range(first, first + n)

        block_ids = new_ids("blocks", len(prepared.blocks[0]))
        _insert_rows(conn, "blocks", {"id": block_ids, "doc_id": repeat(doc_id)},
                     prepared.block_columns, prepared.blocks)
        conn.executemany("INSERT INTO blocks_fts (rowid, tokens) VALUES (?, ?)", zip(block_ids, prepared.fts))
        lead: dict[str, Iterable[Any]] = {"doc_id": repeat(doc_id)}
        if "figures" in ids:
            lead = {"id": ids["figures"], **lead}
        _insert_rows(conn, "figures", lead, prepared.figure_columns, prepared.figures)
        slogan_ids = new_ids("slogans", len(prepared.slogans[0]))
        _insert_rows(conn, "slogans", {"id": slogan_ids, "doc_id": repeat(doc_id)},
                     prepared.slogan_columns, prepared.slogans)
        conn.executemany("INSERT INTO slogan_items (slogan_id, pos, item) VALUES (?, ?, ?)",
                         [(slogan_ids[seq], pos, item) for seq, pos, item in prepared.slogan_items])
        return doc_id

    def _delete_document(self, doc_id: int) -> None:
        conn = self._conn
        # The index is contentless: deleting a row needs the tokens it indexed.
        rows = conn.execute("SELECT id, text, tokens FROM blocks WHERE doc_id = ?", (doc_id,)).fetchall()
        words = index_texts([" ".join(decode_tokens(text, tokens)) for _, text, tokens in rows])
        conn.executemany("INSERT INTO blocks_fts (blocks_fts, rowid, tokens) VALUES ('delete', ?, ?)",
                         zip([bid for bid, _, _ in rows], words))
        conn.execute("DELETE FROM slogan_items WHERE slogan_id IN (SELECT id FROM slogans WHERE doc_id = ?)",
                     (doc_id,))
        for table in ("slogans", "figures", "blocks", "sections"):
            conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))  # table names are ours
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def tidy(self, *, merge_index: bool = False) -> None:
        """After a batch of writes: give the pages that deletes and index
        merges freed back to the file system, and with ``merge_index`` merge
        the full-text index into one segment (smaller, and faster to search;
        worth it after a bulk load, as it rewrites the whole index)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        try:
            if merge_index:
                with self._conn:
                    self._conn.execute("BEGIN IMMEDIATE")
                    self._conn.execute("INSERT INTO blocks_fts (blocks_fts) VALUES ('optimize')")
            # run to the end: execute() would step it once, freeing one page
            self._conn.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot tidy up: {exc}") from None

    def delete(self, doc_id: int) -> None:
        """Remove one document and all its rows, in one transaction."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._delete_document(doc_id)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot delete document {doc_id}: {exc}") from None


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def _migrate(conn: sqlite3.Connection, path: Path, current: int) -> None:
    """Create the schema, or bring an older one to the current version, and
    give every record field its column; one transaction. A database whose
    layout changed is vacuumed afterwards, so the space it gave up returns."""
    # Tables are rebuilt under new names during a migration: foreign keys are
    # checked again by the rows copied, not by the renames.
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        rebuilt = False
        if current == 0 and not _user_tables(conn):
            for statement in schema.create_statements():
                conn.execute(statement)
        else:
            for version in range(current + 1, SCHEMA_VERSION + 1):
                log.info("%s: migrating schema to version %d", path, version)
                step = MIGRATIONS[version]
                if callable(step):
                    step(conn)
                    rebuilt = True
                else:
                    for statement in step:
                        conn.execute(statement)
        if schema.needs_sync(conn):
            schema.sync(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")  # pragmas take no parameters
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
    except BaseException:
        conn.rollback()
        conn.execute("PRAGMA foreign_keys = ON")
        raise
    conn.commit()
    conn.execute("PRAGMA foreign_keys = ON")
    if rebuilt:
        log.info("%s: reclaiming the space of the old layout (VACUUM)", path)
        try:  # the page size changes only outside WAL mode, with no other connection open
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE:d}")
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect with the VACUUM
        except sqlite3.OperationalError:
            pass  # another process has the file open: keep the page size
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode = WAL")


def _remove_reader_files(path: Path) -> None:
    """Let SQLite remove the ``-wal`` and ``-shm`` files a read-only connection
    leaves behind: the last connection to close deletes them, but only one
    that may write can. An empty write-ahead log is all a reader can find
    after the writers have closed; a connection that reads the header and
    closes then removes both, and removes nothing while another connection
    (a running ingest, a second reader) still has the database open."""
    try:
        if Path(f"{path}-wal").stat().st_size or not (os.access(path, os.W_OK)
                                                     and os.access(Path(path).resolve().parent, os.W_OK)):
            return
        conn = sqlite3.connect(str(path), timeout=0)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header: the connection joins the WAL
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        pass  # no log left, or busy: the files stay, as SQLite leaves them, and do no harm


def _uri_path(path: Path) -> str:
    """A path as SQLite's URI syntax wants it (only these characters are special)."""
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def open_store(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> Store:
    """Open (for writing: create or migrate) the database at ``path``.

    ``readonly=True`` never creates or changes any data: a missing file is a
    StoreError that says to run ``sq-nlp run`` first (closing the last
    connection lets SQLite remove its empty ``-wal`` and ``-shm`` files). A directory, a file that
    is not an sq_nlp database (corrupt or foreign), a database from a newer
    sq_nlp, or a location that cannot be written are StoreErrors too, and
    nothing is overwritten.
    """
    p = Path(path)
    if p.is_dir():
        raise StoreError(f"{p} is a directory; give a database file, e.g. {p / 'sq_nlp.db'}")
    if readonly:
        if not p.exists():
            raise StoreError(f"no database at {p}; run `sq-nlp run` first or pass --db PATH")
        uri = f"file:{_uri_path(p.resolve())}?mode=ro"
        # On read-only media (or a folder we may not write) SQLite cannot make
        # the shared-memory file a WAL database needs even to read it: open it
        # as immutable, since nothing can change it there either.
        if not (os.access(p, os.W_OK) and os.access(p.resolve().parent, os.W_OK)):
            uri += "&immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {p}: {exc}") from None
    else:
        if p.parent.exists() and not p.parent.is_dir():
            raise StoreError(f"cannot create {p}: {p.parent} is not a directory")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {p.parent}: {exc.strerror or exc}") from None
        try:
            conn = sqlite3.connect(str(p), timeout=30.0, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {p}: {exc} (is the location writable?)") from None
    try:
        _prepare(conn, p, readonly=readonly)
    except BaseException:
        conn.close()
        raise
    return Store(conn, p, readonly=readonly)


DB = Union[str, Path, Store]
"""What the reading functions take: a Store, or the path of one."""


@contextmanager
def opened(db: DB) -> Iterator[Store]:
    """``db`` as an open Store: a path is opened read-only (and closed after)."""
    if isinstance(db, Store):
        yield db
    else:
        with open_store(db, readonly=True) as st:
            yield st


def _prepare(conn: sqlite3.Connection, p: Path, *, readonly: bool) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = _user_tables(conn)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):  # could not open or lock it: not its content
            raise StoreError(f"cannot read {p}: {exc} (check the file's and its folder's permissions)") from None
        raise StoreError(f"{p} is not a readable sq_nlp database ({exc}); "
                         "pass another --db or move the file away") from None
    if version > SCHEMA_VERSION:
        raise StoreError(f"{p} has schema version {version}, newer than this sq_nlp supports "
                         f"({SCHEMA_VERSION}); upgrade sq_nlp or use another --db")
    if app_id != APPLICATION_ID and (tables or version):
        raise StoreError(f"{p} is an SQLite database of another program, not sq_nlp; "
                         "pass another --db")
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if readonly:
            if version == 0 and not tables:
                raise StoreError(f"{p} is an empty database; run `sq-nlp run --db {p}` to fill it")
            if version < SCHEMA_VERSION:
                raise StoreError(f"{p} has schema version {version}; run `sq-nlp run --db {p}` "
                                 f"to upgrade it to {SCHEMA_VERSION}")
            return
        if version == 0 and not tables:
            # Larger pages waste less room around blocks of a few kilobytes;
            # pages freed by deletes and index merges can be given back
            # (Store.tidy). Both hold only if set before the first table.
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE:d}")
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            log.warning("%s: journal mode is %s, not WAL; queries may wait for ingests", p, mode)
        # NORMAL is safe in WAL against a killed process; only power loss can
        # drop the last transactions.
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION or schema.needs_sync(conn):
            _migrate(conn, p, version)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot write {p}: {exc} (is the location writable?)") from None
