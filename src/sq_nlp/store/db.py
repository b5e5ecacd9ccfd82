"""The store: one SQLite file holding documents, blocks, figures and slogans.

The database runs in WAL mode, so queries read while an ingest writes. Each
document is written in one transaction (:meth:`Store.write`), so a process
killed mid-ingest leaves every document either complete or absent. Block text
is indexed with FTS5 over the Segmenter's tokens, space-joined (the default
FTS tokenizers do not split Chinese).

Read API (stable; other stages build on it)::

    with open_store("outputs/sq_nlp.db", readonly=True) as st:
        for doc in st.documents():                  # StoredDocument records
            for b in st.blocks(doc.id, kinds=("paragraph",)):
                b.text, b.tokens, b.section, b.line   # StoredBlock
        st.figures(doc_id=None)                     # StoredFigure (.figure: Figure)
        st.slogans(doc_id=None)                     # StoredSlogan (.slogan: Slogan)
        st.extraction(doc.id)                       # the whole Extraction back
        st.document_text(doc.id)                    # the raw decoded text

Plain SQL stays available: ``sqlite3 outputs/sq_nlp.db`` and the tables
``documents``, ``blocks``, ``figures``, ``slogans``, ``slogan_items``.
Nothing from a report or a flag is ever pasted into SQL text.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sq_nlp.errors import StoreError
from sq_nlp.records import Block, Document, Extraction, Figure, OcrLine, Slogan

log = logging.getLogger(__name__)

DEFAULT_DB = Path("outputs") / "sq_nlp.db"

SCHEMA_VERSION = 2
# "SQNL": marks a file as an sq_nlp database, so a foreign SQLite file is refused.
APPLICATION_ID = 0x53514E4C

# Migrations: MIGRATIONS[v] brings a database from version v-1 to v. A new
# schema adds an entry here and bumps SCHEMA_VERSION; old files are upgraded
# in one transaction when opened for writing.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            abspath TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            meta_sha256 TEXT NOT NULL DEFAULT '',
            encoding TEXT, format TEXT, title TEXT, region TEXT,
            year INTEGER, period INTEGER, source TEXT, headline_position TEXT,
            chars INTEGER NOT NULL,
            n_blocks INTEGER NOT NULL, n_figures INTEGER NOT NULL, n_slogans INTEGER NOT NULL,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            sq_nlp_version TEXT
        )""",
        "CREATE INDEX documents_sha256 ON documents(sha256)",
        """CREATE TABLE blocks (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL, text TEXT NOT NULL, section TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, line INTEGER NOT NULL,
            offsets TEXT NOT NULL,
            tokens TEXT NOT NULL,
            UNIQUE (doc_id, seq)
        )""",
        # External content: the tokens live once, in blocks.tokens.
        "CREATE VIRTUAL TABLE blocks_fts USING fts5(tokens, content='blocks', content_rowid='id')",
        "CREATE VIRTUAL TABLE blocks_vocab USING fts5vocab(blocks_fts, 'row')",
        """CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            indicator TEXT, value REAL, value_max REAL, unit TEXT,
            value_base REAL, base_unit TEXT, qualifier TEXT,
            change INTEGER, target INTEGER, period INTEGER,
            section TEXT, sentence TEXT,
            start INTEGER, "end" INTEGER, line INTEGER, value_text TEXT,
            data TEXT NOT NULL,
            UNIQUE (doc_id, seq)
        )""",
        "CREATE INDEX figures_indicator ON figures(indicator)",
        """CREATE TABLE slogans (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            term TEXT, kind TEXT, count INTEGER, expansion_source TEXT,
            count_matches INTEGER, occurrences INTEGER,
            data TEXT NOT NULL,
            UNIQUE (doc_id, seq)
        )""",
        "CREATE INDEX slogans_term ON slogans(term)",
        """CREATE TABLE slogan_items (
            slogan_id INTEGER NOT NULL REFERENCES slogans(id) ON DELETE CASCADE,
            pos INTEGER NOT NULL,
            item TEXT NOT NULL,
            PRIMARY KEY (slogan_id, pos)
        )""",
    ),
    # Scanned pages: where each block stands on paper, and every OCR line.
    2: (
        "ALTER TABLE blocks ADD COLUMN page INTEGER",
        "ALTER TABLE blocks ADD COLUMN box TEXT",
        """CREATE TABLE ocr_lines (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            page INTEGER NOT NULL,
            x0 INTEGER NOT NULL, y0 INTEGER NOT NULL, x1 INTEGER NOT NULL, y1 INTEGER NOT NULL,
            confidence REAL NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            role TEXT, region TEXT, block INTEGER,
            PRIMARY KEY (doc_id, seq)
        )""",
    ),
}

