"""The evaluation as text for a terminal: a summary, and with verbose every miss, extra and wrong field."""

from __future__ import annotations

from itertools import groupby

from pipelines.evaluation.scorer import Report
from pipelines.evaluation.scores import Accuracy


def _pct(value: float | None) -> str:
    return "     —" if value is None else f"{100 * value:5.1f}%"


def _accuracy_line(name: str, acc: Accuracy) -> str:
    return f"  {name:<22} {acc.correct:>6}/{acc.total:<6} {_pct(acc.value)}"


def render(report: Report, verbose: bool = False) -> str:
    d = report.documents
    lines = [
        f"Gold: {report.sources.get('gold', '?')}   Warehouse: {report.sources.get('warehouse', '?')}",
        f"Documents: {d['gold']} in gold, {d['found']} found in releases, {d['missing']} missing"
        + (
            f", {d['rejected_as_expected']}/{d['expected_rejected']} rejected as expected"
            if d["expected_rejected"]
            else ""
        ),
        "",
        "Release fields (accuracy over annotated documents)",
    ]
    lines += [_accuracy_line(name, acc) for name, acc in report.release_fields.items()] or ["  (none annotated)"]
    lines += [
        "",
        f"  {'table':<10} {'docs':>5} {'gold':>6} {'pred':>6} {'tp':>6} {'fp':>6} {'fn':>6}  precision  recall      F1",
    ]
    for name, table in report.tables.items():
        t = table.tally
        lines.append(
            f"  {name:<10} {table.documents:>5} {t.tp + t.fn:>6} {t.tp + t.fp:>6} {t.tp:>6} {t.fp:>6} {t.fn:>6}"
            f"     {_pct(t.precision)}  {_pct(t.recall)}  {_pct(t.f1)}"
        )
    field_lines = [
        _accuracy_line(f"{table_name}.{name}", acc)
        for table_name, table in report.tables.items()
        for name, acc in table.fields.items()
    ]
    if field_lines:
        lines += ["", "Fields on matched pairs (accuracy)", *field_lines]
    if verbose:
        lines += ["", f"Issues ({len(report.issues)}): miss = in gold, not found; extra = found, not in gold"]
        for file, issues in groupby(sorted(report.issues, key=lambda i: i.file), key=lambda i: i.file):
            lines.append(f"  {file}")
            for issue in issues:
                detail = f" — {issue.detail}" if issue.detail else ""
                lines.append(f"    {issue.table:<9} {issue.kind:<6} {issue.item}{detail}")
    elif report.issues:
        lines += ["", f"{len(report.issues)} misses, extras and wrong fields: add --verbose to list them"]
    return "\n".join(lines)
