"""Bytes of a text file -> ``(text, encoding)``, detected from the bytes alone.

The order of attempts, and why:

1. Byte-order marks (UTF-8, UTF-32, UTF-16) are unambiguous, so they come first.
   UTF-32 is checked before UTF-16 because the UTF-32-LE mark starts with the
   UTF-16-LE one.
2. NUL bytes never occur in UTF-8 or GB18030 text, but every ASCII character
   (digits, newlines) of UTF-16 text carries one. So a file with NUL bytes is
   tried as UTF-16 without a mark (both byte orders; the wrong order yields
   surrogates, unassigned or rare characters and loses), and is binary otherwise.
3. Strict UTF-8: its multi-byte sequences are self-checking, so text in another
   encoding almost never decodes as UTF-8 by chance; a success is conclusive.
   For the same reason, bytes that are valid UTF-8 but for a cut at the very end
   or one bad sequence per 20 good characters are damaged UTF-8 (reported as
   such), not another encoding.
4. GBK, then GB18030 (its superset). GB18030 decodes almost any byte string
   (Big5, mis-saved UTF-8 ...), so success alone proves nothing: the Chinese
   characters it yields must be mostly common ones. The test uses GB2312 level 1
   (the 3,755 most common characters; real reports: 99.8 % or more of their
   characters), which mis-decoded bytes miss by a wide margin.
5. Only then charset-normalizer, for what the strict attempts leave open
   (Big5, Shift-JIS ...). Its multi-byte answers are accepted if they look
   like text; a single-byte code page is refused, since any bytes decode in
   one (a truncated UTF-8 file "is" cp1251), so the guess proves nothing.

Every decoded result must pass :func:`garbage_share`: control, private-use,
unassigned and replacement characters are rare in real text.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

from sq_nlp.errors import InputError

log = logging.getLogger(__name__)

#: A decoded text with more than this share of control/private-use/unassigned
#: characters (among non-space characters) is garbage, not a report.
MAX_GARBAGE_SHARE = 0.01
#: A GB18030 reading whose CJK characters are less than this share common
#: (GB2312 level 1) is a mis-decoding.
MIN_COMMON_CJK_SHARE = 0.9
#: Raw control bytes (other than tab, newlines, form feed, ESC) above this share
#: make a file binary.
MAX_CONTROL_BYTE_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")
_OK_CONTROLS = frozenset("\t\n\v\f\r\x1b\x1c\x1d\x1e\x85")
_BAD_CATEGORIES = frozenset(("Cc", "Cs", "Co", "Cn"))
# Zero-width characters count as whitespace, as \s does (str.split() splits at what \s matches).
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Ranges that hold no control, private-use or unassigned code point (Unicode
# 14, Python 3.11's tables): ASCII, Latin-1 letters, punctuation, CJK.
_PLAIN = re.compile(
    r"[\s\x20-\x7e\u00a0-\u00ff\u2010-\u2064\u3000-\u303f\u3400-\u4dbf\u4e00-\u9ffc\uff01-\uffbe"
    r"\u200b-\u200d\u2060\ufeff]+"
)


def _is_bad(ch: str) -> bool:
    if ch in _OK_CONTROLS:
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in _BAD_CATEGORIES


def garbage_share(text: str, *, controls_as_spaces: bool = False) -> float:
    """Share of control, private-use, unassigned, surrogate and U+FFFD characters.

    Counted among the characters that are not whitespace; 0.0 for blank text.
    ``controls_as_spaces`` counts control characters as whitespace (text
    layers of PDFs put them where spaces were).
    """
    if controls_as_spaces:
        text = _CONTROLS.sub(" ", text)
    # Counted without building the text without them (str.split() keeps
    # zero-width characters inside its pieces: they are taken off apart).
    n = sum(map(len, text.split())) - sum(map(text.count, _ZERO_WIDTH))
    if not n:
        return 0.0
    # Only what the fast C pass leaves over needs a per-character look.
    bad = sum(1 for ch in _PLAIN.sub("", text) if _is_bad(ch))
    return bad / n


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0003134f"


def common_cjk_share(text: str) -> tuple[int, float]:
    """``(number of CJK ideographs, share of them in GB2312 level 1)``.

    GB2312 level 1 holds the 3,755 most frequent simplified characters (lead
    bytes 0xB0-0xD7); the share is 1.0 when the text has no ideographs.
    """
    n = sum(map(len, _CJK_RUN.findall(text)))
    common = sum(map(len, _level1_run().findall(text)))
    return n, (common / n if n else 1.0)


_CJK_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f]+")


@lru_cache(maxsize=1)
def _level1_run() -> re.Pattern[str]:
    """Runs of GB2312 level-1 ideographs (a character class, matched in C)."""
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                ch = bytes((lead, trail)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if _is_cjk(ch):
                chars.append(ch)
    return re.compile("[" + "".join(chars) + "]+")


def _line_col(data: bytes, pos: int) -> str:
    line = data.count(b"\n", 0, pos) + 1
    return f"byte {pos} (line {line})"


def _check_garbage(text: str, encoding: str, path: object) -> None:
    share = garbage_share(text)
    if share > MAX_GARBAGE_SHARE:
        raise InputError(
            path,
            f"decodes to garbage: as {encoding}, {share:.1%} of its characters are control, "
            "private-use or unassigned characters; is it really a text file?",
        )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """The best plausible UTF-16 reading of BOM-less bytes, or None."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if garbage_share(text) > MAX_GARBAGE_SHARE:
            continue
        # Score the reading by how few rare characters it has: the wrong byte
        # order turns ASCII into CJK Extension A / unassigned code points.
        n, common = common_cjk_share(text)
        ascii_share = sum(1 for c in text if c < "\x80") / len(text)
        score = common * (n / len(text)) + ascii_share
        if best is None or score > best[0]:
            best = (score, text, enc)
    return (best[1], best[2]) if best else None


