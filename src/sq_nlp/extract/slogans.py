"""Slogans and formulas (提法): numbered formulas, quoted catchphrases, model names, mottos.

Four ways a term becomes a slogan:

* it stands in quotes (“…”, ‘…’, "…", 「…」) and is short and sentence-free:
  ``numbered`` when its numerals announce a count (“六稳”, “一城三心一园”,
  “十四五”), ``model`` when it is a code (“1+3+N”, “33618”, “721工作法”),
  ``quoted`` otherwise (“马路办公”);
* it is a numbered formula of the shipped lexicon (national formulas such as
  四个意识, 三大攻坚战), quoted or not; lexicon terms without numerals
  (新发展理念) count only when quoted;
* it is an unquoted ``N大/N个/N项…`` phrase whose items the text enumerates
  right before it (“A、B和C三大工程”) — an ordinary count (“四个社区”) is
  not enumerated that way, or not with the right number of items;
* it is a ``motto``: two to four four-character predicates joined by 、 and
  said as a clause at least twice (积厚成势、整体跃升, 解放思想、创新求变), a
  report's refrain; a list of nouns (形式主义、官僚主义) is none.

Five-year-plan names (十四五规划) and ``1+3+N``-style codes count unquoted too.
Items are linked from the text (before the term, in parentheses after it,
or as “：一是…，二是…”) and otherwise from the lexicon, and the count is
checked, never forced. Once a term is known, every occurrence counts, quoted
or not (the longest term wins where terms overlap); a two-character term
counts unquoted only when it is a lexicon formula (两地 in 川渝两地 is not
“两地”). The lexicon is package data (``language/data/slogans.json``, see ``sq_nlp.language.lexicon``); its items
follow the report's year (``earlier`` wordings) and, for a term with a
second meaning, the words before it (``senses``).

Quotes that coin nothing are left out: a term the report rejects (反对“台独”,
“港独”势力), a predicate cut from a sentence (“必须统筹好”), and an ordinary
word in scare quotes (“加速度”, like two-character “骨架”) unless quoted
again. Numerals that do not count items announce no count: ordinals (四普,
七人普), distributives (一企一策), and compounds whose parts do not each
open with their own count (“四化同步、城乡融合、五区共兴”).
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sq_nlp.errors import ConfigError
from sq_nlp.language.chars import HAN
from sq_nlp.language.lexicon import lexicon_index, lexicon_items
from sq_nlp.records import Slogan

if TYPE_CHECKING:
    from sq_nlp.records import Block, Document

log = logging.getLogger(__name__)

# --- counting the numerals of a term ---------------------------------------------

_DIGIT_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+|双")
# A numeral followed by one of these measures time, order or size, not items:
# 两个一百年 announces 2 (一百年 is a date), 嫦娥五号 is a name, 十年 a span,
# 十一连增 a run of eleven years.
_MEASURE_AFTER = set("年月日号次届期批级倍成岁周天时分秒代辈楼层名米克元角里轮连")
# 一 in these words is not a count (一流, 一体化, 一线 ...).
_NOT_A_COUNT_AFTER_ONE = ("流", "体", "线", "些", "切", "般", "样", "直", "定", "起", "系列",
                          "揽子", "道", "同", "并", "律", "致", "贯", "再", "旦", "度", "经", "举", "方")
# Place names that open with a numeral: 四川 is no count of four.
_PLACE_NAMES = ("四川", "三亚", "三明", "三门峡", "六盘水", "十堰", "七台河", "九江", "五指山", "双鸭山",
                "三沙", "六安", "三峡", "两江", "九寨", "九龙", "三星堆", "双流", "万州", "五粮液")
_PLAN = re.compile(r"^(十[一二三四五六七八九]?|[二三四五六七八九])五$")
# A numeral before 普 (普查) is the census's ordinal: 四普 is the fourth
# census of cultural relics, 七人普 the seventh population census.
_ORDINAL_AFTER = ("普", "人普", "经普", "农普", "污普", "文普")
# A quoted numeral term right after the one before it in order, with the same
# head, is an ordinal: “一线”“二线” are the first and the second line, not two lines.
_ORDINALS = "一二三四五六七八九十"
# how far before a quote the term of the previous rank is looked for (“一线”、“二线”)
_ORDINAL_REACH = 6
# 一A一B with B a thing handed out per A is distributive (每A一B): 一企一策 is
# a policy for each firm, not two items; 一江一河, 一老一小 are two items.
_DISTRIBUTIVE = re.compile(rf"^一[{HAN}]{{1,2}}(?:[（(][{HAN}]{{1,3}}[）)])?一[策证档码品馆案表议卡册]$")


def _parse_numeral(run: str) -> int | None:
    """Value of a plain Chinese numeral up to the thousands (十四 -> 14, 一百 -> 100)."""
    if run == "双":
        return 2
    total, current = 0, None
    for ch in run:
        if ch in _DIGIT_VALUE:
            if current is not None:
                return None  # 百千, 三四: not one number
            current = _DIGIT_VALUE[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}.get(ch)
            if unit is None:
                return None
            total += (1 if current is None else current) * unit
            current = None
    return total + (current or 0)


def plan_ordinal(term: str) -> int | None:
    """The ordinal of a five-year-plan name (十四五 -> 14), or None for any other term."""
    return _parse_numeral(term[:-1]) if _PLAN.match(term) else None


@lru_cache(maxsize=4096)  # the same terms come back in every report
def term_count(term: str) -> tuple[bool, int | None]:
    """Whether ``term`` is a numbered formula, and the count its numerals announce.

    A five-year-plan name gives its ordinal (十四五 -> 14); otherwise the
    counting numerals are summed (一城三心一园 -> 5, 两个一百年 -> 2). Numerals
    that measure (十年, 三号) or name magnitudes (百万) are not counts; a term
    whose counts sum to 1 (一肩挑) is not numbered. Digits count only before a
    classifier (15条 -> 15). 一A一B handing out B per A (一企一策) announces
    no count. A numeral before 普 is an ordinal (四普), and a
    compound joined by 、 or · counts only as :func:`compound_count` allows.
    """
    if _PLAN.match(term):
        return True, _parse_numeral(term[:-1])
    m = _LEADING_COUNT.match(term)
    if m:
        n = int(m.group(1))
        return n >= 2, n
    if _DISTRIBUTIVE.match(term):
        return False, None
    runs = _counted_runs(term)
    if any(value is None for _, value in runs):
        return True, None  # 百千行动, 千村示范: many, not a count
    if _COMPOUND_SEP.search(term):
        joined = compound_count(term)
        return joined is not None, joined
    total = sum(value for _, value in runs)
    return total >= 2, (total if total >= 2 else None)


def _counted_runs(term: str) -> list[tuple[int, int | None]]:
    """``(start, value)`` of each numeral run of ``term`` that counts things (None: many)."""
    runs: list[tuple[int, int | None]] = []
    for m in _NUMERAL_RUN.finditer(term):
        run, after = m.group(), term[m.end():m.end() + 2]
        before = term[m.start() - 1] if m.start() else ""
        if "万" in run or "亿" in run or before in ("第", "届", "个"):  # 六个一工程 announces 6
            continue
        if term.startswith(_PLACE_NAMES, m.start()):
            continue
        if after[:1] in _MEASURE_AFTER or after.startswith(_ORDINAL_AFTER):
            continue
        if run == "一" and after.startswith(_NOT_A_COUNT_AFTER_ONE):
            continue
        value = _parse_numeral(run)
        if value is None and ("百" in run or "千" in run) or value is not None and value >= 100:
            runs.append((m.start(), None))
            continue
        if value is None:
            continue  # 九二共识, 五五购物节: a date, not a count
        runs.append((m.start(), value))
    return runs


def compound_count(term: str) -> int | None:
    """The count of a compound of formulas joined by 、 or ·, or None when it has none.

    The parts add up only when each opens with the numeral that counts its own
    items (“双随机、一公开”: 2 + 1, “两高地、两基地、一屏障”: 5). A part
    without one (“四化同步、城乡融合、五区共兴”), a part opened by a verb
    (“进一个门、办两地事”) or by a measure (“两岸青山·千里林带”) makes the
    whole a name, not a count.
    """
    total = 0
    for part in _COMPOUND_SEP.split(term):
        digits = _LEADING_COUNT.match(part)
        if digits:
            total += int(digits.group(1))
            continue
        runs = _counted_runs(part)
        if not runs or runs[0][0] != 0 or any(value is None for _, value in runs):
            return None
        total += sum(value for _, value in runs)
    return total if total >= 2 else None


# --- character classes and small patterns -----------------------------------------

_CJK_RUN = re.compile(f"[{HAN}]*")
_ONE_CJK = re.compile(f"[{HAN}]")
_WHITESPACE = re.compile(r"\s+")
_LEADING_COUNT = re.compile(r"^(\d+)[个大项条张点]")
_COMPOUND_SEP = re.compile(r"[、·]")
_TERM_PARTS = re.compile(r"[、·/]")
_SMALL_NUMBER = re.compile(r"\d{1,2}")
_SENTENCE_PUNCT = set("，。；！？：,;!?:…")
_CLAUSE_END = "，。；：！？,;:!?\n"
# Each pattern with the opening mark it needs (a text without it is not scanned).
_QUOTE_PAIRS = (
    ("“", re.compile(r"“([^“”\"\n]{1,40})[”\"]")),
    ('"', re.compile(r"\"([^“”\"\n]{1,40})[”\"]")),
    ("‘", re.compile(r"‘([^‘’'\n]{1,40})[’']")),
    ("「", re.compile(r"「([^「」\n]{1,40})」")),
    ("『", re.compile(r"『([^『』\n]{1,40})』")),
)
_OPEN_QUOTES = "“‘「『\"'"
_CLOSE_QUOTES = "”’」』\"'"
_TITLE = re.compile(r"^关于|(?:意见|通知|决定|规定|条例|办法|细则|纲要|规划|报告|方案|法)$")
_MODEL_PLUS = re.compile(rf"^[0-9A-Za-z{HAN}·]*[0-9A-Za-z{HAN}](?:[+＋][0-9A-Za-z{HAN}]*)+$")
_MODEL_CODE = re.compile(rf"^\d{{3,}}$|^\d+[{HAN}]{{1,4}}$")
_HAS_DIGIT = re.compile(r"\d")
# Five-year-plan names stand unquoted too (十四五规划, 十五五时期).
# (Each pattern opens with what it matches and looks behind from there: a
# pattern that opens with a lookbehind is tried at every character.)
_UNQUOTED_PLAN = re.compile(
    r"十(?<![第届零〇一二两三四五六七八九十百\d]十)[一二三四五六七八九]五"
    r"(?=规划|时期|期间|末|初|开局|收官|以来|目标|任务|发展|建设|重大|重点)"
)
_UNQUOTED_MODEL = re.compile(rf"\d(?<![0-9A-Za-z.+＋]\d)\d*(?:[+＋][0-9A-Za-z]+)+(?=[{HAN}])")

# Unquoted N大/N个… phrases: the candidates enumeration can turn into formulas.
_CLASSIFIED = re.compile(
    r"([一二两三四五六七八九十])(?<![第届零〇一二两三四五六七八九十百千万亿\d][一二两三四五六七八九十])"
    rf"([大个项条张])([{HAN}]{{1,12}})"
)
# Heads that end the noun of an unquoted formula (三大先导产业|规模突破).
_HEADS = ("产业", "工程", "行动", "战略", "集群", "能力", "任务", "工作", "领域", "板块", "平台",
          "体系", "机制", "中心", "基地", "战役", "攻坚战", "行业", "专项", "动力", "支撑", "优势",
          "意识", "自信", "定位", "作用", "目标", "类", "区", "带", "圈", "片区", "通道", "走廊",
          "经济", "计划", "改革", "举措", "措施", "项目", "先导产业", "主导产业", "支柱产业",
          "方面", "环节", "问题", "短板", "风险", "攻坚", "提升行动", "积极性", "原则")
_HEAD_SET = frozenset(_HEADS)
_HEAD_LENGTHS = tuple(sorted({len(h) for h in _HEADS}))
_NOUN_STOP = set("的和与及等为是在对把将从向以了着")
_MAX_NOUN = 6

# A verb (with adverbs before and aspect after) that opens the clause holding
# an enumeration: 突出|安全稳定、…, 夺取了|疫情防控和…
_LEAD_ADVERB = r"(?:全力|大力|着力|扎实|深入|持续|加快|切实|积极|统筹|重点|全面|进一步|不断|坚决|奋力|努力|聚力|聚焦|集中|更加|着重|突出)?"
_LEAD_VERB = (r"(?:突出|提高|提升|加强|推进|推动|坚持|实施|做好|抓好|围绕|聚焦|打好|打赢|统筹|夺取|实现|"
              r"落实|深化|强化|增强|坚定|做到|抓实|打造|建设|构建|完善|发挥|促进|形成|培育|壮大|发展|"
              r"布局|建成|推行|开展|启动|巩固|拓展|优化|保障|加快|做强|做大|做优|做实|聚焦|紧扣|紧盯|"
              r"瞄准|突破|攻坚|抓住|把握|坚守|守住|筑牢|树牢|牢记|践行|贯彻|提出|明确|确立|包括|涵盖|"
              r"涉及|覆盖|取得|获得|赢得|打响|打造了|建立|健全|聚集|汇聚|集聚|锚定|部署)")
_LEAD = re.compile(rf"^(?:要|应|须|需|将|必须|继续|进一步|充分|更好|深刻|认真|坚定不移|着眼于|致力于)*"
                   rf"{_LEAD_ADVERB}{_LEAD_VERB}[了好出起]?(?:于)?")
_LEAD_ANYWHERE = re.compile(rf"{_LEAD_VERB}[了好出起]?")
# What stands right before a formula without being one of its items: a verb
# (坚持和落实“两个毫不动摇”, 共建“一带一路”) or an adverb (人数逐年“双下降”).
_TAIL = re.compile(r"(?:共建|贯彻|落实|坚持|推进|推动|实施|做好|抓好|打好|打赢|领悟|践行|增强|坚定|做到|发挥|"
                   r"倡导|夺取|实现|取得|开展|深化|强化|参与|支持|围绕|聚焦|紧扣|锚定|"
                   r"逐年|持续|连续|均|同比|分别|全面|准确)[了好出起]?$")
# Numbers with a measure or classifier inside an item: 10所学校, 新一轮, 三个
_ITEM_MEASURE = re.compile(r"\d|[一二两三四五六七八九十百千万]+[个项条家所批轮期次年届]")
_DA_FORMULA = re.compile(r"^[一二两三四五六七八九十]大")
_CONJ = re.compile(r"以及|及|和|与|同")
_ORDINAL_ITEM = re.compile(r"([一二三四五六七八九十]+)(?:是|要|方面)")
# Quotes that distance the writer from a term rather than coin one: 所谓“…”,
# 反对“台独”, “港独”分裂势力. Only plain quoted phrases are judged this way:
# 反对“四风” quotes a formula.
_NEGATING_BEFORE = re.compile(r"(?:所谓|反对|遏制|打击|抵制|粉碎|反)$")
_NEGATING_AFTER = re.compile(r"^(?:分裂|势力|分子|图谋)")
# A quoted predicate cut out of a sentence (领会“必须统筹好”的五对重要关系)
# opens with a modal or ends in a verb with its result complement.
_FRAGMENT = re.compile(r"^(?:必须|务必|应当|应该|一定要)|(?:统筹|做|抓|办|管|用|守|建|讲|干|落实|把握|处理|发挥)好$")
# A three-character word this common in general Chinese (jieba's dictionary
# frequency) is an ordinary word in scare quotes (跑出“加速度”, “家门口”就业),
# like the two-character “骨架”: it counts only when quoted again. Coined
# catchphrases (好差评, 一张网) are not in the dictionary or rare there.
_COMMON_WORD_FREQ = 30


# --- candidates --------------------------------------------------------------------


@dataclass
class _Found:
    term: str
    kind: str
    count: int | None
    expansions: list[tuple[str, ...]] = field(default_factory=list)

    def complete(self) -> bool:
        """Whether an expansion found so far lists every item the count announces."""
        return any(self.count is None or len(x) == self.count for x in self.expansions)


def _quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each quoted content (without the marks), innermost kinds too."""
    for mark, pattern in _QUOTE_PAIRS:
        if mark not in text:
            continue
        for m in pattern.finditer(text):
            content = m.group(1)
            lead = len(content) - len(content.lstrip())
            trail = len(content) - len(content.rstrip())
            if content.strip():
                yield m.start(1) + lead, m.end(1) - trail


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Three-character words of jieba's general dictionary with frequency >= ``_COMMON_WORD_FREQ``.

    Read from the file without importing jieba (its import installs a log
    handler and is slow). Raises :class:`ConfigError` when jieba is missing.
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("jieba is not installed; install the project's dependencies (pip install -e .)")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    words = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, rest = line.partition(" ")
            if len(word) == 3 and int(rest.split(" ", 1)[0]) >= _COMMON_WORD_FREQ:
                words.add(word)
    return frozenset(words)


