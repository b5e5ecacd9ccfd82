"""Reading order from geometry: recognised lines -> ordered blocks.

A newspaper page sets its text in columns; a headline may span several of
them, a photo with its caption sits inside the columns, a boxed sidebar
stands apart. The recogniser reports lines row by row across the page, so
its own order interleaves the columns. This module rebuilds the order a
reader follows:

1. Lines inside a frame are a sidebar, lines right under (or over) a photo
   its caption; both are read after the page's main text (captions first),
   so they never cut a paragraph in two.
2. The main text is cut recursively (an XY cut): first at horizontal gaps
   next to a line wider than the columns (a title or spanning headline
   closes the text above it: read top to bottom), else at vertical gutters
   no line crosses (columns, read left to right). A column is read top to
   bottom, jumping over photos.
3. Lines become paragraphs: a paragraph starts at an indented line or after
   a line that stops short of the column's right edge; a column that ends
   with a full line continues into the next column. Lines set larger than
   the body text, or centred in their column without ending a sentence, are
   headings.

Everything here is pure geometry on plain records, so it is tested without
the engine.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

Rect = tuple[float, float, float, float]

#: A line this much taller than the body text is set in a headline size.
HEADING_SIZE = 1.28
#: Indentation (in characters) that starts a paragraph; Chinese text indents two.
INDENT = 0.9
#: A line that stops this many characters short of its column ends its paragraph.
SHORT = 1.0
_TERMINAL = "。！？!?：:；;…”’）)"
# Chinese punctuation inks half its cell or less: an opening mark at the start
# of a line, or a closing or stop mark at its end, adds blank to the line's box.
_OPEN_BLANK = frozenset("（《“‘「『【〔")
_CLOSE_BLANK = frozenset("，。、；：！？）》”’」』】〕")
#: A line read with less confidence than this, smaller than the text or a
#: mark or two, is a speck (noise in a gutter, a corner of a photo), not text.
SPECK_CONFIDENCE = 0.5


@dataclass(frozen=True)
class PageLine:
    """A recognised line placed on the upright, deskewed page.

    ``box`` is ``(x0, y0, x1, y1)`` in the upright page; ``source_box`` the
    same line in the page as stored in the file (what provenance reports).
    """

    text: str
    confidence: float
    box: Rect
    source_box: tuple[int, int, int, int]

    @property
    def height(self) -> float:
        """Height of the box."""
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        """Width of the box."""
        return self.box[2] - self.box[0]


@dataclass(frozen=True)
class OcrBlock:
    """A block of one page in reading order: a heading, paragraph or caption.

    ``region`` is ``body`` (the main text), ``caption`` or ``sidebar``;
    ``group`` numbers the caption or sidebar on its page (0 for the body).
    ``joins[i]`` is what stands between ``lines[i]`` and ``lines[i + 1]`` in
    the block's text ("" for Chinese text, " " between Latin words).
    """

    role: str
    region: str
    group: int
    lines: tuple[PageLine, ...]
    joins: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Metrics:
    """Body text size of a page: ``em`` the median line height, ``pitch`` the
    median advance of one Chinese character, ``column`` the width of a full
    line of a column."""

    em: float
    pitch: float
    column: float = 0.0


def text_units(text: str) -> float:
    """Width of a text in character advances: ASCII counts half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text if not ch.isspace())


def ink_units(text: str) -> float:
    """Width of a line's ink in character advances: :func:`text_units` less
    the blank half of an opening mark it starts with and of a closing or stop
    mark it ends with."""
    units = text_units(text)
    t = text.strip()
    if len(t) >= 2:
        units -= 0.5 * (t[0] in _OPEN_BLANK) + 0.5 * (t[-1] in _CLOSE_BLANK)
    return max(units, 0.5)


def pitch_ratio(line: PageLine, m: Metrics) -> float:
    """The line's character advance over the body text's."""
    return line.width / ink_units(line.text) / m.pitch


