"""The attention panel among the outputs of a run: ``attention.csv`` and its charts.

:func:`write_attention` measures every stored report with the shipped
dictionaries (:mod:`sq_nlp.store.panels`) and writes the panel, a heatmap of
all reports by theme, and a line chart per region with three report years or
more. It does nothing when neither the stored reports nor the dictionaries
changed since its last call.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

PANEL_NAME = "attention.csv"
STAMP_NAME = ".attention-stamp.json"
# Bump when what is written changes, so old outputs are rewritten.
ATTENTION_VERSION = "1"
LINE_CHART_YEARS = 3


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_") or "region"


def _stamp(db_path: str | Path) -> str:
    from sq_nlp.store.db import open_store
    from sq_nlp.store.panels import shipped_dictionaries

    h = hashlib.sha256(ATTENTION_VERSION.encode())
    for d in shipped_dictionaries():
        h.update(json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    with open_store(db_path, readonly=True) as st:
        for d in st.documents():
            h.update(f"{d.id}|{d.path}|{d.sha256}|{d.ingested_at}|{d.region}|{d.year}\n".encode())
    return h.hexdigest()


def write_attention(db_path: str | Path, out_dir: str | Path, *, force: bool = False) -> list[Path]:
    """Write ``attention.csv`` (one row per report and shipped dictionary),
    ``charts/attention.png`` (reports by theme) and
    ``charts/attention_REGION.png`` (a region's themes across years) into
    ``out_dir``; returns the files written (none when up to date)."""
    from sq_nlp.store.panels import measure_rows, write_measure
    from sq_nlp.summaries.visuals import attention_heatmap, attention_lines, save_figure

    out = Path(out_dir)
    stamp = _stamp(db_path)
    stamp_path = out / STAMP_NAME
    if not force and stamp_path.is_file():
        try:
            previous = json.loads(stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        if previous.get("stamp") == stamp and all((out / p).exists() for p in previous.get("files", [])):
            return []
    rows = measure_rows(db=db_path)
    if not rows:
        return []
    written = [write_measure(rows, out / PANEL_NAME)]
    written.append(save_figure(attention_heatmap(rows), out / "charts" / "attention.png"))
    by_region: dict[str, list[dict]] = {}
    for r in rows:
        by_region.setdefault(r["region"], []).append(r)
    for region, rrows in sorted(by_region.items()):
        if len({r["year"] for r in rrows if r["year"] is not None}) >= LINE_CHART_YEARS:
            written.append(save_figure(attention_lines(rrows), out / "charts" / f"attention_{_slug(region)}.png"))
    stamp_path.write_text(json.dumps({"stamp": stamp, "files": [str(p.relative_to(out)) for p in written]},
                                     ensure_ascii=False, indent=1), encoding="utf-8")
    log.info("wrote the attention panel and %d chart(s) into %s", len(written) - 1, out)
    return written
