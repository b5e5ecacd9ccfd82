"""The years a sentence names, read once per sentence (``_SentencePeriod``),
agree with reading the sentence afresh up to each number; the patterns of
spans of years find what their plain forms find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sq_nlp.extract.figures.find import _SentencePeriod

_YEAR = re.compile(r"((?:19|20)\d{2})年(?!代)")
_BASE_BEFORE = ("比", "较", "与", "同", "相比", "自", "从", "于", "对比", "即", "截至")


def _afresh(text: str, before: int, year: int | None, default: int | None) -> tuple[int | None, bool]:
    """The rule read from the start of the sentence up to ``before`` for each number."""
    best = None
    for m in _YEAR.finditer(text, 0, before):
        pre = text[max(0, m.start() - 2) : m.start()]
        post = text[m.end() : m.end() + 2]
        if any(pre.endswith(w) for w in _BASE_BEFORE) or post.startswith(("以来", "前", "之前", "相比", "同期")):
            continue
        if m.start() and text[m.start() - 1] in "—–－-~～":
            continue
        y = int(m.group(1))
        ahead = year is None or y >= year
        future = (pre.endswith(("到", "至", "面向")) or post.startswith(("底前", "前"))) and ahead or (year is not None and y > year)
        best = (m.start(), y, future)
    relative = (("今年", 0, year), ("本年", 0, year), ("去年", -1, year), ("过去一年", -1, year), ("上年", -1, default))
    for word, delta, anchor in relative:
        if anchor is None:
            continue
        i = text.rfind(word, 0, before)
        if i < 0 or (best is not None and best[0] > i):
            continue
        pre = text[max(0, i - 2) : i]
        if any(pre.endswith(w) for w in _BASE_BEFORE) or text.startswith(("同期", "底"), i + len(word)):
            continue
        if word == "上年" and i <= 2 and year is not None:
            anchor = year
        elif word == "上年" and before - (i + len(word)) > 6:
            continue
        best = (i, anchor + delta, False)
    return (None, False) if best is None else (best[1], best[2])


def _numbers(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"[0-9]+(?:\.[0-9]+)?(?:%|亿元|万人)", text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全市2020年地区生产总值增长4.1%", [(2020, False)]),
        ("力争到2030年，森林覆盖率达到45%", [(2030, True)]),
        ("比2020年增长12%，去年增长5%", [(None, False), (2025, False)]),
        ("上年，全市粮食产量增长3%", [(2025, False)]),
        ("全市工业由上年下降2.3%转为增长8.5%", [(2023, False), (None, False)]),
        ("今年预期增长5%左右，去年同期增长3%", [(2026, False), (2026, False)]),
        ("2019—2025年累计投资120亿元", [(None, False)]),
        # a year opening the sentence is its year (the check for a span's dash
        # before it once read the empty string there as a dash)
        ("2021年，地区生产总值增长8.1%", [(2021, False)]),
        ("—2021年累计投资120亿元", [(None, False)]),
        ("过去一年完成投资30亿元，2027年底前建成50万人", [(2025, False), (2027, True)]),
    ],
)
def test_years_a_sentence_names(text: str, expected: list[tuple[int | None, bool]]) -> None:
    periods = _SentencePeriod(text, 2026, 2024)
    got = [periods.at(i) for i in _numbers(text)]
    assert got == expected
    assert got == [_afresh(text, i, 2026, 2024) for i in _numbers(text)]


_PIECES = st.sampled_from(
    ["2020年", "2030年", "2019年", "今年", "本年", "去年", "过去一年", "上年", "到", "比", "较", "相比", "面向",
     "以来", "同期", "底前", "底", "前", "—", "，", "全市", "增长", "增长5%", "12亿元", "3万人", "年代", "代"]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_PIECES, max_size=14), st.sampled_from([None, 2021, 2026]), st.sampled_from([None, 2020, 2025]))
def test_read_once_agrees_with_reading_afresh(pieces: list[str], year: int | None, default: int | None) -> None:
    text = "".join(pieces)
    periods = _SentencePeriod(text, year, default)
    for i in _numbers(text):
        assert periods.at(i) == _afresh(text, i, year, default)


# The plain forms of the patterns meaning.py writes with one literal first character a branch
_PLAIN_SPAN_WORDS = re.compile(
    r"(?:过去|近|这|最近)(?:[两三四五六七八九十]|[2-9]|10)年(?!来?(?:首次|首|最|新高|新低))"
    r"|(?:[两三四五六七八九十]|[2-9]|10)年(?:来|间)(?!来?(?:首次|首|最|新高|新低))|"
    r"十[一二三四五六七八九]五”?(?:时期|期间|以来|这五年)|(?:19|20)\d{2}\s*[—–－\-~～至到]\s*(?:19|20)\d{2}年"
    r"|(?<!未来)(?<!今后)(?<!接下来)(?<!以后)的(?:[两三四五六七八九十]|[2-9]|10)年(?=[。！!，,；;]|$)"
)
_PLAIN_OWN_YEAR = re.compile(r"(?:19|20)\d{2}年(?![—–－\-~～至到]|以来)|今年|去年|上年|全年|一年来|过去一年|每年")

_PLAIN_N_YEARS = re.compile(
    r"(?:过去|近|这|最近)([两三四五六七八九十]|[2-9]|10)年|([两三四五六七八九十]|[2-9]|10)年(?:来|间|中|里|累计)"
    r"|(?<![0-9０-９一二三四五六七八九十百])([两三四五六七八九十]|[2-9]|10)年(?=增长|提升|提高|下降|降低|增加|减少|翻)"
    r"|(?<!未来)(?<!今后)(?<!接下来)(?<!以后)的([两三四五六七八九十]|[2-9]|10)年(?=[。！!，,；;]|$)"
)

_PLAIN_OWN_YEAR_HEAD = re.compile(r"(?:——)?(?:(?:19|20)\d{2}年(?!以来)|过去一年|一年来|去年|今年)")

_SPAN_PIECES = st.sampled_from(
    [*"过去近这最两三四五六七八九十一0123456789２年来间”时期以—-至到 今上全每", "时期", "期间", "以来", "这五年", "2020年",
     "十四五", "过去", "最近", "2021—2025年", "五年来", "10年间", "的", "。", "，"]
)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(_SPAN_PIECES, max_size=16))
def test_span_patterns_find_what_their_plain_forms_find(pieces: list[str]) -> None:
    from sq_nlp.extract.figures.meaning import _OWN_YEAR, _SPAN_WORDS

    text = "".join(pieces)
    assert [m.span() for m in _SPAN_WORDS.finditer(text)] == [m.span() for m in _PLAIN_SPAN_WORDS.finditer(text)]
    assert [m.span() for m in _OWN_YEAR.finditer(text)] == [m.span() for m in _PLAIN_OWN_YEAR.finditer(text)]
    # speaks_of_span reads no text without 年 or 五: every span word holds one of them
    assert all("年" in m.group() or "五" in m.group() for m in _SPAN_WORDS.finditer(text))


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([*"——过去近这最两三四五六七八九十一0123456789２年来间中里累计以今", "一年来", "过去一年", "2020年",
                                 "以来", "五年来", "10年间", "最近", "三年累计", "两年累计", "近五年", "这10年", "1999年以来", "2019年以来",
                                 "增长", "下降", "翻", "百", "的", "。", "，"]), max_size=16))
def test_searches_for_years_find_what_their_plain_forms_find(pieces: list[str]) -> None:
    from sq_nlp.extract.figures.find import _OWN_YEAR_HEAD
    from sq_nlp.extract.figures.meaning import _ANY_N_YEARS, _N_YEARS

    text = "".join(pieces)
    assert bool(_ANY_N_YEARS.search(text)) == bool(list(_N_YEARS.finditer(text)))
    assert [(m.span(), m.groups()) for m in _N_YEARS.finditer(text)] == \
        [(m.span(), m.groups()) for m in _PLAIN_N_YEARS.finditer(text)]
    assert bool(_OWN_YEAR_HEAD.search(text)) == bool(_PLAIN_OWN_YEAR_HEAD.search(text))


def test_a_paragraph_sentence_opening_on_a_year_is_of_that_year() -> None:
    """…成绩来之不易。2021年，地区生产总值增长8.1%: the figures of that year, not of the year under review."""
    from sq_nlp.extract.document import extract_document
    from sq_nlp.records import Document

    text = ("2024年某市政府工作报告\n\n一、2023年工作回顾\n\n过去一年，全市经济稳中向好。地区生产总值增长6.1%。"
            "回顾过去五年，成绩来之不易。2021年，地区生产总值增长8.1%，一般公共预算收入增长10.2%。全年粮食产量达到50万吨。\n")
    doc = Document(path="x.txt", sha256="x", encoding="utf-8", format="txt", text=text, year=2024, period=2023)
    got = [(f.value, f.period) for f in extract_document(doc).figures]
    assert got == [(6.1, 2023), (8.1, 2021), (10.2, 2021), (50.0, 2023)]


@pytest.mark.parametrize("text", ["较“十三五”末增长1.2倍", "比十四五期末提高2个百分点", "与“十二五”末相比"])
def test_a_comparison_with_a_plans_end_holds_the_end_mark_read_for_it(text: str) -> None:
    # read_meaning looks for such a comparison only in sentences that hold 末
    from sq_nlp.extract.figures.meaning import _BASE_PLAN_END

    found = list(_BASE_PLAN_END.finditer(text))
    assert found and all("末" in m.group() for m in found)
