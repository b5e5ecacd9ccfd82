"""Topics: NMF and LDA over the paragraphs of one report or the documents of a corpus.

Units (paragraphs or documents) are tokenised by the Segmenter's content
tokens; both models use a fixed ``random_state`` so the same input gives the
same topics. Each topic carries its NPMI coherence, computed over the units
themselves (two words cohere when they appear in the same paragraphs), and
:func:`agreement` measures how well the topics of paragraphs line up with
known labels such as their section headlines.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

from sq_nlp.records import Block
from sq_nlp.language.segment import Segmenter, default_segmenter

log = logging.getLogger(__name__)

METHODS = ("nmf", "lda")

# A unit assigned to no topic: it has no content token at all.
NO_TOPIC = -1


@dataclass(frozen=True)
class Topic:
    """One topic: its ``terms`` (best first) with their model ``weights``,
    ``coherence`` (mean NPMI of the term pairs over unit co-occurrence, in
    [-1, 1]; higher is more coherent) and ``size`` (units assigned to it)."""

    index: int
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    coherence: float
    size: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists)."""
        d = asdict(self)
        d["terms"], d["weights"] = list(self.terms), list(self.weights)
        return d


@dataclass(frozen=True)
class TopicModel:
    """The result of a topic model over units: its ``topics`` and the topic of
    each unit, in input order (``assignments[i]`` is ``NO_TOPIC`` for a unit
    without content tokens)."""

    method: str
    topics: tuple[Topic, ...]
    assignments: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "method": self.method,
            "topics": [t.to_dict() for t in self.topics],
            "assignments": list(self.assignments),
        }


def paragraph_units(blocks: Iterable[Block]) -> tuple[list[str], list[str | None]]:
    """Paragraph texts of a document and the section each stands under."""
    paras = [b for b in blocks if b.kind == "paragraph"]
    return [b.text for b in paras], [b.section for b in paras]


def npmi(terms: Sequence[str], unit_sets: Sequence[frozenset[str]]) -> float:
    """Mean normalised PMI of every pair of ``terms`` over units (a unit is the
    set of its tokens). A pair never seen together scores -1, a pair always
    together 1; with fewer than two terms the coherence is 0."""
    n = len(unit_sets)
    if n == 0 or len(terms) < 2:
        return 0.0
    df = {t: sum(t in u for u in unit_sets) for t in terms}
    scores = []
    for a, b in combinations(terms, 2):
        joint = sum(a in u and b in u for u in unit_sets)
        if joint == 0:
            scores.append(-1.0)
            continue
        p_ab = joint / n
        if p_ab == 1.0:
            scores.append(1.0)
            continue
        pmi = math.log(p_ab / ((df[a] / n) * (df[b] / n)))
        scores.append(pmi / -math.log(p_ab))
    return sum(scores) / len(scores)


def fit_topics(
    units: Sequence[str],
    *,
    n_topics: int = 5,
    method: str = "nmf",
    segmenter: Segmenter | None = None,
    top_terms: int = 10,
    random_state: int = 0,
) -> TopicModel:
    """Fit ``method`` (``nmf`` over TF-IDF, or ``lda`` over counts) to ``units``.

    ``n_topics`` is lowered to the number of units with content tokens when
    there are fewer. Deterministic for a given ``random_state``.
    """
    if isinstance(units, str):
        raise ValueError("expected a sequence of texts (paragraphs or documents), got a single str")
    if method not in METHODS:
        raise ValueError(f"unknown topic method {method!r}; use one of {METHODS}")
    if n_topics < 1:
        raise ValueError(f"n_topics must be at least 1, got {n_topics}")
    seg = segmenter or default_segmenter()
    tokens = [seg.content_tokens(u) for u in units]
    keep = [i for i, t in enumerate(tokens) if t]
    if not keep:
        raise ValueError("no unit has a content token: nothing to model")
    n = min(n_topics, len(keep))
    if n < n_topics:
        log.info("only %d units with content: fitting %d topics instead of %d", len(keep), n, n_topics)

    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    vectorizer_cls = TfidfVectorizer if method == "nmf" else CountVectorizer
    extra = {"sublinear_tf": True} if method == "nmf" else {}
    # the tokens are already cut: the analyzer only hands them over
    vec = vectorizer_cls(analyzer=_identity, **extra)
    matrix = vec.fit_transform([tokens[i] for i in keep])
    if method == "nmf":
        from sklearn.decomposition import NMF

        model = NMF(n_components=n, init="nndsvd", random_state=random_state, max_iter=1000)
    else:
        from sklearn.decomposition import LatentDirichletAllocation

        model = LatentDirichletAllocation(n_components=n, random_state=random_state, learning_method="batch")
    doc_topic = model.fit_transform(matrix)
    vocab = vec.get_feature_names_out()

    assignments = [NO_TOPIC] * len(units)
    for row, i in enumerate(keep):
        weights = doc_topic[row]
        assignments[i] = int(weights.argmax()) if weights.max() > 0 else NO_TOPIC
    unit_sets = [frozenset(tokens[i]) for i in keep]
    topics = []
    for k, component in enumerate(model.components_):
        order = component.argsort()[::-1][:top_terms]
        terms = tuple(str(vocab[j]) for j in order if component[j] > 0)
        topics.append(
            Topic(
                index=k,
                terms=terms,
                weights=tuple(round(float(component[j]), 6) for j in order[: len(terms)]),
                coherence=round(npmi(terms, unit_sets), 4),
                size=assignments.count(k),
            )
        )
    return TopicModel(method=method, topics=tuple(topics), assignments=tuple(assignments))


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def agreement(assignments: Sequence[int], labels: Sequence[str | None]) -> float:
    """Normalised mutual information between topics and labels (e.g. section
    headlines), over the units that have both a topic and a label: 1 when the
    topics reproduce the labels exactly, 0 when they are independent of them."""
    if len(assignments) != len(labels):
        raise ValueError(f"{len(assignments)} assignments but {len(labels)} labels")
    pairs = [(a, lab) for a, lab in zip(assignments, labels) if a != NO_TOPIC and lab is not None]
    if not pairs:
        raise ValueError("no unit has both a topic and a label")
    from sklearn.metrics import normalized_mutual_info_score

    topics, names = zip(*pairs)
    return float(normalized_mutual_info_score(names, topics))


def plain_lda_assignments(units: Sequence[str], *, n_topics: int = 5, random_state: int = 0) -> tuple[int, ...]:
    """The tutorial baseline, for comparisons: scikit-learn's default LDA over
    plain jieba tokens (default dictionary, nothing filtered), one topic per unit."""
    import jieba
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    tk = jieba.Tokenizer()  # private: global jieba state stays untouched
    tokens = [tk.lcut(u) for u in units]
    matrix = CountVectorizer(analyzer=_identity).fit_transform(tokens)
    lda = LatentDirichletAllocation(n_components=min(n_topics, len(units)), random_state=random_state)
    return tuple(int(i) for i in lda.fit_transform(matrix).argmax(axis=1))
