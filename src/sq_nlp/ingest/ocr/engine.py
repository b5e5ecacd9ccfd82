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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sq_nlp.errors import ConfigError, InputError

log = logging.getLogger(__name__)

#: Mean text score a detected box needs (RapidOCR's default is 0.5).
DET_BOX_THRESH = 0.3
#: Height of one detection strip; taller pages are read in overlapping strips.
STRIP = 2048
#: Overlap of strips: more than the tallest headline, so every line lies whole in one.
OVERLAP = 320
#: A blank stretch this many box heights wide inside a detected box is cut
#: where it runs on down the page between lines: a gutter between columns
#: (one character wide on many pages), not the blank after a comma.
GAP = 0.6
#: ... and a blank this wide is cut wherever it is (between a stop and an
#: opening quotation mark 。“ the blank is about one height).
WIDE = 1.5
#: How far above or below a box (in its heights) a gutter must run on:
#: three lines of text (a line every 1.5 heights or so). Justified Chinese
#: text sits on a grid of character cells, so blanks after punctuation in
#: two lines running stand one over the other by chance in many a column;
#: in three lines running seldom. A gutter runs the column's length ...
DOWN = 5.0
#: ... with text within this many body text heights on both sides.
GUTTER_MAX = 3.0
#: How far beyond a detected box (in its heights) ink on its line is looked for.
REACH = 2.0
#: Rows above and below a box (a fraction of its height) where ink means a
#: rule or another line, not a mark of this line.
MARGIN = 0.25
#: Blank margin given to the recogniser at each end of a piece, in heights.
PAD = 0.45
#: ... and above and below it.
VPAD = 0.2
#: Lines recognised at a time (progress is told after each batch).
REC_CHUNK = 64
#: A page is upside down when most of its detected text (by width) reads so.
FLIPPED_SHARE = 0.5
# A box this many times the median box height is a headline's (set larger
# than the body text).
HEADLINE = 1.25
_CLS_SURE = 0.9

_ENGINES: dict[int, Any] = {}

INSTALL_HINT = "OCR of scanned pages needs the ocr extra: pip install 'sq-nlp[ocr]'"
#: Debian/Ubuntu packages of the system libraries the engine loads (OpenCV's
#: desktop libraries, ONNX Runtime's OpenMP), by library name.
SYSTEM_PACKAGES = {"libGL": "libgl1", "libEGL": "libegl1", "libgthread-2.0": "libglib2.0-0",
                   "libglib-2.0": "libglib2.0-0", "libSM": "libsm6", "libICE": "libice6",
                   "libXext": "libxext6", "libXrender": "libxrender1", "libX11": "libx11-6",
                   "libgomp": "libgomp1"}
#: Libraries only OpenCV's desktop wheel needs: its headless wheel does without them.
_DESKTOP = frozenset({"libGL", "libEGL", "libgthread-2.0", "libglib-2.0", "libSM", "libICE", "libXext",
                      "libXrender", "libX11"})


@dataclass(frozen=True)
class Detected:
    """One recognised line: its quadrilateral in page pixels (clockwise from
    top-left), its text and the recogniser's confidence (mean character
    probability, 0..1)."""

    quad: tuple[tuple[float, float], ...]
    text: str
    confidence: float


def install_hint(exc: ImportError) -> str:
    """What to install when importing the engine failed with ``exc``: the
    ``ocr`` extra when a package is missing; when a system library is
    missing (``libGL.so.1`` on a server without a desktop), its system
    package or, for OpenCV's desktop libraries, OpenCV's headless wheel."""
    import re

    found = re.search(r"(lib[\w+-]+(?:\.[\w+-]+)*?)\.so[\w.]*", str(exc))
    if not found:
        return f"{INSTALL_HINT} ({exc})"
    lib, name = found.group(1), found.group(0)
    package = SYSTEM_PACKAGES.get(lib)
    fix = f"install the system package that provides {name}"
    if package:
        fix += f" (Debian/Ubuntu: apt-get install {package})"
    if lib in _DESKTOP:
        fix += (", or use OpenCV's headless wheel, which needs no desktop libraries: "
                "pip uninstall opencv-python && pip install opencv-python-headless")
    return f"the OCR engine cannot load the system library {name}: {fix}"


