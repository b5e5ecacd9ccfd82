"""Tidying of recognised line text: what the recogniser writes differently from print.

PP-OCR reads Chinese punctuation as its ASCII look-alike where the glyphs are
alike ((摘要) for （摘要）, a comma or colon after a Chinese word) and the
dash pair —— that opens report items as one 一 or a hyphen. Only these are
changed; digits, Latin words and what the recogniser was unsure of stay.
"""

from __future__ import annotations

import re

from sq_nlp.language.chars import HAN as _CJK
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# An ASCII mark is Chinese punctuation when a Chinese character or closing
# mark stands on one side of it and no digit or Latin letter on both sides
# (1,244 and 3:2 and C919, stay).
_ASCII_MARK = re.compile(rf"(?<=[{_CJK}，。、；：）”])\s*([,:;?!])|([,:;?!])\s*(?=[{_CJK}“（])")
_PAREN_PAIR = re.compile(r"([\s\S]?)\(\s*([^()]*?)\s*\)([\s\S]?)")
_CJK_CHAR = re.compile(f"[{_CJK}]")
# Two stops in a row (。， 、，) never stand in print: the recogniser adds a
# comma after a stop at the end of a line; the first mark is the printed one.
_DOUBLE_STOP = re.compile(r"([，。、；：！？])[，、]+")
# A leading dash pair read as one 一/—/-: only before a Chinese word that
# the dash pair opens in reports (——经济总体回升向好。), never before a word
# 一 begins (一是, 一批, 一年来, 一带一路 ...).
_LEADING_DASH = re.compile(rf"^(?:[\-—－一]*[\-—－][\-—－一]*)(?=[{_CJK}\d])")


def tidy_line(text: str, *, dash_width: bool = False) -> str:
    """Recognised text of one line with Chinese punctuation restored.

    ``dash_width`` says that the line's first glyph was as wide as two
    characters (measured on the page by the caller): then a leading 一 is
    the dash pair ——.
    """
    t = text.strip()
    t = _PAREN_PAIR.sub(_paren, t)
    t = _ASCII_MARK.sub(lambda m: _FULL[m.group(1) or m.group(2)], t)
    t = _DOUBLE_STOP.sub(r"\1", t)
    if _LEADING_DASH.match(t):
        t = _LEADING_DASH.sub("——", t)
    elif dash_width and t.startswith("一") and t[1:2] not in ("、", "，", "是", ""):
        t = "——" + (t[2:] if t.startswith("一一") else t[1:])
    return t


def _paren(m: re.Match[str]) -> str:
    """A bracket pair is Chinese when it or its neighbours hold Chinese text."""
    before, inner, after = m.groups()
    if _CJK_CHAR.search(before + inner + after):
        return f"{before}（{inner}）{after}"
    return m.group()
