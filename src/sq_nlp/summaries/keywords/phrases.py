"""Phrase documents and token classes: what phrase mining reads of a report.

A report's signature phrases (超长期特别国债, 全国统一大市场, “33618”现代制造业集群体系)
are cut into several tokens by any dictionary. :func:`phrase_document` keeps
the tokens of each paragraph and heading with where the block stands (a
title: a heading or the short lead sentence opening a paragraph, the bold
task titles of a report; an enumerated title: （三）…, 三是…; the plan part,
after the review), and merges the terms the slogan stage found (“千万工程”,
三个定位, 1+3+N) back into one token wherever the report writes them, with
their quotes where the report quotes them.

:class:`TokenClasses` says what each token may do in a phrase (open it, stand
inside, close it, or break it), from the part-of-speech tags of the
dictionaries (jieba's and the project's, read once per process; a token no
dictionary knows is tagged once). :mod:`.mining` counts the candidates,
:mod:`.ranking` ranks them.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, count, repeat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sq_nlp.errors import ConfigError
from sq_nlp.extract.slogans import leftmost_longest
from sq_nlp.language.chars import HAN
from sq_nlp.language.segment import Segmenter, default_segmenter, load_stopwords, load_tag_fixes, load_userdict

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sq_nlp.records import Block, Extraction

# Quote marks a report puts around its coined terms.
OPEN_QUOTES = ("“", "‘", "「", "『", '"')
CLOSE_QUOTES = ("”", "’", "」", "』", '"')
QUOTE_CHARS = frozenset("“”‘’「」『』\"'")
_NO_QUOTES = str.maketrans("", "", "".join(QUOTE_CHARS))

# A lead sentence (the bold task title opening a paragraph: “（三）着力扩大国内需求。”)
# is at most this many characters; longer first sentences are ordinary text.
# An enumerated one may be longer: a task title often pairs two clauses
# (（二）聚焦加快构建…现代化产业体系，深化实施“1269”行动计划。).
LEAD_CHARS = 30
ENUMERATED_LEAD_CHARS = 60
# A word of jieba's general dictionary at least this frequent there is basic
# vocabulary (企业, 创新, 推进), not a named policy or phrase (扩大内需 has 3).
BASIC_WORD_FREQ = 100

# Token classes (one letter each):
#   N noun, name, merged slogan: opens, stands inside, closes a phrase;
#   H head: a noun that closes or stands inside but never opens (one
#     character: 省, 港; a generic noun of the stopword list: 体系, 中心);
#   A modifier (adjective, distinguishing word, Chinese numeral, direction: 新, 绿色, 三大, 北方):
#     opens or stands inside, never closes;
#   V verb, W basic verbal noun (建设, 发展), D adverb, time or place word
#     (特别, 长期, 现代; generic modifiers of the stopword list: 重大, 新型): inside only;
#   B break: punctuation, numbers, function words; never in a phrase.
# Whatever its class (but B), a token may open a phrase when it is bound to
# the next token, and a verb may close one when the token before it is bound
# to it (封关 运作, 离岛 免税: see mining.BOUND_SHARE).
CLASSES = "NHAVWDB"
_TAG_CLASS = {
    **dict.fromkeys(("n", "nr", "nr1", "nr2", "nrj", "nrf", "nrfg", "nrt", "ns", "nsf", "nt", "nz", "nl", "ng",
                     "j", "vn", "an", "l", "i", "s", "eng", "g", "x"), "N"),
    **dict.fromkeys(("a", "ag", "b", "z", "m", "mq"), "A"),
    **dict.fromkeys(("v", "vd", "vi", "vg", "vq", "vf", "vx"), "V"),
    **dict.fromkeys(("d", "ad", "dg", "df", "t", "tg", "f", "q", "qv", "qt"), "D"),
}
_HEAD_ONLY_TAGS = frozenset({"i"})
_PUNCT_OR_SPACE = re.compile(r"^[\W_]+$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_SPACE = re.compile(r"\s")
# A verb ending in one of these takes an object (来源于, 有利于, 成为, 走向).
_RELATIONAL_ENDS = frozenset("于为给向到在至")
# A verb and its resultative complement (筑牢, 兜牢, 守好) that no dictionary
# lists: the tagger calls 筑牢 an adjective, so 筑牢生态安全屏障 opened a phrase.
_COMPLEMENTS = frozenset("牢好")
_WORD = re.compile(f"[{HAN}]")
_NOT_IN_NAME = frozenset("vpcudr")  # tags of verbs and function words
_OPEN_BRACKETS = frozenset({"（", "("})
_SENTENCE_END = frozenset({"。", "！", "？", "；", "：", "!", "?", ";", ":"})

# Top-level headings (一、…) that open the review and the plan parts.
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
# An enumerated title: （三）着力扩大国内需求, 三是…, 第三，… (the report's task list).
_ENUMERATED = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、是])")
# A heading that opens the back matter: an appendix (附件), a glossary of the
# report's terms (名词解释): notes about the report, not the report.
# A topic title: （一）关于“十五五”时期发展的时代背景。 Its head after the last
# 的 (背景, 总体要求, 说明) names a generic topic, not a programme, unless it is a
# name (quoted, a slogan, a place or an institution).
_TOPIC_TITLE = re.compile(r"^(?:" + _ENUMERATED.pattern[1:] + r")?\s*关于")
_NAME_TAGS = frozenset({"ns", "nt", "nz", "nr", "nrt"})
_BACK_MATTER = re.compile(r"^(?:附件|附录|附表|注释|注解)\s*[0-9０-９一二三四五六七八九十]*[:：]?$|名词(?:解释|注释)")
_REVIEW_HEADING = re.compile(r"回顾|过去")
# The paragraph saying what guides the year's work (以…思想为指导，…坚持稳中求进工作总基调;
# 总体要求是：…): every report has one, and there a region names its own strategic frame
# (围绕打造“三大高地”，实施“五大战略”) among the year's national formulas.
GUIDED = re.compile(r"为指导")
GUIDE_WORDS = re.compile(r"总基调|总体要求")
_PLAN_HEADING = re.compile(r"今年|明年|工作安排|主要任务|工作任务|目标任务|总体要求|政策取向|工作建议|重点工作|主要考虑|"
                           r"十[一二三四五六七八九]?五")


def _jieba_dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("jieba is not installed; install the project's dependencies (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Word -> part-of-speech tag of jieba's general dictionary and the
    project's (a project word without a tag is a name: ``n``), and the basic
    vocabulary (general words of frequency >= ``BASIC_WORD_FREQ``) and the
    project's words.

    Read from the files once per process, like jieba's own dictionary,
    without importing jieba (its import is slow and installs a log handler).
    """
    tags: dict[str, str] = {}
    basic = []
    with _jieba_dict_path().open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                tags[parts[0]] = parts[2] if len(parts) > 2 else "x"
                if parts[1].isdigit() and int(parts[1]) >= BASIC_WORD_FREQ:
                    basic.append(parts[0])
    tags.update(load_tag_fixes())  # 荣获 is no personal name, 进步 no adverb
    project = load_userdict()
    for word, _, tag in project:
        tags[word] = tag or "n"
    return tags, frozenset(basic), frozenset(w for w, _, _ in project)


