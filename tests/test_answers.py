"""Resolved answers through the store and the CLI, and scored against the blind question set."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import ROOT, SHARED_CORPUS
from sq_nlp.cli import main
from sq_nlp.errors import ConfigError
from sq_nlp.extract.document import extract_document
from sq_nlp.records import Document
from sq_nlp.store.answers import answer_rows, answers
from sq_nlp.store.db import open_store


def _store(path: Path, reports: dict[str, tuple[int, str]]) -> Path:
    """A store of real extractions of small reports (path -> (year, text))."""
    from sq_nlp.language.segment import default_segmenter

    seg = default_segmenter()
    with open_store(path) as st:
        for name, (year, text) in reports.items():
            doc = Document(path=name, sha256=name.rjust(64, "0")[-64:], encoding="utf-8", format="txt", text=text,
                           region="某省", year=year, period=year - 1)
            ex = extract_document(doc)
            st.write(ex, [seg.cut(b.text) for b in ex.blocks])
    return path


REPORTS = {
    "r2025.txt": (2025, "# 一、2024年工作回顾\n\n预计全省地区生产总值增长5%左右、突破3万亿元。\n\n"
                        "# 二、2025年工作安排\n\n主要预期目标是：地区生产总值增长5.5%以上、力争达到6%；细颗粒物平均浓度下降2%。"),
    "r2026.txt": (2026, "# 一、2025年工作回顾\n\n全省地区生产总值突破3万亿元、达到3.12万亿元，增长5.6%。"
                        "细颗粒物平均浓度下降4.2%。\n\n过去五年，地区生产总值年均增长5.9%。\n\n"
                        "# 二、2026年工作安排\n\n地区生产总值增长5%左右。"),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return _store(tmp_path_factory.mktemp("answers") / "a.db", REPORTS)


def test_one_answer_per_year_and_measure(db):
    got = {(a.period, a.measure): (a.value, a.figure.bound, a.chosen.path) for a in answers("GDP", db=db)}
    assert got == {
        (2024, "rate"): (5.0, "about", "r2025.txt"),  # an estimate, and all there is
        (2024, "level"): (3.0, "at_least", "r2025.txt"),
        (2025, "target"): (5.5, "at_least", "r2025.txt"),  # not the stretch goal 6%
        (2025, "level"): (3.12, "exact", "r2026.txt"),  # not the threshold beside it
        (2025, "rate"): (5.6, "exact", "r2026.txt"),  # not the five-year average
        (2026, "target"): (5.0, "about", "r2026.txt"),
    }


def test_a_fall_is_a_negative_rate_and_a_question_asked_in_full_comes_back_unanswered(db):
    (a,) = answers("PM2.5", db=db, region="某省", period=2025, measure="rate")
    assert a.value == -4.2
    (none,) = answers("GDP", db=db, region="某省", period=2019, measure="level")
    assert none.chosen is None and none.value is None


def test_a_lead_line_set_as_its_own_paragraph_gives_the_next_its_span_of_years(tmp_path):
    # 这五年，…。 alone on its line, then the paragraph it leads: a five-year total, not 2025's level
    db = _store(tmp_path / "lead.db", {"r2026.txt": (2026, (
        "# 一、2025年和“十四五”时期工作回顾\n\n这五年，我们持续改善民生。\n\n一般公共预算支出3.4万亿元。\n\n"
        "2025年，一般公共预算支出7100亿元。"))})
    (a,) = answers("一般公共预算支出", db=db, region="某省", period=2025, measure="level")
    assert (a.value, a.chosen.path) == (7100.0, "r2026.txt")
    assert any("several years" in r.reason for r in a.rejected if r.candidate.figure.value == 3.4)


def test_answer_rows_name_the_indicator_and_keep_the_losers(db):
    (row,) = answer_rows("地区生产总值", db=db, period=2025, measure="level")
    assert row["name"] == "地区生产总值" and row["text"] == "3.12万亿元" and row["source"] == "r2026.txt:3"
    assert any("threshold" in o["reason"] for o in row["others"])


def test_cli_answer_table_json_why_and_list(db, capsys):
    assert main(["answer", "GDP", "--period", "2025", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "3.12万亿元" in out and "5.5%以上" in out and "r2026.txt:3" in out
    assert main(["answer", "GDP", "--period", "2025", "--measure", "rate", "--why", "--db", str(db)]) == 0
    assert "average over years" in capsys.readouterr().out
    assert main(["answer", "细颗粒物平均浓度", "--measure", "rate", "--format", "json", "--db", str(db)]) == 0
    assert [(r["period"], r["value"]) for r in json.loads(capsys.readouterr().out)] == [(2025, -4.2)]
    assert main(["answer", "--list"]) == 0
    assert "gdp" in capsys.readouterr().out


def test_cli_answer_errors_are_one_line(db, capsys):
    assert main(["answer", "--db", str(db)]) == 1
    assert "name an indicator" in capsys.readouterr().err
    with pytest.raises(ConfigError):
        answers("GDP", db=db, measure="share")


def test_check_compares_signed_growth_and_never_an_average(tmp_path):
    # a pollutant fell from 40 to 37.6 微克/立方米: "下降6%" agrees once the sign is kept
    reports = {
        "p2025.txt": (2025, "# 一、2024年工作回顾\n\n细颗粒物平均浓度40微克/立方米。"),
        "p2026.txt": (2026, "# 一、2025年工作回顾\n\n细颗粒物平均浓度37.6微克/立方米，下降6%。\n\n"
                            "过去五年，细颗粒物平均浓度年均下降9%。"),
    }
    from sq_nlp import query

    path = _store(tmp_path / "p.db", reports)
    (row,) = query.check_rows(db=path, indicator="PM2.5", show_all=True)
    assert row["stated_growth"] == -6.0 and row["agrees"] and row["computed_growth"] == -6.0


def _score_module():
    spec = importlib.util.spec_from_file_location("score_answers", ROOT / "scripts" / "score_answers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_blind_question_set(questions_db):
    sa = _score_module()
    gold = sa.load_gold(sorted((ROOT / "tests" / "data" / "questions").glob("gold*.jsonl")))
    acc = sa.report(sa.score(gold, questions_db, SHARED_CORPUS))
    assert acc["all"] >= 0.97
    for measure in ("level", "rate", "target"):
        assert acc[f"measure={measure}"] >= 0.95, measure
    assert acc["bad_lines"] == 0
