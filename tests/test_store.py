"""The SQLite store: round trips, idempotent writes, bad files, concurrency."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
import json
import os
import sqlite3
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies

from sq_nlp.errors import StoreError
from sq_nlp.records import Block, Document, Extraction, Figure, Slogan
from sq_nlp.store.codec import decode_runs
from sq_nlp.store.db import (
    SCHEMA_VERSION,
    decode_offsets,
    encode_offsets,
    open_store,
)

TEXT = "二〇二〇年工作回顾\n全年地区生产总值30亿元，\n增长4.1%。\n\n推进垃圾分类工作。\n"


def make_extraction(path: str, text: str = TEXT, *, sha: str = "a" * 64, region: str = "某市") -> Extraction:
    doc = Document(path=path, sha256=sha, encoding="utf-8", format="txt", text=text,
                   title="政府工作报告", region=region, year=2021, period=2020)
    p1_start = text.index("全年")
    p1_end = text.index("。") + 1
    offsets = tuple(i for i in range(p1_start, p1_end) if text[i] != "\n")
    para = "".join(text[i] for i in offsets)
    p2_start = text.index("推进")
    p2 = "推进垃圾分类工作。"
    blocks = (
        Block("heading", "二〇二〇年工作回顾", None, 0, 9, 1, tuple(range(9))),
        Block("paragraph", para, "二〇二〇年工作回顾", p1_start, p1_end, 2, offsets),
        Block("paragraph", p2, "二〇二〇年工作回顾", p2_start, p2_start + len(p2), 5,
              tuple(range(p2_start, p2_start + len(p2)))),
    )
    figures = (
        Figure("地区生产总值", 30.0, "亿元", 3e9, "元", None, False, False, 2020, "二〇二〇年工作回顾",
               para, p1_start + 7, p1_start + 11, 2, "30"),
        Figure("地区生产总值", 4.1, "%", 4.1, "%", None, True, False, 2020, "二〇二〇年工作回顾",
               para, p1_start + 15, p1_start + 19, 3, "4.1"),
    )
    slogans = (Slogan("垃圾分类", "quoted", None, (), None, None, 1, ((p2_start + 2, p2_start + 6),)),
               Slogan("两新一重", "numbered", 3, ("新型基础设施", "新型城镇化", "重大工程"), "lexicon", True, 1,
                      ((0, 4),)))
    return Extraction(doc, blocks, figures, slogans)


TOKENS = [["二〇二〇年", "工作", "回顾"],
          ["全年", "地区生产总值", "30亿元", "，", "增长", "4.1%", "。"],
          ["推进", "垃圾分类", "工作", "。"]]


@pytest.fixture
def db(tmp_path):
    return tmp_path / "out" / "sq.db"



def _sidecars(db):
    return sorted(p.name.removeprefix(db.name) for p in db.parent.iterdir() if p.name.startswith(db.name + "-"))


def test_a_reader_closing_last_leaves_no_wal_files(db, tmp_path):
    with open_store(db) as st:
        st.write(make_extraction(str(tmp_path / "r.txt")), TOKENS)
    assert _sidecars(db) == []  # the writer, closing last, removed them
    with open_store(db, readonly=True) as st:
        assert len(st.documents()) == 1
        assert _sidecars(db) == ["-shm", "-wal"]  # a reader of a WAL database needs them while open
    assert _sidecars(db) == []  # (a read-only connection cannot remove them itself)


def test_a_reader_closing_beside_a_writer_leaves_the_writer_working(db, tmp_path):
    writer = open_store(db)
    try:
        writer.write(make_extraction(str(tmp_path / "a.txt")), TOKENS)
        with open_store(db, readonly=True) as st:
            assert len(st.documents()) == 1
        assert "-wal" in _sidecars(db)  # the writer still has the database open
        writer.write(make_extraction(str(tmp_path / "b.txt"), sha="b" * 64), TOKENS)
    finally:
        writer.close()
    with open_store(db, readonly=True) as st:
        assert len(st.documents()) == 2
    assert _sidecars(db) == []

def test_round_trip_gives_back_the_extraction(db, tmp_path):
    ex = make_extraction(str(tmp_path / "r.txt"))
    with open_store(db) as st:
        res = st.write(ex, TOKENS)
        assert res.status == "inserted"
    with open_store(db, readonly=True) as st:
        (doc,) = st.documents()
        assert (doc.region, doc.year, doc.period, doc.n_blocks, doc.n_figures) == ("某市", 2021, 2020, 3, 2)
        assert st.extraction(doc.id) == ex
        assert st.document_text(doc.id) == TEXT
        blocks = list(st.blocks(doc.id, kinds=["paragraph"]))
        assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
        assert blocks[1].tokens == ("推进", "垃圾分类", "工作", "。")
        assert [b.to_block().offsets for b in blocks] == [b.offsets for b in ex.blocks[1:]]
        assert [f.figure for f in st.figures()] == list(ex.figures)
        assert [s.slogan for s in st.slogans(doc.id)] == list(ex.slogans)
        assert st.counts()["slogan_items"] == 3


def test_same_content_is_skipped_and_changed_content_replaces_its_rows(db, tmp_path):
    path = str(tmp_path / "r.txt")
    with open_store(db) as st:
        st.write(make_extraction(path), TOKENS)
        before = st.counts()
        again = st.write(make_extraction(path), TOKENS)
        assert again.status == "skipped" and again.same_as == path
        assert st.counts() == before
        changed = make_extraction(path, sha="b" * 64, region="另一市")
        assert st.write(changed, TOKENS).status == "replaced"
        assert st.counts() == before
        assert [d.region for d in st.documents()] == ["另一市"]
        # the old block tokens left the full-text index with their rows
        hits = st.query("SELECT count(*) FROM blocks_fts WHERE blocks_fts MATCH ?", ("垃圾分类",))
        assert hits[0][0] == 1
        assert st.write(changed, TOKENS, force=True).status == "replaced"
        assert st.counts() == before


def test_changed_sidecar_alone_reingests(db, tmp_path):
    path = str(tmp_path / "r.txt")
    with open_store(db) as st:
        st.write(make_extraction(path), TOKENS, meta_sha256="")
        assert st.write(make_extraction(path), TOKENS, meta_sha256="m1").status == "replaced"
        assert st.fingerprints() == {str((tmp_path / "r.txt").resolve()): ("a" * 64, "m1")}


def test_token_count_must_match_blocks(db, tmp_path):
    with open_store(db) as st, pytest.raises(ValueError):
        st.write(make_extraction(str(tmp_path / "r.txt")), TOKENS[:1])


@pytest.mark.parametrize("offsets", [(), (5,), (0, 1, 2, 3), (3, 4, 9, 10, 11, 20), (7, 8, 8, 9),
                                     (7, 8, 8, 10), (5, 3, 4), (9, 8, 7)])
def test_offsets_encoding_round_trips(offsets):
    assert decode_offsets(encode_offsets(offsets)) == offsets


@settings(max_examples=300, deadline=None)
@given(strategies.lists(strategies.integers(min_value=0, max_value=60), max_size=40))
def test_offsets_encoding_round_trips_on_any_sequence(offsets):
    assert decode_offsets(encode_offsets(offsets)) == tuple(offsets)


def test_contiguous_offsets_encode_as_one_run():
    data = encode_offsets(tuple(range(100, 5100)))
    assert decode_runs(data) == [(0, 100, 5000)] and len(data) <= 4


def test_missing_database_is_a_clear_error_and_is_not_created(tmp_path):
    with pytest.raises(StoreError, match="sq-nlp run"):
        open_store(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


def test_empty_file_reads_as_an_empty_database_and_fills_on_write(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="empty database; run `sq-nlp run"):
        open_store(empty, readonly=True)
    assert empty.read_bytes() == b""
    with open_store(empty) as st:
        assert st.counts()["documents"] == 0
    with open_store(empty, readonly=True) as st:
        assert st.documents() == []


def test_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)


def test_parent_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a directory"):
        open_store(tmp_path / "f" / "sq.db")


def test_corrupt_file_is_refused_and_left_alone(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all\n" * 100)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not a readable sq_nlp database"):
            open_store(bad, readonly=readonly)
    assert bad.read_bytes() == b"this is not sqlite at all\n" * 100


def test_foreign_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE documents (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        open_store(other)
    conn = sqlite3.connect(other)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["documents"]
    conn.close()


def test_newer_schema_is_refused_and_left_alone(db, tmp_path):
    with open_store(db) as st:
        st.write(make_extraction(str(tmp_path / "r.txt")), TOKENS)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer"):
            open_store(db, readonly=readonly)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    conn.close()


def test_older_schema_is_migrated_on_write_open(db, monkeypatch, tmp_path):
    """A database at version 1 gains a later version's changes when opened for writing."""
    import sq_nlp.store.db as store

    with open_store(db) as st:
        st.write(make_extraction(str(tmp_path / "r.txt")), TOKENS)
    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(store.MIGRATIONS, SCHEMA_VERSION + 1,
                        ("ALTER TABLE documents ADD COLUMN language TEXT",))
    with pytest.raises(StoreError, match="upgrade"):
        open_store(db, readonly=True)
    with open_store(db) as st:
        cols = [r[1] for r in st.query("PRAGMA table_info(documents)")]
        assert "language" in cols and len(st.documents()) == 1
    with open_store(db, readonly=True):
        pass


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_location_is_a_clear_error(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="writable|cannot"):
            open_store(ro / "sq.db")
    finally:
        ro.chmod(0o700)


