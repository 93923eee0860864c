"""Raw files to source documents: one per .txt/.html file, one per line of a JSON Lines export,
one per object of a .json list. Every input ends up as documents or as rejections with a reason."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from pipelines.extract.reading.decode import decode_bytes
from pipelines.extract.reading.jsonl import missing_article_reason, short_error
from pipelines.extract.records import Rejected

JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)


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


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_documents(source_path: str, data: bytes) -> Iterator[SourceDocument | SourceRejection]:
    """Every document in one raw file, or the reasons it has none."""
    lowered = source_path.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        yield from _json_lines(source_path, data)
        return
    sha = _sha(data)
    try:
        text, encoding = decode_bytes(data)
    except Rejected as exc:
        yield SourceRejection(source_path, sha, len(data), str(exc))
        return
    if lowered.endswith(JSON_SUFFIXES):
        yield from _json_file(source_path, data, sha, text, encoding)
        return
    yield SourceDocument(source_path, sha, len(data), encoding, text)


def _json_lines(source_path: str, data: bytes) -> Iterator[SourceDocument | SourceRejection]:
    # Whole-file checks first: an empty or binary export is one rejection, not one per line.
    try:
        decode_bytes(data)
    except Rejected as exc:
        yield SourceRejection(source_path, _sha(data), len(data), str(exc))
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        raw_line = raw_line.rstrip(b"\r")
        if not raw_line.strip():
            continue  # blank separator lines are not documents
        path = f"{source_path}#{number}"
        sha = _sha(raw_line)
        try:
            text, encoding = decode_bytes(raw_line)
        except Rejected as exc:
            yield SourceRejection(path, sha, len(raw_line), str(exc))
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield SourceRejection(path, sha, len(raw_line), f"malformed JSON line: {short_error(exc)}")
            continue
        reason = missing_article_reason(obj)
        if reason:
            yield SourceRejection(path, sha, len(raw_line), reason)
            continue
        yield SourceDocument(path, sha, len(raw_line), encoding, text)


def _json_file(
    source_path: str, data: bytes, sha: str, text: str, encoding: str
) -> Iterator[SourceDocument | SourceRejection]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield SourceRejection(source_path, sha, len(data), f"malformed JSON: {short_error(exc)}")
        return
    if not isinstance(value, list):
        reason = missing_article_reason(value)
        if reason:
            yield SourceRejection(source_path, sha, len(data), reason)
        else:
            yield SourceDocument(source_path, sha, len(data), encoding, text)
        return
    if not value:
        yield SourceRejection(source_path, sha, len(data), "empty JSON list")
        return
    for number, obj in enumerate(value, start=1):
        path = f"{source_path}#{number}"
        # Each object is re-serialized so that its document (and hash) is independent of its neighbours.
        obj_text = json.dumps(obj, ensure_ascii=False)
        obj_bytes = obj_text.encode("utf-8")
        reason = missing_article_reason(obj)
        if reason:
            yield SourceRejection(path, _sha(obj_bytes), len(obj_bytes), reason)
        else:
            yield SourceDocument(path, _sha(obj_bytes), len(obj_bytes), encoding, obj_text)
