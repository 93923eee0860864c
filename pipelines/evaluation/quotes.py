"""Quotes: matched on the start of their text; speaker, anonymity and role scored on matched pairs."""

from __future__ import annotations

from pipelines.evaluation.gold import GoldDocument
from pipelines.evaluation.matching import match
from pipelines.evaluation.normalize import normalize, surname
from pipelines.evaluation.scores import Issue, TableScore

_SHOWN = 60  # characters of a quote shown in a report line


def text_matches(gold_start: str, predicted_text: str | None) -> bool:
    """The predicted text starts with the gold prefix, or (a quote shorter than the prefix) the other way round."""
    start, text = normalize(gold_start), normalize(predicted_text)
    if not start or not text:
        return False
    return text.startswith(start) or start.startswith(text)


def speaker_correct(gold: dict, predicted: dict) -> bool:
    """Named speakers share the surname (`Col. Wayne Marotto` ~ `Marotto`); anonymous ones have the same words."""
    expected, got = gold.get("speaker"), predicted.get("speaker")
    if expected is None or got is None:
        return expected is None and got is None
    if gold.get("anonymous"):
        return normalize(expected) == normalize(got)
    return surname(expected) != "" and surname(expected) == surname(got)


def role_correct(expected: str | None, got: str | None) -> bool:
    # "the Coalition's military spokesperson" and "Coalition's military spokesperson" are the same role.
    def clean(role: str | None) -> str:
        return normalize(role).removeprefix("the ").strip()

    return (expected is None and got is None) or (
        expected is not None and got is not None and clean(expected) == clean(got)
    )


def _show(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def score_quotes(gold: GoldDocument, predicted: list[dict], score: TableScore, issues: list[Issue]) -> None:
    expected = gold.quotes or []
    score.documents += 1
    pairs = match(
        expected,
        predicted,
        lambda g, p: text_matches(g["text_start"], p.get("quote_text")),
        lambda g, p: float(speaker_correct(g, p)),
    )
    score.tally.tp += len(pairs)
    score.tally.fn += len(expected) - len(pairs)
    score.tally.fp += len(predicted) - len(pairs)
    for i, g in enumerate(expected):
        if i not in pairs:
            issues.append(Issue(gold.file, "quotes", "miss", f"“{_show(g['text_start'])}…” ({g.get('speaker')})"))
            continue
        p = predicted[pairs[i]]
        label = f"“{_show(g['text_start'])}…”"
        checks = []
        if "speaker" in g:
            checks.append(("speaker", speaker_correct(g, p), g["speaker"], p.get("speaker")))
        if "anonymous" in g:
            checks.append(
                (
                    "anonymous",
                    bool(g["anonymous"]) == bool(p.get("is_anonymous")),
                    g["anonymous"],
                    p.get("is_anonymous"),
                )
            )
        if "role" in g:
            checks.append(("role", role_correct(g["role"], p.get("speaker_role")), g["role"], p.get("speaker_role")))
        for name, ok, want, got in checks:
            score.field(name).add(ok)
            if not ok:
                issues.append(Issue(gold.file, "quotes", "wrong", label, f"{name}: expected {want!r}, got {got!r}"))
    matched = set(pairs.values())
    for j, p in enumerate(predicted):
        if j not in matched:
            issues.append(Issue(gold.file, "quotes", "extra", f"“{_show(p.get('quote_text'))}” ({p.get('speaker')})"))
