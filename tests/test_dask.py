"""The Dask engine on a LocalCluster: same rows as the local engine."""

from __future__ import annotations

import pytest

from sq_nlp.cli import main
from sq_nlp.pipeline import DaskEngine, LocalEngine, run
from sq_nlp.store.db import open_store

pytest.importorskip("distributed", reason="the dask extra is not installed")

REPORT = "2024年，全区地区生产总值达到{n}亿元，同比增长{g}%。新增就业{j}万人。\n"


def _corpus(tmp_path, n=4):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i}.txt").write_text("各位代表：\n\n" + REPORT.format(n=100 + i, g=5, j=i + 1), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    return folder


def _rows(db):
    with open_store(db, readonly=True) as store:
        figs = sorted((f.figure.indicator, f.figure.value_base, f.figure.start) for f in store.figures())
        return store.counts(), figs


@pytest.mark.slow
def test_dask_local_cluster_matches_local_engine(tmp_path):
    folder = _corpus(tmp_path)
    dask_db, local_db = tmp_path / "dask.db", tmp_path / "local.db"
    summary = run([folder], db_path=dask_db, engine=DaskEngine(workers=1), progress=False)
    assert len(summary.ingested) == 4
    assert [p for p, _ in summary.failed] == [str(folder / "bad.txt")]  # the bad file is reported, the rest ingested
    run([folder], db_path=local_db, engine=LocalEngine(workers=1), progress=False)
    assert _rows(dask_db) == _rows(local_db)
    again = run([folder], db_path=dask_db, engine=DaskEngine(workers=1), progress=False)
    assert len(again.skipped) == 4 and not again.ingested


def test_cli_refuses_scheduler_without_dask(tmp_path, capsys):
    assert main(["run", str(tmp_path), "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    from sq_nlp.errors import ConfigError

    folder = _corpus(tmp_path, n=1)
    engine = DaskEngine(scheduler="tcp://127.0.0.1:9", connect_timeout=2)
    with pytest.raises(ConfigError, match="scheduler"):
        run([folder], db_path=tmp_path / "x.db", engine=engine, progress=False)
