"""``sq-nlp`` subcommands of this group (filled in by its owner)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add this group's subcommands (none yet)."""
