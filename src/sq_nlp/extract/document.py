"""Per-document extraction: file -> Extraction, stage by stage.

This is the pure per-document work (a function of the file's bytes and the
configuration) that the batch pipeline, worker processes and Dask run.
A failing stage is named in the error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sq_nlp.errors import SqNlpError, StageError
from sq_nlp.ingest.reader import ingest
from sq_nlp.records import Document, Extraction

T = TypeVar("T")


def _stage(name: str, doc: Document, func: Callable[[], T]) -> T:
    try:
        return func()
    except (SqNlpError, MemoryError):  # out of memory is the document's budget, not a bug
        raise
    except Exception as exc:  # a bug in a stage: name it so the batch can go on
        raise StageError(f"{doc.path}: stage {name!r} failed: {type(exc).__name__}: {exc}") from exc


def extract_document(doc: Document) -> Extraction:
    """Run layout repair, figure and slogan extraction on an ingested document.

    Blocks and figures of PDFs and scans also learn where they stand on
    paper (:mod:`sq_nlp.extract.placement`)."""
    from sq_nlp.extract.figures.find import extract_figures
    from sq_nlp.extract.layout import repair
    from sq_nlp.extract.placement import place_blocks, place_figures, place_slogans
    from sq_nlp.extract.slogans import extract_slogans

    blocks = _stage("layout", doc, lambda: place_blocks(
        doc, repair(doc.text, headline_position=doc.headline_position, script=doc.script)))
    figures = _stage("figures", doc, lambda: place_figures(doc, extract_figures(doc, blocks)))
    slogans = _stage("slogans", doc, lambda: place_slogans(doc, extract_slogans(doc, blocks)))
    return Extraction(document=doc, blocks=blocks, figures=figures, slogans=slogans)


def extract_path(path: str | Path, *, ocr_pages: Any = None, threads: int | None = None) -> Extraction:
    """Ingest one file and extract everything from it (``ocr_pages``: pages
    of a scan read already, see :func:`sq_nlp.ingest.reader.extract_text`)."""
    return extract_document(ingest(path, ocr_pages=ocr_pages, threads=threads))
