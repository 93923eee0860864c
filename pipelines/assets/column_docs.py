"""Column documentation in the warehouse and in Dagster, from `pipelines.column_docs` (the contract's text).

- `column_comments`: after every table and mart is written, `COMMENT ON` each documented table and column, so
  `DESCRIBE`, `duckdb_columns()` and any SQL client show what a column means (marts are rebuilt each run,
  which drops their comments: this asset runs after them).
- `with_column_schemas`: the `dagster/column_schema` metadata (names, types, descriptions) of each asset.
"""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg

from pipelines.column_docs import column_schema, comment_statements
from pipelines.resources import WarehouseResource

NOT_A_TABLE = {"communique/table": "none"}  # `communique status` lists only assets that are tables


def with_column_schemas(assets: Sequence[dg.AssetsDefinition]) -> list[dg.AssetsDefinition]:
    """The same assets, each carrying the column schema of the table it writes."""

    def attach(spec: dg.AssetSpec) -> dg.AssetSpec:
        schema = column_schema(spec.key.to_user_string())
        return spec.merge_attributes(metadata={"dagster/column_schema": schema}) if schema else spec

    return [asset.map_asset_specs(attach) for asset in assets]


def column_comments_asset(tables: Sequence[dg.AssetsDefinition]) -> dg.AssetsDefinition:
    """The asset that comments every documented table and column, after all of `tables`."""

    @dg.asset(
        name="column_comments",
        group_name="marts",
        kinds={"duckdb"},
        pool="warehouse",
        deps=[key for asset in tables for key in asset.keys],
        metadata=NOT_A_TABLE,
        description="COMMENT ON every table and column, from the warehouse contract (see DESCRIBE or duckdb_columns()).",
    )
    def column_comments(warehouse: WarehouseResource) -> dg.MaterializeResult:
        statements = comment_statements(_current_comments(warehouse.reader()))
        if statements:  # only what a new or rebuilt table lacks: a run with nothing new writes nothing
            with warehouse.writer(changes=()) as conn:
                for statement in statements:
                    conn.execute(statement)
        return dg.MaterializeResult(metadata={"comments": len(statements)})

    return column_comments


CURRENT_COMMENTS_SQL = """
SELECT table_name, '' AS column_name, comment FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main'
UNION ALL
SELECT table_name, column_name, comment FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main'
"""


def _current_comments(conn) -> dict[str, dict[str, str | None]]:
    """Each table's comments as the warehouse has them: "" -> the table's own, column name -> the column's."""
    existing: dict[str, dict[str, str | None]] = {}
    for table, column, comment in conn.execute(CURRENT_COMMENTS_SQL).fetchall():
        existing.setdefault(table, {})[column] = comment
    return existing
