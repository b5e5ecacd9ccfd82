"""Extraction: a Document -> blocks, figures and slogans.

``layout`` repairs the raw text into blocks, ``figures`` reads statistical
figures from them, ``slogans`` the formulas and catchphrases; ``document``
runs the three on one file and names the stage that failed. Names load on
first use, so a query that needs only the indicator registry
(``extract.figures.registry``) does not load the extraction stages.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["EXTRACTION_VERSION", "extract_document", "extract_path"]

#: Bumped when what extraction reads from a report changes (a figure's meaning,
#: its headline indicator, table figures ...): stored documents extracted by an
#: earlier version are extracted again on the next run, even if their files did
#: not change.
EXTRACTION_VERSION = "93"


def __getattr__(name: str) -> Any:
    if name in ("extract_document", "extract_path"):
        return getattr(importlib.import_module("sq_nlp.extract.document"), name)
    raise AttributeError(f"module 'sq_nlp.extract' has no attribute {name!r}")
