"""Numbers, magnitudes and units as Chinese reports write them.

Pure functions over text; nothing here rewrites the text it reads (a
normaliser such as cn2an's ``transform`` turns 四个意识 into 4个意识, which
destroys the formula and every offset after it). Offsets returned index the
string passed in.

* :func:`parse_number` reads one written number: Arabic with decimals and
  thousands separators (``1,206``), full-width digits (``３．５``), Chinese
  numerals (``一千二百``, ``两``) and mixed forms (``3.2万亿``, ``1万``, ``百亿``).
* :func:`resolve_unit` splits a unit as written into its magnitude factor and
  base unit (``亿元`` -> ``1e8, 元``; ``个百分点`` stays distinct from ``%``).
* :func:`find_quantities` scans text for number + unit, with the hedges that
  stand between them (``100余场次``), after them (``5%左右``) and ranges
  (``5%—6%``, ``3至5个``). It reports every candidate with the unit's kind;
  deciding which are statistics is the figures stage's job.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from sq_nlp.language.chars import HAN, is_han

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_MAG_CHARS = "十百千万亿"

#: Magnitude words that may stand between a number and its unit.
MAGNITUDES: dict[str, float] = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2,
}

_MAG_FIRST = frozenset(m[0] for m in MAGNITUDES)

#: Hedges written right before a number (约30亿元, 超1万人, 近70%).
PRE_QUALIFIERS: tuple[str, ...] = (
    "大约", "约为", "接近", "将近", "超过", "不到", "不足", "约", "近", "超", "逾",
)
# The hedges by their last character, each group in the order of PRE_QUALIFIERS (the first that fits wins)
_PRE_BY_LAST = {last: tuple(q for q in PRE_QUALIFIERS if q[-1] == last) for last in (q[-1] for q in PRE_QUALIFIERS)}
#: Hedges written right after a number and its unit (5%左右, 30%以上).
POST_QUALIFIERS: tuple[str, ...] = ("及以上", "以上", "以下", "以内", "左右")
_INNER_QUALIFIERS = "余多"
# characters that make a one-character hedge part of a word: 签约, 最近, 赶超
_NOT_HEDGE = {"约": "签节制合条公预契特邀履违", "近": "最附邻靠贴将接", "超": "赶高", "逾": ""}
_RANGE_SEPS = "—–－-~～至到"
_LONE_HEDGES = ("近", "逾", "超", "约", "破")  # before a lone 百, 千, 万 that counts (近千个, 突破百条)

_NUMBER_CHARS = "0-9０-９零〇一二两三四五六七八九十百千万亿"  # the characters a number starts with
_NUMBER_PATTERN = (
    r"(?P<num>(?P<ar>[0-9０-９]{1,3}(?:,[0-9]{3})+(?![0-9])(?:[.．][0-9０-９]+)?"
    r"|[0-9０-９]+(?:[.．][0-9０-９]+)?)"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+(?:分之[零〇一二两三四五六七八九十百千]+)?))"
)
_NUMBER = re.compile(_NUMBER_PATTERN)  # a number right at a place: its span is the group num
_CJK = re.compile(f"[{HAN}]")
_PAIRINGS = frozenset({"对"})  # the classifier of pairs, which also joins the sides of a pairing
_PAIRED_SIDE = re.compile(rf"[{_NUMBER_CHARS}多A-Za-zＡ-Ｚａ-ｚ]")


@lru_cache(maxsize=1)
def _next_number() -> re.Pattern[str]:
    """The next number from a place, what stands before it passed over in the same match (a
    search for _NUMBER, an alternation of groups, would try it at every character). A number
    is read wherever one of _NUMBER_CHARS stands, so the pass over them never gives back.

    Passed over too: a Chinese numeral that :func:`find_quantities` would pass over, most
    of them words (一体化, 进一步, 十四五), one match where each cost a turn of its loop. Only
    those it passes over whatever else it reads: neither a unit nor 余/多 after (the unit's
    first character, one look-up) and no magnitude at the end (十 to 亿: its other tests)."""
    cn = "零〇一二两三四五六七八九十百千万亿"
    after = re.escape("".join(sorted(_unit_first() | set(_INNER_QUALIFIERS))))
    word = f"[{cn}]++(?!分之|半)(?<![{_MAG_CHARS}])(?![{after}])"  # as group cn reads it; a fraction is read
    return re.compile(f"(?:[^{_NUMBER_CHARS}]++|{word})*+{_NUMBER_PATTERN}")


class Quantity(NamedTuple):
    """A number with what is written around it, as found in a text.

    ``start``/``end`` cover the number, inner hedges, magnitude and unit
    (and the second number of a range); ``num_end`` is where the first
    written number ends. ``value`` is the number as written without its
    magnitude (``30`` in 30亿元, ``unit='亿元'``); ``value_base`` applies the
    magnitude (3e9, ``base_unit='元'``). ``qualifier`` is an inner or
    trailing hedge (余, 多, 左右, 以上 ...): hedges before the number are
    context, see :func:`pre_qualifier`. ``kind`` is the unit's kind from
    package data ``units_zh.tsv`` (``none`` without a unit). ``numeral`` is
    ``arabic`` or ``chinese``.

    A named tuple rather than a dataclass: one is made for every number of
    every paragraph, and a tuple is made several times faster.
    """

    start: int
    end: int
    num_end: int
    value_text: str
    value: float
    value_max: float | None
    unit: str | None
    value_base: float
    base_unit: str | None
    qualifier: str | None
    kind: str
    numeral: str


@lru_cache(maxsize=1)
def unit_table() -> dict[str, str]:
    """Unit (as written, without magnitude) -> kind, from ``data/units_zh.tsv``."""
    text = resources.files("sq_nlp.language").joinpath("data", "units_zh.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        unit, kind = line.split("\t")
        table[unit] = kind
    return table


@lru_cache(maxsize=1)
def _unit_lengths() -> dict[str, tuple[int, ...]]:
    """First character of the units -> the lengths of the units that start
    with it, longest first (a unit can only start where its first character
    stands, so most positions need no look-up at all)."""
    lengths: dict[str, set[int]] = {}
    for unit in unit_table():
        if unit:
            lengths.setdefault(unit[0], set()).add(len(unit))
    return {ch: tuple(sorted(ns, reverse=True)) for ch, ns in lengths.items()}


# Digits (thousands separated or not, a decimal part) and the magnitudes after them (3.2万亿)
_DIGITS_AND_MAGNITUDE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([十百千万亿]*)")


@lru_cache(maxsize=8192)
def parse_number(text: str) -> float:
    """The value of one written number; raises ``ValueError`` when it is none.

    >>> parse_number("1,206"), parse_number("３．５"), parse_number("3.2万亿")
    (1206.0, 3.5, 3200000000000.0)
    >>> parse_number("一千二百"), parse_number("两"), parse_number("百亿")
    (1200.0, 2.0, 10000000000.0)
    """
    s = text.strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError("empty number")
    m = _DIGITS_AND_MAGNITUDE.fullmatch(s)
    if m:
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        for ch in m.group(3):
            value *= _CN_SMALL.get(ch) or _CN_BIG[ch]
        return value
    if "分之" in s:
        denominator, _, numerator = s.partition("分之")
        den = parse_number(denominator)
        if den == 0:
            raise ValueError(f"zero denominator in {text!r}")
        return parse_number(numerator) / den
    return float(_parse_chinese(s))


def _parse_chinese(s: str) -> int:
    if any(ch not in _CN_DIGITS and ch not in _CN_SMALL and ch not in _CN_BIG for ch in s):
        raise ValueError(f"not a number: {s!r}")
    if len(s) > 1 and all(ch in _CN_DIGITS for ch in s):  # 二〇二〇: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = section = 0
    digit: int | None = None
    last_small = 10_000
    for ch in s:
        if ch in ("零", "〇"):
            digit = None
        elif ch in _CN_DIGITS:
            if digit is not None:  # 十四五: two digits in a row is a name, not a number
                raise ValueError(f"not a number: {s!r}")
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_small:
                raise ValueError(f"not a number: {s!r}")
            section += (1 if digit is None else digit) * unit
            last_small, digit = unit, None
        else:
            section += digit or 0
            if ch == "亿":
                total = (total + (section or (0 if total else 1))) * _CN_BIG[ch]
            else:
                total += (section or 1) * _CN_BIG[ch]
            section, digit, last_small = 0, None, 10_000
    return total + section + (digit or 0)


@lru_cache(maxsize=4096)
def resolve_unit(unit: str | None) -> tuple[float, str | None]:
    """``(factor, base_unit)`` of a unit as written.

    >>> resolve_unit("亿元"), resolve_unit("万人"), resolve_unit("％"), resolve_unit("成")
    ((100000000.0, '元'), (10000.0, '人'), (1.0, '%'), (10.0, '%'))
    """
    if not unit:
        return 1.0, None
    if unit.endswith(("）", ")")) and ("（" in unit or "(" in unit):
        # 万套（间）: the classifier in brackets is another name for the same
        # things; the base is the first, so 7.2万套（间） and 7.4万套 compare
        return resolve_unit(unit[:max(unit.rfind("（"), unit.rfind("("))])
    factor = 1.0
    rest = unit
    table = unit_table()
    if rest not in table:
        for mag in MAGNITUDES:  # longest first
            if rest.startswith(mag) and (rest[len(mag):] in table or "/" in rest or "每" in rest or not rest[len(mag):]):
                factor, rest = MAGNITUDES[mag], rest[len(mag):]
                break
    if not rest:
        return factor, None
    if rest == "成":
        return factor * 10.0, "%"  # a tenth: 超三成 is over 30%
    base = {"％": "%", "百分点": "个百分点"}.get(rest, rest)
    if "每" in base:
        head, _, per = base.partition("每")
        if head in table and per in table:
            base = f"{head}/{per}"  # 微克每立方米 and 微克/立方米 are one unit
    return factor, base


@lru_cache(maxsize=4096)
def unit_kind(unit: str | None) -> str:
    """The kind of a unit as written (magnitude ignored); ``none`` without one."""
    _, base = resolve_unit(unit)
    if base is None:
        return "none"
    if base == "%" and unit and unit.endswith("成"):
        return "multiple"  # tenths are said like multiples (三成, 增长两成), whatever their base
    head = base.split("/")[0]
    return unit_table().get({"%": "%", "个百分点": "个百分点"}.get(head, head), "counter")


@lru_cache(maxsize=1)
def _unit_first() -> frozenset[str]:
    """The characters a unit starts with."""
    return frozenset(_unit_lengths())


@lru_cache(maxsize=1)
def _magnitudes_by_first() -> dict[str, tuple[str, ...]]:
    """First character -> the magnitude words starting with it, in :data:`MAGNITUDES`' order."""
    out: dict[str, list[str]] = {}
    for mag in MAGNITUDES:
        out.setdefault(mag[0], []).append(mag)
    return {ch: tuple(mags) for ch, mags in out.items()}


