"""Slogans and formulas (提法): numbered formulas, quoted catchphrases, model names.

The lexicon of national formulas is package data (``data/slogans.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[dict[str, Any], ...]:
    """The shipped lexicon: one dict per formula (``term``, ``items``, ``source``...)."""
    text = resources.files("sq_nlp").joinpath("data", "slogans.json").read_text(encoding="utf-8")
    return tuple(json.loads(text)["formulas"])


def lexicon_terms() -> tuple[str, ...]:
    """Every lexicon term, for the Segmenter's dictionary."""
    return tuple(entry["term"] for entry in load_lexicon())


def extract_slogans(doc: "Document", blocks: "Iterable[Block]") -> "Iterator[Slogan]":
    """Every slogan of the document's blocks (not yet built)."""
    return iter(())
