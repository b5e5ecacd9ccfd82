"""Phrase candidates of reports: slogans, noun phrases and phrases mined from
the corpus.

A report's signature phrases (超长期特别国债, 全国统一大市场, “33618”现代制造业集群体系)
are cut into several tokens by any dictionary. Candidates are rebuilt from the
Segmenter's tokens in three ways:

* **slogans**: the terms the slogan stage found (“千万工程”, 三个定位, 1+3+N) are
  merged back into one token wherever the report writes them, with their
  quotes where the report quotes them;
* **mined phrases**: two neighbouring tokens are *linked* when they occur
  together far more often than chance over the whole store (a discounted
  pointwise mutual information, ``(n_ab - δ) · T / (n_a · n_b)``, as word2phrase
  and Chinese new-word discovery score collocations); every run of linked
  tokens is a chain, and the spans of a chain are candidates;
* **noun-phrase patterns**: a span must open with a noun or modifier and end
  with a noun (or be a noun followed by one two-character verb: 党建引领,
  离岛免税), never with a function word, number or adverb, so a chain such as
  推动 高质量发展 yields 高质量发展 and not 推动高质量发展.

Each span is counted where it stands: in a heading, in the short lead
sentence that opens a paragraph (the bold task titles of a report), in the
plan part of the report (after the review), or elsewhere. Everything here is
counting; :mod:`sq_nlp.summaries.keywords.ranking` turns the counts into
keyphrases. Part-of-speech tags come from the Segmenter's tagger, one lookup
per distinct token.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sq_nlp.errors import ConfigError
from sq_nlp.language.segment import Segmenter, default_segmenter, load_stopwords

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sq_nlp.records import Block, Extraction

# Quote marks a report puts around its coined terms.
OPEN_QUOTES = ("“", "‘", "「", "『", '"')
CLOSE_QUOTES = ("”", "’", "」", "』", '"')
QUOTE_CHARS = frozenset("“”‘’「」『』\"'")
_NO_QUOTES = str.maketrans("", "", "".join(QUOTE_CHARS))

# A lead sentence (the bold task title opening a paragraph: “（三）着力扩大国内需求。”)
# is at most this many characters; longer first sentences are ordinary text.
LEAD_CHARS = 30
# The longest span considered, in tokens and in characters.
MAX_TOKENS = 6
MAX_CHARS = 16
# Collocation score (discounted PMI, in units of chance) above which two
# neighbouring tokens are linked, the discount, and the least count of a pair.
LINK_SCORE = 10.0
LINK_DISCOUNT = 1.0
LINK_MIN_COUNT = 2
# A word of jieba's general dictionary at least this frequent there is basic
# vocabulary (企业, 创新, 推进), not a named policy or phrase (扩大内需 has 3).
BASIC_WORD_FREQ = 100

# Token classes. P: a break (punctuation, number, function word); N: a noun
# or name (may open, stand inside or close a phrase); A: a modifier (opens or
# stands inside, never closes); H: a head noun of the stopword list (体系,
# 中心: inside or closing); V: a verb (inside, or closing a noun + verb pair);
# W: weak (adverbs, numerals, generic verbal nouns such as 建设: inside only).
_BREAK_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "rr", "rz", "rg", "y", "e",
                         "o", "h", "k", "zg", "q", "w"})
_STOP_BREAK_TAGS = frozenset({"d", "ad", "c", "p", "r", "m", "q", "f", "t", "u", "v", "vd", "l", "i", "nz", "zg",
                              "x"})
_PUNCT_OR_SPACE = re.compile(r"^[\W_]+$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_HAS_LETTER = re.compile(r"[\u3400-\u9fffA-Za-z]")
_SENTENCE_END = frozenset({"。", "！", "？", "；", "：", "!", "?", ";", ":"})

# Top-level headings (一、…) that open the review and the plan parts.
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_REVIEW_HEADING = re.compile(r"回顾|过去")
_PLAN_HEADING = re.compile(r"今年|明年|工作安排|主要任务|工作任务|目标任务|总体要求|政策取向|工作建议|重点工作|主要考虑|"
                           r"十[一二三四五六七八九]?五")


@lru_cache(maxsize=1)
def basic_words() -> frozenset[str]:
    """Words of jieba's general dictionary with frequency >= ``BASIC_WORD_FREQ``:
    the basic vocabulary that alone never names a report's theme.

    Read from the file without importing jieba (its import is slow and
    installs a log handler)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("jieba is not installed; install the project's dependencies (pip install -e .)")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    words = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= BASIC_WORD_FREQ:
                words.append(parts[0])
    return frozenset(words)


