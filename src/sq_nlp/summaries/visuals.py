"""Word clouds and charts, and the one place that knows about fonts.

The CJK font comes with ``pip install``: the Noto Sans/Serif CJK SC files that
the ``mplfonts`` package ships (SIL Open Font License), found through the
package, never through a system path. A word with a character the font lacks
is dropped (and logged) rather than drawn as boxes.

Large clouds are laid out on a small canvas (``CloudStyle.layout_width``) and
drawn at ``scale``, so a 4000 px poster costs about what a screen-size cloud
does. Everything is seeded: the same frequencies and style give the same
picture.
"""

from __future__ import annotations

import logging
import math
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sq_nlp.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover - typing only
    import numpy as np
    from matplotlib.figure import Figure
    from wordcloud import WordCloud

    from sq_nlp.summaries.keywords import Keyword, TermChange

log = logging.getLogger(__name__)

# File-name stems of the OFL fonts mplfonts ships, per style.
FONT_STEMS = {"sans": "NotoSansCJKsc", "serif": "NotoSerifCJKsc"}

PALETTES: dict[str, tuple[str, ...]] = {
    # official publicity: Chinese red and gold, darkest first
    "red-gold": ("#8B0000", "#B22222", "#C8102E", "#D62E1F", "#B8860B", "#D4A017", "#C9A227"),
    "red": ("#7F0000", "#A50F15", "#C8102E", "#E03C31", "#EF6548"),
    "blue": ("#08306B", "#08519C", "#2171B5", "#4292C6", "#1F4E79"),
    "green": ("#00441B", "#006D2C", "#238B45", "#41AB5D", "#2E7D32"),
    "ink": ("#111111", "#333333", "#4D4D4D", "#666666", "#7F1D1D"),
    "multi": ("#C8102E", "#1F4E79", "#2E7D32", "#B8860B", "#6A1B9A", "#E65100", "#00695C"),
}

BUILTIN_MASKS = ("rectangle", "circle", "ellipse", "heart", "star", "banner")

# Chart colours of the change statuses.
STATUS_COLORS = {"new": "#C8102E", "rising": "#D4A017", "falling": "#4D4D4D"}


# -- fonts ---------------------------------------------------------------------------


def font_path(style: str = "sans") -> Path:
    """Path of the shipped CJK font (``sans`` or ``serif``) inside ``mplfonts``."""
    if style not in FONT_STEMS:
        raise ConfigError(f"unknown font style {style!r}; use one of {tuple(FONT_STEMS)}")
    try:
        folder = resources.files("mplfonts").joinpath("fonts")
    except ModuleNotFoundError:
        raise ConfigError("the mplfonts package is missing: pip install mplfonts") from None
    candidates = sorted(
        f for f in folder.iterdir() if f.name.startswith(FONT_STEMS[style]) and f.name.endswith((".otf", ".ttf"))
    )
    regular = [f for f in candidates if "Regular" in f.name] or candidates
    if not regular or not isinstance(regular[0], Path):
        raise ConfigError(f"no {FONT_STEMS[style]} font file in the installed mplfonts; reinstall mplfonts")
    return regular[0]


# Quotation marks and full-width brackets a cloud draws at their proportional
# width: CJK fonts set them a full em wide, half of it blank, so in a cloud
# “1269”行动计划 reads as two terms, and a small word placed in the blank after
# 西部（重庆） cuts 西部（重庆）科学城 in two.
_CLOUD_NARROW = (0x201C, 0x201D, 0x2018, 0x2019, 0xFF08, 0xFF09)
_FONT_DIR: Any = None  # a TemporaryDirectory, removed when the process ends


