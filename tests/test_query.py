"""Queries over a store filled with hand-made records, through Python and the CLI."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sq_nlp import query
from sq_nlp.cli import main
from sq_nlp.extract.figures.registry import canonical_of
from sq_nlp.records import Block, Document, Extraction, Figure
from sq_nlp.store.db import SCHEMA_VERSION, open_store


def build(path: str, raw: str, *, region: str, year: int, figures: list[dict[str, Any]] = ()) -> tuple[Extraction, list[list[str]]]:
    """An extraction of ``raw``: paragraphs at blank lines, line breaks inside a
    paragraph dropped from the block text (as OCR repair does), tokens = chars
    grouped by the words listed in WORDS."""
    blocks, tokens = [], []
    pos = 0
    for para in raw.split("\n\n"):
        start = raw.index(para, pos)
        pos = start + len(para)
        offsets = tuple(start + i for i, ch in enumerate(para) if ch != "\n")
        text = "".join(raw[i] for i in offsets)
        if not text:
            continue
        blocks.append(Block("paragraph", text, "工作回顾", offsets[0], offsets[-1] + 1,
                            raw.count("\n", 0, offsets[0]) + 1, offsets))
        tokens.append(tokenize(text))
    figs = []
    for f in figures:
        d = dict(indicator="地区生产总值", value=1.0, unit="亿元", value_base=1e8, base_unit="元",
                 qualifier=None, change=False, target=False, period=year - 1, section="工作回顾",
                 sentence="", start=0, end=1, line=1, value_text="")
        d.update(f)
        # what the figures stage reads into every figure: its measure and headline indicator
        if "measure" not in f:
            d["measure"] = "rate" if d["change"] and d["unit"] == "%" else "level"
        if d["measure"] == "rate" and "basis" not in f:
            d["basis"] = "yoy"
        if "canonical" not in f:
            kind = "percent" if d["unit"] == "%" else "currency" if d["base_unit"] == "元" else "counter"
            d["canonical"] = canonical_of(d["indicator"], measure=d["measure"], base_unit=d["base_unit"], kind=kind,
                                          region=region)
        figs.append(Figure(**d))
    doc = Document(path=path, sha256=path.rjust(64, "0")[-64:], encoding="utf-8", format="txt", text=raw,
                   region=region, year=year, period=year - 1)
    return Extraction(doc, tuple(blocks), tuple(figs)), tokens


WORDS = ("垃圾分类", "生活垃圾", "分类", "垃圾", "工作", "推进", "地区生产总值", "增长", "营商环境")


def tokenize(text: str) -> list[str]:
    out, i = [], 0
    while i < len(text):
        for w in WORDS:
            if text.startswith(w, i):
                out.append(w)
                i += len(w)
                break
        else:
            out.append(text[i])
            i += 1
    return out


def lvl(value: float, unit: str = "亿元", scale: float = 1e8, **kw: Any) -> dict[str, Any]:
    return dict(value=value, unit=unit, value_base=value * scale, base_unit="元", value_text=f"{value:g}", **kw)


def growth(value: float, **kw: Any) -> dict[str, Any]:
    return dict(value=value, unit="%", value_base=value, base_unit="%", change=True, value_text=f"{value:g}", **kw)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "q.db"
    docs = [
        build("a/甲市_2020.txt", "甲市去年地区生产总值100亿元。\n\n推进垃圾分类工作。", region="甲市", year=2020,
              figures=[lvl(100, line=1), growth(5.0, line=1)]),
        build("a/甲市_2021.txt",
              "甲市地区生产总值110亿元，增长10%。\n\n全面推进生活\n垃圾分类，\n营商环境持续优化。",
              region="甲市", year=2021,
              figures=[lvl(110, line=1), growth(10.0, line=1), lvl(11.0, indicator="人均GDP", unit="万元", scale=1e4),
                       dict(indicator="GDP", value=6.0, unit="%", value_base=6.0, base_unit="%", change=True,
                            target=True, period=2021, value_text="6", qualifier="左右")]),
        build("a/甲市_2022.txt", "甲市国内生产总值120亿元，增长12%。", region="甲市", year=2022,
              figures=[lvl(120, indicator="国内生产总值", line=1), growth(12.0, indicator="国内生产总值", line=1)]),
        build("b/乙县_2021.txt", "乙县GDP达到30亿元，增长4.1 %。开展垃圾分类试点。", region="乙县", year=2021,
              figures=[lvl(30, indicator="GDP"), growth(4.1, indicator="GDP"),
                       lvl(8, indicator="一般公共预算收入")]),
    ]
    with open_store(path) as st:
        for ex, toks in docs:
            st.write(ex, toks)
    return path


# -- figures ----------------------------------------------------------------------

def test_gdp_fuzzy_finds_every_synonym_but_not_per_capita(db):
    rows = query.figure_rows(db=db, indicator="GDP")
    assert {r["indicator"] for r in rows} == {"地区生产总值", "国内生产总值", "GDP"}
    assert all("人均" not in r["indicator"] for r in rows)
    assert {r["indicator"] for r in query.figure_rows(db=db, indicator="地区生产总值", exact=True)} == {"地区生产总值"}
    assert [r["indicator"] for r in query.figure_rows(db=db, indicator="人均GDP")] == ["人均GDP"]


@pytest.mark.parametrize("indicator, unit, expected", [
    ("全市地区生产总值", "元", "gdp"), ("国内生产总值", "元", "gdp"), ("经济总量", "元", "gdp"),
    ("泸州经济总量", "元", None), ("全市工业经济总量", "元", None), ("海洋生产总值", "元", None),
    ("数字经济总量", "元", None), ("地区生产总值", "个", None),
    ("全社会研发经费支出相当于全市生产总值的比例", "%", "rd_intensity"),
    ("粮食总产量", "斤", "grain_output"), ("粮食生产能力", "斤", None), ("粮食播种面积", "亩", "grain_area"),
    ("实物商品网上零售额占社会消费品零售总额的比重", "%", None), ("战略性新兴产业增加值占规上工业增加值的比重", "%", None),
    ("社会消费品零售总额", "元", "retail_sales"),
])
def test_a_level_resolves_to_its_headline_indicator_only(indicator, unit, expected):
    kind = {"元": "currency", "%": "percent", "个": "counter"}.get(unit, "measure")
    assert canonical_of(indicator, measure="level", base_unit=unit, kind=kind, region="丁市") == expected


def test_gdp_query_leaves_out_sector_totals(tmp_path):
    path = tmp_path / "g.db"
    with open_store(path) as st:
        ex, toks = build("d/丁市_2026.txt", "丁市。", region="丁市", year=2026, figures=[
            lvl(3, indicator="全市工业经济总量", unit="万亿元", scale=1e12), lvl(5, indicator="全市地区生产总值")])
        st.write(ex, toks)
    assert [r["indicator"] for r in query.figure_rows(db=path, indicator="GDP")] == ["全市地区生产总值"]


def test_indicator_in_full_width_letters_is_the_same_query(db):
    assert len(query.figure_rows(db=db, indicator="ＧＤＰ")) == len(query.figure_rows(db=db, indicator="GDP")) == 9


def test_a_share_of_an_indicator_is_found_only_when_asked_for(tmp_path):
    path = tmp_path / "share.db"
    with open_store(path) as st:
        ex, toks = build("e/辛市_2023.txt", "辛市。", region="辛市", year=2023, figures=[
            lvl(5000, indicator="社会消费品零售总额"),
            dict(indicator="实物商品网上零售额占社会消费品零售总额的比重", value=27.2, unit="%", value_base=27.2,
                 base_unit="%", value_text="27.2")])
        st.write(ex, toks)
    assert [r["value"] for r in query.figure_rows(db=path, indicator="社零总额")] == [5000]
    assert [r["value"] for r in query.figure_rows(db=path, indicator="占社会消费品零售总额")] == [27.2]
    assert [r["level"] for r in query.trend_rows("社会消费品零售总额", db=path)] == ["5000亿元"]


def test_unknown_indicator_matches_as_a_substring(db):
    assert [r["indicator"] for r in query.figure_rows(db=db, indicator="公共预算")] == ["一般公共预算收入"]
    assert query.figure_rows(db=db, indicator="不存在的指标") == []


def test_figure_filters(db):
    assert {r["region"] for r in query.figure_rows(db=db, region="乙")} == {"乙县"}
    assert {r["year"] for r in query.figure_rows(db=db, year=2021)} == {2021}
    assert {r["period"] for r in query.figure_rows(db=db, period=2021)} == {2021}
    assert {r["unit"] for r in query.figure_rows(db=db, unit="%")} == {"%"}
    assert all(r["change"] for r in query.figure_rows(db=db, change=True))
    assert not any(r["change"] for r in query.figure_rows(db=db, change=False))
    (t,) = query.figure_rows(db=db, target=True)
    assert t["qualifier"] == "左右" and query.figure_text(t) == "6%左右"
    assert query.figure_rows(db=db, region="甲", year=2020, indicator="GDP", change=False)[0]["value"] == 100


def test_figure_rows_carry_the_source(db):
    row = query.figure_rows(db=db, region="甲", year=2022)[0]
    assert row["source"] == "a/甲市_2022.txt:1" and row["path"] == "a/甲市_2022.txt"


def test_dataframes(db):
    df = query.figures(db=db, indicator="GDP")
    assert list(df.columns[:4]) == ["region", "year", "period", "indicator"]
    assert len(df) == 9 and set(df["region"]) == {"甲市", "乙县"}
    assert len(query.documents(db=db)) == 4
    assert len(query.figures(db=db, indicator="nothing")) == 0


def test_a_store_object_can_be_passed_instead_of_a_path(db):
    with open_store(db, readonly=True) as st:
        assert len(query.document_rows(db=st)) == 4
        assert len(query.figure_rows(db=st, indicator="GDP")) == 9


# -- search -----------------------------------------------------------------------

def test_search_finds_and_marks_hits_with_the_raw_line(db):
    rows = query.search_rows("垃圾分类", db=db)
    by_path = {r["path"]: r for r in rows}
    assert set(by_path) == {"a/甲市_2020.txt", "a/甲市_2021.txt", "b/乙县_2021.txt"}
    hit = by_path["a/甲市_2021.txt"]
    # the block starts on raw line 3; the hit 垃圾分类 begins on line 4
    assert hit["line"] == 4 and hit["source"] == "a/甲市_2021.txt:4"
    assert "«垃圾分类»" in hit["snippet"]
    # 甲市 2021 was segmented 生活垃圾 / 分类: found as a substring all the same
    assert "«垃圾分类»" in by_path["b/乙县_2021.txt"]["snippet"]


def test_search_marks_a_term_found_by_its_tokens_only(db):
    (hit,) = query.search_rows("4.1%", db=db)
    assert hit["path"] == "b/乙县_2021.txt" and "«4.1» %" in hit["snippet"]


def test_search_does_not_find_a_number_inside_a_longer_one(tmp_path):
    path = tmp_path / "n.db"
    with open_store(path) as st:
        for ex, toks in (
            build("c/丙市_2021.txt", "城乡低保标准提高14.1%。", region="丙市", year=2021),
            build("c/丙市_2022.txt", "收入增长4.1%，达到24.15亿元。", region="丙市", year=2022),
            build("c/丙市_2023.txt", "发展AI产业。MAIL服务。", region="丙市", year=2023),
        ):
            st.write(ex, toks)
    assert [r["path"] for r in query.search_rows("4.1%", db=path)] == ["c/丙市_2022.txt"]
    assert [r["path"] for r in query.search_rows("4.15亿元", db=path)] == []
    (hit,) = query.search_rows("ai", db=path)
    assert "«AI»" in hit["snippet"] and "«MAIL»" not in hit["snippet"]
    assert len(query.search_rows("增长", db=path, limit=1)) == 1


def test_search_query_in_full_width_finds_the_half_width_text(db):
    assert [r["path"] for r in query.search_rows("ＧＤＰ", db=db)] == ["b/乙县_2021.txt"]
    assert [r["path"] for r in query.search_rows("垃圾分类　营商环境", db=db)] == ["a/甲市_2021.txt"]


def test_search_terms_are_anded_and_filters_apply(db):
    assert [r["path"] for r in query.search_rows("垃圾分类 营商环境", db=db)] == ["a/甲市_2021.txt"]
    assert [r["path"] for r in query.search_rows("垃圾分类", db=db, region="乙县")] == ["b/乙县_2021.txt"]
    assert len(query.search_rows("垃圾分类", db=db, limit=1)) == 1
    assert query.search_rows("不存在", db=db) == []


def test_search_is_case_insensitive_and_finds_a_substring_not_indexed_as_a_token(db):
    assert [r["path"] for r in query.search_rows("gdp", db=db)] == ["b/乙县_2021.txt"]
    assert "«垃圾分»" in query.search_rows("垃圾分", db=db, region="甲市", year=2020)[0]["snippet"]


@pytest.mark.parametrize("q", ['"', 'a" OR "b', "NEAR(x y)", "垃圾*", "'; DROP TABLE blocks; --", "^分类"])
def test_search_never_passes_query_syntax_through(db, q):
    query.search_rows(q, db=db)  # no error
    with open_store(db, readonly=True) as st:
        assert st.counts()["blocks"] > 0


def test_empty_search_is_an_error(db):
    with pytest.raises(query.ConfigError):
        query.search_rows("   ", db=db)


# -- trend and check ---------------------------------------------------------------

def test_trend_one_row_per_region_one_column_per_year_with_growth(db):
    columns, rows = query.trend_table(query.trend_rows("GDP", db=db))
    assert columns == ["region", "indicator", "2019", "2019 增长", "2020", "2020 增长", "2021", "2021 增长"]
    by_region = {r["region"]: r for r in rows}
    assert set(by_region) == {"甲市", "乙县"}
    assert (by_region["甲市"]["2019"], by_region["甲市"]["2019 增长"]) == ("100亿元", "5%")
    assert (by_region["甲市"]["2021"], by_region["甲市"]["2021 增长"]) == ("120亿元", "12%")
    assert by_region["乙县"]["2019"] is None and by_region["乙县"]["2020"] == "30亿元"
    df = query.trend("GDP", db=db)
    assert df.loc[("甲市", "地区生产总值"), "2020"] == "110亿元"


def _series_db(path: Path, indicator: str, levels_growths: list[tuple[float, float]]) -> Path:
    with open_store(path) as st:
        for year, (level, g) in enumerate(levels_growths, 2020):
            ex, toks = build(f"s{year}.txt", "文本。", region="戊市", year=year,
                             figures=[lvl(level, indicator=indicator, line=1), growth(g, indicator=indicator, line=2)])
            st.write(ex, toks)
    return path


def test_check_lists_only_real_disagreements(tmp_path):
    # 100 -> 110 is 10%; 110 -> 120 is 9.09%, but 12% is stated.
    path = _series_db(tmp_path / "c.db", "一般公共预算收入", [(100, 3), (110, 10), (120, 12)])
    rows = query.check_rows(db=path)
    assert [(r["region"], r["period"]) for r in rows] == [("戊市", 2021)]
    (r,) = rows
    assert r["stated_growth"] == 12.0 and r["computed_growth"] == pytest.approx(9.09, abs=0.01)
    assert r["level_source"] == "s2022.txt:1" and r["growth_source"] == "s2022.txt:2"
    assert not r["agrees"] and not r["real_growth"]
    every = query.check_rows(db=path, show_all=True)
    assert [(x["period"], x["agrees"]) for x in every] == [(2020, True), (2021, False)]
    assert query.check_rows(db=path, tolerance=5) == []


def test_check_allows_real_growth_its_price_change(db, tmp_path):
    # GDP growth is stated in comparable prices: 甲市's 12% against a nominal
    # 9.09% means prices fell 2.9%, which a year can see.
    assert query.check_rows(db=db) == []
    every = query.check_rows(db=db, show_all=True)
    assert [(x["region"], x["period"], x["agrees"], x["real_growth"]) for x in every] == [
        ("甲市", 2020, True, True), ("甲市", 2021, True, True)]
    # nominal 20% against 5% real would take 15% inflation: listed
    path = _series_db(tmp_path / "g.db", "地区生产总值", [(100, 5), (120, 5)])
    assert [(r["period"], r["difference"]) for r in query.check_rows(db=path)] == [(2020, -15.0)]


def test_check_never_compares_levels_of_rates(tmp_path):
    path = tmp_path / "u.db"
    with open_store(path) as st:
        for year, (rate, g) in enumerate([(5.0, 1.0), (4.0, 9.0)], 2020):
            ex, toks = build(f"u{year}.txt", "文本。", region="己市", year=year, figures=[
                dict(indicator="城镇调查失业率", value=rate, unit="%", value_base=rate, base_unit="%",
                     value_text=f"{rate:g}"), growth(g, indicator="城镇调查失业率")])
            st.write(ex, toks)
    assert query.check_rows(db=path, show_all=True) == []
    # but the trend shows the rate as a level
    (row,) = query.trend_rows("失业率", db=path)[:1]
    assert row["level"] == "5%"


def test_check_allows_for_the_rounding_of_written_numbers(tmp_path):
    # 1.1 -> 1.2 (each ±0.05) allows growth from 4.3% to 13.0%; 12.5% stated is consistent.
    path = tmp_path / "r.db"
    with open_store(path) as st:
        for year, level, g in ((2020, 1.1, 3.0), (2021, 1.2, 12.5)):
            ex, toks = build(f"r{year}.txt", "文本。", region="丙市", year=year,
                             figures=[lvl(level, unit="万亿元", scale=1e12), growth(g)])
            st.write(ex, toks)
    assert query.check_rows(db=path, tolerance=0) == []
    assert query.check_rows(db=path, tolerance=0, show_all=True)[0]["agrees"] is True


# -- CLI --------------------------------------------------------------------------

def test_cli_figures_json_has_sources(db, capsys):
    assert main(["figures", "--indicator", "GDP", "--region", "乙", "--format", "json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["value"], d["unit"]) for d in data] == [(30.0, "亿元"), (4.1, "%")]
    assert all(d["source"] == "b/乙县_2021.txt:1" and "_doc_period" not in d for d in data)
    assert [d["years"] for d in data] == [str(d["period"]) for d in data]  # one year each


def test_cli_figures_table_and_csv(db, capsys):
    assert main(["figures", "--indicator", "GDP", "--target", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:5] == ["region", "year", "years", "indicator", "figure"]
    assert len(out) == 3 and "6%左右" in out[2] and "target" in out[2]
    assert main(["figures", "--level", "--format", "csv", "--db", str(db)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 6 and {r["change"] for r in rows} == {"False"}


def test_cli_search_prints_file_line_and_marked_snippet(db, capsys):
    assert main(["search", "垃圾分类", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "a/甲市_2021.txt:4  [工作回顾]" in out and "«垃圾分类»" in out


def test_cli_trend_and_check(db, capsys):
    assert main(["trend", "--indicator", "地区生产总值", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["region"] for r in rows] == ["乙县", "甲市"] and rows[1]["2020 增长"] == "10%"
    assert main(["check", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["check", "--db", str(db)]) == 0
    assert "no disagreements found in 2 comparisons (--all lists them)" in capsys.readouterr().err
    assert main(["check", "--db", str(db), "--all", "--format", "json"]) == 0
    assert [r["period"] for r in json.loads(capsys.readouterr().out)] == [2020, 2021]


def test_cli_no_rows_is_a_message_not_an_error(db, capsys):
    assert main(["figures", "--indicator", "不存在", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no figures" in captured.err


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_cli_export(db, tmp_path, capsys, fmt):
    out = tmp_path / "export"
    assert main(["export", "--format", fmt, str(out), "--db", str(db)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{t}.{fmt}" for t in query.EXPORT_TABLES)
    if fmt == "json":
        figs = json.loads((out / "figures.json").read_text(encoding="utf-8"))
        # the columns only: no copy of every field as JSON text beside them
        assert len(figs) == 11 and "data" not in figs[0] and figs[0]["indicator"] and "sentence" in figs[0]
    elif fmt == "csv":
        docs = list(csv.DictReader((out / "documents.csv").open(encoding="utf-8")))
        assert len(docs) == 4 and "abspath" not in docs[0]
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(out / "blocks.parquet").num_rows == 6


def test_export_keeps_slogan_fields_that_have_no_column(tmp_path):
    from sq_nlp.records import Slogan

    path = tmp_path / "s.db"
    ex, toks = build("s.txt", "树牢“四个意识”。", region="庚市", year=2021)
    slogan = Slogan(term="四个意识", kind="numbered", count=4, expansion=("政治意识", "大局意识", "核心意识", "看齐意识"),
                    expansion_source="lexicon", count_matches=True, occurrences=1, spans=((3, 7),))
    with open_store(path) as st:
        st.write(ex.__class__(ex.document, ex.blocks, ex.figures, (slogan,)), toks)
    query.export_tables(tmp_path / "csv", "csv", db=path)
    (row,) = csv.DictReader((tmp_path / "csv" / "slogans.csv").open(encoding="utf-8"))
    assert "data" not in row and row["term"] == "四个意识" and json.loads(row["spans"]) == [[3, 7]]
    query.export_tables(tmp_path / "json", "json", db=path)
    (obj,) = json.loads((tmp_path / "json" / "slogans.json").read_text(encoding="utf-8"))
    assert obj["spans"] == [[3, 7]] and obj["expansion"][0] == "政治意识"


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_export_of_a_scanned_document_holds_its_ocr_lines(tmp_path, fmt):
    from dataclasses import replace

    from sq_nlp.records import OcrLine

    path = tmp_path / "scan.db"
    ex, toks = build("scan.png", "推进垃圾分类工作。", region="辛市", year=2021)
    line = OcrLine(1, (10, 20, 300, 40), 0.97, 0, 9)
    with open_store(path) as st:
        st.write(replace(ex, document=replace(ex.document, format="image", ocr_lines=(line,))), toks)
    query.export_tables(tmp_path / fmt, fmt, db=path)  # raised TypeError: an OcrLine is no JSON
    if fmt == "json":
        (doc,) = json.loads((tmp_path / fmt / "documents.json").read_text(encoding="utf-8"))
        assert doc["ocr_lines"] == [line.to_dict()] and doc["ocr_lines"][0]["box"] == [10, 20, 300, 40]
    elif fmt == "csv":
        (doc,) = csv.DictReader((tmp_path / fmt / "documents.csv").open(encoding="utf-8"))
        assert json.loads(doc["ocr_lines"]) == [line.to_dict()]
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(tmp_path / fmt / "documents.parquet").column("ocr_lines").to_pylist()[0][0]["page"] == 1


def test_cli_missing_database_is_one_line(tmp_path, capsys):
    assert main(["figures", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sq-nlp run" in err and "Traceback" not in err
    assert not (tmp_path / "none.db").exists()


def test_cli_newer_schema_is_one_line(db, capsys):
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    assert main(["documents", "--db", str(db)]) == 1
    assert "newer" in capsys.readouterr().err


def test_cli_help_has_examples(capsys):
    for cmd in ("figures", "slogans", "search", "trend", "check", "export", "documents"):
        with pytest.raises(SystemExit):
            main([cmd, "--help"])
        assert "example" in capsys.readouterr().out


def test_query_commands_do_not_import_heavy_libraries(db):
    heavy = ("jieba", "rjieba", "sklearn", "wordcloud", "matplotlib", "pandas")
    code = (
        "import sys\n"
        "from sq_nlp.cli import main\n"
        f"for argv in {[['figures', '--indicator', 'GDP'], ['search', '垃圾分类'], ['trend', '--indicator', 'GDP'], ['check'], ['slogans'], ['documents']]!r}:\n"
        f"    assert main(argv + ['--db', {str(db)!r}, '--format', 'json']) == 0\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("argv, absent", [
    (["figures", "--indicator", "GDP"], ("sq_nlp.store.terms", "sq_nlp.language.chars")),
    (["search", "垃圾分类"], ("sq_nlp.store.answers", "sq_nlp.extract.figures.resolve",
                          "sq_nlp.extract.figures.registry")),
    (["slogans"], ("sq_nlp.store.answers", "sq_nlp.store.terms")),
])
def test_each_query_command_imports_only_what_it_uses(db, argv, absent):
    # Start-up is most of a query's time: a search does not load the figure
    # resolver, a figure query not the search's term model.
    code = (
        "import sys\n"
        "from sq_nlp.cli import main\n"
        f"assert main({argv!r} + ['--db', {str(db)!r}, '--format', 'json']) == 0\n"
        f"print(sorted(m for m in {absent!r} if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_trend_gives_a_span_its_start_year_and_never_takes_an_average_for_a_years_growth(tmp_path):
    from sq_nlp.extract.document import extract_document

    raw = "过去五年，国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。\n\n2017年，国内生产总值增长6.9%。"
    doc = Document(path="n2018.txt", sha256="0" * 64, encoding="utf-8", format="txt", text=raw,
                   region="全国", year=2018, period=2017)
    ex = extract_document(doc)
    average = next(f for f in ex.figures if f.value == 7.1)
    assert (average.basis, average.since) == ("average", 2012)
    path = tmp_path / "n.db"
    with open_store(path) as st:
        st.write(ex, [tokenize(b.text) for b in ex.blocks])
    rows = query.trend_rows("GDP", db=path)
    assert [(r["period"], r["level"], r["growth"]) for r in rows] == [(2012, "54万亿元", None), (2017, "82.7万亿元", "6.9%")]
    assert rows[1]["growth_source"] == "n2018.txt:3"


def test_cli_default_database_is_the_store_default():
    from sq_nlp.cli import query as cli_query
    from sq_nlp.cli import run as cli_run
    from sq_nlp.store.db import DEFAULT_DB

    assert cli_query.DEFAULT_DB == cli_run.DEFAULT_DB == str(DEFAULT_DB)


def test_trend_prefers_a_years_own_figure_to_one_for_several_years(tmp_path):
    raw = "五年来，人民生活持续改善。城镇新增就业6600万人。\n\n刚刚过去的一年，城镇新增就业1351万人，失业率为多年来最低。"
    jobs = dict(indicator="城镇新增就业", unit="万人", base_unit="人")
    path = tmp_path / "j.db"
    with open_store(path) as st:
        ex, toks = build("j2018.txt", raw, region="全国", year=2018, figures=[
            dict(jobs, value=6600.0, value_base=6.6e7, value_text="6600", start=raw.index("6600"), line=1,
                 sentence="城镇新增就业6600万人。"),
            dict(jobs, value=1351.0, value_base=1.351e7, value_text="1351", start=raw.index("1351"), line=3,
                 sentence="刚刚过去的一年，城镇新增就业1351万人，失业率为多年来最低。"),
        ])
        st.write(ex, toks)
    (row,) = query.trend_rows("城镇新增就业", db=path)
    assert row["level"] == "1351万人" and row["level_source"] == "j2018.txt:3"


def test_cli_trend_long_gives_sources(db, capsys):
    assert main(["trend", "--indicator", "GDP", "--region", "甲", "--long", "--format", "json", "--db", str(db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["period"], r["level"], r["growth"]) for r in rows][:2] == [(2019, "100亿元", "5%"), (2020, "110亿元", "10%")]
    assert rows[0]["level_source"] == "a/甲市_2020.txt:1" and rows[0]["value_base"] == 1e10
    assert main(["trend", "--indicator", "GDP", "--long", "--db", str(db)]) == 0
    assert "level_source" in capsys.readouterr().out
