"""Score the project's segmentation: general accuracy, backend agreement, speed.

Three checks, each a function the tests import and a section this script prints:

* ``sighan``: word-span F1 on the SIGHAN 2005 test sets (PKU, MSR) for plain
  jieba (a fresh ``jieba.Tokenizer`` with its default dictionary, HMM on)
  against our :class:`~sq_nlp.language.segment.Segmenter` (project dictionary, slogan
  lexicon, number merging) with both backends. The dictionary must cost
  general segmentation no more than 0.005 F1.
* ``agreement``: the report corpus split into sentences, tokens of
  ``Segmenter(backend="jieba")`` against ``Segmenter(backend="rjieba")``;
  target at least 99.9% of sentences identical.
* ``speed``: MB/s of ``Segmenter.cut`` with both backends against plain
  ``jieba.lcut`` over the corpus (figures to report, never asserted).

Usage::

    python scripts/score_segmentation.py [--sighan DIR] [--corpus DIR]
        [--sets pku msr] [--checks sighan agreement speed] [--examples 20]

By default the shared data beside the repository is used (``../shared``).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SIGHAN_DIR = SHARED / "eval" / "sighan2005"
CORPUS_DIR = SHARED / "corpus"

Cut = Callable[[str], Sequence[str]]

_SPACE = re.compile(r"\s+")
# A sentence ends at Chinese or Latin terminal punctuation or a line break;
# the agreement check compares whole sentences, so short ones are not padded
# with context and long paragraphs do not hide several differences in one.
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")


@dataclass(frozen=True)
class Score:
    """Word-span precision, recall and F1 over a test set."""

    name: str
    gold: int
    system: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def spans(tokens: Iterable[str]) -> set[tuple[int, int]]:
    """Word spans ``(start, end)`` over the text with all whitespace removed.

    Whitespace inside or between tokens is dropped, so a segmenter that
    returns spaces as tokens is scored on its words only.
    """
    out = set()
    pos = 0
    for token in tokens:
        word = _SPACE.sub("", token)
        if word:
            out.add((pos, pos + len(word)))
            pos += len(word)
    return out


def read_sighan(test: Path, gold: Path) -> list[tuple[str, list[str]]]:
    """``(text, gold words)`` per line of a SIGHAN test set.

    Lines whose characters differ between text and gold (16 in MSR) are
    skipped, as the set's README advises.
    """
    texts = test.read_text(encoding="utf-8").splitlines()
    golds = gold.read_text(encoding="utf-8").splitlines()
    pairs = []
    for text, line in zip(texts, golds):
        words = line.split()
        if _SPACE.sub("", text) == "".join(words) and words:
            pairs.append((text.strip(), words))
    return pairs


def score(name: str, cut: Cut, pairs: Iterable[tuple[str, list[str]]]) -> Score:
    """Word-span precision/recall/F1 of ``cut`` against gold segmentations."""
    n_gold = n_sys = n_ok = 0
    for text, words in pairs:
        want = spans(words)
        got = spans(cut(text))
        n_gold += len(want)
        n_sys += len(got)
        n_ok += len(want & got)
    return Score(name, n_gold, n_sys, n_ok)


def plain_jieba() -> Cut:
    """Plain jieba as the reference: fresh default tokenizer, HMM on."""
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    return tk.lcut


def ours(backend: str) -> Cut:
    """The project's Segmenter as the pipeline uses it (dictionary + lexicon)."""
    from sq_nlp.language.segment import default_segmenter

    return default_segmenter(backend).cut


def sighan(test_set: str, sighan_dir: Path = SIGHAN_DIR) -> list[Score]:
    """Plain jieba and our Segmenter (both backends) on one SIGHAN set (``pku``/``msr``)."""
    pairs = read_sighan(sighan_dir / f"{test_set}_test.utf8", sighan_dir / f"{test_set}_test_gold.utf8")
    return [
        score("plain jieba", plain_jieba(), pairs),
        score("ours (jieba)", ours("jieba"), pairs),
        score("ours (rjieba)", ours("rjieba"), pairs),
    ]


