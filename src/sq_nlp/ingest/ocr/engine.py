"""The OCR engine: RapidOCR's PP-OCRv4 Chinese models on ONNX Runtime.

``rapidocr-onnxruntime`` ships the detection, direction and recognition
models inside its wheel, so nothing is downloaded at run time. It is imported
only when a page is read (the ``ocr`` extra); one engine is kept per process
and thread count.

Unlike the library's own ``__call__``, :func:`recognise` keeps every line
whatever its score (low-confidence lines are flagged downstream, never
dropped), reads tall pages in overlapping strips (memory stays bounded and a
long image is read at full resolution), and turns an upside-down page the
right way up before reading it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from sq_nlp.errors import ConfigError

log = logging.getLogger(__name__)

#: Height of one detection strip; taller pages are read in overlapping strips.
STRIP = 2048
#: Overlap of strips: more than the tallest headline, so every line lies whole in one.
OVERLAP = 320
#: A blank stretch this many line heights wide inside a detected box is a
#: gutter (or a word space), not the gap between two characters.
GAP = 1.15
#: A page is upside down when most of its detected text (by width) reads so.
FLIPPED_SHARE = 0.5
_CLS_SURE = 0.9

_ENGINES: dict[int, Any] = {}

INSTALL_HINT = "OCR of scanned pages needs the ocr extra: pip install 'sq-nlp[ocr]'"


@dataclass(frozen=True)
class Detected:
    """One recognised line: its quadrilateral in page pixels (clockwise from
    top-left), its text and the recogniser's confidence (mean character
    probability, 0..1)."""

    quad: tuple[tuple[float, float], ...]
    text: str
    confidence: float


def available() -> bool:
    """Whether the OCR engine can be imported."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def default_threads() -> int:
    """Threads for ONNX Runtime: the usable cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def get_engine(threads: int | None = None) -> Any:
    """The process's RapidOCR engine with ``threads`` intra-op threads."""
    n = threads or default_threads()
    if n not in _ENGINES:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise ConfigError(f"{INSTALL_HINT} ({exc})") from None
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        _ENGINES[n] = RapidOCR(intra_op_num_threads=n, inter_op_num_threads=1, text_score=0.0)
    return _ENGINES[n]


def _strips(height: int) -> list[tuple[int, int, int, int]]:
    """``(y0, y1, core0, core1)`` of each strip: read ``y0:y1``, keep lines centred in the core."""
    if height <= STRIP + OVERLAP:
        return [(0, height, 0, height)]
    out = []
    y = 0
    step = STRIP - OVERLAP
    while True:
        y1 = min(height, y + STRIP)
        core0 = 0 if y == 0 else y + OVERLAP // 2
        core1 = height if y1 == height else y1 - OVERLAP // 2
        out.append((y, y1, core0, core1))
        if y1 == height:
            return out
        y += step


def detect(engine: Any, image: Any) -> Any:
    """Text-line quadrilaterals (``n x 4 x 2`` float32) of an RGB page, strip by strip."""
    import numpy as np

    quads = []
    for y0, y1, core0, core1 in _strips(image.shape[0]):
        boxes, _ = engine.text_det(np.ascontiguousarray(image[y0:y1]))
        if boxes is None or len(boxes) == 0:
            continue
        boxes = np.asarray(boxes, dtype=np.float32)
        boxes[:, :, 1] += y0
        centre = boxes[:, :, 1].mean(axis=1)
        quads.extend(boxes[(centre >= core0) & (centre < core1)])
    if not quads:
        return np.zeros((0, 4, 2), dtype=np.float32)
    return np.stack(quads).astype(np.float32)


def _rectify(image: Any, quad: Any) -> Any:
    """The quad's pixels warped to an upright rectangle (grey)."""
    import cv2
    import numpy as np

    w = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    h = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    crop = cv2.warpPerspective(image, m, (max(1, w), max(1, h)), borderMode=cv2.BORDER_REPLICATE)
    return cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop


def _along(q: Any, fa: float, fb: float) -> Any:
    """The part of quad ``q`` between fractions ``fa`` and ``fb`` of its length."""
    import numpy as np

    top0, top1, bot1, bot0 = q[0], q[1], q[2], q[3]
    return np.array([top0 + (top1 - top0) * fa, top0 + (top1 - top0) * fb,
                     bot0 + (bot1 - bot0) * fb, bot0 + (bot1 - bot0) * fa], dtype=np.float32)


