"""Phrase candidates of a corpus of reports, counted in one vectorised pass.

Candidates are rebuilt from the Segmenter's tokens (see :mod:`.phrases`):

* two neighbouring tokens are *linked* when they stand together far more
  often than chance over the whole store (a discounted pointwise mutual
  information, ``(n_ab - δ) · T / (n_a · n_b) >= LINK_SCORE``, as word2phrase
  and Chinese new-word discovery score collocations: 超 长期 特别 国债); a
  token is *bound* to its neighbour when most of its occurrences stand beside
  it (封关 运作, 党建 引领: a compound no dictionary knows); a quoted number is
  linked to the noun phrase it labels (“33618” 现代 制造业 集群 体系), and
  the report's own region name to the modifier or noun before it, however
  rarely said (美丽 江西: the region's brand, said once by a report alone in
  its store);
* a candidate is a run of linked tokens (at most ``MAX_TOKENS`` tokens and
  ``MAX_CHARS`` characters) that opens on a noun, a name or a modifier (or a
  bound verb) and closes on a noun head (or a bound verb: 离岛免税; or a
  generic verbal noun heading a verb's compound: 兵地融合发展), or a
  single noun or merged slogan. ``推动 高质量发展`` yields 高质量发展, never
  推动高质量发展.

Each occurrence is counted where it stands (a title, an enumerated title,
the plan part, which paragraph) with the tokens on either side, so that a
*fragment* (a phrase the report nearly always continues with the same noun:
统一大市场 in 全国统一大市场) is told from a phrase. Everything is numpy over
token ids: the pair counts, the links, every span of every length, grouped
by report and phrase with sorts; Python loops only over distinct tokens, and
over the few phrases a list is drawn from (:mod:`.ranking`). A phrase is
identified by a 64-bit hash of its token ids (quote marks stripped, so
“十五五” and 十五五 are one phrase).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain, islice, repeat
from operator import itemgetter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sq_nlp.language.chars import is_han
from sq_nlp.summaries.keywords.words import region_terms
from sq_nlp.summaries.keywords.phrases import (
    CLASSES,
    QUOTE_CHARS,
    PhraseDocument,
    TokenClasses,
    phrase_document,
    strip_quotes,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sq_nlp.language.segment import Segmenter
    from sq_nlp.records import Extraction

# The longest candidate, in tokens and in characters.
MAX_TOKENS = 6
MAX_CHARS = 16
# Collocation score (discounted PMI, in units of chance) above which two
# neighbouring tokens are linked, the discount, and the least count of a pair.
LINK_SCORE = 10.0
LINK_DISCOUNT = 1.0
LINK_MIN_COUNT = 2
# A token is bound to its right neighbour when at least this share of its
# occurrences stand before it, and to its left neighbour when at least this
# share of its occurrences stand after it (the pair occurring at least
# BOUND_MIN times): a compound the dictionary does not know. A phrase may
# close on a verb bound either way (党建 引领, 封关 运作) and open on a verb
# bound to the next token, or on one that a verb needs (封关 of 封关运作).
BOUND_SHARE = 0.5
BOUND_MIN = 5
# A phrase said at least this often and followed every time by the same
# one-character word (的, 和, 段) is the head of something longer.
SINGLE_AFTER_MIN = 3
# Verbs of visiting a place: a phrase opening on a place always after one of
# them is a piece of the verb's object (考察|江西重要讲话精神: 考察江西), where after
# another verb the place opens the object (筑牢|长江黄河上游生态屏障).
PLACE_VERBS = ("考察", "视察", "调研", "莅临", "亲临", "来到", "走进")
# The role a region is asked to take (its strategic positioning, 战略定位): a
# base, a highland, a window, a pilot or demonstration zone, a hub, a barrier,
# a growth pole, a destination, a gateway (国家重要农畜产品生产基地, 向北开放重要
# 桥头堡, 长江上游重要生态屏障). A positioning names its scope and what it does
# before the role, so it is longer than a facility's name (物流枢纽, 能源基地):
# ``POSITIONING_MIN_CHARS`` or more, with one role only (国际生态旅游目的地|
# 青海湖示范区 is a positioning and a project), never counted (3个|骨干冷链物流基地:
# facilities of a kind, a title places win).
ROLE_HEADS = ("基地", "高地", "窗口", "示范区", "先行区", "排头兵", "试验区", "桥头堡", "枢纽", "屏障", "增长极",
              "大都市", "目的地", "通道", "门户", "模范区", "策源地")
POSITIONING_MIN_CHARS = 7
# A one-character adjective that stands after a verb at least this often is a
# verb's complement (好 of 打好, 用好, 保护好), not a modifier (新, 大, 强).
COMPLEMENT_SHARE = 0.5
# A head noun that stands before a verb or an adverb in at least this share
# of its occurrences is used as an adverb (全面 推进, 大力 发展): it closes no phrase.
ADVERB_SHARE = 0.5
# A noun that at least this share of its occurrences continue with a noun
# or modifier is itself a modifier (国际: 国际合作, 国际消费中心城市).
MODIFIER_SHARE = 0.75
_VERBAL_TAGS = frozenset({"v", "vd", "vi", "vg", "d", "ad", "dg"})
_NOMINAL_TAGS = frozenset({"j", "vn", "x", "eng"})

# A text of fewer tokens is short (a page): its phrases said once may stand.
SHORT_TEXT_TOKENS = 1000

_SEPARATOR = "\n"  # between blocks: a break
_NO_QUOTES = str.maketrans("", "", "".join(QUOTE_CHARS))  # as strip_quotes, inline where it runs per row
_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
CLAUSE_MARKS = frozenset({*"，。；：！？,;:!?", _SEPARATOR})  # what ends a clause
_HASH_FACTOR = 0x9E3779B97F4A7C15  # odd 64-bit multiplier of the span hash
# A numbered formula's head: the formula without its leading count (开新局 of 六个开新局).
_FORMULA_HEAD = re.compile("^[一二两三四五六七八九十]+[个大项条种场类批张件]?(.{2,})$")


class CorpusTokens(Sequence[str]):
    """The tokens of a corpus as its reports spell them (separators
    included), kept as an id per token into the distinct spellings. A list
    of every token (millions of references) would be walked by the garbage
    collector at each collection while young, and freed one by one."""

    def __init__(self, spellings: list[str], ids: Any) -> None:
        import numpy as np

        self.spellings = spellings
        self.ids = ids
        self._ids = memoryview(np.ascontiguousarray(ids, dtype=np.int64))  # read one at a time: plain ints
        # by id, with an empty spelling after the last: what a short row is padded with
        self._by_id = np.array([*spellings, ""], dtype=object)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, at: Any) -> Any:
        if isinstance(at, slice):
            return list(map(self.spellings.__getitem__, self._ids[at].tolist()))
        return self.spellings[self._ids[at]]

    def joined(self, start: Any, stop: Any) -> Any:
        """The tokens from each ``start`` to ``stop`` (arrays) joined, an object array."""
        import numpy as np

        last, empty = len(self.ids) - 1, len(self.spellings)
        width = int((stop - start).max(initial=0))
        if width <= 1:  # single tokens (or nothing): spelled as they are, nothing to join
            return self._by_id[np.where(stop > start, self.ids[np.minimum(start, last)], empty)]
        # a row of ids per span, padded with the empty spelling: joined in C
        at = start[:, None] + np.arange(width)
        ids = np.where(at < stop[:, None], self.ids[np.minimum(at, last)], empty)
        out = np.empty(len(start), dtype=object)
        out[:] = list(map("".join, self._by_id[ids].tolist()))
        return out


@dataclass(frozen=True)
class Candidate:
    """One candidate phrase of one report: ``count`` occurrences, ``title``
    of them in titles (headings, lead sentences), ``enumerated`` in
    enumerated titles, ``plan`` in the plan part, ``paragraphs`` the blocks
    it stands in, ``previous`` its count in the same region's previous report
    (-1: no such report in the store); ``surface`` the spelling the report
    uses (with its quotes where it quotes it) and ``tokens`` its token split;
    ``continued`` the largest share of its occurrences that the same noun
    continues (on the left or the right)."""

    term: str
    count: int
    title: int
    enumerated: int
    plan: int
    paragraphs: int
    previous: int
    surface: str
    tokens: tuple[str, ...]
    continued: float


@dataclass(frozen=True)
class PhraseStats:
    """Candidate counts of a corpus of reports (the store's documents).

    One row per (report, phrase), rows of one report together
    (:meth:`rows`), as parallel arrays in ``arrays``: ``count``, ``title``,
    ``enumerated``, ``plan``, ``paragraphs``, ``previous`` (see
    :class:`Candidate`), ``df`` and ``corpus_count`` of the phrase over
    distinct reports, ``length`` (tokens) and ``start`` (where its
    representative occurrence starts), ``quoted`` (the report quotes it),
    ``slogan`` and ``numbered`` (a merged slogan, a numbered formula),
    ``phrase`` (the index of the phrase, the same in every report),
    ``guide`` (its occurrences in the paragraph saying what guides the
    year's work: :attr:`PhraseDocument.guiding`). Only
    the rows worth ranking are kept: a phrase said at least twice, in a
    title, or a slogan. ``n_docs`` distinct reports, ``total_tokens`` tokens.
    """

    n_docs: int
    total_tokens: int
    paths: tuple[str, ...]
    arrays: dict[str, Any] = field(repr=False)
    tokens: CorpusTokens = field(repr=False)
    classes: TokenClasses = field(repr=False)
    # the row slices of each report, and for the fragment test: where each
    # row's occurrences are in the occurrence starts (grouped by row), the
    # token ids and which ids continue a phrase
    doc_rows: Any = field(repr=False)
    occurrences: tuple[Any, Any] = field(repr=False)
    ids: Any = field(repr=False)
    continues: Any = field(repr=False)
    word_id: dict[str, int] = field(default_factory=dict, repr=False)
    # which ids are verbs of visiting (PLACE_VERBS) and which place names: a
    # phrase opening on a place that the same such verb stands before is the
    # verb's object's piece (考察|江西重要讲话精神: the report says 考察江西, 重要讲话精神)
    verbs: Any = field(default=None, repr=False)
    places: Any = field(default=None, repr=False)
    # which ids are one character (Han): a phrase that one such word follows
    # every time is the head of a longer name (长江干流重庆|段, 新时代党|的),
    # unless the report quotes it (“两个确立”的决定性意义)
    singles: Any = field(default=None, repr=False)
    # what ranking looks up again and again, worked out once: the term of a
    # row (by row), what a row's occurrences continue (by row and side)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # how many tokens spelled with a quote mark stand before each token
    quote_tokens: Any = field(default=None, repr=False)

    @property
    def documents(self) -> dict[str, int]:
        """Path -> index of every report the statistics were learned from
        (built once: every list of every report looks its report up)."""
        index = self.memo.get("documents")
        if index is None:
            index = self.memo["documents"] = {}
            for i, p in enumerate(self.paths):
                index.setdefault(p, i)  # a path given twice: its first report, as paths.index finds it
        return index

    def rows(self, path: str) -> slice:
        """The rows of report ``path``."""
        i = self.documents[path]
        return slice(int(self.doc_rows[i]), int(self.doc_rows[i + 1]))

    def term(self, row: int) -> tuple[str, tuple[str, ...], str]:
        """``(phrase, tokens, surface)`` of a row: the phrase without quote
        marks, its tokens and its spelling as the report writes it."""
        phrase, surface = self.spelling(row)
        start = int(self.arrays["start"][row])
        return phrase, tuple(self.tokens[start:start + int(self.arrays["length"][row])]), surface

    def spelling(self, row: int) -> tuple[str, str]:
        """``(phrase, surface)`` of a row (see :meth:`term`)."""
        phrases, surfaces = self.spellings()
        if phrases[row] is None:
            self.spell([row])
        return phrases[row], surfaces[row]

    def spellings(self) -> tuple[Any, Any]:
        """The phrase and the surface of every row, by row (object arrays), as
        far as :meth:`spell` has worked them out (``None`` where not yet)."""
        import numpy as np

        found = self.memo.get("spellings")
        if found is None:
            n = len(self.arrays["count"])
            found = self.memo["spellings"] = (np.full(n, None, dtype=object), np.full(n, None, dtype=object))
        return found

    def spell(self, rows: Any) -> None:
        """Work out :meth:`spelling` of the ``rows`` (an array of row
        indices) at once: each row's tokens joined, in C. A phrase is the
        same text in every report that says it: it is joined once, and a
        row's surface again only where a quote mark stands in it."""
        import numpy as np

        phrases, surfaces = self.spellings()
        # which rows and phrases are spelled already, as flags: comparing the
        # object arrays with None would call Python's == once per element
        flags = self.memo.get("spelled")
        if flags is None:
            n_phrases = int(self.arrays["phrase"].max(initial=-1)) + 1
            flags = self.memo["spelled"] = (np.zeros(len(phrases), dtype=bool), np.zeros(n_phrases, dtype=bool))
        done, joined = flags
        rows = np.asarray(rows, dtype=np.int64)
        todo = rows[~done[rows]]
        if not len(todo):
            return
        start = self.arrays["start"][todo]
        stop = start + self.arrays["length"][todo]
        quotes = self.quote_tokens
        # a quote mark stands in the row: a token spelled with one
        marked = quotes[stop] > quotes[start]
        phrase_id = self.arrays["phrase"][todo]
        plain = self.memo.get("plain")
        if plain is None:
            plain = self.memo["plain"] = np.full(int(self.arrays["phrase"].max(initial=-1)) + 1, None, dtype=object)
        # the phrases not joined yet, each at one of its rows (the phrase
        # joined without quote marks is its text wherever it is quoted)
        new = np.flatnonzero(~joined[phrase_id])
        if len(new):
            phrase_new, first = np.unique(phrase_id[new], return_index=True)
            new = new[first]
            plain[phrase_new] = self._joined(start[new], stop[new], marked[new])
            joined[phrase_new] = True
        found = plain[phrase_id]
        phrases[todo] = found
        surfaces[todo] = found
        marked = np.flatnonzero(marked)
        if len(marked):
            surfaces[todo[marked]] = self._joined(start[marked], stop[marked])
        done[todo] = True

    def _joined(self, start: Any, stop: Any, strip: Any = None) -> Any:
        """The tokens from each ``start`` to ``stop`` joined (an object
        array), quote marks taken out where ``strip`` says (a bool array)."""
        import numpy as np

        cut = self.tokens.joined(start, stop)
        if strip is not None and strip.any():
            at = np.flatnonzero(strip)
            cut[at] = np.fromiter((t.translate(_NO_QUOTES) for t in cut[at].tolist()), dtype=object, count=len(at))
        return cut

    def continued(self, row: int, *, left: bool = True, ignore: frozenset[int] = frozenset()) -> float:
        """The largest share of the row's occurrences that the same noun
        continues, on the right or (with ``left``) on the left (统一大市场 is
        nearly always 全国统一大市场); token ids in ``ignore`` (the report's own
        region) continue nothing on the left (江西|内陆开放型经济试验区: the poster
        leaves the region out), on the right they do (谱写中国式现代化|江西篇章)."""
        key = ("continued", row, left, ignore)
        found = self.memo.get(key)
        if found is not None:
            return found
        first, starts = self.occurrences
        n = int(self.arrays["count"][row])
        if n < 2:
            return 0.0
        at = starts[first[row]:first[row] + n]
        ids, continues, last = self.ids, self.continues, len(self.ids) - 1
        best = 0
        sides = (at + int(self.arrays["length"][row]), at - 1) if left else (at + int(self.arrays["length"][row]),)
        for k, side in enumerate(sides):
            nb = ids[side[(side >= 0) & (side <= last)]]
            ok = continues[nb]
            if k and self.verbs is not None and self.places[ids[at[0]]]:
                ok = ok | self.verbs[nb]
            if not k and self.singles is not None and n >= SINGLE_AFTER_MIN and len(nb) == n \
                    and not self.arrays["quoted"][row] and self.singles[nb[0]] and (nb == nb[0]).all():
                ok = ok | (nb == nb[0])  # the same one-character word after every occurrence
            nb = nb[ok].tolist()
            if ignore and k:
                nb = [i for i in nb if i not in ignore]
            if nb:
                best = max(best, Counter(nb).most_common(1)[0][1])
        found = self.memo[key] = best / n
        return found

    def fragment_shares(self, rows: Any, ignore: frozenset[int] = frozenset()) -> tuple[Any, Any]:
        """:meth:`continued` of many ``rows`` (an array of row indices) at
        once: the shares on the right only and on either side."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.int64)
        first, starts = self.occurrences
        n = self.arrays["count"][rows]
        right = np.zeros(len(rows), dtype=np.int64)
        either = np.zeros(len(rows), dtype=np.int64)
        many = np.flatnonzero(n >= 2)
        if len(many):
            counts = n[many]
            owner = np.repeat(np.arange(len(many)), counts)
            begin = np.cumsum(counts) - counts
            # the occurrences of each row, one after the other: the k-th of a row is its first + k
            at = starts[np.repeat(first[rows[many]] - begin, counts) + np.arange(len(owner))]
            ids, last, V = self.ids, len(self.ids) - 1, len(self.continues)
            for side, out in ((at + self.arrays["length"][rows[many]][owner], right), (at - 1, either)):
                inside = (side >= 0) & (side <= last)
                nb = ids[np.where(inside, side, 0)]
                ok = self.continues[nb]
                if out is either and self.verbs is not None:
                    ok = ok | (self.verbs[nb] & self.places[ids[at]])
                kept = inside
                # a region's own names on the left (see continued): a few ids, compared one by one
                for banned in (ignore if out is either else ()):
                    kept = kept & (nb != banned)
                ok &= kept
                found, times = _runs_of(owner[ok] * V + nb[ok])
                best = np.zeros(len(many), dtype=np.int64)
                np.maximum.at(best, found // V, times)
                if out is right and self.singles is not None:
                    one = kept & self.singles[nb]
                    found, times = _runs_of(owner[one] * V + nb[one])
                    always = (times == counts[found // V]) & (times >= SINGLE_AFTER_MIN)
                    always &= ~self.arrays["quoted"][rows[many]][found // V]  # its quotes mark its end
                    np.maximum.at(best, found[always] // V, times[always])
                out[many] = best
            either = np.maximum(either, right)
        # divided by at least 1: no division by zero to silence
        per = np.maximum(n, 1)
        return np.where(n >= 2, right / per, 0.0), np.where(n >= 2, either / per, 0.0)

    def candidate(self, row: int) -> Candidate:
        """The :class:`Candidate` of a row."""
        a = self.arrays
        term, toks, surface = self.term(row)
        return Candidate(term=term, count=int(a["count"][row]), title=int(a["title"][row]),
                         enumerated=int(a["enumerated"][row]), plan=int(a["plan"][row]),
                         paragraphs=int(a["paragraphs"][row]), previous=int(a["previous"][row]), surface=surface,
                         tokens=toks, continued=self.continued(row))


def _runs_of(keys: Any) -> tuple[Any, Any]:
    """The distinct values of ``keys`` (integers) and how often each occurs."""
    import numpy as np

    # the keys come in runs (a row's occurrences, rows in order): timsort
    # merges runs in near-linear time, where the default sort starts afresh
    keys = np.sort(keys, kind="stable")
    start = _starts(keys)
    return keys[start], np.diff(np.append(start, len(keys)))


_CLASSIFIERS = frozenset("个家处座批项类条")


def _counts(word: str, classes: TokenClasses) -> bool:
    """Whether ``word`` counts what follows it: a classifier (个), or a
    quantity ending in one (两个, 三家)."""
    tag = classes.tag(word)
    return tag == "q" or (tag[:1] == "m" and word[-1:] in _CLASSIFIERS)


def _flatten(documents: Sequence[PhraseDocument]) -> tuple[list[tuple[str, ...]], dict[str, Any]]:
    """The tokens of every block, in order, with per-block arrays: report,
    length (with the separator that follows each block in the token
    stream), title tokens, plan, enumerated, guiding paragraph."""
    import numpy as np

    kept: list[tuple[str, ...]] = []
    roles: list[tuple] = []
    sizes: list[int] = []
    guiding: list[int] = []
    for doc in documents:
        n = min(len(doc.blocks), len(doc.roles))  # the blocks that have a role
        kept.extend(doc.blocks[:n])
        roles.extend(doc.roles[:n])
        guiding.extend(len(roles) - n + i for i in set(doc.guiding) if 0 <= i < n)
        sizes.append(n)
    # each role's values read by C-level maps: no Python step per block
    count = len(kept)
    tokens = np.fromiter(map(len, kept), dtype=np.int64, count=count)
    heading = np.fromiter(map(itemgetter(0), roles), dtype=bool, count=count)
    lead = np.fromiter(map(itemgetter(1), roles), dtype=np.int64, count=count)
    guide = np.zeros(count, dtype=bool)
    guide[guiding] = True
    # how many of a block's tokens are title: a heading's all (or its lead), a paragraph's lead sentence
    blocks = {"doc": np.repeat(np.arange(len(sizes), dtype=np.int64), sizes), "len": tokens + 1,
              "title": np.where(heading & (lead == 0), tokens, lead),
              "plan": np.fromiter(map(itemgetter(2), roles), dtype=bool, count=count),
              "enum": np.fromiter((len(r) > 3 and r[3] for r in roles), dtype=bool, count=count),
              "guide": guide}
    return kept, blocks


# Bits of a word's entry in _WORD_BITS: its class code (low three bits) and flags.
_STOP, _VERBAL, _NOMINAL, _GENERIC_VN, _DIGIT, _PLACE, _COPULA, _PREPOSITION, _FUSED_HEAD, _GENERAL, _BASIC, _COUNTS = (
    8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384)
_WORD_BITS: dict[str, int] = {}
_NAME_BITS: dict[str, int] = {}  # of words that are merged slogans or names here (class N)


def _word_bits(word: str, classes: TokenClasses) -> int:
    """Class code and flags of a word: a stopword; verbal (a verb or an
    adverb by its tag); nominal (a head the dictionaries call a noun, never a
    fixed expression or idiom: 积厚成势); a generic verbal noun (建设, 发展: it
    breaks a phrase, but not a labelled one: “3815”战略发展目标); has a digit;
    a place name; opens with the copula 为; a word of jieba's general
    dictionary, not the project's; basic vocabulary; a count word (:data:`_COUNT_WORD`)."""
    # read with the word's other bits, while the word is at hand: a pass over the corpus's
    # words for each (a look-up in jieba's dictionary of a few hundred thousand words, or in
    # the basic vocabulary) is a cache miss for every word
    lexical = (_GENERAL * (word in classes.tags and word not in classes.project) | _BASIC * (word in classes.basic)
               | _COUNTS * (_COUNT_WORD.fullmatch(word) is not None))
    if word == _SEPARATOR:
        return CLASSES.index("B") | lexical
    tag = classes.tag(word)
    stop = word in classes.stopwords
    return (CLASSES.index(classes[word]) | _STOP * stop | _VERBAL * (tag in _VERBAL_TAGS) | lexical
            | _NOMINAL * (tag[:1] == "n" or tag in _NOMINAL_TAGS) | _GENERIC_VN * (stop and tag == "vn")
            | _DIGIT * bool(_HAS_DIGIT.search(word)) | _PLACE * (tag == "ns") | _COPULA * (word[:1] == "为")
            | _PREPOSITION * (tag == "p") | _FUSED_HEAD * (not stop and _fused_head(word, classes)))


# A count word of two or more things (四大, 十大, 五个, 三项; not 一个): before a noun it enumerates it.
# A Party congress is named by its ordinal (党的二十大精神, 十九大): no count
_COUNT_WORD = re.compile(r"(?!一[大个项条张类]|十[六七八九]大|二十[一二三四]?大)"
                         r"[一二三四五六七八九十两]{1,3}[大个项条张类]")


def _fused_head(word: str, classes: TokenClasses) -> bool:
    """A word of jieba's dictionary made of a word and a generic head noun
    (服务|体系, 保障|机制): headed by the generic noun, as the two words would
    be; the project's own words and the report's slogans are names
    (现代化产业体系, 十项机制)."""
    if word in classes.project or word in classes.names:
        return False
    heads = classes.generic_heads
    return any(word[-k:] in heads and len(word) - k >= 2 for k in range(2, len(word) - 1))


def _vocabulary(kept: Sequence[tuple[str, ...]], lengths: Any,
                classes: TokenClasses) -> tuple[Any, Any, dict[str, Any]]:
    """Plain token ids of the blocks' tokens ``kept`` as one stream, a
    separator after each block (``lengths``: each block's tokens and its
    separator), quote marks stripped (“十五五” is 十五五); whether each token
    is spelled with quotes; and per-id arrays: class code, characters,
    continues a phrase (a noun, a modifier, or a verbal noun that is no
    stopword: “六个一”全覆盖 continues), verbal (a verb or an adverb by its
    tag), label (a quoted number: “33618”), general (a word of jieba's general
    dictionary, not the project's), basic (basic vocabulary), counts (a count word:
    四大, 十项), seen (how often the corpus says it)."""
    import numpy as np
    from collections import defaultdict
    from itertools import count

    index: defaultdict[str, int] = defaultdict(count().__next__)
    # ids by first appearance in the stream, read once (no list of every token
    # is built), the separators left out of the read and put in place after:
    # the separator first stands after the first block, so its id is taken there
    n = int(lengths.sum())
    raw = np.empty(n, dtype=np.int64)
    if n:
        get = index.__getitem__
        head = np.fromiter(map(get, kept[0]), dtype=np.int64, count=len(kept[0]))
        separator = get(_SEPARATOR)
        rest = np.fromiter(map(get, chain.from_iterable(islice(kept, 1, None))), dtype=np.int64,
                           count=n - len(kept) - len(head))
        at_separator = np.cumsum(lengths) - 1
        is_token = np.ones(n, dtype=bool)
        is_token[at_separator] = False
        raw[is_token] = np.concatenate((head, rest))
        raw[at_separator] = separator
    spelled = list(index)  # by raw id
    # whether a quote mark stands in a token as it is spelled: one search of them all
    spelled_quote = np.zeros(len(spelled), dtype=bool)
    ends = np.cumsum(np.fromiter(map(len, spelled), dtype=np.int64, count=len(spelled)))
    at = [m.start() for m in _QUOTE_MARK.finditer("".join(spelled))]
    spelled_quote[np.searchsorted(ends, np.array(at, dtype=np.int64), side="right")] = True
    quoted = np.zeros(len(spelled), dtype=bool)
    # the tokens opening or closing with a quote mark, looked for among the few holding one
    marked = [i for i in np.flatnonzero(spelled_quote).tolist()
              if spelled[i][:1] in QUOTE_CHARS or spelled[i][-1:] in QUOTE_CHARS]
    stripped = spelled.copy()
    for i in marked:
        t = spelled[i]
        if strip_quotes(t):
            # a quoted term; a quote mark alone stays punctuation, a break
            quoted[i] = t[:1] in QUOTE_CHARS
            stripped[i] = strip_quotes(t)
    # plain ids in the order the stripped spellings first appear. The
    # spellings are distinct, so only a token stripped of its quote marks
    # meets another (“十五五”, 十五五): each such group takes the id of its
    # first member, the rest number themselves, without a look-up per token
    first = np.arange(len(spelled))
    groups: dict[str, list[int]] = {}
    for i in marked:
        if stripped[i] != spelled[i]:
            groups.setdefault(stripped[i], []).append(i)
    for plain, members in groups.items():
        if plain in index:  # spelled so without quotes too (a look-up: no id taken)
            members.append(index[plain])
        first[members] = min(members)
    is_first = first == np.arange(len(spelled))
    to_plain = (np.cumsum(is_first) - 1)[first]
    words = [stripped[i] for i in np.flatnonzero(is_first).tolist()]
    ids = to_plain[raw]
    seen = np.bincount(ids, minlength=len(words)) if len(words) else np.zeros(0, np.int64)
    # what each word may do, worked out once per process for the shared dictionaries
    # (a slogan of this corpus is a name here, whatever it is elsewhere)
    memo = _WORD_BITS if classes.segmenter is None else {}
    name_memo = _NAME_BITS if classes.segmenter is None else {}
    names = classes.names
    # a word seen once here is read as this corpus reads it, never from or
    # into the process-wide memos (another store may see it often)
    rare = seen == 1
    # which words are names and which are worked out already, each a C-level pass over the words
    is_name = np.fromiter(map(names.__contains__, words), dtype=bool, count=len(words))
    # each word's bits where worked out already (-1: not yet), one look-up of each in the memo
    bits = np.fromiter(map(memo.get, words, repeat(-1)), dtype=np.int64, count=len(words))
    known = np.where(is_name, np.fromiter(map(name_memo.__contains__, words), dtype=bool, count=len(words)),
                     bits >= 0)
    todo = np.flatnonzero(rare | ~known).tolist()
    rare_at = rare.tolist()  # read one at a time: plain bools
    if todo:
        classes.learn([words[k] for k in todo if not rare_at[k]], rare=[words[k] for k in todo if rare_at[k]])
    found = []
    for k in todo:
        w = words[k]
        b = _word_bits(w, classes)
        if not rare_at[k]:
            (name_memo if w in names else memo)[w] = b
        found.append(b)
    bits[todo] = found
    named = np.flatnonzero(is_name & ~rare).tolist()
    bits[named] = [name_memo[words[k]] for k in named]
    code = (bits & 7).astype(np.int8)
    stop = (bits & _STOP) > 0
    verbal = (bits & _VERBAL) > 0
    nominal = (bits & _NOMINAL) > 0
    generic_vn = (bits & _GENERIC_VN) > 0
    digit = (bits & _DIGIT) > 0
    place = (bits & _PLACE) > 0
    copula = (bits & _COPULA) > 0
    preposition = (bits & _PREPOSITION) > 0
    fused_head = (bits & _FUSED_HEAD) > 0
    general = (bits & _GENERAL) > 0
    basic = (bits & _BASIC) > 0
    counts = (bits & _COUNTS) > 0
    chars = np.fromiter(map(len, words), dtype=np.int32, count=len(words))  # gathered per token: half the bytes
    clause_mark = np.fromiter(map(CLAUSE_MARKS.__contains__, words), dtype=bool, count=len(words))
    continues = np.isin(code, [CLASSES.index(c) for c in "NHA"]) | ((code == CLASSES.index("W")) & ~stop)
    label = np.zeros(len(words), dtype=bool)
    for i in marked:
        t = spelled[i]
        if t[:1] in QUOTE_CHARS and _HAS_DIGIT.search(t):
            label[to_plain[i]] = True
    return ids, quoted[raw], {"words": words, "code": code, "chars": chars, "stop": stop, "fused_head": fused_head,
                              "continues": continues, "nominal": nominal, "generic_vn": generic_vn,
                              "digit": digit, "verbal": verbal, "label": label, "place": place,
                              "copula": copula, "preposition": preposition, "clause_mark": clause_mark,
                              "general": general, "basic": basic, "counts": counts,
                              "token_quote": spelled_quote[raw],
                              "raw": raw, "spelled": spelled, "seen": seen}


def _stable_order(*keys: Any) -> Any:
    """The stable order of rows sorted by ``keys`` (non-negative integer
    arrays, the first the most significant): least significant 16 bits
    first, each pass numpy's radix sort, linear in the rows."""
    import numpy as np

    order = None  # the rows as they stand, until the first pass
    for key in reversed(keys):
        key = np.asarray(key)
        top = int(key.max()) if len(key) else 0
        shift = 0
        while True:
            digit = (((key if order is None else key[order]) >> shift) & 0xFFFF).astype(np.uint16)
            step = np.argsort(digit, kind="stable")
            order = step if order is None else order[step]
            shift += 16
            if top >> shift == 0:
                break
    return order


def _run_sizes(*keys: Any) -> Any:
    """For each row, how many rows have the same ``keys`` (non-negative
    integer arrays of one length)."""
    import numpy as np

    n = len(keys[0])
    if not n:
        return np.zeros(0, dtype=np.int64)
    order = _stable_order(*keys)
    change = np.zeros(n, dtype=bool)
    change[0] = True
    for k in keys:
        s = k[order]
        change[1:] |= s[1:] != s[:-1]
    starts = np.flatnonzero(change)
    sizes = np.diff(np.append(starts, n))
    out = np.empty(n, dtype=np.int64)
    out[order] = np.repeat(sizes, sizes)
    return out


def _group_labels(key: Any) -> Any:
    """The index of each row's value among the distinct values of ``key``
    (non-negative integers) in ascending order, as ``np.unique``'s inverse
    gives it. The keys come nearly sorted (a phrase's index times a bound,
    plus a small label: ascending phrase by phrase), so timsort, which merges
    the sorted runs it finds, orders them in near-linear time (four times
    faster than radix passes over the bench corpus's 900,000 rows)."""
    import numpy as np

    if not len(key):
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    new = np.ones(len(key), dtype=np.int64)
    new[0] = 0
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:], casting="unsafe")
    labels = np.empty(len(key), dtype=np.int64)
    labels[order] = np.cumsum(new)
    return labels


