"""Keyphrases of a report, ranked for a reader.

Two named modes over the same candidates (:mod:`.mining`):

* ``poster`` (the default of clouds and the report page): what a publicity
  office would print. *Central*: how many paragraphs say it and how often
  (both saturating: the tenth mention adds less than the second), whether a
  title names it (a heading or the lead sentence of a paragraph), whether it
  is the whole object of a title (closed on both sides and noun-headed:
  加快发展|新质生产力|。), above all of an enumerated title of the plan part, the
  year's task list (（一）…现代化产业体系建设，加快发展新质生产力), whether the plan
  part says it, whether the paragraph saying what guides the year's work
  (以…思想为指导，…坚持稳中求进工作总基调) says it, above all a quoted or
  numbered term there, the region's own strategic frame (聚焦“走在前、勇争先、
  善作为”的目标要求，围绕打造“三大高地”，实施“五大战略”: each said once), less
  a phrase the report usually continues with a noun
  (丰富人民|群众: open, not a name); a numbered formula (三个定位) the report
  repeats, puts in a title or spells out item by item in its enumerated
  titles (“十二个奋力推进”: 一是奋力推进…) is its own programme, and so is a
  phrase that counts what it names (四大主导产业, 制造业十大现代化支柱产业),
  a candidate even unquoted and said twice by this report only. *Not
  boilerplate*: instead of an IDF, which erases what every recent report leads with (新质生产力 in
  all of 2025's reports), only the *evergreen* phrases are pushed down,
  ``1 - EVERGREEN_WEIGHT · evergreen²`` where ``evergreen`` is the share of
  reports saying it, each year of the store weighing the same (改革开放 about
  1, 高质量发展 0.8, 新质生产力 0.3), unless the report stresses it (says it five
  times or more, at five times the rate of the rest of the store: 国家公园 in
  青海's report, 减税降费 in a year of tax cuts). Pushed down too: a phrase headed by a
  generic noun (宏观调控力度, 社会保障水平: the theme is its modifier; a word of
  jieba's dictionary ending in one is headed by it too: 服务体系, 监督机制) and a
  statistic, a phrase a number usually follows (地区生产总值 增长 5.5%). Lifted:
  the role the region is asked to take, its strategic positioning, named
  with its scope (向北开放重要桥头堡, 长江上游重要生态屏障; not a facility, 物流枢纽:
  see :data:`.mining.ROLE_HEADS`), which a report says once or twice.
  A numbered or quoted formula that half the other regions' reports of the
  year say too is the year's national shorthand (两重, 两新, 三保): ranked as a
  plain phrase, not as the region's own programme; any such phrase yields a
  little to the region's own (新质生产力 to 平陆运河). A five-year plan's name is
  a theme only in the report of the plan's first year (十五五 in 2026; in
  2025 the next plan is drafted and 十四五 reviewed: the frame of the year's
  work). A theme the report dwells on (said ten times or more, in three
  paragraphs, at ten times the rate of the rest of the store) stands even
  where it is basic vocabulary many reports say or a short word (稀土, 盐湖,
  冰雪 in the reports of the regions that mine, farm or sell them).
* ``research``: what sets this report apart from the others in the store
  (and the background reports beside it: :mod:`.background`), Dunning's
  log-likelihood G² of the phrase's count here against its count in the rest
  of the corpus (overused terms only).

Both keep only phrases: never a number (2020, 30条), a single character, a
stopword, the report's own region or any other province, city or county
standing alone (呼和浩特, 乌鲁木齐: :mod:`sq_nlp.language.places`), an idiom,
a name or a general fixed expression the dictionary lists as one word
(坚持不懈, 发展壮大), a phrase naming a person (习近平同志) or a party or state
organ (自治区党委, 政协民主监督; 数字政府 names none) or holding the
report's own time (建议今年全市经济社会: 今年, 当前) or ending in a manner word
(城市内涵式 of 城市内涵式发展), basic vocabulary
used by many reports (企业, 创新; 生态环境 made of two such words, and so a word the dictionary
made of two: 服务平台, 行动计划; a verb and its object is a task: 扩大内需), a single word of three characters or fewer that is
no project word (山区, 强省; a three-character word the segmenter coined stands
where said three times or more and never cut short: 秦创原, not 联农带 of
联农带农), a phrase of this report only that it says just
twice and neither quotes nor puts in a title (a collocation, not a name; a
region's own brand headed by its name is one: 美丽云南, 旅居云南, and so is the
role it is given, its weight stated: 向北开放重要窗口), a piece of
a number expression (18|号线西), or a fragment (a phrase the report nearly
always continues with the same noun: 统一大市场 inside 全国统一大市场, the
region's own name continuing nothing: 江西|内陆开放型经济试验区; one nearly
always said after 及其, the second of two things a word after it governs:
中央八项规定及其|实施细则精神; a phrase
opening on a place the same verb always stands before is a piece of that
verb's object: 考察|江西重要讲话精神; a phrase ending in a place name that
words go on from nearly every time modifies them: 中国式现代化青海|实践,
|篇章; a quoted term only on the right, and
only where the longer form is a phrase: “双千”计划, while in
“三个赋予一个有利于”总|要求 the quoted term is the name), or a predicate the
dictionary calls a noun (充分发挥, 发挥作用: see :mod:`.phrases`), or a clause, an
adverbial before a verb with words after it (全方位|夯实|粮食安全根基), a
manner and the verb it ends on (诚挚|感谢, 严密|防范), or a verb
and the new state it brings about (排头兵|展现|新面貌, 迈上|新台阶; the new state
alone where only a verb stands before it: 结出|新硕果) or a verb and the
one-character complement that ends its clause (清醒认识|到, 没有|变); nor a word of the general
dictionary a quarter of the reports say, which this one says only twice and in
no title (外部环境, 招商引资). A heading's
clause said once (manner or subject, its verb, its object: 坚持民生为大，用心用情用力|
增进|人民福祉) goes by its object, and its other pieces go with it; after a
verb of the heading the phrase is that verb's object, a name however many
verbs it holds (实施|住房安居宜居工程). The list is
diverse: a phrase that contains, or is contained in, a phrase ranked above it
is left out, except that a region's own wording of a national phrase takes
the national phrase's place (高质量振兴发展, said only by its region, for
高质量发展). A phrase goes by the name the report gives it: a quoted label
before words extends to the generic noun that closes its name (“3815”战略 is
said only as “3815”战略发展目标), and a modifier before a quoted name is no
part of it (高水平“天府粮仓” is “天府粮仓”).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sq_nlp.extract.figures.meaning import plan_years
from sq_nlp.extract.slogans import plan_ordinal
from sq_nlp.language.chars import HAN
from sq_nlp.language.places import place_names
from sq_nlp.language.segment import default_segmenter
from sq_nlp.summaries.keywords.mining import CLAUSE_MARKS, SHORT_TEXT_TOKENS, PhraseStats
from sq_nlp.summaries.keywords.phrases import QUOTE_CHARS, PhraseDocument, strip_quotes
from sq_nlp.summaries.keywords.words import Keyword

MODES = ("poster", "research")

# Weights of the poster score (see the module docstring).
PARAGRAPH_WEIGHT = 1.0
COUNT_WEIGHT = 2.0
TITLE_WEIGHT = 1.0
TASK_WEIGHT = 2.0
OBJECT_WEIGHT = 1.0
PLAN_WEIGHT = 0.5
# The paragraph saying what guides the year's work is the report's own summary of it: at 1.0
# the six readers' references held 7 fewer of their terms in the top 20s (none held more)
GUIDE_WEIGHT = 2.0
GUIDE_MARKED_WEIGHT = 2.0
OPEN_WEIGHT = 1.5
# What every report says keeps half its weight: readers print the national phrases a report
# dwells on (减税降费, 扩大内需, 高质量发展) beside its own; at 0.7 the five readers' references
# held 7 fewer of their terms in the top 20s (0.3 to 0.5 alike), the national reports most
EVERGREEN_WEIGHT = 0.5
NUMBERED_PRIOR = 1.5
QUOTED_PRIOR = 1.0
GENERIC_HEAD_PRIOR = 0.5
STANDING_PRIOR = 1.25
NEW_WEIGHT = 4.0
STATISTIC_PRIOR = 0.3
POSITIONING_PRIOR = 2.0
# The year's national shorthand (a formula half the other regions' reports of the year say:
# 新质生产力, 现代化产业体系) yields a little to a region's own programmes on the region's poster
# (平陆运河, “零关税”, 美丽江西); readers print both. At 0.9 the first seven readers' terms in
# the top 20s: 453 -> 450 of 670 in the store, 415 -> 419 each report alone beside the background
# (as a province the package does not ship is ranked), the ninth (blind) reader's 50 -> 53 and
# 47 -> 48 of 80; at 0.8 alone 422 but in the store 446
NATIONAL_PRIOR = 0.9
# A phrase is a fragment when the same noun continues at least this share of
# its occurrences.
FRAGMENT_SHARE = 0.75
# Fragment shares are worked out for this many rows of a list at a time, in
# rank order (a list reaches a few dozen rows of the hundreds it could, and
# the forms it names them by further down): a batch costs a few dozen array
# operations whatever its size, and the lists of a store's 44 reports (both
# modes) took 11% less time with batches of 1024 rows than of 256.
SHARE_BATCH = 1024
# What a row's own text and neighbours make of it, once per report (see ``whole`` in keyphrases).
_BARRED, _FRAGMENT, _WHOLE = 0, 1, 2
# A word no dictionary lists, coined by the segmenter, stands when said at
# least this often (and never cut short: see keyphrases' cut_short): said
# twice, three characters are as likely a chance grouping as a name.
COINED_MIN_COUNT = 3
# A fixed expression of the general dictionary (tagged l: 紧紧围绕, 高度重视,
# 长治久安) is the report's theme only where it stands in a heading and the
# report says it at least this often, and fewer than GENERIC_WORD_SHARE of
# the reports say it: 新疆's and 西藏's 长治久安.
FIXED_MIN_COUNT = 3
# Basic vocabulary in at least this share of the reports is generic alone;
# a phrase made only of basic words, in at least GENERIC_PHRASE_SHARE.
GENERIC_WORD_SHARE = 0.5
GENERIC_PHRASE_SHARE = 0.25
# A theme the report dwells on: said at least DWELT_COUNT times, in at least
# DWELT_PARAGRAPHS paragraphs, at DWELT_RATIO times the rate of the rest of the
# store: basic vocabulary many reports say (清洁能源) or a short word (稀土,
# 盐湖, 冰雪) is then this report's subject, not boilerplate or a fragment.
DWELT_COUNT = 10
DWELT_PARAGRAPHS = 3
DWELT_RATIO = 10.0
# An evergreen phrase said at least this often, at this many times the rate of
# the rest of the store, keeps its whole weight (see the module docstring).
STRESSED_COUNT = 5
STRESSED_RATIO = 5.0
# Document frequencies mean little in a smaller store, nor shares of a year's
# reports from fewer other regions.
MIN_DOCS_FOR_DF = 4
MIN_PEERS = 3
# Dictionary tags of single words that are never keyphrases: idioms (坚持不懈)
# and personal names; fixed expressions of the general dictionary (发展壮大,
# 充分调动; the project's own, such as 减税降费, are kept) only as a heading's
# theme (FIXED_MIN_COUNT). A phrase with a person's full name in it is
# framing, not a programme (习近平同志).
_NEVER_TAGS = frozenset({"i", "nr"})
_GENERAL_ONLY_TAGS = frozenset({"l"})
_NAME_TAGS = frozenset({"nrfg"})
# what modifies a verb (an adverb, a quantity of manner: 全方位): before a verb inside a phrase it makes a clause
_ADVERBIAL_TAGS = frozenset({"d", "ad", "m"})
# how a verb is done (an adverb or an adjective before it: 严密防范, 诚挚感谢): a predicate's, no name's
_MANNER_TAGS = frozenset({"d", "ad", "a"})
_CJK = re.compile(f"[{HAN}]")
# Latin letters side by side in a phrase's spelling, and the ends of tokens that meet there
# (letters beside digits are split by the tokenizer itself: 5|G, C|919).
_LATIN_PAIR = re.compile("[A-Za-z]{2}")
_LATIN_END = re.compile("[A-Za-z]$")
_LATIN_START = re.compile("[A-Za-z]")
# The classes of words that carry on a phrase or open a predicate (see :mod:`.phrases`).
_CONTENT = frozenset("NHAVW")
# A new state a report says its work reaches (新面貌, 新台阶, 新突破): the object of a result clause.
_RESULT = re.compile(f"新[{HAN}]{{2}}")
# One-character verbs that complete the verb before them and end its clause (认识到, 没有变, 守住)
_CLOSING_COMPLEMENTS = frozenset({"到", "变", "住", "完", "掉"})
_FUNCTION_TAGS = frozenset("pcudrmxyeo")  # first letters of function words' tags
# A party or state organ (自治区党委, 中共上海市委, 自治区人民政府, 政协民主监督): who does the
# work or oversees it, never what the work is (数字政府, 法治政府 are programmes: no organ named).
_ORGAN = re.compile("党委|省委|市委|区委|县委|州委|人民政府|人大|政协")
# The word by which a positioning states the role's weight for the country (国家|重要|农畜产品生产基地,
# 向北开放|重要|窗口): a role the region is given, not a facility it builds.
_STATED_ROLE = "重要"
# Time told from the report's own date (今年, 当前): a name is the same in any
# year's report, so a phrase holding one is a clause of the text (建议|今年|全市|经济社会…).
_DEICTIC_TIME = frozenset({"今年", "去年", "明年", "前年", "当年", "本年", "当前", "目前", "今后", "近年",
                           "近年来", "年初", "年底", "上半年", "下半年"})
# A phrase opening on a congress's ordinal or naming a meeting, a speech or its
# spirit cites what the work follows (二十届二中, 十九届历次全会精神, 全会精神,
# 重要讲话精神): the report's framing, never its theme.
_SESSION = re.compile(r"^[“‘]?[一二三四五六七八九十]+届|(?:全会|会议|讲话|指示|批示)(?:精神)?$")
# A five-year plan's name leading a phrase (“十五五”规划, 十四五时期).
_PLAN_NAME = re.compile(r"[“‘]?(十[一二三四五六七八九]五)")
# A number with at most one character after it (2020, 30条, 3.5%).
_NUMBER = re.compile(rf"[\d.,%+／/:：-]+[{HAN}%]?")
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Keyphrase(Keyword):
    """A keyphrase: ``term`` as the report writes it (quotes kept where it
    quotes: “千万工程”), ``score`` by ``method`` (``poster`` or ``research``),
    ``count`` its occurrences; ``source`` is ``slogan`` (a term of the slogan
    stage), ``phrase`` (several tokens joined) or ``word`` (one token)."""

    source: str = "phrase"


def _g2(a: Any, b: Any, n_a: float, n_b: float) -> Any:
    """Dunning's log-likelihood, elementwise, for counts ``a`` of ``n_a`` vs ``b`` of ``n_b``."""
    import numpy as np

    total = a + b
    ea = n_a * total / (n_a + n_b)
    eb = n_b * total / (n_a + n_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        ga = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(ea > 0, ea, 1)), 0.0)
        gb = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(eb > 0, eb, 1)), 0.0)
    return 2 * (ga + gb)


