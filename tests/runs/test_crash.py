"""A run lands whole or not at all: killed, failed or unable to publish, it leaves the last warehouse intact."""

from __future__ import annotations

import json
import os
import signal

import pytest

from pipelines import warehouse as warehouse_module
from pipelines.warehouse import WriteSession
from tests.runs.conftest import (
    MORE_FILES,
    copy_releases,
    digest,
    kill_run_at_first_write,
    query,
    reported,
    run_pipeline,
    working_copies,
)


def test_a_run_killed_mid_way_leaves_the_previous_warehouse_and_the_next_run_publishes(built, tmp_path):
    raw_dir, warehouse = built
    previous = digest(warehouse)
    copy_releases(MORE_FILES, raw_dir)
    assert kill_run_at_first_write(raw_dir, warehouse) == -signal.SIGKILL

    assert digest(warehouse) == previous  # byte for byte the last published warehouse
    assert working_copies(warehouse), "the killed run's working copy is left behind (swept by the next run)"
    assert query(warehouse, "SELECT count(*) FROM releases") == [(3,)]

    result = run_pipeline(raw_dir, warehouse)

    assert result.success
    assert reported(result, "raw_documents")["documents_new"] == 2  # the killed run's reads counted for nothing
    assert query(warehouse, "SELECT count(*) FROM releases") == [(5,)]
    assert query(warehouse, "SELECT count(*) FROM runs") == [(2,)]
    assert working_copies(warehouse) == []


def test_a_run_publishes_once_after_its_last_step(built):
    _, warehouse = built
    (summary,) = [json.loads(s) for (s,) in query(warehouse, "SELECT summary FROM runs")]
    # Every asset's counts are in the one `runs` row: the publish came after the last step, not per step.
    assert {"raw_documents", "releases", "quotes", "metrics", "entity_mentions", "entities"} <= set(summary)
    assert summary["raw_documents"]["documents_new"] == 3


def test_a_step_failing_after_earlier_steps_wrote_publishes_nothing(built, monkeypatch):
    raw_dir, warehouse = built
    previous = digest(warehouse)
    copy_releases(MORE_FILES, raw_dir)

    def broken():
        raise RuntimeError("extractor exploded")

    # Fails `releases` outside any write, after raw_documents committed the new files to the working copy.
    monkeypatch.setattr("pipelines.assets.ingest.extractor_version", broken)
    result = run_pipeline(raw_dir, warehouse)

    assert not result.success
    assert digest(warehouse) == previous
    assert working_copies(warehouse) == []
    monkeypatch.undo()
    assert run_pipeline(raw_dir, warehouse).success
    assert query(warehouse, "SELECT count(*) FROM releases") == [(5,)]


def test_a_failed_write_publishes_nothing(built, monkeypatch):
    raw_dir, warehouse = built
    previous = digest(warehouse)
    copy_releases(MORE_FILES, raw_dir)
    monkeypatch.setattr(
        "pipelines.assets.extraction.run_stage", lambda conn, *args: conn.execute("SELECT * FROM no_such_table")
    )

    assert not run_pipeline(raw_dir, warehouse).success
    assert digest(warehouse) == previous


def test_a_publish_that_fails_fails_the_run_and_keeps_the_previous_warehouse(built, monkeypatch):
    raw_dir, warehouse = built
    previous = digest(warehouse)
    copy_releases(MORE_FILES, raw_dir)

    def no_rename(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(warehouse_module.os, "replace", no_rename)
    result = run_pipeline(raw_dir, warehouse)

    assert not result.success  # Dagster would report an ordinary teardown error as a successful run
    assert digest(warehouse) == previous
    assert working_copies(warehouse) == []
    monkeypatch.undo()
    assert run_pipeline(raw_dir, warehouse).success  # and the lock was let go


def test_a_second_writer_waits_for_the_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(warehouse_module, "LOCK_TIMEOUT_SECONDS", 0.3)
    published = tmp_path / "communique.duckdb"
    messages = []
    first, second = WriteSession(published, "first"), WriteSession(published, "second", log=messages.append)
    first.open().execute(
        "INSERT INTO raw_files (source_path, size_bytes, mtime_ns, last_seen_at) VALUES ('a.txt', 1, 1, now()::TIMESTAMP)"
    )
    first.dirty = True

    with pytest.raises(TimeoutError, match="run first"):
        second.open()
    assert messages == [f"Waiting for run first (pid {os.getpid()}) to finish writing the warehouse"]
    assert second.close(publish=True) is False
    assert first.close(publish=True) is True

    conn = second.open()  # free now, and it sees what the first published
    assert conn.execute("SELECT source_path FROM raw_files").fetchall() == [("a.txt",)]
    second.close(publish=False)
    assert working_copies(published) == []


def test_stale_working_copies_of_crashed_runs_are_swept(built):
    raw_dir, warehouse = built
    for name in (f".{warehouse.name}.dead-run.work", f".{warehouse.name}.dead-run.work.wal"):
        (warehouse.parent / name).write_bytes(b"half a database")

    assert run_pipeline(raw_dir, warehouse).success
    assert working_copies(warehouse) == []
