"""Newspaper-like test pages rendered from real report text, with their true text.

A page is set the way Chinese newspapers print a government work report: a
title (and dateline) across the page, the text in 4-8 justified columns
with two-character indents and no line starting with a closing mark,
section headings in a sans face inside the columns, an optional headline
across all columns that opens a second band (with its own column count), a
photo across one to three columns with a caption under it, and a framed
sidebar at the foot of the last columns. Then the scan: a slight rotation,
blur, noise and JPEG artefacts.

The true text comes back in reading order (body text, then captions, then
sidebars: the order :mod:`sq_nlp.ingest.ocr.order` reads) and in the gold
format of :mod:`sq_nlp.extract.layout_eval` (``# `` headline, ``@ ``
caption, a paragraph a line). Fonts are the Noto CJK faces that mplfonts
ships. Used by the tests (small pages) and ``make bench`` (the full set).
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

NO_START = frozenset("，。、；：！？）》」』”’…%")
NO_END = frozenset("（《「『“‘")


@dataclass(frozen=True)
class PageSpec:
    """How to set one page.

    ``columns`` gives the column count of each band (a second band opens
    with a headline across the page); ``photo`` is ``(first column, span)``
    of a photo in the first band, ``sidebar`` the number of columns a framed
    sidebar spans at the foot of the last band (0: none). ``font_px`` is the
    body size in pixels (26 px is 9 pt at 200 dpi).
    """

    width: int = 1600
    height: int = 2200
    columns: tuple[int, ...] = (5,)
    font_px: int = 26
    gutter: float = 1.5
    photo: tuple[int, int] | None = (1, 2)
    sidebar: int = 0
    rotate: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    jpeg: int | None = None
    seed: int = 0
    heading_scale: float = 1.4
    rules: bool = False
    caption_lines: int = 1


@dataclass(frozen=True)
class SynthPage:
    """A rendered page: the image, its true text (one block per line, in
    reading order) and the same in the layout gold format."""

    image: Any
    text: str
    gold: str
    blocks: tuple[tuple[str, str], ...] = field(default=())


@lru_cache(maxsize=None)
def _font(name: str, size: int) -> Any:
    import mplfonts
    from PIL import ImageFont

    files = {
        "serif": "NotoSerifCJKsc-Regular.otf",
        "sans": "NotoSansCJKsc-Regular.otf",
        "hei": "SimHei.ttf",
    }
    path = Path(mplfonts.__file__).parent / "fonts" / files[name]
    return ImageFont.truetype(str(path), size)


@dataclass
class _Line:
    chars: str
    x: float
    y: float
    width: float  # width to justify to (0: natural)
    font: Any


def _advances(text: str, font: Any) -> list[float]:
    return [font.getlength(ch) for ch in text]


def wrap(text: str, font: Any, width: float, first_indent: float = 0.0) -> list[tuple[str, float, bool]]:
    """Break a paragraph into ``(chars, indent, justified)`` lines of ``width``
    pixels: no line starts with a closing mark or ends with an opening one."""
    lines: list[tuple[str, float, bool]] = []
    adv = _advances(text, font)
    i, indent = 0, first_indent
    n = len(text)
    while i < n:
        used, j = 0.0, i
        while j < n and used + adv[j] <= width - indent + 0.01:
            used += adv[j]
            j += 1
        if j == i:
            j = i + 1
        if j < n:
            while j < n and text[j] in NO_START and j - i < 60:
                j += 1  # pulled in: the line is squeezed a little
            while j - 1 > i and text[j - 1] in NO_END:
                j -= 1
        lines.append((text[i:j], indent, j < n))
        i, indent = j, 0.0
    return lines


#: Marks a typesetter may set at half width to fit a line (标点挤压).
SQUEEZABLE = frozenset("，。、；：！？“”‘’（）《》")


def _draw_line(draw: Any, line: _Line) -> None:
    adv = _advances(line.chars, line.font)
    natural = sum(adv)
    gaps = len(line.chars) - 1
    extra = (line.width - natural) / gaps if line.width and gaps > 0 else 0.0
    if extra < 0:
        # Too long for its measure (a mark pulled in from the next line):
        # squeeze the marks towards half width, as typesetters do, and the
        # spacing only for what is left.
        marks = [k for k, ch in enumerate(line.chars) if ch in SQUEEZABLE]
        room = sum(0.5 * adv[k] for k in marks)
        take = min(room, natural - line.width)
        for k in marks:
            adv[k] -= take * (0.5 * adv[k]) / room if room else 0.0
        extra = (line.width - sum(adv)) / gaps
    x = line.x
    for ch, a in zip(line.chars, adv):
        # A squeezed stop or closing mark keeps the left of its cell, an
        # opening mark the right.
        full = line.font.getlength(ch)
        shift = -(full - a) if ch in "“‘（《" else 0.0
        draw.text((x + shift, line.y), ch, font=line.font, fill=0)
        x += a + extra


@dataclass
class _Segment:
    x: float
    y0: float
    y1: float
    width: float


def _columns(x0: float, x1: float, n: int, gutter: float) -> list[tuple[float, float]]:
    width = (x1 - x0 - gutter * (n - 1)) / n
    return [(x0 + k * (width + gutter), width) for k in range(n)]


def _segments(cols: list[tuple[float, float]], y0: float, y1: float,
              obstacles: Sequence[tuple[float, float, float, float]]) -> list[_Segment]:
    segs: list[_Segment] = []
    for x, w in cols:
        spans = [(y0, y1)]
        for ox0, oy0, ox1, oy1 in obstacles:
            if ox1 <= x or ox0 >= x + w:
                continue
            nxt = []
            for a, b in spans:
                if oy1 <= a or oy0 >= b:
                    nxt.append((a, b))
                    continue
                if oy0 > a:
                    nxt.append((a, oy0))
                if oy1 < b:
                    nxt.append((oy1, b))
            spans = nxt
        segs.extend(_Segment(x, a, b, w) for a, b in spans if b - a > 0)
    return segs


def _flow(elements: Sequence[tuple[str, str]], segs: list[_Segment], fs: int, spec: PageSpec,
          rng: random.Random) -> tuple[list[_Line], int, str]:
    """Set elements into the segments in order; returns the lines, how
    many elements fit whole and the part of the next one that was set."""
    body = _font("serif", fs)
    head = _font("hei", int(fs * spec.heading_scale))
    lead = 1.55 * fs
    out: list[_Line] = []
    s, y = 0, segs[0].y0 if segs else 0.0
    placed = 0
    for kind, text in elements:
        seg = segs[s] if s < len(segs) else None
        if seg is None:
            break
        if kind == "heading":
            hl = wrap(text, head, seg.width)
            need = len(hl) * 1.5 * head.size + 0.6 * fs + 2 * lead
            if y > seg.y0:
                y += 0.6 * fs
            if y + need > seg.y1:
                s += 1
                if s >= len(segs):
                    break
                seg, y = segs[s], segs[s].y0
            centred = rng.random() < 0.5
            for chars, _, _ in hl:
                w = sum(_advances(chars, head))
                x = seg.x + ((seg.width - w) / 2 if centred else 0)
                out.append(_Line(chars, x, y, 0, head))
                y += 1.5 * head.size
            y += 0.3 * fs
            placed += 1
            continue
        lines = wrap(text, body, seg.width, 2 * fs)
        k = 0
        while k < len(lines):
            if y + 1.3 * fs > seg.y1 + 0.01:
                s += 1
                if s >= len(segs):
                    return out, placed, "".join(ln[0] for ln in lines[:k])
                seg, y = segs[s], segs[s].y0
                continue
            chars, indent, justified = lines[k]
            out.append(_Line(chars, seg.x + indent, y, seg.width - indent if justified else 0, body))
            y += lead
            k += 1
        placed += 1
    return out, placed, ""


def _photo(img: Any, rect: tuple[float, float, float, float], rng: random.Random) -> None:
    """A stand-in photograph: shaded shapes in dense mid tones, inside ``rect``."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = (int(v) for v in rect)
    w, h = x1 - x0, y1 - y0
    pic = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(pic)
    for yy in range(h):
        draw.line([(0, yy), (w, yy)], fill=int(90 + 100 * yy / max(1, h)))
    for _ in range(14):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.05, 0.25) * w
        draw.ellipse([cx - r, cy - r * 0.6, cx + r, cy + r * 0.6], fill=rng.randint(30, 200))
    img.paste(pic, (x0, y0))


