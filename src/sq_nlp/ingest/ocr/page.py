"""One page: pixels in, recognised lines in reading order out."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sq_nlp.ingest.ocr.clean import tidy_line
from sq_nlp.ingest.ocr.order import OcrBlock, PageLine, measure, order_page, text_units

#: Skew below this (degrees) is left alone.
MIN_SKEW = 0.15


@dataclass(frozen=True)
class OcrPage:
    """A read page: its 1-based number, its size in its own units (``unit``:
    ``px`` for images, ``pt`` for PDF pages), its blocks in reading order
    (line boxes in those units) and whether it was upside down."""

    page: int
    width: float
    height: float
    unit: str
    blocks: tuple[OcrBlock, ...]
    upside_down: bool = False
    skew: float = 0.0

    @property
    def lines(self) -> int:
        """How many lines were read."""
        return sum(len(b.lines) for b in self.blocks)


def skew_angle(quads: Any) -> float:
    """The page's skew in radians: the median slope of long line boxes."""
    angles = []
    for q in quads:
        (x0, y0), (x1, y1) = q[0], q[1]
        height = math.dist(q[0], q[3])
        length = math.dist(q[0], q[1])
        if length >= 3 * height and length > 0:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


def read_page(pixels: Any, page: int, *, to_source: float = 1.0, unit: str = "px",
              threads: int | None = None, progress: Callable[[float], None] | None = None) -> OcrPage:
    """Read one page image (RGB array): recognise, place, order.

    ``to_source`` converts pixel positions to the page's own units (for a
    PDF page rendered at 200 dpi, 72/200); boxes are reported in those units,
    in the page as stored (an upside-down page is read turned, its boxes
    reported unturned). ``progress`` is told the share of the page read.
    """
    import numpy as np

    from sq_nlp.ingest.ocr.engine import recognise
    from sq_nlp.ingest.ocr.regions import find_regions

    height, width = pixels.shape[:2]
    found, upside_down = recognise(pixels, threads=threads, progress=progress)
    upright = np.ascontiguousarray(pixels[::-1, ::-1]) if upside_down else pixels
    quads = np.array([d.quad for d in found], dtype=np.float32).reshape(-1, 4, 2)
    angle = skew_angle(quads) if len(quads) else 0.0
    if abs(math.degrees(angle)) < MIN_SKEW:
        angle = 0.0
    cx, cy = width / 2, height / 2
    cos, sin = math.cos(-angle), math.sin(-angle)

    def straighten(points: Any) -> tuple[float, float, float, float]:
        pts = np.asarray(points, dtype=np.float64)
        xs = cx + (pts[:, 0] - cx) * cos - (pts[:, 1] - cy) * sin
        ys = cy + (pts[:, 0] - cx) * sin + (pts[:, 1] - cy) * cos
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    def source(q: Any) -> tuple[int, int, int, int]:
        pts = np.asarray(q, dtype=np.float64)
        xs, ys = pts[:, 0], pts[:, 1]
        if upside_down:
            xs, ys = width - 1 - xs, height - 1 - ys
        return (int(round(xs.min() * to_source)), int(round(ys.min() * to_source)),
                int(round(xs.max() * to_source)), int(round(ys.max() * to_source)))

    raw = [PageLine(d.text, d.confidence, straighten(d.quad), source(d.quad)) for d in found]
    metrics = measure(raw)
    lines = []
    for ln in raw:
        slack = ln.width / metrics.pitch - text_units(ln.text)
        body_size = ln.height < 1.15 * metrics.em
        text = tidy_line(ln.text, dash_width=body_size and slack >= 0.6)
        if text:
            lines.append(PageLine(text, ln.confidence, ln.box, ln.source_box))
    photos: list[tuple[float, float, float, float]] = []
    frames: list[tuple[float, float, float, float]] = []
    if lines:
        photo_px, frame_px = find_regions(upright, quads, metrics.em)
        corners = lambda r: [(r[0], r[1]), (r[2], r[1]), (r[2], r[3]), (r[0], r[3])]  # noqa: E731
        photos = [straighten(corners(r)) for r in photo_px]
        frames = [straighten(corners(r)) for r in frame_px]
    blocks = order_page(lines, photos=photos, frames=frames)
    return OcrPage(page, width * to_source, height * to_source, "pt" if unit == "pt" else unit,
                   tuple(blocks), upside_down, math.degrees(angle))