def is_scare_quote(term: str) -> bool:
    """Whether a quoted plain phrase is an ordinary word in scare quotes (“加速度”).

    Such a phrase is a catchphrase only when the text quotes it again.
    Two-character phrases are judged the same way by the caller.
    """
    return len(term) == 3 and term in _common_words()


def is_fragment(term: str) -> bool:
    """Whether a quoted phrase is a piece of a predicate (“必须统筹好”), not a name.

    A list of such predicates is a formula (“建好、管好、护好、运营好”).
    """
    return not _COMPOUND_SEP.search(term) and bool(_FRAGMENT.search(term))


def ordinal_quote(text: str, start: int, term: str) -> bool:
    """Whether the quoted ``term`` (its content starts at ``start``) ranks
    after the term just before it: “一线”“二线”, “一区”、“二区” (ordinals, no count)."""
    rank = _ORDINALS.find(term[:1])
    if rank < 1 or len(term) < 2:
        return False
    return _ORDINALS[rank - 1] + term[1:] in text[max(0, start - 1 - _ORDINAL_REACH):start - 1]


def negated_quote(text: str, start: int, end: int) -> bool:
    """Whether the quote around ``text[start:end]`` distances the writer from the term.

    ``start``/``end`` bound the content; the marks stand right outside it.
    所谓“…”, 反对/遏制/打击“…”, and “…”分裂/势力/分子/图谋 name a thing the
    report rejects (“台独”), not one of its catchphrases.
    """
    before = text[max(0, start - 5):max(0, start - 1)]
    after = text[end + 1:end + 3]
    return bool(_NEGATING_BEFORE.search(before) or _NEGATING_AFTER.match(after))


