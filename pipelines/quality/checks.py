"""The Dagster asset checks: one per `Check`, next to its asset in the UI, reading this run's working copy."""

import json
from functools import cache
from typing import TYPE_CHECKING, Any

import dagster as dg
import duckdb

from pipelines.quality.scope import run_scope
from pipelines.quality.spec import SQL_DIR, Check
from pipelines.resources import WarehouseResource

if TYPE_CHECKING:
    from pipelines.quality.validate import CheckOutcome, Failure

MAX_CELL_CHARS = 80


def build_asset_check(check: Check) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(check.asset),
        name=check.name,
        description=describe(check),
        blocking=check.blocking,
        metadata={"severity": check.severity, "table": check.table},
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        if not needs_run(check, warehouse.changed_in_run()):
            # Nothing it reads was written: the published warehouse was validated when it was published. And if no
            # check needs to run, Great Expectations is never imported.
            return unchanged_result(check, last_outcome(warehouse.reader(), check.name))
        from pipelines.quality.validate import QualityContext  # imports Great Expectations (seconds): only here

        conn = warehouse.reader()
        outcome = QualityContext().run_check(check, conn, run_scope(conn))
        warehouse.record_check(check.name, outcome.status)
        return check_result(outcome)

    return _check


def needs_run(check: Check, changed: set[str]) -> bool:
    """A check runs when this run changed a table it reads (any change, when what it reads is not known)."""
    if not changed:
        return False
    reads = tables_read(check)
    return reads is None or bool(reads & changed)


def tables_read(check: Check) -> frozenset[str] | None:
    """The tables a check's suites read, from DuckDB's parse of their SQL; None when a suite loads its frame in
    Python (or its SQL does not parse), so that it is never skipped by mistake."""
    return _tables_read(check.table, tuple(suite.sql for suite in check.suites))


@cache
def _tables_read(table: str, sql_files: tuple[str | None, ...]) -> frozenset[str] | None:
    tables = {table}
    for sql_file in sql_files:
        read = None if sql_file is None else sql_tables((SQL_DIR / sql_file).read_text(encoding="utf-8"))
        if read is None:
            return None
        tables |= read
    return frozenset(tables)


def sql_tables(sql: str) -> set[str] | None:
    """The tables a query reads (common table expressions left out), or None if DuckDB cannot parse it."""
    tree = json.loads(duckdb.connect().execute("SELECT json_serialize_sql($1)", [sql]).fetchone()[0])
    if tree.get("error"):
        return None
    tables: set[str] = set()
    ctes: set[str] = set()
    stack: list = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == "BASE_TABLE":
                tables.add(node["table_name"])
            ctes.update(entry["key"] for entry in node.get("cte_map", {}).get("map", []))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return tables - ctes


def last_outcome(conn: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The check's outcome recorded by the last published run (passed / warn), if any."""
    row = conn.execute("SELECT summary FROM runs ORDER BY published_at DESC LIMIT 1").fetchone()
    if not row or not row[0]:
        return None
    return json.loads(row[0]).get("checks", {}).get(name)


def unchanged_result(check: Check, previous: str | None) -> dg.AssetCheckResult:
    """The result of a check not re-run because the run changed nothing: the last published run's outcome."""
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(check.asset),
        check_name=check.name,
        passed=previous in (None, "passed"),
        severity=dg.AssetCheckSeverity.ERROR if check.blocking else dg.AssetCheckSeverity.WARN,
        metadata={"re_run": False, "last_outcome": previous or "unknown"},
        description=f"{check.name}: not re-run, this run changed nothing it reads (last published run: "
        f"{previous or 'unknown'})",
    )


def describe(check: Check) -> str:
    """The check's description followed by every expectation and the reason it exists (shown in the UI)."""
    lines = [f"{check.description} ({'blocking, ' if check.blocking else ''}severity {check.severity})", ""]
    for suite in check.suites:
        lines += [f"- {suite.name}: {e.label}: {e.reason}" for e in suite.expectations]
    return "\n".join(lines)


def check_result(outcome: "CheckOutcome") -> dg.AssetCheckResult:
    check = outcome.check
    failures = outcome.failures
    metadata: dict[str, Any] = {
        "expectations_evaluated": sum(s.evaluated for s in outcome.suites),
        "expectations_failed": len(failures),
        "rows_validated": {s.suite: s.rows for s in outcome.suites},
        "scope": outcome.scope.describe(),
    }
    if failures:
        metadata["failed_expectations"] = dg.MetadataValue.md(failures_table(failures))
        metadata["unexpected_rows"] = sum(f.unexpected_count or 0 for f in failures)
        metadata["offending_rows"] = dg.MetadataValue.md(offending_rows(failures))
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(check.asset),
        check_name=check.name,
        passed=outcome.passed,
        severity=dg.AssetCheckSeverity.ERROR if check.blocking else dg.AssetCheckSeverity.WARN,
        metadata=metadata,
        description=summary_line(outcome),
    )


def summary_line(outcome: "CheckOutcome") -> str:
    if outcome.passed:
        return f"{outcome.check.name}: all {sum(s.evaluated for s in outcome.suites)} expectations met"
    names = ", ".join(f"{f.expectation} ({_count(f)})" for f in outcome.failures)
    return f"{outcome.check.name} {outcome.status}: {names}"


def failures_table(failures: "list[Failure]") -> str:
    lines = ["| suite | expectation | unexpected | observed | reason |", "|---|---|---|---|---|"]
    for f in failures:
        observed = f"error: {f.error}" if f.error else f.observed
        lines.append(f"| {f.suite} | {f.expectation} | {_count(f)} | {_cell(observed)} | {_cell(f.reason)} |")
    return "\n".join(lines)


def offending_rows(failures: "list[Failure]") -> str:
    parts = []
    for f in failures:
        if not f.rows:
            continue
        columns = list(f.rows[0])
        parts += [
            f"**{f.suite} · {f.expectation}**",
            "",
            "| " + " | ".join(columns) + " |",
            "|" + "---|" * len(columns),
        ]
        parts += ["| " + " | ".join(_cell(row.get(c)) for c in columns) + " |" for row in f.rows]
        parts.append("")
    return "\n".join(parts) or "(no row-level detail)"


def _count(f: "Failure") -> str:
    if f.unexpected_count is None:
        return "error" if f.error else f"observed {f.observed}"
    return f"{f.unexpected_count} of {f.element_count}" if f.element_count is not None else str(f.unexpected_count)


def _cell(value: Any) -> str:
    text = "" if value is None else " ".join(str(value).split()).replace("|", "\\|")
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"