def measure(lines: Sequence[PageLine]) -> Metrics:
    """Body text size from the lines (headlines and short fragments weigh little)."""
    heights = [ln.height for ln in lines if text_units(ln.text) >= 4] or [ln.height for ln in lines] or [20.0]
    em = statistics.median(heights)
    body = [ln for ln in lines if text_units(ln.text) >= 6 and ln.height <= HEADING_SIZE * em]
    pitches = [ln.width / ink_units(ln.text) for ln in body]
    pitch = statistics.median(pitches) if pitches else em
    return Metrics(em=em, pitch=min(max(pitch, 0.6 * em), 1.6 * em), column=full_line_width(lines))


def full_line_width(lines: Sequence[PageLine]) -> float:
    """The width of a full line: most lines fill their column; pieces of
    lines and short last lines are the narrow minority."""
    widths = sorted(ln.width for ln in lines if text_units(ln.text) >= 4) or sorted(ln.width for ln in lines) or [0.0]
    return widths[int(0.7 * (len(widths) - 1))]


def _inside(line: PageLine, rect: Rect) -> bool:
    cx = (line.box[0] + line.box[2]) / 2
    cy = (line.box[1] + line.box[3]) / 2
    return rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]


def _h_overlap(a: Rect, b: Rect) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0]))


def find_captions(lines: Sequence[PageLine], photos: Sequence[Rect], m: Metrics) -> list[list[PageLine]]:
    """The caption lines of each photo: the row right under it (or, failing
    that, right over it) within its width, and the rows that follow it
    closely; a wider gap ends the caption. A row may come in pieces."""
    taken: set[int] = set()
    out: list[list[PageLine]] = []
    for photo in photos:
        caption: list[PageLine] = []
        near = [
            (k, ln) for k, ln in enumerate(lines)
            if k not in taken and _h_overlap(ln.box, photo) >= 0.6 * ln.width
            and ln.box[0] >= photo[0] - m.pitch and ln.box[2] <= photo[2] + m.pitch
        ]
        rows = [[near[i] for i in row] for row in _groups_1d(
            [(ln.box[1] + 0.3 * ln.height, ln.box[3] - 0.3 * ln.height, i) for i, (_, ln) in enumerate(near)], 0.0)]
        top = lambda row: min(ln.box[1] for _, ln in row)  # noqa: E731
        bottom = lambda row: max(ln.box[3] for _, ln in row)  # noqa: E731
        below = [row for row in rows if top(row) >= photo[3] - 0.5 * m.em]
        above = [row for row in rows if bottom(row) <= photo[1] + 0.5 * m.em][::-1]
        for side, limit in ((below, 1.8), (above, 1.2)):
            edge = photo[3] if side is below else photo[1]
            picked: list[list[tuple[int, PageLine]]] = []
            for row in side:
                gap = top(row) - edge if side is below else edge - bottom(row)
                if gap > (limit if not picked else 0.75) * m.em:
                    break
                picked.append(row)
                edge = bottom(row) if side is below else top(row)
            if picked:
                for row in picked:
                    for k, ln in row:
                        taken.add(k)
                        caption.append(ln)
                break
        if caption:
            out.append(caption)
    return out


def _groups_1d(spans: list[tuple[float, float, int]], min_gap: float) -> list[list[int]]:
    """Indices grouped by overlapping 1-D spans (``(lo, hi, index)``); spans
    closer than ``min_gap`` join one group."""
    spans = sorted(spans)
    groups: list[list[int]] = []
    hi = float("-inf")
    for lo, top, k in spans:
        if groups and lo - hi < min_gap:
            groups[-1].append(k)
            hi = max(hi, top)
        else:
            groups.append([k])
            hi = top
    return groups


def is_speck(line: PageLine, m: Metrics) -> bool:
    """A mark or two read unsure, or something lower than the text read
    unsure: noise in a gutter or a corner of a photo, not a line of text."""
    return line.confidence < SPECK_CONFIDENCE and (line.height < 0.7 * m.em or text_units(line.text) <= 2)


def _solid(line: PageLine, m: Metrics) -> bool:
    """Whether a line is solid enough to block a gutter: a character wide,
    most of the text's height, and not a mark or two read unsure (a speck)."""
    if line.confidence < SPECK_CONFIDENCE and text_units(line.text) <= 2:
        return False
    return line.width >= 0.9 * m.pitch and line.height >= 0.6 * m.em


