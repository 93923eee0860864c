"""Publishing costs what a run changed: the replaced file is kept as the spare and brought up to date block by
block by the next run, only when nobody can see it; every failure window leaves the published warehouse intact."""

from __future__ import annotations

import os

import pytest

from pipelines.warehouse import WriteSession, connect_read_only, spare_path, standalone_session, sync_file
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

ROWS = 60_000  # one DuckDB default row group would hold them all; the writer's groups hold 8,192


def add_rows(published, first: int, count: int) -> dict:
    """One publishing session adding `count` rows of text to `bulk`; returns its working_copy summary."""
    with standalone_session(published, run_id=f"add-{first}") as session:
        conn = session.open()
        conn.execute("CREATE TABLE IF NOT EXISTS bulk (i BIGINT, text VARCHAR)")
        conn.execute(
            "INSERT INTO bulk SELECT i, repeat(md5(i::VARCHAR), 8) FROM range($first, $last) t(i)",
            {"first": first, "last": first + count},
        )
        session.dirty = True
    return session.summary.get("working_copy", {})


def rows(published) -> tuple:
    conn = connect_read_only(published)
    try:
        return conn.execute("SELECT count(*), sum(i) FROM bulk").fetchone()
    finally:
        conn.close()


@pytest.fixture
def published(tmp_path):
    """A warehouse published twice: the file the second publish replaced is the spare."""
    path = tmp_path / "communique.duckdb"
    add_rows(path, 0, ROWS)
    add_rows(path, ROWS, 10)
    assert spare_path(path).exists()
    return path


def test_ten_new_rows_on_a_large_table_rewrite_a_small_part_of_the_file(published):
    copy = add_rows(published, ROWS + 10, 10)

    assert copy["from_spare"]
    # What the previous run wrote (10 rows: one small row group per column, the catalog), not the whole table.
    assert copy["bytes_written"] < copy["bytes"] / 5, copy
    total = ROWS + 20
    assert rows(published) == (total, total * (total - 1) // 2)
    assert working_copies(published) == []


def test_a_spare_a_reader_still_holds_is_left_alone_and_the_run_copies(tmp_path):
    path = tmp_path / "communique.duckdb"
    add_rows(path, 0, 1000)
    reader = connect_read_only(path)  # opened before the next publish: it holds the file that becomes the spare
    add_rows(path, 1000, 10)
    before = digest(spare_path(path))

    copy = add_rows(path, 1010, 10)

    assert not copy["from_spare"]
    assert reader.execute("SELECT count(*) FROM bulk").fetchone() == (1000,)  # still the warehouse it opened
    reader.close()
    assert rows(path)[0] == 1020
    assert digest(spare_path(path)) != before  # the spare is now the file the last publish replaced


def test_killed_between_keeping_the_spare_and_the_rename_the_next_run_never_writes_the_published_file(published):
    # The state such a kill leaves: the spare is a second name of the published file.
    spare = spare_path(published)
    spare.unlink()
    os.link(published, spare)
    previous = digest(published)

    session = WriteSession(published, "after-the-kill")
    conn = session.open()
    conn.execute("INSERT INTO bulk VALUES (-1, 'written into the working copy only')")
    conn.execute("CHECKPOINT")
    session.dirty = True

    assert digest(published) == previous
    assert session.summary["working_copy"]["from_spare"] is False
    assert session.close(publish=True)
    assert rows(published)[0] == ROWS + 11
    assert os.stat(published).st_nlink == 1 and os.stat(spare).st_ino != os.stat(published).st_ino


def test_a_failed_run_after_taking_the_spare_publishes_nothing_and_the_next_one_copies(published):
    previous = digest(published)
    with pytest.raises(RuntimeError), standalone_session(published, "fails") as session:
        session.open().execute("DELETE FROM bulk")
        session.dirty = True
        raise RuntimeError("a step failed")

    assert session.summary["working_copy"]["from_spare"]
    assert digest(published) == previous
    assert working_copies(published) == [] and not spare_path(published).exists()
    assert add_rows(published, ROWS + 10, 5)["from_spare"] is False
    assert rows(published)[0] == ROWS + 15


@pytest.mark.parametrize("target_size", [0, 100, 300_000, 1_000_000])
def test_sync_file_makes_any_target_equal_to_the_source(tmp_path, target_size):
    source, target = tmp_path / "source", tmp_path / "target"
    data = bytearray(os.urandom(700_000))
    source.write_bytes(data)
    stale = bytearray(data[:target_size]) + os.urandom(max(0, target_size - len(data)))
    stale[50:60] = b"0123456789"  # differs in the first chunk only (when that long)
    target.write_bytes(bytes(stale))

    fd = os.open(target, os.O_RDWR)
    try:
        written = sync_file(source, fd)
    finally:
        os.close(fd)

    assert target.read_bytes() == bytes(data)
    if target_size == 1_000_000:
        assert written == 1 << 18  # one 256 KiB chunk differed; the rest was left as it was


def test_a_run_killed_while_working_from_the_spare_leaves_the_warehouse_and_the_next_run_publishes(built):
    raw_dir, warehouse = built
    assert run_pipeline(raw_dir, warehouse).success  # nothing new: publishes nothing, so no spare yet
    copy_releases(MORE_FILES, raw_dir)
    (extra,) = sorted(MORE_FILES.glob("*.txt"))[:1]
    (raw_dir / extra.name).unlink()  # one of the new files now, the other in the run that is killed
    assert run_pipeline(raw_dir, warehouse).success and spare_path(warehouse).exists()
    previous = digest(warehouse)
    copy_releases(MORE_FILES, raw_dir)

    kill_run_at_first_write(raw_dir, warehouse)

    assert digest(warehouse) == previous
    assert query(warehouse, "SELECT count(*) FROM releases") == [(4,)]
    result = run_pipeline(raw_dir, warehouse)
    assert result.success and reported(result, "raw_documents")["documents_new"] == 1
    assert query(warehouse, "SELECT count(*) FROM releases") == [(5,)]
    assert working_copies(warehouse) == []
