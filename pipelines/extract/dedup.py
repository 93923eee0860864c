"""Near-duplicate releases. PLACEHOLDER for the ingestion issue (MinHash LSH)."""

from __future__ import annotations

from collections.abc import Iterable


def find_duplicates(
    new: Iterable[tuple[str, str]], existing: Iterable[tuple[str, str]] = ()
) -> dict[str, str]:
    """{release_id: release_id of the earlier copy} for new (release_id, body) pairs.

    `existing` are releases already in the warehouse, in the order they were first seen;
    `new` follow in their own order. Only exact body matches for now.
    """
    seen: dict[str, str] = {}
    for rid, body in existing:
        seen.setdefault(body, rid)
    out: dict[str, str] = {}
    for rid, body in new:
        if body in seen and seen[body] != rid:
            out[rid] = seen[body]
        else:
            seen.setdefault(body, rid)
    return out