def basic_words() -> frozenset[str]:
    """Words of jieba's general dictionary with frequency >= ``BASIC_WORD_FREQ``:
    the basic vocabulary that alone never names a report's theme."""
    return _dictionary()[1]


def word_tags() -> Mapping[str, str]:
    """Part-of-speech tag of every dictionary word (jieba's and the project's)."""
    return _dictionary()[0]


# jieba's general dictionary lists many predicates as nouns (充分发挥, 发挥作用,
# 全面提高, 保持稳定: tagged n): a word of these tags made of an adverb, a
# modifier or a verb followed by a verb or an adjective is a predicate (its
# own parts say so), never a name; a noun-led word (精准脱贫, 乡村振兴) stays one.
_PREDICATE_CHECKED = frozenset({"n", "ns"})
_PREDICATE_FIRST = frozenset({"v", "vd", "d", "ad", "a"})
_PREDICATE_LAST = frozenset({"v", "vd", "d", "ad", "a"})
_PREDICATE_MEMO: dict[str, bool] = {}


def _is_predicate(word: str, tags: Mapping[str, str], stopwords: frozenset[str]) -> bool:
    """Whether a general-dictionary noun ``word`` reads as a predicate: it
    splits into two dictionary words of two characters or more, the first an
    adverb, modifier or verb (or a generic word of the stopword list, no
    verbal noun: 全面, 全力, not 综合 of 综合执法) and the second a verb or an adjective."""
    found = _PREDICATE_MEMO.get(word)
    if found is None:
        found = False
        for i in range(2, len(word) - 1):
            first, last = tags.get(word[:i]), tags.get(word[i:])
            if first is not None and last is not None:
                found = last in _PREDICATE_LAST and (first in _PREDICATE_FIRST
                                                      or (word[:i] in stopwords and first != "vn"))
                break
        _PREDICATE_MEMO[word] = found
    return found


