"""Loading the domain data files that live beside the extraction code (gazetteers, ranks, names)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of `data/<name>`, stripped."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