@lru_cache(maxsize=4096)  # a report quotes the same phrases again, and reports each other's
def classify_quoted(content: str) -> tuple[str, int | None] | None:
    """``(kind, count)`` for a quoted phrase, or ``None`` when it is no catchphrase.

    Sentence punctuation, titles and long quotations are not catchphrases;
    bare one- or two-digit numbers are not models. Two-character plain phrases
    are returned as ``quoted`` (callers decide whether they repeat enough).
    """
    term = _WHITESPACE.sub("", content)
    if not term or any(ch in _SENTENCE_PUNCT for ch in term):
        return None
    if len(term) > 20 or any(len(part) > 10 for part in _TERM_PARTS.split(term)):
        return None
    if len(term) > 6 and _TITLE.search(term):
        return None
    if _MODEL_PLUS.match(term):
        return "model", None
    numbered, count = term_count(term)
    if _SMALL_NUMBER.fullmatch(term):
        return None
    if _LEADING_COUNT.match(term):
        return ("numbered", count) if numbered else None
    if _MODEL_CODE.match(term):
        return "model", None
    if numbered:
        return "numbered", count
    if len(term) < 2 or not _ONE_CJK.search(term) or is_fragment(term):
        return None
    return "quoted", None


def _noun_end(text: str, start: int) -> int | None:
    """End of the noun of an unquoted formula whose noun starts at ``start``.

    The longest stretch (up to six characters) ending in a head noun wins
    (三大板块|协同发展, 三大动力支撑); without one, the whole run when it is
    short and closed by punctuation (五大振兴，).
    """
    run = _CJK_RUN.match(text, start).group()
    cut = next((i for i, ch in enumerate(run) if ch in _NOUN_STOP), len(run))
    run = run[:cut]
    if not run:
        return None
    # The longest prefix (up to _MAX_NOUN) that ends in a head.
    for i in range(min(len(run), _MAX_NOUN), 0, -1):
        if any(run[i - n:i] in _HEAD_SET for n in _HEAD_LENGTHS if n <= i):
            return start + i
    after = text[start + len(run):start + len(run) + 1]
    if len(run) <= _MAX_NOUN and (not after or after in _CLAUSE_END + "）)、"):
        return start + len(run)
    return None