class TokenClasses(dict):
    """Token -> class letter (see the module's classes), computed once per
    distinct token with the Segmenter's part-of-speech tagger.

    Tokens in ``slogans`` (merged slogan terms) are names: class ``N``.
    """

    def __init__(self, segmenter: Segmenter | None = None) -> None:
        super().__init__()
        self.segmenter = segmenter or default_segmenter()
        self.stopwords = load_stopwords()
        self.tags: dict[str, str] = {}
        self.names: set[str] = set()

    def add_names(self, terms: Iterable[str]) -> None:
        """Make ``terms`` (slogans merged into one token) names: class ``N``."""
        for t in terms:
            self.names.add(t)
            self[t] = "N"

    def tag(self, token: str) -> str:
        """The part-of-speech tag of a token on its own (``x`` when the tagger splits it)."""
        t = self.tags.get(token)
        if t is None:
            pairs = self.segmenter.tag(token)
            t = self.tags[token] = pairs[0][1] if len(pairs) == 1 else "x"
        return t

    def __missing__(self, token: str) -> str:
        self[token] = c = self._classify(token)
        return c

    def _classify(self, token: str) -> str:
        if token in self.names or token[:1] in QUOTE_CHARS and len(token) > 2:
            return "N"  # a merged quoted slogan
        if _PUNCT_OR_SPACE.match(token) or _HAS_DIGIT.search(token):
            return "P"
        t = self.tag(token)
        stop = token in self.stopwords
        if t in _BREAK_TAGS:
            return "P"
        if len(token) == 1:
            # a one-character noun is a suffix or a head (化, 性, 省): it never opens a phrase
            return "A" if t in ("a", "b") else "H" if t in ("n", "ns", "j", "ng") else "P"
        if stop:
            if t in _STOP_BREAK_TAGS:
                return "P"
            return "W" if t in ("vn", "a", "b", "an", "ad") else "H"
        if t in ("d", "ad", "m", "t", "f"):
            return "W"
        if t in ("v", "vd", "vi", "vg"):
            return "V"
        if t in ("a", "b", "an", "z"):
            return "A"
        return "N"


@dataclass(frozen=True)
class PhraseDocument:
    """What phrase mining needs of one report: the tokens of each paragraph
    and heading (slogans merged into one token each) with where the block
    stands, and the report's region and slogans.

    ``roles[i]`` is ``(heading, lead_tokens, plan)`` for ``blocks[i]``: a
    heading, how many leading tokens form a lead sentence (0: none), whether
    it is in the plan part.
    """

    path: str
    region: str | None
    blocks: tuple[tuple[str, ...], ...] = field(repr=False)
    roles: tuple[tuple[bool, int, bool], ...] = field(repr=False)
    slogans: tuple[str, ...] = ()

    @property
    def n_tokens(self) -> int:
        """Tokens in the report's paragraphs and headings."""
        return sum(len(b) for b in self.blocks)


def _slogan_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if len(t) >= 2}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else None


def merge_terms(text: str, tokens: Sequence[str], pattern: re.Pattern[str] | None) -> list[str]:
    """``tokens`` of ``text`` with each match of ``pattern`` that starts and
    ends on token boundaries merged into one token, taking in the quote marks
    around it when the text quotes it (“千万工程”)."""
    tokens = list(tokens)
    if pattern is None or not tokens:
        return tokens
    index: dict[int, int] = {0: 0}
    pos = 0
    for i, tok in enumerate(tokens, 1):
        pos += len(tok)
        index[pos] = i
    if pos != len(text):  # tokens of another text: leave them
        return tokens
    out: list[str] = []
    k = 0
    for m in pattern.finditer(text):
        i, j = index.get(m.start()), index.get(m.end())
        if i is None or j is None or i < k:
            continue
        if i > k and tokens[i - 1] in OPEN_QUOTES and j < len(tokens) and tokens[j] in CLOSE_QUOTES:
            i, j = i - 1, j + 1
        out.extend(tokens[k:i])
        out.append("".join(tokens[i:j]))
        k = j
    out.extend(tokens[k:])
    return out


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


def _lead_tokens(tokens: Sequence[str]) -> int:
    """How many leading tokens form a short lead sentence (0 when the first
    sentence is longer than ``LEAD_CHARS`` or the block has no sentence end)."""
    chars = 0
    for i, tok in enumerate(tokens):
        if tok in _SENTENCE_END:
            return i if chars <= LEAD_CHARS else 0
        chars += len(tok)
        if chars > LEAD_CHARS:
            return 0
    return 0


