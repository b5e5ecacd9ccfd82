"""The resolver: one answer per region, period and measure, and why the others lost."""

from __future__ import annotations

from typing import Any

import pytest

from sq_nlp.errors import ConfigError
from sq_nlp.extract.figures.resolve import Candidate, resolve
from sq_nlp.records import Figure


def fig(value: float, **kw: Any) -> Figure:
    d: dict[str, Any] = dict(indicator="地区生产总值", value=value, unit="亿元", value_base=value * 1e8, base_unit="元",
                             qualifier=None, change=False, target=False, period=2025, section=None, sentence="",
                             start=0, end=1, line=1, value_text=f"{value:g}", canonical="gdp")
    d.update(kw)
    return Figure(**d)


def rate(value: float, **kw: Any) -> Figure:
    kw = {"unit": "%", "value_base": value, "base_unit": "%", "change": True, "measure": "rate", "basis": "yoy",
          "direction": "up", "signed_value": value, **kw}
    return fig(value, **kw)


def cand(f: Figure, path: str = "r2026.txt", year: int = 2026, head: str = "") -> Candidate:
    return Candidate(figure=f, path=path, region="某省", year=year, doc_period=year - 1, para_head=head)


def ask(cands: list[Candidate], measure: str, period: int = 2025):
    return resolve(cands, indicator="gdp", period=period, measure=measure, region="某省")


def test_an_exact_value_beats_a_threshold_in_the_same_clause():
    a = ask([cand(fig(3, unit="万亿元", bound="at_least", start=5)), cand(fig(3.6, unit="万亿元", start=20))], "level")
    assert a.value == 3.6
    (lost,) = a.rejected
    assert lost.candidate.figure.value == 3 and "threshold" in lost.reason


def test_a_threshold_answers_when_nothing_exact_is_stated():
    a = ask([cand(fig(90, unit="万亿元", bound="at_least"))], "level")
    assert a.value == 90 and a.figure.bound == "at_least"


def test_a_later_reports_final_figure_beats_an_earlier_estimate():
    early = cand(rate(5.0, estimate=True, bound="about", period=2024), path="r2025.txt", year=2025)
    later = cand(rate(5.1, period=2024, start=9), path="r2026.txt", year=2026)
    a = ask([early, later], "rate", period=2024)
    assert a.value == 5.1
    assert "estimate" in a.rejected[0].reason and "later report" in a.rejected[0].reason


def test_an_average_over_years_never_answers_a_years_growth():
    a = ask([cand(rate(5.5, basis="average", since=2020))], "rate")
    assert a.chosen is None and "average" in a.rejected[0].reason
    a = ask([cand(rate(5.5, basis="average", since=2020)), cand(rate(4.1, start=30))], "rate")
    assert a.value == 4.1


def test_cumulative_and_base_year_changes_never_answer_a_years_growth_or_level():
    jobs = dict(indicator="城镇新增就业", unit="万人", value_base=2.6e6, base_unit="人", canonical="urban_jobs")
    a = ask([cand(fig(261.6, basis="cumulative", since=2020, **jobs))], "level")
    assert a.chosen is None and "several years" in a.rejected[0].reason
    a = ask([cand(rate(13.5, basis="base_year", since=2020, direction="down", signed_value=-13.5))], "rate")
    assert a.chosen is None and "against 2020" in a.rejected[0].reason


def test_a_fall_answers_as_a_negative_growth():
    a = ask([cand(rate(3.0, direction="down", signed_value=-3.0))], "rate")
    assert a.value == -3.0 and a.to_dict()["value"] == -3.0


def test_a_target_comes_from_the_report_of_that_year_and_is_its_first_goal():
    plan = [cand(rate(7, target=True, bound="at_least", start=10), path="r2025.txt", year=2025),
            cand(rate(8, target=True, start=20), path="r2025.txt", year=2025),
            cand(rate(6, target=True, start=5), path="r2026.txt", year=2026)]  # restated later: not that year's
    a = ask([*plan, cand(rate(7.1, period=2025), path="r2026.txt", year=2026)], "target")
    assert (a.value, a.chosen.path) == (7, "r2025.txt")
    reasons = {r.candidate.figure.value: r.reason for r in a.rejected}
    assert "stretch" in reasons[8] and "report of 2026" in reasons[6] and "outcome" in reasons[7.1]