def _unit_at(text: str, pos: int) -> str | None:
    """The unit written at ``pos``: the longest one of the unit table, ``None``
    where there is none or that longest match is a word that only begins with a
    unit (14亿人口: no unit 人)."""
    lengths = _unit_lengths().get(text[pos : pos + 1])
    if lengths is None:
        return None
    table = unit_table()
    for n in lengths:
        cand = text[pos : pos + n]
        if len(cand) == n and cand in table:
            if cand.isascii() and cand.isalpha() and pos + n < len(text) and text[pos + n].isascii() and text[pos + n].isalnum():
                continue  # P in PPP, km in kmh: part of a longer Latin word
            if cand in _PAIRINGS and _PAIRED_SIDE.match(text, pos + n):
                return None  # 1对1帮扶, 一对多: the two sides of a pairing, no pairs counted
            return None if table[cand] == "word" else cand
    return None


def _read_unit(text: str, pos: int, allow_magnitude: bool) -> tuple[int, str, str | None, str | None]:
    """From ``pos`` (just after a number): ``(end, magnitude, unit, inner_hedge)``.

    Tries no magnitude and each magnitude, keeping the reading that consumes
    most text and preferring no magnitude on a tie: 1000千伏 is 千伏, not
    千 + 伏; 3.2万亿元 is 万亿 + 元; 620多万套 keeps 多 as the hedge.
    """
    hedge0 = text[pos] if pos < len(text) and text[pos] in _INNER_QUALIFIERS else None
    p = pos + (1 if hedge0 else 0)
    unit = _unit_at(text, p)
    if unit:
        best = (p + len(unit), "", unit, hedge0)
    elif hedge0 == "余":  # 100余 with nothing countable after
        best = (p, "", None, hedge0)
    else:
        best = (pos, "", None, None)
    if not allow_magnitude or text[p : p + 1] not in _MAG_FIRST:
        return best
    for mag in _magnitudes_by_first()[text[p]]:
        if not text.startswith(mag, p):
            continue
        q = p + len(mag)
        hedge = hedge0
        if hedge is None and q < len(text) and text[q] in _INNER_QUALIFIERS:
            hedge, q = text[q], q + 1
            if q < len(text) and mag + text[q] in MAGNITUDES:  # 3万多亿元: 万 + 亿 around the hedge
                mag, q = mag + text[q], q + 1
        unit = _unit_at(text, q)
        end = q + len(unit) if unit else q
        if end > best[0]:
            best = (end, mag, unit, hedge)
    return best


