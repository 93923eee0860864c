"""`communique status` lists the assets of the definitions and fails in one line on a broken file;
`communique search` ranks quotes and sentences by BM25."""

from __future__ import annotations

import dagster as dg
from typer.testing import CliRunner

from pipelines.cli import app

runner = CliRunner()


def test_status_lists_every_asset_of_the_definitions(sample_warehouse):
    from pipelines.definitions import all_assets

    result = runner.invoke(app, ["status", "-w", str(sample_warehouse)])
    assert result.exit_code == 0, result.output
    for asset in all_assets:
        for spec in asset.specs:
            if spec.metadata.get("communique/table") != "none":  # column_comments writes no table of its own
                assert f"  {spec.key.to_user_string()} " in result.stdout
    assert "Rejected files: 1" in result.stdout and "empty_download.txt: empty file" in result.stdout


def test_status_follows_the_asset_graph(sample_warehouse, monkeypatch):
    """A new asset shows up in status without touching the CLI (no list of its own)."""
    import pipelines.definitions

    @dg.asset(group_name="marts")
    def brand_new_mart() -> None: ...

    monkeypatch.setattr(pipelines.definitions, "all_assets", [*pipelines.definitions.all_assets, brand_new_mart])
    result = runner.invoke(app, ["status", "-w", str(sample_warehouse)])
    assert "brand_new_mart" in result.stdout and "not built yet" in result.stdout


def test_status_on_a_broken_or_missing_file_is_one_line(tmp_path):
    broken = tmp_path / "communique.duckdb"
    broken.write_bytes(b"1\n2\n")  # what `COPY … TO` an existing .duckdb once left behind
    for path in (broken, tmp_path / "missing.duckdb"):
        result = runner.invoke(app, ["status", "-w", str(path)])
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr


def test_search_ranks_matching_sentences(sample_warehouse):
    result = runner.invoke(app, ["search", "airstrikes caves", "-w", str(sample_warehouse), "-f", "json", "-n", "5"])
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.stdout)
    assert rows and {"release_id", "published_date", "speaker", "sentence", "score"} <= set(rows[0])
    assert all("cave" in row["sentence"].lower() or "airstrike" in row["sentence"].lower() for row in rows)
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)


def test_search_in_quotes_gives_the_speaker(sample_warehouse):
    result = runner.invoke(
        app, ["search", "Iraqi forces", "--in", "quote", "-w", str(sample_warehouse), "-f", "json", "-n", "3"]
    )
    import json

    rows = json.loads(result.stdout)
    assert rows and all(row["source"] == "quote" and row["speaker"] for row in rows)


def test_search_stems_words(sample_warehouse):
    one = runner.invoke(app, ["search", "strike", "-w", str(sample_warehouse), "-f", "csv", "-n", "3"])
    assert one.exit_code == 0 and len(one.stdout.splitlines()) == 4


def test_contract_tables_come_from_the_contract_text():
    from pipelines.cli.status import CONTRACT_TABLES

    assert CONTRACT_TABLES[:3] == ("raw_documents", "rejected_files", "releases")
    assert set(CONTRACT_TABLES) == {
        "raw_documents",
        "rejected_files",
        "releases",
        "quotes",
        "metrics",
        "entities",
        "entity_mentions",
    }
