"""The pieces that make a run's cost follow its change: the folder diff in SQL, batches over the pool, the session
that copies the warehouse only on its first write."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.assets.ingest import diff_folder
from pipelines.assets.rows import DocumentForParsing, parse_chunk
from pipelines.parallel import map_batches
from pipelines.rawfolder import RawFile, SkippedFile
from pipelines.warehouse import WriteSession, apply_schema, standalone_session, write_frame

NOW = datetime(2026, 1, 1)


def _known(conn) -> None:
    apply_schema(conn)
    write_frame(
        conn,
        "raw_files",
        [
            {"source_path": "same.txt", "size_bytes": 10, "mtime_ns": 5, "content_sha256": "a", "last_seen_at": NOW},
            {"source_path": "touched.txt", "size_bytes": 10, "mtime_ns": 5, "content_sha256": "b", "last_seen_at": NOW},
            {"source_path": "gone.txt", "size_bytes": 10, "mtime_ns": 5, "content_sha256": "c", "last_seen_at": NOW},
        ],
    )
    write_frame(
        conn,
        "rejected_files",
        [{"source_path": "old.pdf", "reason": "unsupported file type '.pdf'", "seen_at": NOW}],
    )


def test_the_folder_diff_finds_new_changed_and_missing_files_and_new_skips():
    conn = duckdb.connect()
    _known(conn)
    entries = [
        RawFile("same.txt", Path("same.txt"), 10, 5),
        RawFile("touched.txt", Path("touched.txt"), 10, 6),
        RawFile("new.txt", Path("new.txt"), 3, 1),
        SkippedFile("old.pdf", 4, "unsupported file type '.pdf'"),
        SkippedFile(".hidden", None, "hidden file ignored"),
    ]

    diff = diff_folder(conn, entries)

    assert [e.source_path for e in diff.to_read] == ["touched.txt", "new.txt"]
    assert [e.source_path for e in diff.new_skips] == [".hidden"]
    assert diff.missing == ["gone.txt"]
    assert diff.unchanged == 1


def test_batches_come_back_in_order_whatever_their_size():
    items = list(range(1003))  # large enough for the process pool
    batches = list(map_batches(list, items, max_batch=7))
    assert [x for batch in batches for x in batch] == items
    assert max(len(batch) for batch in batches) == 7


def test_one_pass_gives_the_release_and_every_stage_its_rows():
    text = (
        "Coalition strikes continue against ISIS\n\nApril 3, 2017\n\n"
        "SOUTHWEST ASIA -- Coalition military forces conducted 12 strikes near Mosul on April 2.\n\n"
        '"The pressure stays on," said Col. Ana Reyes, the coalition spokesman.\n'
    )
    chunk = parse_chunk(
        [DocumentForParsing("f" * 64, "a.txt", len(text), text), DocumentForParsing("0" * 64, "b.txt", 0, "")]
    )

    assert chunk.releases.column("source_path").to_pylist() == ["a.txt"]
    assert [index for index, _ in chunk.rejections] == [1]
    release_id = chunk.releases.column("release_id")[0].as_py()
    for stage in ("quotes", "metrics", "entity_mentions"):
        table = chunk.stage_rows[stage]
        assert table is not None and set(table.column("release_id").to_pylist()) == {release_id}, stage


def test_reading_before_any_write_neither_copies_nor_publishes(tmp_path):
    published = tmp_path / "communique.duckdb"
    with standalone_session(published) as session:
        write_frame(session.open(), "runs", [{"run_id": "first", "published_at": NOW, "summary": "{}"}])
        session.dirty = True
    before = published.stat()

    session = WriteSession(published, "peek")
    assert session.read().execute("SELECT count(*) FROM runs").fetchone() == (2,)  # ours and the publish's
    assert not list(tmp_path.glob("*.work*"))  # no working copy for a run that only reads
    assert session.close(publish=True) is False
    after = published.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
