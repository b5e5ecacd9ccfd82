"""Figures: blocks -> Figure records (indicator, value, unit, period, source span).

How a report states a statistic, and how this module reads it:

* ``指标 + 动词 + 数量``: 固定资产投资增长8% -> indicator before the number,
  the verb decides ``change`` (增长/下降/提高 ... but not 提高到/增至, which
  state a level);
* ``动词 + 数量 + 名词``: 组建11支党员突击队 -> the counted thing after it;
* a clause without its own subject carries the previous one
  (GDP就达到30亿元，同比增长4.1%), ``A、B分别增长x%、y%`` pairs them up,
  and ``A、B和C`` lists give each item its own;
* what is not a statistic is rejected by how it is written, not by its value:
  dates and years (2020年), ordinals (第一, 第5位), anniversaries (100周年),
  grades and specifications (1000千伏, 5G, 第8.6代线), codes (1+3+N, “33618”),
  anything inside a short quotation (“两个维护”), thresholds that name a class
  (65岁以上老年人, 10万元以上的村) and Chinese-numeral formulas: following the
  publishing norm GB/T 15835, statistics are written in Arabic digits, so a
  Chinese numeral counts only as a rate change (两个百分点, 一倍), a fraction
  (三分之一) or with a magnitude (百亿次).

The period comes from the sentence (2020年，…; 去年; 今年), the paragraph
(一年来, 过去一年), the part of the report (一、2018年工作回顾 reviews 2018;
二、2019年…总体要求 plans 2019) and finally the document's metadata. Figures
in a plan part are ``target``s for the plan year.

Part-of-speech tags (rjieba, through the project Segmenter) are asked only for
the few characters around each number, so the stage stays cheap. The word
lists the rules use (link verbs, clause openers, stop words of counted
phrases ...) are package data, ``figures/data/words.txt``.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache

from sq_nlp.extract.figures.meaning import RATIO_TO_ONE as _RATIO_TO_ONE, read_meaning, span_start, speaks_of_span
from sq_nlp.extract.figures.registry import canonical_of, name_matches, percent_is_rate
from sq_nlp.extract.figures.tables import table_figures
from sq_nlp.extract.figures.words import longest_first as _longest_first
from sq_nlp.extract.figures.words import words as _words
from sq_nlp.language.chars import HAN, is_han
from sq_nlp.language.numbers import POST_QUALIFIERS, Quantity, find_quantities, pre_qualifier, unit_kind
from sq_nlp.records import Block, Document, Figure

log = logging.getLogger(__name__)


_SENTENCE_END = "。！？；!?;"
_CLAUSE_END = _SENTENCE_END + "，,：:、"
_SENTENCE = re.compile(f"[^{_SENTENCE_END}]*[{_SENTENCE_END}][”’」』）)]*|[^{_SENTENCE_END}]+")
_OPEN_QUOTES = {"“": "”", "‘": "’", "「": "」", "《": "》", "『": "』", '"': '"'}
_MAX_NAME_QUOTE = 16  # longer quotations are speech, whose figures count
_QUOTE_MARKS = re.compile("[" + re.escape("".join(set(_OPEN_QUOTES) | set(_OPEN_QUOTES.values()))) + "]")

_YEAR = re.compile(r"((?:19|20)\d{2})年(?!代)")
_FIVE_YEAR = re.compile(r"十[一二三四五六七八九]五|五年")
# Where a part turns to the five-year goals: an opening (“十四五”时期是…) or words anywhere (今后五年,
# 纲要草案). Apart, the words are one literal first character a branch, which a search skips to; with
# the anchored opening among them it tried every place of the paragraph.
_FIVE_YEAR_PLAN_OPENING = re.compile(r"(?:——)?“?十[一二三四五六七八九]五”?时期是")
_FIVE_YEAR_PLAN_WORDS = re.compile(r"今后五年|未来五年|纲要草案|纲要（草案）|第十[一二三四五六七八九]个五年规划")
# A paragraph of a plan part that opens on the year (今年是“十五五”开局之年) or on the five years
_THIS_YEAR_OPENING = re.compile(r"(?:——)?(?:今年|本年|明年)")
_FIVE_YEAR_SPAN_OPENING = re.compile(r"(?:——)?“?十[一二三四五六七八九]五”?(?:时期|期间)")
_FIVE_YEAR_REVIEW_START = re.compile(r"^(?:——)?(?:过去五年|五年来|“?十[一二三四五六七八九]五”?时期|回顾)")
_PART_HEADING = re.compile(r"^(?:——)?[一二三四五六七八九十]{1,3}、")
_REVIEW_WORDS = re.compile(r"回顾|过去|成绩|成就|一年来|五年来|工作总结")
_PLAN_WORDS = re.compile(
    r"总体要求|政策取向|总体部署|主要任务|重点工作|重点任务|工作任务|工作安排|预期目标|主要目标|目标任务|建议|部署|规划纲要"
)
_TARGET_CUES = re.compile(r"目标|预期|力争|确保|控制在|以内|左右|计划|拟|要|争取|预计")
_PAST_CUES = re.compile(r"去年|上年|上一年|过去一年|一年来|2\d{3}年以来")
# Words that set a target. None holds another, so the first found from a place ends before any
# found after it: whether one stands wholly before a number is read off that one
_SETS_TARGET = re.compile(r"力争|预期目标|主要目标")
_DIGIT = re.compile(r"[0-9０-９]")
# A number that opens a count: digits or a Chinese numeral
_COUNT_START = re.compile(r"[0-9０-９一二两三四五六七八九十百千]")
# A digit that ends a counted thing's name: not one of a ranking list's (世界500强企业)
_NAME_DIGIT = re.compile(r"[0-9０-９]+(?![0-9０-９]*强)")
_LEAD_YEAR = re.compile(r"(?:(?:19|20)\d{2}年(?:末|底|度|全年)?|(?:19|20)\d{2}—(?:19|20)\d{2}年)，?")
_BASE_BEFORE = ("比", "较", "与", "同", "相比", "自", "从", "于", "对比", "即", "截至")

_CHANGE = re.compile(
    r"(?:增长|增加|下降|减少|提高|降低|上升|上涨|回落|回升|扩大|缩小|提升|(?<!新)增|降|减|涨|跌|"
    r"压减|压缩|下调|上调|翻|翻了|减轻|增多|攀升|下滑|增产|减产|缩减|缩短|精简|降价|涨价|扩增)了?$"
)
_LEVEL = re.compile(r"(?:到|至|为|成)$")
_RATE_NOUN = re.compile("增幅|增速|涨幅|降幅|增长率|增长速度")
# A size class that names a kind of thing: 10万吨级, 千万千瓦级, 千亿级 (a number, a unit of at most
# three characters, 级)
# (a unit may stand between number and 级, never a classifier: 2个千亿级、11个百亿级…项目 are two counts)
_CLASSIFIERS = "个家项座条所批处支户名台艘套只位"
_SIZE_CLASS = re.compile(r"(?:[0-9０-９]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+|万亿)[万亿]?"
                         rf"[^\W\d级{_CLASSIFIERS}]{{0,3}}?级")
# A number written in digits that is no part of a code (5G, C919 are words)
_YEAR_IN_WORDS = re.compile(r"(?<![0-9０-９])(?:19|20)[0-9]{2}(?=年|[^0-9０-９%％万亿.．个])")
# The number of a ranked list a thing enters, part of the list's name (中国农业企业500强,
# ESI世界学科排名前1%, 前1‰): no other figure of the clause.
_RANKED_LIST = re.compile(r"[0-9０-９]+强|前[0-9０-９]+(?:\.[0-9]+)?[%％‰‱]?")
_NUMBER_IN_WORDS = re.compile(r"(?<![A-Za-z0-9])[0-9０-９]+(?![0-9A-Za-z])")
# After a number written 按…: the verb of the change it sizes (按3%、7%提高)
_CHANGE_AFTER = re.compile(r"(?:[、和][0-9０-９.]+[%％])*(?:左右)?(?:稳步|逐步|同步|相应|分别)?(提高|上调|提标|增长|增加|下调|降低|减少)")
# Counters of times: 降低存款准备金率4次 says how often, not by how much
_FREQUENCY_UNITS = frozenset({"次", "轮", "批", "批次", "回"})

# 群众安全感连续8年保持98%: the streak is context, not the indicator
# A streak's length is no figure: 连续5个季度居全国前列, 连续33个榨季排全国第一 (years are times)
_STREAK_PERIOD = ("季度", "榨季", "月")
_STREAK = re.compile(rf"(?:已?连续|连)[0-9一二三四五六七八九十两]+个?(?:年|{'|'.join(_STREAK_PERIOD)})"
                     r"(?:保持|稳定|达到|位居|居|超过|突破|过|增长|下降)?(?:在)?$")
# A count of years right after the indicator: the span its change is over (近3年提升, 3年增长)
_SPAN_BEFORE = re.compile(
    r"(?:过去|近|最近)?(?<![0-9０-９一二三四五六七八九十百])(?:[两三四五六七八九十]|[2-9]|10)个?年(?:来|间|中|里)?$")
# 从39个拓展到91个: a verb of change with 到/至 states the new level
_LEVEL_VERB = re.compile(r"(?:拓展|扩展|扩大|提高|提升|增加|减少|下降|降低|上升|增长|压缩|缩短|缩小|收窄|延长|恢复|调整|增|降|升|减|提)(?:到|至)$")
# A gap to a benchmark stated as the link (高于全国, 快于全省平均水平)
_GAP = re.compile(r"(?:高于|低于|快于|慢于|高出|低出)[^，、0-9０-９]{2,}")
# The base of a change left before its verb (营业收入较“十三五”末期|翻一番)
_BASE_AT_END = re.compile(r"(?:较|比)(?:“?十[一二三四五六七八九]五”?(?:末期?|期末)|上年|去年|(?:19|20)\d{2}年(?:末|底)?)$")
_BASE_ENDS = ("末", "期", "年", "底")
_SPAN_ENDS = ("年", "来", "间", "中", "里")
# 比去年预算高, 较禁捕之初增加: a comparison standing between indicator and number
_COMPARISON = re.compile(
    r"(?:高于|低于|快于|慢于|高出|低出)[^，、]{0,8}$|(?:(?<![同占对])比|较|与)(?![重例率值])[^，、比较]{1,10}?"
    r"(?:高|低|多|少|快|慢|增长|下降|提高|降低|增加|减少|上升|回落|相比|持平|增|降|减)(?:了)?$"
)
# 在…的情况下 / 在…基础上: an adverbial between a subject and its verb, never part of the indicator
_ADVERBIAL = re.compile(r"在[^，。；、“”]{1,24}?(?:的)?(?:情况|背景|条件|前提|形势|压力)下|在[^，。；、“”]{1,24}?基础上")
_ADVERBIAL_END = re.compile(r"的?(?:情况|背景|条件|前提|形势|压力)下|的?基础上")
# 由46.9%提高到48.2%: the number right after 由/从, with a level after 到/至 later in the clause
_FROM_BEFORE = re.compile(r"(?:由|从)(?:每[年月日天人户]|[年月]均)?$|(?:由|从)(?:19|20)\d{2}年(?:末|底)?的?$")
_TARGET_TAIL = re.compile(r"(?:的)?(?:预期)?目标(?:设定|确定)?(?:为|是|在)?$|(?:设定|确定)为$")
_RATE_TARGET_AFTER = re.compile(r"的?([^，。；、“”]{0,8}(?:增长|增速))(?:预期)?目标")
_CAUSATIVE = re.compile(r"(?:带动|拉动|撬动|带来|贡献|吸引)")
_FROM_TIME = re.compile(r"(?:由|从)(?:上半年|年初|上年|去年|上年末|去年底|一季度|前三季度)的?$")  # 从上半年5.5%降到5.3%
_FROM_YEAR = re.compile(r"(?:由|从)((?:19|20)\d{2})年(?:末|底)?的?$")
# A paragraph opening that names its own year, searched for anywhere in it (so an opening —— need not be
# read): one literal first character a branch, which the search skips to instead of trying every place
_OWN_YEAR_HEAD = re.compile(r"19\d{2}年(?!以来)|20\d{2}年(?!以来)|过去一年|一年来|去年|今年")
_MAX_LEAD = 400  # the ；-items before a clause that still share its sentence's opening
_HEAD_CHARS = 16  # the opening of a paragraph that names its span of years (过去五年，…)
_LEAD_SENTENCE = re.compile(r"[^。！？]{1,40}[。！]")  # a paragraph of one short sentence
# Where a subject's starting values begin: 从2021年的46503元和16935元, 由51家
_FROM_VALUES = re.compile(r"[从由][^，。；、]{0,12}?[0-9０-９]")
_CHANGED_INTO = re.compile(rf"[{HAN}]{{1,3}}(?:为|到|至|成)")
_TO_LEVEL = re.compile(r"[^，。；、]{0,12}?(?:到|至)(?:(?:19|20)\d{2}年(?:末|底)?的?)?(?:超过|不到|不足|接近|将近|近|约|超|逾)?[0-9０-９]")
_LABEL_AFTER_ITEM = re.compile(r"^([^“”、]+)(“[^”]{1,8}”.+)$")
# The count of the things named right after a threshold (…重大项目|14个, |达到26个): a verb of
# reaching at most, then digits and a classifier.
_COUNT_OF = re.compile(rf"(?:达到|达|增至|增加到|超过|共|有)?[0-9０-９]+(?:\.[0-9]+)?[万亿]?[{_CLASSIFIERS}]")
# A ratio's name before its number, past its starting value (由上年的2.36, 从2.42∶1) and the verb.
_RATIO_FROM = r"(?:由|从)(?:上年|去年|(?:19|20)\d{2}年(?:末|底)?)?的?"
_RATIO_HEAD = re.compile(rf"(?:收入比|之比|比值|倍差)(?:{_RATIO_FROM}\d+(?:\.\d+)?(?:[∶:：]1)?)?"
                         rf"(?:{_RATIO_FROM}|缩小到|缩小至|缩小为|收窄到|收窄至|降至|降到|下降到|下降至|为|是|达到|保持在)?$")
_MAGNITUDES_ONLY = re.compile(r"[万亿]{2,}")
_ROUND_MARK = re.compile(r"[百千万亿]+")
_TOPIC_SENTENCE = re.compile(r"(?:——|—|[（(]?[一二三四五六七八九十]+[）)、]|\d+[.．、])?([^。！？0-9０-９]{2,20})[。！？]")
_EACH = ("均", "都", "皆", "双双")
_GROUPING = re.compile(r"[0-9０-９一二三四五六七八九十两]+个?方面的?$")
_OPENING_YEAR = re.compile(r"(?:——)?((?:19|20)\d{2})年(?!以来|前|之前|代)")
_OPENING_LAST_YEAR = re.compile(r"(?:——)?(?:过去一年|去年|一年来|上年)")
_ROUND_ONLY = re.compile("[十百千万亿]+")
# Hedges before a round hundred or thousand that make it a count said roughly (超千场体育赛事,
# 近百场演唱会, 逾千家企业), as 千余 is
_ROUND_HEDGES = frozenset("超近逾约破")
_RATIO_MARKS = frozenset("∶:×*/")
_ALL_HAN = re.compile(f"[{HAN}]*")  # is_han of every character, in one match
_NOT_NOUN_TAGS = ("v", "d", "p", "c", "u", "y", "r", "m", "q", "f", "t", "x", "w", "e", "o")
_NOT_NOUN_OR_MODIFIER_TAGS = _NOT_NOUN_TAGS + ("a", "b", "i", "l")


@dataclass(frozen=True)
class _Part:
    kind: str  # review, plan, plan5 (five-year goals), mixed (十三五成就和十四五目标), none
    year: int | None
    yearly: bool = False  # a review of one named year (一、2018年工作回顾), not of five
    base: int | None = None  # the year before the span a multi-year review covers (过去五年 in 2018: 2012)
    five_year: bool = False  # a plan part that also sets five-year goals (“十五五”时期主要目标和2026年重点工作)


# --- tagging, confined to short clauses --------------------------------------------


@lru_cache(maxsize=1)
def _tagger() -> Callable[[str], list[tuple[str, str]]]:
    """The shared Segmenter's ``tag``, found once: imported and looked up again for
    every new clause, it cost a fifth of the clause's tagging."""
    from sq_nlp.language.segment import default_segmenter

    return default_segmenter("rjieba").tag


@lru_cache(maxsize=4096)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    """``(word, tag)`` pairs of a short clause, with the project dictionary."""
    return tuple(_tagger()(text))


# --- document context: years and parts -----------------------------------------------


def _doc_years(doc: Document, blocks: list[Block]) -> tuple[int | None, int | None]:
    """``(year, period)`` from metadata, else from the report's own headings."""
    year, period = doc.year, doc.period
    if year is not None and period is None:
        period = year - 1
    if period is not None and year is None:
        year = period + 1
    if year is not None:
        return year, period
    for b in blocks[:400]:
        if _PART_HEADING.match(b.text) and len(b.text) < 60:
            m = _YEAR.search(b.text)
            if m and _REVIEW_WORDS.search(b.text):
                return int(m.group(1)) + 1, int(m.group(1))
            if m and _PLAN_WORDS.search(b.text):
                return int(m.group(1)), int(m.group(1)) - 1
    for b in blocks[:6]:
        m = re.match(r"\s*((?:19|20)\d{2})年.{0,12}(?:政府)?工作报告", b.text)
        if m:
            return int(m.group(1)), int(m.group(1)) - 1
    return None, None


def _parts(blocks: list[Block], year: int | None, period: int | None) -> list[_Part]:
    """The part of the report (review of the past year, plan) each block is in."""
    parts = []
    current = _Part("none", None)
    seen_plan = False
    for b in blocks:
        text = b.text
        numbered = _PART_HEADING.match(text) and len(text) < 60 and "。" not in text[:-1]
        # a word processor numbers its headings itself: 2025年工作安排 comes without 二、
        unnumbered = (
            b.kind == "heading"
            and len(text) < 40
            and bool(_YEAR.search(text) or _FIVE_YEAR.search(text))
            and bool(_REVIEW_WORDS.search(text) or _PLAN_WORDS.search(text))
        )
        if numbered or unnumbered:
            m = _YEAR.search(text)
            y = int(m.group(1)) if m else None
            review = _REVIEW_WORDS.search(text)
            plan = _PLAN_WORDS.search(text)
            if review and plan:
                py = y if y is not None and (year is None or y < year) else period
                current = _Part("mixed", py, base=span_start(text, py) if py is not None else None)
            elif review and (y is None or year is None or y < year):
                py = y if y is not None else period
                yearly = y is not None and not _FIVE_YEAR.search(text)
                base = span_start(text, py) if py is not None and not yearly else None
                current = _Part("review", py, yearly, base)
            elif plan and y is None and _FIVE_YEAR.search(text):
                current = _Part("plan5", None)  # 十五五时期主要目标任务: goals for five years
                seen_plan = True
            elif plan or (y is not None and year is not None and y >= year) or seen_plan:
                five = bool(y is not None and _FIVE_YEAR.search(text))
                current = _Part("plan", y if y is not None and (year is None or y >= year) else year, five_year=five)
                seen_plan = True
            else:
                current = _Part("none", None)
        parts.append(current)
    return parts


