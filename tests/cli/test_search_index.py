"""`communique search` builds its index once and keeps it beside the warehouse until quotes or releases change."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.cli.search_index import index_path
from pipelines.warehouse import mark_changed

runner = CliRunner()


def search(warehouse, phrase: str) -> list[dict]:
    result = runner.invoke(app, ["search", phrase, "-w", str(warehouse), "-f", "json", "-n", "10"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def identity(path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_second_search_reuses_the_index(warehouse_copy):
    before = digest(warehouse_copy)
    first = search(warehouse_copy, "airstrikes caves")
    index = index_path(warehouse_copy)
    built = identity(index)
    assert search(warehouse_copy, "airstrikes caves") == first
    assert identity(index) == built  # not rebuilt
    assert digest(warehouse_copy) == before  # the warehouse is never written
    assert sorted(p.name for p in warehouse_copy.parent.iterdir()) == sorted([warehouse_copy.name, index.name])


def test_a_run_that_changes_quotes_makes_the_next_search_rebuild(warehouse_copy):
    assert search(warehouse_copy, "zanzibarite") == []
    built = identity(index_path(warehouse_copy))
    conn = duckdb.connect(str(warehouse_copy))
    try:
        conn.execute(
            "INSERT INTO quotes SELECT * REPLACE ('q-test' AS quote_id, 'The zanzibarite depot was destroyed.' "
            "AS quote_text) FROM quotes WHERE release_id IN (SELECT release_id FROM releases "
            "WHERE coalesce(counted_in_marts, duplicate_of IS NULL)) LIMIT 1"
        )
        mark_changed(conn, ["quotes"])
    finally:
        conn.close()
    found = search(warehouse_copy, "zanzibarite")
    assert [row["sentence"] for row in found] == ["The zanzibarite depot was destroyed."]
    assert identity(index_path(warehouse_copy)) != built


def test_results_match_an_index_built_from_scratch(warehouse_copy, sample_warehouse):
    """The kept index answers as a fresh one does, and a damaged index file is rebuilt, not an error."""
    reused = search(warehouse_copy, "Iraqi forces")
    index_path(warehouse_copy).write_bytes(b"not a database")
    assert search(warehouse_copy, "Iraqi forces") == reused


def test_a_read_only_folder_still_searches(warehouse_copy, monkeypatch):
    import pipelines.cli.search_index as search_index

    rename = search_index.os.replace

    def refuse_in_the_warehouse_folder(source, target):  # root ignores file modes: the folder refuses by hand
        if Path(target).parent == warehouse_copy.parent:
            raise PermissionError(f"read-only folder: {target}")
        rename(source, target)

    monkeypatch.setattr(search_index.os, "replace", refuse_in_the_warehouse_folder)
    assert search(warehouse_copy, "airstrikes caves")
    assert not index_path(warehouse_copy).exists()
    assert [p.name for p in warehouse_copy.parent.iterdir()] == [warehouse_copy.name]


def test_a_build_sweeps_what_a_killed_build_left(warehouse_copy):
    import os
    import time

    index = index_path(warehouse_copy)
    abandoned = index.with_name(f".{index.name}.1234.deadbeef.tmp")
    recent = index.with_name(f".{index.name}.5678.cafef00d.tmp")
    for partial in (abandoned, recent):
        partial.write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    os.utime(abandoned, (two_hours_ago, two_hours_ago))
    search(warehouse_copy, "strike")
    assert not abandoned.exists() and recent.exists()  # a recent one may be another search's build in progress