def pre_qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The hedge written right before ``text[start]`` and where it begins.

    >>> pre_qualifier("参加人员超1万人", 5)
    ('超', 4)
    """
    hedges = _PRE_BY_LAST.get(text[start - 1 : start])
    if hedges is None:
        return None, start  # most numbers: no hedge ends right before them
    for q in hedges:
        if start - len(q) >= 0 and text.startswith(q, start - len(q)):
            prev = text[start - 2 : start - 1] if start >= 2 else ""
            if len(q) == 1 and prev and prev in _NOT_HEDGE.get(q, ""):
                continue  # 签约3543亿元, 最近: part of a word
            return q, start - len(q)
    return None, start


_POST_FIRST = frozenset(q[0] for q in POST_QUALIFIERS) | frozenset(_INNER_QUALIFIERS)


def _post(text: str, pos: int, kind: str) -> tuple[str | None, int]:
    if text[pos : pos + 1] not in _POST_FIRST:
        return None, pos  # most numbers: no hedge after them
    for q in POST_QUALIFIERS:
        if text.startswith(q, pos):
            return q, pos + len(q)
    if pos < len(text) and text[pos] in _INNER_QUALIFIERS and kind in ("multiple", "percent", "points"):
        nxt = text[pos + 1 : pos + 2]
        if not nxt or not _CJK.match(nxt) or nxt == "的":
            return text[pos], pos + 1
    return None, pos


_PER_MARKS = ("/", "每")  # what a unit per unit is written with
# The verbs of a change written before 一半 (缩短一半, 压减一半): half is then a fraction.
_HALVED_BY = frozenset({"减少", "缩减", "缩短", "压减", "压缩", "降低", "下降", "削减", "提高", "增加", "超过"})
# A fraction in digits (1/3, 1／10), no digit or unit right after it (not a date, 2025/1/3).
_DIGIT_FRACTION = re.compile(r"(?<![0-9/／.])([0-9]{1,2})[/／]([0-9]{1,3})(?![0-9/／.％%])")


def _composite(text: str, pos: int, unit: str | None) -> tuple[str | None, int]:
    """元/人, 万元/吨: a unit per unit."""
    if unit and pos < len(text) and text[pos] == "/":
        per = _unit_at(text, pos + 1)
        if per:
            return f"{unit}/{per}", pos + 1 + len(per)
    if unit and pos < len(text) and text[pos] == "每" and unit_kind(unit) == "measure":
        # 28.5微克每立方米: a concentration written out; 每 before a counter (每人) is no unit
        per = _unit_at(text, pos + 1)
        if per and unit_table()[per] == "measure":
            return f"{unit}每{per}", pos + 1 + len(per)
    return unit, pos


def _split_cn_magnitude(numeral: str) -> tuple[str, str]:
    """一千二百万 -> (一千二百, 万); 百亿 -> (百, 亿); 万 alone stays a numeral."""
    if numeral[-1] not in "万亿":
        return numeral, ""  # most numerals (一, 十四五): every magnitude split off ends in 万 or 亿
    for mag in ("万亿", "亿", "万"):
        if numeral.endswith(mag) and len(numeral) > len(mag):
            head = numeral[: -len(mag)]
            if head[-1] not in _CN_BIG:
                return head, mag
    return numeral, ""


def _one(text: str, m: re.Match[str]) -> tuple[float, int, str, str | None, str | None, str] | None:
    """Read the number of match ``m`` (its group num): (value, end, magnitude, unit, hedge, numeral)."""
    ar = m.group("ar")
    if ar is not None:
        try:
            value = parse_number(ar)
        except ValueError:
            return None
        end, mag, unit, hedge = _read_unit(text, m.end("num"), True)
        return value, end, mag, unit, hedge, "arabic"
    numeral = m.group("cn")
    head, mag = _split_cn_magnitude(numeral)
    lone = not mag and head in ("万", "亿", "千", "百", "十")
    if lone and (head in "亿十" or not (
            text[m.end("num") : m.end("num") + 1] in _INNER_QUALIFIERS
            or text[m.start("num") - 1 : m.start("num")] in _LONE_HEDGES)):
        # 每万人, 千里, 千家万户: a lone magnitude character is no number; one with 余/多 after
        # it or a hedge before it counts (千余家企业, 近千个难题: about a thousand)
        return None
    try:
        value = parse_number(head)
    except ValueError:
        return None
    pos = num_end = m.end("num")
    hedge = None
    if pos < len(text) and text[pos] in _INNER_QUALIFIERS:
        hedge, pos = text[pos], pos + 1
    unit = _unit_at(text, pos)
    if unit is None and (hedge or lone) and not mag:
        return None
    end = pos + len(unit) if unit else (pos if hedge else num_end)
    return value, end, mag, unit, hedge, "chinese"


# Quantity(...) runs the named tuple's __new__, a Python function of twelve arguments; the
# tuple made at once from the fields in their order is the same record for a third of the cost
_tuple_new = tuple.__new__


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its unit, hedges and range partner.

    Chinese numerals are reported only when a unit or magnitude follows
    (四个意识 is reported with unit 个: telling formulas from counts is the
    caller's job, see :mod:`sq_nlp.extract.figures.find`).
    """
    out: list[Quantity] = []
    pos = 0
    n = len(text)
    unit_first = _unit_first()
    table = unit_table()
    bare = False  # whether a number without a unit was found
    short_points = False  # whether a 个百分点 was found (个、…个百分点)
    next_number = _next_number().match
    while pos < n:
        m = next_number(text, pos)
        if m is None:
            break
        m_start, m_end = m.span("num")
        cn = m.group("cn")
        if cn is not None and len(cn) > 1 and cn[-1] in _CN_SMALL and cn[-2] in _MAG_CHARS:
            # 百万千瓦: a 千 right after another magnitude, with no digit of its own, is no part
            # of the number (百万千 is no numeral) but the start of a unit (千瓦, 千米)
            unit = _unit_at(text, m_end - 1)
            if unit is not None and len(unit) > 1:
                m = _NUMBER.match(text, m_start, m_end - 1) or m
                m_start, m_end = m.span("num")
                cn = m.group("cn")
        if cn == "一" and text.startswith("半", m_end) and (
                text[m_start - 2 : m_start] in _HALVED_BY or "占" in text[max(0, m_start - 4) : m_start]):
            # 通关时间缩短一半以上, 占全国一半: half, a fraction (一半用于大病保险 shares money out: none)
            out.append(_fraction(text, m_start, m_end + 1, 0.5, "chinese"))
            pos = m_end + 1
            bare = True
            continue
        if cn is not None and "分之" in cn:
            # 三分之一, 四分之一以上: a fraction is a number of its own, a share with no unit
            try:
                value = parse_number(cn)
            except ValueError:
                pos = m_end
                continue
            out.append(_fraction(text, m_start, m_end, value, "chinese"))
            pos = m_end
            bare = True
            continue
        if cn is not None:
            # most Chinese numerals are words (一体化, 进一步): no unit can start after
            # them (past 余/多) and they end in no magnitude (一千二百万), which one
            # look-up of the next character tells without reading them; _one would read
            # them as numerals with neither, which are passed over below
            after = m_end
            nxt = text[after : after + 1]
            if nxt and nxt in _INNER_QUALIFIERS:
                nxt = text[after + 1 : after + 2]
            if nxt not in unit_first and not (len(cn) > 1 and cn[-1] in "万亿"):
                pos = after
                continue
        got = _one(text, m)
        if got is None:
            pos = m_end
            continue
        value, end, mag, unit, hedge, numeral = got
        if numeral == "chinese" and unit is None and not mag:
            pos = m_end
            continue
        if numeral == "arabic" and unit is None and not mag and not hedge and (
                frac := _DIGIT_FRACTION.match(text, m_start)) and float(frac.group(2)) > 0:
            # 近1/3, 超1/10: a fraction written in digits, a share with no unit (as 三分之一 is)
            out.append(_fraction(text, m_start, frac.end(), value / float(frac.group(2)), "arabic"))
            pos = frac.end()
            bare = True
            continue
        value_max = None
        # a range: 5%—6%, 3至5个, 6%－6.5%
        if end < n and text[end] in _RANGE_SEPS:
            m2 = _NUMBER.match(text, end + 1)
            if m2 is not None and (m2.group("ar") is not None) == (numeral == "arabic"):
                got2 = _one(text, m2)
                if got2 is not None:
                    v2, end2, mag2, unit2, hedge2, _ = got2
                    same = (unit is None and not mag) or (unit == unit2 and mag == mag2)
                    if same and (unit2 or mag2) and v2 > value:
                        value_max, end, mag, unit = v2, end2, mag2, unit2
                        hedge = hedge or hedge2
        full_unit = (mag + unit) if unit else (mag or None)
        if text[end : end + 1] in _PER_MARKS:
            full_unit, end = _composite(text, end, full_unit)
        elif unit and text[end : end + 1] in "（(" and text[end + 2 : end + 3] in ("）", ")") \
                and table.get(unit) == "counter" and is_han(text[end + 1]):
            # 35条（段）, 3.1万套（户）: one character in brackets after a classifier is
            # another classifier of the same things
            full_unit, end = full_unit + text[end : end + 3], end + 3
        kind = unit_kind(full_unit) if unit else ("none" if not mag else "magnitude")
        post = _post(text, end, kind)[0] if text[end : end + 1] in _POST_FIRST else None
        factor, base = resolve_unit(full_unit)
        if unit is None:
            base = None
        # start, end, num_end, value_text, value, value_max, unit, value_base, base_unit, qualifier, kind, numeral
        out.append(_tuple_new(Quantity, (m_start, end, m_end, m.group("num"), value, value_max, full_unit,
                                         value * factor, base, hedge or post, kind, numeral)))
        pos = max(end, m_end)
        bare = bare or unit is None
        short_points = short_points or full_unit == "个百分点"
    if bare:
        out = _join_magnitudes(text, out)
    # only a number written without its unit (or with 个 before a 个百分点) can take the next one's
    return _share_units(text, out) if bare or short_points else out


