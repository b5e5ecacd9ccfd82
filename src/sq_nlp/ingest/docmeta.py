"""Infer a report's metadata (title, region, year, period) from its text and file name.

Pure functions, following how Chinese work reports are headed:

- a title line ``2025年重庆市政府工作报告`` or ``政府工作报告`` (sometimes broken
  over lines, ``政府工作报\\n告``; sometimes with a note, ``政府工作报告（文字实录）``);
- a dateline ``——2017年3月5日在第十二届全国人民代表大会第五次会议上``, whose
  date gives the publication year and whose congress gives the region (a
  national report is delivered to the 全国人民代表大会 -> region ``全国``);
- the opening ``我代表国务院，向大会报告…`` of a national report;
- the first numbered section ``一、2018年工作回顾`` (or ``刚刚过去的2024年``)
  naming the year under review; otherwise a work report reviews ``year - 1``.

The file name is a fallback: a stem written like a title, else one 4-digit
year in it (``national_china_2015``).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from sq_nlp.language.script import analysis_text
from sq_nlp.records import Meta

#: How many non-blank lines from the top count as the header.
HEAD_LINES = 40
#: A title line is at most this long (a longer line is body text).
MAX_TITLE_CHARS = 40

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_YEAR = r"(?:19|20)\d{2}"
_NUM = r"[一二三四五六七八九十百零〇\d]+"
_ADMIN_SUFFIX = ("特别行政区", "自治区", "自治州", "自治县", "街道", "地区", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡")
_NATIONAL = ("国务院", "中华人民共和国", "全国")
_SENTENCE_END = tuple("。；，：！？;,:!?")

_TITLE = re.compile(
    rf"^(?:(?P<year>{_YEAR})\s*年)?\s*(?P<who>[^\s，。；：！？]{{0,30}}?)(?:人民)?政府工作报告"
    r"(?P<note>[（(][^）)]{0,20}[）)])?$"
)
_ANY_REPORT_TITLE = re.compile(r"工作报告(?:[（(][^）)]{0,20}[）)])?$")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_CN_YEAR = r"[〇○零一二][〇○零一二三四五六七八九]{3}"
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATELINE = re.compile(
    rf"(?P<year>{_YEAR}|{_CN_YEAR})\s*年\s*{_DAY}\s*月\s*{_DAY}\s*日\s*在\s*"
    rf"(?P<pre>[^\s，。；第]{{0,30}}?)\s*第?\s*{_NUM}\s*届\s*(?P<post>全国)?\s*(?:人民代表大会|人大)"
)
_REVIEW_HEADING = re.compile(
    rf"^[ \t\u3000]*[一二三四五六七八九十]+\s*[、.．]\s*(?P<year>{_YEAR})\s*年[^\n]{{0,20}}?工作回顾", re.M
)
_JUST_PAST = re.compile(rf"刚刚过去的\s*(?P<year>{_YEAR})\s*年")
_NATIONAL_OPENING = re.compile(r"代表国务院|国务院总理")
_REPORT_OPENING = re.compile(r"向大会报告|工作报告|工作回顾")
_STEM_YEAR = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")


def _clean(line: str) -> str:
    return "".join(_INVISIBLE.sub("", line).split())


def head_lines(text: str, limit: int = HEAD_LINES) -> list[str]:
    """The first ``limit`` non-blank lines, without whitespace or zero-width characters."""
    out: list[str] = []
    for line in text.splitlines():
        cleaned = _clean(line)
        if cleaned:
            out.append(cleaned)
            if len(out) >= limit:
                break
    return out


def find_title(lines: list[str]) -> str | None:
    """The report title among header lines, rejoining a title broken over lines.

    A title is a short line ending in ``工作报告`` (plus an optional bracketed
    note), not a sentence. ``政府工作报`` + ``告`` on the next line is rejoined.
    """
    for line in lines:
        if len(line) <= MAX_TITLE_CHARS and _ANY_REPORT_TITLE.search(line):
            return line
    for i in range(len(lines)):
        joined = lines[i]
        for j in range(i + 1, min(i + 3, len(lines))):
            joined += lines[j]
            if len(joined) > MAX_TITLE_CHARS or joined.endswith(_SENTENCE_END):
                break
            # Only a title broken *inside* the words counts; a whole title on
            # the last line was found above and must not absorb page chrome.
            if _ANY_REPORT_TITLE.search(joined) and "工作报告" not in lines[j]:
                return joined
    return None


def region_name(who: str) -> str | None:
    """A region from the words before 政府工作报告 or before 第…届 in a dateline.

    ``全国`` for the central government; a name ending in an administrative
    suffix (省, 市, 自治区, 区, 县, 街道 ...) otherwise; ``None`` when neither.
    """
    who = who.strip()
    if not who:
        return None
    if any(n in who for n in _NATIONAL):
        return "全国"
    if who.endswith("人民"):
        who = who[: -len("人民")]
    if len(who) >= 2 and who.endswith(_ADMIN_SUFFIX):
        return who
    return None


def _title_parts(title: str) -> tuple[int | None, str | None]:
    m = _TITLE.match(title)
    if not m:
        return None, None
    year = int(m["year"]) if m["year"] else None
    return year, region_name(m["who"])


def _stem_meta(filename: str | None) -> tuple[str | None, int | None, str | None]:
    """(title, year, region) from a file name written like a title, else its one year."""
    if not filename:
        return None, None, None
    stem = PurePath(filename).name
    for suffix in (".meta.json", ".txt", ".docx", ".pdf", ".html", ".htm"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    title = stem if _TITLE.match(stem) and not re.search(r"[\s_]", stem) else None
    year, region = _title_parts(_squash_stem(stem))
    if year is None:
        years = set(_STEM_YEAR.findall(stem))
        year = int(years.pop()) if len(years) == 1 else None
    return title, year, region


def _squash_stem(stem: str) -> str:
    """``2026_重庆市_政府工作报告`` -> ``2026年重庆市政府工作报告`` for the title pattern."""
    squashed = re.sub(r"[\s_\-.]+", "", stem)
    return re.sub(rf"^({_YEAR})(?!年)", r"\1年", squashed)


def infer_meta(text: str, filename: str | None = None, *, script: str | None = None) -> Meta:
    """Metadata inferred from a report's text (and, as a fallback, its file name).

    The text is read as the analysis reads it (radicals of PDF text layers
    normalised, Traditional characters as Simplified; ``script`` None
    detects the script), so a Traditional header gives its region and year
    too, in Simplified characters. Returns a :class:`Meta` whose unknown
    fields are ``None``; ``source`` is never inferred. See the module
    docstring for the rules.
    """
    text = analysis_text(text, script)
    lines = head_lines(text)
    head = "\n".join(lines)
    title = find_title(lines)
    t_year, t_region = _title_parts(title) if title else (None, None)

    dateline = _DATELINE.search(head)
    d_year = int(dateline["year"].translate(_CN_DIGITS)) if dateline else None
    if d_year is not None and not 1900 <= d_year <= 2099:
        d_year = None
    d_region = None
    if dateline:
        d_region = "全国" if dateline["post"] else region_name(dateline["pre"])

    s_title, s_year, s_region = _stem_meta(filename)

    review = _REVIEW_HEADING.search(text) or _JUST_PAST.search(text)
    r_period = int(review["year"]) if review else None

    year = d_year or t_year
    if year is None and r_period is not None:
        year = r_period + 1
    year = year or s_year

    region = t_region or d_region
    if region is None and _NATIONAL_OPENING.search(text[:5000]):
        region = "全国"
    region = region or s_region

    period = None
    if r_period is not None and (year is None or year - 10 <= r_period <= year):
        period = r_period
    elif year is not None and (title or s_title or s_region or _REPORT_OPENING.search(text[:5000])):
        period = year - 1

    return Meta(title=title or s_title, region=region, year=year, period=period)


def merge_meta(primary: Meta, fallback: Meta) -> Meta:
    """``primary`` with its missing (``None``) fields filled from ``fallback``.

    ``headline_position`` stays ``primary``'s unless that is ``auto``.
    """
    return Meta(
        title=primary.title if primary.title is not None else fallback.title,
        region=primary.region if primary.region is not None else fallback.region,
        year=primary.year if primary.year is not None else fallback.year,
        period=primary.period if primary.period is not None else fallback.period,
        source=primary.source if primary.source is not None else fallback.source,
        headline_position=primary.headline_position
        if primary.headline_position != "auto" else fallback.headline_position,
    )