def poster_scores(stats: PhraseStats, rows: slice) -> Any:
    """Poster scores of the rows of one report (see the module docstring)."""
    # a row's score reads its own values only: the scores of every row are
    # worked out at once, the first time (a few dozen array operations, where
    # each report's list cost as many on its few hundred rows)
    scores = stats.memo.get("poster_scores")
    if scores is None:
        scores = stats.memo["poster_scores"] = _poster_scores(stats.arrays, stats.n_docs)
    return scores[rows].copy()


def _poster_scores(arrays: dict[str, Any], n_docs: int) -> Any:
    """:func:`poster_scores` of every row of the statistics' ``arrays``."""
    import numpy as np

    a = arrays
    count = np.maximum(a["count"], 1)
    central = (PARAGRAPH_WEIGHT * np.log2(1 + a["paragraphs"]) + COUNT_WEIGHT * np.log2(1 + a["count"])
               + TITLE_WEIGHT * (a["title"] > 0) + TASK_WEIGHT * (a["task"] > 0)
               + OBJECT_WEIGHT * (a["title_object"] > 0) + PLAN_WEIGHT * (a["plan"] > 0)
               - OPEN_WEIGHT * a["right_open"] / count)
    guide = a["guide"] > 0
    marked = a["quoted"] | a["slogan"] | a["labelled"]
    central = central + GUIDE_WEIGHT * guide + GUIDE_MARKED_WEIGHT * (guide & (marked | a["numbered"]))
    # a new formula: no earlier report of the store says it (the region's own
    # earlier reports among them), the reports of later years take it up
    # (超长期特别国债, “人工智能+”); a new collocation of basic words is none,
    # nor a word of jieba's general dictionary (管理机制: a word before any report)
    coined = ~a["basic_only"] & ~a["generic_head"] & ~a["general_word"]
    central = central + NEW_WEIGHT * np.where(coined, a["taken_up"], 0.0)
    central = np.maximum(central, 0.0)
    if n_docs >= MIN_DOCS_FOR_DF:
        distinct = 1.0 - EVERGREEN_WEIGHT * a["evergreen"] ** 2
    else:
        distinct = np.ones(len(central))
    # a formula half the other regions' reports of the year say too is the
    # year's national shorthand (两重, 两新, 三保), not the region's own programme
    # (told where the store holds a few such reports)
    national = _national(a["peers"], a["year_df"])
    own = ((a["count"] >= 2) | (a["title"] > 0) | a["expanded"]) & ~national
    # a numbered formula the slogan stage finds, a quoted label, or a phrase that counts what it
    # names (四大主导产业, 制造业十大现代化支柱产业): the report's enumerated programme
    prior = np.where(own & (a["numbered"] | a["labelled"] | a["enumerates"]), NUMBERED_PRIOR,
                     np.where(own & a["slogan"], QUOTED_PRIOR, 1.0))
    # a region's standing programme: its reports of other years say it, no other region does
    # (天府粮仓, 离岛免税), told only where the store holds other regions' reports of the year
    standing = (a["region_df"] >= 2) & (a["region_df"] == a["df"]) & (a["peers"] > 0)
    prior = prior * np.where(standing, STANDING_PRIOR, 1.0)
    prior = prior * np.where(a["generic_head"] & ~a["labelled"], GENERIC_HEAD_PRIOR, 1.0)
    prior = prior * np.where((a["numeric"] * 2 >= count) & ~marked, STATISTIC_PRIOR, 1.0)
    # the role the region is asked to take (向北开放重要桥头堡): what it is to become, said once or twice
    prior = prior * np.where(a["positioning"], POSITIONING_PRIOR, 1.0)
    prior = prior * np.where(national, NATIONAL_PRIOR, 1.0)
    return central * distinct * prior