def _fraction(text: str, start: int, end: int, value: float, numeral: str) -> Quantity:
    """The fraction written from ``start`` to ``end`` (三分之一, 1/3, 一半): a share with no unit."""
    # start, end, num_end, value_text, value, value_max, unit, value_base, base_unit, qualifier, kind, numeral
    return _tuple_new(Quantity, (start, end, end, text[start:end], value, None, None, value, None,
                                 _post(text, end, "none")[0], "none", numeral))


def _join_magnitudes(text: str, found: list[Quantity]) -> list[Quantity]:
    """2万5千公里, 1亿2千万人: a number of one magnitude written on with a smaller one is one
    number (25000 公里), written as the report writes it."""
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        big = q.unit if q.kind == "magnitude" and q.numeral == "arabic" and not q.qualifier else None
        small = next((m for m in MAGNITUDES if nxt is not None and (nxt.unit or "").startswith(m)), None)
        if big in MAGNITUDES and nxt is not None and small and nxt.start == q.end and nxt.numeral == "arabic" \
                and MAGNITUDES[small] < MAGNITUDES[big] and nxt.value_max is None:
            unit = nxt.unit[len(small):] or None
            value = q.value * MAGNITUDES[big] + nxt.value * MAGNITUDES[small]
            factor, base = resolve_unit(unit)
            kind = unit_kind(unit) if unit else "magnitude"
            written = text[q.start : nxt.end - len(unit or "")]  # (1亿3千多万: with its inner hedge)
            out.append(_tuple_new(Quantity, (q.start, nxt.end, q.start + len(written), written, value, None, unit,
                                             value * factor, base, nxt.qualifier, kind, "arabic")))
            i += 2
            continue
        out.append(q)
        i += 1
    return out


_SHARED_UNIT_KINDS = ("percent", "points", "multiple", "currency", "measure", "counter")


def _share_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """分别高4.2和0.7个百分点, 增长3、5%: coordinated numbers write their unit once,
    after the last one; the earlier ones take it (with its magnitude)."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        # 高于全国12.7个、12个百分点: a unit cut short (个) takes the whole one written after the last
        cut_short = q.unit == "个" and nxt.unit == "个百分点"
        if (q.unit is not None and not cut_short) or q.numeral != "arabic" or nxt.numeral != "arabic" \
                or nxt.unit is None:
            continue
        if nxt.kind not in _SHARED_UNIT_KINDS or nxt.start != q.end + 1 or text[q.end] not in "和、及与":
            continue
        factor, base = resolve_unit(nxt.unit)
        out[i] = q._replace(unit=nxt.unit, kind=nxt.kind, value_base=q.value * factor, base_unit=base)
    return out