def test_write_through_a_read_only_store_is_refused(db, tmp_path):
    with open_store(db):
        pass
    with open_store(db, readonly=True) as st, pytest.raises(StoreError, match="read-only"):
        st.write(make_extraction(str(tmp_path / "r.txt")), TOKENS)


def test_reader_sees_committed_rows_while_a_writer_holds_its_transaction(db, tmp_path):
    with open_store(db) as st:
        st.write(make_extraction(str(tmp_path / "a.txt")), TOKENS)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM figures")
    try:
        with open_store(db, readonly=True) as st:
            assert len(list(st.figures())) == 2  # uncommitted delete is invisible; no lock wait
    finally:
        writer.rollback()
        writer.close()


def test_two_writers_of_the_same_document_do_not_duplicate_rows(db, tmp_path):
    path = str(tmp_path / "r.txt")
    with open_store(db):
        pass
    results = []

    def write() -> None:
        with open_store(db) as st:
            results.append(st.write(make_extraction(path), TOKENS).status)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["inserted", "skipped", "skipped", "skipped"]
    with open_store(db, readonly=True) as st:
        assert st.counts()["documents"] == 1 and st.counts()["figures"] == 2


def test_each_text_is_stored_once(db, tmp_path):
    """No raw text, token text, sentence or JSON copy of a record is stored:
    they come back from the blocks' text."""
    ex = make_extraction(str(tmp_path / "r.txt"))
    with open_store(db) as st:
        st.write(ex, TOKENS)
        assert "text" not in st.columns("documents") and "data" not in st.columns("figures")
        assert st.query("SELECT count(*) FROM figures WHERE sentence IS NOT NULL")[0][0] == 0
        assert st.query("SELECT typeof(tokens) FROM blocks")[0][0] == "blob"
        assert st.query("SELECT count(*) FROM sections")[0][0] == 1  # one heading, named by 3 blocks and 2 figures
        (sentence,) = st.query("SELECT sentence FROM figure_view WHERE seq = 0")[0]
    assert sentence == ex.figures[0].sentence


