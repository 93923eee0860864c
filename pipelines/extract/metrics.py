"""Counted things. PLACEHOLDER for the metrics issue."""

from __future__ import annotations

from datetime import date

from pipelines.extract.records import Metric


def extract_metrics(body: str, *, published_date: date | None = None, kind: str = "news") -> list[Metric]:
    return []
