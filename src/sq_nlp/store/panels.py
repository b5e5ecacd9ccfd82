"""Attention panels: how much of each report goes to a theme.

A *dictionary* is one term group (生态环保, 科技创新 ...): terms, one a line,
with ``#`` comments and optional ``!PHRASE`` exclusions (a term found inside
PHRASE does not count there: 生态 in 政治生态). Five ship as package data
(``data/*.txt``, each with a note of how it was built from the reports);
any text file in the same format is a user dictionary, named by its
``# name:`` line or else by its file stem.

:func:`measure_rows` gives a tidy panel, one row per report and group, with
zeros for reports that never mention a group (a balanced panel):

* ``count``: mentions of the group. Terms are found by the one rule of
  :mod:`sq_nlp.store.terms` (inside longer words too, never straddling two
  words); where terms of the group overlap (科技创新 holds 科技 and 创新)
  the longest leftmost one is the mention, so no character counts twice.
* ``per_10k_chars``: mentions per 10,000 characters (letters and digits,
  Chinese characters included, of the report's own text: page chrome left
  out); ``per_1k_words``: per 1,000 words of the Segmenter.
* ``share_sentences``: the share of the report's sentences that mention the
  group (``sentences_with`` of ``sentences``).
* ``terms``: each term's own count (every occurrence of the term, also
  inside a longer term of the group: what ``sq-nlp timeline TERM`` counts).

With ``by="term"``, one row per report, group and term instead.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sq_nlp.errors import ConfigError
from sq_nlp.store.db import DEFAULT_DB
from sq_nlp.store.terms import (
    DB, TokenOwners, content_blocks, content_chars, find_hits, mentions, normalize_term, opened,
    in_order, per_10k, region_label, select, sentence_spans, word_count,
)

if TYPE_CHECKING:
    import pandas as pd

MEASURE_COLUMNS = ("region", "year", "period", "group", "count", "per_10k_chars", "per_1k_words",
                   "share_sentences", "sentences_with", "sentences", "chars", "words", "terms", "path", "doc_id")
TERM_COLUMNS = ("region", "year", "period", "group", "term", "count", "per_10k_chars", "chars", "path", "doc_id")
MEASURES = ("per_10k_chars", "per_1k_words", "share_sentences", "count")
OUTPUT_SUFFIXES = (".csv", ".parquet", ".json")

_NAME_LINE = re.compile(r"#\s*name\s*:\s*(.+)$", re.IGNORECASE)
_JIEBA_LINE = re.compile(r"\S+\s+\d+(?:\s+[A-Za-z]+)?")


@dataclass(frozen=True)
class Dictionary:
    """One term group: its ``name``, ``terms``, ``exclude`` phrases, where it
    came from (``source``: a shipped file's name or a user file's path) and
    the first line of its description."""

    name: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    source: str = ""
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {"name": self.name, "terms": list(self.terms), "exclude": list(self.exclude),
                "source": self.source, "description": self.description}


def parse_dictionary(text: str, *, name: str, source: str) -> Dictionary:
    """A dictionary from its text: one term a line, ``#`` comments (a
    ``# name: X`` line names it), ``!PHRASE`` exclusions. Errors name
    ``source`` and the line."""
    terms: list[str] = []
    exclude: list[str] = []
    description = ""
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip().lstrip("\ufeff")
        if line.startswith("#"):
            m = _NAME_LINE.match(line)
            if m:
                name = m.group(1).strip()
            elif not description and line.strip("# "):
                description = line.strip("# ")
            continue
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if _JIEBA_LINE.fullmatch(line):
            raise ConfigError(f"{source}:{lineno}: {line!r} looks like a jieba dictionary line "
                              "(word freq tag); write the term alone, one a line")
        negative = line.startswith("!")
        try:
            term = normalize_term(line[1:] if negative else line)
        except ConfigError:
            raise ConfigError(f"{source}:{lineno}: {line!r} holds no word; write one term a line") from None
        (exclude if negative else terms).append(term)
    if not terms:
        raise ConfigError(f"{source}: no term in the dictionary; write one term a line (# starts a comment)")
    if not name:
        raise ConfigError(f"{source}: the dictionary has no name; add a line '# name: 组名'")
    return Dictionary(name, tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(exclude)), source, description)


@lru_cache(maxsize=1)
def shipped_dictionaries() -> tuple[Dictionary, ...]:
    """The dictionaries shipped as package data, in a fixed order."""
    folder = resources.files("sq_nlp.store").joinpath("data")
    out = []
    for f in sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name):
        out.append(parse_dictionary(f.read_text(encoding="utf-8"), name=f.name[:-4], source=f.name))
    order = {"ecology": 0, "innovation": 1, "digital": 2, "welfare": 3, "security": 4}
    return tuple(sorted(out, key=lambda d: (order.get(d.source[:-4], 99), d.source)))


def load_dictionary(ref: str | Path) -> Dictionary:
    """A shipped dictionary by name (生态环保) or file stem (ecology), or a
    user dictionary file."""
    text = str(ref).strip()
    for d in shipped_dictionaries():
        if text in (d.name, d.source, d.source[:-4]) or text.casefold() == d.source[:-4].casefold():
            return d
    path = Path(text)
    if path.is_file():
        try:
            body = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: not UTF-8 text; save the dictionary as UTF-8, one term a line") from None
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
        return parse_dictionary(body, name=path.stem, source=str(path))
    names = "、".join(f"{d.name} ({d.source[:-4]})" for d in shipped_dictionaries())
    if path.is_dir():
        raise ConfigError(f"{path} is a folder; give a dictionary file (one term a line) or one of: {names}")
    raise ConfigError(f"no dictionary {text!r}: give a file (one term a line) or one of: {names}")


def resolve_dictionaries(refs: Sequence[str | Path] | None = None) -> list[Dictionary]:
    """The dictionaries named (every shipped one when none is, or for ``all``)."""
    if not refs:
        return list(shipped_dictionaries())
    out: list[Dictionary] = []
    for ref in refs:
        if str(ref).strip().casefold() == "all":
            out.extend(d for d in shipped_dictionaries() if d not in out)
            continue
        d = load_dictionary(ref)
        if any(o.name == d.name and o != d for o in out):
            raise ConfigError(f"two dictionaries are named {d.name!r} ({d.source}); "
                              "rename one with a '# name: ...' line")
        if d not in out:
            out.append(d)
    return out


def _as_dictionaries(dictionaries: Sequence[Dictionary | str | Path] | None) -> list[Dictionary]:
    if not dictionaries:
        return resolve_dictionaries(None)
    out: list[Dictionary] = []
    for d in dictionaries:
        for one in [d] if isinstance(d, Dictionary) else resolve_dictionaries([d]):
            if any(o.name == one.name and o != one for o in out):
                raise ConfigError(f"two dictionaries are named {one.name!r} ({one.source}); "
                                  "rename one with a '# name: ...' line")
            if one not in out:
                out.append(one)
    return out


def measure_rows(
    dictionaries: Sequence[Dictionary | str | Path] | None = None,
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    year: int | None = None,
    by: str = "group",
) -> list[dict[str, Any]]:
    """The attention panel (see the module docstring): one row per report
    and group (``by="group"``) or per report, group and term (``by="term"``),
    ordered by year, region and path. ``dictionaries`` are
    :class:`Dictionary` records, shipped names or files (default: every
    shipped one)."""
    if by not in ("group", "term"):
        raise ConfigError(f"unknown panel layout {by!r}; use 'group' or 'term'")
    dicts = _as_dictionaries(dictionaries)
    out: list[dict[str, Any]] = []
    with opened(db) as st:
        for doc in in_order(select(st.documents(), region=region, year=year)):
            blocks = content_blocks(st, doc.id)
            chars = sum(content_chars(b.text) for b in blocks)
            words = sum(word_count(b.tokens) for b in blocks)
            spans = [sentence_spans(b.text) for b in blocks]
            owners_of = [TokenOwners(b.text, b.tokens) for b in blocks]  # shared by the dictionaries
            n_sentences = sum(len(s) for s in spans)
            base = {"region": region_label(doc), "year": doc.year, "period": doc.period}
            for d in dicts:
                term_counts: Counter[str] = Counter()
                count = with_mention = 0
                for b, owners, sents in zip(blocks, owners_of, spans):
                    hits = find_hits(b.text, owners, d.terms, d.exclude)
                    if not hits:
                        continue
                    term_counts.update(h.term for h in hits)
                    found = mentions(hits)
                    count += len(found)
                    with_mention += sum(1 for s, e in sents if any(s <= h.start < e for h in found))
                if by == "term":
                    for t in d.terms:
                        out.append({**base, "group": d.name, "term": t, "count": term_counts[t],
                                    "per_10k_chars": per_10k(term_counts[t], chars), "chars": chars,
                                    "path": doc.path, "doc_id": doc.id})
                    continue
                out.append({
                    **base, "group": d.name, "count": count, "per_10k_chars": per_10k(count, chars),
                    "per_1k_words": round(count * 1000 / words, 3) if words else 0.0,
                    "share_sentences": round(with_mention / n_sentences, 4) if n_sentences else 0.0,
                    "sentences_with": with_mention, "sentences": n_sentences, "chars": chars, "words": words,
                    "terms": dict(sorted(((t, n) for t, n in term_counts.items() if n),
                                         key=lambda kv: (-kv[1], d.terms.index(kv[0])))),
                    "path": doc.path, "doc_id": doc.id,
                })
    return out


def terms_text(terms: dict[str, int] | None) -> str:
    """A row's per-term counts as one cell: ``科技:12 研发:5`` (largest first)."""
    return " ".join(f"{t}:{n}" for t, n in (terms or {}).items())


