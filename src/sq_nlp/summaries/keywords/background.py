"""Background reports: what a store too small to compare with learns from.

The poster ranking reads who else says a phrase: every report of a year (a
formula half the regions' reports say is the year's national shorthand), of
every year (an evergreen phrase is boilerplate), of later years (a new
formula the regions take up). A store holding one district's report, or a
handful of one year's, cannot tell 新质生产力 or 高质量发展 from the
region's own programmes. As jieba ships an IDF table learned from a general
corpus, the package ships the phrase documents (tokens, block roles, slogans)
of the public reports in the project's ``corpus/`` (national 2015-2024,
provinces and cities 2025-2026), and :func:`with_background` adds them to a
store's own reports before the statistics are learned. A background report of
the same region and year as a stored one is left out (the store's own copy
counts), so a store that holds those reports ranks exactly as before.

Rebuilt with ``make background`` (``python -m
sq_nlp.summaries.keywords.background corpus``) whenever the word lists the
tokens depend on change: the file records their digest and a test checks it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import sys
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sq_nlp.summaries.keywords.phrases import PhraseDocument

log = logging.getLogger(__name__)

FORMAT = 1
BACKGROUND_FILE = "background.json.gz"
# where a background report's path starts: never the path of a stored report
PREFIX = "background:"


def word_lists_digest() -> str:
    """The digest of the package word lists the background's tokens were cut with."""
    from sq_nlp.summaries.keywords.cache import hash_word_lists

    h = hashlib.sha256()
    hash_word_lists(h)
    return h.hexdigest()


def _resource() -> Any:
    return resources.files("sq_nlp.summaries.keywords").joinpath("data", BACKGROUND_FILE)


@lru_cache(maxsize=1)
def _background() -> tuple[dict[str, Any], tuple[PhraseDocument, ...]]:
    """The shipped background file's header and reports, read once per
    process (none when the package has no usable file)."""
    try:
        data = json.loads(gzip.decompress(_resource().read_bytes()).decode("utf-8"))
    except (FileNotFoundError, OSError, ValueError) as exc:
        log.warning("no background reports (%s): a small store ranks phrases on its own reports only", exc)
        return {}, ()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        log.warning("background reports of another format than %r: left out", FORMAT)
        return {}, ()
    documents = tuple(_from_json(d) for d in data.pop("documents", ()))
    return data, documents


def background_header() -> dict[str, Any]:
    """The shipped background's format, word lists digest and content digest."""
    return dict(_background()[0])


@lru_cache(maxsize=1)
def background_stamp() -> str:
    """What the keyphrase cache's stamp reads of the background: a digest of
    the file's bytes (a page reading kept lists does not parse the file)."""
    try:
        return hashlib.sha256(_resource().read_bytes()).hexdigest()[:16]
    except (FileNotFoundError, OSError):
        return ""


def background_documents() -> tuple[PhraseDocument, ...]:
    """The shipped background reports as phrase documents (paths start with :data:`PREFIX`)."""
    return _background()[1]


def with_background(documents: Sequence[PhraseDocument],
                    background: Sequence[PhraseDocument] | None = None, *,
                    covering: Sequence[PhraseDocument] = ()) -> list[PhraseDocument]:
    """``documents`` followed by the ``background`` reports (default: the
    shipped ones) of a region and year none of them has, nor any of
    ``covering`` (reports merged into one of ``documents`` under no region)."""
    if background is None:
        background = background_documents()
    held = {(d.region, d.year) for d in (*documents, *covering) if d.region and d.year is not None}
    return [*documents, *(b for b in background if (b.region, b.year) not in held)]


def _to_json(doc: PhraseDocument, path: str) -> dict[str, Any]:
    return {"path": path, "region": doc.region, "year": doc.year, "blocks": [list(b) for b in doc.blocks],
            "roles": [list(r) for r in doc.roles], "slogans": list(doc.slogans), "numbered": list(doc.numbered),
            "expanded": list(doc.expanded), "names": list(doc.names), "guiding": list(doc.guiding)}


def _from_json(d: dict[str, Any]) -> PhraseDocument:
    # a token recurs thousands of times: one string object for each (42 MB -> a fraction)
    return PhraseDocument(path=d["path"], region=d["region"], year=d["year"],
                          blocks=tuple(tuple(map(sys.intern, b)) for b in d["blocks"]),
                          roles=tuple((bool(h), int(t), bool(p), bool(e)) for h, t, p, e in d["roles"]),
                          slogans=tuple(d["slogans"]), numbered=tuple(d["numbered"]), expanded=tuple(d["expanded"]),
                          names=tuple(d["names"]), guiding=tuple(d["guiding"]))


def build_background(folder: Path) -> dict[str, Any]:
    """The background file's content: every text report under ``folder``
    (.txt, .docx, .pdf with a text layer; scans are left out), extracted and
    cut as the pipeline stores them."""
    from sq_nlp.extract.document import extract_path
    from sq_nlp.pipeline import block_tokens
    from sq_nlp.summaries.keywords.phrases import phrase_document

    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".txt", ".docx", ".pdf")
                   and p.name.upper() != "SOURCES.MD" and not p.name.startswith("."))
    documents = []
    for p in files:
        ex = extract_path(p)
        if not ex.blocks:
            continue
        doc = phrase_document(ex, block_tokens(ex))
        documents.append(_to_json(doc, PREFIX + p.relative_to(folder).as_posix()))
    body = json.dumps(documents, ensure_ascii=False, sort_keys=True)
    return {"format": FORMAT, "word_lists": word_lists_digest(),
            "digest": hashlib.sha256(body.encode("utf-8")).hexdigest()[:16], "documents": documents}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sq_nlp.summaries.keywords.background FOLDER [OUT]``: write the background file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or len(args) > 2:
        print("usage: python -m sq_nlp.summaries.keywords.background FOLDER [OUT]", file=sys.stderr)
        return 2
    folder = Path(args[0])
    if not folder.is_dir():
        print(f"{folder}: not a folder", file=sys.stderr)
        return 2
    out = Path(args[1]) if len(args) > 1 else Path(str(_resource()))
    data = build_background(folder)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    # mtime 0: the same reports give the same bytes
    tmp.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), compresslevel=9, mtime=0))
    tmp.replace(out)
    print(f"{out.name}: {len(data['documents'])} reports, {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["BACKGROUND_FILE", "FORMAT", "PREFIX", "background_documents", "background_header", "background_stamp",
           "build_background", "with_background", "word_lists_digest"]
