"""Bringing databases of earlier versions to the current layout.

Version 1 held every text whole: the raw text in ``documents.text``, the
repaired text and the space-joined tokens in ``blocks``, one full sentence
and a JSON copy of every column per figure and slogan, and an external-content
FTS5 index over ``blocks.tokens``. Version 2 stores each text once (see
:mod:`sq_nlp.store.db`). :func:`migrate_v1_to_v2` reads every document back
as version 1 wrote it and writes it in the new layout under the same ids,
inside the caller's transaction.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import typing
from pathlib import Path
from typing import Any

from sq_nlp.records import Block, Document, Extraction, Figure, Slogan
from sq_nlp.store import schema

log = logging.getLogger(__name__)

# The schema of version 1, as it was created (kept to read and test old files).
V1_SCHEMA: tuple[str, ...] = (
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
)

_V1_TABLES = ("slogan_items", "slogans", "figures", "blocks", "documents")  # children first


def v1_offsets(data: str) -> tuple[int, ...]:
    """Block offsets as version 1 stored them: JSON runs ``[[text_index, raw_index, length], ...]``."""
    return tuple(x for _, raw, length in json.loads(data) for x in range(raw, raw + length))


def _v1_record(cls: type, data: dict[str, Any], where: str) -> Any:
    hints = typing.get_type_hints(cls)
    values = {k: schema.from_json(v, hints[k]) for k, v in data.items() if k in hints}
    return schema.build_record(cls, values, where=where)


def _v1_document(conn: sqlite3.Connection, row: dict[str, Any]) -> tuple[Extraction, list[list[str]], dict[str, list[int]]]:
    doc_id = row["id"]
    where = f"document {row['path']}"
    document = schema.build_record(Document, {k: row.get(k) for k in (
        "path", "sha256", "encoding", "format", "text", "title", "region", "year", "period", "source",
        "headline_position")}, where=where)
    blocks, tokens, block_ids = [], [], []
    for bid, kind, text, section, start, end, line, offsets, toks in conn.execute(
            'SELECT id, kind, text, section, start, "end", line, offsets, tokens FROM blocks_v1 '
            "WHERE doc_id = ? ORDER BY seq", (doc_id,)):
        blocks.append(Block(kind, text, section, start, end, line, v1_offsets(offsets)))
        tokens.append(toks.split())
        block_ids.append(bid)
    figures, figure_ids = [], []
    for fid, data in conn.execute("SELECT id, data FROM figures_v1 WHERE doc_id = ? ORDER BY seq", (doc_id,)):
        figures.append(_v1_record(Figure, json.loads(data), where))
        figure_ids.append(fid)
    slogans, slogan_ids = [], []
    for sid, data in conn.execute("SELECT id, data FROM slogans_v1 WHERE doc_id = ? ORDER BY seq", (doc_id,)):
        slogans.append(_v1_record(Slogan, json.loads(data), where))
        slogan_ids.append(sid)
    extraction = Extraction(document, tuple(blocks), tuple(figures), tuple(slogans))
    return extraction, tokens, {"blocks": block_ids, "figures": figure_ids, "slogans": slogan_ids}


def migrate_v1_to_v2(conn: sqlite3.Connection) -> None:
    """Rewrite a version 1 database in the version 2 layout, keeping every id,
    path, fingerprint and ingest time (inside the caller's transaction)."""
    from sq_nlp.store.db import Store, prepare_document

    for table in _V1_TABLES:
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_v1")  # our names
    for name in ("blocks_vocab", "blocks_fts"):
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    for name in ("documents_sha256", "figures_indicator", "slogans_term"):
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    for statement in schema.create_statements():
        conn.execute(statement)
    writer = Store(conn, Path("(migration)"), readonly=False)
    n = 0
    for (doc_id,) in conn.execute("SELECT id FROM documents_v1 ORDER BY id").fetchall():
        cur = conn.execute("SELECT * FROM documents_v1 WHERE id = ?", (doc_id,))
        row = dict(zip([c[0] for c in cur.description], cur.fetchone()))
        extraction, tokens, ids = _v1_document(conn, row)
        writer._insert(prepare_document(extraction, tokens), abspath=row["abspath"],
                       meta_sha256=row["meta_sha256"], ingested_at=row["ingested_at"],
                       sq_nlp_version=row["sq_nlp_version"], doc_id=row["id"], ids=ids)
        n += 1
    for table in _V1_TABLES:
        conn.execute(f"DROP TABLE {table}_v1")
    log.info("migrated %d documents to the version 2 layout", n)


def migrate_v3_to_v4(conn: sqlite3.Connection) -> None:
    """Rebuild the full-text index as version 4 builds it, from the stored
    blocks (inside the caller's transaction): version 3 gave FTS5 the tokens
    as they are, for its unicode61 tokenizer to split and fold; version 4
    gives them split and folded (:mod:`sq_nlp.store.fts`) to its ascii
    tokenizer. The tokens indexed, and so every search, stay the same."""
    from sq_nlp.store.codec import decode_tokens
    from sq_nlp.store.fts import index_texts

    for name in ("blocks_vocab", "blocks_fts"):
        conn.execute(f"DROP TABLE IF EXISTS {name}")  # our names
    for statement in schema.FTS_STATEMENTS:
        conn.execute(statement)
    n = 0
    for (doc_id,) in conn.execute("SELECT id FROM documents ORDER BY id").fetchall():
        rows = conn.execute("SELECT id, text, tokens FROM blocks WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()
        words = index_texts([" ".join(decode_tokens(text, tokens)) for _, text, tokens in rows])
        conn.executemany("INSERT INTO blocks_fts (rowid, tokens) VALUES (?, ?)",
                         zip([bid for bid, _, _ in rows], words))
        n += 1
    log.info("rebuilt the full-text index of %d documents", n)