def _span_order(s_pos: Any, s_ids: Any, m_pos: Any, m_len: Any, m_hash: Any, bound: int) -> tuple[Any, Any, Any]:
    """Hashes, starts and lengths of every span, single tokens (at
    ``s_pos``, ids ``s_ids``, hashed ``s_ids + 1``) and longer ones (in token
    order), sorted by hash and, for equal hashes, in token order. A single
    token's hash is at most ``bound``: when every longer span's is above
    it (but by a chance of ``bound`` in 2**64), the single tokens come first,
    ordered by id in linear time, and only the longer spans are sorted. Last,
    where each span stands in the single tokens followed by the longer spans."""
    import numpy as np

    s_hash = (s_ids + 1).astype(np.uint64)
    if not len(m_hash) or int(m_hash.min()) > bound:
        s_order = _stable_order(s_ids)
        m_order = _stable_order(m_hash)  # four linear passes of 16 bits: faster than a merge sort
        # each part gathered straight into its place: no gathered copies made to be concatenated
        # (mode "clip" spares take a buffer: the orders are in range)
        ns, total = len(s_pos), len(s_pos) + len(m_pos)
        hashes, pos = np.empty(total, dtype=np.uint64), np.empty(total, dtype=np.int64)
        length, order = np.empty(total, dtype=np.int64), np.empty(total, dtype=np.int64)
        np.take(s_hash, s_order, out=hashes[:ns], mode="clip")
        np.take(m_hash, m_order, out=hashes[ns:], mode="clip")
        np.take(s_pos, s_order, out=pos[:ns], mode="clip")
        np.take(m_pos, m_order, out=pos[ns:], mode="clip")
        length[:ns] = 1
        np.take(m_len, m_order, out=length[ns:], mode="clip")
        order[:ns] = s_order
        np.add(m_order, ns, out=order[ns:])
        return hashes, pos, length, order
    key = np.concatenate((s_pos * MAX_TOKENS, m_pos * MAX_TOKENS + m_len - 1))
    order = np.argsort(key, kind="stable")
    pos, length = key[order] // MAX_TOKENS, key[order] % MAX_TOKENS + 1
    hashes = np.concatenate((s_hash, m_hash))[order]
    by_hash = np.argsort(hashes, kind="stable")
    return hashes[by_hash], pos[by_hash], length[by_hash], order[by_hash]


