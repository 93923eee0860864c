"""Reading a gold JSONL file (gold-format.md) into documents.

Project convention: a key ABSENT from a gold object means "not annotated, not scored" (for a document and for
each quote or metric in it); a key present with null or [] means "nothing expected". One extension: a document
with `"rejected": true` is a file the pipeline should refuse (it must land in rejected_files).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RELEASE_FIELDS = ("title", "published_date", "dateline", "publisher", "kind")
TABLES = ("quotes", "metrics", "entities")


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the line."""


@dataclass(slots=True)
class GoldDocument:
    file: str
    line: int
    fields: dict[str, Any]  # only the release fields the annotator gave (publisher as a list of spellings)
    quotes: list[dict] | None = None  # None: not annotated
    metrics: list[dict] | None = None
    entities: list[dict] | None = None
    optional_entities: list[str] = field(default_factory=list)
    rejected: bool = False


def load_gold(path: Path, limit: int | None = None) -> list[GoldDocument]:
    """The gold documents of a JSONL file, in order; only the first `limit` when given."""
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    with Path(path).open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(documents) >= limit:
                break
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{number}: not JSON ({exc.msg})") from None
            document = parse_document(obj, number)
            if document.file in seen:
                raise GoldError(f"{path}:{number}: file {document.file!r} annotated twice")
            seen.add(document.file)
            documents.append(document)
    return documents


# Keys every row of a table must carry, and the message when one is missing.
_REQUIRED = {
    "quotes": (("text_start",), "every quote needs a text_start"),
    "metrics": (("name", "value"), "every metric needs a name and a value"),
    "entities": (("name", "type"), "every entity needs a name and a type"),
}


def _release_fields(obj: dict) -> dict[str, Any]:
    """The annotated release fields; a publisher given as one string becomes a list of one spelling."""
    fields = {name: obj[name] for name in RELEASE_FIELDS if name in obj}
    if isinstance(fields.get("publisher"), str):
        fields["publisher"] = [fields["publisher"]]
    return fields


def _table(obj: dict, name: str, line: int) -> list[dict] | None:
    """One table's rows (None when the key is absent: not annotated), each checked for its required keys."""
    if name not in obj:
        return None
    value = obj[name]
    if not isinstance(value, list | None):
        raise GoldError(f"line {line}: {name!r} must be a list")
    keys, message = _REQUIRED[name]
    rows = value or []
    if any(not isinstance(row, dict) or not all(k in row for k in keys) for row in rows):
        raise GoldError(f"line {line}: {message}")
    if name == "quotes" and any(not row.get("text_start") for row in rows):
        raise GoldError(f"line {line}: {message}")
    return rows


def parse_document(obj: Any, line: int = 0) -> GoldDocument:
    """One gold object as a document; GoldError names the line of a malformed one."""
    if not isinstance(obj, dict) or not isinstance(obj.get("file"), str) or not obj["file"]:
        raise GoldError(f'line {line}: a gold object needs a "file"')
    return GoldDocument(
        file=obj["file"],
        line=line,
        fields=_release_fields(obj),
        quotes=_table(obj, "quotes", line),
        metrics=_table(obj, "metrics", line),
        entities=_table(obj, "entities", line),
        optional_entities=list(obj.get("optional_entities") or []),
        rejected=bool(obj.get("rejected", False)),
    )
