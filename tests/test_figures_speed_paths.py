"""The figures stage's faster paths make what their plain forms make."""

from __future__ import annotations

import bisect
import re
from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

from sq_nlp.extract.figures.find import (
    _COMMA_END,
    _SENTENCE,
    _CLAUSE_END,
    _clause_end,
    _clause_end_comma,
    _clause_start,
    _clause_starts,
    _ALL_HAN,
    _figure,
    _Lines,
    _sentences_with_numbers,
)
from sq_nlp.language.chars import is_han
from sq_nlp.records import Figure

_REQUIRED = dict(
    indicator="地区生产总值", value=30.0, unit="亿元", value_base=3e9, base_unit="元", qualifier="约",
    change=False, target=True, period=2020, section="一、", sentence="地区生产总值约30亿元。",
)
_OPTIONAL = dict(
    value_text="30", value_max=32.0, measure="level", direction="up", signed_value=30.0, bound="about",
    basis="yoy", since=2019, real=True, estimate=True, canonical="gdp",
)


def test_figure_made_at_once_is_the_figure_its_constructor_makes() -> None:
    for optional in ({}, _OPTIONAL):
        plain = Figure(**_REQUIRED, **optional, line=3, start=10, end=15)
        made = _figure({f.name: getattr(plain, f.name) for f in fields(Figure)})
        assert made == plain
        assert made.to_dict() == plain.to_dict()
        assert list(vars(made).items()) == list(vars(plain).items())  # every field, in its order
        assert hash(made) == hash(plain)


def test_every_figure_of_a_paragraph_is_the_record_its_constructor_makes() -> None:
    # _sentence_figures writes out every field in Figure's order (the last ones from _FIGURE_TAIL)
    from test_figures import make_doc

    from sq_nlp.extract.figures.find import extract_figures

    doc, blocks = make_doc("# 一、2024年工作回顾", "全年地区生产总值增长5.2%，粮食、蔬菜产量均稳定在百万吨以上，新建5G基站3.2万个。",
                           "城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内。")
    figs = list(extract_figures(doc, blocks))
    assert len(figs) >= 5
    for made in figs:
        plain = Figure(**vars(made))
        assert list(vars(made).items()) == list(vars(plain).items())
        assert made == plain and hash(made) == hash(plain) and made.to_dict() == plain.to_dict()
        assert doc.text[made.start : made.end].startswith(made.value_text)  # raw offsets, not the block's


def test_figure_has_nothing_its_constructor_would_run() -> None:
    # _figure sets the fields without __init__: it may only while Figure checks nothing on construction
    assert not hasattr(Figure, "__post_init__")
    assert "__slots__" not in vars(Figure)
    assert {f.name for f in fields(Figure)} >= set(_REQUIRED) | set(_OPTIONAL)


_CLAUSE_PIECES = st.lists(st.sampled_from(list("，,：:、。；！？“”‘’《》（）()甲乙丙1")), max_size=30)


@settings(max_examples=400, deadline=None)
@given(_CLAUSE_PIECES, st.data())
def test_clause_starts_read_together_are_those_read_apart(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    pos = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, pos))
    assert _clause_starts(text, lo, pos) == (_clause_start(text, lo, pos), _clause_start(text, lo, pos, _COMMA_END))


@settings(max_examples=400, deadline=None)
@given(_CLAUSE_PIECES, st.data())
def test_comma_clause_end_is_the_first_comma_mark(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    hi = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(0, hi))
    plain = next((i for i in range(pos, hi) if text[i] in _COMMA_END), hi)
    assert _clause_end_comma(text, pos, hi) == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("。！？；!?;”’」』）)“（甲乙1 \n")), max_size=30))
def test_sentences_follow_each_other_without_a_gap(chars: list[str]) -> None:
    # _block_figures hands each sentence the numbers after the previous one's
    text = "".join(chars)
    bounds = [0]
    for m in _SENTENCE.finditer(text):
        assert m.start() == bounds[-1] < m.end()
        bounds.append(m.end())
    assert bounds[-1] == len(text)


_PLAIN_FIVE_YEAR_PLAN_START = re.compile(
    r"^(?:——)?“?十[一二三四五六七八九]五”?时期是|今后五年|未来五年|纲要草案|纲要（草案）|第十[一二三四五六七八九]个五年规划"
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["——", "“", "”", "十四五", "十五五", "时期是", "——“十四五”时期是", "十五五”时期是", "时期", "今后五年", "未来", "五年", "纲要",
                                 "草案", "（草案）", "第十四个五年规划", "第十", "个", "规划", "是", "，"]), max_size=10))
def test_five_year_plan_start_read_apart_is_the_plain_search(pieces: list[str]) -> None:
    from sq_nlp.extract.figures.find import _five_year_plan_starts

    text = "".join(pieces)
    assert _five_year_plan_starts(text) == bool(_PLAIN_FIVE_YEAR_PLAN_START.search(text))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="甲\n", max_size=40), st.data())
