"""Extraction: a Document -> blocks, figures and slogans.

``layout`` repairs the raw text into blocks, ``figures`` reads statistical
figures from them, ``slogans`` the formulas and catchphrases; ``document``
runs the three on one file and names the stage that failed.
"""

from sq_nlp.extract.document import extract_document, extract_path

__all__ = ["extract_document", "extract_path"]