# What the enumerations are read with (compiled once: they run for every numbered term).
_ETC_END = re.compile(r"等等?$")
_ITEM_SEPS = re.compile(r"[、；;]")
_AIM = re.compile(r".{0,4}?(?:着眼于|致力于|立足于|聚焦于)(?=..)")
_ITEMS_IN_BRACKETS = re.compile(r"\s*[（(](?:即|包括|指|是|分别是|分别为)?[：:]?([^（）()]{2,200})[）)]")
_ITEM_OPENER = re.compile(r"^(?:即|包括)")
_HEAD_COLON = re.compile(rf"[{HAN}]{{0,6}}[：:]")
_BODY_OPENER = re.compile(r"^(?:是指|指的是|指|即|包括)")
_TO_SENTENCE_END = re.compile(r"[^。！？\n]*")
_TO_CLAUSE_END = re.compile(r"[^。；;！？\n]*")
_ITEM_STOP = re.compile(r"[，,；;]")
_BREAKDOWN = re.compile(r"\d|[一二两三四五六七八九十百千]+[个项条类家所]")


def _split_items(chunk: str, count: int | None) -> list[str]:
    """Items of an enumeration: split at 、, then at the last 和/及 when short of ``count``.

    When 、 gives the wrong number but the conjunctions give ``count``
    (大众创业、万众创新和增加公共产品、公共服务“双引擎”), they separate the items.
    """
    chunk = _ETC_END.sub("", chunk.strip())
    parts = [p for p in _ITEM_SEPS.split(chunk)]
    by_conj = _CONJ.split(chunk)
    if count is not None and len(parts) != count and len(by_conj) == count and len(parts) > 1:
        return [p.strip() for p in by_conj]
    if count is not None and len(parts) < count:
        last = parts[-1]
        pieces = _CONJ.split(last)
        if len(pieces) > 1:
            # split at the last conjunction only: 纤维及复合材料 stays whole
            # when it is a middle item, and the last pair is what 和 joins
            m = list(_CONJ.finditer(last))[-1]
            parts[-1:] = [last[:m.start()], last[m.end():]]
    return [p.strip() for p in parts]