# Columns of the figures/slogans tables filled from a record's to_dict();
# every key (known or added later) is also kept whole in the ``data`` JSON.
FIGURE_COLUMNS = (
    "indicator", "value", "value_max", "unit", "value_base", "base_unit", "qualifier",
    "change", "target", "period", "section", "sentence", "start", "end", "line", "value_text",
)
SLOGAN_COLUMNS = ("term", "kind", "count", "expansion_source", "count_matches", "occurrences")

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

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class StoredBlock:
    """A block row. ``seq`` is its position in the document; ``tokens`` are
    the Segmenter's tokens of ``text`` (whitespace dropped)."""

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
    page: int | None = None
    box: tuple[int, int, int, int] | None = None

    def to_block(self) -> Block:
        """The :class:`~sq_nlp.records.Block` as extracted, offsets included."""
        return Block(self.kind, self.text, self.section, self.start, self.end, self.line,  # type: ignore[arg-type]
                     self.offsets, self.page, self.box)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (without the offsets)."""
        d = dataclasses.asdict(self)
        del d["offsets"]
        d["tokens"] = list(self.tokens)
        d["box"] = list(self.box) if self.box is not None else None
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


def encode_offsets(offsets: Sequence[int]) -> str:
    """Offsets as JSON runs ``[[text_index, raw_index, length], ...]``: repaired
    text maps to raw text in long contiguous stretches, so this is compact."""
    n = len(offsets)
    runs: list[list[int]] = []
    i = 0
    while i < n:
        # Binary search for the end of the run starting at i; exact only when
        # offsets increase strictly, which the check below confirms.
        r, lo, hi = offsets[i], i, n - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offsets[mid] - r == mid - i:
                lo = mid
            else:
                hi = mid - 1
        runs.append([i, r, lo - i + 1])
        i = lo + 1
    if _expand(runs) != list(offsets):
        runs = _runs_linear(offsets)
    return json.dumps(runs, separators=(",", ":"))


def _runs_linear(offsets: Sequence[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, raw in enumerate(offsets):
        if runs and runs[-1][1] + runs[-1][2] == raw and runs[-1][0] + runs[-1][2] == i:
            runs[-1][2] += 1
        else:
            runs.append([i, raw, 1])
    return runs


def _expand(runs: list[list[int]]) -> list[int]:
    out: list[int] = []
    for _, raw, length in runs:
        out.extend(range(raw, raw + length))
    return out


def decode_offsets(data: str) -> tuple[int, ...]:
    """Inverse of :func:`encode_offsets`."""
    return tuple(_expand(json.loads(data)))


def _record_from_data(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a record from its stored dict, tolerating fields added or dropped
    since it was written; a required field that is missing is a StoreError."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in fields}
    missing = [
        name for name, f in fields.items()
        if name not in kwargs and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise StoreError(f"a stored {cls.__name__} lacks {missing}; re-ingest with `sq-nlp run --force`")
    return cls(**kwargs)


def _figure_from_data(data: dict[str, Any]) -> Figure:
    return _record_from_data(Figure, data)


def _slogan_from_data(data: dict[str, Any]) -> Slogan:
    d = dict(data)
    if "expansion" in d:
        d["expansion"] = tuple(d["expansion"])
    if "spans" in d:
        d["spans"] = tuple(tuple(s) for s in d["spans"])
    if "pages" in d:
        d["pages"] = tuple(d["pages"])
    if "boxes" in d:
        d["boxes"] = tuple(tuple(b) if b is not None else None for b in d["boxes"])
    return _record_from_data(Slogan, d)


def _column_value(value: Any) -> Any:
    """A value SQLite can hold: lists and dicts become JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


@dataclass(frozen=True)
class PreparedDocument:
    """One document's rows, ready for the database: what a worker hands the
    single writer (plain tuples and strings, cheap to pickle)."""

    path: str
    sha256: str
    document: dict[str, Any]
    blocks: tuple[tuple[Any, ...], ...]
    figures: tuple[tuple[Any, ...], ...]
    slogans: tuple[tuple[Any, ...], ...]
    slogan_items: tuple[tuple[int, int, str], ...]
    ocr_lines: tuple[tuple[Any, ...], ...] = ()


