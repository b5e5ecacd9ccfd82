"""Where blocks and figures stand on paper: pages, boxes and OCR confidence.

For a PDF every block learns its page (pages end with form feeds in
``Document.text``). For scanned pages the OCR lines say more: each block
gets the box round its lines, a caption found by the page's geometry (the
lines at a photo's edge) becomes a caption, a line set large a headline,
and a block that layout repair joined across what geometry keeps apart
(two paragraphs of one page, body text and a caption or a framed sidebar)
is split again. Each figure gets the page and box of the
lines it was read from and their lowest confidence; figures from lines
below :data:`~sq_nlp.records.LOW_CONFIDENCE` are flagged, never dropped;
each occurrence of a slogan gets its page and box.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from sq_nlp.extract.layout import OPENING_SECTION, repair
from sq_nlp.records import LOW_CONFIDENCE, Block, Document, Figure, OcrLine, Slogan

PAGE_BREAK = "\f"


class _Index:
    """OCR lines and page breaks of a document, searchable by offset."""

    def __init__(self, doc: Document) -> None:
        self.breaks = [i for i, ch in enumerate(doc.text) if ch == PAGE_BREAK]
        self.lines = sorted(doc.ocr_lines, key=lambda ln: ln.start)
        self.starts = [ln.start for ln in self.lines]

    def page(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset) + 1

    def covering(self, start: int, end: int) -> list[OcrLine]:
        k = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = []
        while k < len(self.lines) and self.lines[k].start < end:
            if self.lines[k].end > start:
                out.append(self.lines[k])
            k += 1
        return out


def _union(lines: Sequence[OcrLine]) -> tuple[int, int, int, int]:
    return (min(ln.box[0] for ln in lines), min(ln.box[1] for ln in lines),
            max(ln.box[2] for ln in lines), max(ln.box[3] for ln in lines))


def _apart(a: OcrLine, b: OcrLine) -> bool:
    """Whether two lines belong to blocks that geometry keeps apart: blocks
    of one page (on the page, indentation and short last lines say where a
    paragraph ends even when the recogniser missed its stop), a caption or a
    sidebar. A page's last block may continue on the next page."""
    if a.block == b.block:
        return False
    return a.page == b.page or a.region != b.region or a.region != "body" or "caption" in (a.role, b.role)


def _kind(piece: Block, lines: Sequence[OcrLine]) -> str:
    """A scanned block's kind: geometry's caption and headline (set large or
    centred) over what the text alone suggests; a block that layout repair
    made page chrome only because it followed a chrome line (a framed
    sidebar headed 相关链接) is text again."""
    roles = {ln.role for ln in lines}
    kind = piece.kind
    if roles == {"caption"}:
        return "caption"
    if kind == "other" and roles <= {"heading", "paragraph"}:
        alone = repair(piece.text)
        if alone and all(b.kind != "other" for b in alone):
            kind = "heading" if roles == {"heading"} or alone[0].kind == "title" else alone[0].kind
        elif roles == {"heading"} and {ln.region for ln in lines} == {"sidebar"}:
            kind = "heading"  # a framed box's own headline (相关链接, 延伸阅读)
    if kind == "paragraph" and roles == {"heading"}:
        return "heading"
    return kind


def _split(block: Block, covered: list[OcrLine]) -> list[Block]:
    cuts = [b.start for a, b in zip(covered, covered[1:]) if _apart(a, b)]
    if not cuts:
        return [block]
    out = []
    i = 0
    for cut in cuts + [None]:
        j = len(block.text) if cut is None else bisect.bisect_left(block.offsets, cut)
        piece = block.text[i:j].strip()
        if piece:
            lead = len(block.text[i:j]) - len(block.text[i:j].lstrip())
            offs = block.offsets[i + lead: i + lead + len(piece)]
            out.append(dataclasses.replace(block, text=piece, offsets=offs, start=offs[0], end=offs[-1] + 1))
        i = j
    return out


def place_blocks(doc: Document, blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Blocks with their page (PDFs and scans) and box (scans); scanned
    captions as captions, blocks split where geometry keeps them apart."""
    if doc.format not in ("pdf", "image"):
        return tuple(blocks)
    idx = _Index(doc)
    out: list[Block] = []
    changed = False
    for block in blocks:
        covered = idx.covering(block.start, block.end)
        pieces = _split(block, covered) if covered else [block]
        changed = changed or len(pieces) > 1
        for piece in pieces:
            lines = idx.covering(piece.start, piece.end)
            page = lines[0].page if lines else idx.page(piece.start)
            box = _union([ln for ln in lines if ln.page == page]) if lines else None
            kind = _kind(piece, lines) if lines else piece.kind
            changed = changed or kind != piece.kind
            line_no = doc.text.count("\n", 0, piece.start) + 1 if piece is not block else piece.line
            out.append(dataclasses.replace(piece, kind=kind, page=page, box=box, line=line_no))
    return tuple(_resection(out)) if changed else tuple(out)


def _resection(blocks: list[Block]) -> list[Block]:
    """Sections again after kinds changed (headlines before their text)."""
    out = []
    current = OPENING_SECTION
    for b in blocks:
        if b.kind == "heading":
            current = b.text
            out.append(dataclasses.replace(b, section=b.text))
        elif b.kind == "paragraph":
            out.append(dataclasses.replace(b, section=current))
        else:
            out.append(dataclasses.replace(b, section=None))
    return out


def place_figures(doc: Document, figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """Figures with the page, box and confidence of the lines they were read from."""
    if doc.format not in ("pdf", "image"):
        return tuple(figures)
    idx = _Index(doc)
    out = []
    for fig in figures:
        lines = idx.covering(fig.start, fig.end)
        if not lines:
            out.append(dataclasses.replace(fig, page=idx.page(fig.start)))
            continue
        page = lines[0].page
        confidence = min(ln.confidence for ln in lines)
        out.append(dataclasses.replace(
            fig, page=page, box=_union([ln for ln in lines if ln.page == page]),
            confidence=confidence, low_confidence=confidence < LOW_CONFIDENCE))
    return tuple(out)


def place_slogans(doc: Document, slogans: Sequence[Slogan]) -> tuple[Slogan, ...]:
    """Slogans with the page (PDFs and scans) and box (scans) of each occurrence."""
    if doc.format not in ("pdf", "image"):
        return tuple(slogans)
    idx = _Index(doc)
    out = []
    for slogan in slogans:
        pages, boxes = [], []
        for start, end in slogan.spans:
            lines = idx.covering(start, end)
            page = lines[0].page if lines else idx.page(start)
            pages.append(page)
            boxes.append(_union([ln for ln in lines if ln.page == page]) if lines else None)
        out.append(dataclasses.replace(slogan, pages=tuple(pages), boxes=tuple(boxes)))
    return tuple(out)