def test_a_sentence_that_is_no_span_of_its_block_is_kept_as_written(db, tmp_path):
    ex = make_extraction(str(tmp_path / "r.txt"))
    odd = dataclasses.replace(ex.figures[0], sentence="不在段落里的句子")
    ex = dataclasses.replace(ex, figures=(odd, ex.figures[1]))
    with open_store(db) as st:
        doc_id = st.write(ex, TOKENS).doc_id
        assert st.extraction(doc_id) == ex
        assert st.query("SELECT sentence FROM figures WHERE seq = 0")[0][0] == "不在段落里的句子"


def test_tokens_that_do_not_tile_the_text_are_kept_as_written(db, tmp_path):
    ex = make_extraction(str(tmp_path / "r.txt"))
    odd = [TOKENS[0], ["全年", "GDP"], TOKENS[2]]  # not the block's text
    with open_store(db) as st:
        doc_id = st.write(ex, odd).doc_id
        assert [b.tokens for b in st.blocks(doc_id)] == [tuple(t) for t in odd]
        st.delete(doc_id)  # the contentless index is given back the very tokens it indexed
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")


@dataclasses.dataclass(frozen=True)
class PagedFigure(Figure):
    """A Figure as a later version might have it: fields added with defaults."""

    sheet: int | None = None
    frame: tuple[float, float, float, float] | None = None
    checked: bool = True


def test_a_field_added_to_a_record_gets_its_column_and_old_rows_read_its_default(db, tmp_path, monkeypatch):
    from sq_nlp.store import schema

    old = make_extraction(str(tmp_path / "a.txt"))
    with open_store(db) as st:
        st.write(old, TOKENS)
    monkeypatch.setitem(schema.RECORDS, "figures", PagedFigure)
    with open_store(db, readonly=True) as st:  # not migrated yet: defaults, no error
        assert [f.figure for f in st.figures()] == [PagedFigure(**f.to_dict()) for f in old.figures]
    new = make_extraction(str(tmp_path / "b.txt"), sha="b" * 64)
    paged = tuple(PagedFigure(**f.to_dict(), sheet=i + 1, frame=(1.0, 2.5, 3.0, 4.0), checked=False)
                  for i, f in enumerate(new.figures))
    new = dataclasses.replace(new, figures=paged)
    with open_store(db) as st:
        assert {"sheet", "frame", "checked"} <= set(st.columns("figures"))
        doc_id = st.write(new, TOKENS).doc_id
    with open_store(db, readonly=True) as st:
        figs = [f.figure for f in st.figures()]
        assert figs[:2] == [PagedFigure(**f.to_dict()) for f in old.figures]  # sheet None, checked True
        assert figs[2:] == list(paged) and st.extraction(doc_id) == new
    monkeypatch.setitem(schema.RECORDS, "figures", Figure)
    with open_store(db, readonly=True) as st:  # an older reader ignores the new columns
        assert [f.figure for f in st.figures()][2:] == list(make_extraction("b.txt").figures)


