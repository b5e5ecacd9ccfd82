"""Keywords: TF-IDF and TextRank over the Segmenter's content tokens, and what
changed between two reports.

Every function takes texts (or blocks) and returns records; nothing here reads
files or the database. Tokens always come from a :class:`~sq_nlp.language.segment.Segmenter`
(``content_tokens``: no stopwords, numbers, single characters or punctuation;
project words, slogans and names whole).

IDF is learned from a corpus with scikit-learn (the Segmenter as tokenizer)
as ``ln((1+n)/(1+df))``: a word of every report (创新, 经济, 改革 in a corpus of
government reports) weighs nothing, so keywords say what sets a text apart.
With fewer than two documents a corpus has no document frequencies worth the
name, so the general IDF table shipped with jieba is used instead.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import chain
from operator import eq
from importlib import resources
from typing import Any, Literal, TypeVar

from sq_nlp.language.chars import HAN
from sq_nlp.language.places import own_names
from sq_nlp.records import Block
from sq_nlp.language.segment import Segmenter, default_segmenter

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)

METHODS = ("tfidf", "textrank")

# A corpus needs at least this many documents for its own document frequencies.
MIN_CORPUS_DOCS = 2

# Chi-square critical value for p < 0.05 at one degree of freedom; G² is
# asymptotically chi-square distributed.
G2_CRITICAL_05 = 3.84

# Words a document contributes to its own Segmenter (region, slogan terms):
# only short runs of CJK letters, Latin letters, digits and +, never a clause.
_DOC_WORD = re.compile(rf"^[{HAN}A-Za-z0-9+]{{2,10}}$")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


@dataclass(frozen=True)
class Keyword:
    """One keyword of a text: ``score`` by the method that ranked it
    (``tfidf``: term frequency share × IDF; ``textrank``: PageRank weight
    scaled so the top word is 1.0); ``count`` its occurrences in the text."""

    term: str
    score: float
    count: int
    method: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Idf:
    """Inverse document frequencies: ``weights[term]``, and ``default`` for a
    term the table does not know. ``source`` is ``corpus`` (learned, smooth
    IDF ``ln((1+n)/(1+df))`` over ``n_docs`` distinct documents: 0 for a term
    of every document) or ``general``
    (jieba's shipped table; unknown terms get its median)."""

    weights: Mapping[str, float] = field(repr=False)
    default: float
    source: Literal["corpus", "general"]
    n_docs: int

    def __getitem__(self, term: str) -> float:
        return self.weights.get(term, self.default)


ChangeStatus = Literal["new", "rising", "falling"]


@dataclass(frozen=True)
class TermChange:
    """How a term's use changed from an older text to a newer one.

    ``rel_old``/``rel_new`` are occurrences per 10,000 content tokens;
    ``log_ratio`` is log2 of the ratio of smoothed relative frequencies
    ``(count + 0.5) / tokens`` (new over old: positive means more use);
    ``g2`` is Dunning's log-likelihood statistic of the 2×2 table (term vs
    other tokens, old vs new): above 3.84 the difference is significant at
    p < 0.05. ``status`` is ``new`` (absent from the old text), ``rising`` or
    ``falling`` (including terms absent from the new text).
    """

    term: str
    status: ChangeStatus
    count_old: int
    count_new: int
    rel_old: float
    rel_new: float
    log_ratio: float
    g2: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


def _check_corpus(texts: object) -> None:
    if isinstance(texts, str):
        raise ValueError("expected a sequence of texts, got a single str: wrap it in a list")


def document_segmenter(words: Iterable[str] = ()) -> Segmenter:
    """A Segmenter that also keeps a document's own names and slogans whole.

    ``words`` are the document's region and slogan terms; only short word-like
    strings are kept (a quoted clause is not a word). It shares the tokenizer
    of :func:`~sq_nlp.language.segment.default_segmenter`, which it is when there are
    no such words.
    """
    base = default_segmenter()
    extra = sorted({w for w in words if w and _DOC_WORD.match(w)} - base.words)
    if not extra:
        return base
    return base.keeping(extra)


@lru_cache(maxsize=1)
def general_idf() -> Idf:
    """The general IDF table shipped with jieba (``jieba/analyse/idf.txt``)."""
    text = resources.files("jieba.analyse").joinpath("idf.txt").read_text(encoding="utf-8")
    weights: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            weights[parts[0]] = float(parts[1])
    values = sorted(weights.values())
    return Idf(weights=weights, default=values[len(values) // 2], source="general", n_docs=0)


def learn_idf(texts: Sequence[str], *, segmenter: Segmenter | None = None) -> Idf:
    """Learn smooth IDF from a corpus of texts (one per document) with scikit-learn.

    Identical texts count once (the same report stored from two files must
    not halve its own words' weight). Falls back to :func:`general_idf` when
    there are fewer than ``MIN_CORPUS_DOCS`` documents. A term of no corpus
    document gets the IDF of a term seen nowhere (the highest).
    """
    _check_corpus(texts)
    texts = list(dict.fromkeys(t for t in texts if t and t.strip()))
    if len(texts) < MIN_CORPUS_DOCS:
        log.info("corpus of %d document(s): using the general IDF table", len(texts))
        return general_idf()
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(
        tokenizer=segmenter or default_segmenter(),
        token_pattern=None,
        lowercase=False,
        smooth_idf=True,
    )
    vec.fit(texts)
    # scikit-learn adds 1 so that no term is ignored; here a term of every
    # document should be ignored: with the 1, 创新 said 36 times outranks a
    # report's own 新质生产力 said 5 times.
    weights = {term: float(vec.idf_[i]) - 1.0 for term, i in vec.vocabulary_.items()}
    default = math.log((1 + len(texts)) / 1)
    return Idf(weights=weights, default=default, source="corpus", n_docs=len(texts))


def _distinct_documents(documents: Iterable[Sequence[str]]) -> list[Sequence[str]]:
    """The non-empty ``documents``, each content once (the first copy), in
    order. Only documents of the same length and the same first, middle and
    last token are compared whole: no pass over every token to hash it."""
    out: list[Sequence[str]] = []
    # A bucket keeps its first document, and a list only once two documents
    # share it: no lasting container per document, since each one counts
    # towards a garbage collection, which would walk every token of the
    # caller's token lists (young objects still) while they live.
    first: dict[int, Sequence[str]] = {}
    more: dict[int, list[Sequence[str]]] = {}
    for doc in documents:
        if not doc:
            continue
        if not isinstance(doc, (list, tuple)):
            doc = tuple(doc)  # (a generator is a document even when it yields nothing)
        n = len(doc)
        key = hash((n, doc[0], doc[n // 2], doc[-1])) if n else 0
        if key in first:
            same = more.setdefault(key, [first[key]])
            if any(len(other) == n and all(map(eq, doc, other)) for other in same):
                continue
            same.append(doc)
        else:
            first[key] = doc
        out.append(doc)
    return out


def learn_idf_from_tokens(documents: Sequence[Sequence[str]], *, segmenter: Segmenter | None = None) -> Idf:
    """The same smooth IDF as :func:`learn_idf`, from tokens already cut (the
    store keeps every block's tokens), so the corpus is not segmented twice.

    Only the tokens :meth:`Segmenter.is_content` accepts count; identical
    documents count once; fewer than ``MIN_CORPUS_DOCS`` documents give the
    general table.
    """
    _check_corpus(documents)
    seg = segmenter or default_segmenter()
    distinct = _distinct_documents(documents)
    if len(distinct) < MIN_CORPUS_DOCS:
        log.info("corpus of %d document(s): using the general IDF table", len(distinct))
        return general_idf()
    # counted with C-level set and Counter operations: no Python loop per token
    df = Counter(chain.from_iterable(map(set, distinct)))
    n = len(distinct)
    weights = {term: math.log((1 + n) / (1 + k)) for term, k in df.items() if seg.is_content(term)}
    return Idf(weights=weights, default=math.log(1 + n), source="corpus", n_docs=n)


def _ranked(scores: Mapping[str, float], counts: Mapping[str, int], method: str, top: int) -> list[Keyword]:
    # ties broken by count, then by the term itself, so output is stable
    order = sorted(scores, key=lambda t: (-scores[t], -counts.get(t, 0), t))
    return [Keyword(t, round(scores[t], 6), counts.get(t, 0), method) for t in order[:top]]


def tfidf_keywords(
    text: str,
    *,
    idf: Idf | None = None,
    segmenter: Segmenter | None = None,
    top: int = 20,
    exclude: Iterable[str] = (),
) -> list[Keyword]:
    """The ``top`` TF-IDF keywords of ``text``: share of content tokens × IDF.

    ``idf`` defaults to the general table (right for a single document).
    Terms in ``exclude`` (e.g. the report's own region) are left out; so are
    terms whose score is 0 (in every document of the IDF's corpus).
    """
    seg = segmenter or default_segmenter()
    counts = Counter(seg.content_tokens(text))
    total = sum(counts.values())
    if not total:
        return []
    table = idf or general_idf()
    skip = set(exclude)
    scores = {t: c / total * table[t] for t, c in counts.items() if t not in skip}
    scores = {t: v for t, v in scores.items() if v > 0}
    return _ranked(scores, counts, "tfidf", top)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def textrank_keywords(
    text: str,
    *,
    segmenter: Segmenter | None = None,
    top: int = 20,
    window: int = 5,
    damping: float = 0.85,
    iterations: int = 100,
    tolerance: float = 1e-8,
    exclude: Iterable[str] = (),
) -> list[Keyword]:
    """The ``top`` TextRank keywords of ``text``.

    Content tokens co-occurring within ``window`` tokens of one sentence are
    linked (weight = number of co-occurrences); weighted PageRank with
    ``damping`` ranks them (Mihalcea & Tarau 2004). Scores are scaled so the
    top keyword has 1.0. Terms in ``exclude`` are left out of the graph.
    """
    seg = segmenter or default_segmenter()
    skip = set(exclude)
    counts: Counter[str] = Counter()
    edges: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in _sentences(text):
        tokens = [t for t in seg.content_tokens(sentence) if t not in skip]
        counts.update(tokens)
        for i, a in enumerate(tokens):
            for b in tokens[i + 1 : i + window]:
                if a != b:
                    edges[a][b] += 1
                    edges[b][a] += 1
    if not counts:
        return []
    nodes = sorted(counts)
    out_weight = {n: sum(edges[n].values()) for n in nodes}
    rank = dict.fromkeys(nodes, 1.0)
    for _ in range(iterations):
        new = {}
        for n in nodes:
            incoming = sum(w * rank[m] / out_weight[m] for m, w in edges[n].items())
            new[n] = (1 - damping) + damping * incoming
        delta = max(abs(new[n] - rank[n]) for n in nodes)
        rank = new
        if delta < tolerance:
            break
    peak = max(rank.values())
    return _ranked({n: r / peak for n, r in rank.items()}, counts, "textrank", top)


def keywords(
    text: str,
    *,
    method: str = "tfidf",
    idf: Idf | None = None,
    segmenter: Segmenter | None = None,
    top: int = 20,
    exclude: Iterable[str] = (),
) -> list[Keyword]:
    """Keywords of ``text`` by ``method`` (``tfidf`` or ``textrank``), without
    the terms in ``exclude``."""
    if method == "tfidf":
        return tfidf_keywords(text, idf=idf, segmenter=segmenter, top=top, exclude=exclude)
    if method == "textrank":
        return textrank_keywords(text, segmenter=segmenter, top=top, exclude=exclude)
    raise ValueError(f"unknown keyword method {method!r}; use one of {METHODS}")


def keywords_by_group(
    groups: Mapping[K, str],
    *,
    method: str = "tfidf",
    idf: Idf | None = None,
    segmenter: Segmenter | None = None,
    top: int = 20,
    exclude: Iterable[str] = (),
) -> dict[K, list[Keyword]]:
    """Keywords of each group's text (a document, section, year or region),
    without the terms in ``exclude``.

    With ``tfidf`` and no ``idf``, IDF is learned over the groups themselves,
    so each group's keywords are what sets it apart from the others.
    """
    if method == "tfidf" and idf is None:
        idf = learn_idf(list(groups.values()), segmenter=segmenter)
    skip = frozenset(exclude)
    return {k: keywords(t, method=method, idf=idf, segmenter=segmenter, top=top, exclude=skip)
            for k, t in groups.items()}


def corpus_keywords(
    texts: Sequence[str],
    *,
    method: str = "tfidf",
    segmenter: Segmenter | None = None,
    top: int = 20,
) -> list[list[Keyword]]:
    """Keywords of each text of a corpus, IDF learned over the corpus itself."""
    _check_corpus(texts)
    by_index = keywords_by_group(dict(enumerate(texts)), method=method, segmenter=segmenter, top=top)
    return [by_index[i] for i in range(len(texts))]


_REGION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "街道", "新区", "省", "市", "区", "县", "镇", "乡")


def region_terms(regions: Iterable[str | None]) -> set[str]:
    """A report's own region names, whole and without their administrative
    suffix (重庆市 -> 重庆, 圣泉街道 -> 圣泉, 宁夏回族自治区 -> 宁夏), and a
    province's conventional names (龙江 of 黑龙江): saying "重庆" in Chongqing's
    report tells the reader nothing, so keyword lists leave these out."""
    out: set[str] = set()
    for region in regions:
        if not region:
            continue
        out |= own_names(region)
        for suffix in _REGION_SUFFIXES:
            if region.endswith(suffix) and len(region) - len(suffix) >= 2:
                out.add(region[: -len(suffix)])
                break
    return out


def group_texts(items: Iterable[tuple[K, str]]) -> dict[K, str]:
    """Join texts that share a key (e.g. documents of one year or region), in order."""
    joined: dict[K, list[str]] = {}
    for key, text in items:
        joined.setdefault(key, []).append(text)
    return {k: "\n".join(v) for k, v in joined.items()}


def section_texts(blocks: Iterable[Block]) -> dict[str | None, str]:
    """The paragraph text under each section of a document, in order of first
    appearance (``None``: paragraphs under no heading)."""
    return group_texts((b.section, b.text) for b in blocks if b.kind == "paragraph")


def term_frequencies(text: str, *, segmenter: Segmenter | None = None) -> Counter[str]:
    """Content-token counts of ``text`` (what a word cloud draws)."""
    return Counter((segmenter or default_segmenter()).content_tokens(text))


def _g2(a: int, b: int, n_a: int, n_b: int) -> float:
    """Dunning's log-likelihood for counts ``a`` of ``n_a`` vs ``b`` of ``n_b``."""
    expected_a = n_a * (a + b) / (n_a + n_b)
    expected_b = n_b * (a + b) / (n_a + n_b)
    g = 0.0
    if a:
        g += a * math.log(a / expected_a)
    if b:
        g += b * math.log(b / expected_b)
    return 2 * g


def compare_counts(
    old: Mapping[str, int],
    new: Mapping[str, int],
    *,
    min_count: int = 2,
    min_g2: float = G2_CRITICAL_05,
    totals: tuple[int, int] | None = None,
) -> list[TermChange]:
    """New, rising and falling terms from ``old`` counts to ``new`` counts
    (out of ``totals`` tokens of each text: by default the counts' sums).

    A term is reported when it occurs at least ``min_count`` times in the text
    where it is more frequent and its G² is at least ``min_g2``. Sorted by
    status (new, rising, falling), then by G² descending.
    """
    n_old, n_new = totals if totals is not None else (sum(old.values()), sum(new.values()))
    if not n_old or not n_new:
        raise ValueError("both texts need content tokens to compare")
    changes = []
    for term in set(old) | set(new):
        a, b = old.get(term, 0), new.get(term, 0)
        if max(a, b) < min_count:
            continue
        g2 = _g2(a, b, n_old, n_new)
        if g2 < min_g2:
            continue
        log_ratio = math.log2(((b + 0.5) / n_new) / ((a + 0.5) / n_old))
        status: ChangeStatus = "new" if a == 0 else "rising" if log_ratio > 0 else "falling"
        changes.append(
            TermChange(
                term=term,
                status=status,
                count_old=a,
                count_new=b,
                rel_old=round(a / n_old * 10_000, 3),
                rel_new=round(b / n_new * 10_000, 3),
                log_ratio=round(log_ratio, 4),
                g2=round(g2, 4),
            )
        )
    order = {"new": 0, "rising": 1, "falling": 2}
    changes.sort(key=lambda c: (order[c.status], -c.g2, c.term))
    return changes


# A report's first keyphrases: one of them that the other year's report never says is a change
# however rarely said (a new formula is often said once).
LEADING_PHRASES = 20


def phrase_changes(
    old_text: str,
    new_text: str,
    phrases: Iterable[str],
    *,
    leading: Iterable[str] = (),
    segmenter: Segmenter | None = None,
    min_count: int = 2,
    min_g2: float = G2_CRITICAL_05,
) -> list[TermChange]:
    """:func:`term_changes` of ``phrases`` (the two reports' keyphrases, say):
    a new or rising 提法 is a phrase the reports use, not a token of the
    segmenter (以学 of 以学铸魂). Each phrase is counted in each text (quote marks
    ignored), out of the text's content tokens. A ``leading`` phrase (the
    head of either report's list) that only one of the texts says is listed
    however few its uses: a new formula is often said once (新质生产力 in 2024)."""
    from sq_nlp.summaries.keywords.phrases import strip_quotes

    seg = segmenter or default_segmenter()
    old_plain, new_plain = strip_quotes(old_text), strip_quotes(new_text)
    terms = {strip_quotes(p) for p in phrases} - {""}
    totals = (sum(term_frequencies(old_text, segmenter=seg).values()),
              sum(term_frequencies(new_text, segmenter=seg).values()))
    old_counts, new_counts = {t: old_plain.count(t) for t in terms}, {t: new_plain.count(t) for t in terms}
    changes = compare_counts(old_counts, new_counts, min_count=min_count, min_g2=min_g2, totals=totals)
    listed = {c.term for c in changes}
    rank = {t: i for i, t in reversed(list(enumerate(map(strip_quotes, leading))))}
    one_sided = [t for t in rank if t in terms and t not in listed and (old_counts[t] == 0) != (new_counts[t] == 0)]
    if one_sided:
        changes += compare_counts({t: old_counts[t] for t in one_sided}, {t: new_counts[t] for t in one_sided},
                                  min_count=1, min_g2=0.0, totals=totals)
    # the new formulas in the order their report ranks them (the most central first), the rest by G²
    order = {"new": 0, "rising": 1, "falling": 2}
    changes.sort(key=lambda c: (order[c.status], rank.get(c.term, len(rank)) if c.status == "new" else 0, -c.g2, c.term))
    return changes


def term_changes(
    old_text: str,
    new_text: str,
    *,
    segmenter: Segmenter | None = None,
    min_count: int = 2,
    min_g2: float = G2_CRITICAL_05,
) -> list[TermChange]:
    """What changed between two reports (e.g. last year's and this year's):
    see :func:`compare_counts` for the statistic."""
    seg = segmenter or default_segmenter()
    return compare_counts(
        term_frequencies(old_text, segmenter=seg),
        term_frequencies(new_text, segmenter=seg),
        min_count=min_count,
        min_g2=min_g2,
    )