def render_page(elements: Sequence[tuple[str, str]], spec: PageSpec,
                title: Sequence[str] = ()) -> tuple[SynthPage, int]:
    """Set ``elements`` (``(kind, text)``, kind ``heading`` or ``paragraph``)
    on one page after the ``title`` lines; returns the page and how many
    elements it holds (the rest did not fit)."""
    from PIL import Image, ImageDraw

    rng = random.Random(spec.seed)
    fs = spec.font_px
    img = Image.new("L", (spec.width, spec.height), 255)
    draw = ImageDraw.Draw(img)
    margin = 2.2 * fs
    x0, x1 = margin, spec.width - margin
    y = margin
    gold: list[tuple[str, str]] = []
    lines: list[_Line] = []
    for k, t in enumerate(title):
        font = _font("hei", int(fs * (2.4 if k == 0 else 1.15)))
        w = sum(_advances(t, font))
        lines.append(_Line(t, (spec.width - w) / 2, y, 0, font))
        y += font.size * (1.7 if k == 0 else 1.6)
        gold.append(("heading", t))
    if title:
        y += 0.4 * fs
        draw.line([(x0, y), (x1, y)], fill=0, width=3)
        y += 1.2 * fs
    gutter = spec.gutter * fs
    bottom = spec.height - margin
    bands = list(spec.columns)
    captions: list[str] = []
    sidebars: list[list[tuple[str, str]]] = []
    used = 0
    rest = list(elements)
    # A sidebar takes its text from the end of the given elements.
    side_elems: list[tuple[str, str]] = []
    if spec.sidebar:
        for kind, text in rest[::-1]:
            if kind == "paragraph" and 40 <= len(text) <= 400:
                # Whole sentences, up to about 160 characters.
                stops = [i + 1 for i, ch in enumerate(text[:160]) if ch in "。！？；"]
                cut = text[: stops[-1]] if stops and stops[-1] >= 40 else text[:160]
                side_elems = [("heading", "相关链接"), ("paragraph", cut)]
                rest.remove((kind, text))
                break
    caption_text = _caption(rest, rng, spec.caption_lines)
    cap_room = (1.6 + 1.3 * spec.caption_lines) * fs
    for b, ncol in enumerate(bands):
        last = b == len(bands) - 1
        if b > 0:
            # The headline across the page: the next section heading.
            k = next((i for i, (kind, _) in enumerate(rest[used:]) if kind == "heading"), None)
            if k is None:
                break
            used += k
            text = rest[used][1]
            font = _font("hei", int(fs * 1.9))
            w = sum(_advances(text, font))
            y += 0.8 * fs
            lines.append(_Line(text, (spec.width - w) / 2, y, 0, font))
            gold.append(("heading", text))
            y += font.size * 1.8
            used += 1
        cols = _columns(x0, x1, ncol, gutter)
        avail = bottom - y

        def obstacles(h: float, b: int = b, ncol: int = ncol, cols: list = cols, last: bool = last,
                      y: float = y) -> list[tuple[float, float, float, float]]:
            obs = []
            if b == 0 and spec.photo and spec.photo[0] + spec.photo[1] <= ncol:
                c0, span = spec.photo
                px0 = cols[c0][0]
                px1 = cols[c0 + span - 1][0] + cols[c0 + span - 1][1]
                ph = min(0.35 * h, 0.55 * (px1 - px0))
                py0 = y + round(0.3 * h / (1.55 * fs)) * 1.55 * fs
                obs.append((px0, py0, px1, py0 + ph + cap_room))
            if last and side_elems:
                sh = _sidebar_height(side_elems, cols, spec.sidebar, fs)
                if sh < 0.6 * h:
                    obs.append((cols[ncol - spec.sidebar][0], y + h - sh, x1, y + h))
            return obs

        def balanced(elems: Sequence[tuple[str, str]], limit: float) -> float | None:
            lo, hi = 4.0 * fs, limit
            if _flow(elems, _segments(cols, y, y + hi, obstacles(hi)), fs, spec, random.Random(spec.seed))[1] < len(elems):
                return None
            while hi - lo > 2:
                mid = (lo + hi) / 2
                n = _flow(elems, _segments(cols, y, y + mid, obstacles(mid)), fs, spec, random.Random(spec.seed))[1]
                lo, hi = (lo, mid) if n >= len(elems) else (mid, hi)
            return hi

        band_elems = rest[used:]
        h = avail
        if not last:
            # End the band before a section heading, so that it holds about
            # half the page and the headline across the page opens the next.
            best = None
            for i, (kind, _) in enumerate(band_elems):
                if kind != "heading" or i < 3:
                    continue
                bh = balanced(band_elems[:i], 0.7 * avail)
                if bh is None:
                    break
                if best is None or abs(bh - 0.45 * avail) < abs(best[1] - 0.45 * avail):
                    best = (i, bh)
            if best is None:
                last = True  # no section ends in time: one band only
            else:
                band_elems, h = band_elems[: best[0]], best[1]
        placed_lines, n, partial = _flow(band_elems, _segments(cols, y, y + h, obstacles(h, last=last)), fs, spec,
                                random.Random(spec.seed))
        lines.extend(placed_lines)
        gold.extend(band_elems[:n])
        if partial:
            gold.append(("paragraph", partial))
        used += n
        for ob_i, ob in enumerate(obstacles(h, last=last)):
            is_photo = b == 0 and spec.photo and ob_i == 0 and spec.photo[0] + spec.photo[1] <= ncol
            if is_photo:
                rect = (ob[0], ob[1] + 0.3 * fs, ob[2], ob[3] - cap_room)
                _photo(img, rect, rng)
                cap_font = _font("sans", int(fs * 0.9))
                cap_lines = wrap(caption_text, cap_font, ob[2] - ob[0])[: spec.caption_lines]
                cy = rect[3] + 0.35 * fs
                for chars, _, _ in cap_lines:
                    lines.append(_Line(chars, ob[0], cy, 0, cap_font))
                    cy += 1.3 * fs
                captions.append("".join(chars for chars, _, _ in cap_lines))
            else:
                _sidebar(draw, lines, ob, side_elems, fs)
                sidebars.append(side_elems)
        if spec.rules:
            _rules(draw, cols, y, y + h, obstacles(h, last=last), fs)
        y = y + h
        if last or used >= len(rest):
            break
    for line in lines:
        _draw_line(draw, line)
    blocks = list(gold) + [("caption", c) for c in captions] + [e for s in sidebars for e in s]
    image = degrade(img, spec)
    text = "\n".join(t for _, t in blocks) + "\n"
    gold_text = "\n".join(("# " if k == "heading" else "@ " if k == "caption" else "") + t
                          for k, t in blocks) + "\n"
    return SynthPage(image, text, gold_text, tuple(blocks)), used


