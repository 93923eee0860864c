"""The full-text index `communique search` ranks with, built once per change of the warehouse's quotes or releases.

It lives in a small DuckDB file beside the warehouse (communique.duckdb -> communique.search.duckdb) with the key
of what it was built from: the table_changes sequence numbers of releases and quotes, their row counts and a hash of
their ids, the schema digest and the text of sql/search/documents.sql. A search attaches the file read-only to its
confined connection; when the key no longer matches it first rebuilds the file from a read-only connection to the
warehouse, into a temporary file renamed over the old one (readers of the old file keep it; a killed build leaves
the old index in place). Where the warehouse folder cannot be written, a throwaway index is built in a temporary
folder for that one search. The warehouse itself is never written.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import duckdb

from pipelines import settings
from pipelines.sandbox import connect_confined, load_packaged_extensions, sql_string
from pipelines.warehouse import connect_read_only

ALIAS = "search_index"  # the fts macros refer to their tables through the catalog they were built in: always this
DOCUMENTS_SQL = settings.SQL_DIR / "search" / "documents.sql"
ABANDONED_AFTER_SECONDS = 3600  # a partial index file this old was left by a killed search
_SOURCE_KEY_SQL = """
SELECT
    (SELECT count(*) || ':' || coalesce(bit_xor(hash(release_id)), 0) FROM releases),
    (SELECT count(*) || ':' || coalesce(bit_xor(hash(quote_id)), 0) FROM quotes),
    (SELECT list(table_name || '=' || seq ORDER BY table_name) FROM table_changes
     WHERE table_name IN ('releases', 'quotes', '__schema__'))
"""


def index_path(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.stem}.search.duckdb")


def source_key(conn: duckdb.DuckDBPyConnection) -> str:
    """What the index is built from, as read on a connection whose default database is the warehouse."""
    row = conn.execute(_SOURCE_KEY_SQL).fetchone()
    documents = hashlib.sha256(DOCUMENTS_SQL.read_bytes()).hexdigest()[:16]
    return json.dumps([duckdb.__version__, documents, *(row or ())], default=str)


def is_current(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when the index attached to `conn` was built from the warehouse `conn` reads, as it is now."""
    try:
        row = conn.execute(f"SELECT key FROM {ALIAS}.main.index_key").fetchone()
        return row is not None and row[0] == source_key(conn)
    except duckdb.Error:
        return False


def build(warehouse: Path, index: Path) -> None:
    """Write the index of the warehouse's quotes and sentences to `index`, atomically (rename of a new file)."""
    _sweep_abandoned_builds(index)
    partial = index.with_name(f".{index.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    conn = connect_read_only(warehouse)
    try:
        load_packaged_extensions(conn)
        conn.execute(f"ATTACH {sql_string(partial)} AS {ALIAS}")
        conn.execute(DOCUMENTS_SQL.read_text(encoding="utf-8"))
        conn.execute(f"PRAGMA create_fts_index('{ALIAS}.main.search_documents', 'doc_id', 'sentence')")
        conn.execute(f"CREATE TABLE {ALIAS}.main.index_key AS SELECT $key AS key", {"key": source_key(conn)})
        conn.execute(f"DETACH {ALIAS}")
        conn.close()
        os.replace(partial, index)
    finally:
        conn.close()
        for leftover in (partial, partial.with_name(partial.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _sweep_abandoned_builds(index: Path) -> None:
    """Remove what builds killed mid-way left (old enough that no search is still writing it)."""
    for partial in index.parent.glob(f".{index.name}.*.tmp*"):
        try:
            if time.time() - partial.stat().st_mtime > ABANDONED_AFTER_SECONDS:
                partial.unlink()
        except OSError:  # removed meanwhile by another search
            pass


def connect_search(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A confined read-only connection to the warehouse with a current search index attached as `search_index`."""
    index = index_path(warehouse)
    if index.is_file():
        try:
            conn = connect_confined(warehouse, attach={ALIAS: index})
        except duckdb.Error:  # a damaged index file: rebuilt below
            pass
        else:
            if is_current(conn):
                return conn
            conn.close()
    try:
        build(warehouse, index)
    except (OSError, duckdb.IOException, duckdb.PermissionException):  # a read-only folder: index this search only
        return _throwaway_index(warehouse)
    return connect_confined(warehouse, attach={ALIAS: index})


def _throwaway_index(warehouse: Path) -> duckdb.DuckDBPyConnection:
    with tempfile.TemporaryDirectory(prefix="communique-search-") as folder:
        index = Path(folder) / "search.duckdb"
        build(warehouse, index)
        return connect_confined(warehouse, attach={ALIAS: index})  # stays readable once its folder is removed