def _five_year_plan_starts(text: str) -> bool:
    """Whether a paragraph turns to the five-year goals (see :data:`_FIVE_YEAR_PLAN_WORDS`)."""
    return bool(_FIVE_YEAR_PLAN_OPENING.match(text) or _FIVE_YEAR_PLAN_WORDS.search(text))


def _block_period(text: str, year: int | None, default: int | None) -> int | None:
    """A paragraph that opens with its year (2020年，… / 过去一年…)."""
    m = _OPENING_YEAR.match(text)
    if m:
        return int(m.group(1))
    if year is not None and _OPENING_LAST_YEAR.match(text):
        return year - 1
    return default


_RELATIVE_YEARS = (("今年", 0, False), ("本年", 0, False), ("去年", -1, False), ("过去一年", -1, False), ("上年", -1, True))


class _SentencePeriod:
    """The years a sentence names, read once: :meth:`at` is the year named for
    what stands before an offset, and whether it is a future point (力争到2030年,
    面向2030年). Most sentences name none, so most numbers cost one look-up."""

    __slots__ = ("_ends", "_years", "_relative", "_year", "_text")

    def __init__(self, text: str, year: int | None, default: int | None) -> None:
        self._year = year
        # _YEAR is of fixed length and a number stands right after the offset
        # asked for (never 代): the matches ending by an offset are those of a
        # scan of the text cut there
        ends: list[int] = []
        years: list[tuple[int, int, bool]] = []
        self._ends, self._years, self._relative, self._text = ends, years, [], ""
        if "年" not in text:
            return  # every year and every relative word (今年, 上年 ...) is written with 年
        for m in _YEAR.finditer(text):
            pre = text[max(0, m.start() - 2) : m.start()]
            post = text[m.end() : m.end() + 2]
            if pre.endswith(_BASE_BEFORE) or post.startswith(("以来", "前", "之前", "相比", "同期")):
                continue
            if m.start() and text[m.start() - 1] in "—–－-~～":
                continue  # the end of a span (2021—2025年); a year opening the sentence is its year
            y = int(m.group(1))
            # 到2025年 in a 2026 report is the end of a span already past, not a horizon
            ahead = year is None or y >= year
            future = (pre.endswith(("到", "至", "面向")) or post.startswith(("底前", "前"))) and ahead or (year is not None and y > year)
            ends.append(m.end())
            years.append((m.start(), y, future))
        # (word, year it names, every place it starts, whether it is 上年)
        relative: list[tuple[str, int, list[int], bool]] = []
        for word, delta, last_year in _RELATIVE_YEARS:
            anchor = default if last_year else year
            if anchor is None or word not in text:
                continue
            places = []
            i = text.find(word)
            while i >= 0:
                places.append(i)
                i = text.find(word, i + 1)
            relative.append((word, anchor + delta, places, last_year))
        self._relative = relative
        self._text = text if relative else ""

    def at(self, before: int) -> tuple[int | None, bool]:
        """The year named for a number starting at ``before`` and whether it is a
        future point. Asked only where a number starts: a year written right
        before ``before`` is read as one (its 年 is no 年代, a number follows)."""
        best: tuple[int, int | None, bool] | None = None
        if self._ends:
            k = bisect.bisect_right(self._ends, before)
            if k:
                best = self._years[k - 1]
        if not self._relative:
            return (best[1], best[2]) if best is not None else (None, False)
        text = self._text
        for word, named, places, last_year in self._relative:
            # the last place where the word ends by ``before`` (str.rfind's answer)
            k = bisect.bisect_right(places, before - len(word))
            if not k:
                continue
            i = places[k - 1]
            if best is not None and best[0] > i:
                continue
            pre = text[max(0, i - 2) : i]
            if pre.endswith(_BASE_BEFORE) or text.startswith(("同期", "底"), i + len(word)):
                continue
            if last_year and i <= 2 and self._year is not None:
                named = self._year - 1  # 上年，全市…: the year before the report, like 去年
            elif last_year and before - (i + len(word)) > 6:
                continue  # 由上年下降2.3%转为增长8.5%: 上年 names only the figure right after it
            best = (i, named, False)
        if best is None:
            return None, False
        return best[1], best[2]