def _damage(data: bytes, encoding: str) -> tuple[int, int]:
    """``(valid non-ASCII characters, invalid sequences)`` when ``data`` is read as ``encoding``."""
    text = data.decode(encoding, errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode(encoding))
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")  # non-ASCII, less U+FFFD
    return valid, max(invalid, 0)


def decode_text(data: bytes, path: object = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text file; returns ``(text, encoding)``.

    ``encoding`` is one of ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``,
    ``utf-16-be``, ``utf-32``, ``gbk``, ``gb18030`` or what charset-normalizer
    found (``big5`` ...). A BOM is not part of the text; nothing else is dropped.
    Raises :class:`InputError` naming ``path`` for empty, binary, damaged or
    garbage input. See the module docstring for the order of attempts.
    """
    if not data:
        raise InputError(path, "the file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"starts with a {enc} byte-order mark but is not valid {enc} "
                    f"({exc.reason} at {_line_col(data, exc.start)}); truncated or damaged?"
                ) from None
            _check_garbage(text, enc, path)
            return text, enc
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise InputError(path, f"binary file, not text: {data.count(0)} NUL byte(s), the first at "
                             f"{_line_col(data, data.index(0))}, and it is not UTF-16 text")
        return found
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control / len(data) > MAX_CONTROL_BYTE_SHARE:
        raise InputError(path, f"binary file, not text ({control / len(data):.1%} control bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc, path)
    else:
        _check_garbage(text, "utf-8", path)
        return text, "utf-8"
    for enc in ("gbk", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        n, common = common_cjk_share(text)
        if garbage_share(text) <= MAX_GARBAGE_SHARE and common >= MIN_COMMON_CJK_SHARE:
            return text, enc
        log.debug("%s: %s reading rejected (%d CJK, %.1f%% common)", path, enc, n, 100 * common)
        break  # gb18030 reads GBK bytes identically: no second chance
    else:
        _refuse_damaged_gb18030(data, path)
    return _detect_other(data, path)


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, path: object) -> None:
    """Raise when bytes that fail strict UTF-8 are still UTF-8, only damaged.

    Text in another encoding forms valid multi-byte UTF-8 only by rare chance,
    so valid sequences before a cut at the very end, or 20 valid characters
    for each invalid sequence, mean UTF-8 that is truncated or corrupted.
    """
    valid, invalid = _damage(data, "utf-8")
    at = _line_col(data, exc.start)
    if exc.reason == "unexpected end of data" and exc.end >= len(data) and valid >= 2 and invalid == 1:
        raise InputError(path, f"truncated UTF-8: the file ends inside a character at {at}; "
                         "it was cut short (an interrupted download or copy?)") from None
    if valid >= 20 * invalid:
        raise InputError(path, f"invalid UTF-8 ({exc.reason}) at {at}: {invalid} bad sequence(s) in "
                         "otherwise valid UTF-8 text; the file is damaged or mixes encodings") from None


def _refuse_damaged_gb18030(data: bytes, path: object) -> None:
    """Raise when bytes that fail strict GB18030 read as common Chinese apart from a few bad bytes."""
    valid, invalid = _damage(data, "gb18030")
    if valid < 20 * invalid:
        return
    text = data.decode("gb18030", errors="replace")
    n, common = common_cjk_share(text)
    if n and common >= MIN_COMMON_CJK_SHARE:
        first = text.index("\ufffd")
        raise InputError(path, f"damaged GBK/GB18030 text: {invalid} invalid byte sequence(s), the first "
                         f"at character {first}; the file was cut short or corrupted")


def _detect_other(data: bytes, path: object) -> tuple[str, str]:
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    match = from_bytes(data).best()
    if match is None or match.encoding is None:
        raise InputError(path, "decodes to garbage: not UTF-8, GBK/GB18030, UTF-16 or any known encoding")
    enc = match.encoding
    if enc.replace("_", "").lower() in {"gb18030", "gbk", "gb2312", "cp936"}:
        raise InputError(path, "decodes to garbage: as GB18030 it gives mostly rare characters; "
                         "is it damaged, or in another encoding?")
    if not is_multi_byte_encoding(enc):
        # A single-byte code page decodes any bytes at all, so the guess is no
        # evidence; a Chinese report is never in one.
        raise InputError(path, f"not UTF-8, GBK/GB18030 or UTF-16 text; the best guess is the single-byte "
                         f"code page {enc}, which is not a report encoding: save the file as UTF-8")
    text = str(match)
    _check_garbage(text, enc, path)
    log.info("%s: encoding %s detected by charset-normalizer", path, enc)
    return text, enc