def _rules(draw: Any, cols: list[tuple[float, float]], y0: float, y1: float,
           obstacles: Sequence[tuple[float, float, float, float]], fs: int) -> None:
    """A thin rule down the middle of each gutter, broken where a photo or
    sidebar spans it."""
    for (xa, wa), (xb, _) in zip(cols, cols[1:]):
        x = (xa + wa + xb) / 2
        spans = [(y0 + 0.2 * fs, y1 - 0.2 * fs)]
        for ox0, oy0, ox1, oy1 in obstacles:
            if ox0 < x < ox1:
                spans = [part for a, b in spans
                         for part in ((a, min(b, oy0 - 0.3 * fs)), (max(a, oy1 + 0.3 * fs), b)) if part[1] > part[0]]
        for a, b in spans:
            draw.line([(x, a), (x, b)], fill=0, width=max(1, fs // 14))


def _caption(elements: Sequence[tuple[str, str]], rng: random.Random, lines: int = 1) -> str:
    """A caption from the report's own words: a clause of a sentence (for a
    caption of several lines, clauses that follow each other)."""
    clauses = [c for kind, t in elements if kind == "paragraph"
               for c in t.replace("。", "，").split("，") if 8 <= len(c) <= 18]
    if not clauses:
        return "图为建设中的项目现场"
    k = rng.randrange(len(clauses))
    if lines <= 1:
        return clauses[k]
    return "，".join(clauses[k: k + 4 * lines]) + "。"


def _sidebar_height(elems: Sequence[tuple[str, str]], cols: list[tuple[float, float]], span: int, fs: int) -> float:
    width = cols[-1][0] + cols[-1][1] - cols[len(cols) - span][0] - 2 * fs
    small = _font("serif", int(fs * 0.92))
    n = sum(len(wrap(t, small, width, 2 * small.size)) for k, t in elems if k == "paragraph")
    return 2.2 * fs + 1.6 * fs + n * 1.5 * small.size + 1.6 * fs


def _sidebar(draw: Any, lines: list[_Line], rect: tuple[float, float, float, float],
             elems: Sequence[tuple[str, str]], fs: int) -> None:
    x0, y0, x1, y1 = rect
    y0 += 0.8 * fs
    draw.rectangle([x0, y0, x1, y1 - 0.2 * fs], outline=0, width=3)
    small = _font("serif", int(fs * 0.92))
    head = _font("hei", int(fs * 1.2))
    y = y0 + 0.8 * fs
    for kind, text in elems:
        if kind == "heading":
            w = sum(_advances(text, head))
            lines.append(_Line(text, (x0 + x1 - w) / 2, y, 0, head))
            y += 1.7 * head.size
        else:
            for chars, indent, justified in wrap(text, small, x1 - x0 - 2 * fs, 2 * small.size):
                lines.append(_Line(chars, x0 + fs + indent, y, (x1 - x0 - 2 * fs - indent) if justified else 0, small))
                y += 1.5 * small.size


def degrade(img: Any, spec: PageSpec) -> Any:
    """The scan: rotation, blur, noise and JPEG compression as ``spec`` says."""
    import numpy as np
    from PIL import Image, ImageFilter

    out = img
    if spec.rotate:
        out = out.rotate(spec.rotate, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if spec.blur:
        out = out.filter(ImageFilter.GaussianBlur(spec.blur))
    if spec.noise:
        rng = np.random.default_rng(spec.seed)
        arr = np.asarray(out, dtype=np.float32) + rng.normal(0, spec.noise, (out.height, out.width))
        out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if spec.jpeg:
        buf = io.BytesIO()
        out.save(buf, format="JPEG", quality=spec.jpeg)
        out = Image.open(io.BytesIO(buf.getvalue()))
        out.load()
    return out.convert("RGB")


def report_elements(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """A report's title lines and its headings and paragraphs in order, as
    layout repair reads them (page chrome and captions left out)."""
    from sq_nlp.extract.layout import repair

    blocks = repair(text)
    title = [b.text for b in blocks if b.kind == "title"][:2]
    elems = [("heading" if b.kind == "heading" else "paragraph", b.text)
             for b in blocks if b.kind in ("heading", "paragraph")]
    return title, elems