def _running_sum(flags: Any) -> Any:
    """``0`` and the running sum of ``flags`` (one longer): how many flags
    stand before each position, counted in 32 bits where they fit."""
    import numpy as np

    out = np.zeros(len(flags) + 1, dtype=np.int32 if len(flags) < 2**31 else np.int64)
    np.cumsum(flags, dtype=out.dtype, out=out[1:])
    return out


def _sums(values: Any, bounds: Any) -> Any:
    """The sums of ``values`` (flags or integers) over the runs between
    ``bounds`` (ascending, from 0 to the length), as int64: differences of
    one running sum. ``np.add.reduceat`` pays a step per run: over the 20 MB
    bench corpus's 274,000 kept rows it took five times as long."""
    import numpy as np

    if values.dtype == bool:
        running = _running_sum(values)
    else:
        running = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(values, dtype=np.int64, out=running[1:])
    return np.diff(running[bounds]).astype(np.int64)


def _starts(*sorted_keys: Any) -> Any:
    """Where a run of equal keys starts in arrays sorted by them."""
    import numpy as np

    n = len(sorted_keys[0])
    change = np.zeros(n, dtype=bool)
    if n:
        change[0] = True
        for k in sorted_keys:
            change[1:] |= k[1:] != k[:-1]
    return np.flatnonzero(change)


