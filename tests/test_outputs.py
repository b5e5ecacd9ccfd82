"""The outputs of a run: only what changed is made again, interrupted work is
kept, outputs of removed reports go. The page/cloud/chart builder is replaced
by a quick stand-in that records which documents it was asked for (the real
one is covered in test_report.py); everything else runs as it is."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from sq_nlp import pipeline
from sq_nlp.store.db import open_store
from sq_nlp.summaries import outputs
from sq_nlp.summaries.outputs import write_outputs

PARAGRAPH = ("{year}年，{region}地区生产总值达到{gdp}亿元，比上年增长{g}%。深入推进{topic}，"
             "城镇新增就业{jobs}万人。坚持以人民为中心，{topic}取得新进展，{topic}示范区建设全面展开。")
TOPICS = ("垃圾分类", "乡村振兴", "数字经济", "生态保护", "科技创新", "对外开放", "城市更新", "文化旅游")


def write_report(folder: Path, region: str, year: int, k: int) -> Path:
    """A small made-up report; ``k`` varies its numbers and topics."""
    lines = [f"{region}{year}年政府工作报告", "", f"一、{year - 1}年工作回顾", ""]
    for i in range(4):
        lines += [PARAGRAPH.format(year=year - 1, region=region, gdp=100 + 7 * k + i, g=5 + (k + i) % 3,
                                   topic=TOPICS[(4 * k + i) % len(TOPICS)], jobs=3 + i), ""]
    path = folder / f"{region}_{year}.txt"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    sidecar = path.with_name(path.name + ".meta.json")
    sidecar.write_text(json.dumps({"region": region, "year": year, "period": year - 1}, ensure_ascii=False),
                       encoding="utf-8")
    return path


def fake_build(task: outputs._DocTask, idf=None, phrases=None):
    """Stand-in for the page, cloud and chart builder: one small page per
    document, and a line in builds.log for every call (workers too)."""
    out = Path(task.out)
    with open(out / "builds.log", "a", encoding="utf-8") as fh:
        fh.write(f"{task.slug}\n")
    page = out / "reports" / f"{task.slug}.html"
    page.write_text(f"<p>{task.title}</p>", encoding="utf-8")
    rows = [{"document": task.slug, "region": None, "year": None, "method": "tfidf", "rank": 1,
             "term": task.title, "score": 1.0, "count": 1}]
    return [f"reports/{task.slug}.html"], rows


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "_build_document", fake_build)
    folder = tmp_path / "corpus"
    for k, (region, year) in enumerate([("甲市", 2021), ("甲市", 2022), ("乙市", 2021), ("乙市", 2022),
                                        ("丙市", 2022)]):
        write_report(folder, region, year, k)
    db = tmp_path / "sq.db"
    assert pipeline.run([folder], db_path=db, workers=1, progress=False).ok
    return folder, db, tmp_path / "out"


def builds(out: Path) -> list[str]:
    log = out / "builds.log"
    lines = log.read_text(encoding="utf-8").split() if log.exists() else []
    log.unlink(missing_ok=True)
    return lines


def names(out: Path, written) -> set[str]:
    return {p.relative_to(out).as_posix() for p in written}


def test_adding_a_report_makes_its_own_outputs_and_the_corpus_files_only(corpus):
    folder, db, out = corpus
    first = names(out, write_outputs(db, out, workers=1, progress=False))
    assert sorted(builds(out)) == ["丙市_2022", "乙市_2021", "乙市_2022", "甲市_2021", "甲市_2022"]
    assert {"keywords.csv", "changes.csv", "topics.csv", "report.html",
            "charts/changes_甲市_2021_2022.png"} <= first
    before = {p: p.stat().st_mtime_ns for p in (out / "reports").iterdir()}
    assert write_outputs(db, out, workers=1, progress=False) == []  # nothing changed
    assert builds(out) == []

    write_report(folder, "甲市", 2023, 6)
    assert pipeline.run([folder], db_path=db, workers=1, progress=False).ok
    second = names(out, write_outputs(db, out, workers=1, progress=False))
    assert builds(out) == ["甲市_2023"]
    assert second == {"reports/甲市_2023.html", "keywords.csv", "changes.csv", "topics.csv", "report.html",
                      "charts/changes_甲市_2022_2023.png", "charts/trend_甲市_地区生产总值.png"}
    assert all(p.stat().st_mtime_ns == t for p, t in before.items())  # other pages untouched
    with (out / "keywords.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 6  # every report's rows, kept ones too
    with (out / "changes.csv").open(encoding="utf-8") as fh:
        pairs = {(r["region"], r["year_old"], r["year_new"]) for r in csv.DictReader(fh)}
    assert pairs == {("甲市", "2021", "2022"), ("甲市", "2022", "2023"), ("乙市", "2021", "2022")}


def test_an_interrupted_build_keeps_what_it_finished(corpus, monkeypatch):
    folder, db, out = corpus
    calls = []

    def interrupted(task, idf=None, phrases=None):
        calls.append(task.slug)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return fake_build(task, idf)

    monkeypatch.setattr(outputs, "_build_document", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(db, out, workers=1, progress=False)
    assert len(builds(out)) == 2
    monkeypatch.setattr(outputs, "_build_document", fake_build)
    write_outputs(db, out, workers=1, progress=False)
    rest = builds(out)
    assert len(rest) == 3 and not set(rest) & set(calls[:2])


def test_a_removed_report_loses_its_outputs(corpus):
    folder, db, out = corpus
    write_outputs(db, out, workers=1, progress=False)
    builds(out)
    assert (out / "reports" / "丙市_2022.html").exists()
    with open_store(db) as st:
        st.delete(next(d.id for d in st.documents() if d.region == "丙市"))
    write_outputs(db, out, workers=1, progress=False)
    assert not (out / "reports" / "丙市_2022.html").exists()
    assert builds(out) == []  # one of five gone: the other pages stand
    assert (out / "reports" / "甲市_2021.html").exists()


def test_document_frequencies_are_learned_again_when_much_changes(corpus):
    folder, db, out = corpus
    write_outputs(db, out, workers=1, progress=False)
    builds(out)
    for k, year in enumerate((2023, 2024)):  # 2 new of 7: more than a quarter of the 5 they came from
        write_report(folder, "乙市", year, 10 + k)
    pipeline.run([folder], db_path=db, workers=1, progress=False)
    write_outputs(db, out, workers=1, progress=False)
    assert len(builds(out)) == 7  # every page, with the new frequencies
    write_outputs(db, out, workers=1, progress=False, force=True)
    assert len(builds(out)) == 7


def test_worker_processes_and_the_progress_bar(corpus, capsys):
    folder, db, out = corpus
    written = names(out, write_outputs(db, out, workers=2, progress=True))
    assert sorted(builds(out)) == ["丙市_2022", "乙市_2021", "乙市_2022", "甲市_2021", "甲市_2022"]
    assert "reports/甲市_2021.html" in written
    assert "sq-nlp summaries" in capsys.readouterr().err


def test_a_stale_state_file_never_removes_files_outside_the_folder(corpus):
    folder, db, out = corpus
    write_outputs(db, out, workers=1, progress=False)
    keep = folder.parent / "precious.txt"
    keep.write_text("x", encoding="utf-8")
    state = (out / outputs.STATE_NAME).read_text(encoding="utf-8")
    (out / outputs.STATE_NAME).write_text(state.replace('"files": {', '"files": {"../precious.txt": "k", '),
                                           encoding="utf-8")
    write_outputs(db, out, workers=1, progress=False)
    assert keep.exists()
    assert os.path.exists(out / "reports" / "甲市_2021.html")


@pytest.mark.parametrize("path, name", [
    ("corpus/national_china_2024.txt", "national_china_2024"),
    ("scans/scan_p3.JPG", "scan_p3"),  # a scan's outputs are not named page.jpg.png
    ("2025年四川省政府工作报告.docx", "2025年四川省政府工作报告"),
    ("report.v2.tiff", "report.v2"),
    ("notes.md", "notes.md"),  # not a report suffix: kept
    ("a b&c.pdf", "a_b_c"),
])
def test_outputs_are_named_by_the_report_without_its_suffix(path, name):
    assert outputs.slug(path) == name