def _strip_lead(items: list[str]) -> list[str]:
    """Drop the verb that opens the clause from the first item (部署开展|违规设置…).

    A preposition of aim (着眼于|保持…和迈向…) goes alone: the items are verb
    phrases, and their verbs stay.
    """
    aim = _AIM.match(items[0])  # 我们要着眼于…
    if aim:
        return [items[0][aim.end():], *items[1:]]
    first = items[0]
    for _ in range(2):
        m = _LEAD.match(first)
        if not m or len(first) - m.end() < 2:
            break
        if first != items[0] and all(i.startswith(m.group()) for i in items[1:]):
            break  # 落实|加强组织领导、加强要素投入: every item opens with that verb
        first = first[m.end():]
    lengths = [len(i) for i in items[1:]]
    if first == items[0] and min(lengths) >= 2:
        # a subject or time word before the verb: 今年全力推进|产业升级、…; the
        # rest must look like the other items, so 经济发展|质量 stays whole
        for m in reversed(list(_LEAD_ANYWHERE.finditer(first, 0, 8 + 4))):
            rest = len(first) - m.end()
            if min(lengths) <= rest <= max(lengths) + 2:
                first = first[m.end():]
                break
    others = {len(i) for i in items[1:]}
    # 细化|经济发展、创新驱动、民生福祉: items of one length, the first longer by a verb
    if first == items[0] and len(items) >= 3 and len(others) == 1:
        extra = len(first) - others.pop()
        if 1 <= extra <= 3 and _opens_with_verb(first, extra):
            first = first[extra:]
    return [first, *items[1:]]


def _says_etc(item: str) -> bool:
    """Whether 等 stands in ``item`` as a word of its own (etc.), not inside
    one (高等教育, 平等, 等级)."""
    from sq_nlp.language.segment import default_segmenter

    return "等" in default_segmenter().cut(item)


def _opens_with_verb(text: str, length: int) -> bool:
    """Whether the first ``length`` characters of ``text`` are words of which the
    first is a verb (细化|经济发展; not 农村劳|务带头人, no word ends there)."""
    from sq_nlp.language.segment import default_segmenter

    pairs = default_segmenter().tag(text)
    end = 0
    for word, _ in pairs:
        end += len(word)
        if end >= length:
            break
    return end == length and pairs[0][1].startswith("v")


def _trim_parallel(items: list[str]) -> list[str]:
    """Cut a restated name off the first item when the others open alike.

    A glossary line restates the name before the items (重大慢性病综合防治|早预防、
    早干预、早发现、早诊治): when every other item opens with the same character
    and the first holds it later, the first item starts there, provided it then
    has the others' length.
    """
    if len(items) < 3:
        return items
    first, others = items[0], items[1:]
    opener = others[0][:1]
    if not opener or first.startswith(opener) or any(not o.startswith(opener) for o in others):
        return items
    k = first.rfind(opener)
    rest = first[k:]
    if k <= 0 or not min(map(len, others)) <= len(rest) <= max(map(len, others)):
        return items
    return [rest, *others]


def _valid_items(items: list[str]) -> bool:
    if len(items) < 2:
        return False
    if "的" in items[-1][:-1] and not any("的" in i for i in items[:-1]):
        return False  # 中国特色、世界一流的大学: the 、 joins what modifies the noun after 的
    for k, item in enumerate(items):
        if not item or len(item) > 16 or ("等" in item and _says_etc(item)) or _ITEM_MEASURE.search(item):
            return False
        if _LEAD.fullmatch(item) or (k == len(items) - 1 and _TAIL.search(item)):
            return False
        if any(ch in _OPEN_QUOTES + _CLOSE_QUOTES + "（）()《》" for ch in item):
            return False
        if len(item) == 1 and (k in (0, len(items) - 1) or len(items) < 3):
            return False
        if _CLASSIFIED.search(item) or _PLAN.search(item):
            return False
    return True


def _accept(items: list[str], count: int | None, term: str, partial: bool) -> tuple[str, ...] | None:
    """Items that pass the checks, with a count mismatch only where one is plausible.

    A mismatch is kept (and reported) for N大 formulas and for lists closed
    by 等; otherwise it means the list was misread (残疾人“两项补贴”).
    """
    if not _valid_items(items):
        return None
    if count is not None and len(items) != count and not (partial or _DA_FORMULA.match(term)):
        return None
    return tuple(items)


