"""Layout repair: raw text -> blocks with offsets into the raw text.

Reports arrive in two typesettings, told apart from the text itself:

* **column** text (OCR of newspaper pages): lines broken at a narrow, even
  column width, paragraphs separated by blank lines, and a column break that
  may split one paragraph across a blank line. Lines are joined; a block that
  does not end a sentence continues into the next one.
* **line** text (web pages, word processors, wiki exports): one paragraph per
  line, headings on lines of their own, page chrome as short lines.

Each block is built character by character from the raw text, so every
character keeps its raw offset (``Block.offsets``): spurious spaces,
zero-width and control characters are dropped, full-width digits and Latin
letters folded to half-width, radicals and compatibility ideographs read as
the ideographs they stand for, Traditional characters as Simplified ones
(:func:`~sq_nlp.language.script.analysis_text`), Chinese punctuation kept. Nothing is silently lost: text that
is not report prose becomes an ``other`` block.

Section headlines usually stand before their text; some OCR'd pages put them
after it. ``headline_position`` comes from the sidecar, or ``auto`` decides
from the page (see :func:`_headlines_after`).
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sq_nlp.language.chars import HAN, is_han
from sq_nlp.language.script import analysis_text
from sq_nlp.records import Block, counting

OPENING_SECTION = "开篇"
"""Section label of paragraphs that precede every section headline."""

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

_ZW_CLASS = "".join(sorted(ZERO_WIDTH))
_INK = re.compile(f"[^\\s{_ZW_CLASS}]+")
_BLANKS = re.compile(f"[\\s{_ZW_CLASS}]+")
_SPACE = re.compile(r"\s")
_WIDE = re.compile("[\uff0b\uff05\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

# Width folding: full-width digits and Latin letters (and the percent and plus
# signs that travel with numbers) become ASCII; Chinese punctuation stays.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FOLD.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FOLD.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_FOLD.update({ord("％"): ord("%"), ord("＋"): ord("+")})

# Characters after which a paragraph may end. A closing quote or bracket
# ends one only when what it closes ended a sentence (…确诊”。 vs …“零确诊”).
_TERMINAL = frozenset("。！？!?…：:")
_CLOSERS = frozenset("”’」』）)》】\"'")
_NO_START = frozenset("，。、；：！？,.;:!?”’」』）)》】…")
_FRAGMENT_START = re.compile(r"^[^。！？!?，,、；;：:\s]{1,4}[。！？!?]")
_OPENERS = frozenset("“‘（(《【「『")
# A subtitle or dash item opens with —— (in PDF text layers sometimes one
# two-em dash, read as one em dash: see sq_nlp.language.chars).
_DASH = "—"
_MID_SENTENCE = frozenset("，、；,;")  # no headline ends with these
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|"
    r"第[一二三四五六七八九十百]+[章节部分篇]|\d{1,2}[、.．](?!\d))"
)
_CREDIT = re.compile(r"(?:本版)?(?:图文|图片|文字|摄影)由|(?:供图|摄影?)$|记者\S{0,6}摄")
_CHROME = re.compile(
    r"^(?:下载|打印|全屏|收藏|加大|还原|减小|大|中|小|[【】]|【?字[号体]：?|分享[：:]?|"
    r"打印本页|关闭窗口|相关附件.*|相关报道[：:]?|责任编辑[：:].*|来源[：:].*|时间[：:].*|"
    r"[0-9a-f]{32}|public domain|true|false)$",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(r"^\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?\s*(?:\d{1,2}[:时]\d{1,2}分?(?::\d{2})?)?$")
# Once a web page's footer begins, nothing after it is report text (some
# pages repeat the title and first sentence there).
_FOOTER = re.compile(r"^(?:责任编辑|相关附件|相关链接|相关报道|打印本页|关闭窗口|扫一扫)")
# Licence boxes of wiki exports are page chrome, not report text.
_LICENCE = re.compile(r"公有领域|维基文库|著作权法|Creative Commons|GNU Free Documentation", re.IGNORECASE)
# Inside a long block, a licence sentence is one that speaks of the work
# itself (本作品…属于公有领域) or names the site or the licence outright; a
# report may well mention the copyright law.
_LICENCE_ALONE = re.compile(r"维基文库|维基百科|Wikisource|Wikipedia|Creative Commons|GNU Free Documentation",
                            re.IGNORECASE)
_THE_WORK = re.compile(r"[本此该]作品|[本此]文本|[本此]页面?")
_INLINE_FOOTER = re.compile(r"责任编辑|相关附件|相关链接|相关报道|打印本页|关闭窗口|扫一扫")
# Either of the two in one pass (most units hold neither).
_CHROME_INSIDE = re.compile(f"(?i:{_LICENCE.pattern})|{_INLINE_FOOTER.pattern}")


def _case_free_hint(word: str) -> str:
    """A pattern that every case-insensitive match of the Latin ``word``
    holds, without (?i:): its first two neighbouring letters in either case
    (not i, k or s, which other letters fold to: ı, K, ſ)."""
    for a, b in zip(word, word[1:]):
        if all(c.isascii() and c.isalpha() and c.lower() not in "iks" for c in (a, b)):
            # as plain alternatives: a character class here would cost the
            # whole pattern its fast skip to the first characters
            return "|".join(x + y for x in (a.upper(), a.lower()) for y in (b.upper(), b.lower()))
    return "(?s:.)"  # no such pair: every text goes on to the full pattern


# What every match of _CHROME_INSIDE holds (its Chinese words as they are,
# two letters of each Latin name in either case). Without (?i:), this one
# skips through text at the speed of a character set, so every unit's text is
# scanned by it and only the rare hit by _CHROME_INSIDE.
def _chrome_hint() -> re.Pattern[str]:
    words = f"{_LICENCE.pattern}|{_INLINE_FOOTER.pattern}".split("|")
    if not all(w and all(c.isalnum() or c == " " for c in w) for w in words):
        return re.compile("(?s:.)")  # not plain words: every text goes on to the full pattern
    return re.compile("|".join(w if not w.isascii() else _case_free_hint(w) for w in words))


_CHROME_HINT = _chrome_hint()
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』）)》】\"']*|$)|[。！？!?]+")

HEADING_MAX = 40
"""Longest unit (characters, spaces excluded) that may be a headline."""


def fold_width(text: str) -> str:
    """Full-width digits, Latin letters, ％ and ＋ to ASCII; nothing else."""
    return text.translate(_FOLD)


def is_blank_char(ch: str) -> bool:
    """Whitespace or a zero-width character: not part of any block's text."""
    return ch.isspace() or ch in ZERO_WIDTH