def _vertical_split(lines: list[PageLine], m: Metrics) -> list[list[PageLine]]:
    """Columns: groups of lines separated by a vertical gutter no line crosses.
    Specks (narrower than a character, or lower than the text) do not block a
    gutter; they join the column they stand in. Nor does a box wider than a
    column that reaches only a little way over a gutter (the detector may
    join a line with the last character of a headline beside it): it joins
    the column most of it stands in."""
    wide = 1.2 * m.column if m.column else float("inf")
    solid = [k for k, ln in enumerate(lines) if _solid(ln, m) and ln.width <= wide]
    if len(solid) < 2:
        return [lines]
    groups = _groups_1d([(lines[k].box[0], lines[k].box[2], k) for k in solid], 0.3 * m.pitch)
    if len(groups) < 2:
        return [lines]
    bounds = [(min(lines[k].box[0] for k in g), max(lines[k].box[2] for k in g)) for g in groups]
    cols: list[list[PageLine]] = [[lines[k] for k in g] for g in groups]
    solid_set = set(solid)
    for k, ln in enumerate(lines):
        if k in solid_set:
            continue
        if _solid(ln, m):
            overlaps = sorted((_h_overlap(ln.box, (b0, 0.0, b1, 0.0)) for b0, b1 in bounds), reverse=True)
            if len(overlaps) > 1 and overlaps[1] > max(2 * m.pitch, 0.25 * ln.width):
                return [lines]  # it spans columns: not a cut here
        cx = (ln.box[0] + ln.box[2]) / 2
        best = max(range(len(bounds)), key=lambda i: (_h_overlap(ln.box, (bounds[i][0], 0.0, bounds[i][1], 0.0)),
                                                      -min(abs(cx - bounds[i][0]), abs(cx - bounds[i][1]))))
        cols[best].append(ln)
    return cols


def _spans_columns(line: PageLine, k: int, lines: Sequence[PageLine], m: Metrics) -> bool:
    """Whether a line spans columns: wider than a column, and over (or
    under) lines of two columns next to it, or far wider than any column."""
    if line.width <= 1.45 * m.column:
        return False
    if line.width > 2.2 * m.column:
        return True
    near = sorted(
        (n.box[0], n.box[2]) for j, n in enumerate(lines)
        if j != k and _h_overlap(n.box, line.box) >= 0.8 * n.width
        and (0 <= n.box[1] - line.box[3] <= 2.5 * m.em or 0 <= line.box[1] - n.box[3] <= 2.5 * m.em)
    )
    return any(b[0] - a[1] >= 0.3 * m.pitch for a in near for b in near)


def _horizontal_split(lines: list[PageLine], m: Metrics) -> list[list[PageLine]]:
    """Bands: cut at horizontal gaps next to a line wider than the columns
    (a spanning headline or title) or at a wide empty stretch."""
    rows = _groups_1d([(ln.box[1], ln.box[3], k) for k, ln in enumerate(lines)], 0.0)
    if len(rows) < 2:
        return [lines]
    spanning = [any(_spans_columns(lines[k], k, lines, m) for k in row) for row in rows]
    bands: list[list[PageLine]] = [[lines[k] for k in rows[0]]]
    for i in range(1, len(rows)):
        gap = min(lines[k].box[1] for k in rows[i]) - max(lines[k].box[3] for k in rows[i - 1])
        if spanning[i] or spanning[i - 1] or gap > 2.2 * m.em:
            bands.append([])
        bands[-1].extend(lines[k] for k in rows[i])
    return bands if len(bands) > 1 else [lines]