def phrase_document(
    extraction: Extraction,
    block_tokens: Sequence[Sequence[str]] | None = None,
    *,
    segmenter: Segmenter | None = None,
) -> PhraseDocument:
    """The :class:`PhraseDocument` of an extraction.

    ``block_tokens`` are the tokens of each block as the store keeps them
    (whitespace dropped); without them the blocks are cut with ``segmenter``
    (default: the shared Segmenter).
    """
    blocks = extraction.blocks
    if block_tokens is None:
        seg = segmenter or default_segmenter()
        block_tokens = [seg.cut(b.text) for b in blocks]
    elif len(block_tokens) != len(blocks):
        raise ValueError(f"{len(block_tokens)} token lists for {len(blocks)} blocks")
    slogans = tuple(dict.fromkeys(s.term for s in extraction.slogans))
    pattern = _slogan_pattern(slogans)
    plan = _plan_flags(blocks, extraction.document.year)
    kept: list[tuple[str, ...]] = []
    roles: list[tuple[bool, int, bool]] = []
    for b, toks, in_plan in zip(blocks, block_tokens, plan):
        if b.kind not in ("paragraph", "heading"):
            continue
        toks = [t for t in toks if t.strip()]
        if pattern is not None and "".join(toks) == b.text.replace(" ", "").replace("\u3000", ""):
            toks = merge_terms("".join(toks), toks, pattern)
        heading = b.kind == "heading"
        kept.append(tuple(toks))
        roles.append((heading, 0 if heading else _lead_tokens(toks), in_plan))
    return PhraseDocument(path=extraction.document.path, region=extraction.document.region,
                          blocks=tuple(kept), roles=tuple(roles), slogans=slogans)


def key_tokens(key: str | tuple[str, ...]) -> tuple[str, ...]:
    """The tokens of a candidate key."""
    return (key,) if isinstance(key, str) else key


def key_term(key: str | tuple[str, ...]) -> str:
    """The phrase a key stands for: its tokens joined, quote marks stripped
    (“十五五” and 十五五 are one phrase)."""
    return (key if isinstance(key, str) else "".join(key)).translate(_NO_QUOTES)


def strip_quotes(term: str) -> str:
    """``term`` without quote marks (how candidates and variants are compared)."""
    return term.translate(_NO_QUOTES)


@dataclass(frozen=True)
class Candidate:
    """One candidate phrase of one report: ``count`` occurrences, ``heading``
    of them in headings or lead sentences, ``plan`` in the plan part;
    ``surface`` the spelling the report uses most (with its quotes) and
    ``tokens`` its token split."""

    term: str
    count: int
    heading: int
    plan: int
    surface: str
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class DocumentCounts:
    """Occurrence counts of a report's candidate keys (a key is one token or
    a tuple of tokens): ``total``, ``heading`` (in headings and lead
    sentences) and ``plan`` (in the plan part); ``terms`` maps each phrase to
    its keys (one per spelling)."""

    total: Counter = field(repr=False)
    heading: Counter = field(repr=False)
    plan: Counter = field(repr=False)
    terms: Mapping[str, tuple] = field(repr=False)

    def count(self, term: str) -> int:
        """Occurrences of a phrase in the report, all spellings."""
        return sum(self.total[k] for k in self.terms.get(term, ()))

    def candidate(self, term: str) -> Candidate:
        """The :class:`Candidate` of a phrase of this report."""
        keys = self.terms[term]
        best = max(keys, key=lambda k: self.total[k])
        return Candidate(
            term=term,
            count=sum(self.total[k] for k in keys),
            heading=sum(self.heading[k] for k in keys),
            plan=sum(self.plan[k] for k in keys),
            surface=best if isinstance(best, str) else "".join(best),
            tokens=key_tokens(best),
        )


@dataclass(frozen=True)
class PhraseStats:
    """What the store says about phrases: the linked token pairs, each
    phrase's document frequency and count over the corpus, and each report's
    candidate counts (``documents[path]``).

    ``n_docs`` counts distinct reports, ``n_tokens`` their tokens.
    """

    n_docs: int
    n_tokens: int
    links: frozenset = field(repr=False)
    df: Mapping[str, int] = field(repr=False)
    corpus_count: Mapping[str, int] = field(repr=False)
    documents: Mapping[str, DocumentCounts] = field(repr=False)

    def idf(self, term: str) -> float:
        """Smooth IDF ``ln((1+n)/(1+df))`` of a phrase (0 for a phrase of every report)."""
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0)))


