"""Edits, renames, deletions and copies in raw/: nothing lost, nothing counted twice, every path accounted for."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pipelines.rawfolder import RawFile, SkippedFile, scan
from tests.runs.conftest import FIRST_FILES, query, run_pipeline

STRIKES = "strike_report_apr2.txt"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (STRIKES, "news_range_day.txt"):
        shutil.copy(FIRST_FILES / name, raw / name)
    return raw


def run(raw: Path, warehouse: Path) -> None:
    result = run_pipeline(raw, warehouse)
    assert result.success


def releases(warehouse: Path) -> dict[str, tuple]:
    """source_path -> (release_id, source_missing, superseded_by, counted_in_marts)"""
    rows = query(
        warehouse, "SELECT source_path, release_id, source_missing, superseded_by, counted_in_marts FROM releases"
    )
    return {row[0]: row[1:] for row in rows}


def iraq_strikes_apr2(warehouse: Path) -> list[tuple]:
    return query(
        warehouse, "SELECT strikes FROM strikes_daily WHERE activity_date = DATE '2017-04-02' AND country = 'Iraq'"
    )


def test_an_edited_file_supersedes_its_release_and_is_counted_once(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    run(raw, warehouse)
    [(old_id, *_)] = [v for k, v in releases(warehouse).items() if k == STRIKES]
    assert iraq_strikes_apr2(warehouse) == [(5,)]
    edited = (
        (raw / STRIKES)
        .read_text()
        .replace("conducted five strikes consisting of 15", "conducted seven strikes consisting of 15")
    )
    (raw / STRIKES).write_text(edited)
    run(raw, warehouse)
    rows = query(
        warehouse, "SELECT release_id, superseded_by, counted_in_marts FROM releases WHERE source_path = ?", [STRIKES]
    )
    new_id = next(r[0] for r in rows if r[0] != old_id)
    assert sorted(rows) == sorted([(old_id, new_id, False), (new_id, None, True)])
    assert iraq_strikes_apr2(warehouse) == [(7,)]  # not 5 + 7


def test_a_renamed_file_keeps_its_release_under_the_new_path(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    run(raw, warehouse)
    before = releases(warehouse)
    (raw / "2017").mkdir()
    (raw / STRIKES).rename(raw / "2017" / "renamed.txt")
    run(raw, warehouse)
    after = releases(warehouse)
    assert after["2017/renamed.txt"] == (before[STRIKES][0], False, None, True)
    assert STRIKES not in after and len(after) == len(before)
    assert iraq_strikes_apr2(warehouse) == [(5,)]


def test_a_deleted_file_is_flagged_and_left_out_of_marts_unless_asked(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "w.duckdb"
    run(raw, warehouse)
    (raw / STRIKES).unlink()
    run(raw, warehouse)
    assert releases(warehouse)[STRIKES][1:] == (True, None, False)
    assert iraq_strikes_apr2(warehouse) == []
    monkeypatch.setenv("COMMUNIQUE_MARTS_INCLUDE_MISSING", "1")
    run(raw, warehouse)
    assert releases(warehouse)[STRIKES][1:] == (True, None, True)
    assert iraq_strikes_apr2(warehouse) == [(5,)]


def test_a_copy_is_listed_under_its_own_path_and_takes_over_when_the_first_goes(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(raw / STRIKES, raw / "z_copy.txt")
    (raw / "zz_link.txt").symlink_to(raw / STRIKES)
    run(raw, warehouse)
    copies = dict(query(warehouse, "SELECT source_path, reason FROM rejected_files WHERE reason LIKE 'same bytes%'"))
    assert copies == {
        "zz_link.txt": f"same bytes as {STRIKES} (listed once, there)",
        "z_copy.txt": f"same bytes as {STRIKES} (listed once, there)",
    }
    (raw / STRIKES).unlink()
    (raw / "zz_link.txt").unlink()
    run(raw, warehouse)
    assert releases(warehouse)["z_copy.txt"][1:] == (False, None, True)
    assert query(warehouse, "SELECT count(*) FROM rejected_files WHERE reason LIKE 'same bytes%'") == [(0,)]
    assert iraq_strikes_apr2(warehouse) == [(5,)]


def test_an_edited_line_of_an_export_supersedes_only_that_line(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    text = (raw / STRIKES).read_text()
    lines = [
        {"url": "https://example.mil/1", "text": text},
        {"url": "https://example.mil/2", "text": (raw / "news_range_day.txt").read_text()},
    ]
    for name in (STRIKES, "news_range_day.txt"):
        (raw / name).unlink()
    (raw / "feed.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    run(raw, warehouse)
    lines[0]["text"] = text.replace(
        "conducted five strikes consisting of 15", "conducted seven strikes consisting of 15"
    )
    (raw / "feed.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    run(raw, warehouse)
    rows = query(
        warehouse, "SELECT source_path, superseded_by IS NOT NULL, counted_in_marts FROM releases ORDER BY ALL"
    )
    assert rows == [("feed.jsonl#1", False, True), ("feed.jsonl#1", True, False), ("feed.jsonl#2", False, True)]
    assert iraq_strikes_apr2(warehouse) == [(7,)]


def test_hostile_files_never_stop_the_run_and_every_path_is_accounted_for(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    os.mkfifo(raw / "pipe.txt")
    (raw / os.fsdecode(b"bad-\xff\xfe-name.txt")).write_bytes(
        (raw / STRIKES).read_bytes().replace(b"Apr. 2", b"Apr. 3")
    )
    (raw / "bomb.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (raw / "bomb.jsonl").write_bytes(b"{" * 100_000 + b"\n" + json.dumps({"text": "MIDDLE EAST — A line."}).encode())
    (raw / "deep.html").write_text(
        "<html><body>" + "<div>" * 20_000 + "<p>BAGHDAD — Deep page text that stays here.</p></body></html>"
    )
    (raw / "garbage.txt").write_bytes(bytes(range(128, 256)) * 40)
    (raw / "utf16.jsonl").write_text(
        json.dumps({"text": "SOUTHWEST ASIA — A sixteen-bit line."}) + "\n", encoding="utf-16"
    )
    shutil.copy(raw / STRIKES, raw / "copy.txt")
    run(raw, warehouse)
    listed = {
        p for (p,) in query(warehouse, "SELECT source_path FROM releases UNION SELECT source_path FROM rejected_files")
    }
    paths = {p for (p,) in query(warehouse, "SELECT source_path FROM raw_paths")}
    for entry in scan(raw):
        if isinstance(entry, SkippedFile) or not entry.source_path.endswith((".jsonl", ".json")):
            assert entry.source_path in listed, entry
    assert paths <= listed  # every document of every export too
    reasons = dict(query(warehouse, "SELECT source_path, reason FROM rejected_files"))
    assert reasons["pipe.txt"] == "not a regular file (named pipe)"
    assert reasons["bomb.json"] == "malformed JSON: JSON nested deeper than 64 levels"
    assert reasons["bomb.jsonl#1"] == "malformed JSON line: JSON nested deeper than 64 levels"
    assert reasons["garbage.txt"] == "undecodable text"
    assert "bomb.jsonl#2" in listed and "utf16.jsonl#1" in listed and "utf16.jsonl#2" not in listed
    bodies = dict(query(warehouse, "SELECT source_path, body FROM releases"))
    assert "Deep page text" in bodies["deep.html"]
    [(name_hex,)] = query(warehouse, "SELECT name_hex FROM raw_files WHERE name_hex IS NOT NULL")
    assert bytes.fromhex(name_hex) == b"bad-\xff\xfe-name.txt"
    assert "bad-\\xff\\xfe-name.txt" in listed
    assert all(isinstance(e, RawFile | SkippedFile) for e in scan(raw))


def test_a_warehouse_from_before_raw_paths_lists_its_paths_on_the_next_run(raw: Path, tmp_path: Path) -> None:
    from pipelines.warehouse import standalone_session

    warehouse = tmp_path / "w.duckdb"
    shutil.copy(raw / STRIKES, raw / "copy.txt")
    run(raw, warehouse)
    with standalone_session(warehouse) as session:
        conn = session.open()
        conn.execute("DELETE FROM raw_paths; DELETE FROM rejected_files")  # as a warehouse made before them
        session.dirty = True
    run(raw, warehouse)
    assert query(warehouse, "SELECT count(*) FROM raw_paths") == [(3,)]
    assert query(warehouse, "SELECT count(*) FROM rejected_files WHERE reason LIKE 'same bytes as %'") == [(1,)]
    run(raw, warehouse)
    assert query(warehouse, "SELECT count(*) FROM raw_files") == [(3,)]