def _crossing_split(lines: list[PageLine], m: Metrics) -> list[list[PageLine]]:
    """Last resort when neither cut applies: find the gutter that only a few
    lines cross (a spanning line the size test missed) and cut above and
    below those lines."""
    if len(lines) < 6:
        return [lines]
    x0 = min(ln.box[0] for ln in lines)
    x1 = max(ln.box[2] for ln in lines)
    step = max(1.0, m.pitch / 4)
    best: tuple[int, float] | None = None
    x = x0 + 2 * m.pitch
    # Only lines reaching a character or more past the cut on both sides are
    # spanning lines to cut at; a speck in the gutter joins a side.
    spanning = [ln for ln in lines if _solid(ln, m)]
    while x < x1 - 2 * m.pitch:
        left = sum(1 for ln in lines if ln.box[2] < x)
        right = sum(1 for ln in lines if ln.box[0] > x)
        crossing = sum(1 for ln in spanning if ln.box[0] <= x - m.pitch and ln.box[2] >= x + m.pitch)
        if left + right + crossing < len(lines) - max(1, 0.02 * len(lines)):
            x += step
            continue
        if left >= 3 and right >= 3 and crossing <= max(1, 0.15 * min(left, right)):
            if best is None or crossing < best[0]:
                best = (crossing, x)
        x += step
    if best is None:
        return [lines]
    cut = best[1]
    if best[0] == 0:
        # Only specks stood in the gutter: columns after all.
        left_part = [ln for ln in lines if (ln.box[0] + ln.box[2]) / 2 < cut]
        return [left_part, [ln for ln in lines if (ln.box[0] + ln.box[2]) / 2 >= cut]]
    crossing_set = {id(ln) for ln in spanning if ln.box[0] <= cut - m.pitch and ln.box[2] >= cut + m.pitch}
    cross = sorted((ln for ln in lines if id(ln) in crossing_set), key=lambda ln: ln.box[1])
    bands: list[list[PageLine]] = []
    rest = sorted((ln for ln in lines if id(ln) not in crossing_set), key=lambda ln: ln.box[1])
    for c in cross:
        mid = (c.box[1] + c.box[3]) / 2
        above = [ln for ln in rest if (ln.box[1] + ln.box[3]) / 2 < mid]
        rest = [ln for ln in rest if (ln.box[1] + ln.box[3]) / 2 >= mid]
        if above:
            bands.append(above)
        bands.append([c])
    if rest:
        bands.append(rest)
    return bands if len(bands) > 1 else [lines]


def xy_order(lines: Sequence[PageLine], m: Metrics, depth: int = 0) -> list[list[PageLine]]:
    """The lines cut into leaves (one column stretch each) in reading order;
    each leaf's lines top to bottom."""
    lines = list(lines)
    if len(lines) <= 1 or depth > 60:
        return [sorted(lines, key=lambda ln: (ln.box[1], ln.box[0]))] if lines else []
    if len(_groups_1d([(ln.box[1] + 0.3 * ln.height, ln.box[3] - 0.3 * ln.height, k)
                       for k, ln in enumerate(lines)], 0.0)) == 1:
        # One row (a headline or dateline the engine read in pieces): no columns to cut.
        return [_rows_in_order(lines)]
    for split in (_horizontal_split, _vertical_split, _crossing_split):
        parts = split(lines, m)
        if len(parts) > 1:
            return [leaf for part in parts for leaf in xy_order(part, m, depth + 1)]
    return [_rows_in_order(lines)]


def _rows_in_order(lines: list[PageLine]) -> list[PageLine]:
    """A column's lines top to bottom; pieces of one row left to right."""
    rows = _groups_1d([(ln.box[1] + 0.3 * ln.height, ln.box[3] - 0.3 * ln.height, k)
                       for k, ln in enumerate(lines)], 0.0)
    out: list[PageLine] = []
    for row in rows:
        out.extend(sorted((lines[k] for k in row), key=lambda ln: ln.box[0]))
    return out


def _rows(leaf: Sequence[PageLine], m: Metrics) -> list[PageLine]:
    """A leaf's printed lines: pieces of one row (a leaf is one column) joined."""
    rows = _groups_1d([(ln.box[1] + 0.3 * ln.height, ln.box[3] - 0.3 * ln.height, k)
                       for k, ln in enumerate(leaf)], 0.0)
    return [leaf[row[0]] if len(row) == 1 else merge_row([leaf[k] for k in row], m) for row in rows]


