"""The report page: escaping, self-containment, rendering in headless Chromium;
write_outputs; the summary subcommands of the CLI."""

from __future__ import annotations

import base64
import csv
import json
import os
import re
import select
import shutil
import subprocess
import time
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest
from PIL import Image

from sq_nlp.cli import main
from sq_nlp.extract.document import extract_path
from sq_nlp.summaries.keywords import Keyword
from sq_nlp.records import Figure, Slogan
from sq_nlp.summaries.report import (
    SUMMARY_CHARS,
    ReportParts,
    build_report,
    find_document,
    render_report,
    summary_sentences,
    write_outputs,
)

TINY = Path(__file__).parent / "data" / "tiny_reports"
EVIL = '<script>alert("x")</script>&<img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    """The three tiny reports ingested into a fresh database."""
    from sq_nlp import pipeline

    db = tmp_path_factory.mktemp("db") / "sq.db"
    summary = pipeline.run([TINY], db_path=db, workers=1, progress=False)
    assert not summary.failed and len(summary.ingested) == 3
    return db


def _evil_extraction():
    ex = extract_path(TINY / "qingshi_2023.txt")
    doc = replace(ex.document, title=EVIL, region=EVIL, source=EVIL)
    fig = Figure(indicator=EVIL, value=1.0, unit=EVIL, value_base=1.0, base_unit=None, qualifier=None,
                 change=False, target=False, period=2022, section=None, sentence=EVIL, start=0, end=1, line=3,
                 value_text="1")
    slogan = Slogan(term=EVIL, kind="quoted", count=None, expansion=(EVIL,), expansion_source="text",
                    count_matches=None, occurrences=1, spans=((0, 1),))
    return replace(ex, document=doc, figures=(fig,), slogans=(slogan,))


def test_every_report_string_is_escaped():
    ex = _evil_extraction()
    parts = ReportParts(keywords={"tfidf": [Keyword(EVIL, 1.0, 1, "tfidf")]},
                        section_keywords={EVIL: [Keyword(EVIL, 1.0, 1, "tfidf")]}, summary=[EVIL])
    page = render_report(ex, parts, embed_font=False)
    assert "<script" not in page and "<img src=x" not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;") >= 8


def test_page_is_self_contained():
    page = build_report(extract_path(TINY / "qingshi_2023.txt"))
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    srcs = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert srcs and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert "url(data:font/woff;base64," in page
    assert not re.search(r"url\((?!data:)", page)
    for section in ("摘要", "词云", "数据", "提法", "关键词", "主题"):
        assert f">{section}<" in page


def test_page_lists_figures_with_sentence_and_source_line():
    ex = extract_path(TINY / "qingshi_2023.txt")
    assert ex.figures
    page = render_report(ex, embed_font=False)
    plain = page.replace("<mark>", "").replace("</mark>", "")
    for fig in ex.figures:
        assert f"qingshi_2023.txt:{fig.line}<" in page
        assert escape(fig.sentence) in plain
    assert page.count("<mark>") == len(ex.figures)
    for slogan in ex.slogans:
        assert slogan.term in page


def test_a_five_year_plan_name_shows_its_years_not_a_count():
    ex = extract_path(TINY / "qingshi_2023.txt")
    plan = Slogan(term="十四五", kind="numbered", count=14, expansion=(), expansion_source=None,
                  count_matches=None, occurrences=2, spans=((0, 3), (5, 8)))
    page = render_report(replace(ex, slogans=(plan,)), embed_font=False)
    row = page[page.index("<tr><td>十四五</td>"):]
    row = row[:row.index("</tr>")]
    assert "第十四个五年规划（2021—2025年）" in row and ">14<" not in row


def test_slogan_kinds_are_named_in_chinese_on_the_page():
    from sq_nlp.summaries.report import SLOGAN_KINDS

    ex = extract_path(TINY / "qingshi_2023.txt")
    page = render_report(ex, embed_font=False)
    kinds = {s.kind for s in ex.slogans}
    assert kinds
    for kind in kinds:
        assert f">{SLOGAN_KINDS[kind]}</td>" in page and f">{kind}</td>" not in page


