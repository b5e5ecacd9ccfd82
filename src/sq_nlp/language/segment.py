"""Segmentation: one :class:`Segmenter` owning a private jieba tokenizer.

Global jieba state (``jieba.dt``, ``jieba.add_word``) is never touched: each
Segmenter builds its own tokenizer from the default dictionary plus the
project's words (package data ``userdict.txt`` and the slogan lexicon), so
``jieba.lcut`` elsewhere in the process is unaffected. Two backends add the
same words with the same frequencies and give the same tokens: ``jieba`` (the
reference) and ``rjieba`` (jieba-rs, about ten times faster);
``scripts/score_segmentation.py`` measures their agreement over the reports. A Segmenter pickles as its configuration and rebuilds its tokenizer
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

# A number stays one token with what makes it a figure: a percent ("4.1%",
# "0.5个百分点"), a currency ("15元"), a magnitude ("94.6亿", "1万亿", "100多亿"),
# and after a magnitude any unit ("94.6亿元", "15万吨", "30余万人"), so that
# figure and keyword stages never see fragments such as "亿元" or "万吨" as
# words. A bare count with a measure word ("8个", "50公里") is left to the
# tokenizer, which splits it as general segmentation standards do. Measured
# with scripts/score_segmentation.py against plain jieba (word-span F1):
# merging every unit after any number cost PKU 0.0025; this rule gains 0.0034
# on PKU and 0.018 on MSR. Full-width digits count too (raw, unrepaired text).
_NUMBER_OPENING = r"\d+"
_NUMBER = _NUMBER_OPENING + r"(?:,\d{3})*(?:[.．]\d+)?"
_PERCENT = r"[%％‰]|个百分点"
_MONEY = r"元|美元|欧元|港元|日元"
_MAGNITUDE = r"万亿|亿|万|千(?![瓦米])"
_UNIT = r"人次|人|户|吨|公里|千米|平方公里|平方米|亩|千瓦时|千瓦|个|家|项|件|次|所|辆|台|套"
NUMBER_TOKEN = re.compile(
    rf"{_NUMBER}(?:{_PERCENT}|[多余]?(?:{_MAGNITUDE})(?:{_MONEY}|{_UNIT})?|{_MONEY})?"
)
# What may follow a number as its unit; content_tokens drops it there (the
# "公里" of "50公里", the "周年" of "100周年") but keeps it elsewhere.
_UNIT_AFTER_NUMBER = re.compile(
    rf"[多余]?(?:{_MAGNITUDE})?(?:{_MONEY}|{_UNIT}|周年|小时|分钟|号线|标箱|标准箱|英寸|微克)"
)

# A Latin-and-digit name joined by hyphens or dots ("5G-A", "COVID-19",
# "www.gov.cn") stays one token. Both backends need it spelled out: jieba's
# HMM splits such a run at the hyphen and jieba-rs does not, which was the
# only disagreement between them over the report corpus.
# Written to open on one character class, so that re skips the Chinese text
# between whole tokens in C instead of trying each alternative at every
# character (a leading lookahead defeats that: the regex took 40% of the
# tokenizer's time, now 15%, for a Segmenter with no protected words; the
# words a Segmenter keeps whole go before it in one alternation and take back
# part of that). The lookbehinds tell which alternative the first character
# opened: a Latin name (a letter somewhere in its run of letters, digits,
# hyphens and dots) or a number as NUMBER_TOKEN reads it; the test suite checks
# it against the plain alternation of the two.
assert NUMBER_TOKEN.pattern.startswith(_NUMBER_OPENING)  # the slice below cuts that opening off
_WHOLE_TOKEN = re.compile(
    r"[\dA-Za-z](?:(?<=[A-Za-z0-9])(?:(?<=[A-Za-z])|(?=[A-Za-z0-9.-]*[A-Za-z]))[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+"
    rf"|(?<=\d)\d*{NUMBER_TOKEN.pattern[len(_NUMBER_OPENING):]})"
)
_NEEDS_PROTECTION = re.compile(r"[0-9A-Za-z+＋]")
# Every whole token but a keep_whole term holds one of these (any Unicode digit:
# numbers in raw text may be full-width); a text without them is cut directly.
_MAY_NEED_WHOLE = re.compile(r"[\dA-Za-z+＋]")

# Minimum frequency for an added word: jieba's own suggestion is often 1 for a
# compound of common words (四个+意识), which keeps the word whole alone but
# lets neighbouring characters pull it apart in context. Over the corpus (3,325
# occurrences of project words), a floor of 1 left 16 split where a longer
# project word did not cover them, 10 left 7, and 100 and 1000 left 6 (all
# correct splits such as 平稳/增长); PKU F1 was the same for every floor. 100
# keeps new words whole without outweighing real two-character words.
MIN_ADDED_FREQ = 100

_PUNCT_OR_SPACE = re.compile(r"^[\W_]+$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_CN_NUMERAL_ONLY = re.compile(r"^[零〇一二两三四五六七八九十百千万亿几多余第]+$")
# A Chinese numeral with a measure word (五年, 两个, 十四届, 十二次, 第一年, 余场次)
# is a count, not a topic word; formulas such as 四个意识 are project words.
_CN_COUNT = re.compile(r"^[零〇一二两三四五六七八九十百千万亿几多余第]+[年个项条次届批场位名件家户人亿万元天月周期轮]{1,2}$")


@lru_cache(maxsize=None)
def _package_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a package data file (read once)."""
    text = resources.files("sq_nlp.language").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def load_userdict() -> tuple[tuple[str, int | None, str | None], ...]:
    """The project dictionary as ``(word, freq or None, tag or None)`` entries.

    Each line of ``userdict.txt`` is ``word [freq] [tag]``; ``#`` starts a
    comment line. A malformed line raises :class:`ConfigError` naming it.
    """
    entries = []
    for line in _package_lines("userdict.txt"):
        parts = line.split()
        word, rest = parts[0], parts[1:]
        freq = int(rest.pop(0)) if rest and rest[0].isdigit() else None
        tag = rest.pop(0) if rest else None
        # freq 0 would make jieba register a forced split in its global HMM module.
        if rest or freq == 0 or (tag is not None and not tag.isalpha()):
            raise ConfigError(
                f"userdict.txt: bad line {line!r}; write 'word [freq >= 1] [tag]'"
            )
        entries.append((word, freq, tag))
    return tuple(entries)