def _items_before(text: str, start: int, count: int | None, term: str = "") -> tuple[str, ...] | None:
    """Items enumerated right before a term starting at ``start`` (quote included)."""
    if start == 0 or _PLAN.match(term):
        return None
    prev = text[start - 1]
    if not _ONE_CJK.match(prev):
        return None
    # looked for in a window first: a mark the text lacks would be looked for back to its start at every
    # term, quadratic in a long paragraph (the nearest mark found in the window is the nearest of all)
    lo = max(0, start - 256)
    clause_start = max(text.rfind(ch, lo, start) for ch in _CLAUSE_END) + 1
    if clause_start == 0 and lo > 0:
        clause_start = max(text.rfind(ch, 0, lo) for ch in _CLAUSE_END) + 1
    chunk = text[clause_start:start]
    if "、" not in chunk and not _CONJ.search(chunk):
        return None
    if chunk.endswith(("和", "及", "与", "同", "、")):
        return None
    items = _split_items(chunk, count)
    if len(items) < 2 or ("、" not in chunk and count != 2 and not chunk.endswith("等")):
        return None
    return _accept(_strip_lead(items), count, term, chunk.endswith("等"))


def _items_after(text: str, end: int, count: int | None, term: str = "", following: str = "") -> tuple[str, ...] | None:
    """Items in parentheses right after the term, or after a colon as 一是…二是….

    A colon that ends the block is a glossary entry set on two lines
    (［11］四库： / 水库、粮库、钱库、碳库。): the items are the ``following`` block."""
    if _PLAN.match(term):
        return None
    m = _ITEMS_IN_BRACKETS.match(text, end)
    if m:
        items = _split_items(m.group(1), count)
        items = [_ITEM_OPENER.sub("", i) for i in items]
        return _accept(items, count, term, m.group(1).rstrip().endswith("等"))
    m = _HEAD_COLON.match(text, end)
    if not m:
        return None
    head = m.group()[:-1]  # 工程 in “四早”工程：…早诊治工程, repeated after the last item
    rest = text[m.end():]
    body = _BODY_OPENER.sub("", following.strip() if not rest.strip() else rest)
    sentence = _TO_SENTENCE_END.match(body).group()
    ordinals = list(_ORDINAL_ITEM.finditer(sentence))
    if len(ordinals) >= 2 and ordinals[0].start() == 0 and _parse_numeral(ordinals[0].group(1)) == 1:
        items = []
        for k, o in enumerate(ordinals):
            if _parse_numeral(o.group(1)) != k + 1:
                return None
            stop = _ITEM_STOP.search(sentence, o.end())
            items.append(sentence[o.end():stop.start() if stop else o.end() + len(sentence)])
        return _accept(items, count, term, False)
    clause = _TO_CLAUSE_END.match(body).group()
    if "，" in clause or "," in clause:
        return None
    items = _split_items(clause, count)
    # the head said once after the last item belongs to every item (…早诊治工程);
    # where the first item carries it too, each item says it (环岛旅游公路、…旅游公路)
    if head and len(items[-1]) > len(head) and items[-1].endswith(head) and not items[0].endswith(head):
        items[-1] = items[-1][:-len(head)]
    items = _trim_parallel(items)
    if count is not None and len(items) == count and _valid_items(items):
        return tuple(items)
    return None


# --- the stage ---------------------------------------------------------------------


