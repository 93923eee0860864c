"""Work grows with new or changed files, not with the warehouse; nothing is lost when files leave raw/."""

from __future__ import annotations

import os
import shutil

import pytest

from pipelines.extract import version
from tests.runs.conftest import MORE_FILES, copy_releases, query, reported, run_pipeline

STAGES = ("quotes", "metrics", "entity_mentions")
TABLE_IDS = {
    "releases": "release_id",
    "quotes": "quote_id",
    "metrics": "metric_id",
    "entity_mentions": "mention_id",
    "entities": "entity_id",
    "raw_documents": "content_sha256",
}


def snapshot(warehouse) -> dict[str, list]:
    return {table: query(warehouse, f"SELECT {key} FROM {table} ORDER BY 1") for table, key in TABLE_IDS.items()}


def test_a_second_run_over_an_unchanged_folder_reads_and_parses_nothing(built, monkeypatch):
    raw_dir, warehouse = built
    before = snapshot(warehouse)

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr("pipelines.assets.rows.read_documents", no_reading)
    result = run_pipeline(raw_dir, warehouse)

    assert result.success
    ingest = reported(result, "raw_documents")
    assert (ingest["files_seen"], ingest["files_unchanged"], ingest["documents_new"]) == (3, 3, 0)
    assert reported(result, "releases")["parsed"] == 0
    for stage in STAGES:
        assert reported(result, stage)["releases_processed"] == 0, stage
    assert snapshot(warehouse) == before


def test_added_files_are_the_only_ones_read_and_parsed(built):
    raw_dir, warehouse = built
    added = copy_releases(MORE_FILES, raw_dir)

    result = run_pipeline(raw_dir, warehouse)

    assert result.success
    assert reported(result, "raw_documents")["documents_new"] == len(added) == 2
    assert reported(result, "releases")["parsed"] == 2
    for stage in STAGES:
        assert reported(result, stage)["releases_processed"] == 2, stage
    assert query(warehouse, "SELECT count(*) FROM releases") == [(5,)]


def test_a_changed_file_is_read_again_and_its_new_text_parsed(built):
    raw_dir, warehouse = built
    path = raw_dir / "statement_bridge.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("four months", "five months"), encoding="utf-8")

    result = run_pipeline(raw_dir, warehouse)

    ingest = reported(result, "raw_documents")
    assert (ingest["files_unchanged"], ingest["documents_new"]) == (2, 1)
    assert reported(result, "releases")["parsed"] == 1
    rows = query(
        warehouse,
        "SELECT body LIKE '%five months%', source_missing FROM releases "
        "WHERE source_path = 'statement_bridge.txt' ORDER BY 1",
    )
    assert rows == [(False, True), (True, False)]  # the old text's release stays, flagged: its bytes are gone


def test_a_deleted_file_keeps_its_release_flagged_source_missing_until_it_returns(built, tmp_path):
    raw_dir, warehouse = built
    kept = tmp_path / "kept.txt"
    shutil.move(raw_dir / "news_range_day.txt", kept)

    result = run_pipeline(raw_dir, warehouse)

    assert result.success
    assert reported(result, "raw_documents")["files_missing"] == 1
    rows = dict(query(warehouse, "SELECT source_path, source_missing FROM releases"))
    assert rows == {"news_range_day.txt": True, "statement_bridge.txt": False, "strike_report_apr2.txt": False}
    release_id = query(warehouse, "SELECT release_id FROM releases WHERE source_path = 'news_range_day.txt'")[0][0]
    assert query(warehouse, "SELECT count(*) FROM quotes WHERE release_id = ?", [release_id])[0][0] > 0

    shutil.move(kept, raw_dir / "news_range_day.txt")  # the file comes back (same bytes): the flag clears
    assert run_pipeline(raw_dir, warehouse).success
    assert query(warehouse, "SELECT count(*) FILTER (WHERE source_missing), count(*) FROM releases") == [(0, 3)]


def test_the_same_bytes_under_a_new_name_are_not_flagged_missing(built):
    raw_dir, warehouse = built
    os.rename(raw_dir / "statement_bridge.txt", raw_dir / "statement_bridge_renamed.txt")

    result = run_pipeline(raw_dir, warehouse)

    assert reported(result, "raw_documents")["documents_new"] == 0
    assert query(warehouse, "SELECT count(*) FILTER (WHERE source_missing), count(*) FROM releases") == [(0, 3)]


@pytest.fixture
def bumped_version(monkeypatch):
    """A new extractor version, as any edit under pipelines/extract/ gives; the cached one restored afterwards."""
    version.extractor_version.cache_clear()
    monkeypatch.setattr(version, "_RELEASE", "test-bump")
    yield
    monkeypatch.undo()
    version.extractor_version.cache_clear()


def test_a_new_extractor_version_re_extracts_every_release_with_the_same_ids(built, bumped_version, tmp_path):
    raw_dir, warehouse = built
    before = snapshot(warehouse)
    (raw_dir / "news_range_day.txt").rename(tmp_path / "gone.txt")  # a re-extracted release keeps its flag

    result = run_pipeline(raw_dir, warehouse)

    assert result.success
    assert reported(result, "raw_documents")["documents_new"] == 0  # files are not read again, only re-parsed
    assert reported(result, "releases")["parsed"] == 3
    for stage in STAGES:
        assert reported(result, stage)["releases_processed"] == 3, stage
    assert query(warehouse, "SELECT DISTINCT split_part(extractor_version, '+', 1) FROM releases") == [("test-bump",)]
    assert snapshot(warehouse) == before
    assert query(warehouse, "SELECT source_path FROM releases WHERE source_missing") == [("news_range_day.txt",)]


FEED_LINE = '{"url": "https://example.mil/news/%d", "title": "Convoy Reaches Sinjar", "text": "SINJAR, Iraq \u2014 A relief convoy of %d trucks reached Sinjar on Oct. 3."}'


def test_a_rejected_file_fixed_later_replaces_its_rejections(raw_dir, warehouse):
    (raw_dir / "empty.txt").write_bytes(b"")
    (raw_dir / "feed.jsonl").write_text(FEED_LINE % (1, 12) + "\n{not json\n", encoding="utf-8")
    assert run_pipeline(raw_dir, warehouse).success
    reader_rejections = "SELECT source_path FROM rejected_files WHERE extractor_version IS NULL ORDER BY 1"
    assert query(warehouse, reader_rejections) == [("empty.txt",), ("feed.jsonl#2",)]

    shutil.copy(MORE_FILES / "news_medical_course.txt", raw_dir / "empty.txt")
    (raw_dir / "feed.jsonl").write_text(FEED_LINE % (1, 12) + "\n" + FEED_LINE % (2, 30) + "\n", encoding="utf-8")
    result = run_pipeline(raw_dir, warehouse)

    assert result.success
    assert query(warehouse, reader_rejections) == []
    assert reported(result, "raw_documents")["documents_new"] == 2  # the fixed file and the new line only