def prepare_document(extraction: Extraction, block_tokens: Sequence[Sequence[str]]) -> PreparedDocument:
    """Turn an extraction and its blocks' tokens into rows (pure; runs in workers).

    Figures and slogans are mapped through their ``to_dict()``: known keys
    fill columns and the whole dict is kept as JSON in ``data``.
    """
    doc = extraction.document
    if len(block_tokens) != len(extraction.blocks):
        raise ValueError(f"{len(block_tokens)} token lists for {len(extraction.blocks)} blocks")
    document = {
        "path": doc.path, "sha256": doc.sha256, "encoding": doc.encoding, "format": doc.format,
        "title": doc.title, "region": doc.region, "year": doc.year, "period": doc.period,
        "source": doc.source, "headline_position": doc.headline_position, "chars": len(doc.text),
        "n_blocks": len(extraction.blocks), "n_figures": len(extraction.figures),
        "n_slogans": len(extraction.slogans), "text": doc.text,
    }
    blocks = tuple(
        (seq, b.kind, b.text, b.section, b.start, b.end, b.line, encode_offsets(b.offsets),
         " ".join(" ".join(tokens).split()), b.page, json.dumps(list(b.box)) if b.box is not None else None)
        for seq, (b, tokens) in enumerate(zip(extraction.blocks, block_tokens))
    )
    ocr_lines = tuple(
        (seq, ln.page, *ln.box, ln.confidence, ln.start, ln.end, ln.role, ln.region, ln.block)
        for seq, ln in enumerate(doc.ocr_lines)
    )
    figures = []
    for seq, fig in enumerate(extraction.figures):
        d = fig.to_dict()
        figures.append((seq, *(_column_value(d.get(c)) for c in FIGURE_COLUMNS),
                        json.dumps(d, ensure_ascii=False)))
    slogans, items = [], []
    for seq, slogan in enumerate(extraction.slogans):
        d = slogan.to_dict()
        slogans.append((seq, *(_column_value(d.get(c)) for c in SLOGAN_COLUMNS),
                        json.dumps(d, ensure_ascii=False)))
        items.extend((seq, pos, str(item)) for pos, item in enumerate(d.get("expansion") or ()))
    return PreparedDocument(doc.path, doc.sha256, document, blocks, tuple(figures), tuple(slogans),
                            tuple(items), ocr_lines)


