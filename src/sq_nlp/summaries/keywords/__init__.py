"""Keywords and keyphrases of reports.

``words``: TF-IDF and TextRank over the Segmenter's tokens, and what changed
between two reports; ``phrases``: the phrase documents (tokens, titles, plan
part, slogans merged) and token classes; ``mining``: phrase candidates
(slogans, cohesive noun phrases) counted over the store in one vectorised
pass; ``ranking``: the ``poster`` and ``research`` keyphrase modes;
``cache``: both modes' lists of every stored report and the corpus IDF,
learned once per store and kept beside it. The public names of the first four
are re-exported here.
"""

from sq_nlp.summaries.keywords.words import (
    LEADING_PHRASES,
    G2_CRITICAL_05,
    METHODS,
    MIN_CORPUS_DOCS,
    ChangeStatus,
    Idf,
    Keyword,
    TermChange,
    compare_counts,
    corpus_keywords,
    document_segmenter,
    general_idf,
    group_texts,
    keywords,
    keywords_by_group,
    learn_idf,
    learn_idf_from_tokens,
    region_terms,
    section_texts,
    phrase_changes,
    term_changes,
    term_frequencies,
    textrank_keywords,
    tfidf_keywords,
)

from sq_nlp.summaries.keywords.mining import PhraseStats, extraction_stats, learn_phrase_stats
from sq_nlp.summaries.keywords.phrases import PhraseDocument, phrase_document, strip_quotes
from sq_nlp.summaries.keywords.ranking import MODES, Keyphrase, keyphrases, keyphrases_of, phrase_weights

__all__ = [
    "LEADING_PHRASES",
    "MODES",
    "Keyphrase",
    "PhraseDocument",
    "PhraseStats",
    "extraction_stats",
    "keyphrases",
    "keyphrases_of",
    "learn_phrase_stats",
    "phrase_document",
    "phrase_weights",
    "strip_quotes",
    "G2_CRITICAL_05",
    "METHODS",
    "MIN_CORPUS_DOCS",
    "ChangeStatus",
    "Idf",
    "Keyword",
    "TermChange",
    "compare_counts",
    "corpus_keywords",
    "document_segmenter",
    "general_idf",
    "group_texts",
    "keywords",
    "keywords_by_group",
    "learn_idf",
    "learn_idf_from_tokens",
    "region_terms",
    "section_texts",
    "phrase_changes",
    "term_changes",
    "term_frequencies",
    "textrank_keywords",
    "tfidf_keywords",
]