def _compound_tag(parts: Sequence[tuple[str, str]]) -> str:
    """The tag of a token the tagger cuts in several words: a verb when a
    verb, adverb or one-character word opens it (讲 政治, 决战 决胜: a
    predicate), else ``x`` (a name no dictionary knows)."""
    if parts and (parts[0][1][:1] in ("v", "d") or (len(parts[0][0]) == 1 and parts[0][1][:1] != "n")):
        return "v"
    return "x"


# A token's class and the tag of a token no dictionary knows depend only on the
# dictionaries, which are fixed for the process: both are worked out once.
_CLASS_MEMO: dict[str, str] = {}
_TAG_MEMO: dict[str, str] = {}


class TokenClasses(dict):
    """Token -> class letter (see the module's classes), from the
    dictionaries' tags; a token no dictionary knows is tagged once with the
    Segmenter's tagger (and remembered for the process). Merged slogans
    (``add_names``) are names: ``N``."""

    def __init__(self, segmenter: Segmenter | None = None) -> None:
        super().__init__()
        self.segmenter = segmenter
        self.stopwords = load_stopwords()
        self.tags = word_tags()
        self.basic = basic_words()
        self.project = _dictionary()[2]
        self.names: set[str] = set()
        # tokens seen once in this corpus: `x`, whatever they are in another
        # corpus (kept apart from the process-wide memos, so what one store
        # learned never changes another's phrases)
        self.rare: set[str] = set()
        self.unknown = _TAG_MEMO if segmenter is None else {}

    def add_names(self, terms: Iterable[str]) -> None:
        """Make ``terms`` (slogans merged into one token) names: class ``N``."""
        for t in terms:
            self.names.add(t)
            self[t] = "N"

    def learn(self, tokens: Iterable[str], rare: Iterable[str] = ()) -> None:
        """Tag the tokens no dictionary knows in one call of the tagger, each
        on a line of its own (one the tagger cuts in several words is ``x``).
        ``rare`` tokens (seen once in a corpus: they link to nothing) are
        ``x`` untagged."""
        self.rare.update(t for t in rare if t not in self.tags)
        todo = [t for t in tokens if t not in self.tags and t not in self.unknown and t not in self.rare
                and t.strip() and "\n" not in t]
        if not todo:
            return
        k, group = 0, []
        for word, tag in [*(self.segmenter or default_segmenter()).tag("\n".join(todo)), ("\n", "x")]:
            if word != "\n":
                group.append((word, tag))
                continue
            if k < len(todo):
                ok = len(group) == 1 and group[0][0] == todo[k]
                self.unknown[todo[k]] = group[0][1] if ok else _compound_tag(group)
            k, group = k + 1, []

    def tag(self, token: str) -> str:
        """The part-of-speech tag of a token on its own (``x`` when the tagger splits it)."""
        t = self.tags.get(token)
        if t in _PREDICATE_CHECKED and len(token) >= 4 and token not in self.project \
                and _is_predicate(token, self.tags, self.stopwords):
            return "v"
        if t is None and token in self.rare:
            return "x"
        if t is None:
            t = self.unknown.get(token)
            if t is None:
                pairs = (self.segmenter or default_segmenter()).tag(token)
                t = self.unknown[token] = pairs[0][1] if len(pairs) == 1 else _compound_tag(pairs)
            if len(token) == 2 and token[1] in _COMPLEMENTS and self.tags.get(token[0], "")[:1] == "v":
                return "v"
        return t

    @property
    def generic_heads(self) -> frozenset[str]:
        """The generic nouns of the stopword list (体系, 机制, 措施) that head a phrase."""
        heads = self.__dict__.get("_generic_heads")
        if heads is None:
            heads = self.__dict__["_generic_heads"] = frozenset(
                w for w in self.stopwords if len(w) > 1 and self[w] == "H")
        return heads

    def __missing__(self, token: str) -> str:
        if token in self.names:
            c = "N"  # a merged slogan
        elif token in self.rare:
            c = self._classify(token)  # this corpus's reading only
        else:
            memo = _CLASS_MEMO if self.segmenter is None else {}
            c = memo.get(token)
            if c is None:
                c = memo[token] = self._classify(token)
        self[token] = c
        return c

    def _classify(self, token: str) -> str:
        if token[:1] in QUOTE_CHARS and len(token) > 2:
            return "N"  # a quoted slogan
        if _PUNCT_OR_SPACE.match(token) or _HAS_DIGIT.search(token):
            return "B"
        tag = self.tag(token)
        c = _TAG_CLASS.get(tag, "B")
        if token in self.stopwords:
            # generic words (推进, 加快, 全面, 体系, 长期, 的): a function word
            # breaks a phrase; a generic noun may close one; a generic verb,
            # verbal noun or modifier stands inside; none opens one
            if len(token) == 1 or c == "B" or c == "V" or tag == "vn":
                # a generic verb (推进, 取得) or verbal noun (建设, 发展) takes an
                # object: it ends any phrase (高标准 建设 海南自由贸易港)
                return "B"
            return {"N": "H", "A": "D", "D": "D"}[c]
        if len(token) == 1:
            # one character: a head (省, 港) or a modifier (新, 大) inside a
            # word; a verb (超) stays one; adverbs and the rest are function words
            return {"N": "H", "A": "A", "V": "V"}.get(c, "B")
        if c == "N" and tag == "vn" and token in self.basic:
            # a basic verbal noun takes an object (投资 新 产业); one made with
            # 化 (现代化, 标准化) names a state and modifies: 现代化 新 重庆
            # (closing a phrase, it is the process: 超大城市 现代化 治理)
            return "A" if token.endswith("化") else "W"
        if tag == "f" and len(token) > 1:
            # a direction word before a noun modifies it: 北方|重要|生态安全屏障,
            # 向西|向南|开放|战略高地, 沿边|临港|产业园区 (one character, 上 or 内, is a function word)
            return "A"
        if tag in _HEAD_ONLY_TAGS:
            return "H"  # an idiom (自立自强) may close a phrase, never open one (坚定不移 深化改革)
        if c == "V" and token[-1] in _RELATIONAL_ENDS:
            return "D"  # 来源于, 致力于, 成为: a verb that takes an object ends no phrase
        return c


