"""The evaluation as text for a terminal: a summary, and with verbose every miss, extra and wrong field."""

from __future__ import annotations

from itertools import groupby

from pipelines.evaluation.scorer import Report
from pipelines.evaluation.scores import Accuracy, Issue


def _pct(value: float | None) -> str:
    return "     —" if value is None else f"{100 * value:5.1f}%"


def _accuracy_line(name: str, acc: Accuracy) -> str:
    return f"  {name:<22} {acc.correct:>6}/{acc.total:<6} {_pct(acc.value)}"


def confusion_lines(confusion: dict[str, dict[str, int]]) -> list[str]:
    """The kind confusion table: one row per gold kind, one column per predicted kind."""
    if not confusion:
        return []
    predicted = sorted({kind for row in confusion.values() for kind in row})
    width = max(16, *(len(k) for k in [*confusion, *predicted]))
    corner = "gold / predicted"
    header = f"  {corner:<{width}} " + " ".join(f"{k:>{width}}" for k in predicted)
    rows = [
        f"  {gold:<{width}} " + " ".join(f"{confusion[gold].get(k, 0) or '.':>{width}}" for k in predicted)
        for gold in sorted(confusion)
    ]
    return ["", "Kind: gold (rows) x predicted (columns)", header, *rows]


def entity_type_lines(report: Report) -> list[str]:
    """Entity precision, recall and F1 per type (person, organization, location)."""
    entities = report.tables.get("entities")
    if entities is None or not entities.by_type:
        return []
    lines = ["", f"  {'entities by type':<22} {'gold':>6} {'pred':>6} {'tp':>6}  precision  recall      F1"]
    for name, t in sorted(entities.by_type.items()):
        lines.append(
            f"  {name:<22} {t.tp + t.fn:>6} {t.tp + t.fp:>6} {t.tp:>6}     {_pct(t.precision)}  {_pct(t.recall)}"
            f"  {_pct(t.f1)}"
        )
    return lines


_LISTED_FILES = 12


def _field_of(issue: Issue) -> str | None:
    """'title' for a wrong release field, 'metrics.period' for a wrong field of a matched pair, else None."""
    if issue.kind != "wrong":
        return None
    if issue.table == "releases":
        return issue.item
    name = issue.detail.split(":", 1)[0].strip()
    return f"{issue.table}.{name}" if name.isidentifier() else None


def misses_per_field(report: Report) -> list[str]:
    """How many times each field was wrong, and in which files (the first dozen)."""
    wrong: dict[str, list[str]] = {}
    for issue in report.issues:
        name = _field_of(issue)
        if name:
            wrong.setdefault(name, []).append(issue.file)
    if not wrong:
        return []
    lines = ["", "Misses per field"]
    for name, files in sorted(wrong.items(), key=lambda item: (-len(item[1]), item[0])):
        shown = sorted(set(files))
        more = f" (+{len(shown) - _LISTED_FILES} files)" if len(shown) > _LISTED_FILES else ""
        lines.append(f"  {name:<22} {len(files):>4}  {', '.join(shown[:_LISTED_FILES])}{more}")
    return lines


def _issue_lines(report: Report) -> list[str]:
    lines = ["", f"Issues ({len(report.issues)}): miss = in gold, not found; extra = found, not in gold"]
    for file, issues in groupby(sorted(report.issues, key=lambda i: i.file), key=lambda i: i.file):
        lines.append(f"  {file}")
        for issue in issues:
            detail = f" — {issue.detail}" if issue.detail else ""
            lines.append(f"    {issue.table:<9} {issue.kind:<6} {issue.item}{detail}")
    return lines


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
    lines += entity_type_lines(report)
    if field_lines:
        lines += ["", "Fields on matched pairs (accuracy)", *field_lines]
    lines += confusion_lines(report.kind_confusion)
    if verbose:
        lines += misses_per_field(report) + _issue_lines(report)
    elif report.issues:
        lines += ["", f"{len(report.issues)} misses, extras and wrong fields: add --verbose to list them"]
    return "\n".join(lines)