def test_a_required_field_without_a_value_is_a_clear_error(db, tmp_path, monkeypatch):
    from sq_nlp.store import schema

    @dataclasses.dataclass(frozen=True)
    class Strict(Figure):
        needed: str = dataclasses.field(kw_only=True)

    with open_store(db) as st:
        st.write(make_extraction(str(tmp_path / "a.txt")), TOKENS)
    monkeypatch.setitem(schema.RECORDS, "figures", Strict)
    with open_store(db, readonly=True) as st, pytest.raises(StoreError, match="re-ingest"):
        list(st.figures())


def test_delete_removes_every_row_of_the_document(db, tmp_path):
    with open_store(db) as st:
        keep = st.write(make_extraction(str(tmp_path / "a.txt")), TOKENS).doc_id
        gone = st.write(make_extraction(str(tmp_path / "b.txt"), sha="c" * 64), TOKENS).doc_id
        st.delete(gone)
        assert [d.id for d in st.documents()] == [keep]
        assert st.counts() == {"documents": 1, "blocks": 3, "figures": 2, "slogans": 2, "slogan_items": 3}
        hits = st.query("SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH ?", ("垃圾分类",))
        assert [b.id for b in st.blocks(keep) if "垃圾分类" in b.tokens] == [h[0] for h in hits]
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")


# -- version 1 databases ------------------------------------------------------------

V1_FIGURE_COLUMNS = ("indicator", "value", "value_max", "unit", "value_base", "base_unit", "qualifier",
                     "change", "target", "period", "section", "sentence", "start", "end", "line", "value_text")
V1_SLOGAN_COLUMNS = ("term", "kind", "count", "expansion_source", "count_matches", "occurrences")


def test_a_version_2_database_gets_the_index_settings_and_answers_as_before(db, tmp_path):
    """Version 3 only sets how the full-text index merges: a version 2 file gains
    the setting when opened for writing, with every row and search unchanged."""
    from sq_nlp.store import query

    def automerge(conn):
        return conn.execute("SELECT v FROM blocks_fts_config WHERE k = 'automerge'").fetchall()

    with open_store(db) as st:
        assert automerge(st.connection) == [(6,)]  # a new database has it from the start
        st.write(make_extraction(str(tmp_path / "a.txt")), TOKENS)
        st.write(make_extraction(str(tmp_path / "b.txt"), sha="b" * 64, region="另一市"), TOKENS)
        before = (query.search_rows("垃圾分类", db=st), st.query("SELECT * FROM blocks ORDER BY id"))
    conn = sqlite3.connect(db)
    with conn:  # as version 2 wrote it: FTS5's default merging
        conn.execute("DELETE FROM blocks_fts_config WHERE k = 'automerge'")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    with pytest.raises(StoreError, match="schema version 2"):
        open_store(db, readonly=True)
    with open_store(db) as st:
        assert st.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
        assert automerge(st.connection) == [(6,)]
        assert (query.search_rows("垃圾分类", db=st), st.query("SELECT * FROM blocks ORDER BY id")) == before
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")


