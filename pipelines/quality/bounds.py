"""Plausible upper bounds per metric name, from data/metric_bounds.tsv."""

from __future__ import annotations

from functools import cache
from pathlib import Path

BOUNDS_FILE = Path(__file__).parent / "data" / "metric_bounds.tsv"
DEFAULT_KEY = "*"


@cache
def metric_bounds() -> dict[str, float]:
    bounds: dict[str, float] = {}
    for line in BOUNDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, max_value, _why = line.split("\t", 2)
        bounds[name.strip()] = float(max_value)
    return bounds


def max_plausible(name: str | None) -> float:
    bounds = metric_bounds()
    return bounds.get(name or "", bounds[DEFAULT_KEY])