def learn_links(documents: Sequence[PhraseDocument], classes: TokenClasses) -> tuple[frozenset, int]:
    """Token pairs that stand together far more often than chance over
    ``documents`` (see ``LINK_SCORE``), and the number of tokens counted."""
    unigrams: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for doc in documents:
        for toks in doc.blocks:
            unigrams.update(toks)
            pairs.update(zip(toks, toks[1:]))
    total = sum(unigrams.values())
    frequent = [(p, n) for p, n in pairs.items() if n >= LINK_MIN_COUNT]
    links = set()
    for (a, b), n in frequent:
        if (n - LINK_DISCOUNT) * total >= LINK_SCORE * unigrams[a] * unigrams[b] \
                and classes[a] != "P" and classes[b] != "P":
            links.add((a, b))
    return frozenset(links), total


def count_candidates(doc: PhraseDocument, links: frozenset, classes: TokenClasses) -> DocumentCounts:
    """Count every candidate key of one report where it stands (see :class:`DocumentCounts`)."""
    every: list = []
    heads: list = []
    plans: list = []
    for toks, (heading, lead, plan) in zip(doc.blocks, doc.roles):
        n = len(toks)
        if not n:
            continue
        cls = [classes[t] for t in toks]
        found = [t for t, c in zip(toks, cls) if c == "N"]
        first = len(found)
        if heading:
            heads.extend(found)
        elif lead:
            heads.extend(t for t, c in zip(toks[:lead], cls) if c == "N")
        linked = [p in links for p in zip(toks, toks[1:])]
        if True in linked:
            i = 0
            while i < n - 1:
                if not linked[i]:
                    i += 1
                    continue
                j = i
                while j < n - 1 and linked[j]:
                    j += 1
                # toks[i..j] is a chain of linked tokens: its noun-phrase spans
                for a in range(i, j):
                    if cls[a] not in "NA":
                        continue
                    for b in range(a + 1, min(j, a + MAX_TOKENS - 1) + 1):
                        cb = cls[b]
                        if cb in "NH" or (cb == "V" and b == a + 1 and cls[a] == "N" and len(toks[b]) == 2):
                            key = toks[a:b + 1]
                            if sum(map(len, key)) <= MAX_CHARS:
                                found.append(key)
                                if not heading and a < lead:
                                    heads.append(key)
                i = j + 1
        if heading:
            heads.extend(found[first:])
        every.extend(found)
        if plan:
            plans.extend(found)
    total = Counter(every)
    terms: dict[str, list] = {}
    for key in total:
        terms.setdefault(key_term(key), []).append(key)
    return DocumentCounts(total=total, heading=Counter(heads), plan=Counter(plans),
                          terms={t: tuple(k) for t, k in terms.items()})


def learn_phrase_stats(documents: Sequence[PhraseDocument], *, classes: TokenClasses | None = None) -> PhraseStats:
    """Link statistics, document frequencies and candidate counts of a corpus
    of reports (the store's documents). A report stored twice (the same
    tokens) counts once in the document frequencies."""
    if isinstance(documents, PhraseDocument):
        raise ValueError("expected a sequence of PhraseDocument, got one: wrap it in a list")
    if classes is None:
        classes = TokenClasses()
    for d in documents:
        classes.add_names(d.slogans)
    links, total = learn_links(documents, classes)
    df: Counter[str] = Counter()
    corpus: Counter[str] = Counter()
    counts: dict[str, DocumentCounts] = {}
    seen: set[tuple[tuple[str, ...], ...]] = set()
    for d in documents:
        dc = counts[d.path] = count_candidates(d, links, classes)
        if d.blocks in seen:
            continue
        seen.add(d.blocks)
        df.update(dc.terms.keys())
        for key, n in dc.total.items():
            corpus[key_term(key)] += n
    return PhraseStats(n_docs=len(seen), n_tokens=total, links=links, df=df, corpus_count=corpus,
                       documents=counts)


def extraction_stats(extractions: Sequence[Extraction], *, segmenter: Segmenter | None = None) -> tuple[
        list[PhraseDocument], PhraseStats]:
    """Phrase documents and statistics of extractions cut here (no store)."""
    docs = [phrase_document(ex, segmenter=segmenter) for ex in extractions]
    return docs, learn_phrase_stats(docs)


__all__ = [
    "Candidate", "DocumentCounts", "PhraseDocument", "PhraseStats", "TokenClasses", "basic_words",
    "count_candidates", "extraction_stats", "key_term", "learn_links", "learn_phrase_stats", "merge_terms",
    "phrase_document", "strip_quotes",
]