@lru_cache(maxsize=2)
def cloud_font(style: str = "sans") -> Path:
    """The shipped font as word clouds draw with it: the same font with its
    quotation marks and full-width brackets mapped to the proportional forms its ``pwid`` feature
    names (written once per process). Falls back to :func:`font_path` when the
    font has no such forms or cannot be written."""
    import tempfile

    from fontTools.ttLib import TTFont

    global _FONT_DIR
    source = font_path(style)
    try:
        with TTFont(str(source), lazy=True, recalcBBoxes=False, recalcTimestamp=False) as font:
            proportional: dict[str, str] = {}
            gsub = font["GSUB"].table if "GSUB" in font else None
            for record in gsub.FeatureList.FeatureRecord if gsub and gsub.FeatureList else ():
                if record.FeatureTag != "pwid":
                    continue
                for index in record.Feature.LookupListIndex:
                    for sub in gsub.LookupList.Lookup[index].SubTable:
                        proportional.update(getattr(getattr(sub, "ExtSubTable", sub), "mapping", None) or {})
            changed = False
            for table in font["cmap"].tables:
                if table.isUnicode():
                    for cp in _CLOUD_NARROW:
                        if table.cmap.get(cp) in proportional:
                            table.cmap[cp] = proportional[table.cmap[cp]]
                            changed = True
            if not changed:
                return source
            if _FONT_DIR is None:
                _FONT_DIR = tempfile.TemporaryDirectory(prefix="sq-nlp-fonts-")
            out = Path(_FONT_DIR.name) / f"cloud-{source.name}"
            font.save(str(out))  # tables other than cmap are copied as they are
            return out
    except Exception as exc:  # a font we cannot rewrite still draws, quotes wide
        log.warning("word clouds keep full-width quotation marks (%s: %s)", type(exc).__name__, exc)
        return source


@lru_cache(maxsize=4)
def font_charset(path: str | Path) -> frozenset[int]:
    """Code points the font at ``path`` has glyphs for (its best cmap)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def drawable(word: str, path: str | Path) -> bool:
    """Whether every character of ``word`` has a glyph in the font at ``path``."""
    charset = font_charset(str(path))
    return all(ord(c) in charset for c in word)


def font_face_css(text: str, *, family: str = "SQ CJK", style: str = "sans", path: str | Path | None = None) -> str:
    """A CSS ``@font-face`` rule embedding the shipped CJK font (or the font
    at ``path``), subset to the characters of ``text``, as an inline WOFF: a
    page that uses it shows no boxes on a machine without any CJK font."""
    import base64
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.ignore_missing_glyphs = True
    options.hinting = False
    options.desubroutinize = True
    # Bounding boxes stay those of the whole font (a superset, harmless to a
    # renderer): recomputing them over the CFF outlines took 40% of the time.
    with TTFont(str(path or font_path(style)), lazy=False, recalcBBoxes=False, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(text))) + " 0123456789")
        subsetter.subset(font)
        font.flavor = "woff"
        buf = io.BytesIO()
        font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'@font-face{{font-family:"{family}";src:url(data:font/woff;base64,{data}) format("woff");}}'


@lru_cache(maxsize=2)
def _matplotlib_font(path: str) -> str:
    """Register the font with matplotlib (once) and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


# -- masks ---------------------------------------------------------------------------


def shape_mask(name: str, width: int, height: int) -> np.ndarray:
    """A built-in shape as a boolean array (``True`` inside the shape)."""
    import numpy as np

    if name not in BUILTIN_MASKS:
        raise ConfigError(f"unknown mask {name!r}; use one of {BUILTIN_MASKS} or an image file")
    y, x = np.mgrid[0:height, 0:width].astype(float)
    # centred coordinates in [-1, 1], y pointing up
    u = (x - (width - 1) / 2) / (width / 2)
    v = ((height - 1) / 2 - y) / (height / 2)
    if name == "rectangle":
        return np.ones((height, width), dtype=bool)
    if name == "ellipse":
        return u**2 + v**2 <= 0.96
    if name == "circle":
        r = min(width, height) / 2 * 0.98
        return (x - (width - 1) / 2) ** 2 + (y - (height - 1) / 2) ** 2 <= r**2
    if name == "banner":
        # a wide rounded rectangle, the shape of a street banner
        rx, ry, rad = 0.96, 0.7, 0.25
        dx = np.clip(np.abs(u) - (rx - rad), 0, None)
        dy = np.clip(np.abs(v) - (ry - rad), 0, None)
        return (np.abs(u) <= rx) & (np.abs(v) <= ry) & (dx**2 + dy**2 <= rad**2)
    s = min(width, height) / 2
    a = (x - (width - 1) / 2) / s
    b = ((height - 1) / 2 - y) / s
    if name == "heart":
        a, b = a * 1.25, b * 1.25 + 0.15
        return (a**2 + b**2 - 1) ** 3 - a**2 * b**3 <= 0
    # five-pointed star: inside when the polar radius is within the star's edge
    theta = np.arctan2(b, a) - math.pi / 2
    r = np.hypot(a, b)
    outer, inner = 0.98, 0.98 * 0.382
    sector = (theta % (2 * math.pi / 5)) / (2 * math.pi / 5)  # 0..1 from one tip to the next
    # edge radius along straight edges between tip (outer) and notch (inner)
    phi = np.abs(sector - 0.5) * 2  # 1 at a tip, 0 at a notch
    half = math.pi / 5
    ang = (1 - phi) * half  # angle from the tip direction
    tip, notch = np.array([outer, 0.0]), np.array([inner * math.cos(half), inner * math.sin(half)])
    # intersection of the ray at angle ang with the edge tip-notch
    ex, ey = notch - tip
    denom = np.cos(ang) * ey - np.sin(ang) * ex
    t = (tip[0] * ey - tip[1] * ex) / denom
    return r <= t