@dataclass(frozen=True)
class PhraseDocument:
    """What phrase mining needs of one report: the tokens of each paragraph
    and heading (slogans merged into one token each) with where the block
    stands, and the report's region, year and slogans.

    ``roles[i]`` is ``(heading, lead_tokens, plan, enumerated)`` for
    ``blocks[i]``: a heading, how many leading tokens form a lead sentence
    (0: none; of a heading, how many name what it is about, 0: all of them:
    a topic title 关于…的总体要求 names no programme by its generic head), whether it is in the plan part, whether its title is
    enumerated (（三）…, 三是…). ``numbered`` are the slogans that are
    numbered formulas (三个定位, 五大战略), ``expanded`` those of them whose
    items the report spells out (一城三心一园: 江北生态创新城、…); ``names``
    the official names with a place in brackets merged into one token
    (西部（重庆）科学城). ``guiding`` are the indices of the paragraphs saying
    what guides the year's work (以…思想为指导，…稳中求进工作总基调).
    """

    path: str
    region: str | None
    blocks: tuple[tuple[str, ...], ...] = field(repr=False)
    roles: tuple[tuple[bool, int, bool, bool], ...] = field(repr=False)
    slogans: tuple[str, ...] = ()
    year: int | None = None
    numbered: tuple[str, ...] = ()
    expanded: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    guiding: tuple[int, ...] = ()

    @cached_property
    def n_tokens(self) -> int:
        """Tokens in the report's paragraphs and headings (counted once: the
        statistics and each list of the report read it; the blocks never change)."""
        return sum(map(len, self.blocks))