def test_embedded_font_covers_the_page():
    from fontTools.ttLib import TTFont
    import io

    page = build_report(extract_path(TINY / "qingshi_2022.txt"))
    data = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    cmap = font.getBestCmap()
    text = re.sub(r"<[^>]+>", "", page.split("</style>")[-1])
    cjk = {c for c in text if "\u4e00" <= c <= "\u9fff"}
    assert cjk and all(ord(c) in cmap for c in cjk)


def test_summary_sentences_in_document_order():
    kws = [Keyword("数字经济", 1.0, 3, "tfidf"), Keyword("茶叶", 0.5, 2, "tfidf")]
    text = ("开头一句没有关键词的话，只是一个普通的长句子而已。茶叶产业继续发展壮大，茶叶销售增长较快。"
            "我们大力发展数字经济，数字经济占比明显提高了很多。短句。")
    two = summary_sentences(text, kws, n=2)
    assert len(two) == 2 and two[0].startswith("茶叶产业") and two[1].startswith("我们大力发展数字经济")
    one = summary_sentences(text, kws, n=1)
    assert len(one) == 1 and one[0].startswith("我们大力发展数字经济")


def test_a_run_in_heading_is_no_summary_sentence():
    kws = [Keyword("数字经济", 1.0, 3, "tfidf")]
    text = ("（一）关于发展数字经济的时代背景和数字经济的基本考虑。我们大力发展数字经济，数字经济占比提高。"
            "2.数字经济核心产业增加值增长较快，数字经济规模扩大。第三，1.5万亿元的数字经济规模继续扩大，增速较快。")
    got = summary_sentences(text, kws, n=3)
    # the heading is left out, a list item's number is not part of its sentence,
    # and a sentence opening with a decimal number keeps it
    assert got == ["我们大力发展数字经济，数字经济占比提高。", "数字经济核心产业增加值增长较快，数字经济规模扩大。",
                   "1.5万亿元的数字经济规模继续扩大，增速较快。"]


def test_find_document(tiny_db):
    from sq_nlp.errors import ConfigError
    from sq_nlp.summaries.report import load_corpus

    docs = load_corpus(tiny_db).documents
    d = find_document(docs, "qingshi_2023")
    assert d.year == 2023 and find_document(docs, str(d.id)) == d
    with pytest.raises(ConfigError, match="ambiguous") as err:
        find_document(docs, "qingshi")
    assert "qingshi_2022" in str(err.value) and "hexi" not in str(err.value)  # only the matches listed
    with pytest.raises(ConfigError, match="no stored document"):
        find_document(docs, "nowhere")


def test_an_empty_selection_says_what_is_stored(tiny_db):
    from sq_nlp.errors import ConfigError
    from sq_nlp.summaries.report import load_corpus, select_documents

    docs = load_corpus(tiny_db).documents
    with pytest.raises(ConfigError, match=r"no stored report of 1999; stored years: 2022, 2023") as err:
        select_documents(docs, year=1999)
    assert "None" not in str(err.value)
    with pytest.raises(ConfigError, match="stored regions: .*青石镇"):
        select_documents(docs, region="纽约")


