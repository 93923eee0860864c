"""A mistyped command or option, a missing argument or a bad value is one line on stderr (exit 2) that names the
culprit and, for a typo, the closest valid name; a query opening with a `-- comment` is still a query."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipelines.cli import app

runner = CliRunner()


def one_error_line(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "named", "closest"),
    [
        (["sql", "--fromat", "csv", "SELECT 1"], "--fromat", "--format"),
        (["sql", "--fromat=csv", "SELECT 1"], "--fromat", "--format"),
        (["search", "x", "--limt", "3"], "--limt", "--limit"),
        (["status", "--warehose", "w.duckdb"], "--warehose", "--warehouse"),
        (["serch", "x"], "'serch'", "'search'"),
        (["--hepl"], "--hepl", "--help"),
    ],
)
def test_a_typo_names_the_closest_valid_name(args, named, closest):
    line = one_error_line(args)
    assert named in line and f"mean {closest}" in line, line


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["search"], "phrase"),
        (["search", "x", "--limit", "many"], "--limit"),
        (["sql", "--format", "cvs", "SELECT 1"], "--format"),
        (["status", "--bogus"], "--bogus"),
    ],
)
def test_usage_errors_are_one_line(args, named):
    line = one_error_line(args)
    assert named in line and "-h`" in line, line


def test_a_query_opening_with_a_comment_is_not_an_option(sample_warehouse):
    query = "-- how many releases\nSELECT count(*) AS n FROM releases"
    result = runner.invoke(app, ["sql", query, "-w", str(sample_warehouse), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "n"


def test_options_with_attached_values_still_work(sample_warehouse):
    result = runner.invoke(app, ["search", "strike", "-n3", "--format=csv", f"--warehouse={sample_warehouse}"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 4
