"""`communique evaluate` end to end on the seeds (raw/ and their gold, copied into tests/fixtures/seeds/)."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app

ROOT = Path(__file__).resolve().parents[2]
RAW, GOLD = ROOT / "tests" / "fixtures" / "seeds" / "raw", ROOT / "tests" / "fixtures" / "seeds" / "gold.jsonl"
runner = CliRunner()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """One build of the seeds' warehouse, kept so the other tests read it instead of building again."""
    out = tmp_path_factory.mktemp("evaluate")
    warehouse = out / "seeds.duckdb"
    result = runner.invoke(
        app,
        [
            "evaluate",
            "--raw",
            str(RAW),
            "--gold",
            str(GOLD),
            "--warehouse",
            str(warehouse),
            "--json",
            str(out / "report.json"),
            "--verbose",
        ],
    )
    return result, warehouse, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_report_structure(seeds):
    result, _, report = seeds
    assert result.exit_code == 0, result.output
    assert report["documents"] == {
        "gold": 2,
        "found": 2,
        "missing": 0,
        "expected_rejected": 0,
        "rejected_as_expected": 0,
    }
    assert set(report["tables"]) == {"quotes", "metrics", "entities"}
    for table in report["tables"].values():
        assert table["documents"] == 2
        assert {"precision", "recall", "f1", "tp", "fp", "fn", "fields"} <= set(table)
        assert table["gold"] == table["tp"] + table["fn"]
    assert report["tables"]["quotes"]["gold"] == 8 and report["tables"]["metrics"]["gold"] == 4
    assert report["tables"]["entities"]["gold"] == 26
    for issue in report["issues"]:
        assert issue["kind"] in {"miss", "extra", "wrong"} and issue["file"].endswith(".txt")
    for line in ("Release fields", "precision", "Issues ("):
        assert line in result.output


def test_release_fields_are_reported_and_right(seeds):
    _, _, report = seeds
    fields = report["release_fields"]
    assert set(fields) == {"title", "published_date", "dateline", "publisher", "kind"}
    assert all(field["total"] == 2 for field in fields.values())
    assert all(field["accuracy"] == 1.0 for field in fields.values()), fields


def test_existing_warehouse_is_read_not_rebuilt(seeds, tmp_path):
    _, warehouse, report = seeds
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(warehouse, copy)
    before = copy.stat().st_mtime_ns
    result = runner.invoke(
        app,
        [
            "evaluate",
            "--raw",
            str(RAW),
            "--gold",
            str(GOLD),
            "--warehouse",
            str(copy),
            "--json",
            str(tmp_path / "again.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Building" not in result.output and copy.stat().st_mtime_ns == before
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["tables"] == report["tables"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--raw", "no-such-folder", "--gold", str(GOLD)], "raw folder"),
        (["--raw", str(RAW), "--gold", "no-such.jsonl"], "gold file"),
    ],
)
def test_one_line_errors(args, message):
    result = runner.invoke(app, ["evaluate", *args])
    assert result.exit_code == 2 and message in result.output


def test_bad_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"title": "no file key"}\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--raw", str(RAW), "--gold", str(gold)])
    assert result.exit_code == 2 and "cannot read the gold file" in result.output
