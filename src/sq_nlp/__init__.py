"""sq_nlp: Chinese text mining for government work reports.

The public API. Names load on first use (PEP 562), so ``import sq_nlp`` and
the query commands stay fast; jieba, scikit-learn and wordcloud load only
when a function that needs them runs.

>>> import sq_nlp
>>> ex = sq_nlp.extract_path("corpus/shengquan_2020.txt")      # doctest: +SKIP
>>> [f.indicator for f in ex.figures][:2]                      # doctest: +SKIP
['GDP', 'GDP']
>>> sq_nlp.query.figures(indicator="GDP", db="outputs/sq_nlp.db")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

from sq_nlp.errors import ConfigError, InputError, SqNlpError, StageError, StoreError

__version__ = "0.1.0"

_LAZY = {
    # records
    "Document": "sq_nlp.records",
    "Block": "sq_nlp.records",
    "Figure": "sq_nlp.records",
    "Slogan": "sq_nlp.records",
    "Extraction": "sq_nlp.records",
    "Meta": "sq_nlp.records",
    # stages
    "repair": "sq_nlp.extract.layout",
    "Segmenter": "sq_nlp.language.segment",
    "default_segmenter": "sq_nlp.language.segment",
    "extract_figures": "sq_nlp.extract.figures",
    "extract_slogans": "sq_nlp.extract.slogans",
    "extract_path": "sq_nlp.extract.document",
    "extract_document": "sq_nlp.extract.document",
    # store and queries
    "open_store": "sq_nlp.store",
    "run": "sq_nlp.pipeline",
}
_MODULES = {
    "query": "sq_nlp.store.query",
    "panels": "sq_nlp.store.panels",
    "terms": "sq_nlp.store.terms",
    "keywords": "sq_nlp.summaries.keywords",
    "topics": "sq_nlp.summaries.topics",
    "visuals": "sq_nlp.summaries.visuals",
    "report": "sq_nlp.summaries.report",
    "pipeline": "sq_nlp.pipeline",
    "store": "sq_nlp.store",
}

__all__ = [
    "ConfigError",
    "InputError",
    "SqNlpError",
    "StageError",
    "StoreError",
    "__version__",
    *_LAZY,
    *_MODULES,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    raise AttributeError(f"module 'sq_nlp' has no attribute {name!r}")
