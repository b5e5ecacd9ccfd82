"""Figures from tables: row header × column header, with raw offsets."""

from __future__ import annotations

from sq_nlp.extract.document import extract_document
from sq_nlp.records import Document

TABLE = (
    "2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n全省地区生产总值增长5.3%。\n"
    "指标\t2024年\t2025年\t同比增长（%）\n"
    "地区生产总值（亿元）\t5503\t5696\t5.3\n"
    "一般公共预算收入（亿元）\t300.1\t310.2\t-3.4\n"
    "城镇新增就业（万人）\t8.1\t8.3\t\n"
    "粮食产量\t\t380万吨\t\n"
    "各项工作取得新进展。\n"
)


def figures(text: str = TABLE):
    doc = Document("t.txt", "0" * 64, "utf-8", "txt", text, region="某省", year=2026, period=2025)
    return doc, extract_document(doc).figures


def test_each_cell_is_a_figure_of_its_row_and_column():
    doc, figs = figures()
    table = [(f.indicator, f.value, f.unit, f.period, f.measure, f.signed_value, f.canonical)
             for f in figs if f.line >= 6]
    assert table == [
        ("地区生产总值", 5503, "亿元", 2024, "level", 5503, "gdp"),
        ("地区生产总值", 5696, "亿元", 2025, "level", 5696, "gdp"),
        ("地区生产总值", 5.3, "%", 2025, "rate", 5.3, "gdp"),
        ("一般公共预算收入", 300.1, "亿元", 2024, "level", 300.1, "budget_revenue"),
        ("一般公共预算收入", 310.2, "亿元", 2025, "level", 310.2, "budget_revenue"),
        ("一般公共预算收入", 3.4, "%", 2025, "rate", -3.4, "budget_revenue"),
        ("城镇新增就业", 8.1, "万人", 2024, "level", 8.1, "urban_jobs"),
        ("城镇新增就业", 8.3, "万人", 2025, "level", 8.3, "urban_jobs"),
        ("粮食产量", 380, "万吨", 2025, "level", 380, "grain_output"),  # the unit written in the cell
    ]
    for f in figs:
        assert doc.text[f.start:f.end].replace("%", "") in (f.value_text, f"{f.value_text}万吨")
    assert [f.line for f in figs][:2] == [4, 6]  # document order, the sentence's figure first


def test_a_table_without_units_yields_nothing_it_cannot_read():
    _, figs = figures("各位代表：\n项目\t数量\n甲\t3\n乙\t4\n")
    assert figs == ()


def test_a_header_with_targets_makes_targets_for_the_reports_year():
    text = "各位代表：\n指标\t2025年实际\t2026年目标\n地区生产总值增速（%）\t5.3\t5\n"
    _, figs = figures(text)
    assert [(f.value, f.period, f.target) for f in figs] == [(5.3, 2025, False), (5, 2026, True)]
