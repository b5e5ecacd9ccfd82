"""Compact encodings of what the store keeps beside the text (pure functions).

The store holds every text once: the repaired text of each block. Everything
else points into it or is rebuilt from it:

* a block's ``offsets`` (raw index of each character) as runs of consecutive
  raw indexes (:func:`encode_offsets`);
* a block's tokens as a bitmap over its characters, one bit where a token
  starts (:func:`encode_tokens`); blocks whose tokens do not tile the text
  keep the tokens as space-joined text instead;
* a document's raw text as the blocks' characters put back at their offsets
  plus the few characters no block holds as written (line breaks, spaces,
  zero-width characters, full-width digits folded by layout repair):
  :func:`text_residue` and :func:`compose_text`;
* a slogan's spans as varint deltas (:func:`encode_ints`).

Integers are LEB128 varints of zigzag-coded deltas, so small steps take one
byte and any sequence (negative, decreasing) still round-trips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import accumulate

from sq_nlp.records import counting

# -- varints ------------------------------------------------------------------------


def _zigzag(n: int) -> int:
    return n << 1 if n >= 0 else ((-n) << 1) - 1


def _unzigzag(z: int) -> int:
    return z >> 1 if not z & 1 else -((z + 1) >> 1)


def encode_varints(values: Iterable[int]) -> bytes:
    """Integers (any sign) as zigzag LEB128 varints."""
    out = bytearray()
    for v in values:
        z = v << 1 if v >= 0 else ((-v) << 1) - 1  # _zigzag, inlined: this runs for every block
        while z >= 0x80:
            out.append((z & 0x7F) | 0x80)
            z >>= 7
        out.append(z)
    return bytes(out)


def decode_varints(data: bytes) -> list[int]:
    """Inverse of :func:`encode_varints`."""
    out: list[int] = []
    z = shift = 0
    for byte in data:
        if byte < 0x80 and not shift:  # the common one-byte case
            out.append(byte >> 1 if not byte & 1 else -((byte + 1) >> 1))
            continue
        z |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        out.append(_unzigzag(z))
        z = shift = 0
    if shift:
        raise ValueError("truncated varint data")
    return out


def encode_ints(values: Sequence[int]) -> bytes:
    """A sequence of integers as varints of the differences between neighbours."""
    prev, deltas = 0, []
    for v in values:
        deltas.append(v - prev)
        prev = v
    return encode_varints(deltas)


def decode_ints(data: bytes) -> list[int]:
    """Inverse of :func:`encode_ints`."""
    return list(accumulate(decode_varints(data)))


# -- offsets -------------------------------------------------------------------------


def offset_runs(offsets: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(text_index, raw_index, length)`` of each stretch of consecutive raw indexes."""
    n = len(offsets)
    if n and offsets[-1] - offsets[0] == n - 1 and offsets[0] >= 0 and tuple(offsets) == counting(offsets[0], offsets[0] + n):
        return [(0, offsets[0], n)]  # one stretch: most blocks
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i < n:
        # Binary search for the end of the run starting at i: exact when the
        # offsets increase strictly, as layout repair makes them; the check
        # below falls back to a linear scan where they do not.
        r, lo, hi = offsets[i], i, n - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offsets[mid] - r == mid - i:
                lo = mid
            else:
                hi = mid - 1
        runs.append((i, r, lo - i + 1))
        i = lo + 1
    # counting() gives the very int objects layout repair's offsets hold, so
    # the comparison stops at identity for each (new ints compare by value)
    if not all(tuple(offsets[i:i + length]) == (counting(r, r + length) if r >= 0 else tuple(range(r, r + length)))
               for i, r, length in runs):
        runs = _runs_linear(offsets)
    return runs


def _runs_linear(offsets: Sequence[int]) -> list[tuple[int, int, int]]:
    runs: list[list[int]] = []
    for i, raw in enumerate(offsets):
        if runs and runs[-1][1] + runs[-1][2] == raw:
            runs[-1][2] += 1
        else:
            runs.append([i, raw, 1])
    return [(i, r, length) for i, r, length in runs]


Runs = Sequence[tuple[int, int, int]]


def encode_offsets(offsets: Sequence[int], runs: Runs | None = None) -> bytes:
    """Offsets as varints ``(raw start - end of the previous run, length)`` per
    run: repaired text maps to the raw text in long stretches, so a block of
    thousands of characters usually takes a few bytes. ``runs`` are the
    offsets' :func:`offset_runs`, when the caller has them already."""
    values: list[int] = []
    end = 0
    for _, raw, length in (offset_runs(offsets) if runs is None else runs):
        values += (raw - end, length)
        end = raw + length
    return encode_varints(values)


