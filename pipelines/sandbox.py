"""Confined read-only SQL: what `communique sql`, `communique search` and the notebooks run analysts' queries on.

Two guards, each enough alone for what it covers:
- the statement: DuckDB's own parser (`extract_statements`, on the confined connection, so a PRAGMA naming an
  extension never triggers a download) must find exactly one statement, of the SELECT kind (WITH, FROM-first,
  VALUES, DESCRIBE, SHOW, SUMMARIZE and table PRAGMAs such as `PRAGMA table_info` included; EXPLAIN is not,
  since `EXPLAIN ANALYZE` runs the statement it explains);
- the connection: the warehouse attached read-only, then external access disabled (no file, no network: COPY,
  ATTACH, INSTALL and read_csv/read_text/glob fail) and the configuration locked (SET cannot undo it).
A time limit interrupts a runaway query from a timer thread (`connection.interrupt()`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from pipelines import settings
from pipelines.warehouse import connect_read_only

READ_ONLY_KINDS = frozenset({duckdb.StatementType.SELECT})


class UnsafeStatement(ValueError):
    """The text is not exactly one read-only statement."""


class QueryTimeout(RuntimeError):
    """The query ran past its time limit and was interrupted."""


class QueryCancelled(RuntimeError):
    """The user pressed Ctrl-C while the query ran."""


def single_read_only_statement(sql: str, conn: duckdb.DuckDBPyConnection) -> str:
    """The one read-only statement `sql` holds, as DuckDB parsed it on `conn`; raises UnsafeStatement otherwise."""
    try:
        statements = conn.extract_statements(sql)
    except duckdb.Error as exc:
        raise UnsafeStatement(one_line(exc)) from exc
    if not statements:
        raise UnsafeStatement("no SQL statement given")
    if len(statements) > 1:
        raise UnsafeStatement(f"{len(statements)} statements given; run one statement at a time")
    kind = statements[0].type
    if kind not in READ_ONLY_KINDS:
        raise UnsafeStatement(f"{kind.name} statements are not allowed: the warehouse is read-only (SELECT only)")
    return sql


def one_line(error: BaseException) -> str:
    """An exception's message on one line (DuckDB's messages carry a caret diagram on later lines)."""
    text = str(error).split("\n\nLINE ")[0]
    return " ".join(text.split()) or type(error).__name__


def fts_extension() -> Path | None:
    """The fts extension file shipped by the `duckdb-extension-fts` package (same version as duckdb), if installed."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    folder = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    found = sorted(folder.glob("fts.duckdb_extension"))
    return found[0] if found else None


def sql_string(text: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def load_packaged_extensions(conn: duckdb.DuckDBPyConnection) -> None:
    """Load fts from its Python package (when installed) and never fetch an extension from the network."""
    extension = fts_extension()
    if extension is not None:
        conn.execute(f"LOAD {sql_string(extension)}")
    conn.execute("SET autoinstall_known_extensions = false")
    conn.execute("SET autoload_known_extensions = false")


def confine(conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Load the packaged extensions, then cut the connection off from files and lock its settings."""
    load_packaged_extensions(conn)
    conn.execute("SET enable_external_access = false")
    conn.execute("SET lock_configuration = true")
    return conn


def connect_confined(
    path: Path | None = None, *, allow_files: bool = False, attach: Mapping[str, Path] | None = None
) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse; unless `allow_files`, confined (no file or network access).

    `attach` names other database files to attach read-only first (alias -> file), e.g. the search index."""
    conn = connect_read_only(Path(path) if path else settings.warehouse_path())
    try:
        for alias, file in (attach or {}).items():
            conn.execute(f'ATTACH {sql_string(file)} AS "{alias}" (READ_ONLY)')
        return conn if allow_files else confine(conn)
    except BaseException:
        conn.close()
        raise


def _on_sigint(conn: duckdb.DuckDBPyConnection, cancelled: threading.Event) -> Any:
    """A SIGINT handler that stops the running query instead of raising inside DuckDB's call."""

    def handler(signum: int, frame: Any) -> None:
        cancelled.set()
        conn.interrupt()

    return handler


@contextmanager
def time_limit(conn: duckdb.DuckDBPyConnection, seconds: float | None) -> Iterator[None]:
    """Interrupt what `conn` runs after `seconds` (None or 0: no limit) or on Ctrl-C.

    Raises QueryTimeout or QueryCancelled, so callers can tell the user which in one line.
    """
    fired, cancelled = threading.Event(), threading.Event()

    def interrupt() -> None:
        fired.set()
        conn.interrupt()

    timer = threading.Timer(seconds, interrupt) if seconds and seconds > 0 else None
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _on_sigint(conn, cancelled)) if in_main else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        yield
    except (duckdb.InterruptException, RuntimeError, KeyboardInterrupt) as exc:
        if cancelled.is_set() or isinstance(exc, KeyboardInterrupt):
            raise QueryCancelled("interrupted (Ctrl-C); nothing was changed") from exc
        if fired.is_set():
            raise QueryTimeout(f"the query ran longer than {seconds:g} s and was stopped (--timeout)") from exc
        raise
    finally:
        if timer is not None:
            timer.cancel()
        if in_main:
            signal.signal(signal.SIGINT, previous)