# --- rejecting what is not a statistic ----------------------------------------------


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of the quotation marks that pair up in ``text``."""
    spans = []
    stack: list[tuple[str, int]] = []  # (the closing mark awaited, where its quotation opens)
    for m in _QUOTE_MARKS.finditer(text):
        i = m.start()
        ch = text[i]
        if stack and ch == stack[-1][0]:
            spans.append((stack.pop()[1], i))
        elif ch in _OPEN_QUOTES:
            stack.append((_OPEN_QUOTES[ch], i))
    return spans


def _in_short_quote(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    # only a quotation opened at most _MAX_NAME_QUOTE characters before can hold the number
    # in a short one (spans are sorted by their opening mark; bisect keeps this linear overall)
    if not spans:
        return False
    lo = bisect.bisect_left(spans, (start - _MAX_NAME_QUOTE - 1, -1))
    hi = bisect.bisect_left(spans, (start, -1), lo)
    for a, b in spans[lo:hi]:
        if a < start and end <= b and b - a - 1 <= _MAX_NAME_QUOTE:
            return True
    return False




@lru_cache(maxsize=8192)  # pure, over the words of the dictionary and their tags
def _nounlike(word: str, tag: str) -> bool:
    """A token that can stand in a noun phrase (dictionary tags are per word,
    so 超市 comes tagged as a verb: a noun-like last character overrides)."""
    if not word or not is_han(word[0]) and tag != "eng":
        return False
    if word in _words("phrase_stop_verbs"):
        return False
    if tag == "vn" or not tag.startswith(_NOT_NOUN_OR_MODIFIER_TAGS):
        return True
    return len(word) > 1 and word[-1] in _words("noun_suffix") and tag.startswith(("v", "a", "b", "i", "l"))


def _ends_phrase(toks: Sequence[tuple[str, str]], k: int) -> bool:
    """Whether a noun phrase ends before token ``k``: nothing, a mark or a
    word that continues no noun phrase (a verb, a preposition) stands there."""
    if k >= len(toks):
        return True
    w, t = toks[k]
    return not is_han(w[0]) or t.startswith(("v", "p", "c", "u")) and not t.startswith("vn")


def _noun_after(text: str, pos: int, limit: int, *, counter: bool = False) -> str:
    """The noun phrase that starts at ``pos`` (the counted thing), or ``''``;
    ``counter``: a classifier stands just before it (69项|支持政策)."""
    seg = text[pos:limit]
    lead_de = seg.startswith("的")
    if lead_de:
        seg = seg[1:]
    size = _SIZE_CLASS.match(seg) or _CAPACITY.match(seg)
    if size:
        # 3个千万千瓦级新能源基地: a size class opens the counted thing's name (22个750千伏和330千伏
        # 电网工程: two classes joined)
        end = size.end()
        while (seg[end : end + 1] in _SIZE_JOINERS
               and (more := _SIZE_CLASS.match(seg, end + 1) or _CAPACITY.match(seg, end + 1))):
            end = more.end()
        rest = _noun_after(text, pos + (1 if lead_de else 0) + end, limit)
        if size.re is _CAPACITY and not rest.endswith(_PROJECT_HEADS):
            return ""  # 2座35万千瓦…项目: a capacity opens a project's name only
        if rest in _words("threshold_nouns"):
            return ""  # 跨过3个万亿级关口: marks passed, no things counted
        # 2个千亿级、11个百亿级…项目: the class alone, where the next count opens on a class too and
        # writes the head the two share (read in the text: the clause may end at the 、)
        after = pos + (1 if lead_de else 0) + end
        if not rest and counter and text[after : after + 1] in _SIZE_JOINERS \
                and (count := _COUNT_OF.match(text, after + 1)) and (other := _SIZE_CLASS.match(text, count.end())) \
                and _noun_after(text, other.end(), min(len(text), other.end() + 24)):
            return seg[:end]
        return seg[:end] + rest if rest else ""
    if not seg or not is_han(seg[0]) and seg[0] not in "“‘《":
        return ""
    digit = _NAME_DIGIT.search(seg, 0, 24)  # only a digit in the first 24 characters ends what is tagged
    toks = _tag(seg[: min(24, digit.start() if digit else 24)])
    stop_verbs, adverb_stop = _words("phrase_stop_verbs"), _words("adverb_stop")
    out: list[str] = []
    depth = before_open = 0
    last = len(toks)  # the last token the phrase may take
    taken = -1  # a token a rule took with the one before it
    for k, (w, t) in enumerate(toks):
        if k > last:
            break
        if k == taken:
            out.append(w)
            continue
        if w in "“‘《（(":
            if depth == 0:
                before_open = len(out)
            depth += 1
            out.append(w)
            continue
        if w in "”’》）)":
            if depth == 0:
                break
            depth -= 1
            out.append(w)
            continue
        if depth:
            out.append(w)
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else ("", "x")
        if w.isdigit() and nxt[0].startswith("强") or w.startswith("强") and out and out[-1].isdigit():
            out.append(w)  # 世界500强企业: a ranking list names the things
            continue
        if w == "级" and out and _nounlike(*nxt):
            out.append(w)  # 自治区级区域医疗中心: a level names the things' class
            continue
        if not is_han(w[0]) and t != "eng":
            break
        nxt_noun = _nounlike(*nxt)
        # 30项试点任务, 12个落地项目: a stop verb the tagger reads as a noun before another noun
        # opens the counted thing's name; anywhere else it ends it (3个项目落地)
        opening_noun = not out and t.startswith("n") and nxt_noun and w not in adverb_stop
        if counter and not out and not opening_noun and w in stop_verbs and t.startswith("v") and len(w) > 1 \
                and nxt[1].startswith("n") and len(nxt[0]) > 1 and _ends_phrase(toks, k + 2):
            # 69项支持政策, 12个落地项目: right after a classifier, a verb and the one
            # noun that closes the phrase name the things (12项达到国际先进水平 does not)
            opening_noun, last = True, k + 1
        if w in stop_verbs and len(nxt[0]) == 1 and nxt[0] in _words("noun_suffix") and _nounlike(*nxt) \
                and _ends_phrase(toks, k + 2):
            # 旅游消费|集聚|区, 总部|集聚|区: a verb and the one-character head closing the phrase
            # make a noun the dictionary does not list (a place where the work goes on)
            out.append(w)
            taken = k + 1
            continue
        if (w in stop_verbs and not opening_noun) or (out and w in adverb_stop):
            break
        if out and w[0] in "在向从把被将" and w not in ("在建", "在线", "在校", "在岗", "在园", "在职"):
            break  # 农业转移人口|在城镇落户
        if opening_noun or _nounlike(w, t):
            out.append(w)
            continue
        if out and len(w) == 1 and t == "q" and w in _words("noun_suffix"):
            out.append(w)  # 农牧|户: a classifier after a noun closes a noun of its own (农牧户, 脱贫户)
            continue
        if not out and len(w) == 2 and w[0] == "各" and t.startswith("r") and nxt_noun:
            out.append(w)  # 各族|青少年, 各类|企业: a pronoun of kinds opens the things' name
            continue
        if t.startswith(("t", "i", "l", "a", "b", "d", "v")) and w not in ("多", "余", "的", "等"):
            # 青年突击队, 非公党支部, 川渝共建重点实验室: a modifier when a noun follows (特殊困难家庭:
            # or another modifier, then a noun); 低保和特困人员: a first word the dictionary calls a verb
            after = toks[k + 2] if k + 2 < len(toks) else ("", "x")
            nxt_noun = nxt_noun or t.startswith("a") and nxt[1] in ("a", "an", "b") and _nounlike(*after)
            # right after a classifier, modifiers and verbs run on to the noun they name
            # (6个|省级|育种|创新|平台, 3个左右|省级|先进|制造业集群)
            nxt_noun = nxt_noun or counter and t.startswith(("a", "b", "v")) and _reaches_noun(toks, k, stop_verbs)
            # a superlative inside the phrase runs on to the noun it qualifies (世界|最长|环|沙漠|生态屏障)
            nxt_noun = nxt_noun or bool(out) and w.startswith("最") and t.startswith("a") \
                and nxt[1].startswith(("v", "a")) and nxt[0] not in stop_verbs and _nounlike(*after)
            if nxt_noun and (not t.startswith("d") or (not out and len(w) > 1)):
                out.append(w)
                continue
            if not out and t.startswith("v") and len(w) > 1 and nxt[0] in ("和", "及", "与"):
                out.append(w)
                continue
            if counter and not out and t.startswith("v") and len(w) > 1 and nxt[1].startswith("v") \
                    and nxt[0] not in stop_verbs and len(nxt[0]) > 1 and _nounlike(*after) and len(after[0]) > 1:
                # 20个|引智|示范|基地: right after a classifier, two verbs before a noun name the things
                out.append(w)
                taken = k + 1  # the second verb, taken here
                continue
        nxt2 = toks[k + 2] if k + 2 < len(toks) else ("", "x")
        if w in ("和", "及", "与") and out and (nxt_noun or nxt[1].startswith(("a", "b")) and _nounlike(*nxt2)):
            out.append(w)
            continue
        break
    if depth:  # cut inside a quotation: keep what stands before it
        out = out[:before_open]
    phrase = "".join(out)
    # 设立6项专项附加扣除: a short rest of the clause is the counted thing whole
    if phrase and len(phrase) <= 2 and len(seg) <= 8 and seg.startswith(phrase) and "的" not in seg:
        extra = _tag(seg[len(phrase) :])
        if 0 < len(extra) <= 2 and all(
            t.startswith("v") and w not in _words("phrase_stop_verbs") and w not in _words("adverb_stop") for w, t in extra
        ):
            phrase = seg
    # 和5个夜生活好去处: a short rest of the clause without a verb, which the
    # dictionary tags as idioms, is the counted thing whole
    if not phrase and not lead_de:
        rest = seg[: _clause_end(seg, 0, len(seg))]
        if 2 <= len(rest) <= 8 and _ALL_HAN.fullmatch(rest):
            rtoks = _tag(rest)
            if not any(t.startswith(("v", "d", "p", "c", "u", "r", "m", "q", "f")) for _, t in rtoks):
                phrase = rest
    # a phrase is a counted thing only if it holds a noun of two characters or more
    if len(phrase) < 2 and not (len(phrase) == 1 and (lead_de or phrase in "区市县镇村乡省州")):
        return ""
    return phrase


def _listed_subjects_before(text: str, s0: int, comma0: int) -> list[str]:
    """The subjects ``A、B`` opening the clause before ``comma0`` (A、B从无到有 -> [A, B]) when
    that clause holds no number and each item is a noun phrase; ``[]`` otherwise."""
    start = _clause_start(text, s0, comma0 - 1, _COMMA_END)
    clause = text[start : comma0 - 1]
    if "、" not in clause or _DIGIT.search(clause):
        return []
    items = _subject_list(clause)
    toks = _tag(items[-1])
    k = 0
    while k < len(toks) and (_nounlike(*toks[k]) or toks[k][1] in ("a", "b")):
        k += 1  # the last item runs to the predicate (从无到有)
    items[-1] = "".join(w for w, _ in toks[:k])
    ok = all(2 <= len(x) <= 12 and all(_nounlike(w, t) or t in ("a", "b", "m") for w, t in _tag(x)) for x in items)
    return items if ok else []


def _reaches_noun(toks: Sequence[tuple[str, str]], k: int, stop_verbs: frozenset[str] | set[str]) -> bool:
    """Whether the tokens after ``k`` run through at most two more modifiers, verbs
    or time words of two characters (no stop verb among them) to a noun."""
    j = k + 1
    while j < len(toks) and j <= k + 3:
        w, t = toks[j]
        if _nounlike(w, t) and w not in stop_verbs:
            return True
        if not (t.startswith(("a", "b")) or t.startswith(("v", "t")) and len(w) > 1) or w in stop_verbs:
            return False
        j += 1
    return False


_NEVER_FIGURES = ("date", "technical")  # kinds of number _reject_by_form rejects before anything else
_A_RATIO = ""  # _reject_by_form's verdict for a ratio written against one: a figure
_PLUS = re.compile("[+＋]")  # either plus sign, looked for in one search


def _has_magnitude(q: Quantity) -> bool:
    """Whether a number is written with a magnitude (3万人, 百亿元, 万亿)."""
    return bool(q.unit and q.unit[:1] in "万亿") or q.kind == "magnitude"


def _too_small_to_count(q: Quantity) -> bool:
    """Whether a Chinese numeral is too small for a count, so a formula (四个意识, 三项制度, 一期):
    no magnitude, and at most ten or not of things, a measure or money."""
    return not (_has_magnitude(q) or q.value > 10 and q.kind in ("counter", "measure", "currency"))


def _formula_whatever_follows(q: Quantity) -> bool:
    """Whether :func:`_reject_in_context` rejects ``q`` whatever noun phrase follows it: a Chinese
    numeral too small to count and no rate change (两个百分点, 一倍) nor fraction; the rules it reads before
    that verdict can only reject too. A fifth of the numbers of reports, most of them formulas."""
    return q.numeral == "chinese" and q.kind not in ("points", "multiple") and _too_small_to_count(q) \
        and not _is_fraction(q)  # (a fraction is a share: 三分之一)


def _reject_by_form(text: str, q: Quantity, quotes: list[tuple[int, int]]) -> str | None:
    """Why ``q`` is not a statistic, as far as the number and the characters
    beside it tell: a short reason, :data:`_A_RATIO` for a ratio (a figure),
    or None when the noun phrase after the number must be read first
    (:func:`_reject_in_context`)."""
    kind = q.kind
    if kind in _NEVER_FIGURES:
        return kind
    start, end = q.start, q.end
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    if before in ("第", "前", "后", "名", "在"):  # the last characters of the ordinal marks (排名 and 排在 too)
        two_before = text[max(0, start - 2) : start]
        # (后 of a word is no mark: 博士后304名, 之后, 今后)
        if (before in ("第", "前", "后") and two_before not in ("先后", "前后", "士后", "之后", "以后", "今后", "此后", "然后")) \
                or two_before in ("排名", "排在"):
            return "ordinal"
    if before and before.isascii() and before.isalpha():
        return "code"
    if after and after.isascii() and after.isalnum() and q.unit is None:
        return "code"
    if _PLUS.search(text, max(0, start - 1), end + 1):
        return "model"
    if kind == "none" and _RATIO_TO_ONE.match(text, end) and not _RATIO_TO_ONE.match(text, max(0, start - 2)):
        if text[max(0, start - 2) : start].endswith(("按", "按照", "依照")):
            return "ratio rule"  # 按照1：1比例配套资金: how something is shared out, no measured ratio
        return _A_RATIO  # 城乡居民收入比2.52∶1: a ratio, written against one
    if before in _RATIO_MARKS or after in _RATIO_MARKS:  # one character each
        return "ratio"
    if quotes and _in_short_quote(quotes, q.start, q.end):
        return "quoted"
    if after == "级" and kind in ("measure", "currency"):
        return "size class"  # 百万千瓦级水电站, 百亿元级企业: what kind of thing, not how much
    return None


def _policy_package(text: str, q: Quantity) -> bool:
    """Whether a count of 条 names a policy package: a policy noun follows it
    (20条措施, 12条等政策举措) or, the count ending its clause, a policy verb opens
    the clause (落实人才振兴60条); 台黑4条高速, 新开通航线12条 count things. A
    package is named by an exact count: one said roughly (出台稳增长措施近100条,
    100余条) counts the measures."""
    if q.qualifier or pre_qualifier(text, q.start)[0]:
        return False
    tail = q.end
    if text.startswith("等", tail):
        tail += 1
    # the noun may carry a modifier of a word (16条具体举措, 20条新措施)
    for at in range(tail, min(tail + 3, len(text))):
        if any(text.startswith(w, at) for w in _longest_first("policy_nouns")):
            return True
        if not is_han(text[at]):
            break
    if tail < len(text) and text[tail] not in _CLAUSE_END:
        return False
    lo = _clause_start(text, max(0, q.start - 40), q.start, _COMMA_END)
    return any(v in text[lo : q.start] for v in _words("policy_verbs"))


def _percent_before_noun(text: str, q: Quantity, after_np: str) -> bool:
    """Whether ``q`` is a percentage with a noun right after it (and its hedge), no 的 between."""
    return q.kind == "percent" and bool(after_np) and not text.startswith("的", q.end + _post_len(text, q))


def _is_fraction(q: Quantity) -> bool:
    """Whether ``q`` is a fraction (三分之一, 1/3): a share with no unit."""
    return q.unit is None and ("分之" in q.value_text or "/" in q.value_text or "／" in q.value_text
                               or q.value_text == "一半")


def _sizes_a_cut(ind: str) -> bool:
    """Whether ``ind`` ends on a verb of reducing fused with or followed by what it reduces
    (减税降费, 降低成本, 减轻…负担, 减负, 减碳): its number is how much was cut."""
    toks = _tag(ind)
    return any(w[:1] in "减降" and len(w) > 1 or w in _words("down_words") and t.startswith("v")
               for w, t in toks[-4:] if not w.startswith(_NO_CUT))


# Words opening on 减 or 降 that cut nothing (可降解塑料, 降水量, 防灾减灾).
_NO_CUT = ("降解", "降水", "降雨", "降雪", "降落", "降温", "减灾")


def _opens_on_short_verb(words: str) -> bool:
    """Whether ``words`` open on a verb of one character (留|辽|就业)."""
    first = _tag(words)[:1]
    return bool(first) and len(first[0][0]) == 1 and first[0][1] == "v"


def _share_of_things(text: str, q: Quantity, after_np: str) -> bool:
    """Whether a percentage written right before a noun (no 的) is the share of
    those things, not part of a name (1%人口抽样调查, 5%贷款贴息政策): it opens its
    clause (after a scope at most, 全省93%行政村…, or as a listed item,
    所有乡镇和90%以上行政村) or follows the whole it is a share of
    (全国财政支出70%以上用于民生), and it is hedged (超80%监测对象…), which a name
    never is, or the things go on to a predicate of their own
    (99%乡镇通三级及以上等级公路), where a name ends its clause. After a verb the
    percentage is what the verb does (降低20%以上能耗, 按3%左右赤字率安排): no share."""
    hedge, at = pre_qualifier(text, q.start)
    lead = text[_clause_start(text, max(0, at - 40), at) : at]
    if lead and not (lead in _SCOPE or lead.removesuffix("有") in _SCOPE or lead.endswith(("和", "及"))
                     or _tag(lead[-6:])[-1][1][:1] == "n"):
        return False
    if any(after_np.endswith(w) for w in _words("policy_nouns")):
        return False
    if q.qualifier or hedge:
        return True
    if _opens_on_short_verb(after_np):
        return True  # 省内高校毕业生67.5%留辽就业: a name never opens on a verb of one character
    end = q.end + _post_len(text, q) + len(after_np)
    toks = _tag(text[end : end + 6]) if end < len(text) and is_han(text[end]) else ()
    return bool(toks) and toks[0][1].startswith("v") and toks[0][1] != "vn"


def _reject_in_context(text: str, q: Quantity, after_np: str) -> str | None:
    """Why ``q`` is not a statistic (a short reason), or None when it is one,
    once ``after_np`` (the noun phrase after the number) is read."""
    kind, start = q.kind, q.start
    before = text[start - 1 : start] if start else ""
    if before == "每" and q.unit:
        return "denominator"  # 每10万人刑事案件数, 每1万元GDP能耗: what a rate is counted per
    if kind == "counter" and text[max(0, start - 2) : start].endswith(("连续", "连")) \
            and text.startswith(_STREAK_PERIOD, q.end):
        return "streak"
    if after_np and text.startswith("时速", max(0, start - 2)):
        return "speed class"  # 通时速350公里高铁: what kind of railway, no figure of its own
    if after_np and q.unit and q.unit.endswith("/年"):
        return "capacity class"  # 哈密400万吨/年煤制油项目: the project's size names it
    if kind == "measure" and after_np.endswith(_PROJECT_HEADS) and not text.startswith("的", q.end):
        return "capacity class"  # 2万吨高质碳酸锂项目, 35万千瓦光热发电项目: the size is part of its name
    if kind == "measure" and after_np.startswith(("口径", "级")):
        return "size class"  # 110米口径全向可动射电望远镜: the instrument's specification names it
    if q.unit == "条" and _policy_package(text, q):
        return "policy name"  # 稳增长惠民生27条, 科技金融20条政策措施: a package's name
    if kind == "counter" and after_np and (after_np.startswith("方面") or before == "个"):
        # 推出8个方面90项政策措施: how measures are grouped, not a count of anything; 首个1类创新药
        return "grouping" if after_np.startswith("方面") else "class"
    if start >= 2 and text.startswith("相当", start - 2):
        return "restatement"  # 相当于…: a comparison, no amount of its own
    if _percent_before_noun(text, q, after_np) and not _share_of_things(text, q, after_np):
        return "name"  # 1%人口抽样调查
    if kind == "age" and (after_np or text.startswith(("以上", "以下", "及以上"), q.end)):
        return "age class"
    if kind == "time" and q.unit in ("分钟", "小时", "秒"):
        if after_np and not text.startswith("的", q.end):
            return "name"  # 15分钟生活圈
        after = text[q.end : q.end + 1]
        if after and is_han(after) and after not in "的以内左之多余":
            return "modifier"  # 实现24小时开放, 1小时通勤: how a service runs, not a measured duration
    if q.qualifier in ("以上", "以下", "及以上") and q.kind != "percent":
        # 10万元以上的村, 亿元以上项目: a class; but 95%以上的村 is a share and
        # 70%以上用于民生 a figure with its verb
        tail = q.end + len(q.qualifier)
        first = _tag(text[tail + (1 if text.startswith("的", tail) else 0) : tail + 6])[:1]
        modifier_ok = q.kind != "counter" and bool(first) and first[0][1].startswith(("a", "b"))
        noun = _noun_after(text, tail + (1 if text.startswith("的", tail) else 0), min(len(text), tail + 12))
        if first and (_nounlike(*first[0]) or modifier_ok) and _noun_after(
            text, tail, min(len(text), tail + 12)
        ) and noun not in _words("threshold_nouns"):
            return "threshold"  # but 进入5万亿元以上的新阶段 is the mark passed
    if (
        after_np
        and q.kind != "percent"
        and (before == "超" or text[max(0, start - 2) : start] in ("超过", "高于"))
        and (text.startswith("的", tail := q.end + _post_len(text, q))
             or q.kind in ("currency", "measure") and text.startswith(after_np, tail)
             and _COUNT_OF.match(text, tail + len(after_np)) is not None)
        and _DIGIT.search(text, tail + text.startswith("的", tail) + len(after_np), _clause_end(text, tail, len(text)))
    ):
        # 年销售收入超10亿元的龙头企业达100家, 引进投资超10亿元重大项目14个: a class of things,
        # counted next, as 亿元以上的 is (成为首个经济总量超3万亿元的城市 is the subject's own level;
        # without 的 only an amount right before the count of the things: 超过3000家企业 are
        # counted, 地区生产总值超过5000亿元同比增长5.5% is a level)
        return "threshold"
    if q.numeral == "chinese":
        if _is_fraction(q):
            # 占比超过三分之一: a fraction is a share; 进入ESI前千分之一 names a ranked list
            return "name" if before == "前" else None
        if q.kind in ("points",):
            return None
        if q.kind == "multiple":
            nxt = text[q.end : q.end + 1]
            return "formula" if nxt and is_han(nxt) and nxt not in "多以左的，。；、" else None
        has_mag = _has_magnitude(q)
        if before in "几数上成":
            return "approximate"  # 几千万, 上千万家庭: no figure
        if _ROUND_ONLY.fullmatch(q.value_text) and before in "个项大":
            return "class"  # 3个千亿元台阶, 万亿级产业: a magnitude that names a class, no figure
        if before in "届第" or q.unit in ("次", "届", "期", "批", "轮", "批次") and not has_mag:
            return "ordinal"  # 十四届十二次全会
        # 四个意识, 三个作用, 一期: formulas are small Chinese numerals; hundreds or a count
        # said roughly (千余家企业, 三百余个项目) are counts
        counted = q.qualifier in ("余", "多") or (
            # (近百万群众, 近千万家庭: people counted roughly; 超百亿县 is a threshold's class)
            q.value >= 100 and (not has_mag or before in _ROUND_HEDGES and after_np.endswith(("群众", "家庭", "人", "户")))
            and (not _ROUND_ONLY.fullmatch(q.value_text) or before in _ROUND_HEDGES))
        if after_np and not counted or _too_small_to_count(q):
            return "formula"
        return None
    if q.kind == "none":
        if _is_fraction(q):
            return None  # 其中新能源占比近1/3: a share
        if _RATIO_HEAD.search(text, max(0, q.start - 24), q.start):
            return None  # 城乡居民收入比缩小到2.34: a ratio has no unit
        return "bare number"
    return None


# --- the indicator ---------------------------------------------------------------------


@lru_cache(maxsize=None)
def _by_first_char(name: str) -> dict[str, tuple[str, ...]]:
    """A word list grouped by first character, longest first in each group."""
    groups: dict[str, list[str]] = {}
    for w in _longest_first(name):
        groups.setdefault(w[:1], []).append(w)
    return {k: tuple(v) for k, v in groups.items()}


def _strip_lead(text: str) -> str:
    text = text.lstrip("——-－ 　的")
    while True:
        m = _LEAD_YEAR.match(text)
        if m and m.end() < len(text):
            text = text[m.end() :]
            continue
        for w in _by_first_char("lead").get(text[:1], ()):
            # (before 期 it names a period: 有效期内高新技术企业)
            if text.startswith(w) and len(text) > len(w) + 1 and (len(w) > 1 or _tag(text[:4])[0][0] == w) \
                    and not text.startswith("期", len(w)):
                text = text[len(w) :]
                break
        else:
            return text


def _split_link(left: str) -> tuple[str, str]:
    """Split ``left`` into the indicator part and the link words before the number."""
    core, link = left, ""
    m = _STREAK.search(core)
    if m:
        core, link = core[: m.start()], core[m.start() :]
    m = _COMPARISON.search(core)
    if m and m.start() != 1:
        core, link = core[: m.start()], core[m.start() :]
    m = _LEVEL_VERB.search(core)
    if m:
        core, link = core[: m.start()], core[m.start() :] + link
    rest = core
    while rest:  # 又有, 同比增长: nothing but link words
        w = _link_suffix(rest)
        if w is None:
            break
        rest = rest[: -len(w)]
    if not rest:
        return "", core + link
    while True:
        w = _link_suffix(core)
        if w is None or not (len(core) - len(w) >= 2 or core == w) or (w == "比" and core.endswith(("占比", "对比", "之比", "收入比"))):
            break
        core, link = core[: -len(w)], w + link
    # (both patterns end the words: only words ending so are searched)
    m = _BASE_AT_END.search(core) if core.endswith(_BASE_ENDS) else None
    if m and m.start() >= 2:
        core, link = core[: m.start()], core[m.start() :] + link  # 营业收入|较“十三五”末期|翻一番
    m = _SPAN_BEFORE.search(core) if core.endswith(_SPAN_ENDS) else None
    if m:
        # 财政收入|3年增长: the span of the change (…，3年增长58.6%: the subject of the clause before)
        core, link = core[: m.start()], core[m.start() :] + link
    return core, link


@lru_cache(maxsize=None)
def _by_last_char(name: str) -> dict[str, tuple[str, ...]]:
    """A word list grouped by last character, longest first in each group."""
    groups: dict[str, list[str]] = {}
    for w in _longest_first(name):
        groups.setdefault(w[-1:], []).append(w)
    return {k: tuple(v) for k, v in groups.items()}


def _link_suffix(text: str) -> str | None:
    """The longest link word ``text`` ends with."""
    # only a word ending in its last character can be, and most texts end in a noun that ends none
    for w in _by_last_char("link").get(text[-1:], ()):
        if text.endswith(w):
            return w
    return None


@lru_cache(maxsize=4096)  # pure; a third of the calls repeat a clause within the same reports
def _clean_left(left: str) -> tuple[str, str]:
    """``(indicator, link)``: the noun phrase before a number, and the words
    (verbs, adverbs) between it and the number."""
    left = left.strip()
    # 对全球经济增长的贡献率: a preposition opens one noun phrase, whose 的 is no relative clause
    prepositional = "的" in left and _tag(left[:4])[0][1].startswith("p")
    left = _strip_lead(left)
    if not left:
        return "", ""
    core, link = _split_link(left)
    if (had := _SCOPE_HAS.match(core)) and len(core) > had.end():
        # 全省有高新技术企业1.2万家: the scope's things, not its having (全省有效发明专利: no 有 of its own)
        words = [w for w, _ in _tag(core[: had.end() + 2])]
        if words[1:2] == [had.group(2)]:
            core = had.group(1) + core[had.end() :]
    toks = list(_tag(core))
    # 起征点从月销售额3万元: 从/由 opens the starting level, whose measure is no part of the indicator
    for k in range(len(toks) - 1, max(0, len(toks) - 4), -1):
        if toks[k][0] in ("从", "由") and toks[k][1] == "p":
            link = "".join(w for w, _ in toks[k:]) + link
            toks = toks[:k]
            break
    # 阶段性将小规模纳税人增值税起征点…: 将/把 moves the object, the indicator, before its verb
    for k in range(min(3, len(toks) - 1)):
        if toks[k][0] in ("将", "把") and len(toks) - k > 1:
            toks = toks[k + 1 :]
            break
    # 提请全国人大常委会审议法律议案10件: a pivot verb, its agent and the agent's verbs stand before the thing
    # counted (国务院提请…: the pivot verb may follow its own agent)
    if len(toks) > 4 and toks[1][0] in _words("pivot_verbs") and toks[0][1].startswith(("n", "j")):
        toks = toks[1:]
    if len(toks) > 3 and toks[0][0] in _words("pivot_verbs"):
        k = 1
        while k < len(toks) and toks[k][1].startswith(("n", "j", "c")) and toks[k][1] != "vn":
            k += 1
        if k > 1 and k < len(toks) and toks[k][1] == "v":
            while k < len(toks) and toks[k][1] == "v":
                k += 1
            if k < len(toks):
                toks = toks[k:]
    # 挂牌运行仅两年多的圣泉街道GDP -> 圣泉街道GDP: a relative clause before 的
    for k in range(len(toks) - 1, 0, -1):
        if toks[k][0] == "的":
            head = "".join(w for w, _ in toks[k + 1 :])
            if (
                len(head) >= 2
                and head not in _words("generic")
                and not head.endswith(tuple(_words("generic")))
                and any(t.startswith("v") and t != "vn" for _, t in toks[:k])
                and not prepositional
                and not any(t.startswith("p") for _, t in toks[:k])  # 消费对经济增长的贡献率
                and not _DIGIT.search("".join(w for w, _ in toks[:k]))  # 年销售收入超10亿元的龙头企业: a class
                # a clause of having or of ability restricts the things to a class (有进出口实绩的企业,
                # 基本能够使用国家通用语言文字的村居主干)
                and toks[0][0] not in ("有", "拥有", "具有")
                and not any(w in ("能够", "能", "可以") for w, _ in toks[:k])
                and head not in _FUND_NOUNS  # …等用于投资的资金: money is named by what it is for
            ):
                toks = toks[k + 1 :]
            break
    # leading verbs: 完成交地项目 -> 交地项目, but keep 组织集中学习 and 参加人员 whole
    lead = 0
    while lead < min(2, len(toks) - 1):
        w, t = toks[lead]
        rest = toks[lead + 1 :]
        if (
            (w in _words("lead_verbs") or t.startswith(("c", "p")) and len(w) == 1)
            and rest[0][0] not in ("和", "及", "与", "、")
            and sum(len(x) for x, _ in rest) >= 3
            and any(not tt.startswith(_NOT_NOUN_TAGS) or tt == "vn" for _, tt in rest)  # (劳务|收入: vn, v)
        ):
            lead += 1
            continue
        break
    toks = toks[lead:]
    ind = "".join(w for w, _ in toks).strip("，、：；（ ")
    if len(ind) > 3 and ind[-1] in "达为" and ind[-2] in "率额量数值度比":
        link = ind[-1] + "".join(link)
        ind = ind[:-1]
    return ind, link if isinstance(link, str) else "".join(link)


_SCOPE = frozenset("全国 全省 全市 全区 全县 全州 全盟 全旗 全疆 全镇 我国 我省 我市 我区 我县 我州 各地 各级 每个".split())
# The share of a goal done, written after 分别 (分别完成年度目标任务的113%、220%).
_SHARE_OF_GOAL = re.compile(f"分别(完成[{HAN}]{{2,10}}(?:任务|目标|计划))的$")
# Prepositions that alone before a count name the partners or places of the clause's work
# (与8个东盟国家开展…).
_PARTNER_PREPOSITIONS = frozenset("与同向在")
# Nouns of money that an amount written right before one is (149.2亿元乡村振兴补助资金).
_FUND_NOUNS = ("资金", "基金", "补助", "补贴", "贷款", "债券", "专项债", "国债")
# Levels of government named together (市区两级, 省市县三级): a scope, as 全市 is.
_LEVELS = re.compile("[省市区县乡镇村]{2,4}[两三四五]级")
# A scope and the verb of having (全省有, 全国共有, 我省拥有) before the things it has.
_SCOPE_HAS = re.compile(f"({'|'.join(sorted(_SCOPE))})(共有|拥有|有)")
# A sentence about a part of the region, opening on its name (天山北坡城市群空气质量明显改善，
# 空气质量优良天数比例达90%; 海口经济圈…，经济总量年均增长5.8%): the figures of its later clauses
# are the part's, not the region's, unless a clause names its own scope.
_AREA_OPENING = re.compile(rf"(?:——)?\s*([{HAN}]{{2,10}}?(?:城市群|都市圈|经济圈))(?=[{HAN}])")


def _made_before(left: str, ind: str) -> bool:
    """Whether a verb that makes or brings in things stands right before the counted things
    ``ind`` in ``left`` (培育|高新技术企业, 引进|…企业): a count of them is this period's
    addition. 认定 (certified) is left out: it also names the status all of them hold
    (认定高新技术企业超过4100家 may be how many there are)."""
    at = left.rfind(ind) if ind else -1
    if at <= 0:
        return False
    before = left[:at].rstrip("了")
    return any(before.endswith(w) for w in _words("made_verbs") if w != "认定") or any(
        before.endswith(w) for w in _words("flow_words"))


def _numberless_clause_before(text: str, s0: int, clause0: int, accepted: list[tuple[Quantity, str]],
                              marks: str) -> int:
    """Where the clause before ``clause0`` (in the same sentence, ended by one of
    ``marks``) starts, when it states no number; -1 otherwise."""
    if clause0 <= s0 + 1 or text[clause0 - 1] not in marks:
        return -1
    start = _clause_start(text, s0, clause0 - 1)
    # a digit is looked for first: most clauses that state a number write it in digits, and the
    # look is one search where the numbers read are walked one by one
    if _DIGIT.search(text, start, clause0 - 1) or any(start <= q.start < clause0 for q, _ in accepted):
        return -1
    return start


def _subject_of_clause_before(text: str, s0: int, clause0: int, accepted: list[tuple[Quantity, str]]) -> str:
    """The noun phrase opening the clause before ``clause0`` (in the same
    sentence) when that clause states no number: ``''`` otherwise."""
    start = _numberless_clause_before(text, s0, clause0, accepted, "，,、")
    if start < 0:
        return ""
    out = []
    for w, tg in _tag(_strip_lead(text[start : clause0 - 1])[:24]):
        if not (_nounlike(w, tg) or tg == "vn") or w in _words("link") or w in _words("predicate_heads"):
            break
        out.append(w)
    phrase = "".join(out)
    for tail in ("增速", "增幅", "增长", "涨幅"):
        phrase = phrase.removesuffix(tail)  # 收入增速高于经济增速、突破3万元: the income, not its growth
    return phrase if len(phrase) >= 2 else ""


# Verbal nouns that close a work clause's object without naming a thing (推进…全产业链发展).
_WORK_TAILS = ("发展", "建设", "工作")


# What things are worth or bring in, a second measure of things another one counted or sized
# (新签约项目2314个、签约额7477.6亿元; 林下经济总面积202万亩、产值突破百亿).
_WORTH_WORDS = frozenset("产值 总产值 收益 金额 总金额 签约额 成交额 交易额".split())
# The measures a thing is counted, sized or valued by, longest first, with the trailing 量 of any
# other (货运量).
_SIZE_MEASURES = ("总产值", "总产量", "总面积", "登记数", "总数量", "增加值", "成交额", "交易额", "产值", "产量", "面积",
                  "数量", "总数", "总量", "规模", "量")


def _thing_measured(ind: str) -> str:
    """``ind`` without the measure it ends on (林下经济 of 林下经济总面积), where
    a thing of two characters or more is left; else ``ind``."""
    measure = next((m for m in _SIZE_MEASURES if ind.endswith(m)), "")
    thing = ind[: len(ind) - len(measure)]
    return thing if measure and len(thing) >= 2 else ind


# Rates that name what they measure by themselves (失业率, 赤字率), where 普及率, 满意率 name only how.
_STANDING_RATES = frozenset("失业率 通胀率 赤字率 负债率 杠杆率 汇率 利率 税率 出生率 死亡率 增长率 贡献率".split())


def _bare_rate(ind: str) -> str:
    """The rate ``ind`` names without saying of what (普及率 of 全区普及率, 满意率),
    or ``''``."""
    if not ind.endswith("率") or len(ind) > 5:
        return ""  # most indicators: no rate, or one that says of what (scopes are two characters)
    if len(ind) > 3 and ind[:2] in _SCOPE:
        ind = ind[2:]
    return ind if 2 <= len(ind) <= 3 and ind not in _STANDING_RATES else ""


def _object_of_clause_before(text: str, s0: int, clause0: int, accepted: list[tuple[Quantity, str]]) -> str:
    """What the work of the clause before ``clause0`` (in the same sentence)
    is done on, when that clause opens on its verb and states no number:
    全力推进棉花和纺织服装全产业链发展，产值超2200亿元 -> 棉花和纺织服装全产业链,
    whose output the number is; ``''`` otherwise."""
    start = _numberless_clause_before(text, s0, clause0, accepted, "，,")
    if start < 0:
        return ""
    clause = _strip_lead(text[start : clause0 - 1])
    toks = _tag(clause[:24])
    # the verb opens the clause, after at most one word of manner (全力, 高质量, 成功)
    verb = next((k for k, (w, t) in enumerate(toks[:2]) if t == "v" and w not in _words("predicate_heads")), None)
    if verb is None or len(clause) > 24:
        return ""
    rest = toks[verb + 1 :]
    while rest and rest[0][0] in _words("lead_verbs"):
        rest = rest[1:]  # 加快建设|现代化产业体系: a second verb of the work, no part of its object
    if not rest or not all(_nounlike(w, t) or t in ("c", "vn", "a", "m", "ns", "x") for w, t in rest):
        return ""
    phrase = "".join(w for w, _ in rest)
    for tail in _WORK_TAILS:
        phrase = phrase.removesuffix(tail)
    return phrase if len(phrase) >= 2 and is_han(phrase[0]) else ""


def _listed_headlines(
    ind: str, measure: str, base_unit: str | None, kind: str, region: str | None, each: bool = False
) -> list[tuple[str, str | None]]:
    """``[(item, canonical)]`` when every item of a list ``A、B`` is a headline
    indicator of the registry; ``[]`` otherwise. With ``each`` (A、B、C均稳定在X,
    铁路、航空客运量双双超过千万人次: the list says every item states the number) the
    items share the last one's head noun, headlines or not; those that are none keep no id."""
    items = _subject_list(ind)
    joined = each and len(items) == 1 and ind.count("和") == 1
    if joined:
        items = _joined_pair(ind)  # 旅游人数和收入均增长20%: 均 says each of two nouns
    if not 2 <= len(items) <= 4:
        return []
    if each:
        items = _share_head(items)
    # 九年义务教育巩固率、高中阶段毛入学率保持在97%以上: measures whole each, the number is every one's
    whole = all(len(x) >= 3 and x.endswith(_MEASURE_ENDS) for x in items)
    out: list[tuple[str, str | None]] = []
    for item in items:
        canonical = canonical_of(item, measure=measure, base_unit=base_unit, kind=kind, region=region)
        if canonical is None and not each and not whole:
            return []
        out.append((item, canonical))
    return out if each or joined or whole or any(c for _, c in out) else []


