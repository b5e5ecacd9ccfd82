"""Write src/sq_nlp/language/data/radicals.tsv: radicals (Kangxi Radicals and
CJK Radicals Supplement) and the unified ideographs they stand for.

PDF writers (Chromium, Skia, many printer drivers) build a PDF's text layer by
reversing the font's character map: a glyph shared by several code points is
written as one of them, often the lowest, which for 民 or 长 in CJK fonts is a
radical (U+2EA0, U+2EE7). Those fonts share a radical's glyph with the
ideograph the radical is a form of, so the fonts themselves say which
ideograph each radical stands for. This script reads that from the CJK fonts
shipped with mplfonts (a dependency), keeping a radical only where every font
agrees on exactly one ideograph. Unicode decomposes each Kangxi radical
(NFKC), to the traditional form (⼾ to 戶); the Simplified fonts share ⼾'s
glyph with 户, which is the character a Simplified text layer means, so the
table lists the Kangxi radicals too and wins over NFKC.

    python scripts/make_radical_map.py
"""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parents[1] / "src" / "sq_nlp" / "language" / "data" / "radicals.tsv"
RADICALS = (*range(0x2E80, 0x2F00), *range(0x2F00, 0x2FE0))


def _ideograph(cp: int) -> bool:
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3134F


def font_equivalents(path: Path) -> dict[int, set[int]]:
    """Radical -> the unified ideographs sharing its glyph in one font."""
    with TTFont(str(path), lazy=True) as font:
        cmap = font.getBestCmap()
    by_glyph: dict[str, set[int]] = {}
    for cp, glyph in cmap.items():
        by_glyph.setdefault(glyph, set()).add(cp)
    return {cp: {c for c in by_glyph[cmap[cp]] if _ideograph(c)} for cp in RADICALS if cp in cmap}


def main() -> None:
    folder = resources.files("mplfonts").joinpath("fonts")
    fonts = sorted(Path(str(f)) for f in folder.iterdir() if f.name.endswith((".otf", ".ttf")) and "CJK" in f.name)
    table: dict[int, set[int]] = {}
    for path in fonts:
        for cp, ideographs in font_equivalents(path).items():
            if ideographs:
                table[cp] = table[cp] & ideographs if cp in table else set(ideographs)
    lines = [
        "# Radical (Kangxi, CJK Radicals Supplement) -> the unified ideograph it stands for.",
        "# Made by scripts/make_radical_map.py from the glyphs shared in the CJK fonts of mplfonts:",
        "# " + ", ".join(p.name for p in fonts),
    ]
    for cp in sorted(table):
        if len(table[cp]) == 1:
            (target,) = table[cp]
            lines.append(f"{cp:04X}\t{target:04X}\t{chr(cp)}\t{chr(target)}\t{unicodedata.name(chr(cp))}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 3} radicals")


if __name__ == "__main__":
    main()