def test_a_version_3_database_gets_the_index_rebuilt_with_every_search_as_before(db, tmp_path):
    """Version 3's index read the tokens with unicode61; version 4 folds them
    beforehand for the ascii tokenizer. Opening a version 3 file for writing
    rebuilds the index: the same tokens at the same positions, the same hits."""
    from sq_nlp.store import query
    from sq_nlp.store.codec import decode_tokens

    mixed = ["GDP", "增长", "5.2%", "，", "Café", "PM2.5", "浓度", "。"]
    text = "".join(mixed)
    ex = dataclasses.replace(make_extraction(str(tmp_path / "m.txt"), sha="m" * 64),
                             blocks=(Block("paragraph", text, None, 0, len(text), 1, tuple(range(len(text)))),),
                             figures=(), slogans=())
    ex = dataclasses.replace(ex, document=dataclasses.replace(ex.document, text=text))

    def instances(conn):
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.inst USING fts5vocab(main, blocks_fts, 'instance')")
        return conn.execute("SELECT term, doc, col, offset FROM temp.inst ORDER BY doc, offset").fetchall()

    terms = ["垃圾分类", "gdp", "ＧＤＰ", "增长", "cafe", "Café", "PM2.5", "5.2", "4.1%"]
    with open_store(db) as st:
        st.write(make_extraction(str(tmp_path / "a.txt")), TOKENS)
        st.write(ex, [mixed])
        before = ([query.search_rows(t, db=st) for t in terms], st.query("SELECT * FROM blocks ORDER BY id"),
                  instances(st.connection))
    assert before[2] and all(before[0][:4])
    conn = sqlite3.connect(db)
    with conn:  # as version 3 wrote it: the tokens as they are, for unicode61
        rows = conn.execute("SELECT id, text, tokens FROM blocks").fetchall()
        conn.execute("DROP TABLE blocks_vocab")
        conn.execute("DROP TABLE blocks_fts")
        conn.execute("CREATE VIRTUAL TABLE blocks_fts USING fts5(tokens, content='')")
        conn.execute("INSERT INTO blocks_fts (blocks_fts, rank) VALUES ('automerge', 6)")
        conn.execute("CREATE VIRTUAL TABLE blocks_vocab USING fts5vocab(blocks_fts, 'row')")
        conn.executemany("INSERT INTO blocks_fts (rowid, tokens) VALUES (?, ?)",
                         [(bid, " ".join(decode_tokens(t, k))) for bid, t, k in rows])
        conn.execute("PRAGMA user_version = 3")
    assert instances(conn) == before[2]  # unicode61 over the tokens indexes what version 4 indexes
    conn.close()
    with pytest.raises(StoreError, match="schema version 3"):
        open_store(db, readonly=True)
    with open_store(db) as st:
        assert st.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION == 4
        assert "tokenize='ascii'" in st.query("SELECT sql FROM sqlite_master WHERE name = 'blocks_fts'")[0][0]
        assert ([query.search_rows(t, db=st) for t in terms], st.query("SELECT * FROM blocks ORDER BY id"),
                instances(st.connection)) == before
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")
        # a migrated document is deleted from the index as it was indexed
        assert st.write(make_extraction(str(tmp_path / "m.txt"), sha="n" * 64), TOKENS).status == "replaced"
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")
        assert not query.search_rows("cafe", db=st)


def test_columns_left_null_by_every_row_are_stored_as_null(db, tmp_path):
    """A column NULL in every row of a document is left out of its INSERT: it
    must read back NULL, which holds while no column of these tables declares
    another default. A column NULL in some rows only has its Nones bound as
    NaN, which SQLite stores as NULL. Blobs bound as bytearrays stay blobs."""
    with open_store(db) as st:
        st.write(make_extraction(str(tmp_path / "a.txt")), TOKENS)
        for table in ("blocks", "figures", "slogans"):
            defaults = [r[4] for r in st.query(f"PRAGMA table_info({table})")]
            assert defaults == [None] * len(defaults), table
        (doc,) = st.documents()
        assert st.extraction(doc.id) == make_extraction(str(tmp_path / "a.txt"))
        assert st.query("SELECT count(*) FROM figures WHERE qualifier IS NULL AND page IS NULL") == [(2,)]
        # NULL in some rows only (the heading's section; the quoted slogan's count): NULL, not a REAL NaN
        assert st.query("SELECT typeof(section_no) FROM blocks ORDER BY seq") == [("null",), ("integer",), ("integer",)]
        assert st.query("SELECT typeof(count), typeof(expansion_source), typeof(count_matches) FROM slogans "
                        "ORDER BY seq") == [("null", "null", "null"), ("integer", "text", "integer")]
        # bytes are bound as bytearrays: still BLOBs
        assert st.query("SELECT DISTINCT typeof(offsets), typeof(tokens) FROM blocks") == [("blob", "blob")]
        assert st.query("SELECT DISTINCT typeof(spans) FROM slogans") == [("blob",)]



@pytest.mark.parametrize("table, column, nullable", [
    ("blocks", "section_no", True), ("blocks", "page", True), ("blocks", "box", True),
    ("blocks", "text", False), ("blocks", "tokens", False), ("blocks", "kind", False), ("blocks", "line", False),
    ("figures", "qualifier", True), ("figures", "sentence", True), ("figures", "sentence_block", True),
    ("figures", "since", True), ("figures", "indicator", False), ("figures", "value_text", False),
    ("figures", "id", False), ("figures", "seq", False), ("figures", "change", False),
    ("slogans", "count", True), ("slogans", "expansion_source", True), ("slogans", "spans", False),
    ("slogans", "term", False),
])
def test_nullable_columns_are_those_declared_or_typed_to_hold_null(table, column, nullable):
    from sq_nlp.store import schema

    assert (column in schema.nullable_columns(table)) is nullable


def test_nullable_columns_cover_every_optional_field_and_no_not_null_column(db):
    from sq_nlp.store import schema

    with open_store(db) as st:
        for table in ("blocks", "figures", "slogans"):
            nullable = schema.nullable_columns(table)
            declared = {r[1]: (r[3] or r[5]) for r in st.query(f"PRAGMA table_info({table})")}
            assert not {c for c in nullable if declared[c]}, table  # NOT NULL or the key
            assert {f.name for f in schema.field_columns(table) if f.optional} <= nullable, table