def merge_row(pieces: Sequence[PageLine], m: Metrics) -> PageLine:
    """One printed line from the pieces of it the detector found (left to
    right, in one column): a gap wider than half a character is a space."""
    pieces = sorted(pieces, key=lambda ln: ln.box[0])
    text = pieces[0].text
    for a, b in zip(pieces, pieces[1:]):
        latin = a.text[-1:].isascii() and a.text[-1:].isalnum() and b.text[:1].isascii() and b.text[:1].isalnum()
        text += (" " if latin and b.box[0] - a.box[2] >= 0.5 * m.pitch else "") + b.text
    widest = max(pieces, key=lambda p: p.width)
    return PageLine(
        text,
        min(p.confidence for p in pieces),
        (pieces[0].box[0], widest.box[1], max(p.box[2] for p in pieces), widest.box[3]),
        (min(p.source_box[0] for p in pieces), min(p.source_box[1] for p in pieces),
         max(p.source_box[2] for p in pieces), max(p.source_box[3] for p in pieces)),
    )


def is_big(line: PageLine, m: Metrics) -> bool:
    """Set in a headline size: taller than the body text, and wider per
    character (a tall box round body text is not enough)."""
    if line.height >= 1.5 * m.em:
        return True
    if line.height < 1.05 * m.em:
        return False
    if text_units(line.text) < 2:
        return line.height >= 1.12 * m.em
    # Digits and 一 、 are lower than the text round them: a headline line
    # holding them may be little taller than body text, but it is wider.
    return pitch_ratio(line, m) >= (1.18 if line.height >= 1.12 * m.em else 1.3)


def _same_headline(upper: PageLine, lower: PageLine) -> bool:
    """Whether two lines, one under the other, are set as one headline:
    about the same size (ink heights vary with the characters: 二 and digits
    are low), close together."""
    tall = max(upper.height, lower.height)
    return (min(upper.height, lower.height) >= 0.7 * tall
            and -0.3 * tall <= lower.box[1] - upper.box[3] <= 1.0 * tall)


def _ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in tuple(_TERMINAL)


def _join(left: str, right: str) -> str:
    """Separator of two lines of one paragraph: none in Chinese, a space between Latin words."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return " "
    return ""


def blocks_from_leaves(
    leaves: Sequence[Sequence[PageLine]], m: Metrics, *, region: str = "body", group: int = 0,
    column_width: float | None = None,
) -> list[OcrBlock]:
    """Paragraphs and headings from column stretches in reading order."""
    blocks: list[OcrBlock] = []
    para: list[PageLine] = []
    heading: list[PageLine] = []
    prev_full = False

    def close() -> None:
        nonlocal para, heading
        for lines, role in ((heading, "heading"), (para, "paragraph")):
            if lines:
                joins = tuple(_join(a.text, b.text) for a, b in zip(lines, lines[1:]))
                blocks.append(OcrBlock(role, region, group, tuple(lines), joins))
        para, heading = [], []

    for leaf in leaves:
        leaf = _rows(leaf, m)
        solid = [ln for ln in leaf if text_units(ln.text) >= 3] or list(leaf)
        left, right = column_edges(solid, m)
        if column_width and right - left < 0.8 * column_width:
            right = left + column_width
        bigs = [is_big(ln, m) for ln in leaf]
        for i in range(len(leaf) - 2, -1, -1):
            # The first line of a headline over several lines, right above a
            # large line of its size and set as wide.
            a, b = leaf[i], leaf[i + 1]
            if not bigs[i] and bigs[i + 1] and _same_headline(a, b) and pitch_ratio(a, m) >= 1.15:
                bigs[i] = True
        gaps = [b.box[1] - a.box[3] for a, b in zip(leaf, leaf[1:])]
        usual = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
        for i, (ln, big) in enumerate(zip(leaf, bigs)):
            lm, rm = _ink_left(ln, m) - left, right - _ink_right(ln, m)
            # A headline set in the text's own size stands centred, with
            # more space above or below it than between lines of text.
            spaced = any(0 <= j < len(gaps) and gaps[j] >= usual + 0.4 * m.em for j in (i - 1, i))
            centred = (lm >= 1.5 * m.pitch and rm >= 1.5 * m.pitch and spaced
                       and abs(lm - rm) <= max(1.5 * m.pitch, 0.3 * (lm + rm))
                       and not _ends_sentence(ln.text))
            # The last line of a headline set over several lines may be
            # short or end a sentence: it still follows close, as large.
            rest_of_heading = (bool(heading) and not _ends_sentence(heading[-1].text)
                               and _same_headline(heading[-1], ln) and pitch_ratio(ln, m) >= 1.1)
            if big or centred or rest_of_heading:
                if para:
                    close()
                if heading and (ln.text.startswith("——") or not _same_headline(heading[-1], ln)):
                    close()
                heading.append(ln)
                prev_full = False
                continue
            if heading:
                close()
            indented = lm >= INDENT * m.pitch
            if para and (indented or not prev_full):
                close()
            para.append(ln)
            prev_full = rm <= SHORT * m.pitch
    close()
    return blocks


def _ink_left(line: PageLine, m: Metrics) -> float:
    """Where the line's first character cell starts (an opening mark inks its right half)."""
    t = line.text.strip()
    return line.box[0] - (0.5 * m.pitch if len(t) >= 2 and t[0] in _OPEN_BLANK else 0.0)


