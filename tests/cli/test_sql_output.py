"""`communique sql` reads a query from an argument, a file or standard input, and prints it readably."""

from __future__ import annotations

import json

import click
import pytest
import typer
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.cli.output import fit_widths, plain, to_table

runner = CliRunner()
VALUES = "SELECT 14.0::DOUBLE AS count_as_double, 3::HUGEINT AS big, 'x'::BLOB AS blob, {'k': [1, 2]} AS nested"


def sql(warehouse, *args, input=None):
    return runner.invoke(app, ["sql", *args, "--warehouse", str(warehouse)], input=input)


def test_query_from_file_and_from_stdin(sample_warehouse, tmp_path):
    query = tmp_path / "q.sql"
    query.write_text("-- what it answers\nSELECT kind, count(*) AS n FROM releases GROUP BY kind ORDER BY kind")
    by_file = sql(sample_warehouse, "--file", str(query), "-f", "csv")
    by_stdin = sql(sample_warehouse, "-", "-f", "csv", input=query.read_text())
    by_file_stdin = sql(sample_warehouse, "--file", "-", "-f", "csv", input=query.read_text())
    assert by_file.exit_code == 0, by_file.output
    assert by_file.stdout == by_stdin.stdout == by_file_stdin.stdout
    assert by_file.stdout.startswith("kind,n\n")


def test_an_argument_opening_with_a_comment_is_the_query(sample_warehouse):
    """What the README shows: communique sql "$(cat sql/examples/….sql)" (the text opens with `--`)."""
    result = sql(sample_warehouse, "-- releases per kind\nSELECT count(*) AS n FROM releases", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "n"


def test_integral_numbers_print_as_integers_and_blobs_and_structs_as_text(sample_warehouse):
    csv_out = sql(sample_warehouse, VALUES, "-f", "csv")
    assert csv_out.exit_code == 0 and "Traceback" not in csv_out.output
    assert csv_out.stdout.splitlines()[1] == '14,3,\\x78,"{""k"": [1, 2]}"'
    as_json = json.loads(sql(sample_warehouse, VALUES, "-f", "json").stdout)
    assert as_json == [{"count_as_double": 14, "big": 3, "blob": "eA==", "nested": {"k": [1, 2]}}]
    table = sql(sample_warehouse, VALUES).stdout
    assert " 14 " in table and "14.0" not in table
    markdown = sql(sample_warehouse, VALUES, "-f", "markdown").stdout
    assert markdown.splitlines()[0] == "| count_as_double | big | blob | nested |"


def test_piped_tables_are_not_cut_at_80_columns(sample_warehouse):
    result = sql(sample_warehouse, "SELECT repeat('word ', 60) AS long_text")
    assert result.exit_code == 0
    assert ("word " * 60).strip() in result.stdout


def test_tables_fit_a_terminal_width():
    rows = [("a" * 100, 1, "b" * 100)]
    lines = to_table(["left", "n", "right"], rows, width=60).splitlines()
    assert max(len(line) for line in lines) <= 60
    assert fit_widths([10, 5], None) == [10, 5]
    assert plain(None) == "" and plain(True) == "true" and plain(2.5) == "2.5"


def test_max_rows_shows_a_count_of_the_rest(sample_warehouse):
    result = sql(sample_warehouse, "SELECT * FROM range(100) t(i)", "--max-rows", "5")
    assert result.stdout.splitlines()[-1] == "(100 rows; 95 not shown: --max-rows 0 shows all)"


def test_errors_are_one_line(sample_warehouse, tmp_path):
    for args in (["SELEC 1"], ["SELECT * FROM no_such_table"], ["SELECT 1", "--file", str(tmp_path / "q.sql")], []):
        result = sql(sample_warehouse, *args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, result.stderr)


def commands() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["", *commands()])
def test_dash_h_everywhere_and_every_option_documented(name):
    args = [name, "-h"] if name else ["-h"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "Usage:" in result.stdout, result.output
    if not name:
        return
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help and len(param.help) > 15, f"{name} {param.name}: help missing"
    assert "[default: $" not in result.stdout and " ." not in result.stdout, result.stdout
