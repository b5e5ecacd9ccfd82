"""What a figure's number means: measure, direction, bound, basis.

A pure reading of the words a report writes around a number, after the
indicator has been found (see :mod:`sq_nlp.extract.figures.find`):

* the verb before the number gives the direction and, with the unit, the
  measure: 增长8% is a rate up, 下降0.5个百分点 points down, 减少1386万人 an
  increment down, 降至30微克/立方米 a level reached by a fall;
* hedges and threshold verbs give the bound: 突破, 超过, 以上, 迈上…台阶 are
  at least; 以内, 不超过, 控制在, 不到 at most; 左右, 约, 近 about; two numbers a
  range;
* the words of the clause give the basis of a change: 年均 an average over the
  years since a base year, 累计 or a span of years (五年来) cumulative, 比2020年
  a change against a base year, otherwise a year's own change (同比, 比上年);
  实际/按可比价格 real, 现价/名义 nominal; 预计/初步核算 an estimate.

The word lists are package data (``figures/data/words.txt``), the patterns
below are the grammar around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from sq_nlp.extract.figures.words import longest_first, words
from sq_nlp.language.numbers import parse_number

# A five-year plan named by its ordinal (“十四五”) covers 2021-2025: 十一五 began in 2006.
_PLAN = re.compile(r"十([一二三四五六七八九])五")
_PLAN_ORDINAL = {c: i for i, c in enumerate("一二三四五六七八九", start=11)}
_SPAN_YEARS = re.compile(r"((?:19|20)\d{2})\s*[—–－\-~～至到]\s*((?:19|20)\d{2})年")
# (3年增长58.6%: a count of years right before the change is its span; not 2023年增长, 二十年)
_CHANGE_AFTER_YEARS = "增长|提升|提高|下降|降低|增加|减少|翻"
_NUMERAL_CHAR = "[0-9０-９一二三四五六七八九十百]"
_NOT_AFTER_NUMERAL = f"(?<!{_NUMERAL_CHAR})"
# (the lookahead names every character a match starts with: the scan tests that one class at each
# place, where the branches, opening on groups and a lookbehind, were each tried there)
_N_YEARS = re.compile(
    r"(?=[过近这最两三四五六七八九十2-91的])"
    r"(?:(?:过去|近|这|最近)([两三四五六七八九十]|[2-9]|10)年|([两三四五六七八九十]|[2-9]|10)年(?:来|间|中|里|累计)"
    rf"|{_NOT_AFTER_NUMERAL}([两三四五六七八九十]|[2-9]|10)年(?={_CHANGE_AFTER_YEARS})"
    r"|(?<!未来)(?<!今后)(?<!接下来)(?<!以后)的([两三四五六七八九十]|[2-9]|10)年(?=[。！!，,；;]|$))"  # 这是…成效的五年。
)
_N_YEAR_NUMERALS = (*"两三四五六七八九十", *"23456789", "10")
# _N_YEARS with one literal first character a branch and no groups: whether a text
# holds one at all, found by skipping to the characters a match can start with
# (_N_YEARS tries every place; most texts hold none)
_ANY_N_YEARS = re.compile(
    "|".join(f"{w}{n}年" for w in ("过去", "近", "这", "最近") for n in _N_YEAR_NUMERALS)
    + "|" + "|".join(f"{n}年(?:来|间|中|里|累计|{_CHANGE_AFTER_YEARS})" for n in _N_YEAR_NUMERALS)
    + "|" + "|".join(f"的{n}年" for n in _N_YEAR_NUMERALS)
)
_BASE_YEAR = re.compile(r"(?:比|较|与|同|相比|对比)((?:19|20)\d{2})年(?:末|底)?(?:相比)?")
_BASE_PLAN_END = re.compile(r"(?:比|较|与)“?十([一二三四五六七八九])五”?(?:末|期末)")
# A level kept through years: a streak of them (连续5年保持, 连续四年稳定在), or a keeping word in a text
# about several years (这五年…保持在97%以上, 每年70%以上的财政支出)
_STREAK = re.compile(r"连续([0-9]{1,2}|[二两三四五六七八九]?十[一二三四五六七八九]?|[两三四五六七八九])年"
                     r"(?:保持|稳定|维持|稳居|均|都|始终|占)")
_KEEP = re.compile("保持|稳定在|维持在|始终|每年|年年")
_YOY = re.compile(r"同比|比上年|较上年|比去年|较去年|与上年|与去年|上年同期|去年同期")
_RATE_UNITS = frozenset({"%", "％", "‰"})
_LOWER_IS_BETTER = re.compile("浓度|排放|能耗|污染|失业率|PM")
# Every branch of the patterns scanned over whole clauses starts with one literal
# character, in the order a plainer alternation would try them: the regex engine then
# skips to the characters a match can start with instead of trying each branch at
# every character (a third of the time; tests/test_figures_period.py holds the plain
# forms and checks they find the same).
_OWN_YEAR = re.compile(
    r"19\d{2}年(?![—–－\-~～至到]|以来)|20\d{2}年(?![—–－\-~～至到]|以来)|今年|去年|上年|全年|一年来|过去一年|每年"
)


class Meaning(NamedTuple):
    """The reading of one number (see :class:`sq_nlp.records.Figure` for the values).
    A named tuple, not a dataclass: one is made for every figure and lives only
    until the figure is."""

    measure: str
    direction: str
    signed_value: float | None
    bound: str
    basis: str | None
    since: int | None
    real: bool | None
    estimate: bool


_tuple_new = tuple.__new__


def plan_years(ordinal: int) -> tuple[int, int]:
    """First and last year of the ``ordinal``-th five-year plan (14 -> 2021, 2025)."""
    first = 2006 + 5 * (ordinal - 11)
    return first, first + 4


# Words that make a text speak of several years (这五年, 五年来, “十四五”时期) ...
_FEW = r"(?:[两三四五六七八九十]|[2-9]|10)"  # how many years
# A record or a first (6年来首次超过, 创10年来新高, 近5年最好): the span names what the year's
# figure is measured against, not the years a figure sums
_RECORD = "(?!来?(?:首次|首|最|新高|新低))"
_ANNUAL_MEAN = re.compile("年(?:均|平均)(?:浓度|值|气温|降水量?)")
_SPAN_WORDS = re.compile(
    "|".join(f"{w}{_FEW}年{_RECORD}" for w in ("过去", "近", "这", "最近"))
    + "|" + "|".join(f"{n}年(?:来|间){_RECORD}" for n in _N_YEAR_NUMERALS)
    # (the literal first, the numeral before it checked behind: a branch the scan can skip to)
    + "|" + "|".join(f"{n}(?<!{_NUMERAL_CHAR}{n})年(?:{_CHANGE_AFTER_YEARS})" for n in _N_YEAR_NUMERALS)
    + r"|十[一二三四五六七八九]五”?(?:时期|期间|以来|这五年)"
    # 这是生态文明建设取得显著成效的五年。: a sentence that names the span the paragraphs after it review
    + f"|(?<!未来)(?<!今后)(?<!接下来)(?<!以后)的{_FEW}年(?=[。！!，,；;]|$)"
    + r"|19\d{2}\s*[—–－\-~～至到]\s*(?:19|20)\d{2}年|20\d{2}\s*[—–－\-~～至到]\s*(?:19|20)\d{2}年"
)


def speaks_of_span(context: str) -> bool:
    """Whether ``context`` last names a span of years (这五年, “十四五”时期)
    rather than one year (2025年, 过去一年, 今年)."""
    if "年" not in context and "五" not in context:
        return False  # every span word is written with 年 or 五 (“十四五”时期): most paragraph openings hold neither
    span_end = year_end = -1
    for m in _SPAN_WORDS.finditer(context):
        span_end = m.end()
    if span_end < 0:
        return False  # most contexts: no need to look for years
    for m in _OWN_YEAR.finditer(context):
        year_end = m.end()
    return span_end >= year_end


def span_start(context: str, period: int | None) -> int | None:
    """The base year of a span of years named in ``context`` (the clause or
    paragraph before a number): 2021—2025年 -> 2020, “十四五” -> 2020,
    五年来 -> ``period`` - 5, “十三五”末 -> 2020; ``None`` when it names none.
    A count of years in the number's own clause comes first (这五年，…近3年提升
    21个百分点: 3 years), then years written out, a plan, a count of years."""
    clause = context[max(map(context.rfind, _CLAUSE_MARKS)) + 1 :]
    counted = _counted_years(clause, period)
    if counted is not None:
        return counted
    m = None
    for m in _SPAN_YEARS.finditer(context):
        pass
    if m is not None:
        return int(m.group(1)) - 1
    plans = list(_PLAN.finditer(context))
    if plans:
        first, last = plan_years(_PLAN_ORDINAL[plans[-1].group(1)])
        # a plan's end (“十三五”末, 期末) is a base year; the plan itself a span after the year before it
        after = context[plans[-1].end() : plans[-1].end() + 3].lstrip("”’")
        return last if after.startswith(("末", "期末")) else first - 1
    return _counted_years(context, period)


def _counted_years(text: str, period: int | None) -> int | None:
    """The base year of the last count of years in ``text`` (三年来, 近5年: ``period`` - 3, - 5)."""
    if period is None or not _ANY_N_YEARS.search(text):
        return None
    m = None
    for m in _N_YEARS.finditer(text):
        pass
    if m is None:
        return None
    return period - int(parse_number(next(g for g in m.groups() if g)))


# What ends a clause: a number's own clause is the context after the last of them
_CLAUSE_MARKS = ("，", ",", "；", ";", "。", "！", "？")


# A gap to a benchmark right before the number (高于全国平均水平, 优于国家考核目标): no change over time
_GAP = re.compile(r"(?:高于|低于|超过|超出|优于|好于|领先|快于|慢于|高出|低出)[^，。；、]{0,10}(?:平均水平|平均值|全国|目标|标准)$")
_SHARE = re.compile(r"占[^，。；]*(?:比重|比例|份额)$|(?:比重|占比|份额)$")  # holds 比 or 份额: looked for only then


@lru_cache(maxsize=None)
def _word_tuple(section: str) -> tuple[str, ...]:
    """A word list as a tuple, for ``str.startswith`` and ``str.endswith``."""
    return tuple(words(section))


def _alternation(section: str) -> str:
    # longer words first, so a place gives its longest word
    return "|".join(re.escape(w) for w in longest_first(section))


@lru_cache(maxsize=None)
def _any_word(section: str) -> re.Pattern[str]:
    return re.compile(_alternation(section))


@lru_cache(maxsize=None)
def _final_word(section: str) -> re.Pattern[str]:
    # the greedy lead backs off from the end of the text: the first place where
    # a word starts is the last one, found without trying every place before it
    return re.compile("(?s).*(?=(" + _alternation(section) + "))")


def _last_word(text: str, section: str) -> tuple[int, str] | None:
    """The last occurrence in ``text`` of a word of ``section`` (longest at a place)."""
    m = _final_word(section).match(text)
    return (m.start(1), m.group(1)) if m is not None else None


_SEARCH: dict[str, Callable[[str], re.Match[str] | None]] = {}  # section -> its pattern's search

# The word lists read in the clause before a number; most clauses hold none of
# their words, which one look for them all tells (then no list need be read).
_BEFORE_SECTIONS = ("average_words", "cumulative_words", "real_words", "nominal_words")


@lru_cache(maxsize=None)
def _any_word_of(sections: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_alternation(section) for section in sections))


def _has_word(text: str, section: str) -> bool:
    """Whether ``text`` holds a word of ``section`` anywhere."""
    search = _SEARCH.get(section)
    if search is None:
        search = _SEARCH[section] = _any_word(section).search
    return search(text) is not None


@lru_cache(maxsize=4096)  # pure; link words are few (增长, 同比下降, 降至 ...)
def direction_of(link: str) -> str:
    """``up``, ``down`` or ``none``: the change verb nearest the number in ``link``."""
    up = _last_word(link, "up_words")
    down = _last_word(link, "down_words")
    if up and down:
        return "up" if up[0] + len(up[1]) > down[0] + len(down[1]) else "down"
    return "up" if up else "down" if down else "none"


# A ratio written against one, right after its number (2.52∶1, 2：1 with a full-width colon).
RATIO_TO_ONE = re.compile(r"[∶:：]1(?![0-9.])")


def read_meaning(
    *,
    before: str,
    after: str,
    sentence_before: str,
    context: str,
    indicator: str,
    link: str,
    qualifier: str | None,
    value: float,
    value_max: float | None,
    unit: str | None,
    kind: str,
    change: bool,
    period: int | None,
    following: str = "",
) -> Meaning:
    """Read a number's measure, direction, bound and basis.

    ``before`` is the clause up to the number (its subject included),
    ``after`` the rest of the clause after it, ``sentence_before`` the
    sentence up to the number, ``context`` the paragraph's opening and the
    sentence up to the number (where spans of years are named); ``link`` the
    words between indicator and number; ``change`` whether the figures stage
    read the number as a change (growth rate or increment); ``following`` the few characters
    after the number, past its clause's end (、年均增长4%: an amount given with its growth).
    """
    marked = _any_word_of(_BEFORE_SECTIONS).search(before) is not None  # a word of _BEFORE_SECTIONS in before
    direction = direction_of(link) if link else "none"
    if direction == "none" and change:
        direction = direction_of(indicator[-4:])  # 降幅: a decline stated as a size
    if direction == "none" and change and link.endswith("改善"):
        # PM2.5浓度改善10.8%: an improvement of what is better lower is a fall
        direction = "down" if _LOWER_IS_BETTER.search(indicator) else "up"
    if value < 0 and direction == "none":
        direction = "down"
    # measure
    if unit in ("个百分点", "百分点"):
        measure = "points"
    elif (kind == "percent" and after.startswith("的")) or (
        ("比" in indicator or "份额" in indicator) and _SHARE.search(indicator)
    ):
        measure = "share"
    elif kind == "none" and (indicator.endswith(_word_tuple("ratio_heads")) or after[:1] in ("∶", ":")
                             or RATIO_TO_ONE.match(following)):
        # (比达到2.5：1: a full-width colon ends the clause, so the ∶1 is read after it)
        measure = "ratio"
    elif change and (kind in ("percent", "multiple") or unit in _RATE_UNITS):
        measure = "rate"
    elif change or _has_word(link, "increment_words"):
        measure = "increment" if kind not in ("percent", "points") else "rate"
    elif kind == "counter" and unit not in words("person_units"):
        measure = "count"
    else:
        measure = "level"
    if measure == "increment" and not change and direction == "none":
        direction = "up"  # 新增, 净增: an increment is up unless said otherwise
    # bound
    near = link[-4:]  # a threshold verb stands right before its number (突破, 不超过)
    if value_max is not None:
        bound = "range"
    elif qualifier in words("at_most_hedges") or _has_word(near, "at_most_words") or after.startswith(
        _word_tuple("at_most_after")
    ):
        bound = "at_most"
    elif qualifier in words("at_least_hedges") or _ends_with_threshold(near) or after.startswith(
        _word_tuple("at_least_after")
    ):
        bound = "at_least"
    elif qualifier in words("about_hedges"):
        bound = "about"
    else:
        bound = "exact"
    # basis of a change
    basis: str | None = None
    since: int | None = None
    # PM2.5年均浓度为26.3微克/立方米: a year's mean by definition, no average over years
    averaged_over = _ANNUAL_MEAN.sub("", before) if "年" in before else before
    if measure in ("rate", "points", "increment"):
        # 与2020年相比，…下降13.5%: the comparison may open the sentence
        m_base = list(_BASE_YEAR.finditer(sentence_before))
        # every comparison with a plan's end is written with 末 (较“十三五”末), which few sentences hold
        m_plan = list(_BASE_PLAN_END.finditer(sentence_before)) if "末" in sentence_before else []
        if _GAP.search(before[-16:]):
            pass  # 高于全国平均水平18.3个百分点: a gap to a benchmark, no change over time
        elif marked and _has_word(averaged_over, "average_words") and not _YOY.search(before[-8:]):
            basis, since = "average", span_start(context, period)
        elif m_plan:
            basis, since = "base_year", plan_years(_PLAN_ORDINAL[m_plan[-1].group(1)])[1]
        elif m_base and not _YOY.search(sentence_before[m_base[-1].end() :]):
            basis, since = "base_year", int(m_base[-1].group(1))
        elif marked and _has_word(before, "cumulative_words") or (not _YOY.search(before) and speaks_of_span(context)):
            # “十四五”时期…地区生产总值达到1.5万亿元、增长19.8%: the growth of the whole span
            basis, since = "cumulative", span_start(context, period)
        else:
            basis = "yoy"
            since = period - 1 if period is not None else None
    elif measure in ("level", "count"):
        # 年均新增就业70万人, 五年来城镇新增就业261.6万人: a flow summed or averaged over years
        if marked and _has_word(averaged_over, "average_words"):
            basis, since = "average", span_start(context, period)
        elif marked and _has_word(before, "cumulative_words") and not _stock_after_list(before, indicator) or (
            speaks_of_span(context)
            and (_has_word(indicator + link, "flow_words") or _clause_verb(before, indicator, "sum_verbs")
                 or (unit != "%" and _clause_verb(before, indicator, "made_verbs", "sum_verbs", "flow_words",
                                                  at_number=True))
                 or ((measure == "count" or unit in words("person_units")) and _has_word(indicator, "won_verbs"))
                 or (kind == "currency" and not link and indicator.endswith(_word_tuple("spent_words"))
                     and not _PER_HEAD.search(indicator) and not _GROWS_AFTER.match(following))
                 or (unit is not None and unit.endswith(_word_tuple("event_units")) and not _EACH_YEAR.search(before)
                     and not indicator.startswith("年") and "年度" not in indicator
                     and not indicator.endswith("量") and not _LEVEL_LINK.search(link))
                 or (measure == "count" and _has_word(indicator, "made_verbs")
                     and not _has_word(indicator, "made_nouns"))
                 # 10万套“保交楼”“保交房”任务如期完成: things counted first, then what was done with them
                 or (measure == "count" and not before.strip() and _done_after(after)))
        ):
            basis, since = "cumulative", span_start(context, period)
    if basis is None and measure in ("level", "share") and period is not None:
        # 公众安全感满意度连续5年保持在99%以上, 这五年…每年70%以上的财政支出: a level kept in each of the
        # years. Read in the figure's own item (粮食播种面积稳定在6200万亩以上、年度产量首次突破2000万吨:
        # the second is no level kept)
        item = before[before.rfind("、") + 1 :]
        streak = _STREAK.search(item)
        if streak:
            basis, since = "held", period - int(parse_number(streak.group(1)))
        elif _KEEP.search(item) and speaks_of_span(context.replace("每年", "")):
            basis, since = "held", span_start(context, period)
    real: bool | None = None
    if marked and _has_word(before, "real_words"):
        real = True
    elif marked and _has_word(before, "nominal_words"):
        real = False
    estimate = _has_word(sentence_before, "estimate_words")
    signed = value
    if measure in ("rate", "points", "increment") and direction == "down":
        signed = -abs(value)
    # the named tuple made at once from its fields in order: Meaning(...) runs a Python __new__
    return _tuple_new(Meaning, (measure, direction, signed, bound, basis, since, real, estimate))


def _stock_after_list(before: str, indicator: str) -> bool:
    """A total named after a 、 that the 累计 before it does not reach (累计净增各类经营主体155万户、
    总量达474万户): the stock held, not a sum."""
    item = before[before.rfind("、") + 1 :]
    # (the item before the 、 is a figure: 累计新增减税、降费、退税缓费总额 lists nouns that 累计 reaches)
    return (item != before and _FIGURE_BEFORE_ITEM.search(before) is not None
            and not _has_word(item, "cumulative_words") and _has_word(indicator, "stock_words"))


_FIGURE_BEFORE_ITEM = re.compile(r"[0-9０-９][^、，。；]*、[^、]*$")


# 每年开展…3万场次, 两地每年互访游客1亿人次: a year's events, said of each year of the span (as are
# 年接待游客, 年度旅客吞吐量)
_EACH_YEAR = re.compile(r"每年|每一年|一年|年均|日均|每日|每天|单日|每周|周均|每月|月均")
# A level reached (达到5000列, 增至300班次): the last year's, not the events of the span
_LEVEL_LINK = re.compile(r"达到?|增至|增加到|提高到|提升至|升至|为$|至$|到$")
# An amount per person (人均消费支出, 生均经费) is never summed; one followed by its yearly growth or
# compared with a year (…900亿元，是2020年的1.8倍) is a level
_PER_HEAD = re.compile(r"[人生户]均")
_GROWS_AFTER = re.compile(r"[、，]?(?:(?:年均|同比|比上年|较上年)?(?:增长|下降|提高)|是(?:19|20)\d{2}年)")


# Items with a number each, listed with 、 before the one read: the verb before them is its verb too
_LISTED_BEFORE = re.compile(r"^(?:[^，。；：、]*[0-9０-９][^，。；：、]*、)+")
# The size of each thing counted, written before its noun with 的 (3000平方米的城市绿地15处)
_SIZE_BEFORE = re.compile(r"^[0-9０-９.．]+[^0-9０-９，。；：、的]{1,4}的")
# A verb that opens its clause, alone or after the place that did the work (全省完成…)
_OPENS_CLAUSE = re.compile(r"(?:^|[，。；：！？])(?:[全我本][省市区县州旗国])?$")


def _done_after(after: str) -> bool:
    """Whether the clause after a count that opens it says the things were done, made or won
    (…任务如期完成, …项目建成投运, …县被命名为…), no noun made of such a verb counting them.
    Things that reached a state (1200个村实现…) are how many there are at the end, and so are
    all of a set (14个市州均完成…)."""
    if _ALL_OF_THEM.search(after):
        return False
    done = _last_word(after, "sum_verbs")
    return ((done is not None and not done[1].startswith("实现")) or _has_word(after, "made_verbs")
            or _has_word(after, "won_verbs")) and not _has_word(after, "made_nouns")


# Every one of the things counted (均, 全部, 都): a count of all of a set, not of what was done.
_ALL_OF_THEM = re.compile("均|全部|都")


def _clause_verb(before: str, indicator: str, *sections: str, at_number: bool = False) -> bool:
    """Whether the clause's verb (a word of ``sections``, the last in ``before``) stands right
    before the indicator: 实现进出口总额1.4万亿元 (the amount achieved: ``sum_verbs``; 全省完成
    固定资产投资, the indicator holding the verb, goes on from it). With ``at_number`` the verb
    makes or adds what is counted (新建高标准农田2471万亩; 出台了69项支持政策, the verb right
    before the number) and never opens the indicator's own noun (建成区面积, 建设用地)."""
    if not indicator:
        return False
    for section in sections:
        hit = _last_word(before, section)
        if hit is None:
            continue
        rest = before[hit[0] + len(hit[1]) :]  # from the verb to the number: the indicator and its link
        if at_number:
            if section == "sum_verbs" and not _OPENS_CLAUSE.search(before, 0, hit[0]):
                continue  # 地区生产总值完成3.6万亿元: the level a subject reached, not work done
            # (完成2100万千瓦火电机组、2812万吨钢铁产能改造: the items listed before share the verb)
            rest = _SIZE_BEFORE.sub("", _LISTED_BEFORE.sub("", rest.removeprefix("了"), count=1), count=1)
            if rest == "" or (rest == indicator and not _has_word(before[hit[0] :], "made_nouns")
                              and not _has_word(indicator, "stock_words")):
                return True
            continue
        i = indicator.rfind(hit[1])
        own = indicator[i + len(hit[1]) :] if i >= 0 else indicator  # what follows the verb
        if own and rest.startswith(own):
            return True
    return False


@lru_cache(maxsize=4096)  # pure, over the four characters before a number
def _ends_with_threshold(near: str) -> bool:
    """突破, 超过, 迈上…: a threshold verb right before the number (not 突破性增长)."""
    hit = _last_word(near, "at_least_words")
    if not hit:
        return False
    rest = near[hit[0] + len(hit[1]) :]
    return not _has_word(rest, "up_words") and not _has_word(rest, "down_words")
