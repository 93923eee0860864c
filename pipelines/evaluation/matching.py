"""One-to-one matching of gold rows to predicted rows: as many pairs as possible, best-agreeing pairs first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

G = TypeVar("G")
P = TypeVar("P")


def match(
    gold: Sequence[G],
    predicted: Sequence[P],
    compatible: Callable[[G, P], bool],
    agreement: Callable[[G, P], float] = lambda g, p: 0.0,
) -> dict[int, int]:
    """Gold index -> predicted index.

    Pairs are first taken greedily by agreement (so that two "two strikes" rows pair with the gold rows of the
    same town), then every gold row left alone is offered an augmenting path: the result is a maximum matching,
    so no row is counted as missed just because a neighbour took its partner.
    """
    edges = [[j for j, p in enumerate(predicted) if compatible(g, p)] for g in gold]
    ranked = sorted(
        ((agreement(gold[i], predicted[j]), i, j) for i, js in enumerate(edges) for j in js),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for _, i, j in ranked:
        if i not in gold_to_pred and j not in pred_to_gold:
            gold_to_pred[i] = j
            pred_to_gold[j] = i

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in pred_to_gold or augment(pred_to_gold[j], seen):
                gold_to_pred[i] = j
                pred_to_gold[j] = i
                return True
        return False

    for i in range(len(gold)):
        if i not in gold_to_pred and edges[i]:
            augment(i, set())
    return gold_to_pred