def _spaced(tokens: Sequence[str], surface: str) -> str:
    """``surface`` with the space put back between two Latin words the report
    writes apart (AI PC: the tokenizer keeps a run of Latin letters whole, so two
    such tokens side by side stood apart in the text, whose spaces the tokens drop).
    Letters beside digits the tokenizer splits itself (5|G): no space there."""
    out = [tokens[0]]
    for left, right in zip(tokens, tokens[1:]):
        if _LATIN_END.search(left) and _LATIN_START.match(right):
            out.append(" ")
        out.append(right)
    spaced = "".join(out)
    return spaced if spaced.replace(" ", "") == surface else surface


def _national(peers: Any, year_df: Any) -> Any:
    """Whether half the other regions' reports of the year say a phrase
    (of ``peers`` such reports, ``year_df`` of the year's reports say it,
    this one among them), where the store holds a few (arrays or numbers)."""
    return (peers >= MIN_PEERS) & (2 * (year_df - 1) >= peers)


def research_scores(stats: PhraseStats, rows: slice, n_tokens: int) -> Any:
    """Research scores (overuse G² against the rest of the store) of one report's rows."""
    import numpy as np

    count = stats.arrays["count"][rows].astype(float)
    if stats.n_docs < 2:
        return poster_scores(stats, rows)
    rest_tokens = max(1.0, float(stats.total_tokens - n_tokens))
    rest = np.maximum(0.0, stats.arrays["corpus_count"][rows] - count)
    over = (count >= 2) & (count / max(1, n_tokens) > rest / rest_tokens)
    return np.where(over, _g2(count, rest, float(max(1, n_tokens)), rest_tokens), 0.0)


