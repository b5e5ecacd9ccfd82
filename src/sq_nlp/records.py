"""The records that flow between stages: frozen dataclasses with ``to_dict()``.

Offsets (``start``/``end``) always index the *decoded raw text* of the source
file (``Document.text``), so every record can be traced back to where it stands.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

BlockKind = Literal["title", "heading", "paragraph", "caption", "other"]
BLOCK_KINDS: tuple[str, ...] = ("title", "heading", "paragraph", "caption", "other")

HeadlinePosition = Literal["auto", "before", "after"]

Measure = Literal["level", "count", "rate", "points", "increment", "share", "ratio"]
MEASURES: tuple[str, ...] = ("level", "count", "rate", "points", "increment", "share", "ratio")
Direction = Literal["up", "down", "none"]
Bound = Literal["exact", "at_least", "at_most", "about", "range"]
BOUNDS: tuple[str, ...] = ("exact", "at_least", "at_most", "about", "range")
Basis = Literal["yoy", "average", "cumulative", "base_year", "held"]

# 0, 1, 2, ... up to the longest text seen (at most _COUNTING_MAX), shared
# by layout repair and the store: the offsets of a run of raw characters are a
# slice of it, which makes no new int objects.
_COUNTING: tuple[int, ...] = ()
_COUNTING_MAX = 1 << 18


def counting(start: int, end: int) -> tuple[int, ...]:
    """``tuple(range(start, end))`` for ``0 <= start``, as a slice of one shared tuple."""
    global _COUNTING
    if end > len(_COUNTING):
        if end > _COUNTING_MAX:
            return tuple(range(start, end))
        _COUNTING = tuple(range(min(_COUNTING_MAX, max(end, 2 * len(_COUNTING), 1 << 12))))
    return _COUNTING[start:end]


LOW_CONFIDENCE = 0.85
"""Recognised lines below this confidence are flagged (the recogniser was
unsure of them). Few lines fall under it and most OCR errors are read with
high confidence (a rare character dropped or read as a common one), so the
flag marks unsure text; it does not find every error (see README, Measured)."""


@dataclass(frozen=True)
class Meta:
    """What a sidecar (or the file name) says about a report.

    ``year`` is the publication year; ``period`` the year the report reviews
    (usually ``year - 1``). ``headline_position`` tells layout repair whether
    section headlines stand before their text (books, web pages) or after it
    (some OCR'd newspaper pages); ``auto`` lets layout decide.
    """

    title: str | None = None
    region: str | None = None
    year: int | None = None
    period: int | None = None
    source: str | None = None
    headline_position: HeadlinePosition = "auto"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


Box = tuple[int, int, int, int]
"""``(x0, y0, x1, y1)`` on a page: pixels of an image, points (1/72 inch) of a
PDF page, from the page's top left as stored in the file."""

OcrRole = Literal["heading", "paragraph", "caption"]
OcrRegion = Literal["body", "caption", "sidebar"]


@dataclass(frozen=True)
class OcrLine:
    """One line read by OCR from a scanned page, and where it stands.

    ``page`` is 1-based; ``box`` the line on that page (see :data:`Box`);
    ``confidence`` the recogniser's mean character probability (0..1);
    ``start``/``end`` its text in ``Document.text``. ``role`` and
    ``region`` say what the page's geometry makes of it (a heading,
    paragraph or caption; the body text, a caption or a framed sidebar) and
    ``block`` numbers the block of reading order it belongs to (one line of
    ``Document.text`` each).
    """

    page: int
    box: Box
    confidence: float
    start: int
    end: int
    role: OcrRole = "paragraph"
    region: OcrRegion = "body"
    block: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (the box as a list)."""
        d = asdict(self)
        d["box"] = list(self.box)
        return d


@dataclass(frozen=True)
class Document:
    """One ingested file.

    ``text`` is the decoded raw text, unmodified (a byte-order mark is not
    part of it): every offset in the other records points into it. For .docx,
    .pdf and .html it is the extracted plain text, one line per paragraph
    (table rows as tab-separated cells; PDF pages separated by form feeds).
    ``format`` is ``txt``, ``html``, ``docx``, ``pdf`` or ``image``;
    ``encoding`` is the byte encoding detected for txt/html (``utf-8``,
    ``utf-8-sig``, ``utf-16``, ``utf-16-le``/``-be``, ``utf-32``, ``gbk``,
    ``gb18030``, ``big5`` ...), the container name for docx/pdf and the
    image format (``png``, ``jpeg``, ``tiff``) for images.

    Scanned pages (images, PDF pages without a text layer) are read by OCR:
    their text is the recognised text in reading order, one block per line
    with a blank line between blocks, and ``ocr_lines`` says where each
    recognised line stands on its page and how sure the recogniser was.
    ``script`` is ``simplified`` or ``traditional`` (Traditional text is
    analysed through a Simplified view of the same length, so offsets still
    index ``text``), None for text without Chinese characters or not yet known.
    """

    path: str
    sha256: str
    encoding: str
    format: str
    text: str = field(repr=False)
    title: str | None = None
    region: str | None = None
    year: int | None = None
    period: int | None = None
    source: str | None = None
    headline_position: HeadlinePosition = "auto"
    ocr_lines: tuple[OcrLine, ...] = field(default=(), repr=False)
    script: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The CLI contract's ``document`` object (without the raw text)."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "format": self.format,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "period": self.period,
            "source": self.source,
            "script": self.script,
        }


@dataclass(frozen=True)
class Block:
    """A repaired unit of text: a title, heading, paragraph, caption or other.

    ``text`` is the repaired text. ``start``/``end`` delimit the raw source
    range it came from; ``offsets[i]`` is the raw index of ``text[i]`` (a
    joining space maps to the raw whitespace it replaced); offsets strictly
    increase. ``line`` is the
    1-based raw line of ``start``. ``section`` is the heading the block falls
    under (``None`` where there is none). ``page`` is the 1-based page a
    block of a PDF or scanned image starts on, ``box`` (scans only) the box
    round its lines on that page (see :data:`Box`).
    """

    kind: BlockKind
    text: str
    section: str | None
    start: int
    end: int
    line: int
    offsets: tuple[int, ...] = field(default=(), repr=False, compare=False)
    page: int | None = None
    box: Box | None = None

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        """Raw ``(start, end)`` covering ``text[i:j]`` (``i < j``)."""
        if not 0 <= i < j <= len(self.text):
            raise ValueError(f"span {i}:{j} outside block of length {len(self.text)}")
        return self.offsets[i], self.offsets[j - 1] + 1

    def to_dict(self) -> dict[str, Any]:
        """The CLI contract's block object."""
        return {
            "kind": self.kind,
            "text": self.text,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "page": self.page,
            "box": list(self.box) if self.box is not None else None,
        }


@dataclass(frozen=True)
class Figure:
    """One statistical figure as the report states it.

    ``value`` is the number as written (a float; ``value_max`` closes a range),
    ``unit`` the unit as written (亿元, %, 个百分点, 家 ...); ``value_base`` and
    ``base_unit`` resolve magnitudes (30亿元 -> 3e9 元). ``qualifier`` is a hedge
    (约, 余, 多, 超, 近, 以上, 左右), ``change`` marks growth/decline rates and
    increments, ``target`` planned goals. ``period`` is the year the figure
    refers to (``None`` for a five-year goal, a state "目前", or a size that
    describes a thing: 3500平方米的菜市场). ``start``/``end`` cover the number
    and unit in the raw text; ``line`` is the raw 1-based line. ``value_text``
    is the number exactly as written (``3.2``, ``一千二百``, ``３．５``).

    What the number means, so that it answers a question:

    * ``measure``: ``level`` (地区生产总值30亿元, 失业率5.2%), ``count`` (a level
      counted in things: 11支突击队), ``rate`` (增长8%, 增长1.5倍), ``points``
      (提高0.5个百分点), ``increment`` (新增就业, 净增, 增加1200亿元), ``share``
      (占…比重, 95%的村), ``ratio`` (城乡居民收入比2.3, 2.52∶1); a rank
      (居全国第3位) is an ordinal, not a figure;
    * ``direction``: ``up``, ``down`` (下降, 减少, 回落, 收窄 ...) or ``none``;
      ``signed_value`` is ``value`` with the sign of a change (下降3% is -3),
      the value itself for levels;
    * ``bound``: ``exact``, ``at_least`` (突破, 超过, 以上, 迈上…台阶),
      ``at_most`` (以内, 不超过, 控制在), ``about`` (左右, 约, 近) or ``range``
      (``value`` to ``value_max``);
    * ``basis`` of a change: ``yoy`` (同比, 比上年, a year's growth), ``average``
      (年均, over the years since ``since``), ``cumulative`` (累计, 五年来),
      ``base_year`` (比2020年, 较“十三五”末: against ``since``), ``held`` (a level
      kept in each year after ``since``: 连续5年保持在99%以上, 这五年…每年70%以上) or ``None``;
      ``real`` is True for growth in comparable prices (实际增长, 按可比价格),
      False where the report says nominal (现价, 名义), None where it says
      neither; ``estimate`` marks preliminary figures (预计, 初步核算);
    * ``canonical``: the id of the headline indicator of the shipped registry
      this figure states (``gdp``, ``cpi`` ...), or None.

    Where it stands on paper: ``page`` (PDFs and scans, 1-based) and, for
    scans, ``box`` (the recognised lines it was read from, see :data:`Box`),
    ``confidence`` (the lowest confidence of those lines) and
    ``low_confidence`` (below :data:`LOW_CONFIDENCE`: check it against the
    page; such figures are kept, never dropped).
    """

    indicator: str
    value: float
    unit: str | None
    value_base: float
    base_unit: str | None
    qualifier: str | None
    change: bool
    target: bool
    period: int | None
    section: str | None
    sentence: str
    start: int
    end: int
    line: int
    value_text: str = ""
    value_max: float | None = None
    measure: Measure = "level"
    direction: Direction = "none"
    signed_value: float | None = None
    bound: Bound = "exact"
    basis: Basis | None = None
    since: int | None = None
    real: bool | None = None
    estimate: bool = False
    canonical: str | None = None
    page: int | None = None
    box: Box | None = None
    confidence: float | None = None
    low_confidence: bool = False

    @property
    def years(self) -> str | None:
        """The years the figure speaks of, as a reader writes them: ``2025`` for
        one year; ``2021-2025`` for a sum, an average, a change or a level held
        over the years after ``since`` (a five-year review's 年均增长5.9% or 新建高标准农田
        2471万亩 is no figure of 2025 alone); ``None`` where ``period`` is."""
        if self.period is None:
            return None
        if self.basis not in (None, "yoy") and self.since is not None and self.since < self.period - 1:
            return f"{self.since + 1}-{self.period}"
        # (累计建成并网1000万千瓦 with no first year named: the total as the year ends)
        return str(self.period)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.box is not None:
            d["box"] = list(self.box)
        return d


@dataclass(frozen=True)
class Slogan:
    """A formula or catchphrase (提法) and what it stands for.

    ``kind`` is ``numbered`` (四个意识, 十四五), ``quoted`` (“马路办公”),
    ``model`` (1+3+N) or ``motto`` (积厚成势、整体跃升, said twice unquoted). ``count`` is the number the term announces;
    ``expansion`` its items, from the text (``expansion_source='text'``) or the
    shipped lexicon (``'lexicon'``); ``count_matches`` says whether the items
    number ``count``. ``spans`` are raw ``(start, end)`` of each occurrence;
    for PDFs and scans ``pages`` holds the page of each occurrence and, for
    scans, ``boxes`` the box of the lines it was read from (see :data:`Box`).
    """

    term: str
    kind: Literal["numbered", "quoted", "model", "motto"]
    count: int | None
    expansion: tuple[str, ...]
    expansion_source: Literal["text", "lexicon"] | None
    count_matches: bool | None
    occurrences: int
    spans: tuple[tuple[int, int], ...]
    pages: tuple[int, ...] = ()
    boxes: tuple[Box | None, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists)."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["expansion"] = list(self.expansion)
        d["spans"] = [list(s) for s in self.spans]
        d["pages"] = list(self.pages)
        d["boxes"] = [list(b) if b is not None else None for b in self.boxes]
        return d


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: the per-document result."""

    document: Document
    blocks: tuple[Block, ...]
    figures: tuple[Figure, ...] = ()
    slogans: tuple[Slogan, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``sq-nlp extract --format json`` object."""
        return {
            "document": self.document.to_dict(),
            "blocks": [b.to_dict() for b in self.blocks],
            "figures": [f.to_dict() for f in self.figures],
            "slogans": [s.to_dict() for s in self.slogans],
        }