def test_write_outputs_and_skip_when_unchanged(tiny_db, tmp_path):
    out = tmp_path / "outputs"
    written = write_outputs(tiny_db, out)
    names = {p.relative_to(out).as_posix() for p in written}
    assert {"report.html", "keywords.csv", "changes.csv", "topics.csv"} <= names
    assert {"clouds/qingshi_2023.png", "clouds/qingshi_2023.svg", "reports/hexi_2023.html"} <= names
    assert "charts/changes_青石镇_2022_2023.png" in names
    with Image.open(out / "clouds" / "qingshi_2023.png") as img:
        assert img.size[0] == 4000
    with (out / "changes.csv").open(encoding="utf-8") as fh:
        changes = list(csv.DictReader(fh))
    assert changes and {r["status"] for r in changes} <= {"new", "rising", "falling"}
    assert all(r["region"] == "青石镇" for r in changes)
    with (out / "keywords.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["method"] for r in rows} == {"poster", "research", "tfidf"}
    assert not any(re.search(r"\d", r["term"]) or len(r["term"]) < 2 for r in rows)
    # the poster list of a report is its keyword chart and the page's first column
    assert any(r["method"] == "poster" and r["document"].endswith("qingshi_2023.txt") for r in rows)
    # the newest report is the page of record
    assert "2023" in (out / "report.html").read_text(encoding="utf-8").split("</title>")[0]
    assert write_outputs(tiny_db, out) == []  # nothing changed: skipped
    (out / "keywords.csv").unlink()
    assert write_outputs(tiny_db, out)  # a missing output is rebuilt
    assert write_outputs(tiny_db, out, force=True)


# -- the CLI --------------------------------------------------------------------------


def test_cli_keywords(tiny_db, capsys):
    assert main(["keywords", "--db", str(tiny_db), "--doc", "qingshi_2023", "--top", "5", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["keywords"]) == 5 and data["of"] == "qingshi_2023.txt"
    assert main(["keywords", "--db", str(tiny_db), "--year", "2023", "--region", "青石镇", "--new-terms",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["compare"] == "青石镇 2023 对比 2022"
    assert any(c["status"] == "new" for c in data["changes"])
    assert main(["keywords", "--db", str(tiny_db), "--doc", "hexi", "--by-section"]) == 0
    assert "# 一、2022年工作回顾" in capsys.readouterr().out
    assert main(["keywords", "--db", str(tiny_db), "--new-terms"]) == 1
    assert "--year" in capsys.readouterr().err


def test_cli_topics(tiny_db, capsys):
    assert main(["topics", "--db", str(tiny_db), "--doc", "qingshi_2022", "--n", "3"]) == 0
    out = capsys.readouterr().out
    assert out.count("NPMI") == 3 and "agreement with section headlines (NMI)" in out
    assert main(["topics", "--db", str(tiny_db), "--n", "2", "--method", "lda", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["assignments"]) == 3 and data["method"] == "lda"


def test_cli_cloud_chart_report(tiny_db, tmp_path, capsys):
    png = tmp_path / "c.png"
    assert main(["cloud", "--db", str(tiny_db), "--year", "2023", "--width", "1000", "--mask", "heart",
                 "--horizontal", "-o", str(png)]) == 0
    with Image.open(png) as img:
        assert img.size[0] == 1000
    assert main(["cloud", "--db", str(tiny_db), "--doc", "hexi", "-o", str(tmp_path / "c.svg")]) == 0
    assert "@font-face" in (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert main(["cloud", "--db", str(tiny_db), "--doc", "hexi", "--mask", "dragon", "-o", str(png)]) == 1
    assert "unknown mask" in capsys.readouterr().err
    assert main(["chart", "keywords", "--db", str(tiny_db), "--doc", "hexi", "-o", str(tmp_path / "k.png")]) == 0
    assert main(["chart", "changes", "--db", str(tiny_db), "--year", "2023", "--region", "青石镇",
                 "-o", str(tmp_path / "n.png")]) == 0
    assert (tmp_path / "k.png").stat().st_size > 1000 and (tmp_path / "n.png").stat().st_size > 1000
    assert main(["chart", "trend", "--db", str(tiny_db), "-o", str(tmp_path / "t.png")]) == 1
    assert "--indicator" in capsys.readouterr().err
    page = tmp_path / "r.html"
    assert main(["report", "--db", str(tiny_db), "--doc", "hexi", "-o", str(page)]) == 0
    assert "河西区2023年政府工作报告" in page.read_text(encoding="utf-8")
    assert main(["report", "--db", str(tmp_path / "missing.db"), "-o", str(page)]) == 1
    assert "sq-nlp run" in capsys.readouterr().err


# -- headless Chromium ----------------------------------------------------------------


class Chromium:
    """Headless Chromium driven over the DevTools protocol on a pipe
    (``--remote-debugging-pipe``: fd 3 in, fd 4 out, NUL-separated JSON), so
    no websocket library is needed. No network: only file: URLs are opened."""

    def __init__(self, binary: str, user_data_dir: Path) -> None:
        r_in, self._w = os.pipe()
        self._r, w_out = os.pipe()

        def fds() -> None:
            os.dup2(r_in, 3)
            os.dup2(w_out, 4)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={user_data_dir}", "--remote-debugging-pipe", "--window-size=1200,1800",
             "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(r_in)
        os.close(w_out)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        reply = self.wait(lambda m, i=self._id: m.get("id") == i)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait(self, pred, timeout: float = 60) -> dict:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            while b"\0" in self._buf:
                raw, self._buf = self._buf.split(b"\0", 1)
                msg = json.loads(raw)
                self.events.append(msg)
                if pred(msg):
                    return msg
            ready, _, _ = select.select([self._r], [], [], 0.5)
            if ready:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buf += chunk
        raise TimeoutError("no answer from chromium")

    def open(self, url: str, screenshot: Path) -> tuple[dict, list[dict]]:
        """Load ``url``; return page facts and console/log errors; save a screenshot."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.send(method, session=sid)
        start = len(self.events)
        self.send("Page.navigate", {"url": url}, session=sid)
        self.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == sid)
        facts = self.send("Runtime.evaluate", {
            "expression": "document.fonts.ready.then(() => JSON.stringify({title: document.title, h1: document.querySelector('h1') && "
                          "document.querySelector('h1').textContent, images: [...document.images].map("
                          "i => ({complete: i.complete, width: i.naturalWidth, alt: i.alt})), "
                          "fonts: document.fonts.status, "
                          "families: [...document.fonts].filter(f => f.status == 'loaded').map(f => f.family)}))",
            "returnByValue": True, "awaitPromise": True}, session=sid)["result"]["value"]
        png = self.send("Page.captureScreenshot", {"format": "png"}, session=sid)["data"]
        screenshot.write_bytes(base64.b64decode(png))
        errors = [m for m in self.events[start:] if m.get("sessionId") == sid and (
            m.get("method") == "Runtime.exceptionThrown"
            or (m.get("method") == "Runtime.consoleAPICalled" and m["params"]["type"] in ("error", "assert"))
            or (m.get("method") == "Log.entryAdded" and m["params"]["entry"]["level"] == "error"))]
        return json.loads(facts), errors

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._w)
        os.close(self._r)


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)")
    browser = Chromium(binary, tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.close()


def test_report_renders_in_headless_chromium(chromium, tmp_path):
    ex = extract_path(TINY / "qingshi_2023.txt")
    page = tmp_path / "report.html"
    page.write_text(build_report(ex), encoding="utf-8")
    shot = tmp_path / "report.png"
    facts, errors = chromium.open(page.as_uri(), shot)
    assert facts["title"] == ex.document.title == facts["h1"]
    assert facts["images"] and all(i["complete"] and i["width"] > 0 for i in facts["images"])
    assert "词云" in {i["alt"] for i in facts["images"]}
    assert facts["fonts"] == "loaded" and any("SQ CJK" in f for f in facts["families"])
    assert errors == []
    with Image.open(shot) as img:
        rgb = img.convert("RGB")
        assert rgb.size[0] == 1200
        # the cloud's red-and-gold shows on screen: the inline image was drawn
        colours = rgb.getcolors(maxcolors=1 << 20)
        reddish = sum(n for n, (r, g, b) in colours if r > 120 and g < 60 and b < 60)
        assert reddish > 2000


def test_chromium_check_can_fail(chromium, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><title>坏</title></head><body>'
                   '<img src="missing.png"><script>console.error("boom")</script></body></html>',
                   encoding="utf-8")
    facts, errors = chromium.open(bad.as_uri(), tmp_path / "bad.png")
    assert facts["images"][0]["width"] == 0
    assert len(errors) >= 2


def test_figure_number_is_marked_in_its_sentence():
    from sq_nlp.summaries.report import _marked

    assert _marked("增长<5.2%>，达到5.2%", ["5.2%"]) == "增长&lt;<mark>5.2%</mark>&gt;，达到5.2%"
    assert _marked("没有数字<b>", ["9%"]) == "没有数字&lt;b&gt;"


def test_a_number_written_twice_in_its_sentence_is_marked_where_the_figure_stands():
    # 城镇调查失业率5.2%，…农村居民…增长3.4%、5.2%: the second 5.2% is the rural income's growth
    from sq_nlp.summaries.report import _marked, _offset_in_sentence

    text = "前言。城镇调查失业率5.2%，城乡居民收入分别增长3.4%、5.2%，收入比收窄至2：1以内。"
    sentence = text[3:]
    second = text.rindex("5.2%")
    assert _offset_in_sentence(text, sentence, second) == second - 3
    marked = _marked(sentence, ["5.2%"], at=_offset_in_sentence(text, sentence, second))
    assert marked.endswith("3.4%、<mark>5.2%</mark>，收入比收窄至2：1以内。")
    ratio = text.index("2：1")
    assert "<mark>2</mark>：1以内" in _marked(sentence, ["2"], at=_offset_in_sentence(text, sentence, ratio))
    # a ratio's figure marks its whole ratio, in the report's own colon
    from sq_nlp.summaries.report import _ratio_forms

    assert "<mark>2：1</mark>以内" in _marked(sentence, [*_ratio_forms("2", "ratio"), "2"],
                                             at=_offset_in_sentence(text, sentence, ratio))
    assert _ratio_forms("2", "level") == ()
    # a sentence not written so in the text (a repaired line break): the first place, as before
    assert _offset_in_sentence("城镇调查\n失业率5.2%。", "城镇调查失业率5.2%。", 8) is None


def test_a_long_sentence_is_clipped_around_its_figure():
    from sq_nlp.summaries.report import _marked

    sentence = "甲" * 200 + "增长5.3%" + "乙" * 200
    html = _marked(sentence, ["5.3%"], context=10)
    assert html == "…" + "甲" * 8 + "增长<mark>5.3%</mark>" + "乙" * 10 + "…"
    assert _marked("丙" * 50, ["9%"], context=10) == "丙" * 20 + "…"
    assert _marked("短句增长5.3%。", ["5.3%"], context=10) == "短句增长<mark>5.3%</mark>。"


def test_cli_keyword_tables_align_in_terminal_columns(tiny_db, capsys):
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    assert main(["keywords", "--db", str(tiny_db), "--doc", "qingshi_2023", "--top", "8"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]
    assert len(rows) >= 2
    # the score column starts at the same terminal column whatever the term's length
    starts = {width(line[: line.rindex(" ", 0, line.index("×"))].rstrip()) for line in rows}
    ends = {width(line[: line.index("×")].rstrip()) for line in rows}
    assert len(ends) == 1, rows
    assert starts


def test_report_keywords_leave_out_the_reports_own_region():
    from sq_nlp.summaries.report import build_parts

    ex = extract_path(TINY / "qingshi_2023.txt")
    parts, _ = build_parts(replace(ex, document=replace(ex.document, region=None)), with_images=False)
    top = parts.keywords["poster"][0].term
    # the same report, now said to be the report of a place named like its top keyword
    parts, _ = build_parts(replace(ex, document=replace(ex.document, region=top)), with_images=False)
    for method, kws in parts.keywords.items():
        assert kws and top not in {k.term for k in kws}, method


def test_chart_trend_of_an_indicator_stated_only_as_a_level(tmp_path, capsys):
    from sq_nlp.records import Document, Extraction
    from sq_nlp.summaries.report import level_series, trend_series
    from sq_nlp.store.db import open_store

    db = tmp_path / "rates.db"
    with open_store(db) as st:
        for year, rate in ((2022, 5.5), (2023, 5.2)):
            fig = Figure(indicator="城镇调查失业率", value=rate, unit="%", value_base=rate, base_unit="%",
                         qualifier=None, change=False, target=False, period=year - 1, section=None,
                         sentence="", start=0, end=1, line=1, value_text=f"{rate:g}", canonical="unemployment")
            doc = Document(path=f"u{year}.txt", sha256=str(year) * 16, encoding="utf-8", format="txt",
                           text="文本。", region="庚市", year=year, period=year - 1)
            st.write(Extraction(doc, (), (fig,)), [])
    assert trend_series(db, "失业率") == {}
    assert level_series(db, "失业率") == {("庚市", "城镇调查失业率", "%"): [(2021, 5.5), (2022, 5.2)]}
    out = tmp_path / "u.png"
    assert main(["chart", "trend", "--indicator", "失业率", "--db", str(db), "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert main(["chart", "trend", "--indicator", "森林覆盖率", "--db", str(db), "-o", str(out)]) == 1
    assert "no stated level or growth" in capsys.readouterr().err


def test_a_number_in_characters_shares_its_magnitude_with_the_unit(tmp_path):
    # 跨过万亿元大关: the number 万亿 and the unit 万亿元 read 万亿元, not 万亿万亿元
    path = tmp_path / "mag.txt"
    path.write_text("全区工业增加值跨过万亿元大关，粮食产量达到820.1亿斤。\n", encoding="utf-8")
    ex = extract_path(path)
    assert {f.value_text for f in ex.figures} >= {"万亿"}
    page = render_report(ex, embed_font=False)
    assert ">万亿元<" in page and "万亿万亿" not in page
    assert ">820.1亿斤<" in page


def test_figure_text_of_a_query_row_shares_the_magnitude():
    from sq_nlp.store.query import figure_text

    assert figure_text({"value_text": "万亿", "value": 1, "unit": "万亿元", "qualifier": "超"}) == "超万亿元"
    assert figure_text({"value_text": "30", "value": 30, "unit": "亿元", "qualifier": "约"}) == "约30亿元"
    assert figure_text({"value_text": "1.6", "value": 1.6, "unit": "万户", "qualifier": "余"}) == "1.6万余户"
    assert figure_text({"value_text": "2.1", "value": 2.1, "unit": None, "qualifier": "左右", "measure": "ratio",
                        "sentence": "城乡居民收入比缩小至2.1∶1左右。"}) == "2.1∶1左右"


def test_a_fall_reads_as_a_fall_in_the_data_table(tmp_path):
    path = tmp_path / "fall.txt"
    path.write_text("单位地区生产总值能耗下降3%，粮食产量增长2.1%。\n", encoding="utf-8")
    page = render_report(extract_path(path), embed_font=False)
    assert ">-3%<" in page and ">2.1%<" in page
    assert "<mark>3%</mark>" in page  # the sentence keeps the number as written


def test_a_threshold_reads_as_one_in_the_data_table(tmp_path):
    path = tmp_path / "threshold.txt"
    path.write_text("预计地区生产总值突破2.6万亿元，粮食产量达到820.1亿斤。\n", encoding="utf-8")
    page = render_report(extract_path(path), embed_font=False)
    assert ">≥2.6万亿元<" in page and ">820.1亿斤<" in page
    assert "<mark>2.6万亿元</mark>" in page


def test_an_inner_hedge_stands_where_the_report_writes_it_in_the_data_table(tmp_path):
    path = tmp_path / "hedge.txt"
    path.write_text("1.6万余户受灾农房如期完成修缮重建。\n", encoding="utf-8")
    page = render_report(extract_path(path), embed_font=False)
    assert ">1.6万余户<" in page and "<mark>1.6万余户</mark>" in page  # not 余1.6万户, nor 1.6 alone marked


def test_the_kind_of_a_number_shows_an_increment_an_average_or_a_spans_total(tmp_path):
    # 新增1200家 is no stock, 年均增长5.5% no year's growth: the page says so beside the number
    report = tmp_path / "某市_2025.txt"
    report.write_text("过去五年，全市地区生产总值年均增长5.5%，空气优良天数比例保持在90%以上。\n"
                      "2024年，新增国家高新技术企业1200家，总量达到1.8万家。\n", encoding="utf-8")
    page = render_report(extract_path(report), embed_font=False)

    def cell(value: str, k: int) -> str:
        row = page[page.index(f'<td class="num">{value}</td>'):]
        return row.split("<td")[k].split(">", 1)[1].split("</td>")[0]

    # the kind of number, and the years it speaks of
    assert (cell("5.5%", 3), cell("5.5%", 2)) == ("增减、年均", "2020-2024")
    assert (cell("90%以上", 3), cell("90%以上", 2)) == ("连续保持", "2020-2024")
    assert (cell("1200家", 3), cell("1200家", 2)) == ("新增", "2024")
    assert cell("1.8万家", 3) == ""
    assert '<td class="tag">2020-2024</td>' in page  # a range of years is never broken over two lines


def test_a_summary_leaves_out_the_guiding_sentence_and_prefers_short_ones():
    kws = [Keyword("数字经济", 1.0, 3, "tfidf"), Keyword("茶叶", 0.5, 2, "tfidf")]
    guiding = "以习近平新时代中国特色社会主义思想为指导，坚持稳中求进工作总基调，大力发展数字经济，做强茶叶产业。"
    long_ = "数字经济" + "，".join(f"第{k}批数字经济项目建成投产并带动上下游企业协同发展" for k in range(6)) + "。"
    short = "我们大力发展数字经济，数字经济占比提高。茶叶产业继续发展壮大，茶叶销售增长较快。"
    assert len(long_) > SUMMARY_CHARS
    got = summary_sentences(guiding + long_ + short, kws, n=2)
    assert got == ["我们大力发展数字经济，数字经济占比提高。", "茶叶产业继续发展壮大，茶叶销售增长较快。"]
    # too few short ones: the long sentence still summarises, the guiding one never
    assert summary_sentences(guiding + long_ + short, kws, n=3)[0] == long_


def test_a_summary_leaves_out_the_shortcomings_the_governments_own_conduct_and_the_closing_call():
    kws = [Keyword("数字经济", 1.0, 3, "tfidf"), Keyword("“十五五”", 2.0, 2, "tfidf")]
    text = "\n".join((
        "我们大力发展数字经济，数字经济核心产业增加值增长较快。",
        # the paragraph of shortcomings every report has, however many keyphrases it holds
        "同时，我们也清醒地看到，发展中还存在不少问题。数字经济偏弱，“十五五”数字经济开局面临挑战。",
        "做好“十五五”数字经济工作，对政府自身建设提出了更高要求。",
        "二是做强数字经济，数字经济规模突破千亿元；",
        "三是扎实推进“十五五”规划重大工程，“十五五”开局良好。",
        # the closing call every report ends on
        "各位代表！“十五五”蓝图已经绘就，数字经济新征程就在脚下。让我们更加紧密地团结在以习近平同志为核心的党中央周围，"
        "奋力谱写新篇章！",
    ))
    got = summary_sentences(text, kws, n=3)
    # a list's item goes without its number, and a clause of the list closes with a full stop
    assert got == ["我们大力发展数字经济，数字经济核心产业增加值增长较快。", "做强数字经济，数字经济规模突破千亿元。",
                   "扎实推进“十五五”规划重大工程，“十五五”开局良好。"]
    # the call is one sentence: 团结在 and 周围 in two sentences make none
    united = "各族群众紧紧团结在一起，数字经济核心产业加快发展。数字经济带动周围地区的传统产业加快协同转型发展。"
    assert summary_sentences(united, kws, n=2) == ["各族群众紧紧团结在一起，数字经济核心产业加快发展。",
                                                   "数字经济带动周围地区的传统产业加快协同转型发展。"]
    # a numbered item closing on a semicolon is an item, no run-in heading
    item = "（一）完善数字经济核心产业统计监测和考核评价机制；"
    assert summary_sentences(item, kws, n=1) == ["完善数字经济核心产业统计监测和考核评价机制。"]
