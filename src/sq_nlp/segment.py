"""Segmentation: one :class:`Segmenter` owning a private jieba tokenizer.

Global jieba state (``jieba.dt``, ``jieba.add_word``) is never touched: each
Segmenter builds its own tokenizer from the default dictionary plus the
project's words (package data ``userdict.txt`` and the slogan lexicon), so
``jieba.lcut`` elsewhere in the process is unaffected. Two backends give the
same tokens: ``jieba`` (the reference) and ``rjieba`` (jieba-rs, many times
faster). A Segmenter pickles as its configuration and rebuilds its tokenizer
lazily, so worker processes and scikit-learn can use it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from sq_nlp.errors import ConfigError

log = logging.getLogger(__name__)

BACKENDS = ("rjieba", "jieba")

# A number with its magnitude and unit stays one token: later stages (figures,
# keyword filters) need "94.6亿元" and "4.1%" whole, not "94.6" + "亿元".
NUMBER_TOKEN = re.compile(
    r"\d+(?:,\d{3})*(?:\.\d+)?"
    r"(?:%|‰|个百分点|(?:万亿|亿|万|千)?(?:元|美元|人次|人|户|吨|公里|千米|平方米|平方公里|亩|千瓦|千瓦时|个|家|项|件|次|所)?)"
)

# Minimum frequency for an added word: jieba's own suggestion is often 1 for a
# compound of common words (四个+意识), which keeps the word whole alone but
# lets neighbouring characters pull it apart in context.
MIN_ADDED_FREQ = 100

_PUNCT_OR_SPACE = re.compile(r"^[\W_]+$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_CN_NUMERAL_ONLY = re.compile(r"^[零〇一二两三四五六七八九十百千万亿几多余第]+$")


@lru_cache(maxsize=None)
def _package_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a package data file (read once)."""
    text = resources.files("sq_nlp").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def load_userdict() -> tuple[tuple[str, int | None, str | None], ...]:
    """The project dictionary as ``(word, freq or None, tag or None)`` entries."""
    entries = []
    for line in _package_lines("userdict.txt"):
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((word, freq, tag))
    return tuple(entries)


@lru_cache(maxsize=None)
def load_stopwords() -> frozenset[str]:
    """Stopwords for government reports (package data ``stopwords.txt``)."""
    return frozenset(_package_lines("stopwords.txt"))


class Segmenter:
    """Word segmentation with the project's dictionary.

    Parameters are keyword-only: ``backend`` is ``"rjieba"`` (default, fast)
    or ``"jieba"`` (the reference); ``extra_words`` are added after the
    project dictionary (e.g. slogan terms); ``userdict=False`` gives plain
    jieba segmentation, for comparisons.

    Calling the instance returns :meth:`content_tokens`, so it can be passed
    as ``tokenizer=`` to scikit-learn vectorizers.
    """

    def __init__(
        self,
        *,
        backend: str = "rjieba",
        extra_words: Iterable[str] = (),
        userdict: bool = True,
    ) -> None:
        if backend not in BACKENDS:
            raise ConfigError(f"unknown segmentation backend {backend!r}; use one of {BACKENDS}")
        self.backend = backend
        self.extra_words = tuple(extra_words)
        self.userdict = userdict
        self._tk: Any = None
        self._words: frozenset[str] | None = None

    # -- pickling: configuration only, the tokenizer is rebuilt lazily
    def __getstate__(self) -> dict[str, Any]:
        return {"backend": self.backend, "extra_words": self.extra_words, "userdict": self.userdict}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def __repr__(self) -> str:
        return (
            f"Segmenter(backend={self.backend!r}, userdict={self.userdict}, "
            f"extra_words={len(self.extra_words)})"
        )

    @property
    def words(self) -> frozenset[str]:
        """Every word this Segmenter adds to the default dictionary."""
        if self._words is None:
            words = [w for w, _, _ in load_userdict()] if self.userdict else []
            words.extend(self.extra_words)
            self._words = frozenset(words)
        return self._words

    def _entries(self) -> Iterator[tuple[str, int | None, str | None]]:
        if self.userdict:
            yield from load_userdict()
        for word in self.extra_words:
            yield word, None, None

    def _tokenizer(self) -> Any:
        if self._tk is None:
            if self.backend == "rjieba":
                import rjieba

                tk = rjieba.Jieba()
                for word, freq, tag in self._entries():
                    tk.add_word(word, freq or max(tk.suggest_freq(word), MIN_ADDED_FREQ), tag)
            else:
                import jieba

                tk = jieba.Tokenizer()
                tk.initialize()
                for word, freq, tag in self._entries():
                    tk.add_word(word, freq or max(tk.suggest_freq(word), MIN_ADDED_FREQ), tag)
            self._tk = tk
        return self._tk

    def _cut_plain(self, text: str) -> list[str]:
        tk = self._tokenizer()
        if self.backend == "rjieba":
            return list(tk.cut(text, True))
        return list(tk.cut(text, HMM=True))

    def cut(self, text: str) -> list[str]:
        """All tokens of ``text`` in order, numbers kept whole with their units.

        ``"".join(cut(text)) == text`` always holds.
        """
        if not text:
            return []
        tokens: list[str] = []
        pos = 0
        for m in NUMBER_TOKEN.finditer(text):
            if m.start() > pos:
                tokens.extend(self._cut_plain(text[pos : m.start()]))
            tokens.append(m.group())
            pos = m.end()
        if pos < len(text):
            tokens.extend(self._cut_plain(text[pos:]))
        return tokens

    def is_content(self, token: str) -> bool:
        """Whether a token may stand as a keyword: no stopword, number,
        punctuation or single character; project words always may."""
        if token in self.words:
            return True
        if len(token) < 2 or token in load_stopwords():
            return False
        if _PUNCT_OR_SPACE.match(token) or _HAS_DIGIT.search(token):
            return False
        return not _CN_NUMERAL_ONLY.match(token)

    def content_tokens(self, text: str) -> list[str]:
        """Tokens of ``text`` fit for keywords, topics and word clouds."""
        return [t for t in self.cut(text) if self.is_content(t)]

    def __call__(self, text: str) -> list[str]:
        return self.content_tokens(text)


@lru_cache(maxsize=4)
def default_segmenter(backend: str = "rjieba") -> Segmenter:
    """The shared Segmenter with the project dictionary and the slogan lexicon."""
    from sq_nlp.slogans import lexicon_terms

    return Segmenter(backend=backend, extra_words=lexicon_terms())
