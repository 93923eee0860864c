"""Plausible upper bounds per metric name, from data/metric_bounds.tsv."""

from __future__ import annotations

from functools import cache
from pathlib import Path

BOUNDS_FILE = Path(__file__).parent / "data" / "metric_bounds.tsv"
DEFAULT_KEY = "*"


@cache
def metric_bounds() -> dict[str, tuple[float, float]]:
    """name -> (max for a count over a period, max for a running total)."""
    bounds: dict[str, tuple[float, float]] = {}
    for line in BOUNDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, max_period, max_cumulative, _why = line.split("\t", 3)
        bounds[name.strip()] = (float(max_period), float(max_cumulative))
    return bounds


def max_plausible(name: str | None, is_cumulative: bool = False) -> float:
    bounds = metric_bounds()
    period, cumulative = bounds.get(name or "", bounds[DEFAULT_KEY])
    return cumulative if is_cumulative else period