def test_a_none_where_the_type_admits_none_not_is_still_stored_as_null(db, tmp_path):
    """Only columns that may hold NULL are searched for Nones before binding;
    a None in another one (a record built against its type) is bound all the
    same, as NULL."""
    ex = make_extraction(str(tmp_path / "n.txt"))
    odd = replace(ex.figures[0], value_text=None)
    with open_store(db) as st:
        st.write(replace(ex, figures=(odd, ex.figures[1])), TOKENS)
        assert st.query("SELECT typeof(value_text) FROM figures ORDER BY seq") == [("null",), ("text",)]
        assert st.query("SELECT typeof(indicator), typeof(qualifier) FROM figures ORDER BY seq") == [
            ("text", "null"), ("text", "null")]

def write_v1(db, ex, tokens, *, drop_keys=()):
    """Write an extraction the way version 1 of the store did (its schema, its rows)."""
    from sq_nlp.store.codec import offset_runs
    from sq_nlp.store.db import APPLICATION_ID
    from sq_nlp.store.migrate import V1_SCHEMA

    conn = sqlite3.connect(db, isolation_level=None)
    if not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        for statement in V1_SCHEMA:
            conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
    d = ex.document
    doc_id = conn.execute(
        "INSERT INTO documents (path, abspath, sha256, meta_sha256, encoding, format, title, region, year, "
        "period, source, headline_position, chars, n_blocks, n_figures, n_slogans, text, ingested_at, "
        "sq_nlp_version) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0.1.0')",
        (d.path, os.path.abspath(d.path), d.sha256, d.encoding, d.format, d.title, d.region, d.year, d.period,
         d.source, d.headline_position, len(d.text), len(ex.blocks), len(ex.figures), len(ex.slogans), d.text,
         "2025-01-02T03:04:05+00:00")).lastrowid
    for seq, (b, toks) in enumerate(zip(ex.blocks, tokens)):
        runs = json.dumps([list(r) for r in offset_runs(b.offsets)], separators=(",", ":"))
        conn.execute('INSERT INTO blocks (doc_id, seq, kind, text, section, start, "end", line, offsets, tokens) '
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (doc_id, seq, b.kind, b.text, b.section, b.start, b.end, b.line, runs,
                      " ".join(" ".join(toks).split())))
    conn.execute("INSERT INTO blocks_fts (rowid, tokens) SELECT id, tokens FROM blocks WHERE doc_id = ?", (doc_id,))
    for seq, f in enumerate(ex.figures):
        data = {k: v for k, v in f.to_dict().items() if k not in drop_keys}
        conn.execute(f"INSERT INTO figures (doc_id, seq, {', '.join(repr(c) for c in V1_FIGURE_COLUMNS)}, data) "
                     f"VALUES (?, ?, {', '.join('?' * len(V1_FIGURE_COLUMNS))}, ?)",
                     (doc_id, seq, *(data.get(c) for c in V1_FIGURE_COLUMNS), json.dumps(data, ensure_ascii=False)))
    for seq, s in enumerate(ex.slogans):
        sid = conn.execute(
            f"INSERT INTO slogans (doc_id, seq, {', '.join(V1_SLOGAN_COLUMNS)}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, seq, *(getattr(s, c) for c in V1_SLOGAN_COLUMNS),
             json.dumps(s.to_dict(), ensure_ascii=False))).lastrowid
        conn.executemany("INSERT INTO slogan_items (slogan_id, pos, item) VALUES (?, ?, ?)",
                         [(sid, pos, item) for pos, item in enumerate(s.expansion)])
    conn.close()


def test_a_version_1_database_is_migrated_with_every_row_and_id(db, tmp_path):
    from sq_nlp.store import query

    db.parent.mkdir(parents=True)
    a = make_extraction(str(tmp_path / "a.txt"))
    b = make_extraction(str(tmp_path / "b.txt"), sha="b" * 64, region="另一市")
    write_v1(db, a, TOKENS)
    write_v1(db, b, TOKENS, drop_keys=("measure", "canonical"))  # written before Figure had them
    v1 = sqlite3.connect(db)
    v1_ids = v1.execute("SELECT id FROM blocks ORDER BY id").fetchall()
    v1.close()
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(db, readonly=True)
    with open_store(db) as st:  # opening for writing migrates
        assert st.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
        docs = sorted(st.documents(), key=lambda d: d.id)
        assert [d.ingested_at for d in docs] == ["2025-01-02T03:04:05+00:00"] * 2
        assert st.extraction(docs[0].id) == a and st.extraction(docs[1].id) == b
        assert [blk.tokens for blk in st.blocks(docs[0].id)] == [tuple(t) for t in TOKENS]
        assert st.query("SELECT id FROM blocks ORDER BY id") == v1_ids
        assert not {"documents_v1", "blocks_v1"} & {r[0] for r in st.query("SELECT name FROM sqlite_master")}
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")
        assert st.query("PRAGMA integrity_check")[0][0] == "ok"
        hits = query.search_rows("垃圾分类", db=st)
        assert sorted(h["region"] for h in hits) == ["另一市", "某市"] and all(h["line"] == 5 for h in hits)
        # the migrated database takes new documents and replaces old ones
        c = make_extraction(str(tmp_path / "a.txt"), sha="c" * 64)
        assert st.write(c, TOKENS).status == "replaced"
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")


