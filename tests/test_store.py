"""The SQLite store: round trips, idempotent writes, bad files, concurrency."""

from __future__ import annotations

import json
import os
import sqlite3
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies

from sq_nlp.errors import StoreError
from sq_nlp.records import Block, Document, Extraction, Figure, Slogan
from sq_nlp.store.db import (
    SCHEMA_VERSION,
    _figure_from_data,
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
    assert json.loads(encode_offsets(tuple(range(100, 5100)))) == [[0, 100, 5000]]


def test_a_figure_with_fields_added_later_still_loads():
    d = make_extraction("x.txt").figures[0].to_dict()
    d["new_field_from_a_later_version"] = [1, 2]
    assert _figure_from_data(d) == make_extraction("x.txt").figures[0]
    del d["indicator"]
    with pytest.raises(StoreError, match="re-ingest"):
        _figure_from_data(d)


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


def test_stored_data_keeps_the_whole_record(db, tmp_path):
    ex = make_extraction(str(tmp_path / "r.txt"))
    with open_store(db) as st:
        st.write(ex, TOKENS)
        (data,) = st.query("SELECT data FROM figures WHERE seq = 0")[0]
    assert json.loads(data) == ex.figures[0].to_dict()


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
