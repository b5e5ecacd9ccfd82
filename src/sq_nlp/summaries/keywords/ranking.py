"""Keyphrases of a report, ranked for a reader.

Two named modes over the same candidates (:mod:`.phrases`):

* ``poster`` (the default of clouds and the report page): what a publicity
  office would print. *Central*: every mention counts, a mention in a heading
  or a lead sentence counts ``1 + HEADING_WEIGHT`` times, one in the plan part
  ``PLAN_WEIGHT`` more; a slogan the report repeats or puts in a heading is
  its own coined programme (``SLOGAN_PRIOR``). *Distinctive*, gently: the
  corpus IDF is smoothed, ``(idf + IDF_SMOOTHING) / (idf_max + IDF_SMOOTHING)``,
  so a theme every report shares but this one stresses (高质量发展 said 25
  times) still beats a place named twice.
* ``research``: what sets this report apart from the others in the store,
  Dunning's log-likelihood G² of the phrase's count here against its count in
  the rest of the corpus (overused terms only).

Both keep only phrases: never a number, a single character, a stopword, the
report's own region, basic vocabulary used by most reports (企业, 创新), a
single word of three characters or fewer that is no project word (山区,
强省), or a fragment (a phrase the report nearly always continues the same
way: 统一大市场 inside 全国统一大市场). The list is diverse: a phrase that
contains, or is contained in, a phrase ranked above it is left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sq_nlp.language.segment import default_segmenter, load_stopwords
from sq_nlp.summaries.keywords.phrases import (
    Candidate,
    PhraseDocument,
    PhraseStats,
    basic_words,
    key_term,
    strip_quotes,
)
from sq_nlp.summaries.keywords.words import Keyword, _g2

MODES = ("poster", "research")

HEADING_WEIGHT = 3.0
PLAN_WEIGHT = 0.5
IDF_SMOOTHING = 4.0
SLOGAN_PRIOR = 1.5
# A phrase is a fragment when one longer candidate holds at least this share
# of its occurrences.
BOUND_SHARE = 0.75
# Basic vocabulary in at least this share of the reports is generic alone;
# a phrase made only of basic words, in at least GENERIC_PHRASE_SHARE.
GENERIC_WORD_SHARE = 0.5
GENERIC_PHRASE_SHARE = 0.25
# Document frequencies mean little in a smaller store.
MIN_DOCS_FOR_DF = 4


@dataclass(frozen=True)
class Keyphrase(Keyword):
    """A keyphrase: ``term`` as the report writes it (quotes kept where it
    quotes: “千万工程”), ``score`` by ``method`` (``poster`` or ``research``),
    ``count`` its occurrences; ``source`` is ``slogan`` (a term of the slogan
    stage), ``phrase`` (several tokens joined) or ``word`` (one token)."""

    source: str = "phrase"


def _is_generic(cand: Candidate, df: int, n_docs: int, basic: frozenset[str]) -> bool:
    toks = cand.tokens
    if not all(strip_quotes(t) in basic for t in toks):
        return False
    if n_docs < MIN_DOCS_FOR_DF:
        return len(toks) == 1
    share = GENERIC_WORD_SHARE if len(toks) == 1 else GENERIC_PHRASE_SHARE
    return df >= share * n_docs


class _Ranker:
    """Eligibility and scores of one report's candidates."""

    def __init__(self, doc: PhraseDocument, stats: PhraseStats, exclude: Iterable[str]) -> None:
        self.doc = doc
        self.stats = stats
        self.counts = stats.documents[doc.path]
        self.skip = {strip_quotes(t) for t in exclude}
        self.stop = load_stopwords()
        self.basic = basic_words()
        self.words = default_segmenter().words
        self.slogans = set(doc.slogans)
        self._extenders: dict[str, list[tuple[str, int]]] | None = None

    def source(self, term: str, cand: Candidate) -> str:
        if any(strip_quotes(t) in self.slogans for t in cand.tokens):
            return "slogan" if len(cand.tokens) == 1 else "phrase"
        return "word" if len(cand.tokens) == 1 else "phrase"

    def eligible(self, term: str, cand: Candidate) -> bool:
        if len(term) < 2 or term in self.skip or term in self.stop or not any(
                "\u3400" <= ch <= "\u9fff" or ch.isalpha() for ch in term):
            return False
        single = len(cand.tokens) == 1
        slogan = single and term in self.slogans
        if single and not slogan and len(term) < 4 and term not in self.words:
            return False
        if not slogan and cand.count < 2 and not cand.heading:
            return False
        if not single and self.stats.corpus_count.get(term, 0) < 2 and not any(
                strip_quotes(t) in self.slogans for t in cand.tokens):
            return False
        if not slogan and _is_generic(cand, self.stats.df.get(term, 0), self.stats.n_docs, self.basic):
            return False
        return True

    def extenders(self) -> dict[str, list[tuple[str, int]]]:
        """Shorter term -> the longer candidates (count >= 2) that extend it by one token."""
        if self._extenders is None:
            ext: dict[str, list[tuple[str, int]]] = {}
            for key, n in self.counts.total.items():
                if n < 2 or isinstance(key, str):
                    continue
                for part in (key[:-1], key[1:]):
                    ext.setdefault(key_term(part if len(part) > 1 else part[0]), []).append((key_term(key), n))
            self._extenders = ext
        return self._extenders

    def is_fragment(self, term: str, cand: Candidate) -> bool:
        """Whether one longer candidate holds most occurrences of ``term``."""
        if cand.count < 2:
            return False
        return any(n >= BOUND_SHARE * cand.count for _, n in self.extenders().get(term, ()))

    def poster(self, term: str, cand: Candidate) -> float:
        s = self.stats
        central = cand.count + HEADING_WEIGHT * cand.heading + PLAN_WEIGHT * cand.plan
        if s.n_docs >= MIN_DOCS_FOR_DF:
            idf_max = math.log(1 + s.n_docs)
            distinct = (s.idf(term) + IDF_SMOOTHING) / (idf_max + IDF_SMOOTHING)
        else:
            distinct = 1.0
        prior = SLOGAN_PRIOR if (term in self.slogans and (cand.count >= 2 or cand.heading)) else 1.0
        return prior * central * distinct

    def research(self, term: str, cand: Candidate) -> float:
        s = self.stats
        if s.n_docs < 2:
            return self.poster(term, cand)
        if cand.count < 2:
            return 0.0
        here = self.doc.n_tokens
        rest_tokens = max(1, s.n_tokens - here)
        rest = max(0, s.corpus_count.get(term, 0) - cand.count)
        if cand.count / max(1, here) <= rest / rest_tokens:
            return 0.0
        return _g2(cand.count, rest, here, rest_tokens)


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
    if mode not in MODES:
        raise ValueError(f"unknown keyphrase mode {mode!r}; use one of {MODES}")
    if doc.path not in stats.documents:
        raise ValueError(f"{doc.path}: not among the documents the phrase statistics were learned from")
    r = _Ranker(doc, stats, exclude)
    score = r.poster if mode == "poster" else r.research
    counts = r.counts
    total, heading = counts.total, counts.heading
    rows = []
    for term, keys in counts.terms.items():
        # cheap first: a phrase said once, outside headings, is no slogan's only chance
        if len(keys) == 1:
            k = keys[0]
            if total[k] < 2 and not heading[k] and (not isinstance(k, str) or key_term(k) not in r.slogans):
                continue
        cand = counts.candidate(term)
        if not r.eligible(term, cand):
            continue
        value = score(term, cand)
        if value > 0:
            rows.append((value, term, cand))
    rows.sort(key=lambda row: (-row[0], -row[2].count, row[1]))
    picked: list[Keyphrase] = []
    taken: list[str] = []
    for value, term, cand in rows:
        if any(_near_duplicate(term, t) for t in taken) or r.is_fragment(term, cand):
            continue
        taken.append(term)
        picked.append(Keyphrase(cand.surface, round(value, 6), cand.count, mode, r.source(term, cand)))
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
    (cut here; the store's path is :func:`keyphrases` over stored tokens)."""
    from sq_nlp.summaries.keywords.phrases import extraction_stats
    from sq_nlp.summaries.keywords.words import region_terms

    docs, stats = extraction_stats(extractions)  # type: ignore[arg-type]
    return [keyphrases(d, stats, mode=mode, top=top,
                       exclude=region_terms([d.region]) if exclude_regions else ())
            for d in docs]


__all__ = ["HEADING_WEIGHT", "IDF_SMOOTHING", "MODES", "PLAN_WEIGHT", "SLOGAN_PRIOR", "Keyphrase", "keyphrases",
           "keyphrases_of", "phrase_weights"]