def _keep_space(left: str, right: str) -> bool:
    """Whether a whitespace run between two characters is a real word space.

    Only Latin words keep their spaces (学习强国 APP, 5G 网络); spaces between
    CJK characters, digits, units and punctuation are OCR or typesetting noise.
    """
    left_latin = left.isascii() and left.isalpha()
    right_latin = right.isascii() and right.isalpha()
    if left_latin and (right_latin or right.isdigit() or is_han(right)):
        return True
    return right_latin and (left.isdigit() or is_han(left))


class _Line(NamedTuple):  # a tuple: made for every raw line, it is built cheaply
    start: int  # raw offset of the line's first character
    end: int  # raw offset just past the line (before its newline)
    length: int  # characters other than whitespace and zero-width
    width: float  # display width: digits and Latin letters count half
    indented: bool
    cells: bool = False  # a tab between its words: a table row (docx, html, spreadsheets)
    plain: bool = False  # after its indent, one run of ink to its end (``length`` characters)


@dataclass
class _Unit:
    """A candidate block: raw lines to join, and what kind it looks like."""

    lines: list[_Line]
    gap_before: bool  # a blank line separates it from the previous unit
    heading_group: bool = False  # short lines that form one headline
    kind: str = "paragraph"
    text: str = ""
    offsets: tuple[int, ...] = ()
    spaced: tuple[str, tuple[int, ...]] | None = None  # text with headline gaps
    table_row: bool = False
    chrome: bool = False  # page chrome cut off a longer unit (licence, footer)
    raw: str | None = None  # set where ``spaced`` is worked out on first use

    def headline(self) -> tuple[str, tuple[int, ...]] | None:
        """The text with headline gaps (see :func:`_headline_text`), for a
        unit that may be a headline; worked out when first asked for, since
        most units are paragraphs that never need it."""
        if self.spaced is None and self.raw is not None:
            self.spaced = _headline_text(self.raw, self.lines)
        return self.spaced


