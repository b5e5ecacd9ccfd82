"""One report, as tools deliver it: PDF text layers (radicals, compatibility
ideographs, control characters for spaces), Traditional Chinese (UTF-8 and
Big5), pasted as one paragraph with a licence or footer line. Each must give
the figures, slogans and metadata of the plain .txt, with offsets into the
raw text of its own file."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from sq_nlp.errors import InputError
from sq_nlp.extract.document import extract_path
from sq_nlp.extract.layout import fold_width, repair
from sq_nlp.ingest.docmeta import infer_meta
from sq_nlp.ingest.reader import ingest
from sq_nlp.language.chars import normalize_chars
from sq_nlp.language.script import analysis_text, detect_script, to_simplified

from minipdf import pdf_bytes

HEADER = ["2031年江城市人民政府工作报告", "——2031年1月20日在江城市第九届人民代表大会第二次会议上"]
BODY = [
    "各位代表：",
    "现在，我代表市人民政府向大会报告工作，请予审议。",
    "一、2030年工作回顾",
    "过去一年，全市地区生产总值达到2345.6亿元，同比增长5.2%。一般公共预算收入182.3亿元，增长3.1%。",
    "城镇新增就业12.3万人，城镇调查失业率5.1%。居民人均可支配收入增长6.4%，其中农村居民人均可支配收入增长7.5%。",
    "我们坚决扛起“两个维护”的政治责任，深入实施“十大工程”，生态环境持续改善，人民群众获得感明显增强。",
    "二、2031年主要任务",
    "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业10万人以上，居民消费价格涨幅3%左右。",
]
LINES = HEADER + BODY


def figure_keys(ex) -> list[tuple[str, float, str | None]]:
    return sorted((f.indicator, f.value, f.unit) for f in ex.figures)


def check_offsets(ex) -> None:
    """Every block character comes from the raw character at its offset, as the analysis reads it."""
    view = analysis_text(ex.document.text, ex.document.script)
    for b in ex.blocks:
        assert list(b.offsets) == sorted(set(b.offsets))
        for ch, off in zip(b.text, b.offsets):
            raw = fold_width(view[off])
            assert ch == raw or (ch == " " and raw.isspace()), (b.text, ch, view[off])


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    p = tmp_path_factory.mktemp("plain") / "jiangcheng_2031.txt"
    p.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    ex = extract_path(p)
    assert len(ex.figures) >= 10 and ex.slogans  # the reference is worth comparing with
    return ex


# ---------------------------------------------------------------- characters


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("⼈⺠政府⼯作报告", "人民政府工作报告"),  # Kangxi radical, CJK Radicals Supplement
        ("同⽐增⻓5.6%，⼗⼤⼯程", "同比增长5.6%，十大工程"),
        ("农村危房改造1万⼾", "农村危房改造1万户"),  # the Simplified font's 户 glyph, not Unicode's 戶
        ("\uf900\uf9a8\ufa10", "\u8c48\u4ee4\u585a"),  # compatibility ideographs (NFC)
        ("\U0002f800", "\u4e3d"),
        ("APP\x01usage\x7frose\x85", "APP usage rose\x85"),  # controls stand for spaces; NEL is whitespace
        # Must NOT change: ordinary text, full-width forms (layout folds them), tabs and newlines.
        ("人民政府工作报告，增长５．２％", "人民政府工作报告，增长５．２％"),
        ("行\t列\n下一行\f", "行\t列\n下一行\f"),
        ("", ""),
    ],
)
def test_normalize_chars_one_for_one(raw, expected):
    out = normalize_chars(raw)
    assert out == expected and len(out) == len(raw)


def test_every_kangxi_radical_maps_to_an_ideograph():
    for cp in range(0x2F00, 0x2FD6):
        out = normalize_chars(chr(cp))
        assert len(out) == 1 and 0x4E00 <= ord(out) <= 0x9FFF, hex(cp)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("\n".join(LINES), "simplified"),
        ("過去一年，全市地區生產總值達到2345.6億元，同比增長5.2%。我們堅決扛起政治責任。", "traditional"),
        # A Simplified report that quotes a Traditional name stays Simplified.
        ("\n".join(LINES) + "\n（摘自《臺灣區經濟年鑑》）", "simplified"),
        ("显著成绩，乾坤朗朗，著作权。", "simplified"),  # 著/乾 are Simplified too
        ("GDP grew by 5%.", None),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_shipped_script_tables_are_what_opencc_derives():
    # the tables ship as package data (deriving them costs every process a quarter second);
    # after an OpenCC update: python scripts/make_script_tables.py
    from sq_nlp.language.script import _script_tables, derive_script_tables

    shipped, derived = _script_tables(), derive_script_tables()
    assert shipped == derived
    assert 0x5011 in shipped["traditional"] and 0x4EEC in shipped["simplified"]  # 們, 们


def test_simplified_text_is_never_converted():
    text = "显著成绩，著作等身，乾坤朗朗。"
    assert analysis_text(text) == text  # t2s alone would write 显着


def test_to_simplified_keeps_length():
    trad = "過去一年，全市地區生產總值達到2345.6億元。\n我們一目瞭然。"
    simp = to_simplified(trad)
    assert len(simp) == len(trad) and simp == "过去一年，全市地区生产总值达到2345.6亿元。\n我们一目了然。"


# ---------------------------------------------------------------- PDF text layers


def text_layer_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer is ``lines`` exactly: a Type0 font with
    Identity-H codes and a ToUnicode map, as PDF writers build them."""
    chars = sorted({c for line in lines for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n"
            + "".join(f"<{cid[c]:04X}> <{c.encode('utf-16-be').hex().upper()}>\n" for c in chars)
            + "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    content = b"BT /F1 10 Tf 14 TL 30 800 Td " + b"".join(
        b"<" + "".join(f"{cid[c]:04X}" for c in line).encode() + b"> Tj T* " for line in lines) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    return pdf_bytes(objects)


# What Chromium's text layer does to the report: the radical code points that
# share a glyph with the ideograph in CJK fonts.
AS_RADICALS = str.maketrans({"人": "⼈", "民": "⺠", "工": "⼯", "生": "⽣", "长": "⻓", "十": "⼗", "大": "⼤",
                             "比": "⽐", "入": "⼊", "高": "⾼", "水": "⽔", "面": "⾯", "支": "⽀"})


def test_pdf_with_radicals_and_control_spaces_reads_like_the_txt(tmp_path, plain):
    lines = [line.translate(AS_RADICALS) for line in LINES]
    assert any("⺠" in line for line in lines)
    # The writer put U+0001 where the spaces between words were.
    lines = [line.replace("，", "，\x01") for line in lines] + ["Source:\x01Jiangcheng\x01statistics\x01bureau"]
    p = tmp_path / "radicals.pdf"
    p.write_bytes(text_layer_pdf(lines))
    ex = extract_path(p)
    assert "\x01" in ex.document.text and "⺠" in ex.document.text  # the raw text stays as the file has it
    assert figure_keys(ex) == figure_keys(plain)
    assert sorted(s.term for s in ex.slogans) == sorted(s.term for s in plain.slogans)
    assert (ex.document.region, ex.document.year, ex.document.period) == ("江城市", 2031, 2030)
    assert any(b.text.endswith("Jiangcheng statistics bureau") for b in ex.blocks)  # words kept apart
    check_offsets(ex)


def test_text_layer_of_control_characters_only_is_refused(tmp_path):
    p = tmp_path / "codes.pdf"
    p.write_bytes(text_layer_pdf(["\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "江城"]))
    with pytest.raises(InputError, match="control characters"):
        ingest(p)


def test_matplotlib_pdf_reads_like_the_txt(tmp_path, plain):
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from sq_nlp.summaries.visuals import font_path

    font = FontProperties(fname=str(font_path()))
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = Figure(figsize=(11, 1 + 0.4 * len(LINES)))
        for i, line in enumerate(LINES):
            fig.text(0.01, 0.95 - i * 0.9 / len(LINES), line, fontproperties=font, fontsize=7)
        fig.savefig(buf, format="pdf")
    p = tmp_path / "mpl.pdf"
    p.write_bytes(buf.getvalue())
    ex = extract_path(p)
    assert figure_keys(ex) == figure_keys(plain)
    assert (ex.document.region, ex.document.year) == ("江城市", 2031)


def chromium_pdf(html: str, out: Path) -> Path:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)")
    page = out.with_suffix(".html")
    page.write_text(html, encoding="utf-8")
    subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={out.parent / 'chromium-profile'}", f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return out


def report_html(lines: list[str]) -> str:
    from sq_nlp.summaries.visuals import font_path

    body = "".join(f"<p>{line}</p>" for line in lines)
    return (f'<!doctype html><html><head><meta charset="utf-8"><style>@font-face{{font-family:R;'
            f'src:url("{font_path().as_uri()}")}} body{{font-family:R;font-size:11pt}}</style></head>'
            f"<body>{body}</body></html>")


def test_chromium_printed_pdf_reads_like_the_txt(tmp_path, plain):
    p = chromium_pdf(report_html(LINES), tmp_path / "chromium.pdf")
    ex = extract_path(p)
    assert any("\u2e80" <= ch <= "\u2fdf" for ch in ex.document.text), "Chromium wrote no radical: test is moot"
    assert figure_keys(ex) == figure_keys(plain)
    assert sorted(s.term for s in ex.slogans) == sorted(s.term for s in plain.slogans)
    assert (ex.document.region, ex.document.year, ex.document.period) == ("江城市", 2031, 2030)
    check_offsets(ex)


# ---------------------------------------------------------------- Traditional Chinese


@pytest.mark.parametrize("codec", ["utf-8", "big5", "utf-16"])
def test_traditional_report_reads_like_the_simplified_one(tmp_path, plain, codec):
    from opencc_purepy import OpenCC

    trad = OpenCC("s2tw").convert("\n".join(LINES) + "\n")
    assert "報告" in trad and "屆" in trad
    p = tmp_path / f"trad_{codec}.txt"
    p.write_bytes(trad.encode(codec))
    ex = extract_path(p)
    assert ex.document.script == "traditional" and ex.document.text == trad
    assert ex.document.to_dict()["script"] == "traditional"
    assert figure_keys(ex) == figure_keys(plain)
    assert sorted(s.term for s in ex.slogans) == sorted(s.term for s in plain.slogans)
    assert (ex.document.region, ex.document.year, ex.document.period) == ("江城市", 2031, 2030)
    for f in ex.figures:  # offsets point at the number in the Traditional raw text
        assert f.value_text in trad[f.start:f.end]
    check_offsets(ex)


def test_traditional_header_gives_region_and_year():
    meta = infer_meta("2031年臺中市政府工作報告\n——2031年1月5日在臺中市第三屆議會上\n各位代表：\n一、2030年工作回顧\n")
    assert (meta.region, meta.year, meta.period) == ("台中市", 2031, 2030)


# ---------------------------------------------------------------- one paragraph with page chrome


LICENCE = ("本作品是中华人民共和国的法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，"
           "及其官方正式译文。根据《中华人民共和国著作权法》第五条第一项，本作品不适用于该法，属于公有领域。")


@pytest.mark.parametrize(
    "tail",
    [
        "\n" + LICENCE,
        LICENCE,  # run into the paragraph
        "\n本作品在全世界都属于公有领域，因为作者逝世已经超过100年。",
        "\n注：中文维基文库社群认为，中华人民共和国公务演讲，不总是具有立法、行政、司法性质的文件。",
        "\n责任编辑：张三",
        " 责任编辑：张三 ",
        "（责任编辑：张三）",
        "\n来源：江城日报",
    ],
)
@pytest.mark.parametrize("ending", ["。", "，进一步"])  # a last sentence that ends, or one cut off
def test_one_paragraph_report_keeps_its_text_and_loses_the_chrome(tmp_path, plain, tail, ending):
    body = "".join(BODY) + ending
    p = tmp_path / "one.txt"
    p.write_text(body + tail + "\n", encoding="utf-8")
    ex = extract_path(p)
    paragraphs = [b for b in ex.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 1 and paragraphs[0].text == body
    others = "".join(b.text for b in ex.blocks if b.kind == "other")
    assert others.replace(" ", "") == tail.strip().replace(" ", "")
    assert figure_keys(ex) == figure_keys(plain)


@pytest.mark.parametrize(
    "text",
    [
        # Report text that names the copyright law, or 作品, is not a licence.
        "各位代表：过去一年，我们修订著作权法实施办法，推出一批优秀文艺作品。全市地区生产总值增长5.2%。",
        "责任编辑制度全面推行，全市地区生产总值增长5.2%，城镇新增就业12.3万人，居民人均可支配收入增长6.4%，其中农村居民增长7.5%。",
    ],
)
def test_report_sentences_about_copyright_stay_paragraphs(text):
    blocks = repair(text + "\n" + text + "\n")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_table_rows_of_even_width_stay_rows_not_a_column_paragraph():
    rows = [f"第{i}项指标\t{100 + i}.5亿元\t{110 + i}.2亿元\t{i % 9}.5%" for i in range(40)]
    raw = "各位代表：主要指标列表如下。\n" + "\n".join(rows) + "\n以上数据为初步统计。\n"
    blocks = repair(raw)
    assert [b.text for b in blocks if b.kind == "other"] == [r.replace("\t", "") for r in rows]
    assert [b.kind for b in blocks if b.kind != "other"] == ["paragraph", "paragraph"]


def test_footer_before_most_of_the_text_does_not_swallow_it():
    raw = "责任编辑：张三\n" + "\n".join(BODY) + "\n"
    blocks = repair(raw)
    assert blocks[0].kind == "other"
    assert sum(b.kind == "paragraph" for b in blocks) >= 4


# ---------------------------------------------------------------- the store


def test_script_is_stored_and_shown(tmp_path, capsys):
    import json
    import sqlite3

    from sq_nlp.cli import main
    from sq_nlp.store.db import APPLICATION_ID, open_store
    from sq_nlp.store.migrate import V1_SCHEMA

    # A database made before the script column existed is upgraded in place.
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in V1_SCHEMA:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    trad = tmp_path / "trad.txt"
    trad.write_bytes(("2031年江城市人民政府工作報告\n過去一年，全市地區生產總值增長5.2%。我們堅決扛起責任。\n").encode("big5"))
    assert main(["run", str(trad), "--db", str(db), "--workers", "1", "--no-summaries"]) == 0
    with open_store(db, readonly=True) as st:
        (doc,) = st.documents()
        assert doc.script == "traditional"
        assert st.extraction(doc.id).document.script == "traditional"
    capsys.readouterr()
    assert main(["documents", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["script"] == "traditional"
    assert main(["documents", "--db", str(db)]) == 0
    assert "traditional" in capsys.readouterr().out


def test_han_characters_one_definition() -> None:
    """``is_han`` and the ``HAN`` character class every module builds its
    patterns from agree on every character of the Basic Multilingual Plane and the ideographs' planes,
    and count ideographs, not the punctuation, digits and letters around them."""
    import re

    from sq_nlp.language.chars import HAN, is_han

    han = re.compile(f"[{HAN}]")
    assert all(is_han(chr(c)) == bool(han.match(chr(c))) for c in (*range(0x10000), *range(0x1F000, 0x32000)))
    assert [is_han(ch) for ch in "人㐀豈鿿𠀀𬇙"] == [True] * 6
    assert not any(is_han(ch) for ch in "，。、“”（）〇Ａ1a·—\u3000")
