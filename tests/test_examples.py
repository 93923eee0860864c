"""Every query in sql/examples/ runs against the fixture warehouse, says in a leading comment what it answers,
and the ones whose answer the fixture corpus certainly holds return rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines import settings
from tests.notebooks.warehouse_fixture import build

EXAMPLES = sorted((settings.SQL_DIR / "examples").glob("*.sql"))
# The fixture corpus (tests/fixtures/warehouse/) holds an answer to these for sure.
MUST_ANSWER = {
    "strikes_by_town_in_month",
    "what_a_person_said_in_a_year",
    "releases_mentioning_place",
    "duplicates_found",
    "rejected_files",
    "zero_strike_days",
    "weekly_strikes_by_country",
    "targets_destroyed_by_month",
    "releases_per_month_by_kind",
    "number_in_context",
    "unnamed_sources_by_year",
    "speakers_and_roles",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    path = build(tmp_path_factory.getbasetemp() / "fixture_warehouse")
    with duckdb.connect(str(path), read_only=True) as conn:
        yield conn


def test_a_dozen_examples():
    assert len(EXAMPLES) >= 12
    assert {p.stem for p in EXAMPLES} >= MUST_ANSWER


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_runs(path: Path, warehouse):
    sql = path.read_text(encoding="utf-8")
    assert sql.lstrip().startswith("--"), "an example opens with a comment saying what it answers"
    frame = warehouse.execute(sql).pl()
    assert frame.width >= 2
    if path.stem in MUST_ANSWER:
        assert frame.height > 0, f"{path.name} found nothing in the fixture warehouse"


def test_duplicates_and_rejections_are_the_planted_ones(warehouse):
    sql = (settings.SQL_DIR / "examples" / "duplicates_found.sql").read_text(encoding="utf-8")
    copies = warehouse.execute(sql).pl()
    assert copies.select("copy_file", "original_file").rows() == [
        ("syndicated_mosul_feb2017.txt", "news_mosul_feb2017.txt")
    ]
    rejected = warehouse.execute((settings.SQL_DIR / "examples" / "rejected_files.sql").read_text()).pl()
    assert sorted(rejected["source_path"]) == ["binary_saved_as_text.txt", "empty_download.txt"]


def test_number_in_context_offsets_hold(warehouse):
    frame = warehouse.execute((settings.SQL_DIR / "examples" / "number_in_context.sql").read_text()).pl()
    assert frame["offsets_ok"].all()
    assert all(text in context for text, context in zip(frame["text"], frame["context"], strict=False))