def _split_lines(raw: str) -> list[_Line | None]:
    """Raw lines with offsets; ``None`` for blank lines.

    A line holding only zero-width characters is dropped altogether, not
    taken as blank: wiki exports leave such lines inside words (人 / U+200B /
    民满意), so they separate nothing.
    """
    out: list[_Line | None] = []
    pos = 0
    for piece in raw.split("\n"):
        end = pos + len(piece)
        body = piece.lstrip(" \t\u3000")
        if body and " " not in body and body.isprintable():
            # Most lines: an indent, then ink to the end. (Whitespace other
            # than the space, and zero-width characters, are all unprintable.)
            lead = len(piece) - len(body)
            n = len(body)
            out.append(_Line(pos, end, n, n - 0.5 * len(body.encode("ascii", "ignore")),
                             "\u3000" in piece[:lead] or lead >= 2, False, True))
            pos = end + 1
            continue
        ink = _BLANKS.sub("", piece)
        if ink:
            lead = len(piece) - len(piece.lstrip(" \t\u3000"))
            indented = "\u3000" in piece[:lead] or lead >= 2
            ascii_count = len(ink.encode("ascii", "ignore"))
            cells = "\t" in piece.strip(" \t\u3000")
            out.append(_Line(pos, end, len(ink), len(ink) - 0.5 * ascii_count, indented, cells))
        elif not any(ch in ZERO_WIDTH for ch in piece):
            out.append(None)
        pos = end + 1
    return out


@dataclass(frozen=True)
class _Typesetting:
    """How the text is set: ``grouped`` when blank lines separate paragraphs
    (lines within a group are pieces of one paragraph: column breaks, wiki
    link breaks), with ``width`` the column width for narrow even columns;
    otherwise every line is a paragraph of its own."""

    grouped: bool
    width: float | None

    @property
    def column(self) -> bool:
        """Narrow even columns, as on a newspaper page."""
        return self.width is not None


def _typesetting(lines: Sequence[_Line | None]) -> _Typesetting:
    """Tell the typesetting from the lines.

    Interior lines (followed by another non-blank line) are few where blank
    lines separate paragraphs; in column text they are many and of nearly
    equal length; in one-paragraph-per-line text they are many, of any length.
    """
    # Table rows are of even width too, but they are no column of prose.
    lines = [None if line is not None and line.cells else line for line in lines]
    interior = [a.width for a, b in zip(lines, lines[1:]) if a is not None and b is not None]
    content = sum(1 for line in lines if line is not None)
    if len(interior) >= 8 and len(interior) >= 0.3 * content:
        q1, median, q3 = statistics.quantiles(interior, n=4)
        if median <= 60 and (q3 - q1) <= 0.35 * median:
            return _Typesetting(grouped=True, width=median)
    if len(interior) < 0.5 * content:
        return _Typesetting(grouped=True, width=None)
    return _Typesetting(grouped=False, width=None)


def _render(
    raw: str, lines: Sequence[_Line], *, join_lines_with_space: bool, all_spaces: bool = False
) -> tuple[str, tuple[int, ...]]:
    """Repaired text of a unit and the raw offset of each of its characters.

    Runs of visible characters are copied (width folded); a whitespace gap
    or line break between them becomes one space where :func:`_keep_space`
    says so (always with ``all_spaces``; at line breaks too with
    ``join_lines_with_space``), mapped to the raw whitespace it replaces.
    Zero-width characters vanish without leaving a gap.
    """
    if len(lines) == 1:  # most units: one line, one run of ink, nothing to join
        line = lines[0]
        if line.plain:
            a = line.end - line.length
            run = raw[a:line.end]
            return (run.translate(_FOLD) if _WIDE.search(run) else run), counting(a, line.end)
        m = _INK.search(raw, line.start, line.end)
        if m is not None and (m.end() == line.end or not _INK.search(raw, m.end(), line.end)):
            run = m.group()
            return (run.translate(_FOLD) if _WIDE.search(run) else run), counting(m.start(), m.end())
    parts: list[str] = []
    offsets: list[int] = []
    last = ""
    space_at: int | None = None  # raw offset of the whitespace since the last run
    line_break = False
    for n, line in enumerate(lines):
        if n:
            line_break = True
            if space_at is None:
                space_at = lines[n - 1].end  # the newline itself
        pos = line.start
        for m in _INK.finditer(raw, line.start, line.end):
            if space_at is None and m.start() > pos:
                ws = _SPACE.search(raw, pos, m.start())
                space_at = ws.start() if ws else None
            run = m.group()
            if _WIDE.search(run):
                run = run.translate(_FOLD)
            if space_at is not None and last and (
                all_spaces or (join_lines_with_space and line_break) or _keep_space(last, run[0])
            ):
                parts.append(" ")
                offsets.append(space_at)
            parts.append(run)
            offsets.extend(counting(m.start(), m.end()))
            last, space_at, line_break, pos = run[-1], None, False, m.end()
        if space_at is None and pos < line.end:
            ws = _SPACE.search(raw, pos, line.end)
            space_at = ws.start() if ws else None
    return "".join(parts), tuple(offsets)