@lru_cache(maxsize=None)
def load_stopwords() -> frozenset[str]:
    """Stopwords for government reports (package data ``stopwords.txt``)."""
    return frozenset(_package_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def load_tag_fixes() -> dict[str, str]:
    """Word -> part-of-speech tag, for words whose tag jieba's own dictionary gets
    wrong (package data ``tag_fixes.txt``: 荣获 is no personal name, 进步 no adverb).
    A malformed line raises :class:`ConfigError` naming it."""
    fixes: dict[str, str] = {}
    for line in _package_lines("tag_fixes.txt"):
        parts = line.split()
        if len(parts) != 2 or not parts[1].isalpha():
            raise ConfigError(f"tag_fixes.txt: bad line {line!r}; write 'word tag'")
        fixes[parts[0]] = parts[1]
    return fixes


def _added_frequency(freq: int | None, known: bool, suggested: int) -> int | None:
    """The frequency to give a project word, or None to leave the tokenizer's own.

    ``suggested`` is the tokenizer's ``suggest_freq(word)``. A word the
    default dictionary already knows keeps its frequency unless that is below
    MIN_ADDED_FREQ: raising common words would change general segmentation,
    and for a known word of frequency f the backends suggest f or f + 1
    depending on float rounding, which must not leak into the result.
    """
    if freq is not None:
        return freq
    if known:
        return None if suggested >= MIN_ADDED_FREQ else MIN_ADDED_FREQ
    return max(suggested, MIN_ADDED_FREQ)


class Segmenter:
    """Word segmentation with the project's dictionary.

    Parameters are keyword-only: ``backend`` is ``"rjieba"`` (default, fast)
    or ``"jieba"`` (the reference); ``extra_words`` are added after the
    project dictionary (e.g. slogan terms); ``userdict=False`` leaves out the
    project dictionary (jieba's default one only; numbers are still kept
    whole), for comparisons.

    Calling the instance returns :meth:`content_tokens`, so it can be passed
    as ``tokenizer=`` to scikit-learn vectorizers.
    """

    def __init__(
        self,
        *,
        backend: str = "rjieba",
        extra_words: Iterable[str] = (),
        userdict: bool = True,
        keep_whole: Iterable[str] = (),
    ) -> None:
        if backend not in BACKENDS:
            raise ConfigError(f"unknown segmentation backend {backend!r}; use one of {BACKENDS}")
        self.backend = backend
        self.extra_words = tuple(extra_words)
        self.userdict = userdict
        self.keep_whole = tuple(keep_whole)
        self._tk: Any = None
        self._added: dict[str, int] = {}
        self._words: frozenset[str] | None = None
        self._whole: re.Pattern[str] | None = None
        self._content_memo: dict[str, tuple[bool, bool]] = {}

    # -- pickling: configuration only, the tokenizer is rebuilt lazily
    def __getstate__(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "extra_words": self.extra_words,
            "userdict": self.userdict,
            "keep_whole": self.keep_whole,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def __repr__(self) -> str:
        return (
            f"Segmenter(backend={self.backend!r}, userdict={self.userdict}, "
            f"extra_words={len(self.extra_words)})"
        )

    @property
    def words(self) -> frozenset[str]:
        """Every word this Segmenter adds to the default dictionary, and the
        terms it keeps whole."""
        if self._words is None:
            words = [w for w, _, _ in load_userdict()] if self.userdict else []
            words.extend(self.extra_words)
            words.extend(self.keep_whole)
            self._words = frozenset(words)
        return self._words

    def _entries(self) -> Iterator[tuple[str, int | None, str | None]]:
        """Words to add, each once, the first spelling of a word winning."""
        seen: set[str] = set()
        entries = list(load_userdict()) if self.userdict else []
        entries.extend((word, None, None) for word in self.extra_words)
        for word, freq, tag in entries:
            if word and word not in seen:
                seen.add(word)
                yield word, freq, tag

    def _tokenizer(self) -> Any:
        if self._tk is None:
            added: dict[str, int] = {}
            if self.backend == "rjieba":
                import rjieba

                tk = rjieba.Jieba()
                for word, freq, tag in self._entries():
                    new = _added_frequency(freq, tk.has_word(word), tk.suggest_freq(word))
                    if new is not None:
                        added[word] = tk.add_word(word, new, tag)
            else:
                import jieba

                tk = jieba.Tokenizer()
                tk.initialize()
                for word, freq, tag in self._entries():
                    old = tk.FREQ.get(word, 0)
                    new = _added_frequency(freq, old > 0, tk.suggest_freq(word))
                    if new is not None:
                        tk.add_word(word, new, tag)
                        # jieba adds a re-added word's new frequency to the total
                        # without removing the old one; jieba-rs replaces it. Do
                        # the same here so both backends score every path alike.
                        tk.total -= old
                        added[word] = new
            log.debug("%s tokenizer built with %d added words", self.backend, len(added))
            self._tk = tk
            self._added = added
        return self._tk

    def added_words(self) -> dict[str, int]:
        """Each added word with the frequency it was given (builds the tokenizer).

        Both backends give the same frequencies for the same configuration.
        """
        self._tokenizer()
        return dict(self._added)

    def _cut_plain(self, text: str) -> list[str]:
        tk = self._tokenizer()
        if self.backend == "rjieba":
            # rjieba.Jieba.cut(text, hmm): the second argument switches the HMM
            # for unknown words on, as HMM=True does in jieba.
            return list(tk.cut(text, True))
        return list(tk.cut(text, HMM=True))

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``(word, part-of-speech)`` pairs of ``text`` with the project
        dictionary (tags as jieba's ``posseg``; ``x`` where there is none).

        Tagging is several times slower than cutting: use it on short clauses.
        """
        if not text:
            return []
        tk = self._tokenizer()
        fixed = load_tag_fixes() if self.userdict else {}
        if self.backend == "rjieba":
            pairs = tk.tag(text, True)
        else:
            from jieba import posseg

            pairs = ((p.word, p.flag) for p in posseg.POSTokenizer(tk).lcut(text, HMM=True))
        return [(w, fixed.get(w) or t or "x") for w, t in pairs]

    def keeping(self, terms: Iterable[str]) -> Segmenter:
        """A Segmenter that also keeps ``terms`` whole (a document's own
        slogans), sharing this one's tokenizer: no dictionary is rebuilt."""
        other = Segmenter(
            backend=self.backend,
            extra_words=self.extra_words,
            userdict=self.userdict,
            keep_whole=(*self.keep_whole, *terms),
        )
        other._tk, other._added = self._tokenizer(), self._added
        return other

    def _whole_tokens(self) -> re.Pattern[str]:
        """Terms that must stay one token, ahead of everything else: the
        ``keep_whole`` terms and project words with digits, Latin letters or
        ``+`` (721工作法, 1+3+N, 9+X), which the number rule would cut up;
        then numbers with units and hyphenated Latin names."""
        if self._whole is None:
            protected = {w for w in self.words if _NEEDS_PROTECTION.search(w)} | set(self.keep_whole)
            special = sorted(protected, key=len, reverse=True)
            words = "|".join(re.escape(w) for w in special)
            self._whole = re.compile(f"{words}|{_WHOLE_TOKEN.pattern}" if words else _WHOLE_TOKEN.pattern)
        return self._whole

    def cut(self, text: str) -> list[str]:
        """All tokens of ``text`` in order, numbers kept whole with their units
        (see ``NUMBER_TOKEN``) and hyphenated Latin names (``5G-A``) whole.

        ``"".join(cut(text)) == text`` always holds.
        """
        if not text:
            return []
        if not self.keep_whole and not _MAY_NEED_WHOLE.search(text):
            return self._cut_plain(text)  # nothing the whole-token rule could match
        tokens: list[str] = []
        pos = 0
        for m in self._whole_tokens().finditer(text):
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
        return not (_CN_NUMERAL_ONLY.match(token) or _CN_COUNT.match(token))

    def content_tokens(self, text: str) -> list[str]:
        """Tokens of ``text`` fit for keywords, topics and word clouds: those
        :meth:`is_content` accepts, less the unit right after a number."""
        # Token -> (content?, a number?) is memoised: a report repeats its
        # words many times, and these checks cost more than the cut itself.
        memo = self._content_memo
        out = []
        after_number = False
        for token in self.cut(text):
            known = memo.get(token)
            if known is None:
                known = memo[token] = (self.is_content(token), NUMBER_TOKEN.fullmatch(token) is not None)
            content, number = known
            if content and not (after_number and _UNIT_AFTER_NUMBER.fullmatch(token)):
                out.append(token)
            after_number = number
        return out

    def __call__(self, text: str) -> list[str]:
        return self.content_tokens(text)


@lru_cache(maxsize=4)
def default_segmenter(backend: str = "rjieba") -> Segmenter:
    """The shared Segmenter with the project dictionary and the slogan lexicon."""
    from sq_nlp.language.lexicon import lexicon_terms

    return Segmenter(backend=backend, extra_words=lexicon_terms())
