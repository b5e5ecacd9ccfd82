"""Figures: blocks -> :class:`~sq_nlp.records.Figure` records.

``find`` reads each number with its indicator, unit, period and source span.
"""

from sq_nlp.extract.figures.find import extract_figures

__all__ = ["extract_figures"]