def image_mask(path: str | Path, width: int) -> np.ndarray:
    """A user image as a boolean shape (``True`` inside) scaled to ``width``.

    Non-white pixels are the shape; fully transparent pixels count as white.
    """
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            height = max(1, round(width * img.height / img.width))
            if height > 20 * width or width > 20 * height:
                raise ConfigError(f"mask {path}: {img.width} x {img.height} px is too narrow or too wide "
                                  "for a cloud (at most 20 times as tall as wide, or as wide as tall)")
            img = img.resize((width, height), Image.Resampling.NEAREST).convert("RGBA")
            rgba = np.asarray(img)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ConfigError(f"mask {path}: not a readable image ({exc})") from None
    white = (rgba[..., :3] >= 245).all(axis=-1) | (rgba[..., 3] < 16)
    shape = ~white
    if not shape.any():
        raise ConfigError(f"mask {path}: the image is all white; draw the shape in any non-white colour")
    return shape


# -- word clouds ---------------------------------------------------------------------


#: Widest cloud drawn, in pixels (8000 px is 68 cm at 300 dpi).
MAX_CLOUD_WIDTH = 10000
#: Most pixels a cloud may have (width x height); 40 million take about 0.4 GB to draw.
MAX_CLOUD_PIXELS = 40_000_000


def check_cloud_size(width: int, height: int) -> None:
    """Refuse a cloud too large to draw in bounded memory, with the limits."""
    if width > MAX_CLOUD_WIDTH or width * height > MAX_CLOUD_PIXELS:
        raise ConfigError(f"a cloud of {width} x {height} px is too large to draw: at most {MAX_CLOUD_WIDTH} px wide "
                          f"and {MAX_CLOUD_PIXELS // 10**6} million pixels (8000 px wide is 68 cm at 300 dpi)")


@dataclass(frozen=True)
class CloudStyle:
    """How a word cloud looks.

    ``width`` is the output width in pixels (height follows ``aspect`` or the
    mask image); the layout is computed at ``layout_width`` and drawn at
    ``width / layout_width``; ``margin`` is the space kept around each
    phrase, in layout pixels. ``mask`` is a built-in shape name or an image
    path; ``palette`` a name from ``PALETTES``; ``horizontal_only`` forbids
    vertical words; ``seed`` fixes layout and colours.
    """

    width: int = 1600
    aspect: float = 0.625
    max_words: int = 150
    palette: str = "red-gold"
    background: str = "white"
    mask: str | None = None
    horizontal_only: bool = False
    font: str = "sans"
    seed: int = 42
    layout_width: int = 800
    # Chinese is set without spaces, so two phrases side by side on one line
    # read as one unless a visible gap parts them (书写中国式现代化新篇章 草原畜牧业转型):
    # 6 layout pixels are 30 px at 4000 px, about a quarter of a small phrase's character
    margin: int = 6

    def __post_init__(self) -> None:
        if self.palette not in PALETTES:
            raise ConfigError(f"unknown palette {self.palette!r}; use one of {tuple(PALETTES)}")
        if self.width < 16 or self.layout_width < 16:
            raise ConfigError(f"cloud width {self.width} too small")
        if not 0.05 <= self.aspect <= 20:
            raise ConfigError(f"cloud aspect (height / width) must be between 0.05 and 20, got {self.aspect}")
        check_cloud_size(self.width, max(1, round(self.width * self.aspect)))
        if self.layout_width > MAX_CLOUD_WIDTH:
            raise ConfigError(f"cloud layout width {self.layout_width} is more than {MAX_CLOUD_WIDTH} px")
        if self.max_words < 1:
            raise ConfigError(f"max_words must be at least 1, got {self.max_words}")


