"""Release fields: title, dateline and publisher by normalized text; published_date and kind exactly."""

from __future__ import annotations

from typing import Any

from pipelines.evaluation.gold import RELEASE_FIELDS, GoldDocument
from pipelines.evaluation.normalize import normalize, same_text
from pipelines.evaluation.scores import Accuracy, Issue


def field_correct(name: str, expected: Any, predicted: Any) -> bool:
    if name == "publisher":
        # Any listed spelling; an empty list (or null) means the release names no publisher.
        spellings = expected or []
        if not spellings:
            return predicted is None
        return predicted is not None and normalize(predicted) in {normalize(s) for s in spellings}
    if name in ("title", "dateline"):
        return same_text(expected, predicted)
    return (None if expected is None else str(expected)) == (None if predicted is None else str(predicted))


def score_release_fields(
    gold: GoldDocument, predicted: dict[str, Any] | None, accuracies: dict[str, Accuracy], issues: list[Issue]
) -> None:
    """Adds one judgement per annotated field; a document missing from the warehouse gets every field wrong."""
    for name in RELEASE_FIELDS:
        if name not in gold.fields:
            continue
        expected = gold.fields[name]
        got = predicted.get(name) if predicted is not None else None
        ok = predicted is not None and field_correct(name, expected, got)
        accuracies.setdefault(name, Accuracy()).add(ok)
        if not ok:
            shown = expected if name != "publisher" or not expected else " | ".join(expected)
            issues.append(Issue(gold.file, "releases", "wrong", name, f"expected {shown!r}, got {got!r}"))
