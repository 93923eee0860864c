"""Metrics: matched on equal values and agreeing names; location, qualifier, period, cumulativeness and action
scored on matched pairs (each only where the gold metric gives it)."""

from __future__ import annotations

import math
from typing import Any

from pipelines.evaluation.gold import GoldDocument
from pipelines.evaluation.matching import match
from pipelines.evaluation.normalize import same_metric_name, same_place
from pipelines.evaluation.scores import Issue, TableScore

FIELDS = ("location", "qualifier", "period", "is_cumulative", "action")


def same_value(a: Any, b: Any) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def metric_matches(gold: dict, predicted: dict) -> bool:
    return same_value(gold["value"], predicted.get("value")) and same_metric_name(gold["name"], predicted.get("name"))


def _date(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


def field_checks(gold: dict, predicted: dict) -> list[tuple[str, bool, Any, Any]]:
    """(field, correct, expected, got) for every field the gold metric annotates."""
    checks = []
    if "location" in gold:
        checks.append(
            (
                "location",
                same_place(gold["location"], predicted.get("location")),
                gold["location"],
                predicted.get("location"),
            )
        )
    if "qualifier" in gold:
        checks.append(
            (
                "qualifier",
                gold["qualifier"] == predicted.get("qualifier"),
                gold["qualifier"],
                predicted.get("qualifier"),
            )
        )
    if "period_start" in gold or "period_end" in gold:
        want = tuple(_date(gold.get(k)) for k in ("period_start", "period_end") if k in gold)
        got = tuple(_date(predicted.get(k)) for k in ("period_start", "period_end") if k in gold)
        checks.append(("period", want == got, want, got))
    if "is_cumulative" in gold:
        checks.append(
            (
                "is_cumulative",
                bool(gold["is_cumulative"]) == bool(predicted.get("is_cumulative")),
                gold["is_cumulative"],
                predicted.get("is_cumulative"),
            )
        )
    if gold.get("action") is not None:
        got = predicted.get("action")
        checks.append(("action", (got or "").casefold() == gold["action"].casefold(), gold["action"], got))
    return checks


def _label(metric: dict) -> str:
    value = metric.get("value")
    shown = int(value) if isinstance(value, float) and value.is_integer() else value
    where = f" @ {metric['location']}" if metric.get("location") else ""
    text = f" [{metric['text']}]" if metric.get("text") else ""
    return f"{metric.get('name')} = {shown}{where}{text}"


def score_metrics(gold: GoldDocument, predicted: list[dict], score: TableScore, issues: list[Issue]) -> None:
    expected = gold.metrics or []
    score.documents += 1
    pairs = match(expected, predicted, metric_matches, lambda g, p: sum(ok for _, ok, _, _ in field_checks(g, p)))
    score.tally.tp += len(pairs)
    score.tally.fn += len(expected) - len(pairs)
    score.tally.fp += len(predicted) - len(pairs)
    for i, g in enumerate(expected):
        if i not in pairs:
            issues.append(Issue(gold.file, "metrics", "miss", _label(g)))
            continue
        for name, ok, want, got in field_checks(g, predicted[pairs[i]]):
            score.field(name).add(ok)
            if not ok:
                issues.append(
                    Issue(gold.file, "metrics", "wrong", _label(g), f"{name}: expected {want!r}, got {got!r}")
                )
    matched = set(pairs.values())
    for j, p in enumerate(predicted):
        if j not in matched:
            issues.append(Issue(gold.file, "metrics", "extra", _label(p)))