def test_lines_counted_on_are_the_lines_of_their_starts(text: str, data: st.DataObject) -> None:
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    lines = _Lines(text)
    # in order mostly, as figures come, and now and then back (a table's cells)
    for i in data.draw(st.lists(st.integers(0, len(text)), max_size=12)):
        assert lines.of(i) == bisect.bisect_right(starts, i)


# the edges of every Han range of is_han, and characters round them
_EDGES = [chr(c) for c in (0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF,
                           0xFB00, 0x1FFFF, 0x20000, 0x3134F, 0x31350)] + list("中，a1")


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_EDGES), max_size=8))
def test_all_han_in_one_match_is_is_han_of_every_character(chars: list[str]) -> None:
    text = "".join(chars)
    assert bool(_ALL_HAN.fullmatch(text)) == all(is_han(c) for c in text)


def _plain_sentences_with_numbers(text: str, starts: list[int]) -> list[tuple[int, int, int, int]]:
    out, i = [], 0
    for m in _SENTENCE.finditer(text):
        s0, s1 = m.span()
        j = i
        while j < len(starts) and starts[j] < s1:
            j += 1
        if j > i:
            out.append((s0, s1, i, j))
        i = j
    return out


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("。！？；!?;”’」』）)“（甲，5")), max_size=30), st.data())
def test_sentences_found_by_their_numbers_are_those_cut_one_by_one(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    digits = [i for i, ch in enumerate(text) if ch == "5"]  # where numbers may start
    starts = sorted(data.draw(st.sets(st.sampled_from(digits))) if digits else [])
    assert list(_sentences_with_numbers(text, starts)) == _plain_sentences_with_numbers(text, starts)


def _quantities_read_one_by_one(text: str) -> list:
    """find_quantities with the plain pass to the next number: each Chinese numeral read in
    its loop (and most passed over there), none passed over inside the match."""
    from unittest import mock

    from sq_nlp.language import numbers

    plain = re.compile(f"[^{numbers._NUMBER_CHARS}]*+{numbers._NUMBER_PATTERN}")
    with mock.patch.object(numbers, "_next_number", lambda: plain):
        return numbers.find_quantities(text)


# numerals, magnitudes, units and what starts them (百, 千), hedges, ranges, fractions, words
_NUMBER_PIECES = list("零〇一二两三四五六七八九十百千万亿") + [
    "分之", "余", "多", "个", "元", "亿元", "万人", "千瓦", "千米", "百分点", "个百分点", "%", "倍", "年", "的", "和",
    "、", "至", "—", "第", "近", "超", "每", "体化", "步", "五”", "3", "12", "0.5", "１", "．", ",", "项", "家", "次"]


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=14))
def test_numerals_passed_over_in_the_match_are_those_the_loop_passes_over(pieces: list[str]) -> None:
    from sq_nlp.language.numbers import find_quantities

    text = "".join(pieces)
    assert find_quantities(text) == _quantities_read_one_by_one(text)


def test_numerals_passed_over_in_the_match_on_a_table_of_texts() -> None:
    from sq_nlp.language.numbers import find_quantities

    for text in ("进一步推动一体化发展，“十四五”规划", "百万千瓦级", "建成一千二百万千瓦", "三分之一的村", "三分之",
                 "千余家企业，近千个难题，每万人", "十四届十二次全会", "两个百分点", "一万亿元", "五十多万人", "一二三"):
        assert find_quantities(text) == _quantities_read_one_by_one(text), text


def test_no_word_that_sets_a_target_holds_another() -> None:
    # _sentence_figures reads whether such a word stands wholly before a number off the first one
    # found from the sentence's opening: one found later ends earlier only inside a longer one
    from sq_nlp.extract.figures.find import _SETS_TARGET

    words = _SETS_TARGET.pattern.split("|")
    assert all(re.escape(w) == w for w in words)  # plain words, nothing else
    assert not any(a != b and b in a for a in words for b in words)


def _figures_fast_and_logged(caplog, *paras: str) -> tuple[list, list]:
    """The figures of ``paras`` without debug logging (numbers left out early) and with it
    (every number through the rejections, each logged)."""
    import logging

    from test_figures import make_doc

    from sq_nlp.extract.figures.find import extract_figures

    doc, blocks = make_doc(*paras)
    fast = list(extract_figures(doc, blocks))
    with caplog.at_level(logging.DEBUG, logger="sq_nlp.extract.figures.find"):
        plain = list(extract_figures(doc, blocks))
    return fast, plain