def _headline_text(raw: str, lines: Sequence[_Line]) -> tuple[str, tuple[int, ...]]:
    """Headline text: parts kept apart by one space, stray OCR spaces dropped.

    A two-part headline (a space between two runs of several characters)
    keeps its gap; a gap next to a one-character run is OCR noise.
    """
    spaced, offsets = _render_all_spaces(raw, lines)
    chars: list[str] = []
    out_offsets: list[int] = []
    prev: re.Match[str] | None = None
    for m in re.finditer(r"\S+", spaced):
        if prev is not None:
            left, right = prev.group(), m.group()
            word_gap = len(left) > 1 and len(right) > 1 and left[-1] not in _OPENERS and right[0] not in _NO_START
            if word_gap or _keep_space(left[-1], right[0]):
                chars.append(" ")
                out_offsets.append(offsets[m.start() - 1])
        chars.extend(m.group())
        out_offsets.extend(offsets[m.start() : m.end()])
        prev = m
    return "".join(chars), tuple(out_offsets)


def _render_all_spaces(raw: str, lines: Sequence[_Line]) -> tuple[str, tuple[int, ...]]:
    """Like :func:`_render` but every whitespace gap (and line break) is one space."""
    return _render(raw, lines, join_lines_with_space=True, all_spaces=True)


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()
    while t and t[-1] in _CLOSERS:
        t = t[:-1]
    return bool(t) and (t[-1] in _TERMINAL or t.endswith(_DASH))


def _headline_like(text: str) -> bool:
    """Short, no sentence punctuation inside: could be a headline or caption."""
    body = text.replace(" ", "")
    if not body or len(body) > HEADING_MAX or body[-1] in _MID_SENTENCE:
        return False
    return not _SENTENCE_PUNCT.search(body.rstrip("。！？!?"))


def _numbered_heading(text: str) -> bool:
    """一、… / （一）… / 第一章… on a line of its own, at most one sentence;
    1. / 1、 numbering only for a short headline (numbered list items and
    glossary entries are sentences)."""
    body = text.replace(" ", "")
    m = _NUMBERED.match(body)
    if not m or len(body) > 2 * HEADING_MAX or body[-1] in _MID_SENTENCE:
        return False
    if m.group()[0].isdigit():
        return _headline_like(body) and not _ends_sentence(body)
    inner = body.rstrip("。！？!?")
    return not re.search(r"[。！？!?；;]", inner)


def _group_units(raw: str, lines: Sequence[_Line | None], setting: _Typesetting) -> list[_Unit]:
    """Cut the lines into units: each a candidate block."""
    units: list[_Unit] = []
    group: list[_Line] = []
    gap = True

    def flush() -> None:
        nonlocal group, gap
        if group:
            units.extend(_split_group(raw, group, setting.width, gap))
            gap = False
        group = []

    for line in lines:
        if line is None:
            flush()
            gap = True
        elif line.cells or not setting.grouped:  # a table row is a unit of its own
            flush()
            units.append(_Unit([line], gap))
            gap = False
        else:
            group.append(line)
    flush()
    return units


def _split_group(raw: str, group: list[_Line], width: float | None, gap: bool) -> list[_Unit]:
    """One blank-line-separated group -> one or more units.

    A group is usually one paragraph; it splits before a subtitle (——…),
    after a numbered heading on a line of its own, after a short line that
    ends a sentence in column text (the last line of a paragraph), and
    before an indented line.
    """
    if len(group) == 1:  # the common case: one line, one unit
        return [_Unit([group[0]], gap)]
    texts = [_render(raw, [line], join_lines_with_space=False)[0] for line in group]
    if len(group) > 1 and all(_headline_like(t) and not _ends_sentence(t) for t in texts):
        # A headline set over several lines; a dash line opens a subtitle.
        units: list[_Unit] = []
        for line, text in zip(group, texts):
            if not units or text.startswith(_DASH):
                units.append(_Unit([line], gap if not units else False, heading_group=True))
            else:
                units[-1].lines.append(line)
        return units
    # Articles on one page may be set in columns of different widths: judge a
    # long group's lines against its own width.
    if width is not None and len(group) >= 4:
        width = statistics.median(line.width for line in group[:-1])
    units = [_Unit([group[0]], gap)]
    for prev, line, prev_text, text in zip(group, group[1:], texts, texts[1:]):
        if width is not None:
            split = _column_line_ends_unit(prev, prev_text, text, width)
        else:
            split = _numbered_heading(prev_text) and len(units[-1].lines) == 1
        if split or (line.indented and not prev.indented):
            units.append(_Unit([line], False))
        else:
            units[-1].lines.append(line)
    return units


