"""The numbers a score is made of: counts with precision/recall/F1, accuracies, and the issues behind them."""

from __future__ import annotations

from dataclasses import dataclass, field


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(slots=True)
class Tally:
    """Micro-averaged counts of one table over all scored documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        # 2PR/(P+R) written on counts, so it is defined (as 0) when nothing was predicted but something expected.
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict:
        return {
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += bool(ok)

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def as_dict(self) -> dict:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass(slots=True)
class Issue:
    """One thing to fix: a gold row not found (miss), a predicted row not in gold (extra), a wrong field."""

    file: str
    table: str  # releases, quotes, metrics, entities, files
    kind: str  # miss, extra, wrong
    item: str  # what the row is, in a few words
    detail: str = ""  # for wrong fields: `location: expected 'Mosul', got 'Iraq'`

    def as_dict(self) -> dict:
        return {"file": self.file, "table": self.table, "kind": self.kind, "item": self.item, "detail": self.detail}


@dataclass(slots=True)
class TableScore:
    tally: Tally = field(default_factory=Tally)
    fields: dict[str, Accuracy] = field(default_factory=dict)
    documents: int = 0  # documents whose gold annotates this table
    by_type: dict[str, Tally] = field(default_factory=dict)  # entities: one tally per type

    def field(self, name: str) -> Accuracy:
        return self.fields.setdefault(name, Accuracy())

    def type_tally(self, name: str) -> Tally:
        return self.by_type.setdefault(name, Tally())

    def as_dict(self) -> dict:
        out = {
            "documents": self.documents,
            **self.tally.as_dict(),
            "fields": {name: acc.as_dict() for name, acc in self.fields.items()},
        }
        if self.by_type:
            out["by_type"] = {name: tally.as_dict() for name, tally in sorted(self.by_type.items())}
        return out