def _ink_right(line: PageLine, m: Metrics) -> float:
    """Where the line's last character cell ends (a stop or closing mark inks its left half)."""
    t = line.text.strip()
    return line.box[2] + (0.5 * m.pitch if len(t) >= 2 and t[-1] in _CLOSE_BLANK else 0.0)


def column_edges(lines: Sequence[PageLine], m: Metrics) -> tuple[float, float]:
    """Left and right edge of a column stretch: where most lines start and
    where the full lines end (a stray box a little wider than the column, or
    a slant left by deskewing, does not move them)."""
    lefts = sorted(_ink_left(ln, m) for ln in lines)
    rights = sorted((_ink_right(ln, m) for ln in lines), reverse=True)
    need = min(3, max(1, len(lines) // 4))

    def edge(xs: list[float], sign: float) -> float:
        # The outermost edge that several lines share.
        for x in xs:
            near = [y for y in xs if 0 <= sign * (y - x) <= 0.6 * m.pitch]
            if len(near) >= need:
                return statistics.median(near)
        return xs[0]

    return edge(lefts, 1.0), edge(rights, -1.0)


def typical_column_width(leaves: Sequence[Sequence[PageLine]], m: Metrics) -> float | None:
    """The width of the page's columns: the median width of leaves with several lines."""
    widths = []
    for leaf in leaves:
        solid = [ln for ln in leaf if text_units(ln.text) >= 3 and ln.height < HEADING_SIZE * m.em]
        if len(solid) >= 4:
            widths.append(max(ln.box[2] for ln in solid) - min(ln.box[0] for ln in solid))
    return statistics.median(widths) if widths else None


def order_page(
    lines: Sequence[PageLine], *, photos: Sequence[Rect] = (), frames: Sequence[Rect] = (),
) -> list[OcrBlock]:
    """A page's blocks in reading order: body text, then captions, then
    sidebars. Specks (see :data:`SPECK_CONFIDENCE`) are left out."""
    if not lines:
        return []
    m = measure(lines)
    lines = [ln for ln in lines if not is_speck(ln, m)]
    frames = sorted(frames, key=lambda r: (r[1], r[0]))
    in_frame: list[list[PageLine]] = [[] for _ in frames]
    rest: list[PageLine] = []
    for ln in lines:
        k = next((i for i, f in enumerate(frames) if _inside(ln, f)), None)
        (rest if k is None else in_frame[k]).append(ln)
    photos = sorted(photos, key=lambda r: (r[1], r[0]))
    captions = find_captions(rest, photos, m)
    taken = {id(ln) for cap in captions for ln in cap}
    body = [ln for ln in rest if id(ln) not in taken]
    leaves = xy_order(body, m)
    width = typical_column_width(leaves, m)
    blocks = blocks_from_leaves(leaves, m, column_width=width)
    for g, cap in enumerate(captions, start=1):
        # Row by row, a row's pieces left to right (a caption under a wide
        # photo may be cut where its blanks stand over gutters below).
        cap = _rows_in_order(cap)
        joins = tuple(_join(a.text, b.text) for a, b in zip(cap, cap[1:]))
        blocks.append(OcrBlock("caption", "caption", g, tuple(cap), joins))
    for g, framed in enumerate(in_frame, start=len(captions) + 1):
        if framed:
            side = xy_order(framed, dataclasses.replace(m, column=full_line_width(framed)))
            blocks.extend(blocks_from_leaves(side, m, region="sidebar", group=g,
                                             column_width=typical_column_width(side, m)))
    return blocks