def _joined_pair(ind: str) -> list[str]:
    """``A和B`` as two items when both are nouns, B taking A's modifiers when
    it is a bare head (旅游人数和收入 -> 旅游人数, 旅游收入); ``[ind]`` otherwise."""
    a, b = ind.split("和")
    ta, tb = _tag(a), _tag(b)
    heads = _words("shared_heads")  # 收入 alone is tagged a verb
    if not ta or not tb or not all(_nounlike(w, t) or w in heads for w, t in (*ta, *tb)):
        return [ind]
    if len(tb) == 1 and len(ta) > 1:
        b = "".join(w for w, _ in ta[:-1]) + b
    return [a, b]


def _topic(text: str, s0: int) -> str:
    """The nouns a paragraph's opening sentence is about (——粮食生产再创新高。 -> 粮食), when
    that sentence holds no number and the sentence at ``s0`` comes after it; else ``''``."""
    m = _TOPIC_SENTENCE.match(text)
    if m is None or m.end() > s0:
        return ""
    toks = list(_tag(m.group(1)))
    nouns: list[tuple[str, str]] = []
    for w, t in toks:
        if t not in ("n", "vn", "nz"):
            break
        nouns.append((w, t))
    while nouns and nouns[-1][1] == "vn":
        nouns.pop()  # 粮食生产: the activity's measure (总产量) is of its object
    return "".join(w for w, _ in nouns)


def _subject_of(ind: str) -> str:
    """``ind`` without the verbs it ends with (货运班轮开通 -> 货运班轮), or ``''`` when no noun is left."""
    toks = list(_tag(ind))
    verbs = _words("lead_verbs")
    while toks and (toks[-1][0] in verbs or toks[-1][1].startswith(("v", "d", "p", "c", "u", "m", "q", "r")) and toks[-1][1] != "vn"):
        toks.pop()
    while toks and (toks[0][0] in verbs or toks[0][0] in _SCOPE):
        toks.pop(0)  # 督促指导, 全县: no owner of the counted things
    subject = "".join(w for w, _ in toks)  # 中欧班列（成渝）覆盖欧亚 + 城市: the verb stays
    return subject if len(subject) >= 2 and any(_nounlike(w, t) for w, t in toks) else ""


# The last characters of an item that is a measure of its own (产量, 增加值, 人次): it shares no head.
_OWN_MEASURE = frozenset("量值率额数价费重度次")


def _share_head(subjects: list[str]) -> list[str]:
    """批发、零售销售额 -> 批发销售额, 零售销售额: the last item's head noun is shared."""
    toks = _tag(subjects[-1])
    if not toks:
        return subjects
    if len(subjects) == 2 and len(subjects[0]) > 1 and len(toks[0][0]) == 2 and all(map(is_han, toks[0][0])):
        first = _tag(subjects[0])
        x, tag = first[-1] if first else ("", "")
        if len(x) == 1 and is_han(x) and tag[:1] in ("v", "a", "f"):
            # 存、贷款余额, 进、出口总额: a verb or modifier of one character stands for its
            # word (存 for 存款, as 贷款 follows); the rest of the last item and the first
            # item's front are shared (登记数、成交额: the noun 数 is a word of its own)
            return [subjects[0] + subjects[-1][1:], subjects[0][:-1] + subjects[-1]]
    # 第一、第三产业增加值, 城镇、农村居民人均可支配收入: parallel modifiers of one length share
    # the rest of the last item
    first = {len(x) for x in subjects[:-1]}
    if len(first) == 1 and (n := first.pop()) <= 3 and len(subjects[-1]) > n + 1 and all(is_han(x[0]) for x in subjects):
        rest = subjects[-1][n:]
        if any(_nounlike(w, tg) for w, tg in _tag(rest)):
            return [x + rest for x in subjects[:-1]] + subjects[-1:]
    head = next((h for h in _longest_first("shared_heads") if subjects[-1].endswith(h)), None)
    if head is None:
        if len(toks) == 1:
            return subjects  # 工业、服务业: one word, no head of its own to share (not 务业)
        head = toks[-1][0]
    if len(head) < 2 or head == subjects[-1] or not is_han(head[0]):
        return subjects  # PM10、PM2.5: a code has no head noun to share (.5)
    # (中央预算内投资、超长期特别国债: an item ending on a head noun of its own takes no other, only a
    # rate of it: 工业技改投资、制造业技改投资增速)
    own_head = _longest_first("shared_heads") if not _RATE_NOUN.fullmatch(head) else ()
    return [
        x if not x or x.endswith(head) or head in x or x[-1] in _OWN_MEASURE or len(x) > 10
        or (own_head and x.endswith(own_head)) else x + head
        for x in subjects[:-1]
    ] + subjects[-1:]


_VALUE_JOINERS = frozenset("、和")
_VALUE_JOIN = re.compile(r"[%％]?(?:左右|以上|以内)?[、和]")


def _implied_respectively(text: str, comma0: int, at: int, accepted: list[tuple[Quantity, str]]) -> int:
    """Where the verb stands in ``A、B增长x%、y%`` or ``A、B增至x、y`` (分别 left out: one value
    for each subject, in order), or -1, for the value at ``at``. The caller pairs them only when
    the counts agree."""
    values = [qq for qq, _ in accepted if qq.start >= comma0]
    # (the first value may stand after a threshold word, 普及率超过98%、85%: at the value, not its hedge)
    first = values[0].start if values and values[0].start <= at else -1
    # the values after the verb follow one another joined by 、 (a hedge between: 5%左右、6%)
    joined = len(values) > 1 and _VALUE_JOIN.fullmatch(text, values[0].end, values[1].start) is not None
    if first < 0 or not joined:
        return -1
    core, link = _split_link(text[comma0:first])
    # (城乡居民收入增长5%、7%: 城乡 is 城镇 and 农村, the two subjects)
    # (…接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%: no subject, the figures before)
    if not link and "、" in core and _tag(core)[0][0] in _words("increment_words"):
        # 新增各类总部机构、大企业开放创新中心80家、16家: the verb opens the clause, the values follow the list
        return comma0 + len(core)
    if not (not core or "、" in core or core.startswith("城乡")) or not link:
        return -1  # (a level as a change: 每千人床位数、执业医师数增至7.83张、3.57个)
    return comma0 + len(core)


def _subject_list(text: str) -> list[str]:
    """Split ``A、B和C`` (outside quotes and brackets) into items."""
    items, depth, cur = [], 0, []
    for ch in text:
        if ch in "“‘《（(":
            depth += 1
        elif ch in "”’》）)":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [i for i in items if i]


# --- the stage -------------------------------------------------------------------------------


# The clause bounds found by a regex where no bracket stands in the way (most clauses): the mark
# nearest the number, or the bracket nearer still that must be skipped over character by character
_BRACKETS = "”’》）)“‘《（("
_FIRST_CLAUSE_END_OR_BRACKET = re.compile(f"[{re.escape(_CLAUSE_END + _BRACKETS)}]")


@lru_cache(maxsize=None)
def _last_mark(marks: str) -> re.Pattern[str]:
    """The text up to the last of ``marks`` (greedy: found from the end back)."""
    return re.compile(f"(?s).*[{re.escape(marks)}]")


@lru_cache(maxsize=None)
def _last_mark_or_bracket(marks: str) -> re.Pattern[str]:
    """The text up to the last of ``marks`` or of the brackets."""
    return _last_mark(marks + _BRACKETS)


def _clause_start(text: str, lo: int, pos: int, marks: str = _CLAUSE_END) -> int:
    last = _last_mark_or_bracket(marks).match(text, lo, pos)
    if last is None:
        return lo  # neither a mark nor a bracket: the clause starts at lo
    if text[last.end() - 1] in marks:
        return last.end()  # no bracket to skip over: the last mark is the clause's start
    i = pos - 1
    depth = 0
    while i >= lo:
        ch = text[i]
        if ch in "”’》）)":
            depth += 1
        elif ch in "“‘《（(":
            depth = max(0, depth - 1)
        elif ch in marks and depth == 0:
            return i + 1
        i -= 1
    return lo


_COMMA_END = _SENTENCE_END + "，,：:"  # the marks of a clause less 、


def _clause_starts(text: str, lo: int, pos: int) -> tuple[int, int]:
    """``(_clause_start(text, lo, pos), _clause_start(text, lo, pos, _COMMA_END))``,
    read in one scan where they agree: both scan back from ``pos`` alike, so they
    stop at the same mark unless it is a 、, where the second scan goes on before it."""
    clause0 = _clause_start(text, lo, pos)
    if clause0 == lo or text[clause0 - 1] != "、":
        return clause0, clause0
    return clause0, _clause_start(text, lo, clause0 - 1, _COMMA_END)


def _clause_end(text: str, pos: int, hi: int) -> int:
    first = _FIRST_CLAUSE_END_OR_BRACKET.search(text, pos, hi)
    if first is None:
        return hi  # neither a mark nor a bracket: the clause ends at hi
    if text[first.start()] in _CLAUSE_END:
        return first.start()  # no bracket to skip over: the first mark ends the clause
    depth = 0
    for i in range(pos, hi):
        ch = text[i]
        if ch in "“‘《（(":
            depth += 1
        elif ch in "”’》）)":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_END and depth == 0:
            return i
    return hi


def extract_figures(doc: Document, blocks: Iterable[Block]) -> Iterator[Figure]:
    """Every statistical figure stated in the document's paragraphs (and headings).

    Captions, titles and other page furniture are skipped. Offsets of each
    Figure point into ``doc.text``; ``line`` is the raw line of ``start``.
    """
    blocks = list(blocks)
    year, period = _doc_years(doc, blocks)
    parts = _parts(blocks, year, period)
    lines = _Lines(doc.text)
    debug = log.isEnabledFor(logging.DEBUG)  # asked once: most numbers rejected are logged
    tables = sorted(table_figures(doc, blocks, period=period, year=year,
                                  line_of=lines.of), key=lambda f: f.start)
    k = 0  # table figures go out in document order with the others
    mixed_plan = False
    last_part = None
    span_part: _Part | None = None
    span_head = ""
    heads: list[str] = []  # openings of the paragraphs since span_head was last settled
    for block, part in zip(blocks, parts):
        if part is not last_part:
            mixed_plan, last_part = False, part
        if part.kind == "plan" and part.five_year:
            # 今年是“十五五”开局之年 turns to the year's plan; “十五五”时期… to the five-year goals
            if _THIS_YEAR_OPENING.match(block.text) or (
                year is not None and block.text.startswith((f"{year}年", f"——{year}年"))
            ):
                mixed_plan = False
            elif _five_year_plan_starts(block.text) or _FIVE_YEAR_SPAN_OPENING.match(block.text):
                mixed_plan = True
            if mixed_plan:
                part = _Part("plan5", None)
        if part.kind == "mixed":
            if _five_year_plan_starts(block.text):
                mixed_plan = True
            elif _FIVE_YEAR_REVIEW_START.search(block.text):
                mixed_plan = False
            part = _Part("plan5", None) if mixed_plan else _Part("review", part.year, base=part.base)
        if block.kind not in ("paragraph", "heading"):
            continue
        default = part.year if part.year is not None else period
        if part.kind == "none" and part.year is None:
            default = period
        if part is not span_part:
            span_part, span_head = part, ""
            heads.clear()
        if block.kind == "paragraph":
            # a lead sentence alone names its span at its end (这是生态文明建设取得显著成效的五年。)
            heads.append(block.text if _LEAD_SENTENCE.fullmatch(block.text) and speaks_of_span(block.text)
                         else block.text[:_HEAD_CHARS])
        while k < len(tables) and tables[k].start < block.start:
            yield tables[k]
            k += 1
        quantities = find_quantities(block.text)
        if not quantities:
            continue
        # a paragraph that opens with 这五年 or with 2025年 sets the span of those after it
        # (the last such one of the part; read only where a paragraph holds numbers)
        for head in reversed(heads):
            if _OWN_YEAR_HEAD.search(head) or speaks_of_span(head):
                span_head = head
                break
        heads.clear()
        figures: Iterable[dict] = _block_figures(block, quantities, part, year, default, doc.region, span_head, debug)
        if "产业" in block.text and part.kind not in ("plan", "plan5") and _SHARES.search(block.text):
            # the sector structure written as a ratio (rare): its shares among the other figures, in order
            shares = _structure_figures(block.text, block, _block_period(block.text, year, default), span_head)
            figures = sorted([*figures, *shares], key=lambda f: f["start"])
        for attrs in figures:
            start, end = block.raw_span(attrs["start"], attrs["end"])  # from the block's text to the raw text
            attrs["start"], attrs["end"], attrs["line"] = start, end, lines.of(start)
            yield _figure(attrs)
    yield from tables[k:]