def _column_line_ends_unit(line: _Line, text: str, next_text: str, width: float) -> bool:
    """Whether a column line closes its paragraph or headline.

    Column text fills every line of a paragraph but its last, so a short line
    that ends a sentence, or reads as a headline, closes its unit; so does a
    headline wider than the column; and a line ending a sentence closes the
    paragraph when a numbered heading or a dash item (——) comes next.
    """
    ends = _ends_sentence(text)
    if ends and line.width <= width - 2.5:
        return True
    if line.width < 0.75 * width and (ends or _headline_like(text) or _numbered_heading(text)):
        return True
    if line.width > 1.25 * width and _headline_like(text) and not ends:
        return True
    return ends and (_numbered_heading(next_text) or next_text.startswith(_DASH))


def _render_unit(raw: str, unit: _Unit) -> None:
    unit.text, unit.offsets = _render(raw, unit.lines, join_lines_with_space=False)
    # A row of a table (cells separated by tabs, as docx and html tables
    # arrive) is data, not prose or a headline.
    line = unit.lines[0]
    unit.table_row = len(unit.lines) == 1 and "\t" in raw[line.start : line.end] and not _ends_sentence(unit.text)
    if unit.heading_group or len(unit.lines) == 1:
        unit.raw = raw


def _respace_headline(unit: _Unit) -> None:
    """Give a headline or caption back the gaps between its parts."""
    spaced = unit.headline() if unit.kind in ("title", "heading", "caption") else None
    if spaced and _headline_like(spaced[0]):
        unit.text, unit.offsets = spaced


def _cut_at_column_end(unit: _Unit, width: float) -> bool:
    """Column text: prose that stops unterminated at the full column width
    was cut by a column break. A one-line headline may happen to be as wide
    as a column, so one line alone is not evidence unless it is prose."""
    full = abs(unit.lines[-1].width - width) <= 0.12 * width
    if not full or _spaced_apart(unit):
        return False
    if len(unit.lines) > 1:
        return True
    text = unit.text
    return not (_numbered_heading(text) or text.startswith(_DASH))


def _spaced_apart(unit: _Unit) -> bool:
    """A one-line unit in two parts, as headlines are set."""
    spaced = unit.headline()
    return spaced is not None and _two_part(spaced[0])


def _open_quote(text: str) -> bool:
    """Whether a quotation or bracket opened in ``text`` is still open at its end."""
    return text.count("“") > text.count("”") or text.count("（") > text.count("）")


def _is_chrome(text: str) -> bool:
    body = text.strip().strip("()（）[]")
    if _CHROME.match(body) or _TIMESTAMP.match(body):
        return True
    has_word = any(is_han(ch) or ch.isdigit() for ch in body)
    return not has_word


def _merge_continuations(raw: str, units: list[_Unit], width: float | None) -> list[_Unit]:
    """Rejoin paragraphs split across units by column or page breaks."""
    merged: list[_Unit] = []
    for unit in units:
        if merged and _continues(merged[-1], unit, width):
            prev = merged[-1]
            if unit.heading_group:  # short lines that only looked like a headline
                unit.text, unit.offsets = _render(raw, unit.lines, join_lines_with_space=False)
            merged[-1] = _Unit(
                prev.lines + unit.lines,
                prev.gap_before,
                text=prev.text + unit.text,
                offsets=prev.offsets + unit.offsets,
                heading_group=prev.heading_group and unit.heading_group,
            )
        else:
            merged.append(unit)
    return merged


