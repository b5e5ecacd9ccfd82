"""Figures: blocks -> :class:`~sq_nlp.records.Figure` records.

``find`` reads each number with its indicator, unit, period and source span;
``meaning`` what the number states (measure, direction, bound, basis);
``tables`` the numbers of tab-separated tables; ``registry`` the headline
indicators a figure may state; ``resolve`` one answer per region, year and
measure among many figures. Names load on first use (see ``sq_nlp.extract``).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["extract_figures"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("sq_nlp.extract.figures.find"), name)
    raise AttributeError(f"module 'sq_nlp.extract.figures' has no attribute {name!r}")