class _Terms:
    """Where a report's slogans (of two characters or more) stand in a
    text, as one regex alternation of them, longest first, finds them: at the
    leftmost place where a term starts, the longest term there, then on after
    its end (no overlaps).

    An Aho-Corasick automaton (pyahocorasick): every report has slogans of
    its own, and compiling their alternation cost a report more than
    reading all its blocks with it (about 0.7 ms of 1.5 ms over the 44 shared
    reports), against a few dozen microseconds to build the automaton.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        kept = {t for t in terms if len(t) >= 2}
        for t in kept:
            self._automaton.add_word(t, len(t))
        if len(self._automaton):  # an automaton without words cannot be made (nor scanned)
            self._automaton.make_automaton()
        # texts joined by line breaks can be scanned at once when no term holds one (none then spans two)
        self._joinable = not any("\n" in t for t in kept)

    def __bool__(self) -> bool:
        return len(self._automaton) > 0

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the terms found in ``text``, in order."""
        # start -> end of the longest term there: the automaton reports every
        # term, in the order of their ends, so the last one at a start is the longest
        return leftmost_longest({last - n + 1: last + 1 for last, n in self._automaton.iter(text)})

    def spans_of(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """:meth:`spans` of each of ``texts`` (offsets into each), found in
        one scan of them all: a report's blocks cost one call of the
        automaton and of the longest-first rule, not one each."""
        if not self._joinable:
            return [self.spans(t) for t in texts]
        out: list[list[tuple[int, int]]] = [[] for _ in texts]
        found = self.spans("\n".join(texts))
        if found:
            starts = [0, *accumulate(len(t) + 1 for t in texts)]  # where each text starts in the joined one
            for s, e in found:
                k = bisect_right(starts, s) - 1
                out[k].append((s - starts[k], e - starts[k]))
        return out


def merge_terms(text: str, tokens: Sequence[str], pattern: re.Pattern[str] | None,
                matches: Sequence[re.Match[str]] | None = None) -> list[str]:
    """``tokens`` of ``text`` with each match of ``pattern`` that starts and
    ends on token boundaries merged into one token, taking in the quote marks
    around it when the text quotes it (“千万工程”). ``matches`` are the
    pattern's matches in ``text`` when the caller has them already."""
    tokens = list(tokens)
    if pattern is None or not tokens:
        return tokens
    if matches is None:
        matches = list(pattern.finditer(text))
    if not matches:
        return tokens
    return _merged(text, tokens, [m.span() for m in matches])


def _merged(text: str, tokens: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[str]:
    """:func:`merge_terms` of ``tokens`` (not empty) and the ``spans``
    (``(start, end)`` of the matches, not none), read in place: a block's
    tokens are not copied first."""
    ends = list(accumulate(map(len, tokens)))
    if ends[-1] != len(text):  # tokens of another text: leave them
        return list(tokens)
    out: list[str] = []
    k = 0
    for s, e in spans:
        i = bisect_left(ends, s) + 1 if s else 0
        j = bisect_left(ends, e) + 1
        if (s and ends[i - 1] != s) or ends[j - 1] != e or i < k:
            continue
        if i > k and tokens[i - 1] in OPEN_QUOTES and j < len(tokens) and tokens[j] in CLOSE_QUOTES:
            i, j = i - 1, j + 1
        out.extend(tokens[k:i])
        out.append("".join(tokens[i:j]))
        k = j
    out.extend(tokens[k:])
    return out


def merge_bracketed(tokens: Sequence[str], tag: Callable[[str], str]) -> tuple[list[str], list[str]]:
    """``tokens`` with each official name that brackets a place inside it
    (西部（重庆）科学城, 中国（内蒙古）自由贸易试验区) merged into one token: a
    word, the place in brackets (``tag`` ``ns``), a word that is no verb or
    function word (not 中欧班列（西安）开行); and the names merged."""
    out: list[str] = []
    names: list[str] = []
    n, k = len(tokens), 0  # tokens before k are in out
    # only an opening bracket can start a name's place: the tokens between are copied in slices
    for i in list(compress(count(), map(_OPEN_BRACKETS.__contains__, tokens))):
        if i < k:
            continue  # inside a name merged already
        out.extend(tokens[k:i])
        k = i
        if out and i + 3 < n and tokens[i + 2] in ("）", ")") \
                and tag(tokens[i + 1]) == "ns" and len(out[-1]) >= 2 and len(tokens[i + 3]) >= 2 \
                and _WORD.match(out[-1][-1:]) and _WORD.match(tokens[i + 3][:1]) \
                and tag(tokens[i + 3])[:1] not in _NOT_IN_NAME:
            out[-1] = "".join((out[-1], *tokens[i:i + 4]))
            names.append(out[-1])
            k = i + 4
    out.extend(tokens[k:])
    return out, names


# An anniversary: what was founded (自治区, 新中国) and its years (成立|70|周年; 西藏|和平|解放|70|周年
# gives 和平解放70周年, the event's name). A person's birth (毛泽东|同志|诞辰) is no theme: not merged
_FOUNDING = frozenset({"成立", "建立", "解放", "胜利", "建党", "建区"})
_YEARS = re.compile(r"(?:[0-9０-９]{1,3}|[一二三四五六七八九十百]{1,4})")


def merge_anniversaries(tokens: Sequence[str], tag: Callable[[str], str]) -> tuple[list[str], list[str]]:
    """``tokens`` with each anniversary the report marks (自治区|成立|70|周年: a noun or
    abbreviation of two characters or more, the founding verb, the years, 周年) merged into one
    token, and the anniversaries merged: numbers break phrases, and the
    region's own anniversary is the year's event (西藏 2025, 新疆 2025)."""
    out: list[str] = []
    names: list[str] = []
    k = 0
    for i in [j for j, t in enumerate(tokens) if t == "周年"]:
        if i < k + 3:
            continue
        years, verb, subject = tokens[i - 1], tokens[i - 2], tokens[i - 3]
        if _YEARS.fullmatch(years) and verb in _FOUNDING and len(subject) >= 2 \
                and tag(subject)[:1] in ("n", "j") and _WORD.match(subject[:1]):
            first = i - 4 if i - 4 >= k and tokens[i - 4] == "新" else i - 3  # 新|中国: the new China
            out.extend(tokens[k:first])
            out.append("".join(tokens[first:i + 1]))
            names.append(out[-1])
            k = i + 1
    out.extend(tokens[k:])
    return out, names


def _plan_flags(blocks: Sequence[Block], year: int | None) -> list[bool]:
    """Whether each block stands in the plan part: after a top-level heading
    about this year's work (工作安排, 主要任务, the year itself, the next
    five-year plan), until a heading that opens a review."""
    flags, plan = [], False
    for b in blocks:
        if b.kind == "heading" and _TOP_HEADING.match(b.text):
            if _REVIEW_HEADING.search(b.text):
                plan = False
            elif _PLAN_HEADING.search(b.text) or (year and str(year) in b.text):
                plan = True
        flags.append(plan)
    return flags


def _lead_tokens(tokens: Sequence[str], limit: int = LEAD_CHARS) -> int:
    """How many leading tokens form a short lead sentence (0 when the first
    sentence is longer than ``limit`` characters, the block has no sentence
    end or nothing follows it: a title leads a text)."""
    # one pass that stops past ``limit`` characters: a lead sentence is short,
    # so only the first few tokens of a paragraph are ever read
    chars = 0
    for i, tok in enumerate(tokens):
        if tok in _SENTENCE_END:
            return i if i + 1 < len(tokens) else 0
        chars += len(tok)
        if chars > limit:
            return 0
    return 0


def _topic_title_tokens(text: str, tokens: Sequence[str], title: int, names: Callable[[str], bool]) -> int:
    """How many of a title's ``title`` leading tokens name what it is about:
    in a topic title (关于…的X) the tokens before the last 的 when its head X
    is no name (``names``), else all of them."""
    if not title or not _TOPIC_TITLE.match(text.lstrip()):
        return title
    last = max((i for i in range(title) if tokens[i] == "的"), default=-1)
    if last < 0 or any(names(t) for t in tokens[last + 1:title]):
        return title
    return last


def phrase_document(
    extraction: Extraction,
    block_tokens: Sequence[Sequence[str]] | None = None,
    *,
    segmenter: Segmenter | None = None,
) -> PhraseDocument:
    """The :class:`PhraseDocument` of an extraction.

    ``block_tokens`` are the tokens of each block as the store keeps them
    (whitespace dropped); without them the blocks are cut with ``segmenter``
    (default: the shared Segmenter). Headings before the first paragraph
    that number no section are front matter (site navigation, the title,
    the dateline, the speaker; a title block after the first paragraph is a
    headline and counts as a heading), and an appendix or glossary after the body
    is back matter: both left out.
    """
    blocks = extraction.blocks
    if block_tokens is None:
        seg = segmenter or default_segmenter()
        block_tokens = [seg.cut(b.text) for b in blocks]
    elif len(block_tokens) != len(blocks):
        raise ValueError(f"{len(block_tokens)} token lists for {len(blocks)} blocks")
    slogans = tuple(dict.fromkeys(s.term for s in extraction.slogans))
    numbered = tuple(dict.fromkeys(s.term for s in extraction.slogans if s.kind == "numbered"))
    expanded = tuple(dict.fromkeys(s.term for s in extraction.slogans
                                   if s.kind == "numbered" and s.expansion_source == "text" and s.expansion))
    finder = _Terms(slogans)
    plan = _plan_flags(blocks, extraction.document.year)
    kept: list[tuple[str, ...]] = []
    roles: list[tuple[bool, int, bool, bool]] = []
    names: list[str] = []
    guiding: list[int] = []
    tags = word_tags()
    slogan_set = {strip_quotes(t) for t in slogans}

    def is_name(token: str) -> bool:
        return (token[:1] in QUOTE_CHARS or token[:1] == "《" or strip_quotes(token) in slogan_set
                or tags.get(token) in _NAME_TAGS)

    body = False
    found_in = finder.spans_of([b.text for b in blocks]) if finder else repeat(None)
    for b, toks, in_plan, spans in zip(blocks, block_tokens, plan, found_in):
        kind, text = b.kind, b.text
        if kind == "heading" and body and _BACK_MATTER.search(text.strip()):
            break
        if kind == "paragraph":
            body = True
        elif kind == "title" and body:
            pass  # a headline inside the text (a news page's own title): a heading
        elif kind != "heading" or not (body or _TOP_HEADING.match(text) or _ENUMERATED.match(text)):
            continue
        if (" " in text or not text.isprintable()) and _SPACE.search(text):
            toks = [t for t in toks if t.strip()]
        # most blocks name no slogan: the search of the report's texts tells, before a block's tokens are joined
        if spans:
            joined = "".join(toks)
            if joined != text:  # a space dropped: the terms are found in what the tokens spell
                spans = finder.spans(joined)
            if spans and toks:
                toks = _merged(joined, toks, spans)
        if "（" in text or "(" in text:
            toks, found = merge_bracketed(toks, lambda t: tags.get(t, "x"))
            names.extend(found)
        if "周年" in text:
            toks, found = merge_anniversaries(toks, lambda t: tags.get(t, "x"))
            names.extend(found)
        heading = kind != "paragraph"
        kept.append(tuple(toks))
        enumerated = bool(_ENUMERATED.match(text.lstrip()))
        if heading:
            titled = _topic_title_tokens(text, toks, len(toks), is_name)
            if titled < len(toks):
                lead = max(titled, 1) if titled else 0
                if not titled:
                    heading = False  # 关于的X: nothing of it names a programme
            else:
                lead = 0
        else:
            lead = _lead_tokens(toks, ENUMERATED_LEAD_CHARS if enumerated else LEAD_CHARS)
            if lead:
                lead = _topic_title_tokens(text, toks, lead, is_name)
        if not heading and GUIDED.search(text) and GUIDE_WORDS.search(text):
            guiding.append(len(roles))
        roles.append((heading, lead, in_plan, bool((heading or lead) and enumerated)))
    return PhraseDocument(path=extraction.document.path, region=extraction.document.region,
                          blocks=tuple(kept), roles=tuple(roles), slogans=slogans, year=extraction.document.year,
                          numbered=numbered, expanded=expanded, names=tuple(dict.fromkeys(names)),
                          guiding=tuple(guiding))


def strip_quotes(term: str) -> str:
    """``term`` without quote marks (how candidates and variants are compared)."""
    return term.translate(_NO_QUOTES)




__all__ = ["CLASSES", "PhraseDocument", "TokenClasses", "basic_words", "merge_anniversaries", "merge_bracketed",
           "merge_terms", "phrase_document", "strip_quotes", "word_tags"]