def test_a_database_written_by_version_1_code_migrates_from_a_real_corpus_run(tmp_path, seed_path):
    """The seed report through the version 1 writer, then migrated: every query answers as before."""
    from sq_nlp import pipeline
    from sq_nlp.extract.document import extract_path
    from sq_nlp.store import query

    ex = extract_path(seed_path)
    tokens = pipeline.block_tokens(ex)
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    write_v1(old, ex, tokens)
    with open_store(new) as st:
        st.write(ex, tokens)
    before = old.stat().st_size
    with open_store(old) as st:
        # a field the version 1 store had no column for (the script) reads its default
        assert st.extraction(st.documents()[0].id) == replace(ex, document=replace(ex.document, script=None))
    # vacuumed: no bigger than the same rows written afresh (tables take a page each at this size)
    assert old.stat().st_size <= new.stat().st_size * 1.05 and old.stat().st_size < before
    for q in (lambda d: query.figure_rows(db=d), lambda d: query.slogan_rows(db=d),
              lambda d: query.search_rows("垃圾分类", db=d), lambda d: query.trend_rows("GDP", db=d)):
        assert q(old) == q(new)


# -- encodings ------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(strategies.lists(strategies.integers(min_value=-2**40, max_value=2**40), max_size=30))
def test_varints_round_trip(values):
    from sq_nlp.store.codec import decode_ints, decode_varints, encode_ints, encode_varints

    assert decode_varints(encode_varints(values)) == values
    assert decode_ints(encode_ints(values)) == values


@settings(max_examples=300, deadline=None)
@given(strategies.lists(strategies.text(alphabet="垃圾分类 A1\u3000\n，", min_size=1, max_size=5), max_size=12))
def test_tokens_round_trip_from_any_partition(pieces):
    from sq_nlp.store.codec import decode_tokens, encode_tokens

    text = "".join(pieces)
    tokens = [w for piece in pieces for w in piece.split()]
    data = encode_tokens(text, tokens)
    assert isinstance(data, bytes) and len(data) == (len(text) + 7) // 8
    assert decode_tokens(text, data) == tuple(tokens)


# Blocks of one document: texts and token lists, some of which tile their text
# and some of which do not (the per-document pass must give what each block alone gives).
INDEX_CASES = [
    ([], []),
    (["推进垃圾分类工作。"], [["推进", "垃圾分类", "工作", "。"]]),
    (["推进垃圾分类", "工作。"], [["推进", "垃圾分类"], ["工作", "。"]]),
    (["推进垃圾", "分类工作。"], [["推进", "垃圾分类"], ["工作", "。"]]),  # a token across two blocks
    (["推进垃圾分类", "工作。"], [["推进垃圾分类", "工作"], ["。"]]),  # tokens joined right, cut wrong
    (["推进", "", "工作"], [["推进"], [], ["工作"]]),  # an empty block
    (["推进", "", "工作"], [["推进"], [""], ["工作"]]),  # an empty token
    (["推进", "分类", "工作"], [["推进"], [], ["分类", "工作"]]),  # a block without its tokens
    (["推进", "工作"], [["推", "", "进"], ["工作"]]),
    (["推进", "工作"], [["推 进"], ["工作"]]),  # a token holding a space
    (["推进", "工作"], [["推\u3000进"], ["工作"]]),
    (["推进 工作", "分类"], [["推进", "工作"], ["分类"]]),  # whitespace in a text
    (["学习强国 APP", "分类"], [["学习强国", " ", "APP"], ["分类"]]),
    (["推进", "工作"], [["推进", "GDP"], ["工作"]]),  # not the text
    (["推进", "工作"], [["工作"], ["推进"]]),
    (["", ""], [[], []]),
    (["", "工作"], [[""], ["工作"]]),  # a text of one empty token
    (["推进", "工作"], [["推进", ""], ["工作"]]),
    (["推进", "", "工作"], [["推进"], [], ["工作"]]),  # a text without tokens between two with
    (["a" * 9, "b" * 17, "c"], [["a" * 9], ["b" * 8, "b" * 9], ["c"]]),  # bitmaps across byte edges
    (["推\ud800进", "工作"], [["推", "\ud800", "进"], ["工作"]]),  # a lone surrogate
]


