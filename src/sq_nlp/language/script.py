"""Simplified or Traditional Chinese, and the Simplified text the analysis reads.

Every later stage (segmentation, numbers, figures, slogans, metadata) is
written for Simplified Chinese. A report in Traditional characters (UTF-8 or
Big5) is read through a Simplified view of its text: OpenCC's Traditional to
Simplified conversion (``opencc-purepy``, phrases first, then characters). The
view has the same length as the raw text, character for character, so every
offset into it is an offset into the raw text; where a conversion would
change the length, that stretch is converted character by character, and a
character whose conversion is longer than one stays as written.

Which script a text is in: characters that only Traditional writing uses
(OpenCC converts them, and GB2312, the Simplified character set, lacks them:
們 為 於 後) against characters that only Simplified writing uses (OpenCC
converts them the other way, and Big5, the Traditional set, lacks them:
们 为 后). A Simplified report quoting a Traditional name stays Simplified.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from sq_nlp.language.chars import normalize_chars

Script = Literal["simplified", "traditional"]

#: Share of a text's ideographs that must be Traditional-only for the text
#: to be Traditional (and more of them than Simplified-only ones): a few
#: quoted names do not make a report Traditional.
MIN_TRADITIONAL_SHARE = 0.02

_IDEOGRAPH_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    from opencc_purepy import OpenCC

    return OpenCC(config)


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def derive_script_tables() -> dict[str, list[int]]:
    """The code points of Traditional-only and of Simplified-only ideographs
    (see the module docstring), derived from OpenCC's tables and the two
    character sets: what ``data/script_tables.json`` ships
    (``scripts/make_script_tables.py`` writes it; a test checks it against
    the OpenCC installed)."""
    chars = [chr(cp) for lo, hi in _IDEOGRAPH_RANGES for cp in range(lo, hi + 1)]
    joined = "\n".join(chars)  # one character a line: no phrase spans two
    to_simp = _converter("t2s").convert(joined).split("\n")
    to_trad = _converter("s2t").convert(joined).split("\n")
    trad = [ord(c) for c, s in zip(chars, to_simp) if s != c and len(s) == 1 and not _encodable(c, "gb2312")]
    simp = [ord(c) for c, t in zip(chars, to_trad) if t != c and not _encodable(c, "big5")]
    return {"traditional": trad, "simplified": simp}


@lru_cache(maxsize=1)
def _script_tables() -> dict[str, list[int]]:
    """:func:`derive_script_tables` as shipped: deriving it runs OpenCC over
    every ideograph, a quarter of a second of every process that reads a report."""
    import json
    from importlib import resources

    return json.loads(resources.files("sq_nlp.language").joinpath("data", "script_tables.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _script_lookup() -> Any:
    """A byte per code point (numpy): 1 for a Traditional-only ideograph, 2
    for a Simplified-only one, 0 for the rest."""
    import numpy as np

    tables = _script_tables()
    lookup = np.zeros(0x110000, dtype=np.uint8)
    lookup[tables["simplified"]] = 2
    lookup[tables["traditional"]] = 1  # a character of both lists counts as Traditional
    return lookup


# Characters counted at a time: bounds the arrays a long text needs (4 bytes a character).
_CHUNK = 1 << 20


def detect_script(text: str) -> Script | None:
    """``"traditional"``, ``"simplified"``, or None for text without ideographs."""
    import numpy as np

    lookup = _script_lookup()
    ideographs = trad = simp = 0
    # Every character is counted (a few quoted names must not tip a report),
    # in one vectorised pass: a Python loop over the characters cost more
    # than the rest of layout repair.
    for i in range(0, len(text), _CHUNK):
        points = np.frombuffer(text[i:i + _CHUNK].encode("utf-32-le", "surrogatepass"), dtype="<u4")
        kinds = np.bincount(lookup[points], minlength=3)
        ideographs += int(np.count_nonzero(points >= 0x3400))
        trad += int(kinds[1])
        simp += int(kinds[2])
    if not ideographs:
        return None
    if trad > simp and trad >= MIN_TRADITIONAL_SHARE * ideographs:
        return "traditional"
    return "simplified"


def to_simplified(text: str) -> str:
    """Traditional ``text`` in Simplified characters, of the same length."""
    cc = _converter("t2s")
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        converted = cc.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c) == 1 else ch for ch, c in ((ch, cc.convert(ch)) for ch in line))
        out.append(converted)
    return "".join(out)


def analysis_text(raw: str, script: str | None = None) -> str:
    """The text the analysis reads: :func:`~sq_nlp.language.chars.normalize_chars`,
    then, for Traditional text, :func:`to_simplified`. Same length as ``raw``.
    ``script`` None detects it. (Simplified text keeps its few Traditional
    characters: in a Simplified report they are names, 濛溪河.)"""
    text = normalize_chars(raw)
    if script is None:
        script = detect_script(text)
    if script == "traditional":
        return to_simplified(text)
    return text