class PaletteColor:
    """A WordCloud colour function drawing from a palette with the layout's
    own random state (so colours follow the seed); picklable."""

    def __init__(self, colors: Sequence[str]) -> None:
        self.colors = tuple(colors)

    def __call__(self, word: str, font_size: int, position: Any, orientation: Any,
                 random_state: random.Random | None = None, **kwargs: Any) -> str:
        rng = random_state or random.Random(0)
        return self.colors[rng.randrange(len(self.colors))]


def _layout_mask(style: CloudStyle) -> tuple[np.ndarray | None, int, int]:
    """The WordCloud mask (255 = keep out) at layout size, and that size."""
    import numpy as np

    lw = min(style.layout_width, style.width)
    if style.mask is None or style.mask == "rectangle":
        return None, lw, max(1, round(lw * style.aspect))
    if style.mask in BUILTIN_MASKS:
        shape = shape_mask(style.mask, lw, max(1, round(lw * style.aspect)))
    elif Path(style.mask).is_file():
        shape = image_mask(style.mask, lw)
    else:
        raise ConfigError(f"unknown mask {style.mask!r}: use one of {BUILTIN_MASKS} or an image file")
    return np.where(shape, 0, 255).astype(np.uint8), shape.shape[1], shape.shape[0]


def make_cloud(frequencies: Mapping[str, float], style: CloudStyle = CloudStyle()) -> WordCloud:
    """Lay out a word cloud of ``frequencies`` (term -> weight) in ``style``.

    Words the font cannot draw are dropped; returns the laid-out
    ``WordCloud`` (its ``layout_`` lists the words drawn).
    """
    from wordcloud import WordCloud

    path = cloud_font(style.font)
    freqs = {w: float(f) for w, f in frequencies.items() if f > 0 and w.strip()}
    missing = [w for w in freqs if not drawable(w, path)]
    if missing:
        log.warning("dropping %d word(s) the font cannot draw: %s", len(missing), "、".join(missing[:10]))
        for w in missing:
            del freqs[w]
    if not freqs:
        raise ValueError("no drawable word to put in the cloud")
    mask, lw, lh = _layout_mask(style)
    check_cloud_size(style.width, max(1, round(style.width * lh / lw)))  # a mask image sets the height
    wc = WordCloud(
        font_path=str(path),
        width=lw,
        height=lh,
        mask=mask,
        scale=style.width / lw,
        max_words=style.max_words,
        background_color=style.background,
        prefer_horizontal=1.0 if style.horizontal_only else 0.85,
        color_func=PaletteColor(PALETTES[style.palette]),
        random_state=style.seed,
        margin=style.margin,
        min_font_size=4,
        relative_scaling=0.5,
        collocations=False,
    )
    wc.generate_from_frequencies(freqs)
    return wc


def render_cloud(frequencies: Mapping[str, float], *, width: int = 1600,
                 style: CloudStyle = CloudStyle()) -> Any:
    """Lay out and draw a cloud ``width`` pixels wide: the PIL image."""
    from dataclasses import replace

    return make_cloud(frequencies, replace(style, width=width)).to_image()


def cloud_words(wc: WordCloud) -> list[str]:
    """The words a laid-out cloud draws, largest first."""
    return [item[0][0] for item in wc.layout_]


