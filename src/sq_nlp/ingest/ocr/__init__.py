"""OCR of scanned pages: page images in, text in reading order with provenance out.

``engine`` wraps RapidOCR (PP-OCRv4 models on ONNX Runtime, imported
lazily: the ``ocr`` extra), ``raster`` decodes images and renders PDF pages
(pypdfium2), ``regions`` finds photos and framed sidebars, ``order`` rebuilds
the reading order of columns, headlines and captions from geometry,
``clean`` restores Chinese punctuation the recogniser writes in ASCII,
``page`` reads one page and ``text`` assembles a document's text and its
:class:`~sq_nlp.records.OcrLine` records. Test pages and their
scores live in :mod:`sq_nlp.extract.ocr_synth` and :mod:`sq_nlp.extract.ocr_eval`.
"""

from sq_nlp.ingest.ocr.page import OcrPage, read_page
from sq_nlp.ingest.ocr.text import assemble

__all__ = ["OcrPage", "assemble", "read_page"]
