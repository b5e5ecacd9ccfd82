"""Metadata inference from report headers and file names: a pure function, table-tested."""

from __future__ import annotations

import re

import pytest

from sq_nlp.ingest.docmeta import find_title, infer_meta, merge_meta, region_name
from sq_nlp.records import Meta

BODY = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"

# (text, file name, expected (title, region, year, period)); the headers are
# made up in the shapes real reports use.
CASES = [
    # title with year and city, dateline, review heading
    ("2031年江城市政府工作报告\n——2031年1月20日在江城市第九届人民代表大会第二次会议上\n" + BODY
     + "一、2030年工作回顾\n", None, ("2031年江城市政府工作报告", "江城市", 2031, 2030)),
    # province: 人民政府工作报告, dateline without the dash, web timestamp line before it
    ("2032年山南省人民政府工作报告\n2032年02月10日 07时41分\n来源:\n山南日报\n"
     "2032年2月3日在山南省第十五届人民代表大会第五次会议上\n" + BODY, None,
     ("2032年山南省人民政府工作报告", "山南省", 2032, 2031)),
    # national: title split over lines, zero-width characters, congress names 全国
    ("\u200b\n\n政府工作报\n告\n\n——2030年3月5日在第十五届全国人民代表大会第一次会议上\n国务院总理　\n某　某\n"
     "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2029年工作回顾\n",
     None, ("政府工作报告", "全国", 2030, 2029)),
    # title with a bracketed note; review heading naming two periods
    ("政府工作报告（文字实录）\n\n——2030年5月22日在第十五届全国人民代表大会第三次会议上\n\n"
     "一、2029年和今年以来工作回顾\n", None, ("政府工作报告（文字实录）", "全国", 2030, 2029)),
    # no header at all: the opening names 国务院, the review heading gives the period
    ("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n\n一、2028年工作回顾\n过去一年……\n",
     None, (None, "全国", 2029, 2028)),
    # no header, no year in the text: the file name's year is the fallback
    ("各位代表：\n现在，我代表国务院，向大会报告过去五年政府工作。\n一、过去五年工作回顾\n",
     "national_china_2033.txt", (None, "全国", 2033, 2032)),
    # 刚刚过去的 names the period; page chrome before the title is ignored
    ("下载\n打印\n【字号：\n加大\n】\n2031年江城市政府工作报告\n" + BODY + "刚刚过去的2030年，极不平凡。\n",
     None, ("2031年江城市政府工作报告", "江城市", 2031, 2030)),
    # district congress, abbreviated 人大
    ("2030年北岸区政府工作报告\n——2030年1月8日在北岸区第三届人大第四次会议上\n" + BODY,
     None, ("2030年北岸区政府工作报告", "北岸区", 2030, 2029)),
    # dateline in Chinese numerals; region from the congress when the title has none
    ("政府工作报告\n——二〇三〇年一月二十二日在江城市第九届人民代表大会第二次会议上\n" + BODY,
     None, ("政府工作报告", "江城市", 2030, 2029)),
    # file name written like a title fills what the text lacks
    (BODY + "过去一年，我们……\n", "2030年江城市政府工作报告.docx", ("2030年江城市政府工作报告", "江城市", 2030, 2029)),
    ("各位代表：\n过去一年……\n", "2030_江城市_政府工作报告.txt", (None, "江城市", 2030, 2029)),
    # not a work report: nothing is guessed; a year in a sentence is not a publication year
    ("魅力新城蓬勃向上\n2030年是实施规划的第一年。\n", None, (None, None, None, None)),
    ("一段文字。\n", "notes_2030.txt", (None, None, 2030, None)),
    ("一段文字。\n", "compare_2029_2030.txt", (None, None, None, None)),
    # a 工作报告 that is not a government's: no region
    ("最高人民法院工作报告\n", None, ("最高人民法院工作报告", None, None, None)),
    # a long sentence containing 工作报告 is not a title
    ("各位代表：\n今天审议的政府工作报告全面总结了过去一年的工作，内容很多，我们要认真学习贯彻落实。\n",
     None, (None, None, None, None)),
]


@pytest.mark.parametrize(("text", "filename", "expected"), CASES)
def test_infer_meta_table(text, filename, expected):
    m = infer_meta(text, filename)
    assert (m.title, m.region, m.year, m.period) == expected
    assert m.source is None and m.headline_position == "auto"


@pytest.mark.parametrize(
    ("who", "region"),
    [("重庆市", "重庆市"), ("四川省人民", "四川省"), ("中华人民共和国国务院", "全国"), ("全国", "全国"),
     ("广西壮族自治区", "广西壮族自治区"), ("圣泉街道", "圣泉街道"), ("", None), ("最高人民法院", None), ("市", None)],
)
def test_region_name(who, region):
    assert region_name(who) == region


def test_find_title_does_not_absorb_chrome():
    assert find_title(["减小", "】", "2031年江城市政府工作报告"]) == "2031年江城市政府工作报告"
    assert find_title(["政府工作", "报告"]) == "政府工作报告"
    assert find_title(["各位代表：", "现在"]) is None


def test_merge_meta_primary_wins_and_gaps_fill():
    primary = Meta(region="江城市北区", year=None, headline_position="after", source="s")
    fallback = Meta(title="t", region="江城市", year=2031, period=2030, headline_position="before")
    assert merge_meta(primary, fallback) == Meta(
        title="t", region="江城市北区", year=2031, period=2030, source="s", headline_position="after"
    )
    assert merge_meta(Meta(), fallback).headline_position == "before"


def test_corpus_metadata(shared_corpus):
    """Every real report gets a region, its file name's year, and the year before as period."""
    for f in sorted(shared_corpus.glob("*.txt")):
        data = f.read_bytes()
        text = data.decode("gbk") if f.name.startswith("raw_gbk_") else data.decode("utf-8")
        name_year = int(re.search(r"\d{4}", f.name).group())
        m = infer_meta(text, f.name)
        assert (m.year, m.period) == (name_year, name_year - 1), f.name
        assert m.region == ("全国" if "national" in f.name else m.region) and m.region, f.name
        # From the text alone the year is either right or unknown, never wrong.
        assert infer_meta(text).year in (name_year, None), f.name
