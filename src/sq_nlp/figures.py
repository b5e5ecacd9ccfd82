"""Figures: blocks -> Figure records (indicator, value, unit, period, source span)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sq_nlp.records import Block, Document, Figure


def extract_figures(doc: Document, blocks: Iterable[Block]) -> Iterator[Figure]:
    """Every statistical figure stated in the document's blocks (not yet built)."""
    return iter(())