class _Eligibility:
    """Whether a candidate may stand as a keyphrase (see the module docstring)."""

    def __init__(self, stats: PhraseStats, exclude: Iterable[str], *, short: bool = False,
                 dwelt: Any = None, first: int = 0) -> None:
        self.stats = stats
        self.short = short
        # whether the report dwells on each of its rows (indexed from ``first``)
        self.dwelt = dwelt
        self.first = first
        self.skip = {strip_quotes(t) for t in exclude}
        self.classes = stats.classes
        self.words = default_segmenter().words
        self.places = place_names()
        self.values = _row_values(stats)
        # the tag of each token as ranking sees it (quote marks stripped)
        self.tags: dict[str, str] = stats.memo.setdefault("tags", {})
        self.basic: dict[str, bool] = stats.memo.setdefault("basic", {})
        # the verdicts of phrases by their tokens (and whether a slogan), for every report
        self.phrases: dict[tuple[tuple[str, ...], bool], int] = stats.memo.setdefault("phrases", {})

    def _basic(self, token: str) -> bool:
        """Whether the token (quote marks stripped) is basic vocabulary."""
        found = self.basic.get(token)
        if found is None:
            found = self.basic[token] = strip_quotes(token) in self.classes.basic
        return found

    def _tag(self, token: str) -> str:
        tag = self.tags.get(token)
        if tag is None:
            tag = self.tags[token] = self.classes.tag(strip_quotes(token))
        return tag

    def _phrase(self, term: str, tokens: tuple[str, ...], slogan: bool) -> int:
        """What a phrase's own text and tokens say, the same in every report
        (worked out once per statistics): 0 never a keyphrase, 1 may be one,
        2 may be one unless too many reports say it (basic vocabulary only, or a
        dictionary word made of two basic words)
        or the report dwells on it, 3 only where the report dwells on it (a
        short word: 稀土, not 山区), 4 only said often (a word the segmenter
        coined: 秦创原), 5 only a theme the report heads with (a fixed
        expression of the general dictionary: 长治久安, never 紧紧围绕)."""
        if len(term) < 2 or term in self.classes.stopwords or _NUMBER.fullmatch(term) \
                or not (any(map(str.isalpha, term)) or _CJK.search(term)) or _SESSION.search(term):
            return 0
        known = self.tags
        tags = [known[t] if t in known else self._tag(t) for t in tokens]
        if len(tokens) == 1 and not slogan:
            project = term in self.words
            if tags[0] in _NEVER_TAGS:
                return 0
            if tags[0] in _GENERAL_ONLY_TAGS and not project:
                return 5  # a fixed expression (紧紧围绕, 长治久安): only a theme the report heads with
            if term in self.places:
                return 0  # a place alone says where the work is done, not what it is
            if len(term) < 4 and not project:
                # a noun of the dictionary (稀土), never a piece the segmenter
                # joined (强省 of 科技强省, 文化强省); a word of three characters it
                # coined is a name where said often and never cut short (秦创原)
                if _coined(term, self.classes):
                    return 4
                return 3 if len(term) > 1 and self.classes.tags.get(term, "")[:1] == "n" else 0
        if _NAME_TAGS.intersection(tags) or not _DEICTIC_TIME.isdisjoint(tokens):
            return 0
        if slogan:
            return 1  # the report marks it a name: none of the readings of its words below apply
        if _ORGAN.search(term):
            return 0
        if len(tokens[-1]) >= 3 and tokens[-1].endswith("式"):
            # a manner word (内涵式, 一站式, 组团式) modifies the noun after it: 城市内涵式|发展
            # is no name; the report's quotes make one (“组团式”)
            return 0
        if any(tags[i] == "v" and tags[i - 1] in _ADVERBIAL_TAGS and not _DIGIT.search(tokens[i - 1])
               for i in range(1, len(tokens) - 1)):
            # an adverbial before a verb with words after it: a clause (全方位|夯实|粮食安全根基,
            # 多措并举|降|成本), where a label is a name's (“11228”|开放|体系)
            return 0
        if len(tokens) > 1 and tags[-1] == "v" and tags[-2] in _MANNER_TAGS and not _DIGIT.search(tokens[-2]):
            # a manner and the verb it modifies close a predicate: 诚挚|感谢, 严密|防范, 企稳|回升
            return 0
        if len(tokens) > 1 and tags[-2] == "v" and _RESULT.fullmatch(strip_quotes(tokens[-1])):
            # a verb and the new state it brings about closes a clause: 排头兵|展现|新面貌, 迈上|新台阶
            return 0
        if len(tokens) > 1 and strip_quotes(tokens[-1]) in _CLOSING_COMPLEMENTS and tags[-1] == "v" \
                and tags[-2] in ("v", "l") and len(strip_quotes(tokens[-2])) > 1:
            # a verb (or a fixed expression) and the complement that ends its clause (清醒认识|到 of
            # the paragraph of shortcomings, 没有|变): no name ends so (获得|感 does: 人民群众获得感)
            return 0
        if all(map(self._basic, tokens)):
            return 2
        if len(tokens) == 1 and term not in self.words and self._basic_compound(term):
            # a word of jieba's dictionary made of two basic words (服务|平台, 行动|计划, 重大|项目)
            # is their collocation, as the two tokens would be where the dictionary lacked it
            return 2
        return 1

    def _basic_compound(self, word: str) -> bool:
        """Whether ``word`` splits into two basic words of two characters or
        more, the first no verb taking the second as its object: a verb and
        its object (扩大|内需) is a task, a policy's formula, not a compound noun."""
        for i in range(2, len(word) - 1):
            first, second = word[:i], word[i:]
            if self._basic(first) and self._basic(second) \
                    and not (self._tag(first) == "v" and self._tag(second)[:1] == "n"):
                return True
        return False

    def clause_verb(self, tokens: tuple[str, ...], row: int) -> int:
        """Where the verb of a heading's clause stands in the phrase at
        ``row`` (its ``tokens``), else -1: a phrase said once, in a heading,
        unmarked, with a verb inside (words on both sides) and none before it
        in its clause. A task heading says what to do to what (坚持民生为大，
        用心用情用力|增进|人民福祉; 更大力度|释放|内需潜力): the verb is the
        heading's own, the phrase its sentence. After a verb of the heading the
        phrase is that verb's object, a name with a verb inside (实施|住房|安居|
        宜居工程, 增强|人民群众|获得|感…)."""
        v = self.values
        if v["count"][row] != 1 or not v["title"][row] or len(tokens) < 3 \
                or v["slogan"][row] or v["quoted"][row] or v["labelled"][row]:
            return -1
        inner = [i for i in range(1, len(tokens) - 1) if self._tag(tokens[i]) == "v"]
        if not inner:
            return -1
        stream = self.stats.tokens
        for at in range(v["start"][row] - 1, -1, -1):
            token = stream[at]
            if token in CLAUSE_MARKS or token == "、":
                break
            if self._tag(token)[:1] == "v":  # by its tag: the word classes call 增强, 打造 breaks
                return -1
        return inner[-1]

    def __call__(self, term: str, tokens: tuple[str, ...], row: int) -> bool:
        v = self.values
        if term in self.skip:
            return False
        slogan = v["slogan"][row]
        if len(tokens) > 1 and tokens[0] in self.skip and 2 * v["right_open"][row] > v["count"][row] \
                and not (slogan or v["quoted"][row] or v["labelled"][row]) \
                and all(map(self._basic, tokens[1:])):
            # the report's own region and common words, mostly continued by more (新疆|社会 of
            # 新疆社会稳定, 新疆|经济社会 of 新疆经济社会发展): the head of a longer phrase, not a name
            # (辽宁|实验室, 北疆|文化 stand closed)
            return False
        key = (tokens, slogan)
        verdict = self.phrases.get(key)
        if verdict is None:
            verdict = self.phrases[key] = self._phrase(term, tokens, slogan)
        if not verdict:
            return False
        count, title = v["count"][row], v["title"][row]
        if not slogan and count < 2 and not title and not v["labelled"][row] and not self.short:
            return False
        if len(tokens) > 1 and not v["quoted"][row] and v["df"][row] < 2 and not title \
                and not v["brand"][row] and not v["enumerates"][row] and not self.short \
                and count < 3 and self.stats.n_docs >= 2 \
                and not (v["positioning"][row] and _STATED_ROLE in tokens[1:-1]):
            # a phrase of one report only, said twice, unmarked by it: a collocation; but the role
            # the region is asked to take is said once or twice, its weight stated before it
            # (向北开放|重要|窗口, 长江上游|重要|生态屏障), where a facility's name states none
            # (材料|实验室辽宁基地, 海南清洁能源基地 of 格尔木东、海南…)
            return False
        if v["general_word"][row] and count < 3 and not (title or slogan or v["quoted"][row]) \
                and v["df"][row] >= GENERIC_PHRASE_SHARE * self.stats.n_docs:
            # a word of the language (jieba's general dictionary) that a quarter of the reports
            # say and this one only twice, in no title, is no theme of it (外部环境, 招商引资, 国民经济)
            return False
        if verdict == 4:
            return count >= COINED_MIN_COUNT
        if verdict == 5:
            return bool(title) and count >= FIXED_MIN_COUNT and v["df"][row] < GENERIC_WORD_SHARE * self.stats.n_docs
        if verdict >= 2:
            # a piece of one character is a fragment's mark (强省 of 科技强省, 文化强省)
            dwelt = self.dwelt is not None and bool(self.dwelt[row - self.first]) \
                and min(map(len, tokens)) > 1
            if verdict == 3 or dwelt:
                return dwelt
            n_docs = self.stats.n_docs
            if n_docs < MIN_DOCS_FOR_DF:
                return len(tokens) > 1
            share = GENERIC_WORD_SHARE if len(tokens) == 1 else GENERIC_PHRASE_SHARE
            return bool(v["df"][row] < share * n_docs)
        return True


