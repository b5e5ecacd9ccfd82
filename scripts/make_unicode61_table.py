"""Write src/sq_nlp/store/data/unicode61.json: how SQLite's FTS5 unicode61
tokenizer treats every code point, read from the SQLite Python links
(see sq_nlp.store.fts). Run after SQLite's unicode61 tables change:

    .venv/bin/python scripts/make_unicode61_table.py
"""

from __future__ import annotations

import json
from pathlib import Path

from sq_nlp.store.fts import derive_unicode61

OUT = Path(__file__).resolve().parents[1] / "src" / "sq_nlp" / "store" / "data" / "unicode61.json"


def main() -> None:
    data = derive_unicode61()
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}{comma}")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(data['separators'])} separator ranges, {len(data['folds'])} folds, "
          f"{len(data['diacritic_folds'])} diacritics (SQLite {data['sqlite_version']})")


if __name__ == "__main__":
    main()
