"""Render corpus/scan_national_china_2024_p3.jpg: a small scanned newspaper page for `make run`.

The text is an excerpt of the 2024 national government work report (the
shared corpus's national_china_2024.txt), set with sq_nlp.extract.ocr_synth
in three columns with a photo and scanned (slight rotation, blur, noise,
JPEG). Run from the repository root with the shared data beside it.
"""

from pathlib import Path

from sq_nlp.extract.ocr_synth import PageSpec, render_page, report_elements
from sq_nlp.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "corpus" / "national_china_2024.txt"

title, elems = report_elements(ingest(SOURCE).text)
start = [i for i, (kind, _) in enumerate(elems) if kind == "heading"][1]
spec = PageSpec(width=1100, height=1300, columns=(3,), font_px=22, photo=(1, 2), seed=7,
                rotate=0.4, blur=0.6, noise=6.0, jpeg=80)
page, used = render_page(elems[start:], spec, title=("2024年政府工作报告（摘登）",))
out = ROOT / "corpus" / "scan_national_china_2024_p3.jpg"
page.image.save(out, quality=85)
print(f"{out}: {used} blocks, {len(page.text)} characters")