def _coined(term: str, classes: Any) -> bool:
    """Whether ``term`` is a word of three Chinese characters that no
    dictionary lists: the segmenter's HMM joined it, a name of the report's
    own (秦创原, 数智化) or a longer word cut short (联农带 of 联农带农)."""
    return len(term) == 3 and term not in classes.tags and len(_CJK.findall(term)) == 3


def _lone_character(token: str, classes: Any) -> bool:
    """Whether ``token`` is one Chinese character of content (a word's last
    character left alone: 农 of 联农带|农, 送 of 绿电外|送), not a function word
    (的, 是, 在: stopwords; a preposition, conjunction, particle, adverb, pronoun
    or numeral by its tag)."""
    plain = strip_quotes(token)
    return len(plain) == 1 and _CJK.match(plain) is not None and plain not in classes.stopwords \
        and classes.tag(plain)[:1] not in _FUNCTION_TAGS


def _row_values(stats: PhraseStats) -> dict[str, list[Any]]:
    """The row values ranking reads one row at a time, as plain lists (once per statistics)."""
    values = stats.memo.get("lists")
    if values is None:
        values = stats.memo["lists"] = {
            k: stats.arrays[k].tolist()
            for k in ("count", "length", "start", "quoted", "slogan", "labelled", "title", "df", "brand",
                      "right_open", "enumerates", "general_word", "positioning")}
    return values


def _near_duplicate(a: str, b: str) -> bool:
    """One phrase inside the other, or the other with at most two characters
    added (乡村振兴, 乡村全面振兴)."""
    if a in b or b in a:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(long_) - len(short) > 2 or len(short) < 3:
        return False
    it = iter(long_)
    return all(ch in it for ch in short)


