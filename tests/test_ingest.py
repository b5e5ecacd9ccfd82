"""Ingest: encodings from the bytes, containers, bad files, sidecars, the CLI batch."""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
from pathlib import Path

import pytest

from sq_nlp.cli import main
from sq_nlp.errors import InputError
from sq_nlp.ingest.reader import MAX_LINE_BYTES, MAX_LINE_CHARS, _read_text_bytes, ingest, read_sidecar
from sq_nlp.records import Meta
from sq_nlp.ingest.decode import decode_text

# A made-up report in the usual shape (header, dateline, review heading).
REPORT = (
    "2031年江城市政府工作报告\n"
    "——2031年1月20日在江城市第九届人民代表大会第二次会议上\n"
    "各位代表：\n"
    "现在，我代表市人民政府向大会报告工作，请予审议。\n"
    "一、2030年工作回顾\n"
    "过去一年，全市地区生产总值增长5.2%，城镇新增就业12.3万人，一般公共预算收入增长3.1%。\n"
    "二、2031年主要任务\n"
    "坚持稳中求进工作总基调，推动高质量发展。\n"
)
TRADITIONAL = (
    "各位代表：\n現在，我代表市人民政府向大會報告工作，請予審議，並請市政協委員提出意見。\n"
    "過去一年，全市地區生產總值增長5.2%，城鎮新增就業12.3萬人。\n"
) * 3


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (REPORT, "utf-8", "utf-8"),
        (REPORT, "utf-8-sig", "utf-8-sig"),
        (REPORT, "utf-16", "utf-16"),  # with BOM
        (REPORT, "utf-16-le", "utf-16-le"),  # no BOM: found from the NUL bytes
        (REPORT, "utf-16-be", "utf-16-be"),
        (REPORT, "utf-32", "utf-32"),
        (REPORT, "gbk", "gbk"),  # no hint at all
        (REPORT + "欧元符号€与扩展字𠀀", "gb18030", "gb18030"),  # 4-byte GB18030 sequences
        (TRADITIONAL, "big5", "big5"),  # GB18030 would decode it, but to rare characters
        ("plain ASCII report 2030\n", "ascii", "utf-8"),
    ],
)
def test_encoding_detected_from_bytes(tmp_path, text, codec, expected):
    # The extension says nothing: every file is called .txt.
    doc = ingest(write(tmp_path, "report.txt", text.encode(codec)))
    assert doc.encoding == expected
    assert doc.text == text  # nothing lost, BOM not part of the text
    assert doc.format == "txt"


def test_real_gbk_file_decodes_to_its_utf8_copy(shared_corpus):
    doc = ingest(shared_corpus / "raw_gbk_national_china_2020.txt")
    assert doc.encoding in ("gbk", "gb18030")
    assert doc.text == (shared_corpus / "national_china_2020.txt").read_text(encoding="utf-8")


def test_every_corpus_file_ingests_without_loss(shared_corpus):
    files = sorted(shared_corpus.glob("*.txt"))
    assert len(files) == 14
    for f in files:
        doc = ingest(f)
        if f.name.startswith("raw_gbk_"):
            assert doc.encoding == "gbk"
            continue
        assert doc.encoding == "utf-8" and doc.text == f.read_bytes().decode("utf-8"), f.name
        assert doc.year is not None and doc.region is not None, f.name


def test_utf8_bom_is_dropped_but_nothing_else():
    text, enc = decode_text("\ufeff正文\ufeff".encode("utf-8"))
    assert (text, enc) == ("正文\ufeff", "utf-8-sig")


# ---------------------------------------------------------------- bad files


def _random_bytes(n: int, lo: int, hi: int) -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(lo, hi) for _ in range(n))


def _image_only_pdf() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (80, 40), "white").save(buf, format="PDF")
    return buf.getvalue()


