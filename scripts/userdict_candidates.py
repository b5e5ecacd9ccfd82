"""Propose entries for the project dictionary (``src/sq_nlp/data/userdict.txt``).

Candidates are printed, never written: a person reads them and copies the good
ones into the dictionary. Two sources:

* ``ngram``: character n-grams (3-8 Han characters) that recur across reports,
  are not in jieba's dictionary, and whose both ends fall on jieba token
  boundaries in most occurrences (so the n-gram is a compound of whole words
  that jieba splits, such as 双城经济圈 -> 双城/经济圈, not a string straddling
  two words). An n-gram contained in a longer candidate with nearly the same
  count is dropped in favour of the longer one.
* ``suffix``: names ending in a place or institution suffix (省, 市, 区, 县,
  街道, 镇, 村, 社区, 园区, 新区, 城, 集团, 委员会, 中心, ...) that jieba splits.

Usage::

    python scripts/userdict_candidates.py [FILES ...] [--min-count 3] [--min-docs 2]

Default input: the shared corpus and the seed page beside the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
SUFFIXES = (
    "省", "市", "区", "县", "街道", "镇", "乡", "村", "社区", "园区", "新区", "开发区",
    "示范区", "自贸区", "城", "集团", "委员会", "中心", "经济圈", "都市圈", "湾区",
)


def default_inputs() -> list[Path]:
    corpus = sorted(p for p in (SHARED / "corpus").glob("*.txt") if not p.name.startswith("raw_gbk_"))
    return corpus + [SHARED / "eval" / "seed" / "seed.txt"]


def read_clean(path: Path) -> str:
    """The file's text with line breaks and spaces between CJK removed (the
    seed is OCR set in narrow columns, so words run across lines)."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)


def boundaries(tokens: Sequence[str]) -> set[int]:
    out, pos = {0}, 0
    for t in tokens:
        pos += len(t)
        out.add(pos)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--aligned", type=float, default=0.8, help="share of occurrences on token boundaries")
    args = parser.parse_args(argv)

    import jieba

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.initialize()

    count: Counter[str] = Counter()
    aligned: Counter[str] = Counter()
    docs: defaultdict[str, set[str]] = defaultdict(set)
    for path in args.files or default_inputs():
        text = read_clean(path)
        for run in _HAN_RUN.findall(text):
            cuts = boundaries(tk.lcut(run))
            for n in range(3, 9):
                for i in range(len(run) - n + 1):
                    gram = run[i : i + n]
                    count[gram] += 1
                    docs[gram].add(path.name)
                    if i in cuts and i + n in cuts:
                        aligned[gram] += 1

    def splits(word: str) -> bool:
        return tk.FREQ.get(word, 0) == 0 and len(tk.lcut(word)) > 1

    ngram = {
        g: c
        for g, c in count.items()
        if c >= args.min_count
        and len(docs[g]) >= args.min_docs
        and aligned[g] >= args.aligned * c
        and splits(g)
    }
    # Keep the maximal n-grams: drop one whose count a longer candidate nearly equals.
    keep = {}
    for g, c in ngram.items():
        longer = [h for h in ngram if len(h) > len(g) and g in h and ngram[h] >= 0.8 * c]
        if not longer:
            keep[g] = c
    print("# ngram candidates: word count docs jieba-split")
    for g, c in sorted(keep.items(), key=lambda kv: -kv[1]):
        print(f"{g}\t{c}\t{len(docs[g])}\t{'/'.join(tk.lcut(g))}")

    print("# suffix candidates: word count docs jieba-split")
    suffix = {
        g: c
        for g, c in count.items()
        if g.endswith(SUFFIXES) and c >= 2 and aligned[g] >= 0.5 * c and splits(g)
    }
    for g, c in sorted(suffix.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{g}\t{c}\t{len(docs[g])}\t{'/'.join(tk.lcut(g))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