def require(path: object) -> None:
    """Raise an InputError naming ``path`` and what to install when the
    engine cannot be imported (before a page of it is rendered for OCR)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as exc:
        raise InputError(path, install_hint(exc)) from None


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
            raise ConfigError(install_hint(exc)) from None
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        # No dilation of the detector's text map and a lower box score:
        # with them, lines of columns one character apart merge into one
        # region whose mean score (blank gutters in it) falls under the
        # default 0.5, and the whole row is lost.
        _ENGINES[n] = RapidOCR(intra_op_num_threads=n, inter_op_num_threads=1, text_score=0.0,
                               det_use_dilation=False, det_box_thresh=DET_BOX_THRESH)
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


def detect(engine: Any, image: Any, progress: Callable[[float], None] | None = None) -> Any:
    """Text-line quadrilaterals (``n x 4 x 2`` float32) of an RGB page, strip
    by strip (``progress`` is told the share of strips done)."""
    import numpy as np

    quads = []
    strips = _strips(image.shape[0])
    for k, (y0, y1, core0, core1) in enumerate(strips):
        if progress:
            progress(k / len(strips))
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


def join_headline_pieces(quads: Any) -> Any:
    """Detector boxes that overlap along one line of a headline joined into
    one box.

    The detector may give a headline two boxes that overlap: its number in
    brackets, in a box shorter than the brackets, apart from its words.
    Read apart, a short piece such as （二） loses the context the recogniser
    needs and is misread or read as nothing, and its blanks, measured in the
    short box, pass for a body line's over the gutter of the columns above.
    Only a headline runs across columns, set larger than the body text: two
    boxes are joined when one of them is a headline's (``HEADLINE`` times
    the median box height or more, and longer than the median box, a
    column's line, by half again), they share most of the shorter one's
    height and some of their length, and each is longer than high; a box
    is joined once. Body lines of neighbouring columns whose boxes reach
    into a narrow gutter stay apart."""
    import cv2
    import numpy as np

    boxes = [np.asarray(q, dtype=np.float32) for q in quads]
    if len(boxes) < 2:
        return quads
    arr = np.stack(boxes)
    lo, hi = arr.min(axis=1), arr.max(axis=1)
    h = np.linalg.norm(arr[:, 0] - arr[:, 3], axis=1)
    length = np.linalg.norm(arr[:, 0] - arr[:, 1], axis=1)
    headline = (h >= HEADLINE * float(np.median(h))) & (length >= 1.5 * float(np.median(length)))
    joined = np.zeros(len(boxes), dtype=bool)
    gone = np.zeros(len(boxes), dtype=bool)
    for i in np.flatnonzero(headline).tolist():
        if joined[i]:
            continue
        low = np.minimum(h[i], h)
        hit = ((np.minimum(hi[i, 0], hi[:, 0]) - np.maximum(lo[i, 0], lo[:, 0]) > 0)
               & (np.minimum(hi[i, 1], hi[:, 1]) - np.maximum(lo[i, 1], lo[:, 1]) >= 0.8 * low)
               # a box round a mark or two stacked lines is not a line's piece
               & (np.minimum(hi[i, 0] - lo[i, 0], hi[:, 0] - lo[:, 0]) >= low) & ~joined)
        hit[i] = False
        if not hit.any():
            continue
        j = int(np.flatnonzero(hit)[0])
        pts = cv2.boxPoints(cv2.minAreaRect(np.concatenate([boxes[i], boxes[j]])))
        s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
        boxes[i] = np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]], dtype=np.float32)
        joined[i] = joined[j] = True
        gone[j] = True
    return np.stack(boxes)[~gone]


def _rectify(grey: Any, quad: Any, width: int, height: int, *, labels: bool = False) -> Any:
    """The quad's pixels mapped to an upright ``width x height`` rectangle
    (outside the page: white; ``labels``: a label image, not interpolated).

    The map is affine (from the top edge and the left side): a detected box
    is a slightly uneven quadrilateral, and a perspective map would stretch
    a long strip unevenly, so that its columns no longer stand a fixed step
    apart on the page (:func:`_unrectify` maps them back linearly)."""
    import cv2
    import numpy as np

    src = np.array([quad[0], quad[1], quad[3]], dtype=np.float32)
    dst = np.array([[0, 0], [width, 0], [0, height]], dtype=np.float32)
    m = cv2.getAffineTransform(src, dst)
    return cv2.warpAffine(grey, m, (max(1, width), max(1, height)),
                          flags=cv2.INTER_NEAREST if labels else cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0 if labels else 255)


def _along(q: Any, fa: float, fb: float) -> Any:
    """The part of quad ``q`` between fractions ``fa`` and ``fb`` of its
    length (beyond 0 and 1: the quad extended along its line)."""
    import numpy as np

    top0, top1, bot1, bot0 = q[0], q[1], q[2], q[3]
    return np.array([top0 + (top1 - top0) * fa, top0 + (top1 - top0) * fb,
                     bot0 + (bot1 - bot0) * fb, bot0 + (bot1 - bot0) * fa], dtype=np.float32)


def _grown(q: Any, fa: float, fb: float, fv: float) -> Any:
    """Quad ``q`` extended along its line to fractions ``fa``..``fb`` and by
    ``fv`` of its height above and below."""
    import numpy as np

    e = _along(q, fa, fb)
    left, right = (e[3] - e[0]) * fv, (e[2] - e[1]) * fv
    return np.array([e[0] - left, e[1] - right, e[2] + right, e[3] + left], dtype=np.float32)


def _runs(cols: Any, gap: float) -> list[list[int]]:
    """Stretches ``[first, last]`` of ink columns separated by blanks wider than ``gap``."""
    import numpy as np

    if len(cols) == 0:
        return []
    breaks = np.flatnonzero(np.diff(cols) > gap)
    return [[int(a), int(b)] for a, b in zip(np.concatenate(([cols[0]], cols[breaks + 1])),
                                             np.concatenate((cols[breaks], [cols[-1]])))]


def _ink_rows(rows: Any, h: float) -> tuple[int, int]:
    """First and last row of a line's ink (``rows``: whether each row of its
    box has ink); thin slivers cut off by a blank at the top or bottom are
    the edges of the lines above and below."""
    import numpy as np

    ink = np.flatnonzero(rows)
    if len(ink) == 0:
        return 0, len(rows) - 1
    segs = _runs(ink, max(1.0, 0.08 * h))
    while len(segs) > 1 and segs[0][1] - segs[0][0] + 1 <= 0.2 * h:
        del segs[0]
    while len(segs) > 1 and segs[-1][1] - segs[-1][0] + 1 <= 0.2 * h:
        del segs[-1]
    return segs[0][0], segs[-1][1]


def _gutter_runs_on(page_ink: Any, q: Any, h: float, length: float, ext: float, blank: tuple[int, int],
                    body_h: float) -> bool:
    """Whether a blank of a box (``blank``: columns of its extended, rectified
    strip) runs on above the box or below it for DOWN box heights as a
    gutter: a clear strip at least half a character wide, with text close
    on both sides on some line and more than one line of it on each side. The blank after a comma is not one (the
    line above or below has ink there), nor a blank in the top line of a
    column (above it the page is clear far and wide). A photo or a headline
    may close a gutter on one side. A rule down the gutter (ink in nearly
    every row) counts as clear. ``body_h``: the height of a body text box."""
    import numpy as np

    mid = lambda f: (q[0] + (q[1] - q[0]) * f + q[3] + (q[2] - q[3]) * f) / 2  # noqa: E731
    a, b = mid((blank[0] - ext) / length), mid((blank[1] - ext) / length)
    x0, x1 = int(np.floor(min(a[0], b[0]))), int(np.ceil(max(a[0], b[0])))
    if x1 <= x0:
        return False
    cy = (a[1] + b[1]) / 2
    reach = int(GUTTER_MAX * body_h)
    lo, hi = max(0, x0 - reach), min(page_ink.shape[1], x1 + reach)
    for y0, y1 in ((cy - (0.5 + DOWN) * h, cy - 0.5 * h), (cy + 0.5 * h, cy + (0.5 + DOWN) * h)):
        rows = slice(max(0, int(y0)), min(page_ink.shape[0], int(y1) + 1))
        window = page_ink[rows, lo:hi]
        if window.size == 0:
            continue
        share = window.mean(axis=0)
        clear = np.flatnonzero((share == 0) | (share >= 0.9))
        for ra, rb in _runs(clear, 1):
            ra, rb = max(ra, x0 - lo), min(rb, x1 - lo - 1)
            if rb - ra + 1 < 0.45 * body_h:
                continue  # no gutter's width of it under the blank
            # Text close on both sides, on one line at least (a short last
            # line may leave more room on one side on others), and on each
            # side more than one line of it: a gutter runs between lines
            # of text, and the blank page past a column's last line is none
            # (a blank after a comma over the one line left of a column
            # would else pass).
            near = int(GUTTER_MAX * body_h)
            left = window[:, max(0, ra - near):ra].any(axis=1)
            right = window[:, rb + 1:rb + 1 + near].any(axis=1)
            if (left & right).any() and min(left.sum(), right.sum()) > 1.2 * body_h:
                return True
    return False


def vertical_rules(grey: Any, otsu: float, body_h: float) -> Any:
    """Pixels of the page's vertical rules: thin lines running down more
    than two lines of text (a glyph's stroke is never taller than its line,
    and lines stand apart). A hairline comes out of a blurred scan light
    grey and broken by noise, so light ink counts, small breaks are bridged,
    and a pixel of wander to either side is allowed. Thick dark areas (a
    photo) are not rules."""
    import cv2
    import numpy as np

    if body_h <= 0:
        return np.zeros(grey.shape[:2], dtype=bool)
    paper = float(np.percentile(grey, 90))
    light = (grey < (otsu + paper) / 2).astype(np.uint8)
    light = cv2.dilate(light, np.ones((1, 3), np.uint8))
    light = cv2.morphologyEx(light, cv2.MORPH_CLOSE, np.ones((max(3, int(0.15 * body_h)), 1), np.uint8))
    tall = cv2.morphologyEx(light, cv2.MORPH_OPEN, np.ones((max(3, int(2.5 * body_h)), 1), np.uint8))
    thick = cv2.morphologyEx(tall, cv2.MORPH_OPEN, np.ones((1, max(3, int(0.6 * body_h))), np.uint8))
    thick = cv2.dilate(thick, np.ones((1, 3), np.uint8))
    return (tall > 0) & (thick == 0)


def _ink_quad(ink: Any, a: int, b: int, h: float, around: Any, w_all: int, h_all: int, t0: int) -> Any:
    """The quad round a line's ink (``ink``: the box's rows of the rectified
    strip, columns ``a..b``), along the line itself: a detector box may be
    taller than its line and slanted against it (a box round quotation
    marks); measured glyph by glyph, the ink's centre line and height are
    the line's own. A thin mark alone (一, ——) keeps most of the box's height."""
    import numpy as np

    step = max(2, int(round(0.5 * h)))
    xs, tops, bottoms = [], [], []
    for c in range(a, b + 1, step):
        rows = ink[:, c:min(b + 1, c + step)].any(axis=1)
        if rows.any():
            top, bottom = _ink_rows(rows, h)
            xs.append(c + 0.5 * min(step, b + 1 - c))
            tops.append(top)
            bottoms.append(bottom + 1)
    heights = np.array(bottoms, dtype=float) - np.array(tops, dtype=float)
    ref = float(np.percentile(heights, 75)) if len(heights) else 0.0
    full = heights >= 0.7 * ref
    if ref >= 0.4 * h:
        half = ref / 2
        centres = (np.array(tops, dtype=float) + np.array(bottoms, dtype=float)) / 2
        cx, cy = np.array(xs)[full], centres[full]
        slope = float(np.clip(np.polyfit(cx, cy, 1)[0], -0.05, 0.05)) if full.sum() >= 3 else 0.0
        mid = float(np.median(cy - slope * cx))
    else:  # a stop, a dash: low marks of a line whose middle is the box's
        half, mid, slope = 0.4 * h, h / 2, 0.0
    x0, x1 = float(a), float(b + 1)
    pts = [(x0, mid + slope * x0 - half), (x1, mid + slope * x1 - half),
           (x1, mid + slope * x1 + half), (x0, mid + slope * x0 + half)]
    return np.array([_unrectify(around, w_all, h_all, x, y + t0) for x, y in pts], dtype=np.float32)


def _unrectify(around: Any, width: int, height: int, x: float, y: float) -> Any:
    """A point of a strip rectified by :func:`_rectify` back on the page
    (``around``: the strip's quad)."""
    u, v = x / width, y / height
    return around[0] + (around[1] - around[0]) * u + (around[3] - around[0]) * v


def split_at_gaps(image: Any, quads: Any, gap: float = GAP) -> tuple[Any, Any]:
    """Cut detected boxes at blank stretches wider than ``gap`` times their
    height, reach out to ink the detector left out at their ends, and
    measure where their ink is.

    The detector joins lines of neighbouring columns across a narrow gutter
    (the recogniser would read them as one line), leaves out thin marks at a
    line's ends (the dash pair —— that opens a dateline) and may end a box
    right at the last glyph (the recogniser then drops a small stop 。 there).
    Returns ``(to_read, ink)``: the pieces as the recogniser wants them
    (with a margin of blank) and the same pieces trimmed to their ink (what
    geometry uses).
    """
    import cv2
    import numpy as np

    read, inked = [], []
    grey_page = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    otsu, page_ink = cv2.threshold(grey_page, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    # Which box claims each pixel: a box never reaches into another's ink.
    owner = np.zeros(grey_page.shape[:2], dtype=np.uint16)
    for k, quad in enumerate(quads[:65535]):
        cv2.fillPoly(owner, [np.round(np.asarray(quad)).astype(np.int32)], k + 1)
    heights = [float(np.linalg.norm(np.asarray(qq[0]) - np.asarray(qq[3]))) for qq in quads]
    body_h = float(np.median(heights)) if heights else 0.0
    # Column rules are blank between lines, and a gutter with a rule down
    # it is clear (a faint rule is only partly ink at the Otsu threshold).
    rules = vertical_rules(grey_page, float(otsu), body_h)
    all_ink = page_ink
    page_ink = page_ink * ~rules
    rule_map = rules.astype(np.uint8)
    for k, quad in enumerate(quads):
        q = np.asarray(quad, dtype=np.float32)
        length = float(max(np.linalg.norm(q[0] - q[1]), np.linalg.norm(q[3] - q[2])))
        h = float(max(np.linalg.norm(q[0] - q[3]), np.linalg.norm(q[1] - q[2])))
        bx0, by0 = (max(0, int(v)) for v in q.min(axis=0))
        bx1, by1 = (int(np.ceil(v)) + 1 for v in q.max(axis=0))
        box_ink = all_ink[by0:by1, bx0:bx1] > 0
        if box_ink.any() and rules[by0:by1, bx0:bx1][box_ink].mean() >= 0.8:
            continue  # a box round a piece of rule: no text
        if h < 4 or length < 4:
            read.append(q)
            inked.append(q)
            continue
        # The box, REACH heights further along its line at each end and
        # MARGIN of its height above and below, at one pixel a pixel.
        ext, mrg = REACH * h, MARGIN * h
        w_all, h_all = int(round(length + 2 * ext)), int(round(h + 2 * mrg))
        around = _grown(q, -ext / length, 1 + ext / length, MARGIN)
        grey = _rectify(grey_page, around, w_all, h_all)
        x0, x1 = int(round(ext)), int(round(ext + length))
        t0, t1 = int(round(mrg)), int(round(mrg + h))
        # The whole box: a comma or stop sits at the foot of its line.
        rows = slice(t0, max(t0 + 1, t1))
        band = grey[rows]
        lab_all = _rectify(owner, around, w_all, h_all, labels=True)
        other_box = (lab_all != 0) & (lab_all != k + 1)
        # Boxes of the lines above and below may overlap this one's edges.
        claimed = other_box[t0 + int(0.3 * h): max(t0 + int(0.3 * h) + 1, t0 + int(0.7 * h))].any(axis=0)
        claimed[x0:x1] = False
        inside = band[:, x0:x1]
        lo, hi = (float(np.percentile(inside, 2)), float(np.percentile(inside, 98))) if inside.size else (0.0, 0.0)
        if hi - lo < 40:
            read.append(q)
            inked.append(q)
            continue
        dark = (lo + hi) / 2
        # The thin stroke of 一 and the dash pair are light grey once
        # anti-aliased or blurred: light pixels count as ink where they run
        # on along the line (noise and JPEG blotches do not).
        light = (grey < lo + 0.7 * (hi - lo)).astype(np.uint8)
        light = cv2.morphologyEx(light, cv2.MORPH_OPEN, np.ones((1, max(3, int(0.4 * h))), np.uint8)) > 0
        inky = (grey < dark) | light
        top_ink, foot_ink = inky[:max(1, t0)], inky[min(t1, h_all - 1):]
        # A stroke unbroken through the line and the rows above and below it
        # is a rule between columns: blank for the line.
        rule = (top_ink.mean(axis=0) >= 0.9) & (foot_ink.mean(axis=0) >= 0.9) & (inky[rows].mean(axis=0) >= 0.8)
        # ... as is a rule found on the page (one starts and ends with its
        # column's text: at the column's first or last line it does not run
        # on past the line on both sides).
        rule |= _rectify(rule_map, around, w_all, h_all, labels=True)[rows].mean(axis=0) >= 0.5
        in_band = inky[rows].any(axis=0) & ~rule
        off_line = rule | claimed
        ink = np.flatnonzero(in_band[x0:x1]) + x0
        if len(ink) == 0:
            read.append(q)
            inked.append(q)
            continue
        runs = _runs(ink, gap * min(h, body_h))  # a box round two offset lines is taller

        def side_heights(blank: tuple[int, int]) -> list[float]:
            """Ink height of the text on each side of a blank (each side on
            its own: the detector may join lines of two columns that stand
            half a line apart)."""
            out = []
            for a, b in ((max(x0, int(blank[0] - 3 * h)), blank[0]), (blank[1], min(x1, int(blank[1] + 3 * h)))):
                side = inky[t0:t1, a:b]
                if side.size and side.any():
                    top, bottom = _ink_rows(side.any(axis=1), h)
                    out.append(float(bottom - top + 1))
            return out

        def body_size(blank: tuple[int, int]) -> bool:
            """A headline's blanks (after its comma) may stand over a gutter
            of the text: only text of body size on both sides of a blank
            makes it a gutter."""
            return all(s <= 1.25 * body_h for s in side_heights(blank))

        def two_sizes(blank: tuple[int, int]) -> bool:
            """Text of body size on one side of a blank and set larger on
            the other: a line keeps one size, so these are two lines (a
            line of text and a headline in the next column). The body side
            must hold full characters (digits and 一 、 are lower than the
            characters round them in one line)."""
            s = side_heights(blank)
            return (len(s) == 2 and 0.7 * body_h <= min(s) <= 1.25 * body_h
                    and max(s) >= 1.25 * max(min(s), body_h))
        # A narrower blank is a gutter only where the lines above and below
        # are blank too (the blank after a comma is not).
        j = 0
        while j < len(runs) - 1:
            blank = (runs[j][1] + 1, runs[j + 1][0])
            if (blank[1] - blank[0] >= WIDE * h or two_sizes(blank)
                    or (body_size(blank) and _gutter_runs_on(page_ink, q, h, length, ext, blank, body_h))):
                j += 1
            else:
                runs[j][1] = runs[j + 1][1]
                del runs[j + 1]
        # A sliver narrower than a character that the box's end cuts through
        # is the edge of a neighbouring column's glyph: left out (a stop or a
        # comma at the end of the line stands clear of the box's end).
        # Inside the line it is a stroke or a speck and stays with its nearer
        # neighbour.
        while len(runs) > 1 and runs[0][1] - runs[0][0] + 1 < 0.6 * h and runs[0][0] <= x0 + 1:
            del runs[0]
        while len(runs) > 1 and runs[-1][1] - runs[-1][0] + 1 < 0.6 * h and runs[-1][1] >= x1 - 2:
            del runs[-1]
        j = 1
        while j < len(runs) - 1:
            a, b = runs[j]
            if b - a + 1 >= 0.6 * h:
                j += 1
                continue
            if a - runs[j - 1][1] <= runs[j + 1][0] - b:
                runs[j - 1][1] = b
            else:
                runs[j + 1][0] = a
            del runs[j]
        # Reach out: ink on the line's own band close to its ends that no
        # other box holds (a dash, a stop, a thin 一) belongs to the line.
        step = max(1, int(0.5 * h))
        a = runs[0][0]
        while a > 0:
            window = slice(max(0, a - step), a)
            if (in_band[window] & off_line[window]).any() or not in_band[window].any():
                break
            a = window.start + int(np.flatnonzero(in_band[window])[0])
        b = runs[-1][1]
        while b + 1 < w_all:
            window = slice(b + 1, min(w_all, b + 1 + step))
            if (in_band[window] & off_line[window]).any() or not in_band[window].any():
                break
            b = window.start + int(np.flatnonzero(in_band[window])[-1])
        runs[0][0], runs[-1][1] = a, b
        # Margins for the recogniser: up to PAD heights of blank, never
        # past half the way to other ink on the band or to a rule (read as
        # | or / if the piece takes it in).
        others = np.flatnonzero(in_band | claimed | rule)
        pad = PAD * h
        for a, b in runs:
            before = others[others < a]
            after = others[others > b]
            ra = max(a - pad, (before[-1] + a) / 2 if len(before) else 0.0, 0.0)
            rb = min(b + 1 + pad, (after[0] + b + 1) / 2 if len(after) else float(w_all), float(w_all))
            # Above and below too (a small stop at the foot of a tight box is
            # dropped), up to half the way to a neighbouring box.
            span = other_box[:, int(ra):max(int(ra) + 1, int(rb))].any(axis=1)
            up = np.flatnonzero(span[:t0])
            down = np.flatnonzero(span[t1:])
            fu = min(VPAD * h, (t0 - up[-1]) / 2 if len(up) else VPAD * h) / h
            fd = min(VPAD * h, (down[0] + 1) / 2 if len(down) else VPAD * h) / h
            piece = _along(q, (ra - ext) / length, (rb - ext) / length)
            left, right = piece[3] - piece[0], piece[2] - piece[1]
            read.append(np.array([piece[0] - left * fu, piece[1] - right * fu,
                                  piece[2] + right * fd, piece[3] + left * fd], dtype=np.float32))
            inked.append(_ink_quad(inky[t0:t1], a, b, h, around, w_all, h_all, t0))
    empty = np.zeros((0, 4, 2), dtype=np.float32)
    return (np.stack(read) if read else empty), (np.stack(inked) if inked else empty)


def _flip_quads(quads: Any, width: int, height: int) -> Any:
    """Quads of a page turned by 180 degrees (corners kept clockwise from top-left)."""
    flipped = quads.copy()
    flipped[:, :, 0] = width - 1 - quads[:, :, 0]
    flipped[:, :, 1] = height - 1 - quads[:, :, 1]
    return flipped[:, [2, 3, 0, 1], :]


def recognise(image: Any, *, threads: int | None = None,
              progress: Callable[[float], None] | None = None) -> tuple[list[Detected], bool]:
    """Read an RGB page (``H x W x 3`` uint8 array).

    Returns the recognised lines and whether the page was upside down; the
    quads are in the upright page (turned by 180 degrees when it was upside
    down). Every line is kept, whatever its confidence. ``progress`` is told
    the share of the page done, now and then (detection about half of it).
    """
    import numpy as np

    engine = get_engine(threads)
    height, width = image.shape[:2]
    tell = progress or (lambda share: None)
    found = join_headline_pieces(detect(engine, image, lambda share: tell(0.5 * share)))
    quads, inked = split_at_gaps(image, found)
    tell(0.5)
    if len(quads) == 0:
        return [], False
    crops = engine.get_crop_img_list(image, list(quads))
    _, cls, _ = engine.text_cls(crops)
    widths = np.array([c.shape[1] for c in crops], dtype=float)
    flipped = np.array([("180" in str(label)) and score > _CLS_SURE for label, score in cls])
    upside_down = bool(widths[flipped].sum() > FLIPPED_SHARE * widths.sum())
    if upside_down:
        log.info("page is upside down; reading it turned by 180 degrees")
        image = np.ascontiguousarray(image[::-1, ::-1])
        quads = _flip_quads(quads, width, height)
        inked = _flip_quads(inked, width, height)
        crops = engine.get_crop_img_list(image, list(quads))
    # Every line is read the page's way up: a page is printed one way up,
    # and the classifier, line by line, turns some upright lines over (the
    # recogniser then reads nothing from them).
    rec: list[Any] = []
    for k in range(0, len(crops), REC_CHUNK):
        rec.extend(engine.text_rec(crops[k:k + REC_CHUNK], False)[0])
        tell(0.5 + 0.5 * min(1.0, (k + REC_CHUNK) / len(crops)))
    out = []
    for quad, res in zip(inked, rec):
        text, score = str(res[0]), float(res[1])
        if not text.strip():
            continue
        out.append(Detected(tuple((float(x), float(y)) for x, y in quad), text, score))
    return out, upside_down
