"""Scoring a warehouse against gold documents: the whole evaluation, without any printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.evaluation.entities import score_entities
from pipelines.evaluation.gold import GoldDocument
from pipelines.evaluation.metrics import score_metrics
from pipelines.evaluation.predictions import PredictedDocument, ReleaseIndex, load_predictions
from pipelines.evaluation.quotes import score_quotes
from pipelines.evaluation.release_fields import score_release_fields
from pipelines.evaluation.scores import Accuracy, Issue, TableScore


@dataclass(slots=True)
class Report:
    documents: dict[str, int] = field(default_factory=dict)
    release_fields: dict[str, Accuracy] = field(default_factory=dict)
    tables: dict[str, TableScore] = field(
        default_factory=lambda: {t: TableScore() for t in ("quotes", "metrics", "entities")}
    )
    issues: list[Issue] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # gold file, warehouse, raw folder
    kind_confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # gold kind -> predicted kind -> count

    def as_dict(self) -> dict:
        return {
            "sources": self.sources,
            "documents": self.documents,
            "release_fields": {name: acc.as_dict() for name, acc in self.release_fields.items()},
            "tables": {name: table.as_dict() for name, table in self.tables.items()},
            "issues": [issue.as_dict() for issue in self.issues],
            "kind_confusion": self.kind_confusion,
        }


def score_warehouse(conn: duckdb.DuckDBPyConnection, gold: list[GoldDocument], raw_dir: Path | None = None) -> Report:
    """Score the releases of the gold documents; releases without gold are not scored."""
    index = ReleaseIndex(conn, raw_dir)
    report = Report()
    found: dict[str, dict] = {}
    counts = {"gold": len(gold), "found": 0, "missing": 0, "expected_rejected": 0, "rejected_as_expected": 0}
    for doc in gold:
        row = index.find(doc.file)
        if doc.rejected:
            counts["expected_rejected"] += 1
            if row is None:
                counts["rejected_as_expected"] += 1
            else:
                report.issues.append(
                    Issue(
                        doc.file,
                        "files",
                        "extra",
                        "a release from a file that should be rejected",
                        f"release {row['release_id']}",
                    )
                )
            continue
        if row is None:
            counts["missing"] += 1
            reason = index.rejection(doc.file)
            report.issues.append(
                Issue(
                    doc.file,
                    "files",
                    "miss",
                    "no release for this file",
                    f"rejected: {reason}" if reason else "not in releases nor rejected_files",
                )
            )
        else:
            counts["found"] += 1
            found[doc.file] = row
    report.documents = counts
    predictions = load_predictions(conn, list({row["release_id"]: row for row in found.values()}.values()))
    for doc in gold:
        if doc.rejected:
            continue
        predicted = predictions.get(found[doc.file]["release_id"]) if doc.file in found else None
        score_document(doc, predicted, report)
    return report


NO_KIND = "(none)"


def count_kind(confusion: dict[str, dict[str, int]], expected: str | None, predicted: str | None) -> None:
    """One more document in the kind confusion table (gold kind x predicted kind)."""
    row = confusion.setdefault(expected or NO_KIND, {})
    row[predicted or NO_KIND] = row.get(predicted or NO_KIND, 0) + 1


def score_document(doc: GoldDocument, predicted: PredictedDocument | None, report: Report) -> None:
    score_release_fields(doc, predicted.fields if predicted else None, report.release_fields, report.issues)
    if "kind" in doc.fields:
        count_kind(report.kind_confusion, doc.fields["kind"], predicted.fields.get("kind") if predicted else None)
    if doc.quotes is not None:
        score_quotes(doc, predicted.quotes if predicted else [], report.tables["quotes"], report.issues)
    if doc.metrics is not None:
        score_metrics(doc, predicted.metrics if predicted else [], report.tables["metrics"], report.issues)
    if doc.entities is not None:
        score_entities(doc, predicted.entities if predicted else [], report.tables["entities"], report.issues)
