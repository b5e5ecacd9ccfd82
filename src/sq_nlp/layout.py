"""Layout repair: raw text -> blocks with offsets into the raw text (first cut)."""

from __future__ import annotations

import re

from sq_nlp.records import Block

_PARA = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def repair(raw: str, *, headline_position: str = "auto") -> list[Block]:
    """Split raw text into blocks at blank lines, joining the lines of each."""
    blocks = []
    for m in _PARA.finditer(raw):
        offsets = tuple(i for i in range(m.start(), m.end()) if not raw[i].isspace())
        text = "".join(raw[i] for i in offsets)
        if text:
            blocks.append(Block("paragraph", text, None, offsets[0], offsets[-1] + 1,
                                raw.count("\n", 0, offsets[0]) + 1, offsets))
    return blocks
