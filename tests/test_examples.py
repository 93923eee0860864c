"""Every query in sql/examples/ says in a leading comment what it answers, runs exactly as the README shows it
(`communique sql "$(cat sql/examples/….sql)"` and `--file`) and returns rows on the sample data; it also runs
against the fixture warehouse, where the planted copies and rejections are the ones found."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines import settings
from pipelines.cli import app
from tests.notebooks.warehouse_fixture import build, build_sample

EXAMPLES = sorted((settings.SQL_DIR / "examples").glob("*.sql"))
# The fixture corpus (tests/fixtures/warehouse/) holds an answer to these for sure.
MUST_ANSWER = {
    "strikes_by_town_in_month",
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
def sample(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.getbasetemp() / "sample_warehouse")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_runs_as_the_readme_shows_and_answers_on_the_sample_data(path: Path, sample):
    runner = CliRunner()
    as_argument = runner.invoke(app, ["sql", path.read_text(encoding="utf-8"), "-w", str(sample), "-f", "csv"])
    as_file = runner.invoke(app, ["sql", "--file", str(path), "-w", str(sample), "-f", "csv"])
    assert as_argument.exit_code == 0, as_argument.output
    assert as_file.stdout == as_argument.stdout
    assert len(as_argument.stdout.splitlines()) > 1, f"{path.name} returns no rows on the sample data"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    path = build(tmp_path_factory.getbasetemp() / "fixture_warehouse")
    with duckdb.connect(str(path), read_only=True) as conn:
        yield conn


def test_a_dozen_examples():
    assert len(EXAMPLES) >= 12
    assert {p.stem for p in EXAMPLES} >= MUST_ANSWER | {"what_a_person_said_in_a_year"}


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