@lru_cache(maxsize=1 << 16)
def _deletions(term: str) -> frozenset[str]:
    """``term`` with one or two characters left out (at least three left)."""
    n = len(term)
    out = {term[:i] + term[i + 1:] for i in range(n)} if n >= 4 else set()
    if n >= 5:
        out.update(term[:i] + term[i + 1:j] + term[j + 1:] for i in range(n) for j in range(i + 1, n))
    return frozenset(out)


class _Taken:
    """The phrases taken so far, and whether a phrase is a near-duplicate of
    one of them (:func:`_near_duplicate`), by set look-ups rather than
    comparing it with each."""

    def __init__(self) -> None:
        self.terms: set[str] = set()
        self.joined = ""  # one a line: a phrase inside one of them is found in one search
        self.shortened: set[str] = set()  # the taken phrases with one or two characters left out

    def add(self, term: str) -> None:
        self.terms.add(term)
        self.joined += term + "\n"
        self.shortened |= _deletions(term)

    def near(self, term: str) -> bool:
        if term in self.joined or term in self.shortened:
            return True
        if any(map(term.__contains__, self.terms)):
            return True  # a taken phrase inside this one
        return not self.terms.isdisjoint(_deletions(term))


class _Nested:
    """The candidate phrases of one report by their text, to find the ones
    inside or around a phrase: its longer forms (南亚东南亚 in
    面向南亚东南亚辐射中心) and the names it extends (“十四五” of “十四五”时期)."""

    def __init__(self, stats: PhraseStats, rows: Any) -> None:
        import numpy as np

        rows = np.asarray(rows, dtype=np.int64)
        stats.spell(rows)
        terms = stats.spellings()[0][rows]
        # the same text cut two ways: the more frequent, the first of equals
        # (the last written of: count ascending, position descending)
        order = np.lexsort((-np.arange(len(rows)), stats.arrays["count"][rows]))
        self.row: dict[str, int] = dict(zip(terms[order].tolist(), rows[order].tolist()))
        self.terms: list[str] = list(dict.fromkeys(terms.tolist()))
        self.joined = "\n".join(self.terms) + "\n"
        lengths = np.fromiter(map(len, self.terms), dtype=np.int64, count=len(self.terms)) + 1
        self.starts = np.concatenate(([0], np.cumsum(lengths))).tolist()

    def around(self, term: str) -> list[str]:
        """The candidates that contain ``term`` (not itself)."""
        out, at = [], self.joined.find(term)
        while at >= 0:
            k = bisect_right(self.starts, at) - 1
            if self.terms[k] != term:
                out.append(self.terms[k])
            at = self.joined.find(term, self.starts[k + 1])
        return out

    def prefixes(self, term: str) -> list[str]:
        """The candidates that ``term`` starts with (not itself)."""
        return [term[:j] for j in range(2, len(term)) if term[:j] in self.row]


