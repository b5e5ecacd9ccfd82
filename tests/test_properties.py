"""Property tests: number parsing round-trips; extraction never raises and
returns valid spans, whatever the text."""

from __future__ import annotations

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sq_nlp.extract.figures.find import extract_figures
from sq_nlp.extract.layout import repair
from sq_nlp.language.numbers import find_quantities, parse_number
from sq_nlp.records import Document
from sq_nlp.extract.slogans import extract_slogans

DIGITS = "零一二三四五六七八九"


def _group(x: int) -> str:
    """A number below 10000 in Chinese numerals, with 零 for inner gaps."""
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = x // value % 10
        if d:
            if gap and out:
                out += "零"
            out += DIGITS[d] + unit
            gap = False
        else:
            gap = True
    return out


def to_chinese(n: int) -> str:
    """Reference writer of Chinese numerals (below 10^8), as reports write them."""
    if n == 0:
        return "零"
    if 10 <= n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    hi, lo = divmod(n, 10000)
    if not hi:
        return _group(lo)
    text = _group(hi) + "万"
    if lo:
        text += ("零" if lo < 1000 else "") + _group(lo)
    return text


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    assert parse_number(to_chinese(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_arabic_numbers_round_trip_with_separators_and_full_width(whole, cents):
    plain = f"{whole}.{cents:02d}"
    expected = whole + cents / 100
    assert math.isclose(parse_number(plain), expected, rel_tol=1e-12)
    assert math.isclose(parse_number(f"{whole:,}.{cents:02d}"), expected, rel_tol=1e-12)
    wide = plain.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}).replace(".", "．")
    assert math.isclose(parse_number(wide), expected, rel_tol=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("万", 1e4), ("亿", 1e8), ("万亿", 1e12), ("千", 1e3)]))
def test_mixed_numbers_with_magnitudes_round_trip(whole, tenth, magnitude):
    word, factor = magnitude
    assert math.isclose(parse_number(f"{whole}.{tenth}{word}"), (whole + tenth / 10) * factor, rel_tol=1e-9)
    if word != "千":  # 十千 is no number: thousands of thousands are written 万
        assert math.isclose(parse_number(f"{to_chinese(whole)}{word}"), whole * factor, rel_tol=1e-9)


REPORTISH = st.text(
    alphabet=st.sampled_from(list("0123456789０１２.,%％亿万千百十一二两三四五六七八九个项家人元亩余多约超近以上左右"
                                  "增长下降达到同比比上年个百分点年月日第届次全会“”‘’（）、，。；：\n GDP+XN")),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(REPORTISH)
@example("0千多")  # a hedge after a magnitude at the very end of the text
def test_find_quantities_never_raises_and_spans_are_valid(text):
    for q in find_quantities(text):
        assert 0 <= q.start <= q.num_end <= q.end <= len(text)
        assert q.start < q.end


def _doc(text: str) -> Document:
    return Document(path="t.txt", sha256="0", encoding="utf-8", format="txt", text=text, year=2021, period=2020)


@settings(max_examples=200, deadline=None)
@given(REPORTISH)
def test_figures_and_slogans_never_raise_and_spans_point_into_the_text(text):
    doc = _doc(text)
    blocks = repair(text)
    for f in extract_figures(doc, blocks):
        assert 0 <= f.start < f.end <= len(text)
        assert any(ch.isdigit() or ch in DIGITS + "十百千万亿两" for ch in text[f.start : f.end])
        assert f.line == text.count("\n", 0, f.start) + 1
    for s in extract_slogans(doc, blocks):
        assert s.occurrences == len(s.spans) >= 1
        for start, end in s.spans:
            assert 0 <= start < end <= len(text)