def split_at_gaps(image: Any, quads: Any, gap: float = GAP) -> tuple[Any, Any]:
    """Cut detected boxes at blank stretches wider than ``gap`` times their
    height, and measure where their ink is.

    The detector joins lines of neighbouring columns across a narrow gutter
    (the recogniser would read them as one line) and pads every box by a
    fraction of its height (the padding of two columns' boxes can meet).
    Returns ``(to_read, ink)``: the pieces as the recogniser wants them
    (padded) and the same pieces trimmed to their ink (what geometry uses).
    """
    import numpy as np

    read, inked = [], []
    for quad in quads:
        q = np.asarray(quad, dtype=np.float32)
        grey = _rectify(image, q)
        h, w = grey.shape[:2]
        band = grey[int(0.15 * h): max(int(0.15 * h) + 1, int(0.85 * h))]
        lo, hi = (float(np.percentile(band, 2)), float(np.percentile(band, 98))) if band.size else (0.0, 0.0)
        if h < 4 or w < 4 or hi - lo < 40:
            read.append(q)
            inked.append(q)
            continue
        ink = np.flatnonzero((band < (lo + hi) / 2).sum(axis=0) > 0)
        if len(ink) == 0:
            read.append(q)
            inked.append(q)
            continue
        # Stretches of ink separated by blanks wider than the gap.
        breaks = np.flatnonzero(np.diff(ink) > gap * h)
        runs = [[int(a), int(b)] for a, b in zip(np.concatenate(([ink[0]], ink[breaks + 1])),
                                                   np.concatenate((ink[breaks], [ink[-1]])))]
        # A sliver narrower than a character at either end is the edge of a
        # neighbouring column's glyph the box cut through: left out. Inside
        # the line it is a stroke or a speck and stays with its nearer neighbour.
        while len(runs) > 1 and runs[0][1] - runs[0][0] + 1 < 0.6 * h:
            del runs[0]
        while len(runs) > 1 and runs[-1][1] - runs[-1][0] + 1 < 0.6 * h:
            del runs[-1]
        k = 1
        while k < len(runs) - 1:
            a, b = runs[k]
            if b - a + 1 >= 0.6 * h:
                k += 1
                continue
            if a - runs[k - 1][1] <= runs[k + 1][0] - b:
                runs[k - 1][1] = b
            else:
                runs[k + 1][0] = a
            del runs[k]
        pad = 0.45 * h
        for k, (a, b) in enumerate(runs):
            ra = 0.0 if k == 0 and a == ink[0] else max(0.0, a - pad)
            rb = float(w) if k == len(runs) - 1 and b == ink[-1] else min(float(w), b + 1 + pad)
            read.append(_along(q, ra / w, rb / w))
            inked.append(_along(q, a / w, (b + 1) / w))
    empty = np.zeros((0, 4, 2), dtype=np.float32)
    return (np.stack(read) if read else empty), (np.stack(inked) if inked else empty)


def _flip_quads(quads: Any, width: int, height: int) -> Any:
    """Quads of a page turned by 180 degrees (corners kept clockwise from top-left)."""
    flipped = quads.copy()
    flipped[:, :, 0] = width - 1 - quads[:, :, 0]
    flipped[:, :, 1] = height - 1 - quads[:, :, 1]
    return flipped[:, [2, 3, 0, 1], :]


def recognise(image: Any, *, threads: int | None = None) -> tuple[list[Detected], bool]:
    """Read an RGB page (``H x W x 3`` uint8 array).

    Returns the recognised lines and whether the page was upside down; the
    quads are in the upright page (turned by 180 degrees when it was upside
    down). Every line is kept, whatever its confidence.
    """
    import numpy as np

    engine = get_engine(threads)
    height, width = image.shape[:2]
    quads, inked = split_at_gaps(image, detect(engine, image))
    if len(quads) == 0:
        return [], False
    crops = engine.get_crop_img_list(image, list(quads))
    turned, cls, _ = engine.text_cls(crops)
    widths = np.array([c.shape[1] for c in crops], dtype=float)
    flipped = np.array([("180" in str(label)) and score > _CLS_SURE for label, score in cls])
    upside_down = bool(widths[flipped].sum() > FLIPPED_SHARE * widths.sum())
    if upside_down:
        log.info("page is upside down; reading it turned by 180 degrees")
        image = np.ascontiguousarray(image[::-1, ::-1])
        quads = _flip_quads(quads, width, height)
        inked = _flip_quads(inked, width, height)
        turned, _, _ = engine.text_cls(engine.get_crop_img_list(image, list(quads)))
    rec, _ = engine.text_rec(turned, False)
    out = []
    for quad, res in zip(inked, rec):
        text, score = str(res[0]), float(res[1])
        if not text.strip():
            continue
        out.append(Detected(tuple((float(x), float(y)) for x, y in quad), text, score))
    return out, upside_down
