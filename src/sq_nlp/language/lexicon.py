"""The lexicon of national formulas (提法) with the items they stand for.

Package data ``language/data/slogans.json``: each entry has a ``term``
(四个意识), the ``count`` it announces, its ``items`` and a ``source``;
``earlier`` wordings by report year and ``senses`` named by the words before
a term. The Segmenter keeps every term whole; the slogan stage expands them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from sq_nlp.errors import ConfigError

@lru_cache(maxsize=1)
def load_lexicon() -> tuple[dict[str, Any], ...]:
    """The shipped lexicon: one dict per formula (``term``, ``count``, ``items``, ``source``).

    Raises :class:`ConfigError` when the package data is malformed.
    """
    text = resources.files("sq_nlp.language").joinpath("data", "slogans.json").read_text(encoding="utf-8")
    entries = tuple(json.loads(text)["formulas"])
    for entry in entries:
        if not isinstance(entry.get("term"), str) or not isinstance(entry.get("items"), list):
            raise ConfigError(f"slogans.json: entry {entry!r} needs a 'term' string and an 'items' list")
        count = entry.get("count")
        wordings = [entry["items"], *(e.get("items") for e in entry.get("earlier", ()))]
        for items in wordings:
            if not isinstance(items, list):
                raise ConfigError(f"slogans.json: {entry['term']}: every 'earlier' wording needs an 'items' list")
            if count is not None and items and len(items) != count:
                raise ConfigError(f"slogans.json: {entry['term']} announces {count} items but lists {len(items)}")
        if any(not isinstance(e.get("until_year"), int) for e in entry.get("earlier", ())):
            raise ConfigError(f"slogans.json: {entry['term']}: every 'earlier' wording needs an integer 'until_year'")
        for sense in entry.get("senses", ()):
            if not isinstance(sense.get("after"), str) or not sense["after"] or not isinstance(sense.get("items"), list):
                raise ConfigError(f"slogans.json: {entry['term']}: every sense needs an 'after' string and an 'items' list")
    return entries


def lexicon_items(entry: dict[str, Any], year: int | None, preceded_by: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The items of a lexicon entry in the wording of a report of ``year``.

    Formulas are reworded (四个全面 led with 全面建成小康社会 until 2020):
    the earliest ``earlier`` wording whose ``until_year`` is not before
    ``year`` wins; a report of unknown year gets the current wording. Some
    terms have a second sense, named by the words before them (统筹国内国际
    两个大局 is not “两个大局”): when every occurrence (``preceded_by``: the
    text before each, empty for a quoted one) follows a sense's ``after``
    words, that sense's items win.
    """
    for sense in entry.get("senses", ()):
        if preceded_by and all(before.endswith(sense["after"]) for before in preceded_by):
            return tuple(sense["items"])
    if year is not None:
        for earlier in sorted(entry.get("earlier", ()), key=lambda e: e["until_year"]):
            if year <= earlier["until_year"]:
                return tuple(earlier["items"])
    return tuple(entry["items"])


def lexicon_terms() -> tuple[str, ...]:
    """Every lexicon term, for the Segmenter's dictionary."""
    return tuple(entry["term"] for entry in load_lexicon())


@lru_cache(maxsize=1)
def lexicon_index() -> dict[str, dict[str, Any]]:
    """Lexicon entries by term."""
    return {entry["term"]: entry for entry in load_lexicon()}
