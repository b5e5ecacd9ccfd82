"""Scores of OCR against the true text of a page.

* character error rate after reading order: edit distance between the read
  text and the true text (both with whitespace removed, width folded) over
  the true text's length;
* paragraph F1 on the read blocks against the layout gold
  (:func:`sq_nlp.extract.layout_eval.parse_gold`), exact (a paragraph counts
  only when every character is right) and aligned (a paragraph counts when
  it matches one true paragraph up to the recogniser's own errors: an edit
  distance of at most :data:`ALIGNED` of its length, and never fewer than
  :data:`ALIGNED_MIN` edits; a paragraph cut or joined in the wrong place
  misses by more);
* figure F1 of the figures read from the page against those of the same
  text ingested clean.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sq_nlp.extract.layout_eval import parse_gold, squash

#: Edits (a fraction of the true paragraph's length) up to which a read
#: paragraph is the true one with OCR errors: the 3% character error rate
#: allowed on degraded pages.
ALIGNED = 0.03
#: ... but at least this many edits (a short paragraph with one wrong character).
ALIGNED_MIN = 2


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (numpy, row by row; fine for pages of text)."""
    import numpy as np

    if not a:
        return len(b)
    if not b:
        return len(a)
    aa = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1)
    prev = idx.astype(np.int64)
    for i, code in enumerate(aa, start=1):
        sub = prev[:-1] + (bb != code)
        cur = np.empty_like(prev)
        cur[0] = i
        cur[1:] = np.minimum(prev[1:] + 1, sub)
        # Insertions run along the row: a running minimum of cur[j] - j.
        cur = np.minimum.accumulate(cur - idx) + idx
        prev = cur
    return int(prev[-1])


def cer(read: str, true: str) -> float:
    """Character error rate of ``read`` against ``true`` (whitespace removed)."""
    r, t = squash(read), squash(true)
    return edit_distance(r, t) / max(1, len(t))


def similarity(a: str, b: str) -> float:
    """1 - edit distance over the longer length."""
    if not a and not b:
        return 1.0
    return 1 - edit_distance(a, b) / max(len(a), len(b))


def _f1(hit: int, predicted: int, gold: int) -> float:
    if not hit:
        return 0.0
    p, r = hit / predicted, hit / gold
    return 2 * p * r / (p + r)


def aligned_f1(predicted: list[str], gold: list[str], rate: float = ALIGNED, least: int = ALIGNED_MIN) -> float:
    """F1 where a predicted item matches an unmatched gold item within
    ``max(least, rate * len(gold item))`` edits (greedy, closest pairs first)."""
    pred = [squash(p) for p in predicted]
    true = [squash(g) for g in gold]
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(true):
            allowed = max(least, int(rate * len(g)))
            if abs(len(p) - len(g)) > allowed:
                continue
            d = edit_distance(p, g)
            if d <= allowed:
                pairs.append((-d, i, j))
    used_p, used_g, hit = set(), set(), 0
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            hit += 1
    return _f1(hit, len(pred), len(true))


def paragraph_scores(blocks: list[Any], gold: str) -> dict[str, float]:
    """Exact and aligned paragraph F1 (and aligned headline and caption F1)
    of extracted blocks against a gold text in the layout gold format."""
    g = parse_gold(gold)
    paras = [b.text for b in blocks if b.kind == "paragraph"]
    heads = [b.text for b in blocks if b.kind in ("title", "heading")]
    caps = [b.text for b in blocks if b.kind == "caption"]
    p, t = Counter(map(squash, paras)), Counter(map(squash, g["paragraph"]))
    exact = _f1(sum((p & t).values()), sum(p.values()), sum(t.values()))
    return {
        "paragraph_f1": exact,
        "paragraph_f1_aligned": aligned_f1(paras, g["paragraph"]),
        "headline_f1_aligned": aligned_f1(heads, g["headline"]),
        "caption_f1_aligned": aligned_f1(caps, g["caption"]),
    }


def figure_key(fig: Any) -> tuple[Any, ...]:
    """What must agree for two figures to be the same: indicator, value, unit."""
    return (squash(fig.indicator or ""), round(float(fig.value), 6), fig.unit)


def figure_f1(read: list[Any], clean: list[Any]) -> float:
    """F1 of the figures read from a page against those of its clean text."""
    r, c = Counter(map(figure_key, read)), Counter(map(figure_key, clean))
    if not r and not c:
        return 1.0
    return _f1(sum((r & c).values()), sum(r.values()), sum(c.values()))


def line_errors(text: str, lines: Any, true: str) -> list[int]:
    """Character errors of each OCR line (``lines``: records with ``start``
    and ``end`` offsets into ``text``) against the true text: the edits of
    an alignment of the two (whitespace removed, width folded), each counted
    on the line where it falls."""
    import bisect
    import difflib

    from sq_nlp.extract.layout import fold_width, is_blank_char

    keep = [i for i, ch in enumerate(text) if not is_blank_char(ch)]
    read = fold_width("".join(text[i] for i in keep))
    order = sorted(range(len(lines)), key=lambda k: lines[k].start)
    starts = [lines[k].start for k in order]
    errors = [0] * len(starts)

    def charge(pos: int, n: int) -> None:
        if not keep or not starts:
            return
        offset = keep[min(pos, len(keep) - 1)]
        k = max(0, bisect.bisect_right(starts, offset) - 1)
        errors[order[k]] += n

    matcher = difflib.SequenceMatcher(None, read, squash(true), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            charge(i1 if i2 > i1 else max(0, i1 - 1), max(i2 - i1, j2 - j1))
    return errors