def decode_offsets(data: bytes) -> tuple[int, ...]:
    """Inverse of :func:`encode_offsets`."""
    values = decode_varints(data)
    out: list[int] = []
    end = 0
    for k in range(0, len(values), 2):
        start = end + values[k]
        end = start + values[k + 1]
        out.extend(range(start, end))
    return tuple(out)


# -- tokens --------------------------------------------------------------------------

_SPACE = re.compile(r"\s")


def _has_space(text: str) -> bool:
    """Whether ``text`` holds whitespace (``\\s``). Every whitespace character
    but the space itself is unprintable, so a printable text without a space
    has none: two C-speed scans spare nearly every block the regex's slower one."""
    return not (text.isprintable() and " " not in text) and _SPACE.search(text) is not None


_BIT_POSITIONS = tuple(tuple(i for i in range(8) if byte >> i & 1) for byte in range(256))


def _token_widths(text: str, tokens: Sequence[str]) -> tuple[int, list[int]] | None:
    """``(start of the first token, distance from each token's start to the
    next one's or to the end)``, when the tokens (none empty, none holding
    whitespace) tile ``text`` in order with only whitespace between them;
    None otherwise."""
    if not all(tokens):
        return None
    joined = "".join(tokens)
    if joined == text:  # the common case: no whitespace at all
        return 0, list(map(len, tokens))
    if _SPACE.search(joined) or joined != "".join(text.split()):
        return None
    if not tokens:
        return 0, []
    # Map indexes of the text without whitespace to indexes of the text.
    ink = [i for i, c in enumerate(text) if not c.isspace()]
    starts = [ink[s] for s in accumulate(map(len, tokens[:-1]), initial=0)]
    widths = [b - a for a, b in zip(starts, starts[1:])]
    widths.append(len(text) - starts[-1])
    return starts[0], widths


def token_starts(text: str, tokens: Sequence[str]) -> list[int] | None:
    """Where each token starts in ``text``, when the tokens (none empty, none
    holding whitespace) tile it in order with only whitespace between them;
    None otherwise."""
    found = _token_widths(text, tokens)
    if found is None:
        return None
    lead, widths = found
    return list(accumulate(widths[:-1], initial=lead)) if widths else []


_MARKS = ("", *("0" * (n - 1) + "1" for n in range(1, 64)))


def encode_tokens(text: str, tokens: Sequence[str], *, tiling: bool = False) -> bytes | str:
    """Tokens of a block: a bitmap over the text (bit ``i`` set where a token
    starts at character ``i``), or, when the tokens do not tile the text, the
    tokens space-joined (a str). ``tiling``: the caller has checked that the
    tokens, none empty, join to ``text`` exactly (the check is then skipped)."""
    found = (0, list(map(len, tokens))) if tiling else _token_widths(text, tokens)
    if found is None:
        return " ".join(tokens)
    lead, widths = found
    size = (len(text) + 7) // 8
    if not widths:
        return bytes(size)
    # Each token's stretch (to the next start) as zeros and a "1", written
    # from the last token back (most significant bit first), so the string
    # reads as one integer as it stands.
    rev = reversed(widths)
    marks = map(_MARKS.__getitem__, rev) if max(widths) < 64 else ("0" * (w - 1) + "1" for w in rev)
    return int("".join(marks) + "0" * lead, 2).to_bytes(size, "little")


def index_words(text: str, tokens: Sequence[str]) -> tuple[str, bytes | str]:
    """A block's tokens space-joined for the full-text index (whitespace
    dropped), and encoded for the store (:func:`encode_tokens`)."""
    joined = " ".join(tokens)
    if all(tokens) and "".join(tokens) == text and not _has_space(text):
        return joined, encode_tokens(text, tokens, tiling=True)  # the common case: nothing to drop
    toks = joined.split()
    return (joined if len(toks) == len(tokens) else " ".join(toks)), encode_tokens(text, toks)


def index_blocks(texts: Sequence[str], token_lists: Sequence[Sequence[str]]) -> list[tuple[str, bytes | str]]:
    """:func:`index_words` of every block of a document, in one pass over the
    document for the blocks whose tokens tile a text without whitespace (what
    a segmenter gives): each block's tokens joined once and these put
    together, the tokens' starts found by numpy and the bitmaps packed
    together, not token by token."""
    if len(texts) != len(token_lists):
        raise ValueError(f"{len(token_lists)} token lists for {len(texts)} texts")
    plain = [i for i, text in enumerate(texts) if not _has_space(text)]
    found = _tiled_many([texts[i] for i in plain], [token_lists[i] for i in plain]) if plain else None
    out: list[tuple[str, bytes | str] | None] = [None] * len(texts)
    if found is not None:
        for i, item in zip(plain, found):
            out[i] = item
    return [index_words(text, tokens) if item is None else item
            for text, tokens, item in zip(texts, token_lists, out)]


