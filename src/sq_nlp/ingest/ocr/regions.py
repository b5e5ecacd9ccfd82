"""Photos and framed sidebars on a page image, found around the text lines.

With the recognised lines masked out, what is left of the ink is pictures,
rules and frames: a large, dense patch is a photo; long thin strokes that
close round a rectangle are a frame (a boxed sidebar). Reading order uses
both: captions are the lines at a photo's edge, a sidebar the lines inside
a frame.
"""

from __future__ import annotations

from typing import Any

Rect = tuple[float, float, float, float]

#: Pixels darker than this count as ink of a picture (photos have mid tones).
PICTURE_INK = 215
#: Pixels darker than this count as ink of a rule.
RULE_INK = 150


def find_regions(image: Any, quads: Any, em: float) -> tuple[list[Rect], list[Rect]]:
    """``(photos, frames)`` as ``(x0, y0, x1, y1)`` rectangles of ``image``
    (an RGB array), whose text lines are ``quads`` and body text ``em`` high."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image.copy()
    h, w = gray.shape
    unit = max(4, int(round(em)))
    masked = gray.copy()
    for quad in quads:
        q = np.asarray(quad, dtype=np.float32)
        centre = q.mean(axis=0)
        grown = q + np.sign(q - centre) * 0.2 * unit
        cv2.fillPoly(masked, [grown.astype(np.int32)], 255)

    photos = _photos(masked, unit, cv2, np)
    frames = [f for f in _frames(masked, unit, cv2, np) if not any(_iou(f, p) > 0.5 for p in photos)]
    return photos, frames


def _photos(masked: Any, unit: int, cv2: Any, np: Any) -> list[Rect]:
    ink = (masked < PICTURE_INK).astype(np.uint8)
    # Rules (a column rule that stops short of the photo, blurred thicker by
    # the scan) would join the photo to the whole page: opened away.
    thin = max(3, unit // 4)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((thin, thin), np.uint8))
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((unit, unit), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    out: list[Rect] = []
    for k in range(1, n):
        x, y, bw, bh, area = stats[k]
        if bw < 3 * unit or bh < 3 * unit:
            continue
        density = float(ink[y:y + bh, x:x + bw].mean())
        if area >= 0.6 * bw * bh and density >= 0.35:
            out.append((float(x), float(y), float(x + bw), float(y + bh)))
    return out


def _frames(masked: Any, unit: int, cv2: Any, np: Any) -> list[Rect]:
    dark = (masked < RULE_INK).astype(np.uint8)
    span = 4 * unit
    horiz = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((1, span), np.uint8))
    vert = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((span, 1), np.uint8))
    # Text masked next to a frame may bite pieces out of its sides: bridge them.
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_CLOSE, np.ones((1, 3 * unit), np.uint8))
    vert = cv2.morphologyEx(vert, cv2.MORPH_CLOSE, np.ones((3 * unit, 1), np.uint8))
    strokes = cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(strokes, connectivity=8)
    out: list[Rect] = []
    for k in range(1, n):
        x, y, bw, bh, _ = stats[k]
        if bw < 4 * unit or bh < 3 * unit:
            continue
        part = labels[y:y + bh, x:x + bw] == k
        # A frame has strokes along all four sides of its box; on a page
        # scanned askew (up to about a degree) a side runs slantwise across
        # a strip as deep as 2% of the other side.
        ty = max(2, bh // 20, int(0.02 * bw) + 3)
        tx = max(2, bw // 20, int(0.02 * bh) + 3)
        sides = (part[:ty].any(axis=0).mean(), part[-ty:].any(axis=0).mean(),
                 part[:, :tx].any(axis=1).mean(), part[:, -tx:].any(axis=1).mean())
        if min(sides) >= 0.7:
            out.append((float(x), float(y), float(x + bw), float(y + bh)))
    return out


def _iou(a: Rect, b: Rect) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0