@dataclass
class _Collector:
    """The terms found so far in one document, and where quotes stand."""

    blocks: list["Block"]
    lexicon: dict[str, dict[str, Any]]
    formulas: "_Formulas"  # the lexicon's numbered formulas
    found: dict[str, _Found] = field(default_factory=dict)
    quoted_at: list[set[tuple[int, int]]] = field(default_factory=list)

    def following(self, bi: int) -> str:
        """The text of the paragraph after block ``bi`` ("" when none follows)."""
        if bi + 1 < len(self.blocks) and self.blocks[bi + 1].kind == "paragraph":
            return self.blocks[bi + 1].text
        return ""

    def add(self, term: str, kind: str, count: int | None) -> _Found:
        entry = self.lexicon.get(term)
        if entry is not None and (entry.get("count") is not None or kind == "numbered"):
            count = entry.get("count")  # 一国两制: the lexicon says it announces no count
        if term not in self.found:
            self.found[term] = _Found(term, kind, count)
        return self.found[term]

    def quoted(self) -> None:
        """Quoted phrases, unquoted models and plan names."""
        self.quoted_at = [set() for _ in self.blocks]
        plain_pairs: dict[str, int] = {}
        for bi, block in enumerate(self.blocks):
            text = block.text
            for start, end in _quote_spans(text):
                verdict = classify_quoted(text[start:end])
                if verdict is None:
                    continue
                kind, count = verdict
                term = _WHITESPACE.sub("", text[start:end])
                if term in self.lexicon and kind == "quoted" and self.lexicon[term].get("count"):
                    kind = "numbered"
                plain = kind == "quoted" and term not in self.lexicon
                if plain and negated_quote(text, start, end):
                    continue
                if kind == "numbered" and term not in self.lexicon and ordinal_quote(text, start, term):
                    continue
                self.quoted_at[bi].add((start, end))
                if plain and (len(term) == 2 or is_scare_quote(term)):
                    plain_pairs[term] = plain_pairs.get(term, 0) + 1
                    continue
                f = self.add(term, kind, count)
                if f.kind == "numbered":
                    items = _items_before(text, start - 1, f.count, term) \
                        or _items_after(text, end + 1, f.count, term, self.following(bi))
                    if items:
                        f.expansions.append(items)
            # the pattern is tried at every digit, and reports are full of
            # numbers: only a text with a plus sign (most have none) can hold a code
            for m in _UNQUOTED_MODEL.finditer(text) if "+" in text or "＋" in text else ():
                self.add(m.group(), "model", None)
            for m in _UNQUOTED_PLAN.finditer(text):
                self.add(m.group(), "numbered", _parse_numeral(m.group()[:-1]))
        # a two-character plain phrase (“骨架”) or a common word (“加速度”) is a
        # catchphrase only when quoted again
        for term, hits in plain_pairs.items():
            if hits >= 2:
                self.add(term, "quoted", None)

    def unquoted(self) -> None:
        """Numbered lexicon formulas anywhere; N大/N个… phrases the text enumerates."""
        present = self.formulas.present(block.text for block in self.blocks)
        for bi, block in enumerate(self.blocks):
            text = block.text
            for term, count in present:
                if term not in self.found and term in text:
                    self.add(term, "numbered", count)
            for m in _CLASSIFIED.finditer(text):
                end = _noun_end(text, m.start(3))
                count = _parse_numeral(m.group(1))
                if end is None or count is None or count < 2:
                    continue
                term = text[m.start():end]
                if term in self.found and self.found[term].expansions:
                    continue
                if _BREAKDOWN.match(text[end:end + 4]):
                    continue  # 五大类23个主要指标: a breakdown of a count, not a formula
                items = _items_before(text, m.start(), count, term) \
                    or _items_after(text, end, count, term, self.following(bi))
                if items is None or (len(items) != count and not _DA_FORMULA.match(term)):
                    continue  # 双龙、浒溪等四个社区: an ordinary count, not a formula
                self.add(term, "numbered", count).expansions.append(items)

    def mottos(self) -> None:
        """Unquoted mottos: two to four four-character predicates joined by 、, said
        as a clause at least twice (积厚成势、整体跃升; 解放思想、创新求变): a report's
        refrain, where a list of nouns (形式主义、官僚主义) is none."""
        places: dict[str, list[tuple[str, int]]] = {}
        for block in self.blocks:
            text = block.text
            if "、" not in text:
                continue
            for m in _MOTTO_TAIL.finditer(text):
                start = m.start() - 4
                if start >= 0 and _FOUR_HAN.fullmatch(text, start, m.start()) and text[start - 1:start] != "、":
                    places.setdefault(text[start:m.end()], []).append((text, start))
        # most runs are lists said once: the tagger reads only those said often enough
        for term, where in places.items():
            if len(where) >= MOTTO_MIN and term not in self.found and all(map(_is_predicate, term.split("、"))) \
                    and sum(_starts_a_word(text, at) for text, at in where) >= MOTTO_MIN:
                self.add(term, "motto", None)

    def late_expansions(self, occurrences: "_Occurrences") -> None:
        """Items for numbered terms whose enumerating occurrence is not their first."""
        # a partial list (…等“九大行动”) leaves the term pending: a glossary may list every item
        pending = {t for t, f in self.found.items() if f.kind == "numbered" and not f.complete()}
        if not pending:
            return
        for bi, block in enumerate(self.blocks):
            text = block.text
            for s, e in occurrences.spans(bi, pending):
                f = self.found[text[s:e]]
                if not f.complete():
                    items = _items_before(text, s, f.count, f.term) \
                        or _items_after(text, e, f.count, f.term, self.following(bi))
                    if items:
                        f.expansions.append(items)


# A motto: two to four four-character phrases joined by 、 (none inside a longer run of them),
# said at least MOTTO_MIN times; found from its first 、 (a literal the search skips to), the
# first phrase read back from there.
_MOTTO_TAIL = re.compile(rf"、(?:[{HAN}]{{4}}、){{0,2}}[{HAN}]{{4}}(?![{HAN}、])")
_FOUR_HAN = re.compile(rf"[{HAN}]{{4}}")
_HAN_CHAR = re.compile(rf"[{HAN}]")
MOTTO_MIN = 2
# Tags of a word that opens a predicate (解放|思想, 守正|创新 led by an adverb); a verbal noun
# (改革|创新) opens one only with a verb at the end.
_PREDICATE_TAGS = frozenset({"v", "vd", "vi", "a", "ad", "d", "i", "l"})


def _starts_a_word(text: str, at: int) -> bool:
    """Whether a word of the text begins at ``at`` (发展中|积厚成势, not 高质|量发展)."""
    from sq_nlp.language.segment import default_segmenter

    if at == 0 or not _HAN_CHAR.match(text, at - 1):
        return True
    window = text[max(0, at - 6):at + 4]
    cut, edge = 0, at - max(0, at - 6)
    for word in default_segmenter().cut(window):
        if cut == edge:
            return True
        cut += len(word)
        if cut > edge:
            return False
    return cut == edge


@lru_cache(maxsize=4096)
def _is_predicate(item: str) -> bool:
    """Whether a four-character item says what to do (解放思想, 积厚成势), not a thing (形式主义)."""
    from sq_nlp.language.segment import default_segmenter

    pairs = default_segmenter().tag(item)
    if len(pairs) == 1:
        return pairs[0][1] in ("i", "l")
    return pairs[0][1] in _PREDICATE_TAGS or pairs[-1][1] in ("v", "vi")


def extract_slogans(doc: "Document", blocks: "Iterable[Block]") -> "Iterator[Slogan]":
    """Every slogan of the document's blocks, in order of first occurrence.

    ``other`` blocks (page chrome) are skipped; headings and captions count.
    Spans are raw offsets into ``doc.text`` (via :meth:`Block.raw_span`).
    """
    collector = _Collector([b for b in blocks if b.kind != "other"], lexicon_index(), _shipped_formulas())
    collector.quoted()
    collector.unquoted()
    collector.mottos()
    occurrences = _Occurrences(collector.found, [block.text for block in collector.blocks])
    collector.late_expansions(occurrences)
    yield from _build(collector.found, collector.blocks, collector.quoted_at, collector.lexicon, doc.year,
                      occurrences)


