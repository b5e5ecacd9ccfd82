"""Candidate terms for an attention dictionary, read from the stored reports.

For each given piece (生态, 环保 ...) this lists every stored word (the
Segmenter's tokens in the database) that holds it, with its count and the
number of reports it occurs in, then the two characters most often before and
after the piece in the text. Read the list and keep the words that speak of
the theme nearly everywhere they stand; write the compounds where a kept piece
means something else as ``!PHRASE`` exclusions. This is how the dictionaries
in ``src/sq_nlp/store/data/`` were built from ``corpus/``.

``--check TERM`` shows how the counting rule (:mod:`sq_nlp.store.terms`)
treats each place where TERM's characters stand: a word or a run of words,
inside one longer word, or straddling two words and cutting both (not counted).

    python scripts/dictionary_candidates.py 生态 环保 绿色 --db outputs/sq_nlp.db
    python scripts/dictionary_candidates.py --check 民生
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sq_nlp.store.db import open_store  # noqa: E402
from sq_nlp.store.terms import CONTENT_KINDS, literal_pattern, normalize_term, stands_as_term, token_owners  # noqa: E402


def candidates(db: str, pieces: list[str], top: int) -> None:
    tf: collections.Counter[str] = collections.Counter()
    docs: dict[str, set[int]] = collections.defaultdict(set)
    before: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    after: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with open_store(db, readonly=True) as st:
        for b in st.blocks(kinds=CONTENT_KINDS):
            for tok in b.tokens:
                if any(p in tok for p in pieces):
                    tf[tok] += 1
                    docs[tok].add(b.doc_id)
            text = "".join(b.text.split())
            for p in pieces:
                for m in literal_pattern(p).finditer(text):
                    before[p][text[max(0, m.start() - 2):m.start()]] += 1
                    after[p][text[m.end():m.end() + 2]] += 1
    print("words holding " + "、".join(pieces) + " (count/reports):")
    print("  " + " ".join(f"{w}:{n}/{len(docs[w])}" for w, n in tf.most_common(top)))
    for p in pieces:
        print(f"{p}: before " + " ".join(f"{w}{p}:{n}" for w, n in before[p].most_common(25)))
        print(f"{p}: after  " + " ".join(f"{p}{w}:{n}" for w, n in after[p].most_common(25)))


def check(db: str, term: str, examples: int) -> None:
    term = normalize_term(term)
    kinds: collections.Counter[str] = collections.Counter()
    seen: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with open_store(db, readonly=True) as st:
        for b in st.blocks(kinds=CONTENT_KINDS):
            owners = token_owners(b.text, b.tokens)
            for m in literal_pattern(term).finditer(b.text):
                s, e = m.span()
                if owners is None:
                    kind = "no tokens (counted)"
                elif not stands_as_term(owners, s, e):
                    kind = "straddles two words (not counted)"
                elif owners[s] == owners[e - 1] and (s > 0 and owners[s - 1] == owners[s]
                                                     or e < len(owners) and owners[e] == owners[e - 1]):
                    kind = "inside one longer word"
                else:
                    kind = "a word or a run of words"
                kinds[kind] += 1
                lo = s
                while lo > 0 and owners and owners[lo - 1] == owners[s]:
                    lo -= 1
                hi = e
                while owners and hi < len(owners) and owners[hi] == owners[e - 1]:
                    hi += 1
                seen[kind][b.text[lo:hi]] += 1
    for kind, n in kinds.most_common():
        print(f"{term}: {n} {kind}: " + " ".join(f"{w}:{c}" for w, c in seen[kind].most_common(examples)))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("pieces", nargs="*", help="characters or words to look for")
    p.add_argument("--db", default="outputs/sq_nlp.db", help="database (default: outputs/sq_nlp.db)")
    p.add_argument("--top", type=int, default=150, help="words to list (default: 150)")
    p.add_argument("--check", metavar="TERM", help="how the counting rule treats each place of TERM")
    args = p.parse_args()
    if args.check:
        check(args.db, args.check, 12)
    if args.pieces:
        candidates(args.db, args.pieces, args.top)
    if not args.check and not args.pieces:
        p.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
