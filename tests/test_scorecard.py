"""Targets against outcomes: the verdict rule, the command, the chart and the blind scorecard gold."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import ROOT
from sq_nlp.cli import main
from sq_nlp.store.scorecard import scorecard_rows, summary, verdict


@pytest.mark.parametrize("target, outcome, kw, expected", [
    (5, 5.4, dict(bound="about"), "met"),
    (5, 5.0, dict(bound="about"), "met"),
    (5, 4.6, dict(bound="about"), "within the bound"),
    (5, 4.5, dict(bound="about"), "within the bound"),
    (5, 4.4, dict(bound="about"), "missed"),
    (5, 4.9, dict(bound="at_least"), "missed"),  # 5%以上 allows nothing below
    (5, 4.9, dict(bound="exact"), "missed"),
    (5, 5.2, dict(bound="range", target_max=5.5), "met"),
    (5, 5.8, dict(bound="range", target_max=5.5), "met"),  # above a growth range is no failure
    (5, 4.9, dict(bound="range", target_max=5.5), "missed"),
    # less is better: CPI 3%左右, unemployment 5.5%以内, energy intensity down 3%
    (3, 0.2, dict(bound="about", lower_is_better=True), "met"),
    (3, 3.4, dict(bound="about", lower_is_better=True), "within the bound"),
    (5.5, 5.6, dict(bound="at_most"), "missed"),
    (-3, -3.5, dict(bound="about", lower_is_better=True), "met"),
    (-3, -2.0, dict(bound="about", lower_is_better=True), "missed"),
    # levels: an approximate target allows 5% of its value
    (45, 43, dict(bound="about", rate=False), "within the bound"),
    (45, 42, dict(bound="about", rate=False), "missed"),
])
def test_verdict(target, outcome, kw, expected):
    assert verdict(target, outcome, **kw) == expected


def _store(tmp_path: Path) -> Path:
    from test_answers import _store as store

    return store(tmp_path / "s.db", {
        "r2025.txt": (2025, "# 一、2024年工作回顾\n\n全省地区生产总值增长5.1%。\n\n# 二、2025年工作安排\n\n"
                            "主要预期目标是：地区生产总值增长5.5%左右，居民消费价格涨幅2%左右，城镇新增就业45万人以上。"),
        "r2026.txt": (2026, "# 一、2025年工作回顾\n\n全省地区生产总值增长5.2%，居民消费价格上涨0.3%，城镇新增就业44万人。\n\n"
                            "# 二、2026年工作安排\n\n地区生产总值增长5%左右。"),
    })


def test_scorecard_rows_pair_the_target_with_the_next_reports_outcome(tmp_path):
    rows = scorecard_rows(db=_store(tmp_path))
    got = {(r["indicator"], r["year"]): (r["target"], r["outcome"], r["verdict"]) for r in rows}
    assert got[("gdp", 2025)] == ("5.5%左右", "5.2%", "within the bound")
    assert got[("cpi", 2025)] == ("2%左右", "0.3%", "met")
    assert got[("urban_jobs", 2025)] == ("45万人以上", "44万人", "missed")
    assert got[("gdp", 2026)] == ("5%左右", None, None)  # the year's outcome is not stated yet
    (gdp,) = [r for r in rows if r["indicator"] == "gdp" and r["year"] == 2025]
    assert gdp["target_source"] == "r2025.txt:7" and gdp["outcome_source"] == "r2026.txt:3"
    assert summary(rows)["no verdict"] == 1


def test_a_fall_reads_as_a_fall_in_the_scorecard(tmp_path):
    from test_answers import _store as store

    db = store(tmp_path / "f.db", {
        "r2025.txt": (2025, "# 一、2024年工作回顾\n\n全省地区生产总值增长5.1%。\n\n# 二、2025年工作安排\n\n"
                            "主要预期目标是：地区生产总值增长5.5%左右，居民消费价格涨幅2%左右。"),
        "r2026.txt": (2026, "# 一、2025年工作回顾\n\n全省地区生产总值增长5.2%，居民消费价格下降0.1%。"),
    })
    (cpi,) = [r for r in scorecard_rows(db=db) if r["indicator"] == "cpi"]
    assert (cpi["target"], cpi["outcome"], cpi["outcome_value"], cpi["verdict"]) == ("2%左右", "-0.1%", -0.1, "met")


def test_cli_scorecard_table_csv_and_chart(tmp_path, capsys):
    db = _store(tmp_path)
    assert main(["scorecard", "--indicator", "GDP", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "within the bound" in captured.out and "r2026.txt:3" in captured.out
    assert "met 0, within the bound 1, missed 0" in captured.err
    assert main(["scorecard", "--format", "json", "--all", "--db", str(db)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4
    out = tmp_path / "targets.png"
    assert main(["scorecard", "--indicator", "GDP", "--chart", str(out), "--db", str(db)]) == 0
    assert out.stat().st_size > 10_000
    assert main(["scorecard", "--indicator", "GDP", "--year", "2026", "--chart", str(out), "--db", str(db)]) == 1
    assert "nothing to chart" in capsys.readouterr().err


@pytest.mark.shared
def test_blind_scorecard_gold(questions_db):
    spec = importlib.util.spec_from_file_location("score_scorecard", ROOT / "scripts" / "score_scorecard.py")
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    gold = sc.score_answers.load_gold(sorted((ROOT / "tests" / "data" / "questions").glob("scorecard_*.jsonl")))
    acc = sc.report(sc.score(gold, questions_db))
    assert acc["verdict"] >= 0.95 and acc["row"] >= 0.95


def test_the_report_page_shows_headline_answers_and_last_years_targets(tmp_path):
    from sq_nlp.store.db import open_store
    from sq_nlp.summaries.report import build_report

    db = _store(tmp_path)
    with open_store(db, readonly=True) as st:
        (doc,) = [d for d in st.documents() if d.path == "r2026.txt"]
        ex = st.extraction(doc.id)
    page = build_report(ex, db_path=db)
    assert '<h2 id="headline">主要指标</h2>' in page and "5.2%" in page and "5%左右" in page
    assert '<h2 id="scorecard">2025年目标完成情况</h2>' in page
    assert "3 项目标：完成 1 项，基本完成（左右） 1 项，未完成 1 项。" in page
    assert "r2025.txt:7" in page