class _Occurrences:
    """Where terms stand in texts, as one regex alternation of them (longest
    first) would find them: at the leftmost place where a term starts, the
    longest term there, then on after its end (no overlaps).

    An Aho-Corasick automaton (pyahocorasick) rather than that regex: every
    report has terms of its own, and compiling their alternation cost more than
    scanning with it (0.6 ms for a report's 80 terms, against 0.05 ms to build
    the automaton). The automaton reports every occurrence, overlapping ones
    too, so the texts are read once for all the terms and for any part of them
    (the late expansions look for the terms still without items).
    """

    def __init__(self, terms: Iterable[str], texts: list[str]) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for term in terms:
            automaton.add_word(term, len(term))
        self._texts = texts
        self._hits: list[list[tuple[int, int]]] = [[] for _ in texts]  # (start, end), overlapping
        if not len(automaton):
            return
        automaton.make_automaton()
        for hits, text in zip(self._hits, texts):
            hits.extend((last - n + 1, last + 1) for last, n in automaton.iter(text))

    def spans(self, k: int, terms: "set[str] | None" = None) -> list[tuple[int, int]]:
        """``(start, end)`` of the terms found in text ``k`` (of ``terms`` only, if given), in order."""
        text = self._texts[k]
        longest: dict[int, int] = {}  # start -> end of the longest term there
        for s, e in self._hits[k]:
            if e > longest.get(s, s) and (terms is None or text[s:e] in terms):
                longest[s] = e
        return leftmost_longest(longest)


def leftmost_longest(longest: dict[int, int]) -> list[tuple[int, int]]:
    """``(start, end)`` of the terms a regex alternation of them (longest first)
    finds, from ``longest`` (each start where a term begins -> the end of the
    longest term there): the leftmost, then on after its end (no overlaps)."""
    spans = []
    pos = 0
    for start in sorted(longest):
        if start >= pos:
            pos = longest[start]
            spans.append((start, pos))
    return spans


class _Formulas:
    """The numbered formulas of a lexicon, and which of them a text holds."""

    def __init__(self, lexicon: dict[str, dict[str, Any]]) -> None:
        import ahocorasick

        self.terms = [(term, entry.get("count")) for term, entry in lexicon.items()
                      if term_count(term)[0] or entry.get("count")]
        self._automaton = ahocorasick.Automaton()
        for term, _ in self.terms:
            self._automaton.add_word(term, term)
        if self.terms:  # an automaton without words cannot be made (nor scanned)
            self._automaton.make_automaton()

    def present(self, texts: Iterable[str]) -> list[tuple[str, int | None]]:
        """``(term, count)`` of each formula found in ``texts``, in lexicon order.

        One pass of the automaton (it reports overlapping occurrences too)
        where a substring search per formula read the whole text once each.
        """
        if not self.terms:
            return []
        found = {term for text in texts for _, term in self._automaton.iter(text)}
        return [(term, count) for term, count in self.terms if term in found]


@lru_cache(maxsize=1)  # one automaton per process
def _shipped_formulas() -> _Formulas:
    """The numbered formulas of the shipped lexicon (:func:`lexicon_index`)."""
    return _Formulas(lexicon_index())


def _known_short(term: str, text: str, s: int, e: int, lexicon: dict[str, dict[str, Any]]) -> bool:
    """Whether an unquoted two-character term stands as the lexicon formula here.

    Lexicon abbreviations marked ``quoted_only`` (两新 vs 两新组织) never do;
    a numeral right before or after means a number, not the formula.
    """
    entry = lexicon.get(term)
    if entry is None or entry.get("quoted_only"):
        return False
    near = text[s - 1:s] + text[e:e + 1]
    return not _NUMERAL_RUN.search(near) and not _HAS_DIGIT.search(near)


def _build(found: dict[str, _Found], blocks: list["Block"], quoted_at: list[set[tuple[int, int]]],
           lexicon: dict[str, dict[str, Any]], year: int | None, occurrences: _Occurrences) -> Iterator[Slogan]:
    """Count occurrences (the longest term at each place, no overlaps) and make the records.

    Lexicon items are taken in the wording of the report's ``year``.
    """
    spans: dict[str, list[tuple[int, int, int]]] = {t: [] for t in found}
    before: dict[str, list[str]] = {t: [] for t in found}
    for bi, block in enumerate(blocks):
        for s, e in occurrences.spans(bi):
            term = block.text[s:e]
            quoted = (s, e) in quoted_at[bi]
            if len(term) <= 2 and not quoted and not _known_short(term, block.text, s, e, lexicon):
                continue  # 两地 in 川渝两地 is not the formula “两地”
            spans[term].append((block.start, *block.raw_span(s, e)))
            before[term].append("" if quoted else block.text[max(0, s - 8):s])
    records = []
    for term, f in found.items():
        hits = spans[term]
        if not hits:
            continue
        expansion: tuple[str, ...] = ()
        source = None
        if f.expansions:
            matching = [x for x in f.expansions if f.count is not None and len(x) == f.count]
            expansion, source = (matching or f.expansions)[0], "text"
        elif term in lexicon and lexicon_items(lexicon[term], year, tuple(before[term])):
            expansion, source = lexicon_items(lexicon[term], year, tuple(before[term])), "lexicon"
        matches = None if not expansion or f.count is None else len(expansion) == f.count
        raw_spans = tuple(sorted({(s, e) for _, s, e in hits}))
        records.append(Slogan(term=term, kind=f.kind, count=f.count, expansion=expansion,
                              expansion_source=source, count_matches=matches,
                              occurrences=len(raw_spans), spans=raw_spans))
    records.sort(key=lambda r: r.spans[0])
    log.debug("%d slogans", len(records))
    return iter(records)
