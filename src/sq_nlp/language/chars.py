"""Characters as the analysis reads them, whatever tool wrote the text.

PDF text layers name many ideographs by another code point that shares the
glyph: a Kangxi radical (⼈ U+2F08 for 人), a CJK Radicals Supplement form
(⺠ U+2EA0 for 民, ⻓ U+2EE7 for 长) or a CJK compatibility ideograph
(U+F900-U+FAFF, U+2F800-U+2FA1F); and some writers put control characters
(U+0001 ...) where spaces were, and Chromium sets —— as one two-em dash. :func:`normalize_chars` maps each such
character to the one it stands for, one character for one, so the result has
the same length as its input and every offset into it is an offset into the
raw text.

Where the mappings come from: radicals from ``data/radicals.tsv`` (made by
``scripts/make_radical_map.py`` from the glyphs Simplified CJK fonts share,
so ⼾ is 户, not Unicode's 戶), else Unicode's own decompositions (NFKC for
Kangxi radicals, NFC for compatibility ideographs).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

#: Control characters that Python already counts as whitespace (tab, newlines,
#: form feed, the information separators U+001C-U+001F, NEL) are left alone;
#: every other C0/C1 control and DEL stands for a space.
_SPACE_CONTROLS = "".join(
    chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)) if not chr(c).isspace()
)
_RADICAL_RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
_COMPAT_RANGES = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


#: Han (Chinese) characters, as a regular expression character class's ranges
#: (``f"[{HAN}]"``): the unified ideographs, extension A, the compatibility
#: ideographs (a PDF's text layer may use them; :func:`normalize_chars` maps
#: them to the unified ones) and the supplementary planes' ideographs
#: (extension B on: rare characters of place and personal names, 𬇙).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def is_han(ch: str) -> bool:
    """Whether the one character ``ch`` is a Han character (see :data:`HAN`)."""
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
            or "\U00020000" <= ch <= "\U0003134f")


def _ranges_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges)


#: Characters :func:`normalize_chars` may change: a fast test before the
#: per-character pass.
NEEDS_NORMALIZING = re.compile(
    f"[{re.escape(_SPACE_CONTROLS)}{_ranges_class(_RADICAL_RANGES)}{_ranges_class(_COMPAT_RANGES)}]"
)


@lru_cache(maxsize=1)
def char_table() -> dict[int, str]:
    """``str.translate`` table: code point -> the one character it stands for."""
    table: dict[int, str] = {ord(c): " " for c in _SPACE_CONTROLS}
    for cp in range(0x2F00, 0x2FE0):  # Kangxi radicals
        mapped = unicodedata.normalize("NFKC", chr(cp))
        if len(mapped) == 1 and mapped != chr(cp):
            table[cp] = mapped
    for lo, hi in _COMPAT_RANGES:
        for cp in range(lo, hi + 1):
            mapped = unicodedata.normalize("NFC", chr(cp))
            if len(mapped) == 1 and mapped != chr(cp):
                table[cp] = mapped
    data = resources.files("sq_nlp.language").joinpath("data", "radicals.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            source, target = line.split("\t")[:2]
            table[int(source, 16)] = chr(int(target, 16))
    # Two (three) em dashes set as one glyph, U+2E3A (U+2E3B): read as one em
    # dash, so the length stays; layout takes a leading em dash as the —— opener.
    table[0x2E3A] = table[0x2E3B] = "\u2014"
    for cp in range(0x2E80, 0x2F00):  # the two supplement radicals Unicode decomposes
        mapped = unicodedata.normalize("NFKC", chr(cp))
        if len(mapped) == 1 and mapped != chr(cp):
            table.setdefault(cp, mapped)
    return table


def normalize_chars(text: str) -> str:
    """``text`` with radicals and compatibility ideographs as the unified
    ideographs they stand for, and control characters (other than tab,
    newlines and form feed) as spaces. Same length as ``text``.

    >>> normalize_chars("⼈⺠\\x01政府")
    '人民 政府'
    """
    if not NEEDS_NORMALIZING.search(text):
        return text
    return text.translate(char_table())


#: The control characters that stand for a space (see :func:`normalize_chars`).
SPACE_CONTROLS = re.compile(f"[{re.escape(_SPACE_CONTROLS)}]")
