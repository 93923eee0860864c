"""Raw files to source documents. PLACEHOLDER: the ingestion issue handles JSON Lines and HTML here."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from pipelines.extract.decode import decode_bytes
from pipelines.extract.records import Rejected


@dataclass(slots=True)
class SourceDocument:
    """One document read from raw/: a whole file, or one line of a JSON Lines export."""

    source_path: str  # relative to raw/; "exports/a.jsonl#3" for the third line of an export
    content_sha256: str
    size_bytes: int
    encoding: str
    text: str


@dataclass(slots=True)
class SourceRejection:
    source_path: str
    content_sha256: str | None
    size_bytes: int
    reason: str


def read_documents(source_path: str, data: bytes) -> Iterator[SourceDocument | SourceRejection]:
    """Every document in one raw file, or the reasons it has none."""
    sha = hashlib.sha256(data).hexdigest()
    try:
        text, encoding = decode_bytes(data)
    except Rejected as exc:
        yield SourceRejection(source_path, sha, len(data), str(exc))
        return
    yield SourceDocument(source_path, sha, len(data), encoding, text)
