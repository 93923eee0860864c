"""Bytes to text. PLACEHOLDER: the ingestion issue replaces this with charset detection and mojibake repair."""

from __future__ import annotations

from pipelines.extract.records import Rejected


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for raw file bytes; raises Rejected with a one-line reason."""
    if not data.strip():
        raise Rejected("empty file")
    if b"\x00" in data:
        raise Rejected("binary content (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"
