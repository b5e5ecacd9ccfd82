"""The tables of the store, derived from the records.

Each record (:class:`~sq_nlp.records.Document`, ``Block``, ``Figure``,
``Slogan``) maps to a table whose columns follow the dataclass fields: a
``str`` field is a TEXT column, ``int`` and ``bool`` (0/1) INTEGER, ``float``
REAL, anything else (tuples, dicts, nested records) JSON text. A few fields
are stored by reference instead, so each text is held once (:data:`SPECIAL`):

* ``Document.text``: the blocks' characters at their offsets plus the
  residue no block holds (``documents.text_rest``, ``text_rest_at``);
* ``Block.section``, ``Figure.section``: a number into the document's
  ``sections`` (each heading text once per document);
* ``Block.offsets``: runs of raw offsets (BLOB);
* ``Figure.sentence``: a span of one block's text (``sentence_block``,
  ``sentence_start``, ``sentence_end``), or the text itself in ``sentence``
  when it is no such span;
* ``Slogan.expansion``: rows of ``slogan_items``; ``Slogan.spans``: varints.

A field added to a record later gets its column when a database is next
opened for writing (:func:`sync_columns`, ``ALTER TABLE ... ADD COLUMN``);
rows written before read the field's default. Nothing else needs writing.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, Union

from sq_nlp.errors import StoreError
from sq_nlp.records import Block, Document, Figure, Slogan

Kind = Literal["bool", "int", "float", "str", "json"]
_SQL_TYPES = {"bool": "INTEGER", "int": "INTEGER", "float": "REAL", "str": "TEXT", "json": "TEXT"}


@dataclass(frozen=True)
class FieldInfo:
    """How one dataclass field is stored: its ``kind``, whether it may be
    None, its default (``dataclasses.MISSING`` when required) and type hint."""

    name: str
    kind: Kind
    optional: bool
    default: Any
    hint: Any

    @property
    def sql_type(self) -> str:
        """The column's declared type."""
        return _SQL_TYPES[self.kind]