def _tiled_many(texts: Sequence[str], token_lists: Sequence[Sequence[str]]) -> list[tuple[str, bytes]] | None:
    """``(space-joined tokens, bitmap)`` of each text, when every text's tokens
    (none empty) join to it exactly; None otherwise. The texts hold no whitespace."""
    import numpy as np

    counts = np.fromiter(map(len, token_lists), np.int64, len(token_lists))
    n_tokens = int(counts.sum())
    # Each text's tokens space-joined (what the index is fed), then these
    # joined in turn: every token in one string, as if joined one by one (a
    # text without tokens adds nothing; one of a single empty token drops a
    # space, which the count of spaces below refuses).
    words = list(map(" ".join, token_lists))
    joined = " ".join(filter(None, words))
    if n_tokens == 0:
        return None
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)  # a PDF may leave lone halves
    space = codes == 32
    spaces = np.flatnonzero(space)
    if len(spaces) != n_tokens - 1:
        return None  # a token holds a space
    # The tokens' characters (``joined`` without its spaces) must be the texts'
    # (compared as code points: two thirds of the time of str.replace and ==).
    chars = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), np.uint32)
    if not np.array_equal(codes[~space], chars):
        return None  # the tokens are not the texts
    starts = np.empty(n_tokens, np.int64)  # of each token in ``joined``
    starts[0] = 0
    starts[1:] = spaces + 1
    ends = np.empty(n_tokens, np.int64)
    ends[:-1] = spaces
    ends[-1] = len(joined)
    if (ends <= starts).any():
        return None  # an empty token
    at = starts - np.arange(n_tokens)  # each token's start in the texts put together
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    base = np.cumsum(lengths) - lengths  # each text's start in the texts put together
    first = np.cumsum(counts) - counts  # each text's first token
    has = counts > 0
    # Every text with characters has tokens, and its first token starts where
    # it starts: with the tokens joined equal to the texts, each text's
    # tokens then join to it.
    if (lengths[~has] > 0).any() or (at[first[has]] != base[has]).any():
        return None
    size = (lengths + 7) // 8  # bytes of each bitmap
    byte_base = np.cumsum(size) - size
    bits = np.zeros(int(size.sum()) * 8, np.bool_)
    # each token's bit: its start in its text, plus its text's first bit
    bits[at + np.repeat(byte_base * 8 - base, counts)] = True
    packed = np.packbits(bits, bitorder="little").tobytes()
    return [(w, packed[k:k + n]) for w, k, n in zip(words, byte_base.tolist(), size.tolist())]


def decode_tokens(text: str, data: bytes | str | None) -> tuple[str, ...]:
    """Inverse of :func:`encode_tokens` (whitespace between tokens dropped)."""
    if not data:
        return ()
    if isinstance(data, str):
        return tuple(data.split())
    cuts = [0]
    base = 0
    for byte in data:
        if byte:
            cuts.extend([base + i for i in _BIT_POSITIONS[byte]])
        base += 8
    cuts.append(len(text))
    if cuts[1] == 0:
        del cuts[0]
    pieces = [text[a:b] for a, b in zip(cuts, cuts[1:])]
    if _has_space(text):
        return tuple(w for piece in pieces for w in piece.split())
    return tuple(pieces)


# -- the raw text ----------------------------------------------------------------------


def decode_runs(data: bytes) -> list[tuple[int, int, int]]:
    """The :func:`offset_runs` of encoded offsets (without expanding them)."""
    values = decode_varints(data)
    runs = []
    i = end = 0
    for k in range(0, len(values), 2):
        start = end + values[k]
        end = start + values[k + 1]
        runs.append((i, start, values[k + 1]))
        i += values[k + 1]
    return runs


def _placed(length: int, blocks: Iterable[tuple[str, Runs]], fill: str) -> str:
    """A text of ``length`` characters: each block's characters at their raw
    offsets (``blocks`` are ``(text, offset runs)``), ``fill`` where no block
    stands. Runs in order and apart (as layout repair makes them) are joined
    as slices; anything else is placed character by character."""
    runs = [(raw, text, i, n) for text, block_runs in blocks for i, raw, n in block_runs]
    pieces: list[str] = []
    pos = 0
    for raw, text, i, n in runs:
        if raw < pos or raw + n > length:
            break
        if raw > pos:
            pieces.append(fill * (raw - pos))
        pieces.append(text[i:i + n])
        pos = raw + n
    else:
        pieces.append(fill * (length - pos))
        return "".join(pieces)
    out = [fill] * length
    for raw, text, i, n in runs:
        for k in range(n):
            if 0 <= raw + k < length:
                out[raw + k] = text[i + k]
    return "".join(out)