def keyphrases(
    doc: PhraseDocument,
    stats: PhraseStats,
    *,
    mode: str = "poster",
    top: int = 20,
    exclude: Iterable[str] = (),
) -> list[Keyphrase]:
    """The ``top`` keyphrases of ``doc`` in ``mode`` (``poster`` or
    ``research``), without the terms in ``exclude`` (the report's own region),
    without fragments and without near-duplicates of a phrase ranked above."""
    import numpy as np

    if mode not in MODES:
        raise ValueError(f"unknown keyphrase mode {mode!r}; use one of {MODES}")
    if doc.path not in stats.documents:
        raise ValueError(f"{doc.path}: not among the documents the phrase statistics were learned from")
    rows = stats.rows(doc.path)
    a = stats.arrays
    scores = poster_scores(stats, rows) if mode == "poster" else research_scores(stats, rows, doc.n_tokens)
    dwelt = None
    if stats.n_docs >= MIN_DOCS_FOR_DF:
        n_here = float(max(1, doc.n_tokens))
        rest_tokens = max(1.0, float(stats.total_tokens - doc.n_tokens))
        here = a["count"][rows].astype(float)
        rest = np.maximum(0.0, a["corpus_count"][rows] - here)
        dwelt = ((here >= DWELT_COUNT) & (a["paragraphs"][rows] >= DWELT_PARAGRAPHS)
                 & (here / n_here >= DWELT_RATIO * rest / rest_tokens))
        if mode == "poster":
            # an evergreen phrase the report says often, at several times the rate of the
            # rest of the store, is its theme, not boilerplate (国家公园 in 青海's report)
            stressed = (here >= STRESSED_COUNT) & (here / n_here >= STRESSED_RATIO * rest / rest_tokens)
            scores = np.where(stressed, scores / (1.0 - EVERGREEN_WEIGHT * a["evergreen"][rows] ** 2), scores)
    # the eligibility rules that need no string, for every row at once
    b = {k: a[k][rows]
         for k in ("count", "title", "slogan", "labelled", "quoted", "df", "length", "brand", "enumerates",
                  "positioning")}
    marked = (b["title"] > 0) | b["slogan"]
    short = doc.n_tokens < SHORT_TEXT_TOKENS  # a page says each programme once
    keep = (scores > 0) & ((b["count"] >= 2) | marked | b["labelled"] | short)
    keep &= a["after_number"][rows] * 2 < b["count"]  # a piece of a number expression (18号线)
    # the second of two things a word after it governs (中央八项规定及其|实施细则精神): nearly always after 及其
    keep &= (a["after_and_its"][rows] < FRAGMENT_SHARE * b["count"]) | b["quoted"] | b["slogan"]
    if stats.n_docs >= 2 and not short:
        keep &= ~((b["length"] > 1) & ~b["quoted"] & (b["df"] < 2) & (b["title"] == 0) & (b["count"] < 3)
                  & ~b["brand"] & ~b["enumerates"] & ~b["positioning"])  # (a role: _Eligibility decides)
    local = np.flatnonzero(keep)
    # ties: the more frequent, then the longer (said just as often, the piece is the fragment),
    # then the one the report says first (the same order in any store that holds the report)
    local = local[np.lexsort((a["start"][rows][local], -b["length"][local], -b["count"][local], -scores[local]))]
    eligible = _Eligibility(stats, exclude, short=short, dwelt=dwelt, first=rows.start)
    # whether a row may stand (eligible, no fragment) and opens on a verb do
    # not depend on the mode: worked out once per report and exclusions
    key = ("report", doc.path, frozenset(eligible.skip), short)
    if key not in stats.memo:
        stats.memo[key] = ({}, {}, np.full(rows.stop - rows.start, np.nan))
    allowed, predicates, shares = stats.memo[key]
    own_region = frozenset(stats.word_id[t] for t in eligible.skip if t in stats.word_id)
    ranked = rows.start + local

    def share(row: int) -> float:
        """The fragment share of a row (:meth:`PhraseStats.fragment_shares`),
        worked out with the next rows of the list that lack theirs: only the
        rows the list reaches are looked at."""
        found = shares[row - rows.start]
        if found != found:
            pending = ranked[np.isnan(shares[local])]
            todo = np.concatenate(([row], pending[pending != row][:SHARE_BATCH]))
            right, either = stats.fragment_shares(todo, own_region)
            # a quoted term or slogan has its start marked by the report, not its end
            # (“双千”计划, always so, is the phrase; 维护国家“五大安全” is not)
            shares[todo - rows.start] = np.where(a["quoted"][todo] | a["slogan"][todo], right, either)
            found = shares[row - rows.start]
        return found

    picked: list[Keyphrase] = []
    taken = _Taken()
    nested = _Nested(stats, ranked)
    # plain lists: a row's values are read one at a time below
    lists = _row_values(stats)
    count, length, start = lists["count"], lists["length"], lists["start"]
    quoted, slogan, labelled = lists["quoted"], lists["slogan"], lists["labelled"]
    tokens, classes = stats.tokens, stats.classes
    generic_head, positioning = a["generic_head"], a["positioning"]
    # every row looked at below is one of ``local``, spelled by _Nested
    phrase, spelled = stats.spellings()

    def whole(row: int) -> bool:
        return alone(row) and not taken.near(phrase[row])

    def alone(row: int) -> bool:
        """Whether the row may stand, whatever is taken: eligible, no fragment."""
        verdict = allowed.get(row)
        if verdict is None:
            # stats.term(row), read from the plain lists: the row is spelled (one of ``local``)
            toks = tuple(tokens[start[row]:start[row] + length[row]])
            verdict = allowed[row] = (_FRAGMENT if share(row) >= FRAGMENT_SHARE or unfinished(row) or cut_short(row)
                                      or achieved(row) else _WHOLE) \
                if eligible(phrase[row], toks, row) else _BARRED
        if verdict == _FRAGMENT:
            # a quoted term the report continues is a fragment of the longer
            # phrase, when there is one (“双千”计划); continued by words that
            # make no phrase (“三个赋予一个有利于”总|要求), it is the name
            term = phrase[row]
            if not (quoted[row] or slogan[row]) or any(t.startswith(term) for t in nested.around(term)):
                return False
        return verdict != _BARRED

    occurrence_first, occurrence_starts = stats.occurrences

    def unfinished(row: int) -> bool:
        """A phrase ending in a place name that words go on from nearly every
        time it is said modifies them (中国式现代化青海|实践, |篇章): no name of
        its own, where a name said as one ends there (美丽青海。, 建设美丽青海，)."""
        n = count[row]
        end = start[row] + length[row] - 1
        if n < 2 or length[row] < 2 or quoted[row] or slogan[row] or not stats.places[stats.ids[end]]:
            return False
        at = occurrence_starts[occurrence_first[row]:occurrence_first[row] + n] + length[row]
        going = sum(classes[strip_quotes(tokens[int(p)])] in _CONTENT for p in at if p < len(tokens))
        return going >= FRAGMENT_SHARE * n

    def cut_short(row: int) -> bool:
        """A word the segmenter coined (:func:`_coined`) with a lone character
        beside it in half its occurrences or more is a longer word cut
        short (联农带|农, 绿电外|送, 引绰济|辽)."""
        n = count[row]
        if length[row] != 1 or n < 2 or not _coined(phrase[row], classes):
            return False
        at = occurrence_starts[occurrence_first[row]:occurrence_first[row] + n].tolist()
        after = sum(_lone_character(tokens[p + 1], classes) for p in at if p + 1 < len(tokens))
        before = sum(_lone_character(tokens[p - 1], classes) for p in at if p >= 1)
        return 2 * max(after, before) >= n

    def achieved(row: int) -> bool:
        """A new state (:data:`_RESULT`) said only right after a verb is what the
        work achieves, a clause's object (结出|新硕果, 取得|新成就), no name; one said
        otherwise is a name (经济发展|新引擎, 新动能|持续|成长)."""
        n = count[row]
        if not _RESULT.fullmatch(phrase[row]):
            return False
        at = occurrence_starts[occurrence_first[row]:occurrence_first[row] + n].tolist()
        return all(p >= 1 and eligible._tag(tokens[p - 1]) == "v" for p in at)

    def predicate(row: int) -> bool:
        """A verb opens the phrase: a predicate with its object
        (谱写|中国式现代化江西篇章), not a longer name."""
        found = predicates.get(row)
        if found is None:
            found = predicates[row] = classes[tokens[start[row]]] in "VWB" and not labelled[row]
        return found

    def clause_verb(row: int) -> int:
        return eligible.clause_verb(tuple(tokens[start[row]:start[row] + length[row]]), row)

    def name_form(row: int) -> int:
        """The form of the phrase at ``row`` the report names it by: the
        name it extends to the right when that name is said more than twice
        as often (“十四五”时期 -> “十四五”, 脱贫攻坚成果 -> 脱贫攻坚); else its
        longest form that accounts for at least half of its occurrences
        (more than half for a form that only adds words after it):
        南亚东南亚 -> 面向南亚东南亚辐射中心. A heading's clause goes by its
        object, or by nothing (-1) where the object stands nowhere else."""
        seen = {row}
        by_term = nested.row
        verb = clause_verb(row)
        if verb >= 0:
            # a heading's clause goes by its object (人民福祉 of 用心用情用力增进人民福祉)
            found = by_term.get(strip_quotes("".join(tokens[start[row] + verb + 1:start[row] + length[row]])))
            if found is None or not whole(found):
                return -1
            row = found
            seen.add(row)
        while True:
            term, surface = phrase[row], spelled[row]
            c = count[row]
            if predicate(row):
                verb = tokens[start[row]]
                objects = [surface[len(verb):]]
                if len(verb) == 1 and length[row] > 2 and len(tokens[start[row] + 1]) == 1:
                    objects.append(surface[2:])  # after the verb's complement: 打好|“六个攻坚战”
                found = [by_term[o] for o in map(strip_quotes, objects) if o in by_term]
                found = [r for r in found if r not in seen and count[r] >= c and whole(r)]
                if found:
                    row = found[0]  # 谱写|中国式现代化江西篇章: its object
                    seen.add(row)
                    continue
            # (a positioning keeps its role: 农畜产品生产基地 is no 农畜产品 with words after it)
            shorter = [] if positioning[row] else \
                [by_term[p] for p in nested.prefixes(term) if 2 * c < count[by_term[p]]]
            shorter = [r for r in shorter if r not in seen and whole(r)]
            if shorter:
                row = max(shorter, key=lambda r: (count[r], length[r]))
                seen.add(row)
                continue
            if length[row] > 1 and surface[-1:] in QUOTE_CHARS and classes[tokens[start[row]]] in "AD":
                # a modifier before a quoted name is no part of it: 高水平“天府粮仓”
                last = by_term.get(strip_quotes(tokens[start[row] + length[row] - 1]))
                if last is not None and last not in seen and count[last] >= c and whole(last):
                    row = last
                    seen.add(row)
                    continue
            if (quoted[row] or slogan[row]) and (surface[-1:] in QUOTE_CHARS or generic_head[row]):
                # the report marks where its quoted terms and slogans end; a quoted
                # label before words (“3815”战略) ends where a generic noun closes it
                return row
            longer = [by_term[u] for u in nested.around(term)]
            # a word the report dwells on goes by a longer name that says a third of it
            # (疫情 by 疫情防控, 高原 by 高原特色优势产业; 稀土 of 稀土产业 three times in 15 stays)
            share = 3 if dwelt is not None and length[row] == 1 and dwelt[row - rows.start] else 2
            longer = [r for r in longer if r not in seen
                      and (share * count[r] > c or (share * count[r] == c and (share == 3 or not phrase[r].startswith(term))))
                      and not predicate(r) and whole(r) and clause_verb(r) < 0]
            if longer:
                row = max(longer, key=lambda r: (len(phrase[r]), count[r]))
                seen.add(row)
                continue
            return row

    def frame(term: str) -> bool:
        """A five-year plan named in a report of another year than the plan's
        first: the plan ending (十四五 in 2025's review) or the next being
        drafted (编制“十五五”规划) frames the year's work; the report that opens
        a plan makes it its theme (十四五 in 2021, 十五五 in 2026)."""
        m = _PLAN_NAME.match(term)
        if m is None or doc.year is None or mode != "poster":
            return False
        ordinal = plan_ordinal(m.group(1))
        return ordinal is not None and plan_years(ordinal)[0] != doc.year

    # the report's phrases of its region alone, in the list's order: made when first asked
    owned: list[str] | None = None
    national = stats.memo.get("national")
    if national is None:  # one array operation for every row, read one row at a time
        national = stats.memo["national"] = _national(a["peers"], a["year_df"]).tolist()
    # said by one region alone (its reports of other years may say it too), twice or more
    own = stats.memo.get("own_region")
    if own is None:
        own = stats.memo["own_region"] = ((a["peers"] > 0) & (a["region_df"] == a["df"]) & (a["count"] >= 2)).tolist()

    def own_wording(row: int) -> int:
        """The phrase in which the report words the national phrase at ``row``
        its region's own way, said at least half as often (高质量振兴发展 for
        高质量发展: no other region says it), else ``row``; decided when the
        national phrase is picked, so that a shorter list is the head of a
        longer one."""
        nonlocal owned
        if not national[row]:
            return row
        if owned is None:
            # only a phrase of this region alone can be its own wording: the others (most of
            # a report's hundreds, every one of many a report's) are never compared with it
            owned = list(compress(nested.terms, map(own.__getitem__, map(nested.row.__getitem__, nested.terms))))
        term = phrase[row]
        n = len(term)
        # near it (_near_duplicate): a phrase containing it, or it with one or two characters added
        found = [nested.row[t] for t in owned
                 if (term in t and t != term) or (n < len(t) <= n + 2 and _near_duplicate(term, t))]
        found = [v for v in found if 2 * count[v] >= count[row]]
        for v in sorted(found, key=lambda v: (-count[v], -length[v])):
            if alone(v) and not taken.near(phrase[v]) and not frame(phrase[v]):
                return v
        return row

    for first in ranked.tolist():
        row = name_form(first)
        if row < 0 or not whole(row) or clause_verb(row) >= 0:
            continue
        term = phrase[row]
        if frame(term):
            continue
        # the score of the place: the name a phrase goes by takes its rank and its weight,
        # so a list reads in order and a cloud draws its first phrases largest
        score = scores[first - rows.start]
        row = own_wording(row)
        term, surface = phrase[row], spelled[row]
        taken.add(term)
        if row != first and clause_verb(first) >= 0:
            taken.add(phrase[first])  # a heading's clause takes its other pieces with it (用心用情用力)
        source = "phrase" if length[row] > 1 else "slogan" if slogan[row] else "word"
        if _LATIN_PAIR.search(surface):
            surface = _spaced(tokens[start[row]:start[row] + length[row]], surface)
        picked.append(Keyphrase(surface, round(float(score), 6), count[row], mode, source))
        if len(picked) >= top:
            break
    return picked