def _continues(prev: _Unit, unit: _Unit, width: float | None) -> bool:
    column = width is not None
    if not prev.text or not unit.text or _ends_sentence(prev.text):
        return False
    if _is_chrome(prev.text) or prev.table_row or unit.table_row:
        return False
    if _page_chrome_start(unit.text) or _FOOTER.match(prev.text):
        # A licence box or footer never continues prose, nor prose a footer.
        return False
    if unit.text[0] in _NO_START or _FRAGMENT_START.match(unit.text) or _open_quote(prev.text):
        # No paragraph starts with a comma, a closing mark or the tail of a
        # sentence (产业创新。…), and none ends inside an open quotation: a
        # link or column break cut this one.
        return True
    if _is_chrome(unit.text) or _numbered_heading(unit.text):
        return False
    if width is not None and _cut_at_column_end(prev, width) and not unit.text.startswith(_DASH):
        return True
    if _numbered_heading(prev.text):
        # The rest of a heading broken over two lines (三、持续提升政府 /
        # 治理效能和服务水平), never the text under it.
        return not unit.gap_before and _headline_like(unit.text) and not _ends_sentence(unit.text)
    if not _headline_like(prev.text):
        # Unterminated prose continues, in column text even into a short
        # line ("…代办点方" / "便群众。…"): prose does not stop mid-sentence.
        # A short rest that ends the sentence ("…可支配收入" / "增长7.5%。", a PDF
        # line break) is no headline either.
        ends = _ends_sentence(unit.text) and not unit.text.startswith(_DASH)
        return column or not _headline_like(unit.text) or not unit.gap_before or ends
    if unit.gap_before or prev.heading_group:
        return False
    # A headline broken mid-word ("政府工作报" / "告", "三、持续提升政府" /
    # "治理效能和服务水平"): a fragment too short to stand alone, or the rest
    # of a numbered heading.
    short_rest = len(unit.text) <= 2 and len(prev.text) >= 4
    return short_rest or (_numbered_heading(prev.text) and _headline_like(unit.text))


def _page_chrome_start(text: str) -> bool:
    """Whether a unit opens a licence box (本作品…, 维基文库…) or a page footer."""
    first = _SENTENCE.match(text)
    return bool(_FOOTER.match(text) or _THE_WORK.match(text)
                or (first and _LICENCE_ALONE.search(first.group())))


def _licence_sentence(sentence: str, *, short: bool) -> bool:
    """Licence text: names the licence and speaks of the work (or the site or
    licence by name); or, ``short``, a licence label on its own (公有领域)."""
    if not _LICENCE.search(sentence):
        return False
    if _LICENCE_ALONE.search(sentence) or _THE_WORK.search(sentence):
        return True
    return short and not _SENTENCE_PUNCT.search(sentence)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]


def _chrome_flags(unit: _Unit) -> list[tuple[int, int, bool]]:
    """The unit's text in pieces ``(start, end, is_chrome)``.

    A short unit that names a licence is chrome as a whole. In a longer one
    (a report pasted as one paragraph, the licence box run into it) the
    licence sentences are chrome, with the sentences next to them that speak
    of the work (本作品是…); so is a footer (责任编辑：…) that ends the unit
    after a sentence or a gap. The rest stays report text.
    """
    text = unit.text
    if len(text) <= HEADING_MAX * 2:
        return [(0, len(text), _licence_sentence(text, short=True))]
    spans = _sentence_spans(text)
    flags = [_licence_sentence(text[a:b], short=False) for a, b in spans]
    for order in (range(len(spans)), range(len(spans) - 1, -1, -1)):
        for i in order:
            for j in (i - 1, i + 1):
                if 0 <= j < len(spans) and flags[j] and not flags[i] and _THE_WORK.search(text[slice(*spans[i])]):
                    flags[i] = True
    pieces: list[tuple[int, int, bool]] = []
    for (a, b), f in zip(spans, flags):
        work = _THE_WORK.search(text, a, b) if f else None
        if work and work.start() > a and not (pieces and pieces[-1][2]) and not _LICENCE.search(text, a, work.start()):
            # 本作品… run into the unterminated end of the report text
            pieces.append((a, work.start(), False))
            a = work.start()
        pieces.append((a, b, f))
    for m in _INLINE_FOOTER.finditer(text):
        at = m.start()
        before = text[:at].rstrip(" （(【[")
        gap = at > 0 and unit.offsets[at] - unit.offsets[at - 1] > 1
        bracket = bool(text[len(before):at].strip())
        if len(text) - at <= HEADING_MAX * 2 and (not before or _ends_sentence(before) or gap or bracket):
            cut = len(before) if text[len(before):at].strip() else at
            kept = [(a, min(b, cut), f) for a, b, f in pieces if a < cut]
            pieces = kept + [(cut, len(text), True)]
            break
    merged: list[tuple[int, int, bool]] = []
    for a, b, f in pieces:
        if merged and merged[-1][2] == f:
            merged[-1] = (merged[-1][0], b, f)
        else:
            merged.append((a, b, f))
    return merged