def test_years_and_grades_left_out_before_the_sentences_change_no_figure(caplog) -> None:
    # without debug logging _block_figures hands on no year or grade (each rejected first thing, and a
    # sentence holding only them is not read); with it every number goes through the rejections
    fast, plain = _figures_fast_and_logged(
        caplog,
        "2024年，全市地区生产总值增长5.2%。2025年是“十四五”收官之年。建成5G基站3.2万个，1000千伏线路投运。",
        "2019年至2023年，新增就业120万人；2023年。居民收入增长6%、5.8%，物价上涨0.2%，2024年以来，5G用户达1亿户。",
        "2020年。2021年。")
    assert any("date" in r.getMessage() for r in caplog.records)  # the plain path ran
    assert len(fast) >= 5 and fast == plain


def _plain_clause_start(text: str, lo: int, pos: int, marks: str) -> int:
    depth = 0
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in "”’》）)":
            depth += 1
        elif text[i] in "“‘《（(":
            depth = max(0, depth - 1)
        elif text[i] in marks and depth == 0:
            return i + 1
    return lo


def _plain_clause_end(text: str, pos: int, hi: int) -> int:
    depth = 0
    for i in range(pos, hi):
        if text[i] in "“‘《（(":
            depth += 1
        elif text[i] in "”’》）)":
            depth = max(0, depth - 1)
        elif text[i] in _CLAUSE_END and depth == 0:
            return i
    return hi


@settings(max_examples=600, deadline=None, derandomize=True)
@given(_CLAUSE_PIECES, st.data())
def test_clause_bounds_found_by_a_regex_are_those_of_the_scan_over_brackets(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    hi = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(0, hi))
    lo = data.draw(st.integers(0, pos))
    for marks in (_CLAUSE_END, _COMMA_END):
        assert _clause_start(text, lo, pos, marks) == _plain_clause_start(text, lo, pos, marks)
    assert _clause_end(text, pos, hi) == _plain_clause_end(text, pos, hi)


def _plain_link_suffix(text: str) -> str | None:
    from sq_nlp.extract.figures.words import words

    link = words("link")
    for n in range(min(len(text), max(map(len, link))), 0, -1):
        if text[-n:] in link:
            return text[-n:]
    return None


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["增长", "长", "同比", "比", "上年", "较上年", "到", "提高", "提高到", "高到", "保持在",
                                 "持在", "在", "收入", "地区生产总值", "率", "了", "增加了", "的", "甲", "、"]), max_size=6))
def test_link_suffix_found_by_last_character_is_the_scan_over_lengths(pieces: list[str]) -> None:
    from sq_nlp.extract.figures.find import _link_suffix

    text = "".join(pieces)
    assert _link_suffix(text) == _plain_link_suffix(text)


def test_link_suffix_of_every_link_word_and_its_tails() -> None:
    from sq_nlp.extract.figures.find import _link_suffix
    from sq_nlp.extract.figures.words import words

    for w in words("link"):
        for text in (w, "甲" + w, w + "甲", w[1:], "收入" + w[1:]):
            assert _link_suffix(text) == _plain_link_suffix(text), text


_CN_PIECES = ["四", "个", "意识", "三", "项", "制度", "两", "百分点", "一", "倍", "十二", "三百", "余", "多", "家", "企业",
              "千", "万", "亿", "元", "吨", "次", "届", "期", "第", "几", "上", "大", "以上", "的", "“", "”", "，", "、",
              "增长", "超", "近", "方面", "时速", "公里", "成", "分之", "人", "岁", "小时", "项目", "条", "措施"]


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_CN_PIECES), max_size=12), st.sampled_from(["", "企业", "项目", "方面", "制度", "人"]))
def test_a_numeral_left_out_for_what_follows_is_rejected_whatever_follows(pieces: list[str], after_np: str) -> None:
    # _block_figures leaves out what _formula_whatever_follows names, before its noun phrase is read
    from sq_nlp.extract.figures.find import _formula_whatever_follows, _reject_by_form, _reject_in_context
    from sq_nlp.language.numbers import find_quantities

    text = "".join(pieces)
    for q in find_quantities(text):
        if _formula_whatever_follows(q) and _reject_by_form(text, q, []) is None:
            assert _reject_in_context(text, q, after_np) is not None, (text, q)


def test_small_chinese_numerals_left_out_before_the_sentences_change_no_figure(caplog) -> None:
    fast, plain = _figures_fast_and_logged(
        caplog,
        "增强“四个意识”，落实三项制度，建成三百余个项目、千余家企业，增长两个百分点，翻一倍，新建十二个园区。",
        "实施五大工程，两个试点，新增一万亿元，一期工程完成，三分之一的村通车，十四届十二次全会。",
        "完成三个方面的任务。新建五个。")
    assert any("formula" in r.getMessage() for r in caplog.records)  # the plain path ran
    assert len(fast) >= 3 and fast == plain
