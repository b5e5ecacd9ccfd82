"""Write src/sq_nlp/language/data/script_tables.json: the Traditional-only and
Simplified-only ideographs script detection counts (see sq_nlp.language.script),
derived from the installed OpenCC. Run after opencc-purepy's dictionaries change:

    .venv/bin/python scripts/make_script_tables.py
"""

from __future__ import annotations

import json
from pathlib import Path

from sq_nlp.language.script import derive_script_tables

OUT = Path(__file__).resolve().parents[1] / "src" / "sq_nlp" / "language" / "data" / "script_tables.json"


def main() -> None:
    data = derive_script_tables()
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}{',' if i == 0 else ''}"
                     for i, (k, v) in enumerate(data.items())] + ["}"]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(data['traditional'])} Traditional-only, {len(data['simplified'])} Simplified-only ideographs")


if __name__ == "__main__":
    main()
