"""Marts: one asset per `sql/marts/<name>.sql`, rebuilt as a table of that name from the contract tables.

Each file is a single SELECT; a header line `-- deps: metrics, releases` names the assets it reads and
`-- description: …` the one line shown in the UI.
"""

import re
from pathlib import Path

import dagster as dg

from pipelines import settings
from pipelines.resources import WarehouseResource

MARTS_DIR = settings.SQL_DIR / "marts"
_HEADER = re.compile(r"^--\s*(deps|description):\s*(.+)$", re.MULTILINE)


def _header(sql: str) -> dict[str, str]:
    return {key: value.strip() for key, value in _HEADER.findall(sql)}


def mart_asset(path: Path) -> dg.AssetsDefinition:
    name = path.stem
    sql = path.read_text(encoding="utf-8")
    header = _header(sql)
    deps = [d.strip() for d in header.get("deps", "").split(",") if d.strip()]

    @dg.asset(
        name=name,
        group_name="marts",
        kinds={"duckdb", "sql"},
        pool="warehouse",
        deps=deps,
        description=header.get("description", f"Mart built from sql/marts/{path.name}."),
    )
    def _mart(warehouse: WarehouseResource) -> dg.MaterializeResult:
        # Rebuilt only when a table it reads changed after it was last built (or it was never built).
        rebuilt = warehouse.is_stale(name, deps)
        if rebuilt:
            with warehouse.writer(changes=(name,)) as conn:
                conn.execute(f"CREATE OR REPLACE TABLE {name} AS\n{sql.strip().rstrip(';')}")
        return warehouse.report(name, f"SELECT * FROM {name}", rebuilt=rebuilt)

    return _mart


def mart_assets() -> list[dg.AssetsDefinition]:
    return [mart_asset(path) for path in sorted(MARTS_DIR.glob("*.sql"))]
