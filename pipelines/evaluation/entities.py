"""Entities, per document: same type, and the predicted entity's canonical name or one of its surface forms in
that document equals the gold name or an alias. Optional entities are neither rewarded nor penalized."""

from __future__ import annotations

from pipelines.evaluation.gold import GoldDocument
from pipelines.evaluation.matching import match
from pipelines.evaluation.normalize import normalize
from pipelines.evaluation.predictions import PredictedEntity
from pipelines.evaluation.scores import Issue, TableScore


def gold_names(entity: dict) -> set[str]:
    return {normalize(n) for n in [entity["name"], *(entity.get("aliases") or [])]} - {""}


def predicted_names(entity: PredictedEntity) -> set[str]:
    return {normalize(n) for n in entity.forms} - {""}


def entity_matches(gold: dict, predicted: PredictedEntity) -> bool:
    return gold["type"] == predicted.type and bool(gold_names(gold) & predicted_names(predicted))


def _agreement(gold: dict, predicted: PredictedEntity) -> float:
    # Same canonical name beats canonical name = an alias, which beats a shared surface form only: when ISIS and
    # Daesh were not merged, the entity named ISIS is the match and Daesh the extra.
    name = normalize(predicted.name)
    return 2.0 if name == normalize(gold["name"]) else float(name in gold_names(gold))


def score_entities(
    gold: GoldDocument, predicted: list[PredictedEntity], score: TableScore, issues: list[Issue]
) -> None:
    expected = gold.entities or []
    score.documents += 1
    pairs = match(expected, predicted, entity_matches, _agreement)
    optional = {normalize(n) for n in gold.optional_entities}
    matched = set(pairs.values())
    ignored = {j for j, p in enumerate(predicted) if j not in matched and predicted_names(p) & optional}
    score.tally.tp += len(pairs)
    score.tally.fn += len(expected) - len(pairs)
    score.tally.fp += len(predicted) - len(pairs) - len(ignored)
    _tally_types(score, expected, predicted, pairs, ignored)
    for i, g in enumerate(expected):
        if i not in pairs:
            issues.append(Issue(gold.file, "entities", "miss", f"{g['type']} {g['name']}"))
    for j, p in enumerate(predicted):
        if j in matched or j in ignored:
            continue
        forms = sorted(p.forms - {p.name})
        note = ""
        twins = [g["name"] for g in expected if g["type"] == p.type and gold_names(g) & predicted_names(p)]
        if twins:
            note = f"a second entity for {twins[0]!r} (not merged)"
        elif any(gold_names(g) & predicted_names(p) for g in expected):
            note = "right name, wrong type"
        issues.append(
            Issue(
                gold.file,
                "entities",
                "extra",
                f"{p.type} {p.name}" + (f" (as {', '.join(forms)})" if forms else ""),
                note,
            )
        )


def _tally_types(
    score: TableScore, expected: list[dict], predicted: list[PredictedEntity], pairs: dict[int, int], ignored: set[int]
) -> None:
    """The same counts per entity type: a matched pair counts for its (shared) type, a miss for the gold
    entity's type, an extra for the predicted entity's type."""
    for i, g in enumerate(expected):
        tally = score.type_tally(g["type"])
        if i in pairs:
            tally.tp += 1
        else:
            tally.fn += 1
    matched = set(pairs.values())
    for j, p in enumerate(predicted):
        if j not in matched and j not in ignored:
            score.type_tally(p.type).fp += 1