class Store:
    """An open sq_nlp database. Build with :func:`open_store`; use as a
    context manager or call :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly

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

    # -- reads
    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {
            t: self._execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # table names are ours
            for t in ("documents", "blocks", "figures", "slogans", "slogan_items")
        }

    def documents(self) -> list[StoredDocument]:
        """Every document, ordered by year, region and path."""
        names = [f.name for f in dataclasses.fields(StoredDocument)]
        cols = ", ".join(names)
        rows = self._execute(f"SELECT {cols} FROM documents ORDER BY year, region, path").fetchall()
        return [StoredDocument(**dict(zip(names, row))) for row in rows]

    def document_text(self, doc_id: int) -> str:
        """The raw decoded text of a document (what every offset points into)."""
        row = self._execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document with id {doc_id}")
        return row[0]

    def blocks(self, doc_id: int | None = None, *, kinds: Iterable[str] | None = None) -> Iterator[StoredBlock]:
        """Blocks in document order, optionally of one document and some kinds."""
        sql = 'SELECT id, doc_id, seq, kind, text, section, start, "end", line, tokens, offsets, page, box FROM blocks'
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
        for row in self._execute(sql, params):
            yield StoredBlock(*row[:9], tuple(row[9].split()) if row[9] else (), decode_offsets(row[10]),
                              row[11], tuple(json.loads(row[12])) if row[12] else None)

    def ocr_lines(self, doc_id: int) -> tuple[OcrLine, ...]:
        """The OCR lines of a document (scanned pages), in text order."""
        rows = self._execute(
            'SELECT page, x0, y0, x1, y1, confidence, start, "end", role, region, block FROM ocr_lines '
            "WHERE doc_id = ? ORDER BY seq", (doc_id,))
        return tuple(OcrLine(page, (x0, y0, x1, y1), conf, start, end, role, region, block)
                     for page, x0, y0, x1, y1, conf, start, end, role, region, block in rows)

    def figures(self, doc_id: int | None = None) -> Iterator[StoredFigure]:
        """Figures in document order."""
        sql = "SELECT id, doc_id, seq, data FROM figures"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params = (doc_id,)
        for fid, did, seq, data in self._execute(sql + " ORDER BY doc_id, seq", params):
            yield StoredFigure(fid, did, seq, _figure_from_data(json.loads(data)))

    def slogans(self, doc_id: int | None = None) -> Iterator[StoredSlogan]:
        """Slogans in document order."""
        sql = "SELECT id, doc_id, seq, data FROM slogans"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params = (doc_id,)
        for sid, did, seq, data in self._execute(sql + " ORDER BY doc_id, seq", params):
            yield StoredSlogan(sid, did, seq, _slogan_from_data(json.loads(data)))

    def extraction(self, doc_id: int) -> Extraction:
        """The stored :class:`~sq_nlp.records.Extraction` of one document."""
        names = ("path", "sha256", "encoding", "format", "text", "title", "region", "year", "period",
                 "source", "headline_position")
        row = self._execute(f"SELECT {', '.join(names)} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document with id {doc_id}")
        fields = dict(zip(names, row))
        fields["headline_position"] = fields["headline_position"] or "auto"
        doc = Document(**fields, ocr_lines=self.ocr_lines(doc_id))
        return Extraction(
            document=doc,
            blocks=tuple(b.to_block() for b in self.blocks(doc_id)),
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
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        abspath = str(Path(prepared.path).resolve())
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                status, doc_id, same_as = self._write_locked(prepared, abspath, meta_sha256, force)
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot write {prepared.path}: {exc}") from None
        return WriteResult(status, doc_id, same_as)

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

        doc = dict(prepared.document, abspath=abspath, meta_sha256=meta_sha256,
                   ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   sq_nlp_version=__version__)
        names = list(doc)
        cur = conn.execute(
            f"INSERT INTO documents ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [doc[n] for n in names],
        )
        doc_id = cur.lastrowid
        conn.executemany(
            'INSERT INTO blocks (doc_id, seq, kind, text, section, start, "end", line, offsets, tokens, page, box) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, *row) for row in prepared.blocks],
        )
        conn.executemany(
            'INSERT INTO ocr_lines (doc_id, seq, page, x0, y0, x1, y1, confidence, start, "end", role, region, block) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, *row) for row in prepared.ocr_lines],
        )
        conn.execute("INSERT INTO blocks_fts (rowid, tokens) SELECT id, tokens FROM blocks WHERE doc_id = ?",
                     (doc_id,))
        fig_cols = ", ".join(f'"{c}"' for c in FIGURE_COLUMNS)
        conn.executemany(
            f"INSERT INTO figures (doc_id, seq, {fig_cols}, data) "
            f"VALUES (?, ?, {', '.join('?' * len(FIGURE_COLUMNS))}, ?)",
            [(doc_id, *row) for row in prepared.figures],
        )
        conn.executemany(
            f"INSERT INTO slogans (doc_id, seq, {', '.join(SLOGAN_COLUMNS)}, data) "
            f"VALUES (?, ?, {', '.join('?' * len(SLOGAN_COLUMNS))}, ?)",
            [(doc_id, *row) for row in prepared.slogans],
        )
        conn.executemany(
            "INSERT INTO slogan_items (slogan_id, pos, item) "
            "VALUES ((SELECT id FROM slogans WHERE doc_id = ? AND seq = ?), ?, ?)",
            [(doc_id, seq, pos, item) for seq, pos, item in prepared.slogan_items],
        )
        return ("replaced" if old is not None else "inserted"), doc_id, None

    def _delete_document(self, doc_id: int) -> None:
        conn = self._conn
        conn.execute(
            "INSERT INTO blocks_fts (blocks_fts, rowid, tokens) "
            "SELECT 'delete', id, tokens FROM blocks WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM slogan_items WHERE slogan_id IN (SELECT id FROM slogans WHERE doc_id = ?)",
                     (doc_id,))
        for table in ("ocr_lines", "slogans", "figures", "blocks"):
            conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))  # table names are ours
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

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
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for version in range(current + 1, SCHEMA_VERSION + 1):
            log.info("%s: migrating schema to version %d", path, version)
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")  # pragmas take no parameters
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _uri_path(path: Path) -> str:
    """A path as SQLite's URI syntax wants it (only these characters are special)."""
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def open_store(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> Store:
    """Open (for writing: create or migrate) the database at ``path``.

    ``readonly=True`` never creates or changes anything: a missing file is a
    StoreError that says to run ``sq-nlp run`` first. A directory, a file that
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


def _prepare(conn: sqlite3.Connection, p: Path, *, readonly: bool) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = _user_tables(conn)
    except sqlite3.DatabaseError as exc:
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
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            log.warning("%s: journal mode is %s, not WAL; queries may wait for ingests", p, mode)
        # NORMAL is safe in WAL against a killed process; only power loss can
        # drop the last transactions.
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            _migrate(conn, p, version)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot write {p}: {exc} (is the location writable?)") from None