def phrase_weights(phrases: Sequence[Keyphrase]) -> dict[str, float]:
    """Term -> score, what a word cloud sizes its phrases by."""
    return {p.term: p.score for p in phrases if p.score > 0}


def keyphrases_of(
    extractions: Sequence[object],
    *,
    mode: str = "poster",
    top: int = 20,
    exclude_regions: bool = True,
) -> list[list[Keyphrase]]:
    """Keyphrases of each extraction, the extractions taken as the corpus
    with the shipped background reports (:mod:`.background`) of other
    regions and years (cut here; the store's path is :func:`keyphrases` over
    stored tokens)."""
    from sq_nlp.summaries.keywords.background import with_background
    from sq_nlp.summaries.keywords.mining import learn_phrase_stats
    from sq_nlp.summaries.keywords.phrases import phrase_document
    from sq_nlp.summaries.keywords.words import region_terms

    docs = [phrase_document(ex) for ex in extractions]  # type: ignore[arg-type]
    stats = learn_phrase_stats(with_background(docs))
    return [keyphrases(d, stats, mode=mode, top=top,
                       exclude=region_terms([d.region]) if exclude_regions else ())
            for d in docs]


__all__ = ["EVERGREEN_WEIGHT", "MODES", "PLAN_WEIGHT", "TITLE_WEIGHT", "Keyphrase", "keyphrases", "keyphrases_of",
           "phrase_weights", "poster_scores", "research_scores"]
