"""The full-text index's text: tokens split and folded as FTS5's unicode61 would.

The index (FTS5, ``blocks_fts``) holds the Segmenter's tokens of each block.
FTS5's default tokenizer, unicode61, splits text at every character Unicode
calls punctuation, a symbol or a space, and folds case and diacritics (É is
e), looking every character up in its tables: for Chinese text, where
almost no character needs it, a third of what building the index costs
(1.57 s of SQLite's time against 1.09 s with ascii over the 20 MB bench
corpus). The store does that work here instead, for a whole document at a
time by one numpy table lookup a character (0.09 s), and the index uses
FTS5's ``ascii`` tokenizer, which only splits at ASCII characters other than
letters and digits (the spaces put in) and folds A-Z: it reads from
:func:`index_texts` the very tokens, at the very positions, that unicode61
reads from the tokens as they are, so the index, every search and every rank
are the same as with unicode61.

How unicode61 treats each character is read from SQLite itself
(:func:`derive_unicode61`; ``scripts/make_unicode61_table.py`` writes it to
``data/unicode61.json``, and a test checks it against the SQLite the tests run
on). In unicode61 (fts5_tokenize.c), a character is one of three kinds:

* a separator: never part of a token;
* a diacritic (a combining mark): continues the token before it, adding its
  folded form (nothing, as diacritics are removed), and separates where no
  token is open;
* anything else: a token character, folded to one character (itself, mostly).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["index_texts", "derive_unicode61"]

_MAX_CODE = 0x110000
# Marks a diacritic in the lookup table: above every code point, so one max() finds it.
_DIACRITIC = 0xFFFFFFFF


@lru_cache(maxsize=None)
def _unicode61() -> dict[str, Any]:
    data = resources.files("sq_nlp.store").joinpath("data", "unicode61.json").read_text(encoding="utf-8")
    return json.loads(data)


def _code_points(ranges: Iterable[Sequence[int]]) -> Iterable[int]:
    for first, last in ranges:
        yield from range(first, last + 1)


@lru_cache(maxsize=None)
def _table() -> Any:
    """Each code point's character as the ascii tokenizer must see it: a space
    for a separator, the folded character for a token character,
    :data:`_DIACRITIC` for a diacritic (whose effect depends on what precedes it)."""
    import numpy as np

    data = _unicode61()
    table = np.arange(_MAX_CODE, dtype=np.uint32)
    table[np.fromiter(_code_points(data["separators"]), np.int64)] = ord(" ")
    table[np.fromiter(_code_points(data["diacritics"]), np.int64)] = _DIACRITIC
    folds = data["folds"]
    table[np.array([c for c, _ in folds], np.int64)] = np.array([f for _, f in folds], np.uint32)
    return table


@lru_cache(maxsize=None)
def _kinds() -> tuple[frozenset[str], dict[str, str]]:
    """The separators and diacritics' folds (most are removed: ""), as characters."""
    data = _unicode61()
    separators = frozenset(map(chr, _code_points(data["separators"])))
    diacritics = {chr(c): chr(f) if f else "" for c, f in data["diacritic_folds"]}
    return separators, diacritics


def _tokens(text: str) -> str:
    """unicode61's tokens of ``text``, space-joined: character by character,
    as fts5_tokenize.c reads it (for the rare texts holding a diacritic)."""
    separators, diacritics = _kinds()
    table = _table()
    tokens: list[list[str]] = []
    open_token = False
    for ch in text:
        if ch in separators:
            open_token = False
        elif ch in diacritics:
            if open_token:  # a diacritic continues a token but never starts one
                tokens[-1].append(diacritics[ch])
        else:
            if not open_token:
                tokens.append([])
                open_token = True
            tokens[-1].append(chr(table[ord(ch)]))
    return " ".join("".join(t) for t in tokens)


def index_texts(texts: Sequence[str]) -> list[str]:
    """Each text (space-joined tokens) as the index's ascii tokenizer must read
    it to find the tokens unicode61 finds in it (see the module docstring).

    All texts are looked up at once, their characters through one table by
    numpy (a separator becomes a space, a token character its folded form);
    a text holding a diacritic is read character by character instead."""
    import numpy as np

    joined = "".join(texts)
    if not joined:
        return list(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)  # a PDF may leave lone halves
    mapped = _table()[codes]
    ends = np.cumsum([len(t) for t in texts]).tolist()
    odd: set[int] = set()
    if int(mapped.max()) == _DIACRITIC:
        at = np.flatnonzero(mapped == _DIACRITIC)
        odd = set(np.searchsorted(ends, at, side="right").tolist())
        mapped[at] = ord(" ")  # those texts are read again below
    out = mapped.tobytes().decode("utf-32-le", "surrogatepass")
    pieces = [out[start:end] for start, end in zip([0, *ends], ends)]
    for i in odd:
        pieces[i] = _tokens(texts[i])
    return pieces


# -- reading unicode61 from SQLite ------------------------------------------------------


def derive_unicode61(code_points: Iterable[int] | None = None) -> dict[str, Any]:
    """How the linked SQLite's unicode61 tokenizer treats each code point
    (all but the surrogates by default), in the form of ``data/unicode61.json``:
    ranges of separators and of diacritics, the folds of token characters that
    do not fold to themselves, the folds of diacritics (0: removed). Each code
    point is tokenized alone (``c``: does it start a token?) and between two
    letters (``acb``: does it continue one?). A ValueError if a character fits
    none of the three kinds the module docstring names."""
    if code_points is None:
        code_points = (c for c in range(_MAX_CODE) if not 0xD800 <= c <= 0xDFFF)
    cps = list(code_points)
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")  # unicode61 with its defaults
        conn.execute("CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, 'instance')")
        with conn:
            conn.executemany("INSERT INTO probe (rowid, x) VALUES (?, ?)", ((c, f"{chr(c)} a{chr(c)}b") for c in cps))
        found: dict[int, list[tuple[int, str]]] = {}
        for doc, offset, term in conn.execute("SELECT doc, offset, term FROM probe_terms"):
            found.setdefault(doc, []).append((offset, term))
    finally:
        conn.close()
    separators, diacritics, folds, diacritic_folds = [], [], [], []
    for c in cps:
        terms = [t for _, t in sorted(found.get(c, []))]
        if terms == ["a", "b"]:
            separators.append(c)
        elif len(terms) == 2 and len(terms[0]) == 1 and terms[1] == f"a{terms[0]}b":
            if terms[0] != chr(c):
                folds.append([c, ord(terms[0])])
        elif len(terms) == 1 and len(terms[0]) in (2, 3) and terms[0][0] == "a" and terms[0][-1] == "b":
            diacritics.append(c)
            diacritic_folds.append([c, ord(terms[0][1]) if len(terms[0]) == 3 else 0])
        else:
            raise ValueError(f"unicode61 reads U+{c:04X} in a way this module does not model: {terms}")
    return {"sqlite_version": sqlite3.sqlite_version, "separators": _ranges(separators),
            "diacritics": _ranges(diacritics), "diacritic_folds": diacritic_folds, "folds": folds}


def _ranges(values: Sequence[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for v in values:
        if out and out[-1][1] == v - 1:
            out[-1][1] = v
        else:
            out.append([v, v])
    return out