def test_targets_and_other_measures_do_not_answer_a_level():
    a = ask([cand(rate(5, target=True)), cand(rate(5.2))], "level")
    assert a.chosen is None
    assert sorted(r.reason for r in a.rejected) == ["a growth rate, not a level", "a target, not an outcome"]


def test_the_report_of_the_year_beats_a_restatement_and_a_multi_year_paragraph():
    own = cand(fig(5696, start=50), path="r2026.txt", year=2026)
    restated = cand(fig(5700, start=1), path="r2027.txt", year=2027)
    five = cand(fig(5690, start=2), path="r2026.txt", year=2026, head="这五年，我们")
    a = ask([restated, five, own], "level")
    assert a.value == 5696
    reasons = {r.candidate.figure.value: r.reason for r in a.rejected}
    assert "later report" in reasons[5700] and "several years" in reasons[5690]


def test_only_the_asked_period_competes_and_an_unknown_measure_is_an_error():
    a = ask([cand(fig(1, period=2020)), cand(fig(2))], "level")
    assert a.value == 2 and a.rejected == ()
    with pytest.raises(ConfigError, match="level, rate, target"):
        ask([], "share")


@pytest.mark.parametrize("kw, text", [
    (dict(value=100, value_text="百万", unit="万吨", qualifier="以上"), "百万吨以上"),  # 万 written once
    (dict(value=3, value_text="3", unit="万亿元"), "3万亿元"),
    (dict(value=300, value_text="三百", unit="万人"), "三百万人"),
    (dict(value=5, value_text="5", unit="%", qualifier="左右"), "5%左右"),
    # a ratio written against one keeps its ∶1 (收入比收窄至2：1以内): never the bare 2以内; one
    # written alone stays so (收入比降至2.2)
    (dict(value=2, value_text="2", unit=None, qualifier="以内", measure="ratio", sentence="收入比收窄至2：1以内。"),
     "2∶1以内"),
    (dict(value=2.2, value_text="2.2", unit=None, measure="ratio", sentence="收入比降至2.2。"), "2.2"),
    # an inner hedge stands after the number and its magnitude, before the unit (1.6万余户, not 余1.6万户)
    (dict(value=1.6, value_text="1.6", unit="万户", qualifier="余"), "1.6万余户"),
    (dict(value=100, value_text="100", unit="家", qualifier="余"), "100余家"),
    (dict(value=3, value_text="3", unit="万亿元", qualifier="多"), "3万多亿元"),
])
def test_an_answer_is_written_as_the_report_writes_it(kw, text):
    from sq_nlp.extract.figures.resolve import figure_text

    value = kw.pop("value")
    assert figure_text(fig(value, **kw)) == text


@pytest.mark.parametrize("text, shown", [
    ("预计地区生产总值突破2.6万亿元。", "≥2.6万亿元"),  # a threshold passed is not the level
    ("工业增加值跨过万亿元大关。", "≥万亿元"),
    ("单位GDP能耗下降3%。", "-3%"),  # a fall reads as a fall
    ("单位GDP能耗下降约3%。", "约-3%"),
    ("粮食产量达到820.1亿斤左右。", "820.1亿斤左右"),  # a hedge beside the number is the mark
    ("城镇新增就业1100万人以上。", "1100万人以上"),
    ("PM2.5平均浓度下降到30微克/立方米。", "30微克/立方米"),  # a level reached by falling is no fall
    ("企业开办时间缩短三分之一以上。", "-1/3以上"),  # a fraction's fall signed on digits, not on 三分之一
    ("货物通关时间平均缩短一半。", "-1/2"),
    ("新能源占比近1/3。", "近1/3"),
])
def test_a_table_cell_marks_thresholds_and_signs_falls(text, shown):
    from sq_nlp.extract.figures.find import extract_figures
    from sq_nlp.extract.figures.resolve import table_text
    from sq_nlp.records import Block, Document

    doc = Document(path="t.txt", sha256="t", encoding="utf-8", format="txt", text=text, year=2025, period=2024)
    (f,) = extract_figures(doc, [Block("paragraph", text, None, 0, len(text), 1, tuple(range(len(text))))])
    assert table_text(f) == shown
