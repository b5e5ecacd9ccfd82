"""Scoring of layout repair against a hand-repaired text.

The gold format (the seed's ``clean.txt``): one block per line; ``# ``
marks a headline (title or section heading), ``@ `` a caption; every other
non-empty line is a paragraph. Texts are compared with whitespace removed.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sq_nlp.extract.layout import fold_width, is_blank_char, repair
from sq_nlp.records import Block

_CJK_SPACE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20] +[\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]")


def squash(text: str) -> str:
    """Text with whitespace and zero-width characters removed, width folded."""
    return fold_width("".join(ch for ch in text if not is_blank_char(ch)))


def parse_gold(clean: str) -> dict[str, list[str]]:
    """Gold blocks by kind: ``paragraph``, ``headline``, ``caption``."""
    gold: dict[str, list[str]] = {"paragraph": [], "headline": [], "caption": []}
    for line in clean.splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            gold["headline"].append(line[2:])
        elif line.startswith("@ "):
            gold["caption"].append(line[2:])
        else:
            gold["paragraph"].append(line)
    return gold


def _prf(predicted: list[str], gold: list[str]) -> tuple[float, float, float, list[str], list[str]]:
    p, g = Counter(map(squash, predicted)), Counter(map(squash, gold))
    hit = sum((p & g).values())
    precision = hit / max(1, sum(p.values()))
    recall = hit / max(1, sum(g.values()))
    f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
    return precision, recall, f1, sorted((g - p).elements()), sorted((p - g).elements())


def lost_characters(raw: str, blocks: list[Block]) -> int:
    """Raw characters (not whitespace or zero-width) that no block covers."""
    covered = set()
    for b in blocks:
        covered.update(b.offsets)
    return sum(1 for i, ch in enumerate(raw) if not is_blank_char(ch) and i not in covered)


def bad_offsets(raw: str, blocks: list[Block]) -> int:
    """Blocks whose raw range, squashed, differs from their squashed text."""
    return sum(1 for b in blocks if squash(raw[b.start : b.end]) != squash(b.text))


def score_layout(raw: str, clean: str, *, headline_position: str = "auto") -> dict[str, Any]:
    """Paragraph and headline scores of :func:`repair` on ``raw`` against ``clean``."""
    blocks = repair(raw, headline_position=headline_position)
    gold = parse_gold(clean)
    paras = [b.text for b in blocks if b.kind == "paragraph"]
    heads = [b.text for b in blocks if b.kind in ("title", "heading")]
    caps = [b.text for b in blocks if b.kind == "caption"]
    pp, pr, pf, missing, spurious = _prf(paras, gold["paragraph"])
    hp, hr, hf, _, _ = _prf(heads, gold["headline"])
    cp, cr, cf, _, _ = _prf(caps, gold["caption"])
    return {
        "paragraphs_gold": len(gold["paragraph"]),
        "paragraphs_found": len(paras),
        "paragraph_precision": pp,
        "paragraph_recall": pr,
        "paragraph_f1": pf,
        "headline_f1": hf,
        "caption_f1": cf,
        "cjk_spaces": sum(len(_CJK_SPACE.findall(t)) for t in paras),
        "lost_characters": lost_characters(raw, blocks),
        "bad_offsets": bad_offsets(raw, blocks),
        "_missing": missing,
        "_spurious": spurious,
    }


def reset_in_columns(
    blocks: list[Block],
    *,
    width: int,
    seed: int,
    headlines_after: bool = False,
    space_rate: float = 0.04,
    break_rate: float = 0.08,
    indent: bool = False,
) -> tuple[str, str]:
    """Re-set a repaired document as an OCR'd newspaper page, with its gold.

    Paragraphs are wrapped at ``width`` characters (digits and Latin letters
    count half), separated by blank lines, sprinkled with stray spaces, and
    split by column breaks (a blank line inside a paragraph, never right
    after a sentence end, where no reader could tell). Headings become
    standalone lines placed before or after their section's text. With
    ``indent``, paragraphs start with two ideographic spaces and no blank
    lines separate anything (the other common newspaper setting). Returns
    ``(raw, clean)`` with ``clean`` in the gold format of :func:`parse_gold`.
    """
    import random

    rng = random.Random(seed)
    out: list[str] = []
    gold: list[str] = []

    def wrap(text: str) -> list[str]:
        lines, line, used = [], "", 0.0
        for ch in text:
            w = 0.5 if ch.isascii() else 1.0
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0.0
            line += ch
            used += w
            if rng.random() < space_rate:
                line += " "
        lines.append(line)
        return lines

    def put_paragraph(text: str) -> None:
        lines = wrap(text)
        if indent:
            lines[0] = "\u3000\u3000" + lines[0]
        chunk: list[str] = []
        for k, line in enumerate(lines):
            chunk.append(line)
            last = k == len(lines) - 1
            if not indent and not last and rng.random() < break_rate and not _ends_sentence_plain(line):
                out.append("\n".join(chunk))
                chunk = []
        out.append("\n".join(chunk))
        gold.append(text)

    pending_heads: list[str] = []
    for b in blocks:
        if b.kind in ("title", "heading"):
            if headlines_after and b.kind == "heading":
                for head in pending_heads:
                    out.append(head)
                    gold.append("# " + head)
                pending_heads = [b.text]
            else:
                out.append(b.text)
                gold.append("# " + b.text)
        elif b.kind == "paragraph":
            put_paragraph(b.text)
    for head in pending_heads:
        out.append(head)
        gold.append("# " + head)
    return ("\n" if indent else "\n\n").join(out) + "\n", "\n".join(gold) + "\n"


def _ends_sentence_plain(line: str) -> bool:
    t = line.rstrip()
    return bool(t) and t[-1] in "。！？!?…：:”’）)"