def _report_years(doc_year: Any, region_of: Any, first_copy: Any) -> tuple[Any, Any, Any, Any]:
    """Per report, as counted over the store's first copies of reports (none
    for a report of unknown year, ``-1``): ``peers``, the reports of other
    regions in its year; ``later`` and ``after``, the reports of its year and
    later and of later years only; and ``earlier``, whether the store holds a
    report (any copy) of its region from an earlier known year. Counted by
    year and by region, not by pairs of reports."""
    import numpy as np

    if not len(doc_year):
        return (np.zeros(0, dtype=np.int64),) * 2 + (np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64))
    known = doc_year >= 0
    years, year_of = np.unique(doc_year, return_inverse=True)
    per_year = np.bincount(year_of, weights=first_copy, minlength=len(years)).astype(np.int64)
    from_year = np.cumsum(per_year[::-1])[::-1]  # the years in ascending order: of this year and later
    later = np.where(known, from_year[year_of], 0)
    after = np.where(known, from_year[year_of] - per_year[year_of], 0)
    n_regions = int(region_of.max()) + 1
    _, year_region = np.unique(year_of * n_regions + region_of, return_inverse=True)
    own = np.bincount(year_region, weights=first_copy).astype(np.int64)[year_region]  # of its year and region
    peers = np.where(known, per_year[year_of] - own, 0)
    region_first = np.full(n_regions, np.iinfo(np.int64).max)  # the first known year of each region
    np.minimum.at(region_first, region_of[known], doc_year[known])
    earlier = known & (region_first[region_of] < doc_year)
    return peers, later, earlier, after