class _Lines:
    """The raw 1-based line of an offset, counted on from the offset asked last:
    the figures of a document come in its order, so their lines cost one count
    of its newlines in all (a list of every line's start cost a match a line)."""

    __slots__ = ("_text", "_pos", "_line")

    def __init__(self, text: str) -> None:
        self._text, self._pos, self._line = text, 0, 1

    def of(self, i: int) -> int:
        """``1 +`` the newlines before ``i``."""
        if i < self._pos:  # asked out of order (a table's cells): count from the start again
            self._pos, self._line = 0, 1
        self._line += self._text.count("\n", self._pos, i)
        self._pos = i
        return self._line


# Every field of Figure in its order, with its default (None where it has none).
_FIGURE_TEMPLATE = {f.name: None if f.default is MISSING else f.default for f in fields(Figure)}
# The fields after those a figure of a paragraph's text sets (page, box, confidence ...), with their
# defaults: the end of the dict of its fields _sentence_figures writes out in their order
_FIGURE_TAIL = dict(list(_FIGURE_TEMPLATE.items())[list(_FIGURE_TEMPLATE).index("canonical") + 1 :])


def _figure(attrs: dict) -> Figure:
    """``Figure(**attrs)``: ``attrs`` names every field of Figure, in their order.
    A frozen dataclass's ``__init__`` sets each of Figure's fields through
    ``object.__setattr__``, a twentieth of this stage's time, and setting them
    one by one on a new record grows its dict four times over; Figure has no
    ``__post_init__`` or slots, so the dict of its fields, made at once, is the
    same record's (tests/test_figures_speed_paths.py holds the two equal)."""
    fig = object.__new__(Figure)
    object.__setattr__(fig, "__dict__", attrs)
    return fig


def _block_figures(
    block: Block,
    quantities: list[Quantity],
    part: _Part,
    year: int | None,
    default_period: int | None,
    region: str | None,
    span_head: str = "",
    debug: bool = False,
) -> Iterator[dict]:
    if not debug:
        # years and grades (2024年, 5G) are rejected first thing, whatever stands around them, and
        # small Chinese numerals (四个意识) in the end, whatever follows them: they need not be handed
        # on (nor their noun phrase read), nor a sentence read that holds no other number (every
        # number goes through the rejections, and is logged, when debugging)
        quantities = [q for q in quantities if q.kind not in _NEVER_FIGURES and not _formula_whatever_follows(q)]
        if not quantities:
            return
    text = block.text
    default_period = _block_period(text, year, default_period)  # a paragraph that opens with its year
    # only short quotations can hold a number that is no figure (“两个维护”); longer ones are speech
    quotes = sorted([span for span in _quote_spans(text) if span[1] - span[0] - 1 <= _MAX_NAME_QUOTE])
    openings: list[int] | None = None  # read when a sentence past the paragraph's opening holds numbers
    for s0, s1, i, j in _sentences_with_numbers(text, [q.start for q in quantities]):
        years_opening = ""
        if s0 > _HEAD_CHARS:
            if openings is None:
                openings = _years_openings(text, default_period)
            k = bisect.bisect_left(openings, s0) - 1
            if k >= 0:  # its first characters, within its own sentence
                opening = text[openings[k] : min(openings[k] + _HEAD_CHARS, s0)]
                years_opening = "。" + _FIRST_SENTENCE.match(opening).group()  # type: ignore[union-attr]
        yield from _sentence_figures(
            text, s0, s1, quantities[i:j], quotes, block, part, year, default_period, region, span_head, debug,
            years_opening,
        )


# The structure of the three sectors as shares of output, written as a ratio (三次产业结构由
# 8.7∶41.2∶50.1调整为7.4∶39.6∶53): one figure a sector. A ratio of another kind stays no figure.
_STRUCTURE_NAME = re.compile(r"(?:三次产业|三产)(?:结构|比例|比重|占比|比)")
_SHARES = re.compile(r"(\d+(?:\.\d+)?)[∶:：](\d+(?:\.\d+)?)[∶:：](\d+(?:\.\d+)?)(?![∶:：\d])")
_STRUCTURE_CLAUSE_END = re.compile("[，。；！？,;]")
_SECTORS = ("第一产业", "第二产业", "第三产业")
_INTO_SHARES = re.compile(r"(?:调整|优化|变|转变|提升|改善)?(?:为|到|至)[0-9]")  # a clause that goes on to the ratio


def _structure_figures(text: str, block: Block, period: int | None, span_head: str) -> Iterator[dict]:
    """The sector shares of a structure written as a ratio of three, after its name in the same
    clause; a ratio after 由 or 从 is the span's (or the year's) starting level."""
    def clause_end(pos: int) -> int:
        m = _STRUCTURE_CLAUSE_END.search(text, pos)  # (a ratio's own ∶ or : ends no clause here)
        return m.start() if m else len(text)

    for name in _STRUCTURE_NAME.finditer(text):
        end = clause_end(name.end())
        if _INTO_SHARES.match(text, end + 1):
            end = clause_end(end + 1)  # 三次产业结构进一步优化，调整为8.3∶41.4∶50.3
        ratios = [m for m in _SHARES.finditer(text, name.end(), end) if 99 <= sum(map(float, m.groups())) <= 101]
        for n, m in enumerate(ratios):  # (shares of a whole add up to 100)
            values = [float(g) for g in m.groups()]
            per = period
            opening = text[name.end() : m.start()]
            if n == 0 and len(ratios) > 1 and period is not None and ("由" in opening or "从" in opening):
                # 由2020年的…, 由上年的…, 由“十三五”末的…调整为…: the first is where it started
                year = _YEAR.search(opening)
                base = span_start(span_head + "。" + text[: m.start()], period)
                per = (int(year.group(1)) if year else period - 1 if re.search("上年|去年", opening)
                       else base if base is not None else period - 1)
            s0 = text.rfind("。", 0, m.start()) + 1
            s1 = text.find("。", m.end())
            sentence = text[s0 : s1 + 1 if s1 >= 0 else len(text)].strip()
            for k, sector in enumerate(_SECTORS):
                value = values[k]
                yield {
                    "indicator": f"{name.group()}（{sector}）", "value": value, "unit": None,
                    "value_base": value, "base_unit": None, "qualifier": None, "change": False,
                    "target": False, "period": per, "section": block.section, "sentence": sentence,
                    "start": m.start(k + 1), "end": m.end(k + 1), "line": 0, "value_text": m.group(k + 1),
                    "value_max": None, "measure": "share", "direction": "none", "signed_value": value,
                    "bound": "exact", "basis": None, "since": None, "real": None, "estimate": False,
                    "canonical": None, **_FIGURE_TAIL,
                }


# A sentence of a paragraph that opens on the years the sentences after it speak of: the
# review's span (五年来, 这五年, “十四五”时期, 2021—2025年) or the year under review (2025年,
# 过去一年), after a full stop or a vocative's ！ (各位代表！). A year before it (2020年我省人口…)
# or 每年 names no years of what follows; nor a short count (近3年), a comparison of its own clause.
_YEARS_OPENING = re.compile(
    "[。！？!?][”’」』）)]*(?=[“‘ \u3000]*(?:(?:过去|这|近|最近)?五年(?:来|间|以来)?|“?十[一二三四五六七八九]五”?(?:时期|期间|以来)"
    r"|(?:19|20)\d{2}\s*[—–－\-~～至到]\s*(?:19|20)\d{2}年|((?:19|20)\d{2})年(?![—–－\-~～至到]|以来)"
    "|过去一年|一年来|去年|上年))"
)


_FIRST_SENTENCE = re.compile("[^。！？!?]*")


