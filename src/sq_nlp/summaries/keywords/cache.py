"""Keyphrase lists of every stored report and the corpus IDF, kept beside the store.

Ranking a report's keyphrases needs statistics of the whole store (links,
document frequencies, the evergreen shares): learning them reads every
report's tokens. :func:`stored_keyphrases` learns them once, ranks every
report's lists in both modes and keeps the lists in a small JSON file beside
the database (``NAME.db`` -> ``NAME.db.keyphrases.json``), stamped with the
stored documents, the word lists and :data:`CACHE_VERSION`. A report page, a
cloud or ``sq-nlp keywords --doc`` then reads the lists instead of recounting
the corpus; storing, replacing or deleting a report, or changing a word list,
makes the file stale and the next call learns again. The corpus IDF of the
word keywords is kept the same way (``NAME.db.idf.json``, :func:`stored_idf`).
A store on read-only media is served the same values, learned in memory,
without the files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from sq_nlp.summaries.keywords.ranking import MODES, Keyphrase, keyphrases
from sq_nlp.summaries.keywords.words import Idf

log = logging.getLogger(__name__)

# Bump when candidates or ranking change: a file of another version is stale.
CACHE_VERSION = "keyphrases-57"
# Phrases kept per report and mode: enough for a cloud (a report's cloud
# draws 100) and for a researcher's list; a longer list is ranked when asked.
LIST_LENGTH = {"poster": 100, "research": 30}
# The package word lists every list and output depends on (see hash_word_lists).
_WORD_LISTS = ("stopwords.txt", "userdict.txt", "tag_fixes.txt", "slogans.json")

Lists = dict[str, dict[str, list[Keyphrase]]]


def cache_path(db_path: str | Path, what: str = "keyphrases") -> Path:
    """Where ``what`` (``keyphrases`` or ``idf``) of the store at ``db_path`` is kept."""
    p = Path(db_path)
    return p.with_name(f"{p.name}.{what}.json")


def hash_word_lists(h: Any) -> None:
    """Feed the package's word lists (stopwords, project dictionary, tag
    fixes, slogan lexicon) to the hash object ``h``."""
    for name in _WORD_LISTS:
        try:
            h.update(resources.files("sq_nlp.language").joinpath("data", name).read_bytes())
        except FileNotFoundError:
            pass


def store_stamp(documents: Sequence[Any]) -> str:
    """A digest of the stored documents (id, path, content hash, when stored,
    year, region), the word lists and :data:`CACHE_VERSION`."""
    from sq_nlp.summaries.keywords.background import background_stamp

    h = hashlib.sha256(CACHE_VERSION.encode())
    hash_word_lists(h)
    h.update(background_stamp().encode())
    for d in sorted(documents, key=lambda d: d.id):
        h.update(f"{d.id}|{d.path}|{d.sha256}|{d.ingested_at}|{d.year}|{d.region}\n".encode())
    return h.hexdigest()


def rank_all(documents: Mapping[str, Any], stats: Any) -> Lists:
    """Both modes' lists of every phrase document (path -> mode -> list, of
    :data:`LIST_LENGTH`), each report without its own region's names."""
    from sq_nlp.summaries.keywords.words import region_terms

    return {path: {mode: keyphrases(doc, stats, mode=mode, top=LIST_LENGTH[mode],
                                    exclude=region_terms([doc.region]))
                   for mode in MODES}
            for path, doc in documents.items()}


def _load(db_path: str | Path, what: str, documents: Sequence[Any]) -> Any:
    """The kept ``what`` when its file is there and matches the store, else ``None``."""
    try:
        data = json.loads(cache_path(db_path, what).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != store_stamp(documents):
        return None
    return data.get(what)


def _save(db_path: str | Path, what: str, documents: Sequence[Any], value: Any) -> Path | None:
    """Keep ``value`` beside the store (written whole or not at all); ``None``
    when the folder cannot be written (the value still serves this call)."""
    path = cache_path(db_path, what)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    data = {"stamp": store_stamp(documents), "version": CACHE_VERSION, what: value}
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.info("%s: not kept (%s)", path, exc.strerror or exc)
        try:
            tmp.unlink()
        except OSError:
            pass
        return None
    return path


def load_lists(db_path: str | Path, documents: Sequence[Any]) -> Lists | None:
    """The kept keyphrase lists when they match the store, else ``None``."""
    data = _load(db_path, "keyphrases", documents)
    try:
        return {doc: {mode: [Keyphrase(**k) for k in items] for mode, items in modes.items()}
                for doc, modes in data.items()}
    except (TypeError, AttributeError):
        return None


def save_lists(db_path: str | Path, documents: Sequence[Any], lists: Lists) -> Path | None:
    """Keep keyphrase ``lists`` beside the store (see :func:`_save`)."""
    return _save(db_path, "keyphrases", documents,
                 {doc: {mode: [k.to_dict() for k in items] for mode, items in modes.items()}
                  for doc, modes in lists.items()})


def stored_idf(db_path: str | Path, learn: Callable[[], Idf]) -> Idf:
    """The corpus IDF of the store at ``db_path``: read from beside the store
    when fresh, else ``learn()``-ed and kept (a report page then cuts no
    other report to weigh its words)."""
    from sq_nlp.store.db import open_store

    with open_store(db_path, readonly=True) as st:
        docs = st.documents()
    data = _load(db_path, "idf", docs)
    if isinstance(data, dict):
        try:
            return Idf(weights=data["weights"], default=float(data["default"]), source=data["source"],
                       n_docs=int(data["n_docs"]))
        except (KeyError, TypeError, ValueError):
            pass
    idf = learn()
    _save(db_path, "idf", docs, {"weights": dict(idf.weights), "default": idf.default, "source": idf.source,
                                 "n_docs": idf.n_docs})
    return idf


def stored_keyphrases(
    db_path: str | Path,
    *,
    extractions: Mapping[int, Any] | None = None,
    block_tokens: Mapping[int, Sequence[Sequence[str]]] | None = None,
) -> Lists:
    """Keyphrase lists (path -> mode -> list of :class:`Keyphrase`, at most
    :data:`LIST_LENGTH`) of every report in the store at ``db_path``:
    read from beside the store when fresh, else learned from the stored
    tokens and kept. ``extractions`` and ``block_tokens`` (by document id) are
    used when the caller has read them already."""
    from sq_nlp.store.db import open_store
    from sq_nlp.summaries.keywords.background import with_background
    from sq_nlp.summaries.keywords.mining import learn_phrase_stats
    from sq_nlp.summaries.keywords.phrases import phrase_document

    with open_store(db_path, readonly=True) as st:
        docs = st.documents()
        cached = load_lists(db_path, docs)
        if cached is not None:
            return cached
        pdocs = {}
        for d in docs:
            ex = extractions[d.id] if extractions is not None else st.extraction(d.id)
            toks = block_tokens[d.id] if block_tokens is not None else [b.tokens for b in st.blocks(d.id)]
            pdocs[d.path] = phrase_document(ex, toks)
    if not pdocs:
        return {}
    # the shipped background reports beside the store's own (see .background): a small store
    # learns from them who else says a phrase; a store holding those reports ranks as without them
    lists = rank_all(pdocs, learn_phrase_stats(with_background(list(pdocs.values()))))
    save_lists(db_path, docs, lists)
    return lists


__all__ = ["CACHE_VERSION", "LIST_LENGTH", "cache_path", "hash_word_lists", "load_lists", "rank_all", "save_lists", "store_stamp",
           "stored_idf", "stored_keyphrases"]