def flat_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with ``terms`` as one text cell, for CSV, Parquet and tables."""
    return [{**r, "terms": terms_text(r["terms"])} if isinstance(r.get("terms"), dict) else dict(r) for r in rows]


WIDE_KEYS = ("region", "year", "period", "path", "doc_id")


def wide_rows(rows: Sequence[dict[str, Any]], value: str = "per_10k_chars") -> tuple[list[str], list[dict[str, Any]]]:
    """Group rows as one row per report and one column per group holding
    ``value`` (the layout of ``reshape wide`` in Stata): the columns and rows."""
    if value not in MEASURES:
        raise ConfigError(f"unknown panel measure {value!r}; use one of {MEASURES}")
    if rows and "term" in rows[0]:
        raise ConfigError("a wide panel is made from group rows; leave out --by term")
    groups = list(dict.fromkeys(r["group"] for r in rows))
    table: dict[int, dict[str, Any]] = {}
    for r in rows:
        table.setdefault(r["doc_id"], {k: r[k] for k in WIDE_KEYS})[r["group"]] = r[value]
    return [*WIDE_KEYS[:3], *groups, *WIDE_KEYS[3:]], list(table.values())


def write_measure(rows: Sequence[dict[str, Any]], path: str | Path,
                  columns: Sequence[str] | None = None) -> Path:
    """Write panel rows to ``path``: ``.csv`` (UTF-8 with a BOM, which Excel
    and Stata read as UTF-8), ``.parquet`` or ``.json``; ``columns``
    default to those of group or term rows."""
    import csv

    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise ConfigError(f"{out}: write the panel as {', '.join(OUTPUT_SUFFIXES)}")
    if columns is None:
        columns = TERM_COLUMNS if rows and "term" in rows[0] else MEASURE_COLUMNS
    columns = list(columns)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".json":
            out.write_text(json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        elif suffix == ".csv":
            with out.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
                w.writeheader()
                w.writerows(flat_rows(rows))
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            flat = flat_rows(rows)
            pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in flat]) if flat
                           else pa.table({c: pa.array([], pa.null()) for c in columns}), out)
    except OSError as exc:
        raise ConfigError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


def measure(
    dictionaries: Sequence[Dictionary | str | Path] | None = None,
    *,
    db: DB = DEFAULT_DB,
    region: str | None = None,
    year: int | None = None,
    by: str = "group",
) -> pd.DataFrame:
    """The panel as a pandas DataFrame (``terms`` as a dict per row)."""
    import pandas as pd

    rows = measure_rows(dictionaries, db=db, region=region, year=year, by=by)
    return pd.DataFrame(rows, columns=list(TERM_COLUMNS if by == "term" else MEASURE_COLUMNS))
