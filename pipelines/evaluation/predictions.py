"""What the warehouse holds for the gold documents, read from the contract tables only."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb


@dataclass(slots=True)
class PredictedEntity:
    entity_id: str
    name: str
    type: str
    forms: set[str]  # canonical name and every surface form in this document


@dataclass(slots=True)
class PredictedDocument:
    release_id: str
    source_path: str
    fields: dict[str, Any]
    quotes: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)
    entities: list[PredictedEntity] = field(default_factory=list)


_RELEASES = """
    SELECT release_id, source_path, content_sha256, title, CAST(published_date AS VARCHAR) AS published_date,
           dateline, publisher, kind
    FROM releases
"""
_QUOTES = """
    SELECT release_id, quote_text, speaker, speaker_role, is_anonymous, char_start
    FROM quotes WHERE release_id IN (SELECT unnest($ids)) ORDER BY release_id, char_start NULLS LAST, quote_id
"""
_METRICS = """
    SELECT release_id, name, value, qualifier, action, location, CAST(period_start AS VARCHAR) AS period_start,
           CAST(period_end AS VARCHAR) AS period_end, is_cumulative, text, char_start
    FROM metrics WHERE release_id IN (SELECT unnest($ids)) ORDER BY release_id, char_start NULLS LAST, metric_id
"""
_MENTIONS = """
    SELECT m.release_id, e.entity_id, e.name, e.type, list(DISTINCT m.text) FILTER (WHERE m.text IS NOT NULL)
    FROM entity_mentions m JOIN entities e USING (entity_id)
    WHERE m.release_id IN (SELECT unnest($ids))
    GROUP BY ALL ORDER BY m.release_id, e.type, e.name
"""


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=False)) for row in cursor.fetchall()]


class ReleaseIndex:
    """Finds the release of a gold `file`: by source path (relative or base name), else by the file's bytes."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, raw_dir: Path | None = None):
        self.rows = _dicts(conn.execute(_RELEASES))
        self.raw_dir = raw_dir
        self.by_path = {row["source_path"]: row for row in self.rows}
        self.by_sha: dict[str, dict] = {}
        self.by_name: dict[str, list[dict]] = {}
        for row in self.rows:
            self.by_sha.setdefault(row["content_sha256"], row)
            self.by_name.setdefault(_base(row["source_path"]), []).append(row)
        self.rejected = {
            path: reason for path, reason in conn.execute("SELECT source_path, reason FROM rejected_files").fetchall()
        }

    def find(self, file: str) -> dict | None:
        file = file.replace("\\", "/").removeprefix("./")
        if file in self.by_path:
            return self.by_path[file]
        candidates = self.by_name.get(_base(file), [])
        if "/" not in file.split("#")[0] and len(candidates) == 1:
            return candidates[0]
        suffix = [row for row in candidates if row["source_path"].endswith("/" + file)]
        if len(suffix) == 1:
            return suffix[0]
        # A byte-identical copy of another file is stored once, under the path seen first.
        if self.raw_dir is not None and "#" not in file:
            path = self.raw_dir / file
            if path.is_file():
                return self.by_sha.get(hashlib.sha256(path.read_bytes()).hexdigest())
        return None

    def rejection(self, file: str) -> str | None:
        if file in self.rejected:
            return self.rejected[file]
        matches = [reason for path, reason in self.rejected.items() if _base(path) == _base(file)]
        return matches[0] if len(matches) == 1 else None


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def load_predictions(conn: duckdb.DuckDBPyConnection, releases: list[dict]) -> dict[str, PredictedDocument]:
    """Quotes, metrics and entities of the given release rows, by release_id."""
    docs = {
        row["release_id"]: PredictedDocument(
            row["release_id"],
            row["source_path"],
            {k: row[k] for k in ("title", "published_date", "dateline", "publisher", "kind")},
        )
        for row in releases
    }
    ids = list(docs)
    for row in _dicts(conn.execute(_QUOTES, {"ids": ids})):
        docs[row["release_id"]].quotes.append(row)
    for row in _dicts(conn.execute(_METRICS, {"ids": ids})):
        docs[row["release_id"]].metrics.append(row)
    for release_id, entity_id, name, type_, texts in conn.execute(_MENTIONS, {"ids": ids}).fetchall():
        docs[release_id].entities.append(PredictedEntity(entity_id, name, type_, {name, *(texts or [])}))
    return docs