def _named_by_titles(doc: PhraseDocument, titles: Sequence[str]) -> dict[str, int]:
    """The numbered formulas of ``doc`` (quote marks stripped) whose head
    (the formula without its count: 开新局 of 六个开新局) stands in at least as
    many of its enumerated ``titles`` (each one's title tokens joined) as the
    formula counts, with how many titles name it."""
    from sq_nlp.extract.slogans import term_count

    heads: dict[str, tuple[str, int]] = {}
    for t in doc.numbered:
        plain = strip_quotes(t)
        m = _FORMULA_HEAD.match(plain)
        n = term_count(plain)[1] if m else None  # the count the slogan stage reads in it
        if n is not None and n >= 3:
            heads[plain] = (m.group(1), n)  # type: ignore[union-attr]
    if not heads:
        return {}
    # a head (no line break: ``.`` matched it) in no title is found in none in
    # one search of them all; only the few found are counted title by title
    every = "\n".join(titles)
    out = {}
    for term, (head, n) in heads.items():
        if head not in every:
            continue
        times = sum(head in title for title in titles)
        if times >= n:
            out[term] = times
    return out


def learn_phrase_stats(documents: Sequence[PhraseDocument], *, classes: TokenClasses | None = None) -> PhraseStats:
    """Links, candidate counts and document frequencies of a corpus of
    reports (the store's documents). A report stored twice (the same tokens)
    counts once in the document frequencies."""
    import numpy as np

    if isinstance(documents, PhraseDocument):
        raise ValueError("expected a sequence of PhraseDocument, got one: wrap it in a list")
    documents = list(documents)
    if classes is None:
        classes = TokenClasses()
    for d in documents:
        classes.add_names(d.slogans)
        classes.add_names(d.names)
    kept, blocks = _flatten(documents)
    ids, quoted_at, voc = _vocabulary(kept, blocks["len"], classes)
    # the enumerated titles of each report (read by _named_by_titles): the block arrays tell
    # which blocks they are, so only those are read
    enum_at = np.flatnonzero(blocks["enum"])
    enum_titles = ["".join(kept[b][:t]) for b, t in zip(enum_at.tolist(), blocks["title"][enum_at].tolist())]
    enum_bounds = np.searchsorted(blocks["doc"][enum_at], np.arange(len(documents) + 1)).tolist()
    del kept, enum_at
    n, V = len(ids), len(voc["words"])
    words = voc["words"]
    word_id = dict(zip(words, range(V)))
    own_terms = [region_terms([d.region]) for d in documents]  # each report's own region, by all its names
    seen = voc["seen"]  # how often each id stands in the corpus: counted once, read by four rules
    code = voc["code"][ids]
    total = int(n - len(blocks["len"]))

    # -- where each token stands: its block, and in bits (as in the flags
    # below) a title (a block's first ``title`` tokens), an enumerated title, the plan part
    block_of = np.repeat(np.arange(len(blocks["len"]), dtype=np.int32 if len(blocks["len"]) < 2**31 else np.int64),
                         blocks["len"])
    where_at = np.repeat((blocks["plan"] << 2).astype(np.uint8), blocks["len"])
    titled = np.clip(blocks["title"], 0, blocks["len"])  # (a role never names more tokens than its block has)
    first_title = np.cumsum(titled) - titled  # where each block's title tokens start among all of them
    first_of_block = np.cumsum(blocks["len"]) - blocks["len"]
    title_tokens = np.repeat(first_of_block - first_title, titled) + np.arange(int(titled.sum()), dtype=np.int64)
    where_at[title_tokens] |= np.repeat((1 | blocks["enum"] << 1).astype(np.uint8), titled)
    del titled, first_title, first_of_block, title_tokens

    # -- links and bound pairs (pairs of tokens that are no break)
    link = np.zeros(max(n - 1, 0), dtype=bool)
    bound = np.zeros(max(n - 1, 0), dtype=bool)  # token i bound to token i + 1
    needed = np.zeros(max(n - 1, 0), dtype=bool)  # token i + 1 bound to token i
    brk = code == CLASSES.index("B")
    ok = ~brk[:-1] & ~brk[1:]
    # a generic verbal noun after a verb or verbal noun heads their compound
    # (兵地 融合 发展, 高质量 振兴 发展): the one place it closes a phrase
    vn_head = np.zeros(max(n - 1, 0), dtype=bool)
    if n > 1:
        verbish = (code == CLASSES.index("V")) | (code == CLASSES.index("W"))
        vn_head = verbish[:-1] & ~voc["stop"][ids[:-1]] & voc["generic_vn"][ids[1:]]
        ok |= vn_head
    pairs = np.flatnonzero(ok)  # where they start: read and written by index, not by a mask of every token
    if len(pairs):
        ua, ub = ids[pairs], ids[pairs + 1]
        counts = _run_sizes(ua * V + ub)  # how often each pair stands in the corpus
        uni = seen.astype(float)
        linked = (counts >= LINK_MIN_COUNT) & (
            (counts - LINK_DISCOUNT) * float(total) >= LINK_SCORE * uni[ua] * uni[ub])
        link[pairs] = linked
        frequent = linked & (counts >= BOUND_MIN)
        bound[pairs] = frequent & (counts >= BOUND_SHARE * uni[ua])
        needed[pairs] = frequent & (counts >= BOUND_SHARE * uni[ub])
        del ua, ub, counts, uni, linked, frequent
    del pairs

    # -- the tagger's cut of 以X为Y glues the copula 为 to the first character
    # of Y (为主|线 of 以供给侧结构性改革为主线): a verb opening with 为 before
    # a one-character token joins a subject to its role, inside no phrase
    # (为民 before a word stays: 十大为民办实事工程)
    if n > 1:
        copula = voc["copula"] & (voc["code"] == CLASSES.index("V"))
        cut = copula[ids[:-1]] & (voc["chars"][ids[1:]] == 1)
        link &= ~cut

    # -- a quoted number is a label: it links to the noun phrase it names
    # (“33618”现代制造业集群体系), however rare the pair
    label = voc["label"][ids]
    if label[:-1].any():
        nounish = ~brk | voc["generic_vn"][ids]
        going = label[:-1] & nounish[1:]
        for step in range(MAX_TOKENS - 1):
            link[step:] |= going[:len(link) - step]
            going = going[:-1] & nounish[step + 2:] if step + 2 < n else going[:0]
            if not going.any():
                break

    # -- a region's brand: the report's own region name closes a phrase with the
    # modifier or noun before it (美丽|江西, 数字|重庆, 平安|四川) however rarely it is
    # said: the name is what makes it the region's (a report alone in its store
    # says its 美丽江西 once, in a title)
    if n > 1:
        own_keys = np.array([k * V + word_id[t] for k, terms in enumerate(own_terms) for t in terms if t in word_id],
                            dtype=np.int64)
        if len(own_keys):
            # only where a region's name follows (under 1% of the tokens): no token-long products
            at = np.flatnonzero(np.isin(ids[1:], np.unique(own_keys % V)))
            own = np.isin(blocks["doc"][block_of[at + 1]] * V + ids[at + 1], own_keys)
            before = np.isin(code[at], [CLASSES.index("N"), CLASSES.index("A")]) & ~voc["stop"][ids[at]]
            link[at[own & before]] = True
            del at, own, before
        del own_keys

    # -- every span of every length, in token order; hashed by token ids
    code_of = voc["code"]
    is_id = {c: code_of == CLASSES.index(c) for c in "NHAVWD"}
    opens = (is_id["N"] | is_id["A"])[ids]
    # a one-character verb linked to a modifier takes no object: a prefix (超 长期 特别 国债)
    if n > 1:
        opens[:-1] |= (is_id["V"] & (voc["chars"] == 1))[ids[:-1]] & link & (is_id["D"] | is_id["A"])[ids[1:]]
    opens_bound = (is_id["V"] | is_id["W"])[ids]
    if n > 1:
        # a verb's complement split off by the tokenizer opens no phrase: a
        # one-character word after a one-character verb it is linked to
        # (打|好“六个攻坚战”, 做|强 产业), or a one-character adjective that mostly
        # stands after a verb (好 of 保护好, 用好: the tagger calls 用 a
        # preposition), not before the noun it would modify
        one_id = voc["chars"] == 1
        one, is_verb = one_id[ids], is_id["V"][ids]
        verbal = is_verb | (one & (voc["verbal"] | voc["preposition"])[ids])
        mostly = np.bincount(ids[1:], weights=verbal[:-1], minlength=V) >= COMPLEMENT_SHARE * np.maximum(seen, 1)
        complement = (is_verb & one)[:-1] & one[1:] & link
        complement |= verbal[:-1] & (is_id["A"] & one_id & mostly)[ids[1:]]
        opens[1:] &= ~complement
        opens_bound[1:] &= ~complement
        del one, is_verb, verbal, complement  # token-long: their memory serves what follows
    # a head noun the corpus mostly uses before a verb is an adverb (全面 推进)
    verbal_next = np.bincount(ids[:-1], weights=voc["verbal"][ids[1:]], minlength=V) if n > 1 else np.zeros(V)
    adverbial = verbal_next >= ADVERB_SHARE * np.maximum(seen, 1)
    # a noun the corpus nearly always continues with another noun is a
    # modifier (国际 合作, 虹桥 国际 开放 枢纽): it closes no phrase
    noun_next = np.bincount(ids[:-1], weights=voc["continues"][ids[1:]], minlength=V) if n > 1 else np.zeros(V)
    modifier = (seen >= BOUND_MIN) & (noun_next >= MODIFIER_SHARE * seen)
    closes = ((is_id["N"] | (is_id["H"] & ~adverbial)) & ~modifier)[ids]
    closes_bound = ((is_id["V"] | is_id["W"]) & ~voc["stop"])[ids]  # 封关 运作, never X 建设
    # where a phrase of two tokens or more may open and close: on a noun or
    # modifier, or on a verb bound to its neighbour (or needed by a bound one)
    may_open, may_close = opens.copy(), closes.copy()
    if n > 1:
        may_open[:-1] |= opens_bound[:-1] & (bound | (needed & opens_bound[1:]))
        may_close[1:] |= closes_bound[1:] & (bound | needed)
        may_close[1:] |= vn_head & link
    # characters before each token, in 32 bits where the corpus's characters fit
    cum_chars = np.zeros(n + 1, dtype=np.int32 if int(voc["chars"].max(initial=0)) * n < 2**31 else np.int64)
    np.cumsum(voc["chars"][ids], out=cum_chars[1:])
    cum_label = _running_sum(label)
    # one token: a noun; hashed by its id (ids + 1 <= V)
    single = np.flatnonzero(is_id["N"][ids])
    # longer: followed along the links from where they start (``live``)
    found_pos, found_hash = [], []
    live = np.flatnonzero(link) if n > 1 else np.zeros(0, np.int64)
    h = (ids[live] + 1).astype(np.uint64)
    factor = np.uint64(_HASH_FACTOR)
    for L in range(2, min(MAX_TOKENS, n) + 1):
        if L > 2:
            ok = live + (L - 2) < n - 1
            live, h = live[ok], h[ok]
            ok = link[live + (L - 2)]
            live, h = live[ok], h[ok]
        if not len(live):
            break
        h = h * factor + (ids[live + (L - 1)] + 1).astype(np.uint64)
        valid = may_open[live] & may_close[live + (L - 1)]
        valid &= (cum_chars[live + L] - cum_chars[live]) <= MAX_CHARS
        # a label opens what it names: none stands inside a phrase (锚定“3815”战略)
        valid &= (cum_label[live + L] - cum_label[live + 1]) == 0
        where = np.flatnonzero(valid)
        found_pos.append(live[where] * MAX_TOKENS + (L - 1))
        found_hash.append(h[where])
    if found_pos:
        merged = np.concatenate(found_pos)
        order = np.argsort(merged, kind="stable")  # sorted runs: merged in near-linear time
        key = merged[order]
        m_hash = np.concatenate(found_hash)[order]
        m_pos, m_len = key // MAX_TOKENS, key % MAX_TOKENS + 1
        del merged, order, key
    else:
        m_pos = m_len = np.zeros(0, np.int64)
        m_hash = np.zeros(0, np.uint64)

    # -- what stands at and beside each occurrence, read in token order (the
    # single tokens, then the longer spans) and packed in bits: one gather
    # puts them in phrase order
    c_pos = np.concatenate((single, m_pos))
    c_end = c_pos + np.concatenate((np.ones(len(single), dtype=np.int64), m_len))
    # a token that continues a noun phrase (an object after 丰富人民, 群众)
    # leaves it open on that side; a separator follows every block: end < n
    continues = voc["continues"]
    left = np.maximum(c_pos - 1, 0)
    # what each token is, in the bits of one byte (gathered once for each
    # place read below): title, enumerated title, plan part (bits 0-2, as in
    # the flags), continues a phrase, nominal, has a digit, no clause mark
    cont, nominal, digit, open_clause = 8, 16, 32, 64
    id_bits = ((continues | voc["nominal"] << 1 | voc["digit"] << 2 | ~voc["clause_mark"] << 3) << 3).astype(np.uint8)
    token_bits = id_bits[ids] | where_at
    at_end = token_bits[c_end]
    after1, after2 = token_bits[np.minimum(c_end + 1, n - 1)], token_bits[np.minimum(c_end + 2, n - 1)]
    after3 = token_bits[np.minimum(c_end + 3, n - 1)]
    before = np.where(c_pos > 0, token_bits[left], 0)  # nothing stands before the first token
    quoted_cum = _running_sum(quoted_at)

    def on(bits: Any, mask: int) -> Any:
        return (bits & mask) != 0

    flags = (token_bits[c_pos] & 7).astype(np.uint16)  # bits 0-2: title, enumerated title, plan part
    try:
        and_its = voc["words"].index("及其")  # one scan of the words at C speed
    except ValueError:
        and_its = -1
    for bit, at in enumerate((
            on(at_end, cont), on(before, cont), on(token_bits[c_end - 1], nominal),
            # a statistic: a number follows within four tokens of its clause (地区生产总值 增长 5.5%,
            # 一般公共预算 收入 增长 6%, 出游总花费 增速 均 达到 20%; not 筑牢…生态屏障，PM2.5: another clause's)
            on(at_end, digit) | (on(at_end, open_clause) & (on(after1, digit)
                                                             | (on(after1, open_clause) & (on(after2, digit)
                                                                                            | (on(after2, open_clause) & on(after3, digit)))))),
            # a piece of a number expression: a number stands before it (18 号线西 延伸)
            on(before, digit),
            (quoted_cum[c_end] - quoted_cum[c_pos]) > 0,
            # the second of two things a word after it governs: 及其 (and its) stands before it
            # (中央八项规定及其|实施细则精神)
            (ids[left] == and_its) & (c_pos > 0)), start=3):
        flags |= at.astype(np.uint16) << bit
    del id_bits, token_bits, at_end, after1, after2, after3, before
    c_block = block_of[c_pos]
    del left, quoted_cum, c_pos, c_end

    # -- group the occurrences by phrase (in hash order), then report (token order within)
    hashes, pos, length, order = _span_order(single, ids[single], m_pos, m_len, m_hash, V)
    flags, block = flags[order], c_block[order]
    # the token-long working arrays are done with: their memory serves what follows
    del (brk, ok, vn_head, link, bound, needed, opens, opens_bound, closes, closes_bound, may_open, may_close, cum_chars,
         cum_label, single, live, h, found_pos, found_hash, m_hash, m_pos, m_len, order, c_block)
    doc = blocks["doc"][block]
    first = _starts(hashes, doc)
    n_g = len(first)
    bounds = np.append(first, len(pos))
    count = np.diff(bounds)

    def per_row(flags: Any) -> Any:
        return _sums(flags, bounds)  # the rows are runs

    def flag(bit: int) -> Any:
        return (flags & (1 << bit)) != 0

    title = per_row(flag(0))
    new_block = np.ones(len(pos), dtype=bool)
    new_block[1:] = block[1:] != block[:-1]
    new_block[first] = True
    g_doc, g_hash, g_len = doc[first], hashes[first], length[first]
    guide_at = blocks["guide"][block]
    del block_of, where_at, quoted_at, doc, block, hashes

    # -- document frequency and corpus count over distinct reports
    # a report's content: its token ids (quote marks kept) and its blocks' lengths
    content: dict[tuple[bytes, bytes], int] = {}
    doc_blocks = np.searchsorted(blocks["doc"], np.arange(len(documents) + 1))
    block_ends = np.concatenate(([0], np.cumsum(blocks["len"])))
    doc_tokens = block_ends[doc_blocks].tolist()
    first_copy = np.array([content.setdefault((voc["raw"][doc_tokens[k]:doc_tokens[k + 1]].tobytes(),
                                               blocks["len"][doc_blocks[k]:doc_blocks[k + 1]].tobytes()), k) == k
                           for k in range(len(documents))], dtype=bool)
    counted = first_copy[g_doc] if len(documents) else np.zeros(0, bool)
    phrase_first = _starts(g_hash)
    new_phrase = np.zeros(n_g, dtype=np.int64)
    new_phrase[phrase_first] = 1
    phrase_of = np.cumsum(new_phrase) - 1
    phrase_bounds = np.append(phrase_first, n_g)
    df = _sums(counted, phrase_bounds)[phrase_of] if n_g else count
    corpus = _sums(count * counted, phrase_bounds) if n_g else count  # by phrase
    # evergreen: the share of reports saying it, each year of the store
    # weighing the same (a phrase every report of every year says is
    # boilerplate; one all the reports of recent years say is a theme)
    doc_year = np.array([-1 if d.year is None else int(d.year) for d in documents], dtype=np.int64)
    year_keys, year_of = np.unique(doc_year, return_inverse=True) if len(documents) else (doc_year, doc_year)
    per_year = np.bincount(year_of, weights=first_copy, minlength=len(year_keys)) if len(documents) else doc_year
    doc_weight = np.where(first_copy, 1.0 / (len(year_keys) * np.maximum(per_year[year_of], 1)), 0.0) \
        if len(documents) else np.zeros(0)
    evergreen = np.add.reduceat(doc_weight[g_doc], phrase_first) if n_g else np.zeros(0)  # by phrase
    known_year = np.where(doc_year[g_doc] >= 0, doc_year[g_doc], np.iinfo(np.int64).max) if n_g else g_doc
    first_year = np.minimum.reduceat(known_year, phrase_first)[phrase_of] if n_g else g_doc
    # who else says it: reports of the report's own region (its other years:
    # a standing programme, 天府粮仓 in 2025 and 2026) and of other regions
    region_index: dict[str, int] = {}
    region_of = np.array([region_index.setdefault(d.region, len(region_index)) if d.region else -1 - k
                          for k, d in enumerate(documents)], dtype=np.int64)
    region_of = np.where(region_of < 0, len(region_index) - 1 - region_of, region_of)
    if n_g:
        region_group = _group_labels(phrase_of * (len(region_index) + len(documents)) + region_of[g_doc])
        region_df = np.bincount(region_group, weights=counted).astype(np.int64)  # by phrase and region
    else:
        region_df, region_group = count, count
    # the reports of other regions in the report's year (its peers), of its
    # year and later, of later years; whether its region has an earlier report
    peers, later, earlier, after = _report_years(doc_year, region_of, first_copy)
    # new this year: no report of an earlier year in the store says it; its
    # spread, the share of the reports of this year and later that say it (a
    # new national formula, 超长期特别国债, spreads to every report after it)
    new = (first_year == doc_year[g_doc]) & earlier[g_doc] if n_g else np.zeros(0, bool)
    if n_g:
        year_group = _group_labels(phrase_of * (len(year_keys) + 1) + year_of[g_doc])
        year_df = np.bincount(year_group, weights=counted).astype(np.int64)[year_group]
        del year_group
    else:
        year_df = count
    taken_up = np.where(new & (after[g_doc] > 0), (df - year_df) / np.maximum(after[g_doc], 1), 0.0) if n_g \
        else np.zeros(0)

    # -- rows worth ranking (said twice, in a title, or a slogan) of a report
    # together (a radix sort on the report index), phrases in hash order
    # each spelling stripped once: the year's formulas recur in report after report
    plain_slogan = {t: strip_quotes(t) for t in {t for d in documents for t in d.slogans}}
    slogans = set(plain_slogan.values())
    numbered = set(map(strip_quotes, {t for d in documents for t in d.numbered}))
    expanded = [{strip_quotes(t) for t in d.expanded} for d in documents]
    is_slogan = np.fromiter(map(slogans.__contains__, words), dtype=bool, count=len(words))
    is_numbered = np.fromiter(map(numbered.__contains__, words), dtype=bool, count=len(words))
    rep_id = ids[pos[first]]
    # a slogan another report finds is one here too (the year's formulas: 两新, 三保), unless it is a
    # word of the general dictionary (三江, a county there and a laboratory's name in 吉林's report;
    # 清零): that is a slogan only in the reports whose slogan stage finds it
    # one word of the general dictionary (管理机制, 以旧换新): a word of the language before any report
    general = voc["general"]
    slogan = (g_len == 1) & is_slogan[rep_id]
    asked = np.flatnonzero(slogan & general[rep_id])  # only these rows depend on their report
    if len(asked):
        in_words = {p for p in slogans if p in word_id and general[word_id[p]]}
        own_keys = np.array(sorted(k * len(words) + word_id[p] for k, d in enumerate(documents)
                                   for p in in_words.intersection(map(plain_slogan.__getitem__, d.slogans))),
                            dtype=np.int64)
        slogan[asked] = np.isin(g_doc[asked] * len(words) + rep_id[asked], own_keys)
    # a quoted number with what it labels (“1269”行动计划) is a coinage even said once
    labelled = (g_len > 1) & voc["label"][rep_id]
    # a short text (a page) says each of its programmes once: its phrases said once are kept
    short = np.array([d.n_tokens < SHORT_TEXT_TOKENS for d in documents], dtype=bool)
    # a new formula the reports of later years take up is kept said once (“人工智能+”, 超长期特别国债)
    adopted = taken_up > 0
    keep = np.flatnonzero((count >= 2) | (title > 0) | slogan | labelled | short[g_doc] | adopted)
    by_doc = keep[np.argsort(g_doc[keep].astype(np.int32 if len(documents) > 32767 else np.int16), kind="stable")]
    doc_rows = np.searchsorted(g_doc[by_doc], np.arange(len(documents) + 1))

    # -- the count in the same region's previous report, where the store holds it
    previous = np.full(len(by_doc), -1, dtype=np.int64)
    years: dict[str, list[tuple[int, int]]] = {}
    for k, d in enumerate(documents):
        if d.region and d.year is not None:
            years.setdefault(d.region, []).append((d.year, k))
    before = np.full(len(documents), -1, dtype=np.int64)
    for region_years in years.values():
        region_years.sort()
        for year, k in region_years:
            older = [j for y, j in region_years if y < year]
            if older:
                before[k] = older[-1]
    has_before = before[g_doc[by_doc]] >= 0
    if has_before.any():
        n_docs_all = max(len(documents), 1)
        composite = phrase_of * n_docs_all + g_doc  # ascending: groups are sorted by phrase, then report
        rows = by_doc[has_before]
        wanted = phrase_of[rows] * n_docs_all + before[g_doc[rows]]
        at = np.minimum(np.searchsorted(composite, wanted), n_g - 1)
        previous[has_before] = np.where(composite[at] == wanted, count[at], 0)

    # the sums over the occurrences of the rows kept only (about half of all
    # occurrences: most rows dropped are said once), gathered row after row
    # once, where each sum ran over every occurrence
    kept_count = count[by_doc]
    kept_first = np.cumsum(kept_count) - kept_count  # where each kept row's occurrences start among them
    kept_at = np.repeat(bounds[by_doc] - kept_first, kept_count) + np.arange(int(kept_count.sum()), dtype=np.int64)
    flags, new_block, guide_at = flags[kept_at], new_block[kept_at], guide_at[kept_at]
    # the representative occurrence: the first quoted one where the report
    # quotes the phrase at all (its own spelling), else the first
    n_kept = len(kept_at)
    q_first = np.minimum.reduceat(np.where(flag(8), np.arange(n_kept), n_kept), kept_first) if n_kept else kept_first
    kept_quoted = q_first < n_kept
    rep = np.where(kept_quoted, kept_at[np.minimum(q_first, max(n_kept - 1, 0))], bounds[by_doc])
    start = pos[rep]  # where each kept row's representative occurrence starts
    del kept_at, q_first, rep

    kept_bounds = np.append(kept_first, n_kept)

    def per_kept(flags: Any) -> Any:
        return _sums(flags, kept_bounds)

    title_here, enum_here, plan_here, right_open = flag(0), flag(1), flag(2), flag(3)
    # the whole object of a title: closed on both sides (加快发展|新质生产力|。), headed by a noun;
    # in an enumerated title of the plan part, an object of the year's task list
    object_at = title_here & ~right_open & ~flag(4) & flag(5)
    arrays = {
        "count": count[by_doc], "title": title[by_doc], "enumerated": per_kept(enum_here), "plan": per_kept(plan_here),
        "paragraphs": per_kept(new_block), "previous": previous, "start": start, "length": g_len[by_doc],
        "df": df[by_doc], "corpus_count": corpus[phrase_of[by_doc]], "quoted": kept_quoted, "slogan": slogan[by_doc],
        "numbered": (g_len[by_doc] == 1) & is_numbered[rep_id[by_doc]],
        "labelled": labelled[by_doc], "task": per_kept(object_at & enum_here & plan_here),
        "title_object": per_kept(object_at), "right_open": per_kept(right_open), "numeric": per_kept(flag(6)),
        "after_number": per_kept(flag(7)), "after_and_its": per_kept(flag(9)),
        "generic_head": np.where(g_len[by_doc] > 1, voc["stop"][ids[start + g_len[by_doc] - 1]], voc["fused_head"][ids[start]]), "evergreen": evergreen[phrase_of[by_doc]], "first_year": first_year[by_doc],
        "year": doc_year[g_doc[by_doc]], "region_df": region_df[region_group[by_doc]], "peers": peers[g_doc[by_doc]], "spread": np.where(new[by_doc], df[by_doc] / np.maximum(later[g_doc[by_doc]], 1), 0.0), "taken_up": taken_up[by_doc],
        "year_df": year_df[by_doc], "adopted": adopted[by_doc], "phrase": phrase_of[by_doc], "guide": per_kept(guide_at),
    }
    del flags, new_block, title_here, enum_here, plan_here, right_open, object_at, guide_at
    # what the kept rows read of the groups (a million of them over the 20 MB
    # bench corpus: about 25 arrays of 9 MB); the group arrays are done with,
    # their memory serves what follows instead of the heap growing past them
    kept_len, rep_rows, kept_occurrences = g_len[by_doc], rep_id[by_doc], first[by_doc]
    del (count, bounds, first, g_doc, g_hash, g_len, phrase_of, phrase_first, phrase_bounds, new_phrase, counted, df, corpus,
         evergreen, known_year, first_year, region_group, region_df, year_df, taken_up, new, title, slogan, labelled,
         rep_id, keep, adopted)
    # made only of basic vocabulary (管理 机制, 更大 力度): a collocation, not a coinage
    cum_basic = _running_sum(voc["basic"][ids])
    arrays["basic_only"] = (cum_basic[start + kept_len] - cum_basic[start]) == kept_len
    del cum_basic
    # counts what it names (四大|主导产业, 制造业|十大|现代化|支柱产业): the report's enumerated programme
    cum_count = _running_sum(voc["counts"][ids])
    arrays["enumerates"] = (kept_len > 1) & ((cum_count[start + kept_len] - cum_count[start]) > 0)
    del cum_count
    arrays["general_word"] = (kept_len == 1) & general[ids[start]]
    # a region's brand: a phrase headed by the report's own region name (美丽云南, 数字重庆)
    last_id = ids[start + kept_len - 1]
    brand = np.zeros(len(by_doc), dtype=bool)
    for k, terms in enumerate(own_terms):
        own = [word_id[t] for t in terms if t in word_id]
        if own:
            at = slice(int(doc_rows[k]), int(doc_rows[k + 1]))
            brand[at] = (arrays["length"][at] > 1) & np.isin(last_id[at], own)
    arrays["brand"] = brand
    # a numbered formula this report spells out, item by item (一城三心一园: …)
    spelled = np.zeros(len(by_doc), dtype=bool)
    for k, own in enumerate(expanded):
        ids_own = [word_id[t] for t in own if t in word_id]
        if ids_own:
            at = slice(int(doc_rows[k]), int(doc_rows[k + 1]))
            spelled[at] = (arrays["length"][at] == 1) & np.isin(rep_rows[at], ids_own)
    arrays["expanded"] = spelled
    # a region's positioning: headed by a role, that role its only one, long enough to name a scope
    is_role = np.zeros(len(words), dtype=bool)
    is_role[[word_id[w] for w in ROLE_HEADS if w in word_id]] = True
    role_inside = np.zeros(len(by_doc), dtype=bool)
    chars = np.zeros(len(by_doc), dtype=np.int64)
    last_at = start + kept_len - 1
    for k in range(MAX_TOKENS):
        here = k < kept_len
        at = np.where(here, start + k, start)
        chars += np.where(here, voc["chars"][ids[at]], 0)
        role_inside |= here & (at < last_at) & is_role[ids[at]]
    positioning = (kept_len > 1) & is_role[last_id] & ~role_inside & (chars >= POSITIONING_MIN_CHARS)
    del is_role, role_inside, chars, last_at
    # a role the report counts (3个|骨干冷链物流基地, 全国首批|高质量户外运动目的地) is a kind of
    # facility or title that places win, not the role the region takes
    cand = np.flatnonzero(positioning)
    n_occ = arrays["count"][cand]
    occ = np.repeat(kept_occurrences[cand] - (np.cumsum(n_occ) - n_occ), n_occ) + np.arange(int(n_occ.sum()))
    before = pos[occ] - 1
    before_id = ids[np.maximum(before, 0)]
    counters = [i for i in np.unique(before_id).tolist() if _counts(words[i], classes)]
    counted = np.isin(before_id, counters) & (before >= 0)
    positioning[cand[np.repeat(np.arange(len(cand)), n_occ)[counted]]] = False
    del cand, n_occ, occ, before, before_id, counted
    arrays["positioning"] = positioning
    # a numbered formula whose items are the report's enumerated titles, each
    # naming its head (“六个开新局”: six titles …开新局; “十二个奋力推进”: 一是奋力推进…):
    # every such title names it, in a paragraph of its own, said once or not
    for k, d in enumerate(documents):
        for term, times in _named_by_titles(d, enum_titles[enum_bounds[k]:enum_bounds[k + 1]]).items():
            if term in word_id:
                at = slice(int(doc_rows[k]), int(doc_rows[k + 1]))
                hit = (arrays["length"][at] == 1) & (rep_rows[at] == word_id[term])
                for key in ("count", "paragraphs", "title"):
                    arrays[key][at] += np.where(hit, times, 0)
                arrays["task"][at] += np.where(hit & (arrays["plan"][at] > 0), times, 0)
                spelled[at] |= hit
    # one-character Han words: only words of one character are asked
    singles = voc["chars"] == 1
    at = np.flatnonzero(singles)
    singles[at] = np.fromiter(map(is_han, [words[i] for i in at.tolist()]), dtype=bool, count=len(at))
    return PhraseStats(n_docs=int(first_copy.sum()), total_tokens=total, paths=tuple(d.path for d in documents),
                       arrays=arrays, tokens=CorpusTokens(voc["spelled"], voc["raw"]), classes=classes,
                       doc_rows=doc_rows,
                       occurrences=(kept_occurrences, pos), ids=ids, continues=voc["continues"], word_id=word_id,
                       verbs=np.fromiter(map(frozenset(PLACE_VERBS).__contains__, words), dtype=bool, count=len(words)),
                       places=voc["place"],
                       singles=singles,
                       quote_tokens=_running_sum(voc["token_quote"]))


def extraction_stats(extractions: Sequence[Extraction], *, segmenter: Segmenter | None = None) -> tuple[
        list[PhraseDocument], PhraseStats]:
    """Phrase documents and statistics of extractions cut here (no store)."""
    docs = [phrase_document(ex, segmenter=segmenter) for ex in extractions]
    return docs, learn_phrase_stats(docs)


__all__ = ["BOUND_SHARE", "CLAUSE_MARKS", "Candidate", "CorpusTokens", "LINK_SCORE", "MAX_CHARS", "MAX_TOKENS",
           "POSITIONING_MIN_CHARS", "ROLE_HEADS", "SHORT_TEXT_TOKENS",
           "PhraseStats", "extraction_stats", "learn_phrase_stats"]
