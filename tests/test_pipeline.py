"""The batch run: expanding paths, incremental ingest, failures, processes,
a SIGKILL mid-ingest, concurrent ingests and queries."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sq_nlp import pipeline
from sq_nlp.cli import main
from sq_nlp.store.db import open_store

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = (
    "{year}年，全市地区生产总值达到{gdp}亿元，比上年增长{g}%。一般公共预算收入{rev}亿元，增长{g2}%。",
    "深入推进生活垃圾分类，城市生活垃圾回收利用率达到{pct}%。持续优化营商环境，新增市场主体{n}万户。",
    "坚持以人民为中心的发展思想，城镇新增就业{jobs}万人，城镇调查失业率控制在{u}%以内。",
    "全面推进乡村振兴，粮食产量稳定在{grain}万吨以上，农村居民人均可支配收入增长{g3}%。",
)


def report_text(region: str, year: int, size: int = 4) -> str:
    """A small made-up report: title, heading and ``size`` rounds of paragraphs."""
    parts = [f"{region}{year}年政府工作报告", "", f"一、{year - 1}年工作回顾", ""]
    for i in range(size):
        for j, para in enumerate(PARAGRAPHS):
            parts += [para.format(year=year - 1, gdp=100 + i + j, g=5 + i % 3, rev=10 + i, g2=3 + j,
                                  pct=30 + i, n=i + 1, jobs=5 + i, u=5.5, grain=200 + i, g3=6 + j), ""]
    return "\n".join(parts)


def make_corpus(root: Path, n: int = 3, size: int = 4) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        p = root / f"city{i}_{2020 + i}.txt"
        p.write_text(report_text(f"第{i}市", 2020 + i, size), encoding="utf-8")
        files.append(p)
    return files


def counts(db: Path) -> dict[str, int]:
    with open_store(db, readonly=True) as st:
        return st.counts()


def assert_consistent(db: Path) -> None:
    """Integrity holds and every document has exactly the rows it announced."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO blocks_fts (blocks_fts) VALUES ('integrity-check')")
        partial = conn.execute(
            "SELECT d.path FROM documents d WHERE "
            "d.n_blocks != (SELECT count(*) FROM blocks b WHERE b.doc_id = d.id) OR "
            "d.n_figures != (SELECT count(*) FROM figures f WHERE f.doc_id = d.id) OR "
            "d.n_slogans != (SELECT count(*) FROM slogans s WHERE s.doc_id = d.id)").fetchall()
        assert partial == []
        orphans = conn.execute(
            "SELECT count(*) FROM blocks WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()


# -- expanding paths ---------------------------------------------------------------

def test_expand_paths_finds_reports_once_and_skips_sidecars_and_others(tmp_path):
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    for name in ("a.txt", "b.DOCX", "c.pdf", "d.html", "e.htm", "sub/f.txt", "a.txt.meta.json",
                 "notes.md", ".secret.txt", "sub/.hidden/g.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, failures = pipeline.expand_paths([tmp_path, tmp_path / "a.txt", tmp_path / "notes.md",
                                             tmp_path / "a.txt.meta.json", tmp_path / "missing.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a.txt", "b.DOCX", "c.pdf", "d.html", "e.htm", "sub/f.txt", "notes.md"]
    assert [(Path(f.path).name, f.status) for f in failures] == [("missing.txt", "failed")]


# -- incremental ingest ------------------------------------------------------------

def test_second_run_skips_everything_and_a_changed_file_replaces_only_its_rows(tmp_path):
    files = make_corpus(tmp_path / "c")
    db = tmp_path / "o.db"
    first = pipeline.run([tmp_path / "c"], db_path=db, workers=1)
    assert first.ok and len(first.ingested) == 3 and first.seen == 3
    before = counts(db)
    assert before["documents"] == 3 and before["blocks"] > 3

    second = pipeline.run([tmp_path / "c"], db_path=db, workers=1)
    assert second.ingested == () and len(second.skipped) == 3
    assert counts(db) == before

    files[1].write_text(report_text("第1市", 2021, size=5), encoding="utf-8")
    third = pipeline.run([tmp_path / "c"], db_path=db, workers=1)
    assert third.ingested == (str(files[1]),)
    assert [r.status for r in third.results] == ["skipped", "replaced", "skipped"]
    after = counts(db)
    assert after["documents"] == 3 and after["blocks"] > before["blocks"]
    assert_consistent(db)


def test_a_changed_sidecar_reingests_its_report(tmp_path):
    (f,) = make_corpus(tmp_path / "c", n=1)
    db = tmp_path / "o.db"
    pipeline.run([f], db_path=db, workers=1)
    f.with_name(f.name + ".meta.json").write_text(json.dumps({"region": "某市", "year": 2020}), encoding="utf-8")
    res = pipeline.run([f], db_path=db, workers=1)
    assert [r.status for r in res.results] == ["replaced"]
    with open_store(db, readonly=True) as st:
        assert [(d.region, d.year) for d in st.documents()] == [("某市", 2020)]


def test_reports_extracted_by_earlier_rules_are_extracted_again(tmp_path, monkeypatch):
    import sq_nlp.extract

    files = make_corpus(tmp_path / "c", n=2)
    db = tmp_path / "o.db"
    pipeline.run(files, db_path=db, workers=1)
    assert [r.status for r in pipeline.run(files, db_path=db, workers=1).results] == ["skipped", "skipped"]
    monkeypatch.setattr(sq_nlp.extract, "EXTRACTION_VERSION", "next")
    assert [r.status for r in pipeline.run(files, db_path=db, workers=1).results] == ["replaced", "replaced"]


def test_force_reingests(tmp_path):
    make_corpus(tmp_path / "c", n=2)
    db = tmp_path / "o.db"
    pipeline.run([tmp_path / "c"], db_path=db, workers=1)
    before = counts(db)
    res = pipeline.run([tmp_path / "c"], db_path=db, workers=1, force=True)
    assert [r.status for r in res.results] == ["replaced", "replaced"] and counts(db) == before


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path):
    make_corpus(tmp_path / "c", n=2)
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    (tmp_path / "c" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "c" / "x.txt.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "c" / "x.txt").write_text(report_text("某市", 2020, 1), encoding="utf-8")
    db = tmp_path / "o.db"
    res = pipeline.run([tmp_path / "c", tmp_path / "nope"], db_path=db, workers=1)
    failed = {Path(p).name: reason for p, reason in res.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "x.txt", "nope"}
    assert all(reason for reason in failed.values())
    assert "empty" in failed["empty.txt"] and "sidecar" in failed["x.txt"]
    assert len(res.ingested) == 2 and not res.ok
    assert counts(db)["documents"] == 2


def test_worker_processes_give_the_same_rows_as_one_process(tmp_path):
    make_corpus(tmp_path / "c", n=4, size=2)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = pipeline.run([tmp_path / "c"], db_path=one, workers=1)
    r2 = pipeline.run([tmp_path / "c"], db_path=two, workers=2)
    assert r1.ok and r2.ok and [r.path for r in r1.results] == [r.path for r in r2.results]
    q = "SELECT d.path, b.seq, b.text, b.tokens FROM blocks b JOIN documents d ON d.id = b.doc_id ORDER BY 1, 2"
    rows = []
    for db in (one, two):
        conn = sqlite3.connect(db)
        rows.append(conn.execute(q).fetchall())
        conn.close()
    assert rows[0] == rows[1] and rows[0]


def _dies_on_b(item: str) -> str:
    if item == "b":
        os._exit(3)  # a worker killed from outside (out of memory, say)
    return item.upper()


def test_a_dying_worker_fails_its_items_and_loses_none():
    results = dict(pipeline.LocalEngine(workers=2).imap_unordered(_dies_on_b, list("abcdef")))
    assert sorted(results) == list("abcdef")
    assert isinstance(results["b"], BaseException)
    assert all(r == k.upper() or isinstance(r, BaseException) for k, r in results.items())


def test_blocks_are_indexed_with_segmenter_tokens(tmp_path):
    make_corpus(tmp_path / "c", n=1)
    db = tmp_path / "o.db"
    pipeline.run([tmp_path / "c"], db_path=db, workers=1)
    with open_store(db, readonly=True) as st:
        blocks = list(st.blocks())
        assert all("".join(b.tokens) == "".join(b.text.split()) for b in blocks)
        assert any("垃圾分类" in b.tokens or "分类" in b.tokens for b in blocks)
    from sq_nlp import query

    assert query.search_rows("垃圾分类", db=db)


def test_bad_database_fails_before_any_work(tmp_path):
    make_corpus(tmp_path / "c", n=1)
    with pytest.raises(pipeline.StoreError, match="directory"):
        pipeline.run([tmp_path / "c"], db_path=tmp_path, workers=1)


# -- CLI -------------------------------------------------------------------------------

def test_cli_run_reports_failures_and_exit_code(tmp_path, capsys):
    make_corpus(tmp_path / "c", n=2)
    db = tmp_path / "o.db"
    assert main(["run", str(tmp_path / "c"), "--db", str(db), "--workers", "1", "--no-summaries"]) == 0
    assert "2 ingested" in capsys.readouterr().err
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    assert main(["run", str(tmp_path / "c"), "--db", str(db), "--workers", "1", "--no-summaries"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err and "empty" in err.split("empty.txt", 1)[1] and "Traceback" not in err
    assert "2 unchanged, 1 failed" in err


def test_cli_run_rejects_bad_worker_counts(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--workers", "0"])
    assert "at least 1" in capsys.readouterr().err


def test_cli_run_into_a_corrupt_database_overwrites_nothing(tmp_path, capsys):
    make_corpus(tmp_path / "c", n=1)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    assert main(["run", str(tmp_path / "c"), "--db", str(bad), "--workers", "1", "--no-summaries"]) == 1
    assert "not a readable sq_nlp database" in capsys.readouterr().err
    assert bad.read_bytes() == b"garbage" * 1000


# -- processes: SIGKILL, concurrent ingests, queries during an ingest -----------------------

def _ingest_process(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "sq_nlp", "run", str(corpus), "--db", str(db), "--no-summaries", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def _documents(db: Path) -> int:
    try:
        with open_store(db, readonly=True) as st:
            return st.counts()["documents"]
    except pipeline.StoreError:  # not created yet
        return 0


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_a_consistent_database_and_a_rerun_completes(tmp_path):
    n = 40
    make_corpus(tmp_path / "c", n=n, size=12)
    db = tmp_path / "o.db"
    proc = _ingest_process(tmp_path / "c", db, "--workers", "1")
    deadline = time.monotonic() + 120
    seen_during = 0
    while time.monotonic() < deadline and proc.poll() is None:
        seen_during = _documents(db)  # a query while the ingest writes
        if seen_during >= 3:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    done = _documents(db)
    assert 3 <= done < n
    assert_consistent(db)

    res = pipeline.run([tmp_path / "c"], db_path=db, workers=1)
    assert res.ok and len(res.skipped) == done and len(res.ingested) == n - done
    assert _documents(db) == n
    assert_consistent(db)


@pytest.mark.slow
def test_two_ingests_of_the_same_corpus_at_once_do_not_duplicate_rows(tmp_path):
    n = 8
    make_corpus(tmp_path / "c", n=n, size=3)
    db = tmp_path / "o.db"
    with open_store(db):
        pass  # created once, so both processes find the schema
    procs = [_ingest_process(tmp_path / "c", db, "--workers", "1") for _ in range(2)]
    queries = 0
    while any(p.poll() is None for p in procs):
        from sq_nlp import query

        query.document_rows(db=db)  # queries succeed while both write
        queries += 1
        time.sleep(0.02)
    for p in procs:
        assert p.wait() == 0, p.stderr.read().decode() if p.stderr else ""
    assert queries > 0
    c = counts(db)
    assert c["documents"] == n
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT abspath) FROM documents").fetchone()[0] == n
    assert c["blocks"] == conn.execute("SELECT sum(n_blocks) FROM documents").fetchone()[0]
    conn.close()
    assert_consistent(db)


# -- the seed, end to end ------------------------------------------------------------------

def test_seed_end_to_end(seed_path, tmp_path, capsys):
    if not seed_path.exists():
        pytest.skip("corpus/shengquan_2020.txt is not in the repository")
    db = tmp_path / "seed.db"
    assert main(["run", str(seed_path), "--db", str(db), "--workers", "1"]) == 0
    capsys.readouterr()
    # the main job also writes the summaries beside the database
    assert (tmp_path / "report.html").stat().st_size > 10_000
    assert any((tmp_path / "clouds").glob("*.png"))
    assert main(["search", "垃圾分类", "--db", str(db), "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) >= 2 and all("«垃圾分类»" in h["snippet"] for h in hits)
    assert all(h["source"].startswith(str(seed_path)) for h in hits)
    assert main(["figures", "--indicator", "GDP", "--format", "json", "--db", str(db)]) == 0
    figs = json.loads(capsys.readouterr().out)
    if not figs:
        pytest.skip("extract yields no GDP figures for the seed yet")
    # every figure points at a raw line whose text holds its number
    text = seed_path.read_text(encoding="utf-8").splitlines()
    for f in figs:
        assert f["source"] == f"{seed_path}:{f['line']}"
        assert f["value_text"] and f["value_text"] in "".join(text[f["line"] - 1: f["line"] + 1])


def test_progress_bar_and_result_callback(tmp_path, capsys):
    make_corpus(tmp_path / "c", n=2, size=1)
    seen = []
    res = pipeline.run([tmp_path / "c", tmp_path / "nope"], db_path=tmp_path / "o.db", workers=1,
                       progress=True, on_result=seen.append)
    assert sorted(r.status for r in seen) == ["failed", "inserted", "inserted"]
    assert [Path(r.path).name for r in res.results] == ["nope", "city0_2020.txt", "city1_2021.txt"]
    assert "sq-nlp run" in capsys.readouterr().err  # the bar, forced on without a terminal
    pipeline.run([tmp_path / "c"], db_path=tmp_path / "o.db", workers=1)
    assert capsys.readouterr().err == ""  # no terminal: quiet