def _years_openings(text: str, period: int | None) -> list[int]:
    """Where the sentences of a paragraph that open with the years they speak
    of start, after its own opening (各位代表！2025年目标任务顺利完成。五年来，…:
    the sentences after 五年来 speak of five years); a year opens only where it
    is ``period``, the year the paragraph speaks of."""
    return [m.end() for m in _YEARS_OPENING.finditer(text, _HEAD_CHARS // 2)
            if m.group(1) is None or int(m.group(1)) == period]


# The text up to the last end of a sentence (greedy: found from the end back), closing quotation marks
# included (。”): where the sentence that goes on from there starts
_LAST_SENTENCE_END = re.compile(f"(?s).*[{_SENTENCE_END}][”’」』）)]*")


def _sentences_with_numbers(text: str, starts: list[int]) -> Iterator[tuple[int, int, int, int]]:
    """``(s0, s1, i, j)``: each sentence of ``text`` (as :data:`_SENTENCE` cuts
    it) that holds a number, with ``starts[i:j]`` the numbers in it. The
    sentences follow each other without a gap, so the one that holds a number
    starts at the last sentence end before it: those in between are not read."""
    pos = i = 0
    while i < len(starts):
        last_end = _LAST_SENTENCE_END.match(text, pos, starts[i])
        s0 = last_end.end() if last_end else pos
        s1 = _SENTENCE.match(text, s0).end()  # type: ignore[union-attr]  # a number stands at or after s0
        j = bisect.bisect_left(starts, s1, i)
        yield s0, s1, i, j
        pos, i = s1, j


_LAST_FULL_STOP = _last_mark("。！？!?")


def _sentence_figures(
    text: str,
    s0: int,
    s1: int,
    quantities: list[Quantity],
    quotes: list[tuple[int, int]],
    block: Block,
    part: _Part,
    year: int | None,
    default_period: int | None,
    region: str | None = None,
    span_head: str = "",
    debug: bool = False,  # whether numbers rejected are logged
    years_opening: str = "",  # the last sentence before in the paragraph that opens with its years
) -> Iterator[dict]:
    accepted: list[tuple[Quantity, str]] = []
    bare: list[tuple[Quantity, str]] = []
    clause_ends: dict[int, int] = {}  # where the clause of each number read ends, by its start
    hedge_ends: dict[int, int] = {}  # where each number read and the hedge written after it end, by its start
    adverbial_heads: set[int] = set()  # numbers followed by the head of an adverbial (的情况下)
    shares: set[int] = set()  # percentages of the things named right after them, with no 的 (超80%监测对象…)
    for q in quantities:
        form = _reject_by_form(text, q, quotes)
        if form:  # rejected by how it is written: what follows it need not be read
            if debug:
                log.debug("not a figure (%s): %s", form, text[q.start : q.end])
            continue
        limit = _clause_end(text, q.end, s1)
        clause_ends[q.start] = limit
        post = _post_len(text, q)
        hedge_ends[q.start] = q.end + post
        after_np = _noun_after(text, q.end + post, limit, counter=q.kind == "counter") if q.end + post < limit else ""
        if _ADVERBIAL_END.match(text, q.end + post):
            adverbial_heads.add(q.start)
            after_np = ""  # 下降超3成的情况下: the head of an adverbial, not a counted thing
        elif after_np in _words("threshold_nouns"):
            after_np = ""  # 突破2万亿元大关, 迈上4000亿元台阶: the mark passed, not a counted thing
        why = None if form == _A_RATIO else _reject_in_context(text, q, after_np)
        if why is None:
            accepted.append((q, after_np))
            if _percent_before_noun(text, q, after_np):
                shares.add(q.start)  # (accepted: _share_of_things said so)
        else:
            if debug:
                log.debug("not a figure (%s): %s", why, text[q.start : q.end])
            if why == "bare number" and after_np:
                bare.append((q, after_np))
    if not accepted:
        return  # every number rejected (a year, most often): neither siblings nor the sentence need be read
    # 组建完成4小区党支部和2个非公党支部: a count whose classifier the page lost,
    # recognised only beside a counted sibling in the same coordination
    n_read = len(accepted)
    for q, after_np in bare:
        if q.numeral != "arabic" or not q.value_text.isdigit() or q.value >= 1000:
            continue
        nxt = text[q.end + len(after_np) : q.end + len(after_np) + 1]
        sibling = any(
            qq.kind == "counter" and np and 0 <= qq.start - (q.end + len(after_np)) <= 1 and nxt in "和及与、"
            for qq, np in accepted
        )
        if sibling and text[q.start - 1 : q.start] not in "“‘《（(":
            accepted.append((q, after_np))
    if len(accepted) > n_read:  # siblings added after the others: back into the order of the text
        accepted.sort(key=lambda a: a[0].start)
    # 建成4个国家级、4个自治区级区域医疗中心: a count naming only a level shares the head the next one writes
    for i in range(len(accepted) - 2, -1, -1):
        (q1, np1), (q2, np2) = accepted[i], accepted[i + 1]
        end1 = hedge_ends[q1.start] + len(np1)
        if np1.endswith("级") and text[end1 : end1 + 1] in _SIZE_JOINERS and q2.start == end1 + 1 and "级" in np2[:-1]:
            accepted[i] = (q1, np1 + np2[np2.index("级") + 1 :])
    # 新发布3批18项制度集成创新案例: a count written right before another counts the same things
    # (in batches, groups), which only the second names
    for i in range(len(accepted) - 1):
        (q1, np1), (q2, np2) = accepted[i], accepted[i + 1]
        if not np1 and np2 and q1.kind == q2.kind == "counter" and q2.start == hedge_ends[q1.start]:
            accepted[i] = (q1, np2)
    sentence = text[s0:s1]
    stripped = sentence.strip()  # as each figure gives its sentence
    area, area_end = "", None  # the part of the region the sentence opens on, and where its clause ends
    if (opening := _AREA_OPENING.match(text, s0, s1)) and (comma := text.find("，", opening.end(), s1)) > 0 \
            and _tag(opening.group(1))[0][1][:1] not in ("v", "d", "p"):
        area, area_end = opening.group(1), comma  # (加快|关中平原城市群…: a task's object, no subject)
    context_head = span_head + "。" + text[: min(_HEAD_CHARS, s0)] + years_opening  # what each figure's context opens with
    window = max(0, s0 - _MAX_LEAD)
    last_end = _LAST_FULL_STOP.match(text, window, s0)
    full0 = last_end.end() if last_end else 0
    # items of a list joined by ；share the opening of their sentence (主要预期目标是：…；…)
    lead0 = full0 if full0 > window or window == 0 else s0  # where that opening starts
    cue: bool | None = None  # a target cue in the opening or the sentence: read when a number names a future year
    sets_target_end = -1  # where the first word that sets a target ends (s1 + 1 without one): read when asked
    # 由/从 in the sentence: without one, no number is a starting level (由46.9%提高到…)
    from_words = "由" in sentence or "从" in sentence
    periods: _SentencePeriod | None = None  # read when the first figure needs it
    prev_ind = ""
    # the figure before: the things it counted (named after its number or inherited), its
    # indicator where it counted things named before the number (案例173项), and its unit
    prev_counted = ("", "", "")
    prev_end = s0
    prev_base = ""  # the base unit of the figure before
    prev_growth = False  # the figure before is a growth rate
    prev_link = ""
    prev_added = ""  # the increment word the figure before opened on (新增, 净增)
    prev_attribute = False  # the figure before is a size of the things it names (3500平方米…菜市场)
    # whose things the count before counted, and the things (国家科学技术奖, 一等奖 of …2个一等奖)
    prev_owner: tuple[str, ...] = ()
    prev_qualifier: str | None = None  # the hedge of the figure before (左右)
    last_subjects: list[str] = []
    recent: list[str] = []  # indicators of the figures yielded so far in this sentence
    prev_from = False  # the previous figure was a starting level (由51家…)
    shared_predicate: dict[int, str] = {}  # where a joined count starts -> the predicate it shares
    for q, after_np in accepted:
        pre_q, pre_start = pre_qualifier(text, q.start)
        clause0, comma0 = _clause_starts(text, s0, pre_start)
        lo = max(clause0, prev_end)
        left = text[lo:pre_start]
        if q.start in adverbial_heads and "在" in left:
            left = left[left.rindex("在") + 1 :]  # 在对美贸易下降超3成的情况下: the adverbial's own subject
        elif lo > clause0 and _ADVERBIAL_END.match(left):
            # 外贸进出口在对美贸易下降超3成的情况下增长12%: the subject stands before the
            # adverbial that holds the previous number
            left = text[clause0:pre_start]
        if "方面" in left:
            left = _GROUPING.sub("", left)  # 推出8个方面90项政策措施: the grouping is no part of what is counted
        ind, link = _clean_left(_ADVERBIAL.sub("", left) if "在" in left else left)
        if ind in _CONJUNCTIONS:
            ind = ""  # 提高到每月815元和615元: the second value is the same subject's
        # 新增国家高新技术企业1200家: the things added in the year, not how many there are
        # (新增城镇就业 is the registry's own name of its indicator); 净增科技型中小企业853家、
        # 高新技术企业97家: the list's opening verb counts every item
        # (a share of the things added is none: 新增发放创业担保贷款完成年计划的248.57%)
        added = ""
        if q.kind not in ("percent", "points"):
            added = _increment_lead(ind) if ind and not name_matches(ind, region) else ""
            if not added and not link and lo == prev_end + 1 and text[prev_end] == "、" and q.base_unit == prev_base:
                added = prev_added
        if _elided_object(text, prev_end, lo, left, q.base_unit, prev_base) and (
                text[prev_end] == "、" or not after_np) and (things := _things_of(prev_ind)):
            # 新建高标准农田252万亩、改造提升43万亩: the item after 、 names only what is done, to the
            # things the item before counted in the same unit (an amount of work, no change)
            ind, link = things + left.strip(), ""
        # 全省95%以上的行政村通5G, 全疆60家三甲医院…: a scope alone before the number is where the
        # things counted are, not what the number measures; the number opens the clause
        scope_only = (ind in _SCOPE or _LEVELS.fullmatch(ind) is not None) and link in ("", "有", "共有")  # (全省有70%以上乡镇…: the things are named after)
        if scope_only:
            ind = ""
        if prev_from and lo == prev_end and _CHANGED_INTO.fullmatch(left):
            ind, link = "", left  # 市属重点国企由51家整合为33家: the new level of the same subject
        paired = False
        # A、B分别增长x%、y%: pair the subjects with the values
        k = text.find("分别", comma0, pre_start)
        if k < 0 and (text[pre_start - 1 : pre_start] in _VALUE_JOINERS
                      or text[hedge_ends[q.start] : hedge_ends[q.start] + 1] in _VALUE_JOINERS):
            # (only a value joined to another by 、 or 和 can be one of A、B增长x%、y%)
            k = _implied_respectively(text, comma0, q.start, accepted)
        if k >= 0 and lo >= comma0:
            listed = text[comma0:k]
            if (start := _FROM_VALUES.search(listed)) is not None:
                # 城乡居民人均可支配收入从2021年的46503元和16935元分别提高到…: the subjects stand
                # before the starting values
                listed = listed[:start.start()]
            if text.startswith(("高", "低", "快", "慢", "多", "少"), k + 2):
                # 小微企业、“三农”贷款增速比各项贷款平均增速分别高4.2和0.7个百分点
                listed = re.sub(r"(?:比|较|高于|低于)[^、，]*$", "", listed) or listed
            subjects = _subject_list(listed)
            run_end = _clause_end_comma(text, k, s1)
            run = [qq for qq, _ in accepted if k <= qq.start < run_end]
            if q in run:
                paired = True
                idx = run.index(q)
                cleaned = [_clean_left(x)[0] for x in subjects]
                if cleaned and len(cleaned) == len(run) - 1 and cleaned[-1].count("和") == 1:
                    # 旅客和货邮吞吐量分别达到a、b; 义务教育巩固率、高中阶段和高等教育毛入学率分别达到a、b、c:
                    # the last item joins two with 和 and they share its head
                    pair = cleaned[-1].split("和")
                    second = _tag(pair[1])
                    head = "".join(w for w, _ in second[1:]) if len(second) > 1 else ""
                    rest = second[0][0][len(pair[0]):] if second else ""
                    if len(rest) >= 2 and _tag(rest) == ((rest, "n"),):
                        # 城镇和农村居民人均可支配收入: the word 农村居民 holds the parallel 农村 and 居民 of the head
                        head = rest + head
                    if len(second) > 2 and pair[0].endswith(second[1][0]):
                        # 高技术制造业和装备制造业增加值: the first already ends with 制造业; it takes 增加值
                        head = "".join(w for w, _ in second[2:])
                    if len(head) >= 2 and not pair[0].endswith(head) and pair[0][-1:] not in _OWN_MEASURE:
                        pair[0] += head  # (接待游客人次和旅游收入: 人次 is a measure of its own)
                    cleaned = cleaned[:-1] + pair
                if len(cleaned) > 1 and len(cleaned[0]) > 2:
                    # 地方财政收入、支出分别突破300亿元和3000亿元: 支出 is the same account's other side
                    cleaned = [cleaned[0], *(owner + x if (owner := _other_side(cleaned[0], x)) else x
                                             for x in cleaned[1:])]
                if len(cleaned) == 1 and len(run) == 2:
                    # 城乡居民人均可支配收入分别增长4%、6%: 城乡 is 城镇 and 农村 (after a scope: 全省城乡…)
                    at = cleaned[0].find("城乡")
                    scope = cleaned[0][:at]
                    if at >= 0 and (not scope or scope in _SCOPE) and len(cleaned[0]) > at + 3:
                        rest = cleaned[0][at + 2:]
                        cleaned = [scope + "城镇" + rest, scope + "农村" + rest]
                # things counted are named whole (新增各类总部机构、大企业开放创新中心80家、16家), unless
                # short modifiers share the last one's head (一级、二级指标) or the last names the measure
                # of them all (城市公园、“口袋公园”保有量)
                whole = q.kind == "counter" and len(cleaned) > 1 and all(len(x) > 3 for x in cleaned[:-1]) \
                    and cleaned[-1][-1:] not in _OWN_MEASURE
                if not any(cleaned) and last_subjects:
                    cleaned = last_subjects  # ，分别增长8.3%、7.9%: the subjects of the clause before
                    whole = True
                    if "累计" in text[comma0:k]:
                        # …新增A、B 80家、16家，累计分别达到…: the totals of the things, not of those added
                        cleaned = [x[len(w):] if (w := _increment_lead(x)) else x for x in cleaned]
                elif not any(cleaned) and len(recent) >= len(run) and len(set(recent[-len(run) :])) == len(run):
                    # 接待国内游客4.16亿人次、入境游客936万人次，分别增长6.7%、39.6%: the figures before
                    # (whole indicators already: no head to share)
                    cleaned = recent[-len(run) :]
                    whole = True
                elif not any(cleaned) and comma0 > s0 + 1 and len(
                        listed_before := _listed_subjects_before(text, s0, comma0)) == len(run):
                    # 万亿产业、国家先进制造业集群从无到有，分别达2个、3个: the subjects the clause
                    # before lists, with no figure of their own; whole names each, unless the first are
                    # short modifiers of the last one's head (城镇、农村居民收入稳步增长，分别…)
                    cleaned = listed_before
                    whole = all(len(x) > 3 for x in listed_before[:-1])
                if len(cleaned) == len(run) and len(cleaned) > 1:
                    ind = cleaned[idx] if whole else _share_head(cleaned)[idx]
                    last_subjects = cleaned
                else:
                    ind, _ = _clean_left(text[comma0:k])
                link = text[k:run[0].start]
                pq, _ = pre_qualifier(text, run[0].start)
                if pq:
                    link = link[: len(link) - len(pq)]
                if len(subjects) == len(run):
                    # 失业率、居民消费价格涨幅分别控制在5%和3%以内: each subject's own link words (涨幅)
                    link = _clean_left(subjects[idx])[1] + link
                if q.kind == "percent" and (done := _SHARE_OF_GOAL.search(link)):
                    # 治沙、造林、种草分别完成年度目标任务的113%、220%和148%: each the share of its goal done
                    ind += done.group(1)
        beneficiary = ind if after_np and len(ind) > 4 and ind.endswith(("惠及", "覆盖")) else ""
        use_after = bool(after_np) and (
            not ind
            or bool(left) and all(t in ("v", "d") or w in _words("lead_verbs") for w, t in _tag(ind))  # verbs left of the number (建设: vn)
            or left.endswith(("等", "和", "及", "与"))
            or text.startswith("的", q.end)
            or q.kind in ("counter", "magnitude", "none")
        )
        attribute = False
        counted_only = ""  # the counted thing, where the indicator adds what it does
        counted_things = ""  # ... and the things it counts, named after the number or before
        # 可可盖等11处煤矿建成试运转: examples before the count stand for the things it counts
        examples = left.endswith("等") and lo == clause0 and not _DIGIT.search(left)
        if not examples and q.kind == "counter" and lo == clause0 and clause0 > comma0 and left \
                and q.value == text.count("、", comma0, clause0) + 1 and _examples_listed(text, comma0, clause0) \
                and len(left) <= 12 and _tag(left)[0][1] not in ("v", "vd", "vi", "p", "d") \
                and _predicate_of_counted(text, hedge_ends[q.start], after_np, s1, accepted)[:1] not in ("", "分"):
            # 沈阳化工新材料、盘锦精细化工2个平台获评…: as many names listed as the count are the things
            # it counts, named by what they did (where the clause says it: 马铃薯、羊绒2个产业链向千亿级迈进
            # keeps its names)
            examples = True
        # (与8个东盟国家开展大模型研发合作, 共向1000多万失业人员发放…: a preposition alone before the
        # count, or after a lead word, opens the clause on the partners or places the work is done with)
        partner = left.strip()[-1:] in _PARTNER_PREPOSITIONS and left.strip()[:-1] in ("", *_words("lead"))
        opens_clause = (not left.strip() or scope_only or examples or partner) \
            and not paired and (
            clause0 == comma0 or _after_listed_clause(text, comma0, clause0)
            or examples and _examples_listed(text, comma0, clause0))
        tail0 = hedge_ends[q.start]
        if use_after:
            if q.kind in ("measure",) and not ind and not left.strip() and (
                    prev_attribute or prev_end == s0 or text[pre_start - 1 : pre_start] != "、"
                    or text.startswith("的", q.end) and _DIGIT.search(text, q.end, _clause_end(text, q.end, s1))):
                # (an item listed after a figure that is no size is the list's: 完成2100万千瓦火电机组、
                # 2812万吨钢铁产能改造; after a size, a size: 3500平方米…菜市场、5000平方米的永辉超市;
                # with 的 a size where the things are counted after it: 新建口袋公园20个、3000平方米的城市绿地15处;
                # not 新建5G基站12万个、1200公里的高速公路, the work done)
                attribute = True  # 3500平方米浒溪标准菜市场: a size, not a yearly figure; 完成43.6万平方米…改造 is the work done
            # (国家和地区的555个港口: a left ending in 的 modifies the whole count)
            subject = _subject_of(ind) if ind and not examples and not left.endswith(("等", "和", "及", "与", "的")) else ""
            if not subject and prev_owner and q.kind == "counter" and left.strip() in ("", prev_owner[1] + "的") \
                    and text[prev_end:pre_start] in (prev_owner[1] + "、", prev_owner[1] + "的"):
                # 国家科学技术奖获评2个一等奖、3个二等奖: the list's things are the same owner's; so are the
                # things of those just counted (西部陆海新通道通达127个国家和地区的555个港口)
                subject = prev_owner[0]
            # 明月湖科创园8家企业, “千里轻舟”货运班轮开通13条航线: whose things they are
            ind = subject + after_np if subject and not after_np.startswith(subject) else after_np
            if beneficiary:
                ind = beneficiary + after_np  # 国家助学贷款提标降息惠及1100多万学生: who benefits from what
            elif q.kind in ("counter", "magnitude") and opens_clause and (
                does := _predicate_of_counted(text, tail0, after_np, s1, accepted)
            ):
                # 34个项目进入全国5G工厂名录, 51万新就业形态人员纳入职业伤害保障: a count that opens
                # its clause is of the things that do what the clause says, not of the things alone
                counted_only, ind = ind, after_np + does
                joined = _counted_end(text, tail0, after_np)
                if text[joined : joined + 1] in _JOINING:
                    shared_predicate[joined + 1] = does  # the count joined to this one does the same
            elif q.kind in ("counter", "magnitude") and opens_clause and (
                    reach := _reached_after(text, tail0, after_np, s1)):
                # 5.1万余户群众受益: the people who benefit (受益群众, as 约6700万人受益 is 受益人), not
                # all the people there are
                ind = reach + after_np
            elif q.start in shared_predicate and q.kind in ("counter", "magnitude"):
                counted_only, ind = ind, after_np + shared_predicate[q.start]
            elif q.kind == "percent" and opens_clause and (text.startswith("的", tail0) or q.start in shares):
                # 89.4%的公园实现24小时开放: the share of the things that do what the clause says
                rest = text[tail0 + text.startswith("的", tail0) + len(after_np) : _clause_end(text, tail0, s1)]
                generic = after_np in _words("generic") or after_np.endswith(("速", "速度", "率", "水平"))
                if rest and len(rest) <= 12 and is_han(rest[0]) and not generic:
                    ind = after_np + rest
        elif not ind and opens_clause and (rest := _clause_rest(text, tail0, s1)):
            # 1.2万户相对集中居住农户入住新居: a number that opens a clause counts what follows,
            # not the subject of the clause before; a verb right after it says what the things
            # counted just before in the same unit do (243项政务服务事项实现跨省通办、158项实现省内通办)
            things, before, unit = prev_counted
            if (things or before) and unit == q.unit and prev_end > comma0 and _tag(rest)[0][1].startswith("v"):
                counted_things = things or (before if _tag(before)[-1][1].startswith("n") else "")
            ind = counted_things + rest
        elif not ind and lo == clause0 and (near := _subject_of_clause_before(text, s0, clause0, accepted)):
            # 全省进出口总值创历史新高，达到5379亿元: the subject of the clause just before, which
            # states no number of its own
            ind = near
        elif not ind or ind in _words("generic") or ind.startswith("占"):
            # 总量, 占…比重: the previous subject's (产量 after 粮食产量: that subject again)
            owner = prev_ind
            if ind in _WORTH_WORDS and not paired \
                    and not (prev_end == clause0 - 1 and text[clause0 - 1 : clause0] == "、"):
                # what things are worth is theirs where it is listed right after them (…558个、收益290亿元),
                # not after any figure of the sentence (新建厂房3万平方米，产值增长18%)
                owner = ""
            if not owner and ind and lo == clause0 and ind in _words("generic"):
                # 高质量举办第八届中国—亚欧博览会，签约总金额6155.52亿元: an attribute opening its
                # sentence's second clause is of what the first one works on
                owner = _object_of_clause_before(text, s0, clause0, accepted)
            elif owner and ind in _WORTH_WORDS:
                owner = _thing_measured(owner)  # 生物降解制品总产量增长19%、产值增长18%: the goods' output value
            if ind in _STOCK_WORDS and (w := _increment_lead(prev_ind) or _new_made_lead(prev_ind)):
                # 新增…1200家，总量达到1.8万家, 新培育…50家，总数达到300家: the stock of the things,
                # not of those added or made this year
                owner = prev_ind[len(w):]
            ind = (owner if owner.endswith(ind) else owner + ind) if owner else ind
            if not left.strip("，、 ") or _GAP.match(left):
                if prev_growth and q.kind == "points" and ind == prev_ind and not _RATE_NOUN.search(ind):
                    ind += "增速"  # 民间投资增长2.7%，高出全国平均水平9.1个百分点: a gap of the growth rate
            if ind and ind != prev_ind and not name_matches(ind, region) and (topic := _topic(text, s0)):
                # ——粮食生产再创新高。播种面积达到…，总产量达到853.2亿斤: the measure of the
                # paragraph's topic, not of the attribute before it
                if name_matches(topic + ind[len(prev_ind) :], region):
                    ind = topic + ind[len(prev_ind) :]
        elif not paired and (rate := _bare_rate(ind)) and "、" not in text[clause0 : q.start] \
                and (clause0 == comma0 or prev_end == clause0 - 1) and (
                owner := (prev_counted[1] and prev_ind)
                or (lo == clause0 and _object_of_clause_before(text, s0, clause0, accepted))):
            # …省政协提案876件，满意率100%; 化解居民住宅“办证难”23万户，化解率达94%: a rate named
            # alone is of the things just counted, or of what the work of the clause before is done on
            # (not a rate listed with another, 满意率、办结率均达到100%, which the list reads)
            ind = owner + rate
        elif not paired and lo == clause0 and clause0 > comma0 and text[clause0 - 1] == "、" \
                and prev_end == clause0 - 1 and (k := _shared_word(prev_ind, ind)):
            # 研发经费投入增长25%、投入强度提升至1.4%: the next item opens on the last word of
            # the one before (投入) and keeps what it qualified (研发经费投入强度)
            ind = prev_ind[:-k] + ind
        elif not paired and lo == clause0 and prev_end == clause0 - 1 and (
                clause0 > comma0 and text[clause0 - 1] == "、" or ind in _ACCOUNT_LINES and text[clause0 - 1] in "，,") \
                and (owner := _other_side(prev_ind, ind)):
            # 地方一般公共预算收入增长2.3%、支出首次超过7000亿元: the other side of the same account
            # (a line of a business's accounts after a comma too: 规上工业增加值增长7%，利润增长10%)
            ind = owner + ind
        elif not paired and lo == clause0 and clause0 > comma0 and text[clause0 - 1] == "、":
            ind = _with_listed_subjects(text, comma0, clause0, ind)
        if ind in _TRADE_ALONE and prev_end == clause0 - 1 and text[clause0 - 1:clause0] == "、" \
                and (product := _product_of(prev_ind)):
            # 猕猴桃综合产值增长8.5%、出口增长53.6%: the exports of the thing the item before measured
            ind = product + ind
        elif ind in _TRADE_ALONE and lo == clause0 and text[clause0 - 1 : clause0] == "、" and (
                named := _QUOTED_OPENING.match(text, _clause_start(text, comma0, clause0 - 1))) \
                and not _DIGIT.search(text, named.end(), clause0):
            # “青海三文鱼”公共品牌正式发布、出口增长12倍: the exports of the product the clause before
            # names in quotes, not the region's
            ind = named.group() + ind
        if ind and prev_end == clause0 - 1 and text[clause0 - 1:clause0] == "、" and (spent := _spent_by(prev_ind, ind)):
            # 接待游客2.73亿人次、实现收入4140亿元: what the visitors just counted spent, the
            # tourism revenue (游客花费 names itself)
            ind = spent
        if ind in ("投资", "总投资") and prev_end == clause0 - 1 and text[clause0 - 1 : clause0] == "、" \
                and (things := prev_counted[0] or prev_counted[1]).endswith(_PROJECT_HEADS) and not paired:
            # 实施城市更新项目24个、投资145亿元: the investment of the projects just counted
            ind = things + ind
        if ind and q.kind == "percent" and q.start in shares and not ind.endswith(after_np) \
                and _opens_on_short_verb(after_np):
            # 省内高校毕业生67.5%留辽就业: the share of the subject that does what follows
            ind += after_np
        if ind and q.kind == "counter" and not paired and lo == clause0 and text[clause0 - 1 : clause0] == "、" \
                and "等" in ind and (ex := _last_example(ind)):
            # 组建产业、科技、人才、文旅等联盟11个: the last example of a list cut at 、 names none of
            # the things counted, the head after 等 does (a size or a level keeps its example: what
            # 沙化耕地等综合治理330万亩 measures is the examples' treatment)
            ind = ind[len(ex) :]
        converted = prev_end == clause0 - 1 and text[clause0 - 1 : clause0] in "、，" \
            and unit_kind(prev_base) == unit_kind(q.base_unit) == "currency" and _CONVERSION.fullmatch(left.strip())
        if converted and prev_ind:
            ind = prev_ind  # the same amount in another currency
        if ind and ind[1:2] == "产" and (sector := _SECTOR.match(ind)) and name_matches(
                named := f"第{sector.group(1)}产业{ind[sector.end():]}", region):
            ind = named  # 一、二、三产业增加值分别增长…, 三产增加值: 第三产业增加值

        if not ind:
            ind = _strip_lead(left).strip("，、：；")
            if _split_link(ind)[0] == "":
                ind = ""  # 下降7.4% with no subject anywhere: no figure without an indicator
        if not ind:
            rest = text[tail0 : _clause_end(text, tail0, s1)]
            if 2 <= len(rest) <= 8 and _ALL_HAN.fullmatch(rest):
                ind = rest  # 又有1600万人进城落户
        rate_target = _RATE_TARGET_AFTER.match(text, tail0) if q.kind == "percent" else None
        if rate_target:
            # 提出5%左右的增长目标: the number is the growth target the noun after it names
            # (a work report's bare 增长目标 is the economy's)
            ind, link = rate_target.group(1) if len(rate_target.group(1)) > 2 else "经济增长", "增长"
        if not ind:
            if debug:
                log.debug("no indicator for %s in %s", text[q.start : q.end], sentence)
            continue
        counted = q.base_unit if q.base_unit in ("人", "户", "人次", "户次") else ""
        if counted and text.startswith(ind, tail0) and all(t.startswith("v") for _, t in _tag(ind)):
            ind += counted  # 约6700万人受益: the people who benefit (受益人), not the verb
        elif lo == clause0 and (reach := _reach_verb(text, clause0)) and (
                (after_item := clause0 > comma0 and text[clause0 - 1] == "、") or comma0 > s0 + 1):
            # 建立“两项补贴”制度，惠及2100多万人; 落实国家育儿补贴政策，惠及154万户家庭: whom the
            # previous clause's programme reaches (改造城镇老旧小区870个、惠及10万余户: the item before the 、)
            if after_item:
                before = text[_clause_start(text, comma0, clause0 - 1) : clause0 - 1]
            else:
                before = text[_clause_start(text, s0, comma0 - 1, _COMMA_END) : comma0 - 1]
            # (a count of people or things reached; 带动固定资产投资增长5.1% is what it drove)
            people = counted if ind == reach else ind.removeprefix(reach) if q.kind in ("counter", "magnitude") else ""
            if people and (programme := _programme(before)):
                ind = programme + reach + people
            elif ind == reach:
                ind += counted  # the people reached (惠及人), not the verb alone
        if q.kind == "currency" and lo == clause0 and ind in _words("fund_verbs") and (
                purpose := _purpose_after(text, tail0, s1)):
            # 筹措280.44亿元实施社保惠民工程: the funds for what the clause says they do
            ind = purpose + ind + "资金"
        elif q.kind == "currency" and lo == clause0 and ind.removeprefix("首期").removeprefix("每年") in _words("fund_verbs") \
                and (fund := _object_of_clause_before(text, s0, clause0, accepted)).endswith(_FUND_NOUNS):
            # 设立清洁能源产业专项资金，首期安排50亿元: what is put into the fund the clause before set up
            ind = fund + ind
        elif q.kind == "currency" and not paired and after_np.endswith(_FUND_NOUNS) \
                and text.startswith(after_np, tail0) and not _clean_left(left)[0].endswith(_FUND_NOUNS):
            # 统筹用好中央149.2亿元乡村振兴补助资金: the money is the fund named right after it, of
            # the source or the people named before it (中央, 中央财政安排…, 种粮农民一次性发放…)
            toks = _tag(_subject_of(left))
            k = len(toks)
            while k > 0 and len(toks) - k < 2 and toks[k - 1][1].startswith("n") and toks[k - 1][1] != "vn":
                k -= 1
            ind = "".join(w for w, _ in toks[k:]) + after_np
        # 经济增长预期目标为5%左右: the words of a target between the change verb and the number
        # 贷款增幅超过40%, 年均增速5.7%: a growth-rate noun, in the indicator or the link words
        change = _link_states_change(link) or _RATE_NOUN.search(ind[-4:] + link) is not None
        # PM2.5浓度改善10.8%: an improvement by a share is a change (改善1893所幼儿园…: things improved)
        change = change or (link.endswith("改善") and q.kind in ("percent", "points"))
        if change and _GAP.search(link):
            change = False  # 增幅高于全国0.7个百分点: a gap to a benchmark, not a change over time
        if (not change and prev_growth and q.kind == "percent" and ind == prev_ind
                and text[prev_end : prev_end + 1] == "、" and not _clean_left(left)[0]):
            # 增长7%以上、力争达到8%: the same growth rate, a higher mark to strive for
            change, link = True, prev_link + link
        if not change and link.endswith("按") and (after_verb := _CHANGE_AFTER.match(text, tail0)):
            # 城乡低保分别按3%、7%提高: the size of a change written before its verb
            change, link = True, link + after_verb.group(1)
        if not change and not link and q.unit not in _FREQUENCY_UNITS and _AMOUNT_VERB.search(left) and (
            # (the words read are a part of left: without an amount verb in left there is none to find)
            verb := _opening_change_verb(_after_subject(_strip_lead(left.strip())))
        ):
            # 降低交通物流成本65亿元, 增加…招生计划1.76万个: a change verb before what it changes
            # makes the number the size of the change
            change, link = True, verb
        # period and target
        if periods is None:
            periods = _SentencePeriod(text[lead0:s1], year, default_period)
        per, future = periods.at(q.start - lead0)
        if future and cue is None:
            cue = _TARGET_CUES.search(text, lead0, s1) is not None
        if future and not (part.kind in ("plan", "plan5") or cue):
            per, future = None, False  # 面向2030年的重大项目: a horizon, not the figure's year
        from_before = _FROM_BEFORE.search(text, max(comma0, pre_start - 10), pre_start) if from_words else None
        from_time = _FROM_TIME.search(text, max(comma0, pre_start - 8), pre_start) if from_words else None
        starting = from_words and bool((from_before or from_time) and _TO_LEVEL.match(text, q.end))
        context = context_head + text[s0 : q.start]
        if starting:
            # 从2020年的A增长到2025年的B, 过去五年从54万亿元增加到82.7万亿元: A is the level at the
            # start of the span, its own year's
            m_from = _FROM_YEAR.search(text, max(comma0, pre_start - 12), pre_start)
            if m_from:
                per = int(m_from.group(1))
            elif from_time and default_period is not None:
                # 常住人口由上年729万人增加到732万人, 从年初的400P: the level the year before the one
                # reviewed ended on; 失业率从上半年5.5%降到5.3%: a part of the year, no year's level
                per = default_period - 1 if re.search("上年|去年|年初", from_time.group()) else None
            elif default_period is not None and (base := span_start(context, default_period)) is not None:
                per = base
            elif part.base is not None and not part.yearly:
                per = part.base  # 一、过去五年工作回顾: the span is the part's
            elif part.kind == "review" and part.yearly and default_period is not None:
                per = default_period - 1  # 比重由46.9%提高到48.2%: in a yearly review, the year before
            else:
                per = None
        elif per is None:
            per = default_period
        if attribute or text.find("目前", comma0, q.start) >= 0:
            per = None
        target = False
        if part.kind == "plan5":
            target = True
            per = per if future else None  # a five-year goal has no single year unless it names one
        elif part.kind == "plan":
            past = (per is not None and year is not None and per < year) and bool(_PAST_CUES.search(sentence))
            target = not past
            if per is None or (per == default_period and not past):
                per = part.year if part.year is not None else year
        elif future and cue:
            target = True
        else:  # a word that sets a target in the opening and the sentence up to the number
            if sets_target_end < 0:
                first = _SETS_TARGET.search(text, lead0, s1)
                sets_target_end = first.end() if first else s1 + 1
            target = sets_target_end <= q.start
        qualifier = pre_q or q.qualifier
        if qualifier is None and converted:
            # 约合 hedges the amount; after a hedged one (175亿美元左右、折合…) it is as rough as that
            qualifier = "约" if left.strip().startswith("约") else prev_qualifier
        if qualifier is None and q.kind == "none" and (one := _RATIO_TO_ONE.match(text, q.end)):
            # 城乡居民收入比收窄至2：1以内: the hedge stands after the ratio's 1
            qualifier = next((h for h in POST_QUALIFIERS if text.startswith(h, one.end())), None)
        base_unit = q.base_unit
        if q.kind == "magnitude" and any(w in ind for w in _words("people")):
            base_unit = "人"  # 农村贫困人口减少1386万: the magnitude counts people
        elif q.kind == "magnitude" and ind.endswith("户"):
            base_unit = "户"  # 第四代移动通信用户3.4亿: users and households are counted in 户
        value, unit = q.value, q.unit
        if q.numeral == "chinese" and _MAGNITUDES_ONLY.fullmatch(q.value_text) and q.unit == q.base_unit and q.unit:
            # 重回万亿元规模: a number written as its magnitudes alone is one of them (1 万亿元), as
            # reports write it with digits (1.4万亿元)
            value, unit = 1.0, q.value_text + q.unit
        meaning = read_meaning(
            before=text[comma0 : q.start],
            after=text[q.end : clause_ends[q.start]],
            following=text[hedge_ends[q.start] : hedge_ends[q.start] + 8],
            sentence_before=text[s0 : q.start],
            context=context,
            indicator=ind,
            link=added + link if added and not link.startswith(added) else link,
            qualifier=qualifier,
            value=value,
            value_max=q.value_max,
            unit=unit,
            kind="percent" if _is_fraction(q) else q.kind,  # a fraction is a share: 缩短三分之一 is a rate
            change=change,
            period=per,
        )
        if q.start in shares and meaning.measure == "level":
            meaning = meaning._replace(measure="share")  # (read_meaning tells a share by its 的 alone)
        if q.numeral == "chinese" and _ROUND_MARK.fullmatch(q.value_text) and q.kind in ("currency", "measure") and meaning.bound == "exact":
            meaning = meaning._replace(bound="at_least")  # 万亿元, 千亿元 alone: a round mark, not a count to the yuan
        if attribute and meaning.basis is not None:
            meaning = meaning._replace(basis=None, since=None)  # the size of each thing is summed over no years
        if meaning.direction == "none" and q.kind in ("currency", "percent") and _sizes_a_cut(ind):
            # 为企业减税降费300亿元, 减轻群众就医负担172亿元, 减碳96.2%: the amount something was cut by,
            # a fall (the figure stays the cut's size, not a change signed below zero)
            meaning = meaning._replace(direction="down")
        elif meaning.direction == "none" and q.kind == "currency" and ind.endswith(("增收", "增产")):
            meaning = meaning._replace(direction="up")  # 带动群众增收8.5亿元: the size of a gain, a rise
        if area_end is not None and q.start > area_end and ind and not ind.startswith(area) \
                and ind[:2] not in _SCOPE and not (region and ind.startswith(region[:2])):
            ind = area + ind  # the part of the region its sentence is about (see _AREA_OPENING)
        # (measure, base_unit, kind, region)
        # (a fraction, 三分之一, is a share with no unit: no registry indicator, which states its
        # rates and shares in %, is answered by one)
        fraction = _is_fraction(q)
        canonical = None if fraction else canonical_of(ind, meaning.measure, base_unit, q.kind, region)
        if canonical is None and not fraction and (w := _increment_lead(ind)):
            # 新增国家高新技术企业 (an increment), …总量 after it (the stock): the things named
            canonical = canonical_of(ind[len(w):], meaning.measure, base_unit, q.kind, region)
        if canonical is not None and meaning.measure == "count" and _made_before(left, ind):
            # 培育高新技术企业160家, 引进…100家: the things made or brought in this year, not how
            # many there are
            canonical = None
        elif _CAUSATIVE.match(text, comma0, pre_start) and (
            meaning.measure != "rate" or _DIGIT.search(text[comma0:pre_start])
        ):
            # 中欧班列…带动陕西进出口415.4亿元、增长11.7%: a contribution and its growth, not the
            # region's total (带动固定资产投资增长5.1% alone still states the total's growth)
            canonical = None
        elif meaning.measure == "level" and q.kind == "percent":
            as_rate = canonical or canonical_of(ind, "rate", base_unit, q.kind, region)
            if as_rate is not None and percent_is_rate(as_rate):
                # 居民消费价格涨幅控制在3%以内: a price index is stated by its change
                canonical = as_rate
                meaning = meaning._replace(measure="rate", basis="yoy", since=per - 1 if per is not None else None)
        fig = {
            "indicator": ind,
            "value": value,
            "unit": unit,
            "value_base": q.value_base,
            "base_unit": base_unit,
            "qualifier": qualifier,
            "change": change,
            "target": target,
            "period": per,
            "section": block.section,
            "sentence": stripped,
            "start": q.start,  # in the block's text (extract_figures makes them the raw text's)
            "end": q.end,
            "line": 0,
            "value_text": q.value_text,
            "value_max": q.value_max,
            "measure": meaning.measure,
            "direction": meaning.direction,
            "signed_value": meaning.signed_value,
            "bound": meaning.bound,
            "basis": meaning.basis,
            "since": meaning.since,
            "real": meaning.real,
            "estimate": meaning.estimate and not target,
            "canonical": canonical,
            **_FIGURE_TAIL,
        }
        # 粮食、肉蛋奶、蔬菜产量均稳定在百万吨以上: 均 (each) gives every listed item the number
        each = link.startswith(_EACH)
        listed = (_listed_headlines(ind, meaning.measure, base_unit, q.kind, region, each)
                  if not paired and ("、" in ind or (each and "和" in ind)) else [])
        if len(listed) > 1:
            # 社会消费品零售总额、固定资产投资增长4%左右: each listed indicator grew 4%
            for item, canonical in listed:
                yield {**fig, "indicator": item, "canonical": canonical}
        else:
            yield fig
        # the next figure of the clause (总投资, 分别…) speaks of the things, not of what they did
        prev_ind = (counted_only or ind) if not attribute else prev_ind
        prev_counted = (after_np or counted_things, ind if q.kind == "counter" and not counted_only else "", q.unit or "")
        recent.append(counted_only or ind)
        prev_end = tail0  # where the number and its hedge end
        prev_base = q.base_unit or ""
        prev_growth = change and q.kind == "percent"
        prev_link = link
        prev_added = added
        prev_attribute = attribute
        prev_qualifier = qualifier
        prev_owner = (subject, after_np) if use_after and subject and q.kind == "counter" \
            and not _tag(subject)[0][1].startswith("v") else ()  # (辐射全国75个城市: a verb's reach, no owner)
        if _RATIO_TO_ONE.match(text, prev_end):
            prev_end += 2  # 2.9∶1: the ∶1 belongs to the ratio
        # 由/从 just before (found in a window within from_before's, so only where that found one)
        prev_from = from_before is not None and _FROM_BEFORE.search(text, max(comma0, pre_start - 6), pre_start) is not None


def _post_len(text: str, q: Quantity) -> int:
    """Length of the hedge written right after ``q`` (100余场次 has it inside)."""
    return len(q.qualifier) if q.qualifier and text.startswith(q.qualifier, q.end) else 0


def _clause_rest(text: str, pos: int, hi: int) -> str:
    """The rest of the clause after a number when it reads as what is counted (2 to 16
    characters, opening with a Chinese character), else ``''``."""
    if text.startswith("的", pos):
        pos += 1
    rest = text[pos : _clause_end(text, pos, hi)]
    if not (2 <= len(rest) <= 16) or not is_han(rest[0]):
        return ""
    toks = _tag(rest)
    if toks[0][0] in _words("generic") or toks[0][0].endswith(("速", "速度")):
        return ""  # 6.5%左右的增速可以实现比较充分的就业: a rate named in an argument, no counted thing
    return rest if any(_nounlike(w, t) for w, t in toks) else ""


_JOINING = ("和", "、", "及", "与")  # what joins two counts (13个集体和15名个人)


def _counted_end(text: str, pos: int, counted: str) -> int:
    """Where the thing ``counted`` ends when it stands at ``pos`` (right after
    a number and its hedge, 的 between or not), else -1."""
    if text.startswith("的", pos):
        pos += 1
    return pos + len(counted) if counted and text.startswith(counted, pos) else -1


# Money or a rate in the rest of a clause: a figure of the same kind, no purpose (撬动…贷款2317.3亿元);
# a count there sizes the purpose (办好40件民生实事, 完成1.2万户农村危房改造).
_AMOUNT_IN_WORDS = re.compile(r"[0-9０-９][^，。；、]{0,3}[元%％]")


def _purpose_after(text: str, pos: int, hi: int) -> str:
    """What the money at ``pos`` does, when the rest of its clause says it: a verb
    and its object, at most 24 characters, with no money or rate of its own (筹措…亿元
    实施社保惠民工程 -> 实施社保惠民工程; 撬动新增贷款2317.3亿元 is another figure); else ``''``."""
    end = _FIRST_COMMA_END.search(text, pos, hi)  # (its object may list items: 企业找技术、成果找市场)
    rest = text[pos : end.start() if end else hi]
    if not (2 < len(rest) <= 24) or not is_han(rest[0]) or _AMOUNT_IN_WORDS.search(rest):
        return ""
    toks = _tag(rest)
    verb = toks[0][1] == "v" and toks[0][0] not in _words("amount_verbs") and toks[0][0] not in _words("up_words")
    return rest if verb and len(toks) > 1 else ""


def _reached_after(text: str, pos: int, counted: str, hi: int) -> str:
    """The verb of being reached (受益) when it is all the clause says after the
    things counted at ``pos`` (5.1万余户群众受益), else ``''``."""
    end = _counted_end(text, pos, counted)
    if end < 0:
        return ""
    rest = text[end : _clause_end(text, end, hi)]
    return rest if rest in _words("beneficiary_verbs") else ""


def _examples_listed(text: str, comma0: int, clause0: int) -> bool:
    """Whether the 、-items from ``comma0`` to the one at ``clause0`` are more
    examples of the things counted after them (苍梧、昭平等10个县区…, 西部矿业、
    能源发展集团等6家企业…): short names, no verb, no number."""
    if clause0 <= comma0 or text[clause0 - 1] != "、":
        return False
    items = text[comma0 : clause0 - 1].split("、")
    return all(0 < len(item) <= 12 and not _DIGIT.search(item)
               and not any(t in ("v", "vd", "vi", "p", "d") for _, t in _tag(item)) for item in items)


def _after_listed_clause(text: str, comma0: int, clause0: int) -> bool:
    """Whether the 、 before ``clause0`` ends a clause, a subject and its verb (三条高速公路建成通车、
    34个项目进入…), not a listed noun (2812万吨钢铁产能、395台…): what follows opens a clause of its own."""
    if clause0 <= comma0 or text[clause0 - 1] != "、":
        return False
    toks = _tag(text[_clause_start(text, comma0, clause0 - 1) : clause0 - 1])
    return any(t.startswith("v") for _, t in toks[1:])


_VERB_COMPLEMENTS = frozenset("上好到足完")


def _predicate_of_counted(
    text: str, pos: int, counted: str, hi: int, accepted: list[tuple[Quantity, str]]
) -> str:
    """What the things counted at ``pos`` (``counted``, right after the number)
    do, when the rest of the clause says it: a verb (after adverbs such as 全部),
    2 to 20 characters, with no other number in it (5家企业营业收入增长20% is
    another figure), also past a count joined to this one (13个集体和15名个人荣获…,
    which shares it); else ``''``."""
    pos = _counted_end(text, pos, counted)
    if pos < 0:
        return ""
    if text[pos : pos + 1] in _JOINING:
        # 13个集体和15名个人荣获…: counts joined before one predicate share it
        nxt = next(((qq, np) for qq, np in accepted if qq.start == pos + 1 and np), None)
        if nxt is None:
            return ""
        qq, np = nxt
        pos = _counted_end(text, qq.end + _post_len(text, qq), np)
        if pos < 0:
            return ""
    end = _clause_end(text, pos, hi)
    while text[end : end + 1] == "、" and _object_listed_on(text, end + 1, hi):
        # 获得国家、国际大奖: the object is listed on to the comma
        end = _clause_end(text, end + 1, hi)
    rest = text[pos:end]
    # (a year in it is no other number: 入选2025西部企业…, 入选央视2026年片单)
    yearless = _RANKED_LIST.sub("", _YEAR_IN_WORDS.sub("", rest))
    if not (2 <= len(yearless) <= 20) or not is_han(rest[0]) or _NUMBER_IN_WORDS.search(yearless):
        return ""  # 10种有色金属产量占全国比重超1/10: another number, another statement
    toks = _tag(rest)
    k = 0
    while k < len(toks) - 1 and (toks[k][0] in _words("adverb_stop") or toks[k][0] == "被"
                                 or toks[k][1] in ("d", "ad", "a") and toks[k + 1][1].startswith("v")):
        k += 1  # 全部上线, 被评为, 稳定消除: an adverb, the passive or a manner before the verb
    word, tag = toks[k]
    verb = tag.startswith("v") or word in _words("phrase_stop_verbs")  # the tagger calls 荣获 a name
    # after the passive a verb follows, however tagged (被|命名为); 用|上, 用|好: a verb and its
    # complement the tagger cuts as a preposition and a place word
    verb = verb or (k > 0 and toks[k - 1][0] == "被") or (
        tag == "p" and len(word) == 1 and k + 1 < len(toks) and toks[k + 1][0] in _VERB_COMPLEMENTS)
    if not verb or word[0] in "占让使令为是" or word in _words("beneficiary_verbs"):
        return ""  # a share (占), a causative (让…), a copula (为), the people reached (惠及)
    if k == len(toks) - 1 and word in _words("progress_verbs"):
        return ""  # 9条在建高速公路有序推进: work going on, nothing the things did
    return rest


def _object_listed_on(text: str, pos: int, hi: int) -> bool:
    """Whether the item after a 、 at ``pos`` lists another object (国际大奖 of 获得国家、国际大奖),
    not a count opening the next clause (、60万户居民…) nor a second predicate (、补齐…短板)."""
    if _COUNT_START.match(text, pos):
        return False
    item = text[pos : _clause_end(text, pos, hi)][:8]
    toks = _tag(item) if item else ()
    return bool(toks) and _nounlike(*toks[0]) and not toks[0][1].startswith("v")


def _after_subject(words: str) -> str:
    """``words`` from their amount verb on, past the subject before it (省属单位|减少办公用房租赁费),
    or ``words`` whole."""
    if not any(map(words[2:12].__contains__, _words("amount_verbs"))):
        return words  # most words before a number hold none past their opening
    toks = _tag(words)
    at = 0
    for k, (w, t) in enumerate(toks):
        if w in _words("amount_verbs"):
            # (基础教育 is an l; 行政及企事业单位: subjects joined)
            subject = all(_nounlike(ww, tt) or tt in ("l", "j") or ww in ("及", "和", "与", "、") for ww, tt in toks[:k])
            return words[at:] if k and subject else words
        at += len(w)
    return words


# Any amount verb: the one search that tells most words before a number hold none
_AMOUNT_VERB = re.compile("|".join(map(re.escape, _words("amount_verbs"))))


@lru_cache(maxsize=4096)  # pure, over the words before numbers (most repeat: 降低, 增加)
def _opening_change_verb(words: str) -> str:
    """The verb of a rise or fall in an amount that opens the words before a
    number, before what it changes (降低|交通物流成本), else ``''``. Verbs that
    also upgrade or speed up things (提升|村卫生室, 加快|建设) are none: the
    number counts the things."""
    if not any(map(words[:7].__contains__, _words("amount_verbs"))):
        return ""  # most words before a number hold none: no tagging for them
    toks = _tag(words)
    k = 0  # past 年均, 累计: how the change is counted, not what changes
    while k < len(toks) - 1 and (toks[k][0] in _words("average_words") or toks[k][0] in _words("cumulative_words")
                                 or toks[k][0] in ("年", "平均")):
        k += 1
    if len(toks) < k + 2 or not any(_nounlike(w, t) for w, t in toks[k + 1 :]):
        return ""
    return toks[k][0] if toks[k][0] in _words("amount_verbs") else ""


# Tags of verbs, adverbs and prepositions: words that make a clause a predicate (接待|游客), not a noun.
_VERBAL_TAGS = frozenset({"v", "vd", "vi", "vg", "d", "ad", "p"})
_INCREMENT_FIRST = frozenset(w[0] for w in _words("increment_words"))
_STOCK_WORDS = frozenset({"总量", "总数", "总计"})  # how many there are, after a count of those added
# The two sides of one account: a report names the second alone after the first (收入、支出).
_SIDES = {"收入": "支出", "支出": "收入", "出口": "进口", "进口": "出口"}
# The lines of a business's accounts: a report names the next alone after the first with its owner
# (规上工业增加值增长6.1%、利润增长3%).
_ACCOUNT_LINES = ("营业总收入", "营业收入", "营收", "资产总额", "利润总额", "净利润", "利润", "税收", "增加值", "产值", "营业额", "收入")


def _increment_lead(text: str, rest: int = 2) -> str:
    """The increment word ``text`` opens on (新增, 净增) with ``rest``
    characters or more after it, or ``''``."""
    if text[:1] not in _INCREMENT_FIRST:
        return ""
    return next((w for w in _longest_first("increment_words") if text.startswith(w) and len(text) >= len(w) + rest), "")


def _new_made_lead(text: str) -> str:
    """The word of things newly made or brought in that ``text`` opens on
    (新培育, 新认定, 新引进: a flow word with 新), a word of its own (not 新建 of
    新建成, 新设 of 新设立), with two characters or more after it, or ``''``."""
    if not text.startswith("新"):
        return ""
    w = next((w for w in _longest_first("flow_words") if w.startswith("新") and text.startswith(w)
              and len(text) >= len(w) + 2), "")
    first = _tag(text[len(w):])[0][0] if w else ""
    return w if first and (len(first) > 1 or not is_han(first)) else ""  # (成 of 新建成: no word of its own)


# Trade named alone, and the measures of a product it may follow (猕猴桃综合产值、出口;
# 农产品网络零售额、出口额): the product's exports, not the region's.
_TRADE_ALONE = frozenset({"出口", "出口额", "进口", "进口额"})
_QUOTED_OPENING = re.compile(r"“[^”]{2,12}”")  # a quoted name opening a clause (“青海三文鱼”…)
_PRODUCT_MEASURES = ("综合产值", "总产值", "产值", "产量", "销量", "销售额", "销售收入", "网络零售额", "零售额", "交易额")


def _product_of(before: str) -> str:
    """The thing ``before`` measures by a product's measure (猕猴桃 of 猕猴桃综合产值), or ``''``."""
    measure = next((m for m in _PRODUCT_MEASURES if before.endswith(m)), "")
    thing = before[: len(before) - len(measure)] if measure else ""
    return thing if len(thing) >= 2 and thing not in _SCOPE and not name_matches(before) else ""


# What a count of visitors spent, named after it alone (实现收入, 总花费).
_SPENT = frozenset({"收入", "总收入", "花费", "总花费"})
# An industry sector by its numeral alone (一产, 三产业 of 一、二、三产业).
_SECTOR = re.compile("([一二三])产业?")
# An amount restated in another currency (实际使用外资175亿美元左右、约合1243亿元人民币, 折合人民币…):
# the figure before, converted; 约合 hedges it.
_CONVERSION = re.compile("(约合|折合|合)(?:人民币|美元)?约?")


def _spent_by(before: str, ind: str) -> str:
    """``ind`` as tourism's revenue when it names spending alone after a count of visitors, or ``''``."""
    if not before.endswith("游客"):
        return ""
    verb = next((w for w in _longest_first("lead_verbs") if ind.startswith(w)), "")  # 实现收入
    bare = ind[len(verb):]
    return "旅游" + bare if bare in _SPENT else ""


def _other_side(before: str, word: str) -> str:
    """Whose account ``before`` names, where ``word`` alone is its other side
    (地方财政收入, 支出 -> 地方财政) or another line of the same accounts
    (规上工业增加值, 利润 -> 规上工业; 监管企业营收, 利润), ``before`` naming more
    than that side; ``''`` otherwise."""
    if len(before) > len(word) and _SIDES.get(before[-len(word):]) == word:
        return before[: -len(word)]
    if word in _ACCOUNT_LINES:
        line = next((x for x in _ACCOUNT_LINES if x != word and before.endswith(x)), "")
        if line and len(before) >= len(line) + 2:
            return before[: -len(line)]
    return ""


def _shared_word(before: str, ind: str) -> int:
    """How many characters ``ind`` opens with that ``before`` ends with (two
    at least, and ``before`` keeps two of its own), or 0."""
    for k in range(min(len(before) - 2, len(ind)), 1, -1):
        if before.endswith(ind[:k]):
            # what it qualified is a noun (研发经费); after a verb (接待游客、游客花费) each item is whole
            return k if not any(t in _VERBAL_TAGS for _, t in _tag(before[:-k])) else 0
    return 0


def _elided_object(text: str, prev_end: int, lo: int, left: str, unit: str | None, prev_unit: str) -> bool:
    """Whether the words before a number are verbs alone, right after a figure of the same unit
    (not a rate) and a 、 or a comma: an item of a list, or the next clause, that leaves out the
    things the item before names (新建高标准农田1040万亩，累计建成近1.2亿亩; after a comma only
    where no things are named after the number, which the caller reads)."""
    if not left or not unit or unit != prev_unit or unit in _RATE_BASE_UNITS or lo != prev_end + 1:
        return False
    if text[prev_end:lo] not in ("、", "，") or len(left) > 6 or unit in _words("person_units"):
        return False
    toks = list(_tag(left))
    while len(toks) > 1 and toks[0][0] in _words("lead"):
        toks.pop(0)  # 累计|建成: what the clause adds, then the verb
    # what is done (改造提升, 废止), not a link (达到, 累计达到, 突破), a change (新增) or who benefits (带动就业)
    first = toks[0][0]
    if any(first in _words(k) for k in ("link", "lead", "increment_words", "at_least_words", "beneficiary_verbs")):
        return False
    return all(t.startswith("v") or w in _words("lead_verbs") for w, t in toks)


def _reach_verb(text: str, pos: int) -> str:
    """The verb of reaching people (惠及, 受益, 覆盖) a clause opens on at ``pos``, or ``''``."""
    found = next((w for w in _words("beneficiary_verbs") if text.startswith(w, pos)), "")
    return "" if text[pos + len(found) : pos + len(found) + 1] in ("面", "率") else found  # 受益面, 覆盖率


def _programme(clause: str) -> str:
    """The programme a clause names, for the clause after it that says whom it
    reaches: its subject, before its first verb, four characters or more
    (消费品以旧换新带动…, 引大济湟工程建成通水, 天然气利民管道扩建工程一期建成); else the
    object after that verb (落实国家育儿补贴政策 -> 国家育儿补贴政策, 出台提高城乡低保标准等
    10项民生政策 -> 城乡低保标准等10项民生政策), with the count that ends the clause left
    out (改造城镇老旧小区870个 -> 城镇老旧小区) or else a verb it ends on (率先完成年度育儿补贴
    发放 -> 年度育儿补贴). ``''`` where none is a noun phrase, where the clause has no verb,
    states other counts (新建幼儿园30所、中小学20所), opens on an increment (新增城镇就业
    60万人: a statistic) or ends on a change or work going on (收入稳步增长, 改造全面推进)."""
    words = _NUMBERS_AT_END.sub("", clause)  # 城镇老旧小区|870个: the count is no part of the name
    if _DIGIT.search(_SET_COUNT.sub("", words)):
        return ""
    toks = list(_tag(words)) if words else []
    verbs = [k for k, (_, t) in enumerate(toks) if t.startswith("v") and t != "vn"]
    if not verbs or toks[0][0] in _words("increment_words"):
        return ""  # “村VA”等群众性体育赛事热度空前: says how things are, names no programme
    if words == clause and toks[-1][0].endswith(_changes_or_progress()):
        return ""  # 收入|稳步增长, 改造|全面推进: how things went, no programme
    if len(found := _noun_phrase(toks[: verbs[0]], set_phrase=True)) >= 4:
        return found  # (a shorter one says how: 全力|推进, 高质量|举办, tagged nouns)
    obj = toks[verbs[0] + 1 :]
    while obj and (obj[0][1].startswith("v") and obj[0][1] != "vn" or obj[0][1] in ("d", "ad")):
        obj.pop(0)  # 出台|提高|城乡低保标准…
    if words == clause and len(obj) > 1 and obj[-1][1].startswith("v") and obj[-1][1] != "vn":
        obj.pop()  # 年度育儿补贴|发放: the programme's name, not its doing
    found = _noun_phrase(obj)
    return found if len(found) >= 4 else ""


@lru_cache(maxsize=1)
def _changes_or_progress() -> tuple[str, ...]:
    """Words of a change or of work going on (增长, 推进), two characters or more."""
    return tuple(w for w in (*_words("up_words"), *_words("progress_verbs")) if len(w) >= 2)


def _noun_phrase(toks: Sequence[tuple[str, str]], set_phrase: bool = False) -> str:
    """The tokens as one noun phrase, adverbs after it dropped (工程|一期, which the tagger
    calls an adverb); ``''`` where it opens on a preposition, an adverb, a conjunction or a
    number or ends on no noun (or, with ``set_phrase``, a set phrase: a subject may be one,
    消费品以旧换新, 扩建工程; an object so tagged is a predicate, 以人民为中心, 全面完成)."""
    toks = list(toks)
    while len(toks) > 1 and toks[-1][1] == "d":
        toks.pop()
    if not toks or toks[0][1] in ("p", "d", "c", "m") or not (
            _nounlike(*toks[-1]) or set_phrase and toks[-1][1] == "l"):
        return ""
    words = "".join(w for w, _ in toks)
    return words if len(words) >= 2 else ""


def _things_of(ind: str) -> str:
    """The things an indicator counts, without what is done to them (新能源开工 -> 新能源,
    更新改造老旧渔船 -> 老旧渔船); empty where no noun is left (减税)."""
    toks = list(_tag(ind))
    while toks and (toks[0][1].startswith("v") or toks[0][0] in _words("lead_verbs")):
        toks.pop(0)
    while toks and (toks[-1][1].startswith("v") and toks[-1][1] != "vn" or toks[-1][0] in _words("lead_verbs")):
        toks.pop()
    return "".join(w for w, _ in toks) if toks and _nounlike(*toks[-1]) else ""


def _plain_noun(words: str) -> bool:
    """Whether ``words`` end on a noun with no verb among them (灾后农房; not 项目签约, 覆盖)."""
    toks = _tag(words)
    return bool(toks) and _nounlike(*toks[-1]) and not any(t in ("v", "vd", "vi") for _, t in toks)


def _verb_led_noun(toks: Sequence[tuple[str, str]]) -> bool:
    """Whether a list's first item is verbs and then a short noun (开工改造|老旧小区, 集中采购|药品),
    none of them a verb that only pushes work on (推进, 加快, 确保: words.txt [driving_verbs])."""
    # (新|改扩建|中小学: 新, newly, opens the verbs as an adverb does)
    k = 1 if len(toks) > 2 and toks[0][0] == "新" and toks[1][1].startswith("v") else 0
    while k < len(toks) and (toks[k][1] in ("v", "vd", "vi", "d") or toks[k][0] in _words("lead_verbs")):
        if toks[k][0] in _words("driving_verbs"):
            return False  # 推进卡阳、松如沟等…: work pushed on, nothing done to each item
        k += 1
    nouns = toks[k:]
    return 0 < k and bool(nouns) and len("".join(w for w, _ in nouns)) <= 6 and all(_nounlike(w, t) for w, t in nouns)


def _last_example(ind: str) -> str:
    """The words of ``ind`` up to its 等 (a word of its own) when they are the
    last item of a list of examples (no verb, six characters or fewer) and a
    head of two characters or more follows, else ``''``."""
    toks = _tag(ind)
    k = next((i for i, (w, t) in enumerate(toks) if w == "等" and t.startswith("u")), -1)
    if k <= 0 or any(t.startswith("v") for _, t in toks[:k]):
        return ""
    ex = "".join(w for w, _ in toks[: k + 1])
    return ex if len(ex) <= 7 and len(ind) - len(ex) >= 2 else ""


def _with_listed_subjects(text: str, comma0: int, clause0: int, ind: str) -> str:
    """内江、眉山、自贡、遂宁经济总量突破2000亿元: the listed subjects share the figure."""
    m = _LABEL_AFTER_ITEM.match(ind)
    if m and all(_nounlike(w, t) for w, t in _tag(m.group(1))):
        return m.group(2)  # 电动汽车、锂电池、光伏产品“新三样”出口: the quoted label names the list
    items: list[str] = []
    j = clause0 - 1
    while j > comma0 and text[j] == "、":
        k = _clause_start(text, comma0, j)
        item = text[k:j]
        toks = _tag(item) if item else ()
        # a one-word name of up to three characters may be tagged anything (自贡 comes as a verb)
        name = len(toks) == 1 and len(item) <= 3 and is_han(item[0]) and item not in _words("lead_verbs")
        # 社会消费品零售总额、固定资产投资增长4%左右: headline indicators of the registry are listed whole
        headline = bool(item) and bool(name_matches(_strip_lead(item)))
        # 金融机构本外币存、贷款余额: one character stands for its word (存款), its front is shared
        ellipsis = (not items and len(toks) > 1 and len(toks[-1][0]) == 1 and is_han(toks[-1][0])
                    and all(_nounlike(w, t) for w, t in toks[:-1]) and len(_tag(ind)[:1][0][0]) >= 2)
        measure = item.endswith(_MEASURE_ENDS) and ind.endswith(_MEASURE_ENDS)  # 巩固率、毛入学率: whole measures
        # 开工改造老旧小区、城中村、农村危房、灾后农房36.9万户: the verb opening the list does it to every item
        led = k == comma0 and _verb_led_noun(toks) and _plain_noun(ind)
        if not item or (len(item) > 5 and not (headline or ellipsis or measure or led)) or _DIGIT.search(item) or not (
            name or headline or ellipsis or measure or led or all(_nounlike(w, t) for w, t in toks)
        ):
            return ind  # only short names: 内江、眉山; not 务实办好西博会
        items.insert(0, _strip_lead(item) if measure else item)  # (力争)城市生活垃圾资源化利用率
        j = k - 1
    return "、".join(items + [ind]) if items else ind


_RATE_BASE_UNITS = frozenset({"%", "个百分点", "‰", "倍"})  # a rate's: no amount of work
# A capacity or a voltage before a project's name (2座35万千瓦塔式槽式光热发电项目, 20个500千伏输变电工程)
_CAPACITY = re.compile(r"[0-9０-９.]+[万亿]?(?:千瓦时|千瓦|兆瓦|吉瓦时|吉瓦|千伏|吨|立方米|方)(?:/年)?")
_MEASURE_ENDS = ("率", "比重", "占比", "指数")  # a listed item that is a whole measure (…普及率)
_PROJECT_HEADS = ("项目", "工程", "电站", "装置", "生产线")  # what a capacity written before names
_SIZE_JOINERS = frozenset("和及、与或")
_CONJUNCTIONS = frozenset({"和", "及", "与", "或", "以及"})
_SET_COUNT = re.compile(r"等[0-9０-９]+[项类个条件种批]")  # 城乡低保标准等10项民生政策: a set named by its size
_NUMBERS_AT_END = re.compile(r"[0-9０-９.．]+[^0-9０-９、，]{0,4}$")  # 老旧小区870个 -> 老旧小区
_FIRST_COMMA_END = re.compile(f"[{re.escape(_COMMA_END)}]")


def _clause_end_comma(text: str, pos: int, hi: int) -> int:
    first = _FIRST_COMMA_END.search(text, pos, hi)
    return first.start() if first else hi


@lru_cache(maxsize=4096)  # pure; link words are few (增长, 达到, 同比增长 ...)
def _link_states_change(link: str) -> bool:
    """Whether the words between indicator and number state a change (增长, 下降了)
    rather than a level (提高到, 增至); the words of a target (预期目标为) set aside."""
    # 经济增长预期目标为5%左右: the words of a target between the change verb and the number
    bare_link = _TARGET_TAIL.sub("", link)
    return bool(_CHANGE.search(_strip_hedge(bare_link))) and not (_LEVEL.search(link) and bare_link == link)


def _strip_hedge(link: str) -> str:
    for q in ("约", "近", "超过", "超", "逾", "接近", "将近", "不到", "不足", "大约", "了", "达"):
        if link.endswith(q) and len(link) > len(q):
            link = link[: -len(q)]
    return link