def _cut_chrome(units: list[_Unit]) -> list[_Unit]:
    """Cut licence boxes and footers off the units they were run into, so
    that page chrome never swallows report text (see :func:`_chrome_flags`)."""
    out: list[_Unit] = []
    for unit in units:
        if unit.table_row or not (_CHROME_HINT.search(unit.text) and _CHROME_INSIDE.search(unit.text)):
            out.append(unit)
            continue
        pieces = _chrome_flags(unit)
        if len(pieces) == 1:
            unit.chrome = pieces[0][2]
            out.append(unit)
            continue
        for n, (a, b, chrome) in enumerate(pieces):
            text = unit.text[a:b]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if not text:
                continue
            offsets = unit.offsets[a + lead : a + lead + len(text)]
            out.append(_Unit(unit.lines, unit.gap_before if n == 0 else False, text=text, offsets=offsets,
                             chrome=chrome))
    return out


def _classify(units: list[_Unit], column: bool) -> None:
    """Set each unit's kind: title, heading, paragraph, caption or other."""
    for k, unit in enumerate(units):
        text = unit.text
        if _is_chrome(text) or unit.chrome or unit.table_row:
            unit.kind = "other"
        elif len(text) <= HEADING_MAX * 2 and _CREDIT.search(text.replace(" ", "")):
            unit.kind = "caption"
        elif _numbered_heading(text):
            unit.kind = "heading"
        elif _headline_like(text) and (not _ends_sentence(text) or text.startswith(_DASH)):
            unit.kind = "heading"
        else:
            unit.kind = "paragraph"
    if column:
        _captions_in_columns(units)
    _titles(units)
    footer = next((k for k, u in enumerate(units) if _FOOTER.match(u.text)), None)
    # A footer closes a page: it never has most of the text after it.
    if footer is not None and sum(len(u.text) for u in units[footer:]) <= sum(len(u.text) for u in units[:footer]):
        for unit in units[footer:]:
            unit.kind = "other"


def _two_part(text: str) -> bool:
    parts = text.split(" ")
    return len(parts) >= 2 and sum(1 for p in parts if len(p) >= 3) >= 2


def _captions_in_columns(units: list[_Unit]) -> None:
    """On a newspaper page, runs of short one-part lines are photo captions.

    Section headlines there come as two-part lines (疫情防控慎终如始 综合实力上新台阶)
    or stand alone between texts; captions cluster, one short line each.
    """
    def candidate(u: _Unit) -> bool:
        spaced = u.headline()
        two_part = spaced is not None and _two_part(spaced[0])
        return u.kind in ("heading", "caption") and not two_part and not _numbered_heading(u.text) and not u.text.startswith(_DASH)

    for k, unit in enumerate(units):
        if unit.kind != "heading" or not candidate(unit):
            continue
        neighbours = units[max(0, k - 1) : k] + units[k + 1 : k + 2]
        if any(candidate(n) or n.kind == "caption" for n in neighbours):
            unit.kind = "caption"
    # A credit line fused onto a caption is split into its own caption later by
    # _split_credits.


def _titles(units: list[_Unit]) -> None:
    """The title block: a headline followed by a —— subtitle, or the
    unnumbered headlines before the first paragraph (title, dateline,
    byline such as 国务院总理 李克强)."""
    for k, unit in enumerate(units):
        if unit.kind == "heading" and k + 1 < len(units) and units[k + 1].text.startswith(_DASH):
            unit.kind = "title"
            units[k + 1].kind = "title"
            break
    for unit in units:
        if unit.kind == "paragraph" or _numbered_heading(unit.text):
            return
        if unit.kind == "heading":
            unit.kind = "title"


def _headlines_after(units: Sequence[_Unit]) -> bool:
    """Whether section headlines follow their text (some OCR'd pages).

    Evidence: text comes before the first section headline, and no text
    follows the last one.
    """
    heads = [k for k, u in enumerate(units) if u.kind == "heading"]
    paras = [k for k, u in enumerate(units) if u.kind == "paragraph"]
    if not heads or not paras:
        return False
    return paras[0] < heads[0] and paras[-1] < heads[-1]