@pytest.mark.parametrize(("texts", "token_lists"), INDEX_CASES)
def test_a_document_indexed_at_once_is_indexed_as_block_by_block(texts, token_lists):
    from sq_nlp.store.codec import decode_tokens, index_blocks, index_words

    got = index_blocks(texts, token_lists)
    assert got == [index_words(t, k) for t, k in zip(texts, token_lists)]
    for text, (words, data) in zip(texts, got):
        assert decode_tokens(text, data) == tuple(words.split())


@settings(max_examples=300, deadline=None)
@given(strategies.lists(strategies.lists(strategies.text(alphabet="垃圾分类A1 ，", max_size=4), max_size=6),
                        max_size=6), strategies.data())
def test_any_document_indexed_at_once_is_indexed_as_block_by_block(blocks, data):
    from sq_nlp.store.codec import index_blocks, index_words

    texts = ["".join(pieces) for pieces in blocks]
    if blocks and data.draw(strategies.booleans()):  # tokens moved between blocks, or a block's tokens changed
        flat = [w for pieces in blocks for w in pieces]
        cuts = sorted(data.draw(strategies.lists(strategies.integers(0, len(flat)), min_size=len(blocks) - 1,
                                                 max_size=len(blocks) - 1)))
        blocks = [flat[a:b] for a, b in zip([0, *cuts], [*cuts, len(flat)])]
    assert index_blocks(texts, blocks) == [index_words(t, k) for t, k in zip(texts, blocks)]


def test_every_whitespace_character_but_the_space_is_unprintable():
    # the premise of codec._has_space's shortcut, over every code point
    assert [hex(c) for c in range(0x110000) if chr(c).isspace() and chr(c).isprintable()] == ["0x20"]


@pytest.mark.parametrize("text", ["垃圾分类", "", "学习强国 APP", "推进\u3000工作", "推进\xa0工作", "推进\n工作",
                                  "推进\u200b工作", "推进\u2028工作", "a\x1fb", "推\ud800进", "推进\x85"])
def test_has_space_agrees_with_the_regex(text):
    import re

    from sq_nlp.store.codec import _has_space

    assert _has_space(text) == bool(re.search(r"\s", text))


@pytest.mark.parametrize("offsets", [(3, 5, 4, 6), tuple(range(2**18 - 3, 2**18 + 4)), (-2, -1, 0),
                                     tuple(range(2**18 + 5, 2**18 + 9)), (2**18 - 1, 2**18 + 1, 2**18, 2**18 + 2)])
def test_offset_runs_near_and_past_the_counting_table(offsets):
    from sq_nlp.store.codec import _runs_linear, offset_runs

    assert offset_runs(offsets) == _runs_linear(offsets)


@settings(max_examples=300, deadline=None)
@given(strategies.text(alphabet="政府工作报告１２ \n\u200b，。", max_size=60), strategies.data())
def test_raw_text_comes_back_from_its_blocks_and_residue(raw, data):
    """Blocks take ranges of the raw text, dropping blanks and folding full-width
    digits, as layout repair does; the residue gives back the rest."""
    from sq_nlp.store.codec import compose_text, offset_runs, text_residue

    cuts = sorted(set(data.draw(strategies.lists(strategies.integers(0, len(raw)), max_size=6))))
    blocks = []
    for a, b in zip(cuts, cuts[1:]):
        offsets = [i for i in range(a, b) if not raw[i].isspace() and raw[i] != "\u200b"]
        text = "".join(raw[i] for i in offsets).translate({0xFF11: "1", 0xFF12: "2"})
        blocks.append((text, offset_runs(offsets)))
    rest, at = text_residue(raw, blocks)
    assert compose_text(len(raw), blocks, rest, at) == raw
    assert len(rest) <= len(raw) - sum(1 for text, _ in blocks for c in text if c not in "12")


def test_tidy_gives_freed_pages_back_and_keeps_the_index_whole(db, tmp_path):
    with open_store(db) as st:
        for i in range(6):
            st.write(make_extraction(str(tmp_path / f"r{i}.txt"), sha=f"{i}" * 64), TOKENS)
        for d in st.documents()[:4]:
            st.delete(d.id)
        assert st.query("PRAGMA auto_vacuum")[0][0] == 2  # incremental
        st.tidy(merge_index=True)
        assert st.query("PRAGMA freelist_count")[0][0] == 0
        st.query("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")
        hits = st.query("SELECT count(*) FROM blocks_fts WHERE blocks_fts MATCH ?", ("垃圾分类",))
        assert hits[0][0] == 2
    with open_store(db, readonly=True) as st, pytest.raises(StoreError, match="read-only"):
        st.tidy()
