"""Attention panels (``sq-nlp measure``): dictionaries, the panel's numbers
(against counts made by hand), its files and charts; and the national
timeline of 新质生产力 read from the reports in ``corpus/``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sq_nlp import pipeline
from sq_nlp.cli import main
from sq_nlp.errors import ConfigError
from sq_nlp.store import panels, terms
from sq_nlp.store.panels import Dictionary, load_dictionary, measure_rows, parse_dictionary

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
HANDCOUNT = Path(__file__).parent / "data" / "panels_handcount"


# -- dictionaries ----------------------------------------------------------------------

def test_a_user_dictionary():
    d = parse_dictionary("\ufeff# 我的词表\n# name: 绿色发展\n\n绿色   # the main word\n低碳\n绿色\n!绿色通道\n５Ｇ\n",
                         name="file_stem", source="mine.txt")
    assert d == Dictionary("绿色发展", ("绿色", "低碳", "5G"), ("绿色通道",), "mine.txt", "我的词表")
    assert parse_dictionary("环保\n", name="stem", source="x.txt").name == "stem"


@pytest.mark.parametrize("text,message", [
    ("# only comments\n", "no term"),
    ("环保 100 n\n", "x.txt:1: '环保 100 n' looks like a jieba dictionary line"),
    ("环保\n，，\n", "x.txt:2:"),
    ("!政治生态\n", "no term"),
])
def test_bad_dictionaries_name_the_line(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_dictionary(text, name="x", source="x.txt")


def test_loading_dictionaries(tmp_path):
    assert load_dictionary("生态环保") == load_dictionary("ecology") == load_dictionary("Ecology")
    f = tmp_path / "my_terms.txt"
    f.write_text("数据要素\n算力\n", encoding="utf-8")
    assert load_dictionary(str(f)).terms == ("数据要素", "算力")
    assert load_dictionary(str(f)).name == "my_terms"
    with pytest.raises(ConfigError, match="no dictionary 'nope'.*生态环保 \\(ecology\\)"):
        load_dictionary("nope")
    with pytest.raises(ConfigError, match="is a folder"):
        load_dictionary(str(tmp_path))
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("环保\n".encode("gbk"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_dictionary(str(gbk))
    same = tmp_path / "other.txt"
    same.write_text("# name: 生态环保\n环保\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="two dictionaries are named '生态环保'"):
        panels.resolve_dictionaries(["生态环保", str(same)])
    assert [d.name for d in panels.resolve_dictionaries(None)] == ["生态环保", "科技创新", "数字经济", "民生保障", "安全发展"]
    assert panels.resolve_dictionaries(["all", "ecology"]) == panels.resolve_dictionaries(None)


@pytest.mark.parametrize("d", panels.shipped_dictionaries(), ids=lambda d: d.source)
def test_shipped_dictionaries_are_sound(d):
    text = (Path(panels.__file__).parent / "data" / d.source).read_text(encoding="utf-8")
    assert "How it was built" in text and "corpus/" in text
    assert len(d.terms) >= 20 and len(set(d.terms)) == len(d.terms)
    # an exclusion that holds no term of its dictionary would never change a count
    assert all(any(t in x for t in d.terms) for x in d.exclude), d.exclude


# -- the panel on a tiny store -----------------------------------------------------------

TINY = {
    "a_2021.txt": ("甲市", 2021, "甲市2021年政府工作报告\n\n一、工作回顾\n\n推动科技创新，加强科技成果转化。"
                                 "净化政治生态。\n\n二、今年安排\n\n保护生态环境。稳定就业。\n"),
    "a_2022.txt": ("甲市", 2022, "甲市2022年政府工作报告\n\n今年我们稳定就业。\n"),
}


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("panel")
    for name, (region, year, text) in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"region": region, "year": year}, ensure_ascii=False),
                                                  encoding="utf-8")
    db = folder / "p.db"
    assert not pipeline.run([folder], db_path=db, workers=1, progress=False).failed
    dicts = tmp_path_factory.mktemp("dicts")
    (dicts / "dict.txt").write_text("# name: 测试\n科技创新\n科技\n成果转化\n生态\n!政治生态\n", encoding="utf-8")
    return db, dicts


def test_one_row_per_report_and_group_zeros_included(tiny_db):
    db, folder = tiny_db
    rows = measure_rows([str(folder / "dict.txt")], db=db)
    assert [(r["region"], r["year"], r["group"]) for r in rows] == [("甲市", 2021, "测试"), ("甲市", 2022, "测试")]
    first, second = rows
    # 科技创新 (one mention though 科技 stands in it), 科技 (in 科技成果), 成果转化, 生态 (in 生态环境;
    # not in 政治生态)
    assert first["count"] == 4
    assert first["terms"] == {"科技": 2, "科技创新": 1, "成果转化": 1, "生态": 1}
    text = "".join(TINY["a_2021.txt"][2].split())
    chars = sum(1 for ch in text if ch.isalnum())
    assert first["chars"] == chars
    assert first["per_10k_chars"] == round(4 * 10_000 / chars, 3)
    # sentences: the title, two headings, 推动…转化。 净化政治生态。 保护生态环境。 稳定就业。
    assert (first["sentences"], first["sentences_with"]) == (7, 2)
    assert first["share_sentences"] == round(2 / 7, 4)
    assert second["count"] == 0 and second["terms"] == {} and second["per_10k_chars"] == 0.0
    by_term = measure_rows([str(folder / "dict.txt")], db=db, by="term", year=2021)
    assert {r["term"]: r["count"] for r in by_term} == {"科技创新": 1, "科技": 2, "成果转化": 1, "生态": 1}


def test_measure_writes_csv_parquet_and_a_chart(tiny_db, tmp_path, capsys):
    db, folder = tiny_db
    out = tmp_path / "panel.csv"
    assert main(["measure", "--db", str(db), "--dict", str(folder / "dict.txt"), "--dict", "民生保障",
                 "-o", str(out), "--chart", str(tmp_path / "panel.png")]) == 0
    assert "4 rows" in capsys.readouterr().err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel and Stata read the CSV as UTF-8
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert list(rows[0])[:5] == ["region", "year", "period", "group", "count"]
    assert [(r["group"], r["count"]) for r in rows] == [("测试", "4"), ("民生保障", "1"), ("测试", "0"),
                                                         ("民生保障", "1")]
    assert rows[0]["terms"] == "科技:2 科技创新:1 成果转化:1 生态:1"
    assert (tmp_path / "panel.png").stat().st_size > 5_000  # one region, two years: lines
    import pandas as pd

    assert main(["measure", "--db", str(db), "--by", "term", "-o", str(tmp_path / "t.parquet")]) == 0
    frame = pd.read_parquet(tmp_path / "t.parquet")
    assert len(frame) == 2 * sum(len(d.terms) for d in panels.shipped_dictionaries())
    assert set(frame.columns) >= {"region", "year", "group", "term", "count", "per_10k_chars"}
    capsys.readouterr()
    assert main(["measure", "--db", str(db), "--dict", "nope"]) == 1
    assert "no dictionary 'nope'" in capsys.readouterr().err
    assert main(["measure", "--db", str(db), "-o", str(tmp_path / "x.xlsx")]) == 1
    assert ".csv, .parquet, .json" in capsys.readouterr().err
    assert main(["measure", "--db", str(db), "--year", "1999"]) == 1
    assert "no stored report of 1999" in capsys.readouterr().err


def test_the_wide_layout(tiny_db, tmp_path, capsys):
    db, folder = tiny_db
    out = tmp_path / "wide.csv"
    assert main(["measure", "--db", str(db), "--dict", str(folder / "dict.txt"), "--dict", "民生保障", "--wide",
                 "--value", "count", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert list(rows[0]) == ["region", "year", "period", "测试", "民生保障", "path", "doc_id"]
    assert [(r["year"], r["测试"], r["民生保障"]) for r in rows] == [("2021", "4", "1"), ("2022", "0", "1")]
    capsys.readouterr()
    assert main(["measure", "--db", str(db), "--wide", "--by", "term"]) == 1
    assert "leave out --by term" in capsys.readouterr().err


def test_measure_table_and_list(tiny_db, capsys):
    db, _ = tiny_db
    assert main(["measure", "--db", str(db), "--dict", "民生保障"]) == 0
    out = capsys.readouterr().out
    assert "民生保障" in out and "就业:1" in out and "of sentences" in out
    assert main(["measure", "--list"]) == 0
    listed = capsys.readouterr().out
    assert all(d.name in listed for d in panels.shipped_dictionaries())


def test_the_heatmap_and_the_lines(tiny_db):
    from sq_nlp.summaries.visuals import attention_heatmap, attention_lines, figure_texts

    db, _ = tiny_db
    rows = measure_rows(db=db)
    heat = figure_texts(attention_heatmap(rows, value="share_sentences"))
    assert "甲市 2021" in heat and "民生保障" in heat and any(t.endswith("%") for t in heat)
    lines = figure_texts(attention_lines(rows))
    assert "2021" in lines and "安全发展" in lines and "每万字提及次数" in " ".join(lines)
    with pytest.raises(ValueError, match="one region"):
        attention_lines([*rows, {**rows[0], "region": "乙市"}])
    with pytest.raises(ConfigError, match="unknown panel measure"):
        attention_heatmap(rows, value="nope")


def test_run_writes_the_panel_once(tiny_db, tmp_path):
    from sq_nlp.summaries.attention import write_attention

    db, _ = tiny_db
    written = write_attention(db, tmp_path)
    assert [p.name for p in written] == ["attention.csv", "attention.png"]  # two years: no line chart
    assert write_attention(db, tmp_path) == []  # nothing changed
    (tmp_path / "attention.csv").unlink()
    assert write_attention(db, tmp_path)[0].name == "attention.csv"


# -- the corpus: counts made by hand, and the national timeline ---------------------------

@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    files = sorted((CORPUS / "national").glob("*.txt")) + [CORPUS / "provinces" / "吉林省_2026.txt"]
    if not all(f.is_file() for f in files) or len(files) < 10:
        pytest.skip("corpus/national or corpus/provinces is not in the repository")
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    assert not pipeline.run(files, db_path=db, workers=1, progress=False).failed
    return db


def test_panel_counts_match_the_hand_counts(corpus_db):
    expected = json.loads((HANDCOUNT / "expected.json").read_text(encoding="utf-8"))
    rows = measure_rows([expected["dictionary"]], db=corpus_db)
    checked = 0
    for name, want in expected["reports"].items():
        (row,) = [r for r in rows if Path(r["path"]) == CORPUS / name]
        assert (row["region"], row["year"]) == (want["region"], want["year"])
        assert row["terms"] == want["terms"], name
        assert row["count"] == want["count"], name
        checked += 1
    assert checked == 2


def test_new_quality_productive_forces_first_appear_in_the_2024_national_report(corpus_db):
    rows = [r for r in terms.timeline_rows("新质生产力", db=corpus_db) if r["region"] == "全国"]
    assert [r["year"] for r in rows] == [2015, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]
    first = next(r for r in rows if r["count"])
    assert first["year"] == 2024
    assert all(r["count"] == 0 for r in rows if r["year"] < 2024)
    path, line = first["first_source"].rsplit(":", 1)
    assert Path(path) == CORPUS / "national" / "national_china_2024.txt"
    raw = Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert "新质生产力" in raw and first["first_sentence"] in raw
    # the store says so from its own text: every earlier national report is stored and lacks it
    for r in rows:
        text = Path(r["paths"]).read_text(encoding="utf-8")
        assert ("新质生产力" in text) == (r["count"] > 0)


def test_dictionaries_made_in_code_mix_with_names(tiny_db):
    db, _ = tiny_db
    mine = Dictionary("就业词", ("就业",))
    rows = measure_rows([mine, "民生保障"], db=db, year=2022)
    assert [(r["group"], r["count"]) for r in rows] == [("就业词", 1), ("民生保障", 1)]