def _assign_sections(units: Sequence[_Unit], after: bool) -> list[str | None]:
    sections: list[str | None] = [None] * len(units)
    if after:
        current: str | None = None
        title_seen = False
        for k in range(len(units) - 1, -1, -1):
            u = units[k]
            if u.kind == "heading":
                current = u.text
            elif u.kind == "title":
                title_seen = True
                current = OPENING_SECTION
            if u.kind == "heading":
                sections[k] = u.text
            elif u.kind == "paragraph":
                sections[k] = current if current is not None else (OPENING_SECTION if title_seen else None)
        return sections
    current = OPENING_SECTION
    for k, u in enumerate(units):
        if u.kind == "heading":
            current = u.text
            sections[k] = u.text
        elif u.kind == "paragraph":
            sections[k] = current
    return sections


def _split_credits(raw: str, units: list[_Unit]) -> list[_Unit]:
    """Split a photo credit (本版图文由…提供) fused onto a caption line."""
    out: list[_Unit] = []
    for unit in units:
        m = _CREDIT.search(unit.text) if unit.kind == "caption" else None
        if m and m.start() > 0:
            cut = m.start()
            head_text = unit.text[:cut].rstrip()
            head_off = unit.offsets[: len(head_text)]
            out.append(_Unit(unit.lines, unit.gap_before, kind="caption", text=head_text, offsets=head_off))
            tail_start = cut
            out.append(
                _Unit(unit.lines, False, kind="caption", text=unit.text[tail_start:], offsets=unit.offsets[tail_start:])
            )
        else:
            out.append(unit)
    return out


def _line_number(offset: int, newlines: list[int]) -> int:
    """1-based line of a raw offset, given the offsets of all newlines."""
    return bisect.bisect_left(newlines, offset) + 1


def repair(raw: str, *, headline_position: str = "auto", script: str | None = None) -> list[Block]:
    """Repair the layout of a report's raw text into classified blocks.

    ``headline_position`` is ``"before"``, ``"after"`` (section headlines
    follow their text) or ``"auto"``. ``script`` is the document's script
    (``"simplified"``/``"traditional"``; None detects it): blocks are read
    from :func:`~sq_nlp.language.script.analysis_text`, the raw text with
    radicals, compatibility ideographs and control characters normalised and
    Traditional characters converted to Simplified, character for character,
    so offsets index ``raw``.
    """
    raw = analysis_text(raw, script)
    lines = _split_lines(raw)
    setting = _typesetting(lines)
    column = setting.column
    units = _group_units(raw, lines, setting)
    for unit in units:
        _render_unit(raw, unit)
    units = [u for u in units if u.text]
    units = _merge_continuations(raw, units, setting.width)
    units = _cut_chrome(units)
    _classify(units, column)
    for unit in units:
        _respace_headline(unit)
    units = _split_credits(raw, units)
    if headline_position == "auto":
        after = column and _headlines_after(units)
    else:
        after = headline_position == "after"
    sections = _assign_sections(units, after)
    newlines = [m.start() for m in re.finditer("\n", raw)]
    blocks = []
    for unit, section in zip(units, sections):
        text, offsets = unit.text, unit.offsets
        if "［" in text or "[" in text or "〔" in text:
            text, offsets = _drop_note_marks(text, offsets)
        start, end = offsets[0], offsets[-1] + 1
        blocks.append(
            Block(
                kind=unit.kind,  # type: ignore[arg-type]
                text=text,
                section=section,
                start=start,
                end=end,
                line=_line_number(start, newlines),
                offsets=offsets,
            )
        )
    return blocks


# A note's mark right after the words it explains: “两重”“两新”［1］项目, 国资运营[2]等
_NOTE_MARK = re.compile(f"(?<=[{HAN}”’」』）)])[［\\[〔][0-9０-９]{{1,2}}[］\\]〕]")


def _drop_note_marks(text: str, offsets: tuple[int, ...]) -> tuple[str, tuple[int, ...]]:
    """The text without the marks of notes set inside it, and the offsets of
    what is kept: the phrase a mark interrupts is read whole (figures, slogans,
    search), while the notes themselves, which open their lines, stay."""
    marks = [m.span() for m in _NOTE_MARK.finditer(text)]
    if not marks:
        return text, offsets
    keep, pos = [], 0
    for a, b in marks:
        keep.append((pos, a))
        pos = b
    keep.append((pos, len(text)))
    return "".join(text[a:b] for a, b in keep), tuple(o for a, b in keep for o in offsets[a:b])