def corpus_texts(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """The UTF-8 reports of the corpus (the GBK copy duplicates one of them)."""
    texts = []
    for path in sorted(corpus_dir.glob("*.txt")):
        if path.name.startswith("raw_gbk_"):
            continue
        texts.append(path.read_text(encoding="utf-8"))
    return texts


def sentences(texts: Iterable[str]) -> Iterator[str]:
    """Non-blank sentences of the texts, in order."""
    for text in texts:
        for piece in _SENTENCE_END.split(text):
            piece = piece.strip()
            if piece:
                yield piece


@dataclass(frozen=True)
class Agreement:
    """How often two segmenters give identical tokens for a sentence."""

    sentences: int
    identical: int
    differences: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]

    @property
    def rate(self) -> float:
        return self.identical / self.sentences if self.sentences else 1.0


def agreement(left: Cut, right: Cut, texts: Iterable[str]) -> Agreement:
    """Sentence-level token agreement between two segmenters."""
    total = same = 0
    diffs = []
    for sentence in sentences(texts):
        a, b = tuple(left(sentence)), tuple(right(sentence))
        total += 1
        if a == b:
            same += 1
        else:
            diffs.append((sentence, a, b))
    return Agreement(total, same, tuple(diffs))


def backend_agreement(corpus_dir: Path = CORPUS_DIR) -> Agreement:
    """``Segmenter(backend="jieba")`` against ``backend="rjieba"`` over the corpus."""
    return agreement(ours("jieba"), ours("rjieba"), corpus_texts(corpus_dir))


def differing_tokens(a: Sequence[str], b: Sequence[str]) -> tuple[list[str], list[str]]:
    """The tokens of ``a`` and of ``b`` whose spans the other does not share."""
    sa, sb = spans(a), spans(b)
    text = "".join(_SPACE.sub("", t) for t in a)
    return (
        [text[s:e] for s, e in sorted(sa - sb)],
        [text[s:e] for s, e in sorted(sb - sa)],
    )


def speed(corpus_dir: Path = CORPUS_DIR, repeat: int = 3) -> dict[str, float]:
    """MB/s (UTF-8) of plain ``jieba.lcut`` and ``Segmenter.cut`` with both backends.

    Each segmenter is built and warmed up before timing; the best of
    ``repeat`` runs is kept, which is the least noisy figure on a shared
    machine.
    """
    import jieba

    texts = corpus_texts(corpus_dir)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    cuts = {
        "plain jieba.lcut": jieba.lcut,
        "Segmenter (jieba)": ours("jieba"),
        "Segmenter (rjieba)": ours("rjieba"),
    }
    result = {}
    for name, cut in cuts.items():
        cut("预热")
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            for text in texts:
                cut(text)
            best = min(best, time.perf_counter() - start)
        result[name] = megabytes / best
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sighan", type=Path, default=SIGHAN_DIR, help="SIGHAN 2005 folder")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="folder of report .txt files")
    parser.add_argument("--sets", nargs="+", default=["pku", "msr"], choices=["pku", "msr"])
    parser.add_argument(
        "--checks", nargs="+", default=["sighan", "agreement", "speed"],
        choices=["sighan", "agreement", "speed"],
    )
    parser.add_argument("--examples", type=int, default=20, help="disagreeing sentences to show")
    args = parser.parse_args(argv)

    import jieba

    jieba.setLogLevel(60)
    if "sighan" in args.checks:
        for test_set in args.sets:
            scores = sighan(test_set, args.sighan)
            base = scores[0].f1
            print(f"== {test_set.upper()} word-span F1 ({scores[0].gold} gold words)")
            for s in scores:
                print(
                    f"  {s.name:<16} P={s.precision:.4f} R={s.recall:.4f} F1={s.f1:.4f}"
                    f"  cost={base - s.f1:+.4f}"
                )
    if "agreement" in args.checks:
        result = backend_agreement(args.corpus)
        print(
            f"== backend agreement: {result.identical}/{result.sentences} sentences identical"
            f" ({result.rate:.4%})"
        )
        for sentence, a, b in result.differences[: args.examples]:
            only_a, only_b = differing_tokens(a, b)
            print(f"  {sentence[:60]}\n    jieba:  {only_a}\n    rjieba: {only_b}")
    if "speed" in args.checks:
        result = speed(args.corpus)
        base = result["plain jieba.lcut"]
        print("== speed over the corpus (best of 3)")
        for name, mbps in result.items():
            print(f"  {name:<20} {mbps:6.2f} MB/s  ({mbps / base:5.2f}x plain jieba)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
