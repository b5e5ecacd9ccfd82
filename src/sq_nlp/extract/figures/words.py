"""The word lists of the figures stage: package data ``figures/data/words.txt``.

One ``[section]`` per list (link verbs, clause openers, direction verbs,
hedges ...), words separated by whitespace; ``#`` starts a comment line.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from sq_nlp.errors import ConfigError


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    text = resources.files("sq_nlp.extract.figures").joinpath("data", "words.txt").read_text(encoding="utf-8")
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], [])
        elif current is None:
            raise ConfigError(f"figures words.txt: words before the first [section]: {line!r}")
        else:
            current.extend(line.split())
    return {k: tuple(v) for k, v in lists.items()}


@lru_cache(maxsize=None)
def words(section: str) -> frozenset[str]:
    """One word list (raises :class:`ConfigError` when the section is missing)."""
    try:
        return frozenset(_word_lists()[section])
    except KeyError:
        raise ConfigError(f"figures words.txt has no [{section}] section") from None


@lru_cache(maxsize=None)
def longest_first(section: str) -> tuple[str, ...]:
    """One word list, longest words first (for longest-match scans)."""
    return tuple(sorted(words(section), key=len, reverse=True))