def write_atomically(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Write a file through ``write(temporary_path)``, then move it into place.

    A write that fails (disk full, read-only folder) leaves no half-written
    file and the old one untouched, and becomes a one-line
    :class:`~sq_nlp.errors.ConfigError` naming the file.
    """
    import os

    out = Path(path)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"cannot write {out}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def save_cloud(wc: WordCloud, path: str | Path) -> Path:
    """Write a laid-out cloud as PNG (at full scale, 300 dpi) or SVG (font embedded)."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ConfigError(f"{out}: a word cloud is written as .png or .svg")
    if suffix == ".png":
        image = wc.to_image()
        return write_atomically(out, lambda tmp: image.save(tmp, format="PNG", dpi=(300, 300)))
    svg = _svg_with_font(wc)
    return write_atomically(out, lambda tmp: tmp.write_text(svg, encoding="utf-8"))


def _svg_with_font(wc: WordCloud) -> str:
    """The cloud as SVG with its font embedded, subset to the cloud's own
    characters. wordcloud's ``embed_font`` round-trips the whole font through
    XML (seconds per cloud for a CJK font): the subset made here directly is
    the same font, as WOFF, under the family name the SVG's text uses."""
    from PIL import ImageFont

    svg = wc.to_svg(embed_font=False)
    family = ImageFont.truetype(wc.font_path, 12).getname()[0]
    chars = "".join(sorted({c for (word, _), *_ in wc.layout_ for c in word}))
    css = font_face_css(chars, family=family, path=wc.font_path)
    head_end = svg.index(">", svg.index("<svg")) + 1
    return svg[:head_end] + f"<style>{css}</style>" + svg[head_end:]


def cloud_png_bytes(wc: WordCloud) -> bytes:
    """The cloud as PNG bytes (for inline images)."""
    import io

    buf = io.BytesIO()
    wc.to_image().save(buf, format="PNG")
    return buf.getvalue()


# -- charts --------------------------------------------------------------------------


def _new_figure(width: float, height: float, font: str) -> tuple[Figure, str]:
    """A pyplot-free figure and the family name of the CJK font to draw with."""
    from matplotlib.figure import Figure

    family = _matplotlib_font(str(font_path(font)))
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.set_facecolor("white")
    return fig, family


def _style_axes(ax: Any, family: str) -> None:
    # set per axes, not through rcParams, so no global matplotlib state changes
    ax.tick_params(labelfontfamily=family)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _wrap(title: str, width: int = 26) -> str:
    """Break a long title into lines of at most ``width`` characters: after the
    last punctuation mark or space that fits (广西壮族自治区 2026 对比 2025：| 新提法与升降提法),
    else at the width (Chinese has no spaces to break at)."""
    lines = []
    while len(title) > width:
        cut = max(title.rfind(mark, 0, width) for mark in "：:，,、； ") + 1
        cut = cut if cut > width // 3 else width
        lines.append(title[:cut].rstrip())
        title = title[cut:].lstrip()
    return "\n".join([*lines, title]) if lines else title


def keyword_bars(keywords: Sequence[Keyword], *, title: str = "关键词", color: str = "#C8102E",
                 font: str = "sans") -> Figure:
    """Horizontal bars of keyword scores, best on top."""
    if not keywords:
        raise ValueError("no keywords to chart")
    fig, family = _new_figure(7, 0.32 * len(keywords) + 1.2, font)
    ax = fig.add_subplot()
    terms = [k.term for k in keywords][::-1]
    scores = [k.score for k in keywords][::-1]
    ax.barh(terms, scores, color=color)
    ax.set_title(_wrap(title), fontfamily=family)
    ax.set_xlabel(f"{keywords[0].method} 得分", fontfamily=family)
    ax.set_yticks(range(len(terms)), terms, fontfamily=family)
    _style_axes(ax, family)
    return fig


# The dashed line across years without a value, and the most years every one of which gets a tick.
GAP_COLOR = "#999999"
MAX_YEAR_TICKS = 30


def trend_chart(points: Iterable[tuple[int, float]], *, indicator: str, unit: str | None = None,
                color: str = "#C8102E", font: str = "sans") -> Figure:
    """An indicator's value across years (one point per year, in year order)."""
    pts = sorted(points)
    if not pts:
        raise ValueError(f"no values of {indicator!r} to chart")
    years, values = zip(*pts)
    fig, family = _new_figure(7, 4, font)
    ax = fig.add_subplot()
    ax.plot(years, values, marker="o", color=color, linestyle="none", zorder=3)
    # a line runs only between consecutive years: across a year no report states,
    # a thin dashed one, so a reader never takes the gap for a measured change
    gaps = False
    for (y0, v0), (y1, v1) in zip(pts, pts[1:]):
        gap = y1 - y0 > 1
        gaps = gaps or gap
        ax.plot([y0, y1], [v0, v1], color=GAP_COLOR if gap else color, linewidth=1 if gap else 2,
                linestyle=(0, (3, 3)) if gap else "-", zorder=2)
    for i, (yr, val) in enumerate(pts):
        # a dip's label goes below it, where no line runs
        neighbours = [v for _, v in pts[max(0, i - 1): i] + pts[i + 1: i + 2]]
        below = bool(neighbours) and all(val < v for v in neighbours)
        ax.annotate(f"{val:g}", (yr, val), textcoords="offset points", xytext=(0, -9 if below else 7),
                    ha="center", va="top" if below else "baseline", fontfamily=family)
    ticks = list(range(years[0], years[-1] + 1)) if years[-1] - years[0] <= MAX_YEAR_TICKS else list(years)
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.set_title(_wrap(indicator + (f"（{unit}）" if unit else "")), fontfamily=family)
    ax.set_xlabel("年份（虚线跨过未载明此数的年份）" if gaps else "年份", fontfamily=family)
    ax.margins(y=0.2)
    _style_axes(ax, family)
    return fig


def changes_chart(changes: Sequence[TermChange], *, title: str = "新提法与升降提法", top: int = 12,
                  font: str = "sans") -> Figure:
    """Diverging bars of log2 frequency ratio, coloured by status, in three
    groups from the top: the first ``top`` new terms in the order given, then
    the rising and the falling ones by how far they moved."""
    picked: list[TermChange] = []
    for status in ("new", "rising", "falling"):
        group = [c for c in changes if c.status == status][:top]
        # new ones in the order given (their report's rank), the others by how far they moved
        if status != "new":
            group.sort(key=lambda c: -c.log_ratio)
        picked.extend(group)
    if not picked:
        raise ValueError("no term changes to chart")
    picked.reverse()  # bars are drawn bottom up: the first new phrase on top
    fig, family = _new_figure(7, 0.28 * len(picked) + 1.4, font)
    ax = fig.add_subplot()
    ax.barh([c.term for c in picked], [c.log_ratio for c in picked],
            color=[STATUS_COLORS[c.status] for c in picked])
    ax.axvline(0, color="#999999", linewidth=0.8)
    ax.set_yticks(range(len(picked)), [c.term for c in picked], fontfamily=family)
    ax.set_title(_wrap(title), fontfamily=family)
    ax.set_xlabel("log2 相对频率之比（新/旧）", fontfamily=family)
    from matplotlib.patches import Patch

    names = {"new": "新出现", "rising": "上升", "falling": "下降"}
    ax.legend(handles=[Patch(color=STATUS_COLORS[s], label=names[s]) for s in names],
              prop={"family": family}, loc="lower right", frameon=False)
    _style_axes(ax, family)
    return fig


def figure_texts(fig: Figure) -> list[str]:
    """Every non-empty string a figure draws (titles, labels, ticks, legends)."""
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


VERDICT_COLORS = {"met": "#2E7D32", "within the bound": "#E0A100", "missed": "#C8102E"}
_VERDICT_ZH = {"met": "完成", "within the bound": "基本完成（左右）", "missed": "未完成"}


_CELL_NUMBER = re.compile(r"[-−]?[0-9.]+")


def _value_unit(text: Any) -> str:
    """The unit a table cell writes after its number (17.78万人: 万人; -0.1%: %)."""
    m = _CELL_NUMBER.search(str(text or ""))
    return str(text)[m.end():].strip() if m else ""


def scorecard_chart(rows: Sequence[Mapping[str, Any]], *, title: str | None = None, font: str = "sans") -> Figure:
    """Targets against outcomes (rows of :func:`sq_nlp.store.scorecard.scorecard_rows`
    with a verdict): one line per region and year, the target as a grey mark
    (a range as a bar, an approximate target with its slack), the outcome as a
    dot coloured by the verdict. Rows in different units (增长5% beside
    新增就业17万人) are drawn in panels of their own, each axis in its unit."""
    from matplotlib.lines import Line2D

    drawn = [r for r in rows if r.get("verdict") in VERDICT_COLORS]
    if not drawn:
        raise ValueError("no target with an outcome to chart")
    drawn = sorted(drawn, key=lambda r: (str(r.get("name")), str(r.get("region")), r.get("year") or 0))
    names = sorted({str(r.get("name")) for r in drawn})
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for r in drawn:
        groups.setdefault(_value_unit(r.get("outcome")) or _value_unit(r.get("target")), []).append(r)
    # percent first: most targets are rates
    units = sorted(groups, key=lambda u: (u not in ("%", "％"), u))
    height = max(2.5, 0.42 * len(drawn) + 1.4 + 0.5 * (len(units) - 1))
    fig, family = _new_figure(7, height, font)
    axes = fig.subplots(len(units), 1, squeeze=False,
                        gridspec_kw={"height_ratios": [len(groups[u]) + 0.6 for u in units]})[:, 0]
    for ax, unit in zip(axes, units):
        labels = []
        for i, r in enumerate(reversed(groups[unit])):
            t, tmax, o = float(r["target_value"]), r.get("target_max"), float(r["outcome_value"])
            if r.get("target_bound") == "range" and tmax is not None:
                ax.plot([t, float(tmax)], [i, i], color="#9E9E9E", linewidth=7, solid_capstyle="butt", alpha=0.6)
            elif r.get("target_bound") == "about":
                ax.plot([t - 0.5, t + 0.5], [i, i], color="#BDBDBD", linewidth=7, solid_capstyle="butt", alpha=0.5)
            ax.plot([t], [i], marker="|", markersize=16, markeredgewidth=2.5, color="#616161")
            ax.plot([min(t, o), max(t, o)], [i, i], color="#9E9E9E", linewidth=1, linestyle=":")
            ax.plot([o], [i], marker="o", markersize=8, color=VERDICT_COLORS[r["verdict"]])
            ax.annotate(f"{o:g}", (o, i), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8,
                        fontfamily=family)
            region = str(r.get("region") or "")
            label = f"{region} {r.get('year')}" if len(names) == 1 else f"{region} {r.get('name')} {r.get('year')}"
            labels.append(label)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_ylim(-0.7, len(labels) - 0.3)
        if len(units) > 1 and unit:
            ax.set_xlabel(unit, fontfamily=family)
        values = [float(r[k]) for r in groups[unit] for k in ("target_value", "outcome_value")]
        if unit not in ("%", "％") and min(values) > 0:
            ax.set_xlim(0, max(values) * 1.08)  # a level's axis from zero: 17万 against 17.78万 is no long way
        _style_axes(ax, family)
        ax.grid(axis="x", color="#EEEEEE")
    unit = units[0] if len(units) == 1 and units[0] in ("%", "％") else ""
    heading = title or (f"{names[0]}：目标与实际" if len(names) == 1 else "目标与实际")
    axes[0].set_title(_wrap(heading + (f"（{unit}）" if unit else "")), fontfamily=family)
    handles = [Line2D([], [], marker="|", markersize=12, markeredgewidth=2.5, color="#616161", linestyle="", label="目标")]
    handles += [Line2D([], [], marker="o", color=c, linestyle="", label=_VERDICT_ZH[v]) for v, c in VERDICT_COLORS.items()]
    # below the panels, where no row is drawn (the constrained layout makes room for it)
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), prop={"family": family, "size": 8},
               frameon=False)
    return fig