BAD_FILES = [
    # (name, content, words the error must contain)
    ("empty.txt", b"", "empty"),
    ("blank.txt", " \n\t\r\n\u3000\u200b\n".encode("utf-8"), "only whitespace"),
    ("nul.txt", b"\x89\x00\x13\x00\xff\x00\x00\x00" + _random_bytes(4000, 0, 256), "binary"),
    ("control.txt", b"\x01\x02\x03\x04abc\x05\x06" * 50, "binary"),
    ("png.txt", b"\x89PNG\r\n\x1a\n" + _random_bytes(200, 0, 256), "damaged or unreadable png image"),
    ("gif.txt", b"GIF89a" + _random_bytes(200, 0, 256), "GIF image; save it as PNG"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy Microsoft Office"),
    ("truncated.txt", REPORT.encode("utf-8")[:-2], "truncated UTF-8"),
    ("broken.txt", REPORT.encode("utf-8")[:60] + b"\xff\xfe\xfa" + REPORT.encode("utf-8")[60:], "invalid UTF-8"),
    ("short_truncated.txt", "各位代表".encode("utf-8")[:-1], "truncated UTF-8"),
    ("stray_byte.txt", b"\xff" + REPORT.encode("utf-8"), "invalid UTF-8"),
    ("gbk_truncated.txt", REPORT.encode("gbk") + "报".encode("gbk")[:1], "damaged GBK"),
    ("latin1.txt", "Caf\xe9 na\xefve r\xe9sum\xe9 report\n".encode("latin-1"), "single-byte code page"),
    ("garbage.txt", _random_bytes(5000, 0x80, 0x100), "garbage"),
    # UTF-8 read as Latin-1 and saved again: valid UTF-8 full of C1 control characters.
    ("mojibake.txt", REPORT.encode("utf-8").decode("latin-1").encode("utf-8"), "garbage"),
    ("private_use.txt", ("各位代表" + "\ue000\ue001" * 20).encode("utf-8"), "garbage"),
    ("scan.pdf", _image_only_pdf(), "no text layer"),
    ("fake.pdf", b"<html><body>404 Not Found</body></html>", "not a PDF"),
    ("fake.docx", REPORT.encode("utf-8"), "not a DOCX"),
    ("damaged.pdf", b"%PDF-1.4\n" + _random_bytes(300, 32, 127), "PDF"),
    ("sheet.docx", None, "Excel"),  # built below: a zip without word/document.xml
    ("rejected.html", "<html><body><![a 各位代表</body></html>".encode("utf-8"), "does not parse"),
    ("scripts.html", b"<html><head><script>var a=1;</script></head><body><script>go()</script>"
     b"<style>p{}</style><nav>Home</nav></body></html>", "no text"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gives_a_clear_error(tmp_path, name, content, reason):
    if content is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("xl/workbook.xml", "<workbook/>")
        content = buf.getvalue()
    path = write(tmp_path, name, content)
    with pytest.raises(InputError) as info:
        ingest(path)
    msg = str(info.value)
    assert msg.startswith(str(path) + ": ")
    assert reason.lower() in msg.lower()


def test_unreadable_paths(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        ingest(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        ingest(tmp_path)
    with pytest.raises(InputError, match="cannot read"):
        ingest(write(tmp_path, "file.txt", REPORT) / "child.txt")  # a file used as a directory
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="no such file"):
        ingest(link)


def test_pdf_header_after_junk_and_pdf_mentioned_in_text():
    from sq_nlp.ingest.containers import sniff

    assert sniff(b"\x00junk\n%PDF-1.7\n") == "pdf"
    assert sniff("报告说明：原件格式为%PDF-1.4。".encode("utf-8")) == "text"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_permissions(tmp_path):
    p = write(tmp_path, "secret.txt", REPORT)
    p.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            ingest(p)
    finally:
        p.chmod(0o644)


def test_50mb_single_line_is_refused(tmp_path):
    p = tmp_path / "one_line.txt"
    with p.open("wb") as f:
        block = "数据".encode("utf-8") * (2**20 // 6)
        for _ in range(50 * 2**20 // len(block)):
            f.write(block)
    with pytest.raises(InputError, match=r"line 1 is longer than 1,000,000 characters") as info:
        ingest(p)
    assert p.name in str(info.value)


class _Endless(io.RawIOBase):
    """A stream of one endless line that counts what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        assert n > 0, "reading a whole endless stream"
        self.read_bytes += n
        return b"x" * n


def test_long_line_is_refused_while_reading():
    stream = _Endless()
    with pytest.raises(InputError, match="longer than"):
        _read_text_bytes(stream, b"head\n", Path("endless.txt"))
    assert stream.read_bytes <= MAX_LINE_BYTES + 2 * 2**20


def test_line_limit_counts_characters_after_decoding(tmp_path):
    # Fewer bytes than the byte bound, but more characters than the limit.
    p = write(tmp_path, "long.txt", "第一行\n" + "x" * (MAX_LINE_CHARS + 1) + "\n末行\n")
    with pytest.raises(InputError, match=r"line 2 is 1,000,001 characters long"):
        ingest(p)
    ok = write(tmp_path, "ok.txt", "x" * MAX_LINE_CHARS + "\n")
    assert len(ingest(ok).text) == MAX_LINE_CHARS + 1


# ---------------------------------------------------------------- containers


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("2031年江城市政府工作报告")
    d.add_paragraph("各位代表：")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "2030年", "增长"), ("地区生产总值", "1.2万亿元", "5.2%"), ("就业", "12.3万人", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(2, 1).merge(table.cell(2, 2))  # merged cells must not repeat their text
    d.add_paragraph("一、2030年工作回顾")
    p = d.add_paragraph("过去一年，")
    p.add_run("成绩来之不易。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_text_in_body_order_with_table_rows(tmp_path):
    doc = ingest(write(tmp_path, "report.docx", _docx_bytes()))
    assert (doc.format, doc.encoding) == ("docx", "docx")
    lines = doc.text.split("\n")
    assert lines[0] == "2031年江城市政府工作报告" and lines[1] == "各位代表："
    assert lines[2].split("\t") == ["指标", "2030年", "增长"]
    assert lines[3].split("\t") == ["地区生产总值", "1.2万亿元", "5.2%"]
    assert lines[4].count("12.3万人") == 1
    assert lines[5:] == ["一、2030年工作回顾", "过去一年，成绩来之不易。"]
    assert (doc.region, doc.year, doc.period) == ("江城市", 2031, 2030)


def test_docx_named_txt_is_read_as_docx(tmp_path):
    assert ingest(write(tmp_path, "report.txt", _docx_bytes())).format == "docx"


def _cjk_pdf(lines: list[str]) -> bytes:
    """A real PDF with a CJK text layer: matplotlib with an embedded TrueType-flavoured CJK font."""
    from pathlib import Path as P

    import matplotlib
    import mplfonts
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fonts = sorted((P(mplfonts.__file__).parent / "fonts").glob("Noto*CJK*"))
    if not fonts:
        pytest.skip("mplfonts ships no Noto CJK font here; cannot build a CJK PDF")
    font = FontProperties(fname=str(fonts[0]))
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = Figure(figsize=(6, 1 + 0.5 * len(lines)))
        for i, line in enumerate(lines):
            fig.text(0.05, 0.9 - i * 0.8 / len(lines), line, fontproperties=font, fontsize=12)
        fig.savefig(buf, format="pdf")
    return buf.getvalue()


def test_pdf_text_layer_in_reading_order(tmp_path):
    lines = ["2031年江城市政府工作报告", "各位代表：", "全市地区生产总值增长5.2%。"]
    doc = ingest(write(tmp_path, "report.pdf", _cjk_pdf(lines)))
    assert (doc.format, doc.encoding) == ("pdf", "pdf")
    found = [line for line in doc.text.split("\n") if line.strip()]
    assert found == lines
    assert (doc.title, doc.region, doc.year) == ("2031年江城市政府工作报告", "江城市", 2031)


def test_damaged_pdfs_give_input_errors_only():
    from sq_nlp.ingest.containers import pdf_text

    pdf = _cjk_pdf(["各位代表：", "过去一年。"])
    step = max(1, len(pdf) // 40)
    for cut in range(40, len(pdf), step):
        for damaged in (pdf[:cut], pdf[:cut] + b"\x00" * 30 + pdf[cut + 30:]):
            try:
                text, _ = pdf_text(damaged, "damaged.pdf")
            except InputError as exc:
                assert exc.path == "damaged.pdf"
            else:
                assert text.strip()


HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>站点标题</title><script>var x = "不是正文";</script></head>
<body><nav>首页 | 新闻</nav>
<div class="article"><h1>2031年江城市政府工作报告</h1>
<p>各位代表：</p>
<p>现在，我代表市人民政府
   向大会报告工作。<br>请予审议。</p>
<p>2030年
GDP  增长。</p>
<div hidden>隐藏的文字</div>
<table><tr><td>指标</td><td>增长</td></tr><tr><td>地区生产总值</td><td>5.2%</td></tr></table>
<p>一、2030年工作回顾</p></div>
<footer>版权所有</footer><style>p { color: red }</style></body></html>
"""


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "utf-16"])
def test_html_visible_text_as_lines(tmp_path, codec):
    doc = ingest(write(tmp_path, "page.htm", HTML.encode(codec)))
    assert doc.format == "html" and doc.encoding == ("utf-16" if codec == "utf-16" else codec)
    assert doc.text.split("\n") == [
        "2031年江城市政府工作报告",
        "各位代表：",
        "现在，我代表市人民政府向大会报告工作。",  # a source line break between CJK is no space
        "请予审议。",
        "2030年 GDP 增长。",
        "指标\t增长",
        "地区生产总值\t5.2%",
        "一、2030年工作回顾",
    ]


def test_html_is_found_by_content_not_extension(tmp_path):
    assert ingest(write(tmp_path, "page.txt", HTML)).format == "html"


def test_text_that_mentions_html_stays_text(tmp_path):
    text = "各位代表：\n网站首页使用<html>标签。\n"
    assert ingest(write(tmp_path, "r.txt", text)).text == text
    plain = "各位代表：\n  过去一年，增长5%。\n"
    doc = ingest(write(tmp_path, "plain.html", plain))  # named .html, but no tag in it
    assert (doc.format, doc.text) == ("txt", plain)
    fragment = ingest(write(tmp_path, "fragment.html", "<p>各位代表：</p><p>过去一年。</p>"))
    assert (fragment.format, fragment.text) == ("html", "各位代表：\n过去一年。")


# ---------------------------------------------------------------- sidecar


def test_sidecar_wins_and_inference_fills_gaps(tmp_path):
    p = write(tmp_path, "r.txt", REPORT)
    write(tmp_path, "r.txt.meta.json", json.dumps({"region": "江城市北区", "source": "测试", "headline_position": "after"}))
    doc = ingest(p)
    assert doc.region == "江城市北区" and doc.source == "测试" and doc.headline_position == "after"
    assert (doc.title, doc.year, doc.period) == ("2031年江城市政府工作报告", 2031, 2030)


def test_no_sidecar_means_empty_meta(tmp_path):
    assert read_sidecar(write(tmp_path, "r.txt", REPORT)) == Meta()


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ("{title: 'x'}", "does not parse"),
        ("[1, 2]", "JSON object"),
        ('{"titel": "x"}', "unknown sidecar keys ['titel']"),
        ('{"year": "2021"}', "'year' must be int"),
        ('{"year": true}', "'year' must be int"),
        ('{"period": 21}', "plausible year"),
        ('{"headline_position": "below"}', "headline_position"),
    ],
)
def test_bad_sidecar_is_a_clear_error(tmp_path, sidecar, reason):
    p = write(tmp_path, "r.txt", REPORT)
    side = write(tmp_path, "r.txt.meta.json", sidecar)
    with pytest.raises(InputError) as info:
        ingest(p)
    assert str(info.value).startswith(str(side)) and reason in str(info.value)


# ---------------------------------------------------------------- CLI batch


def test_cli_batch_prints_good_files_and_names_each_bad_one(tmp_path, capsys):
    good = write(tmp_path, "good.txt", REPORT)
    good_gbk = write(tmp_path, "good_gbk.txt", REPORT.encode("gbk"))
    bad = {
        "empty.txt": b"",
        "binary.bin": _random_bytes(2000, 0, 256),
        "scan.pdf": _image_only_pdf(),
        "scripts.html": b"<html><body><script>x()</script></body></html>",
        "truncated.txt": REPORT.encode("utf-8")[:-2],
    }
    bad_paths = [write(tmp_path, name, data) for name, data in bad.items()]
    missing = tmp_path / "missing.txt"
    argv = ["extract", str(good), *map(str, bad_paths), str(missing), str(good_gbk)]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    docs = [json.loads(line)["document"] for line in out.strip().splitlines()]
    assert [Path(d["path"]).name for d in docs] == ["good.txt", "good_gbk.txt"]
    assert [d["encoding"] for d in docs] == ["utf-8", "gbk"]
    err_lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert len(err_lines) == len(bad) + 1
    for name, line in zip([*bad, "missing.txt"], err_lines):
        assert name in line


# ---------------------------------------------------------------- properties

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sq_nlp.ingest.containers import html_text  # noqa: E402
from sq_nlp.ingest.docmeta import infer_meta  # noqa: E402

_REPORTISH = st.text(
    alphabet=st.sampled_from(list("各位代表现在我市人民政府向大会报告工作一二三年月日增长万亿元，。：、“”（）%.0123456789\n \u3000")),
    min_size=1, max_size=300,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_decode_never_fails_other_than_input_error(data):
    try:
        text, enc = decode_text(data)
    except InputError:
        return
    assert isinstance(text, str) and enc


# A few GBK bytes can form valid UTF-8 by chance (位 = CE BB = λ): only texts
# with some Chinese carry enough evidence to tell, so each text has 8 or more.
_WITH_CHINESE = st.builds(
    lambda han, rest, first: han + rest if first else rest + han,
    st.text(alphabet=st.sampled_from(list("各位代表现在我市人民政府向大会报告工作年月日增长万亿元")), min_size=8, max_size=40),
    _REPORTISH,
    st.booleans(),
)


@settings(max_examples=100, deadline=None)
@given(_WITH_CHINESE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_report_text_round_trips_in_every_encoding(text, codec):
    decoded, _ = decode_text(text.encode(codec))
    assert decoded == text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_infer_meta_never_raises(text, filename):
    m = infer_meta(text, filename)
    assert m.period is None or m.year is None or m.period <= m.year


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdhtmlpbrscript各位代表\n")), max_size=200))
def test_html_text_never_raises_other_than_input_error(markup):
    try:
        text = html_text(markup, "page.html")
    except InputError:
        return
    assert text.strip() and "\n\n" not in text
