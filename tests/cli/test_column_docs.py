"""Column documentation from one source: the contract's text is in sql/comments/contract.tsv, every table and
column of a built warehouse carries a COMMENT, every asset a Dagster column schema, and the README the same text."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines import column_docs, settings

# shared/ sits beside the repository (CI, a clone); beside the worktrees' folder in a worktree.
CANDIDATES = [base / "shared" / "docs" / "warehouse-contract.md" for base in settings.PROJECT_ROOT.parents[:2]]
CONTRACT = next((path for path in CANDIDATES if path.exists()), CANDIDATES[0])

CONTRACT_SHAPE = """## things and thing_parts — what things are made of
things:
| column | type | meaning |
|---|---|---|
| thing_id | VARCHAR PK | |
| name | VARCHAR NOT NULL | what a thing is called: `widget` |

thing_parts:
| column | type | meaning |
|---|---|---|
| thing_id | VARCHAR FK | |
| char_start, char_end | INTEGER | offsets in the body |
"""


def test_parse_contract_reads_headings_subtables_keys_and_paired_columns():
    docs = {(d.table, d.column): d for d in column_docs.parse_contract(CONTRACT_SHAPE)}
    assert docs[("things", "")].description == docs[("thing_parts", "")].description == "what things are made of"
    assert docs[("things", "thing_id")].description == "Primary key."
    assert docs[("things", "name")] == column_docs.Doc("things", "name", "VARCHAR", "what a thing is called: widget")
    assert docs[("thing_parts", "char_end")].description == "offsets in the body"
    assert ("things", "char_start") not in docs


@pytest.mark.skipif(not CONTRACT.exists(), reason=f"the contract is not beside the repository ({CONTRACT})")
def test_contract_tsv_is_the_contract():
    assert column_docs.parse_contract(CONTRACT.read_text(encoding="utf-8")) == column_docs.read_tsv(
        column_docs.CONTRACT_TSV
    )


def test_every_table_and_column_of_the_warehouse_is_commented(sample_warehouse: Path):
    with duckdb.connect(str(sample_warehouse), read_only=True) as conn:
        columns = conn.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
            "AND (comment IS NULL OR comment = '')"
        ).fetchall()
        tables = conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal "
            "AND (comment IS NULL OR comment = '')"
        ).fetchall()
        described = conn.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'metrics' AND column_name = 'qualifier'"
        ).fetchone()
    assert columns == [] and tables == []
    assert described is not None and described[0].startswith("exact, approximately")


def test_every_asset_has_a_column_schema_with_descriptions(sample_warehouse: Path):
    from pipelines.definitions import all_assets

    with duckdb.connect(str(sample_warehouse), read_only=True) as conn:
        for asset in all_assets:
            for spec in asset.specs:
                name = spec.key.to_user_string()
                if spec.metadata.get("communique/table") == "none":
                    continue
                schema = spec.metadata["dagster/column_schema"]
                actual = {r[0] for r in conn.execute(f"DESCRIBE {name}").fetchall()}
                assert {c.name for c in schema.columns} == actual, name
                assert all(c.description for c in schema.columns), name


def test_readme_reference_is_generated_from_the_same_text():
    readme = (settings.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert column_docs.readme_reference() in readme, "run: python -m pipelines.column_docs --readme"