def save_figure(fig: Figure, path: str | Path, *, dpi: int = 200) -> Path:
    """Write a chart (format by suffix: .png, .svg, .pdf)."""
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in fig.canvas.get_supported_filetypes():
        raise ConfigError(f"{out}: a chart is written as .png, .svg or .pdf, not {out.suffix or 'without a suffix'}")
    return write_atomically(out, lambda tmp: fig.savefig(tmp, format=fmt, dpi=dpi, facecolor="white"))


def figure_png_bytes(fig: Figure, *, dpi: int = 120) -> bytes:
    """A chart as PNG bytes (for inline images)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


# -- attention panels (sq-nlp measure) -------------------------------------------------

# How each panel measure is named on a chart.
MEASURE_LABELS = {
    "per_10k_chars": "每万字提及次数",
    "per_1k_words": "每千词提及次数",
    "share_sentences": "提及该主题的句子占比",
    "count": "提及次数",
}


def _measure_label(value: str) -> str:
    if value not in MEASURE_LABELS:
        raise ConfigError(f"unknown panel measure {value!r}; use one of {tuple(MEASURE_LABELS)}")
    return MEASURE_LABELS[value]


def _measure_text(value: str, x: float) -> str:
    return f"{x:.0%}" if value == "share_sentences" else f"{x:.0f}" if value == "count" else f"{x:.1f}"


def _doc_name(row: Mapping[str, Any]) -> str:
    return " ".join(str(x) for x in (row.get("region"), row.get("year")) if x not in (None, ""))


def attention_heatmap(rows: Sequence[Mapping[str, Any]], *, value: str = "per_10k_chars",
                      title: str = "政府工作报告的主题注意力", font: str = "sans") -> Figure:
    """Reports (one row each, a region's reports together, by year) against
    term groups (one column each) from ``sq-nlp measure`` rows, every cell printed with its
    value. The colour compares reports within a group (each column scaled
    to its own range), since groups differ in size (民生 is mentioned far
    more often than 数字经济 in every report)."""
    import numpy as np

    label = _measure_label(value)
    groups = list(dict.fromkeys(r["group"] for r in rows))
    # a region's reports stay together, regions in the order they first appear
    first = {reg: i for i, reg in reversed(list(enumerate(r.get("region") for r in rows)))}
    ordered = sorted(rows, key=lambda r: (first[r.get("region")], r.get("year") or 0))
    docs = list(dict.fromkeys((r.get("doc_id"), _doc_name(r)) for r in ordered))
    if not groups or not docs:
        raise ValueError("no panel rows to chart")
    data = np.full((len(docs), len(groups)), np.nan)
    index = {d: i for i, d in enumerate(docs)}
    for r in rows:
        data[index[(r.get("doc_id"), _doc_name(r))], groups.index(r["group"])] = float(r[value])
    lo, hi = np.nanmin(data, axis=0), np.nanmax(data, axis=0)
    scaled = (data - lo) / np.where(hi > lo, hi - lo, 1.0)
    fig, family = _new_figure(1.25 * len(groups) + 2.6, 0.3 * len(docs) + 1.9, font)
    ax = fig.add_subplot()
    ax.imshow(scaled, cmap="Reds", vmin=-0.05, vmax=1.15, aspect="auto")
    for i in range(len(docs)):
        for j in range(len(groups)):
            if not np.isnan(data[i, j]):
                ax.text(j, i, _measure_text(value, data[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if scaled[i, j] > 0.6 else "#222222", fontfamily=family)
    ax.set_xticks(range(len(groups)), groups, fontfamily=family)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(docs)), [name for _, name in docs], fontfamily=family)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title(_wrap(f"{title}（{label}）", 40), fontfamily=family)
    ax.set_xlabel("颜色：同一主题内各报告相比的高低", fontfamily=family, fontsize=8, color="#555555")
    return fig


def attention_lines(rows: Sequence[Mapping[str, Any]], *, value: str = "per_10k_chars",
                    title: str | None = None, font: str = "sans") -> Figure:
    """One region's term groups across report years, one line per group,
    from ``sq-nlp measure`` rows of that region."""
    label = _measure_label(value)
    regions = {r.get("region") for r in rows}
    if len(regions) != 1:
        raise ValueError(f"a line chart shows one region; these rows hold {len(regions)}")
    region = regions.pop()
    series: dict[str, dict[int, float]] = {}
    for r in rows:
        if r.get("year") is not None:
            series.setdefault(r["group"], {})[int(r["year"])] = series.get(r["group"], {}).get(int(r["year"]), 0.0) \
                + float(r[value])
    years = sorted({y for s in series.values() for y in s})
    if len(years) < 2:
        raise ValueError(f"{region}: a line chart needs two report years or more")
    fig, family = _new_figure(8, 4.6, font)
    ax = fig.add_subplot()
    colors = PALETTES["multi"]
    for k, (group, points) in enumerate(series.items()):
        xs = sorted(points)
        ax.plot(xs, [points[x] for x in xs], marker="o", linewidth=2, color=colors[k % len(colors)], label=group)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlabel("报告年份", fontfamily=family)
    ax.set_ylabel(label, fontfamily=family)
    if value == "share_sentences":
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylim(bottom=0)
    ax.set_title(_wrap(title or f"{region}政府工作报告的主题注意力（{label}）", 40), fontfamily=family)
    ax.legend(prop={"family": family}, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    _style_axes(ax, family)
    return fig
