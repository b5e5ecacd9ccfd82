"""Document text from read pages, and the OcrLine records that locate it."""

from __future__ import annotations

from collections.abc import Sequence

from sq_nlp.ingest.ocr.page import OcrPage
from sq_nlp.records import OcrLine

PAGE_BREAK = "\f"


def assemble(parts: Sequence[str | OcrPage]) -> tuple[str, tuple[OcrLine, ...]]:
    """The text of a document's pages in order, and where each OCR line stands.

    A page from a text layer (a ``str``) is taken as it is; a read page
    (:class:`OcrPage`) gives one block per line, a blank line between blocks
    (the form layout repair reads best: headings and captions on lines of
    their own). Every page ends with a form feed, as PDF text layers do, so
    a block's page is the number of form feeds before it, plus one.
    """
    out: list[str] = []
    pos = 0
    records: list[OcrLine] = []
    block_no = 0

    def put(s: str) -> None:
        nonlocal pos
        out.append(s)
        pos += len(s)

    for part in parts:
        if isinstance(part, str):
            put(part)
            if part and not part.endswith("\n"):
                put("\n")
            put(PAGE_BREAK)
            continue
        for k, block in enumerate(part.blocks):
            if k:
                put("\n\n")
            for i, line in enumerate(block.lines):
                if i:
                    put(block.joins[i - 1])
                start = pos
                put(line.text)
                records.append(OcrLine(part.page, line.source_box, round(line.confidence, 4), start, pos,
                                       block.role, block.region, block_no))  # type: ignore[arg-type]
            block_no += 1
        if part.blocks:
            put("\n")
        put(PAGE_BREAK)
    return "".join(out), tuple(records)