def _strip_optional(hint: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(hint)
    if origin is Union or origin is types.UnionType:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        if len(args) == 1:
            return args[0], optional
        return hint, optional
    return hint, False


def _kind(hint: Any) -> Kind:
    base, _ = _strip_optional(hint)
    if typing.get_origin(base) is Literal:
        values = typing.get_args(base)
        base = type(values[0]) if values and all(type(v) is type(values[0]) for v in values) else object
    if base is bool:
        return "bool"
    if base is int:
        return "int"
    if base is float:
        return "float"
    if base is str:
        return "str"
    return "json"


@lru_cache(maxsize=None)
def record_fields(cls: type) -> tuple[FieldInfo, ...]:
    """Every field of a record class, with how it is stored."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        hint = hints.get(f.name, Any)
        default: Any = f.default
        if default is dataclasses.MISSING and f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        out.append(FieldInfo(f.name, _kind(hint), _strip_optional(hint)[1], default, hint))
    return tuple(out)


# Fields stored otherwise than as a column of their own name (see the module docstring).
SPECIAL: dict[str, frozenset[str]] = {
    "documents": frozenset({"path", "sha256", "text"}),
    "blocks": frozenset({"text", "section", "offsets"}),
    "figures": frozenset({"section", "sentence"}),
    "slogans": frozenset({"expansion", "spans"}),
}
RECORDS: dict[str, type] = {"documents": Document, "blocks": Block, "figures": Figure, "slogans": Slogan}

# Columns of each table that are not a record field, with their declarations.
FIXED: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("id", "INTEGER PRIMARY KEY"),
        ("path", "TEXT NOT NULL"),
        ("abspath", "TEXT NOT NULL UNIQUE"),
        ("sha256", "TEXT NOT NULL"),
        ("meta_sha256", "TEXT NOT NULL DEFAULT ''"),
    ),
    "blocks": (
        ("id", "INTEGER PRIMARY KEY"),
        ("doc_id", "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"),
        ("seq", "INTEGER NOT NULL"),
        ("text", "TEXT NOT NULL"),
        ("section_no", "INTEGER"),
        ("offsets", "BLOB NOT NULL"),
        ("tokens", "BLOB NOT NULL"),
    ),
    "figures": (
        ("id", "INTEGER PRIMARY KEY"),
        ("doc_id", "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"),
        ("seq", "INTEGER NOT NULL"),
        ("section_no", "INTEGER"),
        ("sentence_block", "INTEGER"),
        ("sentence_start", "INTEGER"),
        ("sentence_end", "INTEGER"),
        ("sentence", "TEXT"),
    ),
    "slogans": (
        ("id", "INTEGER PRIMARY KEY"),
        ("doc_id", "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"),
        ("seq", "INTEGER NOT NULL"),
        ("spans", "BLOB NOT NULL"),
    ),
}
# Columns after the record's own in ``documents``.
DOCUMENT_TAIL = (
    ("chars", "INTEGER NOT NULL"),
    ("n_blocks", "INTEGER NOT NULL"),
    ("n_figures", "INTEGER NOT NULL"),
    ("n_slogans", "INTEGER NOT NULL"),
    ("text_rest", "TEXT NOT NULL"),
    ("text_rest_at", "BLOB NOT NULL"),
    ("ingested_at", "TEXT NOT NULL"),
    ("sq_nlp_version", "TEXT"),
)
TABLE_SUFFIX = {
    "blocks": "UNIQUE (doc_id, seq)",
    "figures": "UNIQUE (doc_id, seq)",
    "slogans": "UNIQUE (doc_id, seq)",
}


def field_columns(table: str) -> tuple[FieldInfo, ...]:
    """The record fields of ``table`` that are columns of their own name."""
    return _field_columns(table, RECORDS[table])


@lru_cache(maxsize=None)
def _field_columns(table: str, record: type) -> tuple[FieldInfo, ...]:
    special = SPECIAL[table]
    fixed = {name for name, _ in FIXED[table]}
    return tuple(f for f in record_fields(record) if f.name not in special and f.name not in fixed)


def nullable_columns(table: str) -> frozenset[str]:
    """The columns of ``table`` that may hold NULL: the fixed ones declared
    without NOT NULL (nor as the key), the record fields whose type admits None."""
    return _nullable_columns(table, RECORDS[table])


@lru_cache(maxsize=None)
def _nullable_columns(table: str, record: type) -> frozenset[str]:
    fixed = {name for name, decl in FIXED[table] if "NOT NULL" not in decl and "PRIMARY KEY" not in decl}
    return frozenset(fixed | {f.name for f in _field_columns(table, record) if f.optional})


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements() -> tuple[str, ...]:
    """The statements that create the current schema in an empty database."""
    out = []
    for table in ("documents", "blocks", "figures", "slogans"):
        cols = [f"{_quote(n)} {decl}" for n, decl in FIXED[table]]
        cols += [f"{_quote(f.name)} {f.sql_type}" for f in field_columns(table)]
        if table == "documents":
            cols += [f"{_quote(n)} {decl}" for n, decl in DOCUMENT_TAIL]
        if table in TABLE_SUFFIX:
            cols.append(TABLE_SUFFIX[table])
        out.append(f"CREATE TABLE {table} (\n  " + ",\n  ".join(cols) + "\n)")
    out += [
        "CREATE INDEX documents_sha256 ON documents(sha256)",
        # Each heading text once per document; blocks and figures point at it.
        """CREATE TABLE sections (
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (doc_id, n)
) WITHOUT ROWID""",
        """CREATE TABLE slogan_items (
  slogan_id INTEGER NOT NULL REFERENCES slogans(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (slogan_id, pos)
) WITHOUT ROWID""",
        *FTS_STATEMENTS,
    ]
    return tuple(out)


# FTS5 merges the index's segments while it writes. Merged once a level holds
# 6 segments rather than FTS5's default 4, fewer levels form and each entry is
# rewritten fewer times: SQLite did 11% less work writing the 20 MB bench
# corpus (instructions counted by callgrind). Search results are the same
# (ranks come from the rows' tokens, not from how the segments lie); the file
# ends up to 0.5% larger. FTS5 keeps the setting in the database.
FTS_SETTINGS = ("INSERT INTO blocks_fts (blocks_fts, rank) VALUES ('automerge', 6)",)

# The full-text index and its vocabulary. Contentless: the index holds no copy
# of the tokens (they are rebuilt from blocks.text and blocks.tokens); search
# needs only rowids and ranks. It is fed the tokens split and folded already
# (sq_nlp.store.fts), which its ascii tokenizer reads as unicode61 would read
# the tokens as they are.
FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE blocks_fts USING fts5(tokens, content='', tokenize='ascii')",
    *FTS_SETTINGS,
    "CREATE VIRTUAL TABLE blocks_vocab USING fts5vocab(blocks_fts, 'row')",
)


def table_columns(conn: Any, table: str) -> list[str]:
    """The columns a table or view has in this database."""
    return [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(table)})")]


def missing_columns(conn: Any) -> list[tuple[str, FieldInfo]]:
    """``(table, field)`` of every record field without its column yet."""
    out = []
    for table in RECORDS:
        have = set(table_columns(conn, table))
        if not have:
            continue
        out += [(table, f) for f in field_columns(table) if f.name not in have]
    return out


def view_statements(conn: Any) -> tuple[str, ...]:
    """(Re)create the views that show blocks and figures with their texts
    resolved (``block_view``, ``figure_view``): what plain SQL and the
    queries read. Built from the tables' columns as they are."""
    bcols = [c for c in table_columns(conn, "blocks") if c != "section_no"]
    fcols = [c for c in table_columns(conn, "figures")
             if c not in ("section_no", "sentence_block", "sentence_start", "sentence_end", "sentence")]
    return (
        "DROP VIEW IF EXISTS block_view",
        "CREATE VIEW block_view AS SELECT "
        + ", ".join(f"b.{_quote(c)}" for c in bcols)
        + ", sc.text AS section FROM blocks b "
        "LEFT JOIN sections sc ON sc.doc_id = b.doc_id AND sc.n = b.section_no",
        "DROP VIEW IF EXISTS figure_view",
        "CREATE VIEW figure_view AS SELECT "
        + ", ".join(f"f.{_quote(c)}" for c in fcols)
        + ", sc.text AS section, "
        "CASE WHEN f.sentence IS NOT NULL THEN f.sentence "
        "ELSE substr(sb.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) END AS sentence "
        "FROM figures f "
        "LEFT JOIN blocks sb ON sb.doc_id = f.doc_id AND sb.seq = f.sentence_block "
        "LEFT JOIN sections sc ON sc.doc_id = f.doc_id AND sc.n = f.section_no",
    )


def needs_sync(conn: Any) -> bool:
    """Whether a record field lacks its column or a view is missing."""
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    return bool(missing_columns(conn)) or not {"block_view", "figure_view"} <= views


def sync(conn: Any) -> None:
    """Bring the tables up to the records (inside the caller's transaction): a
    column for every new field, and the views built afresh."""
    for table, f in missing_columns(conn):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {_quote(f.name)} {f.sql_type}")
    for statement in view_statements(conn):
        conn.execute(statement)


# -- values ---------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot store a {type(value).__name__} value")


# json.dumps with these options builds a new encoder on every call; the
# documents' rows hold tens of thousands of JSON fields, so one is kept.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_jsonable).encode


def _json_column(value: Any) -> str:
    # most JSON fields hold an empty tuple (no pages or boxes on a text report)
    return "[]" if type(value) is tuple and not value else _to_json(value)


def to_column(f: FieldInfo, value: Any) -> Any:
    """A field's value as its column holds it."""
    if value is None:
        return None
    if f.kind == "bool":
        return int(bool(value))
    if f.kind == "json":
        return _json_column(value)
    return value


def from_json(value: Any, hint: Any) -> Any:
    """A JSON value as the type ``hint`` wants it: lists to tuples, dicts to
    records, following the hint as far as it goes."""
    if value is None:
        return None
    base, _ = _strip_optional(hint)
    origin = typing.get_origin(base)
    args = typing.get_args(base)
    if origin is tuple and isinstance(value, list):
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(v, args[0]) for v in value)
        if args and len(args) == len(value):
            return tuple(from_json(v, a) for v, a in zip(value, args))
        return tuple(value)
    if origin is list and isinstance(value, list):
        return [from_json(v, args[0] if args else Any) for v in value]
    if origin is dict and isinstance(value, dict):
        return {k: from_json(v, args[1] if len(args) == 2 else Any) for k, v in value.items()}
    if isinstance(base, type) and dataclasses.is_dataclass(base) and isinstance(value, dict):
        hints = typing.get_type_hints(base)
        names = {f.name for f in dataclasses.fields(base)}
        return base(**{k: from_json(v, hints.get(k, Any)) for k, v in value.items() if k in names})
    return value


def from_column(f: FieldInfo, value: Any) -> Any:
    """A column's value as the field's type."""
    if value is None:
        return None
    if f.kind == "bool":
        return bool(value)
    if f.kind == "float":
        return float(value)
    if f.kind == "json":
        return from_json(json.loads(value), f.hint)
    return value


def build_record(cls: type, values: dict[str, Any], *, where: str) -> Any:
    """A record from decoded field values; an absent or NULL field takes its
    default (a field added after the row was written), unless it may be None.
    A required field without a value is a StoreError."""
    kwargs = {}
    missing = []
    for f in record_fields(cls):
        value = values.get(f.name)
        if value is None and not (f.optional and f.name in values):
            if f.default is not dataclasses.MISSING:
                value = f.default
            elif f.optional:
                value = None
            else:
                missing.append(f.name)
                continue
        kwargs[f.name] = value
    if missing:
        raise StoreError(f"{where}: a stored {cls.__name__} lacks {missing}; "
                         "re-ingest with `sq-nlp run --force`")
    return cls(**kwargs)


def decode_fields(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The plain record fields of a row (column name -> stored value), decoded."""
    return {f.name: from_column(f, row[f.name]) for f in field_columns(table) if f.name in row}


def encode_fields(table: str, record: Any) -> list[Any]:
    """The plain record fields of a record, in :func:`field_columns` order."""
    return [column[0] for column in encode_columns(table, (record,))]


def encode_columns(table: str, records: Sequence[Any]) -> list[list[Any]]:
    """:func:`encode_fields` of every record, by column: one list of values per
    field of :func:`field_columns`, in its order. A document's blocks and
    figures are written column by column (see ``sq_nlp.store.db``), and one
    C-level pass of a getter per field costs less than a call per record."""
    out = []
    for f in field_columns(table):
        column = list(map(operator.attrgetter(f.name), records))
        # to_column, over the whole column
        if f.kind == "bool":
            column = [None if v is None else 1 if v else 0 for v in column]
        elif f.kind == "json":
            column = [None if v is None else _json_column(v) for v in column]
        out.append(column)
    return out


def iter_chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    """``items`` in lists of at most ``size`` (for ``IN (...)`` lists)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]