def text_residue(raw: str, blocks: Sequence[tuple[str, Runs]]) -> tuple[str, bytes]:
    """What the raw text holds beyond its blocks' characters: ``(characters,
    positions)``, the characters of every stretch where the raw text differs
    from the blocks' characters put at their offsets (or where no block
    stands), and varints ``(gap since the previous stretch, length)`` per
    stretch. ``blocks`` are ``(text, offset runs)``. :func:`compose_text` puts
    the raw text back together. Where the runs stand in order and apart (as
    layout repair makes them) it does so by construction: every character
    outside the stretches lies in a run whose characters were found equal to
    the raw text's. Otherwise the result is checked, and a text that would
    not come back whole is kept whole."""
    n = len(raw)
    stretches = _stretches_by_run(raw, blocks)
    check = stretches is None
    if stretches is None:  # runs out of order or overlapping: compare character by character
        hole = next(c for c in ("\x00", "\uffff", "\U0010ffff", "\ue000") if c not in raw)
        stretches = _stretches_by_text(raw, _placed(n, blocks, hole))
    chars: list[str] = []
    at: list[int] = []
    end = 0
    for j, k in stretches:
        chars.append(raw[j:k])
        at += (j - end, k - j)
        end = k
    rest, rest_at = "".join(chars), encode_varints(at)
    if check and compose_text(n, blocks, rest, rest_at) != raw:
        return raw, encode_varints((0, n))
    return rest, rest_at


def _stretches_by_run(raw: str, blocks: Sequence[tuple[str, Runs]]) -> list[tuple[int, int]] | None:
    """Where the raw text differs from its blocks, run by run: the gaps between
    runs, and inside a run the characters layout repair changed (folded
    digits). None when the runs are not in order and apart."""
    out: list[tuple[int, int]] = []

    def add(j: int, k: int) -> None:
        if out and out[-1][1] == j:
            out[-1] = (out[-1][0], k)
        else:
            out.append((j, k))

    pos, n = 0, len(raw)
    for text, runs in blocks:
        for i, r, length in runs:
            if r < pos or r + length > n:
                return None
            if r > pos:
                add(pos, r)
            # startswith compares in place: no copy of the raw stretch (nor of
            # the text when the run is the whole block, as in most blocks)
            if not raw.startswith(text if i == 0 and length == len(text) else text[i:i + length], r):
                k = 0
                while k < length:
                    if text[i + k] != raw[r + k]:
                        e = k + 1
                        while e < length and text[i + e] != raw[r + e]:
                            e += 1
                        add(r + k, r + e)
                        k = e
                    else:
                        k += 1
            pos = r + length
    if pos < n:
        add(pos, n)
    return out


def _stretches_by_text(raw: str, placed: str) -> list[tuple[int, int]]:
    """Where ``raw`` and ``placed`` differ, as ``(start, end)`` stretches."""
    out = []
    i, n = 0, len(raw)
    while i < n:
        j = _common_prefix(raw, placed, i)
        if j >= n:
            break
        k = j + 1
        while k < n and placed[k] != raw[k]:
            k += 1
        out.append((j, k))
        i = k
    return out


def _common_prefix(a: str, b: str, i: int) -> int:
    """The first index ``>= i`` where ``a`` and ``b`` differ (``len(a)`` if none);
    galloping, so the cost follows the distance, not the length of the text."""
    n, lo, step = len(a), i, 32
    while lo < n:
        hi = min(n, lo + step)
        if a[lo:hi] == b[lo:hi]:
            lo, step = hi, step * 2
            continue
        while hi - lo > 1:  # a[lo:hi] differs somewhere
            mid = (lo + hi) // 2
            if a[lo:mid] == b[lo:mid]:
                lo = mid
            else:
                hi = mid
        return lo
    return n


def compose_text(length: int, blocks: Iterable[tuple[str, Runs]], rest: str, rest_at: bytes) -> str:
    """The raw text of ``length`` characters from its blocks (``(text, offset
    runs)``) and its residue (see :func:`text_residue`)."""
    placed = _placed(length, blocks, "\x00")
    values = decode_varints(rest_at)
    pieces: list[str] = []
    pos = prev = end = 0
    for k in range(0, len(values), 2):
        start = end + values[k]
        end = start + values[k + 1]
        pieces += (placed[prev:start], rest[pos:pos + values[k + 1]])
        pos += values[k + 1]
        prev = end
    pieces.append(placed[prev:])
    return "".join(pieces)
