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


def parse_document(obj: Any, line: int = 0) -> GoldDocument:  # noqa: C901 (split pending, issue 14)
    if not isinstance(obj, dict) or not isinstance(obj.get("file"), str) or not obj["file"]:
        raise GoldError(f'line {line}: a gold object needs a "file"')
    fields = {name: obj[name] for name in RELEASE_FIELDS if name in obj}
    if "publisher" in fields and isinstance(fields["publisher"], str):
        fields["publisher"] = [fields["publisher"]]
    tables = {}
    for name in TABLES:
        value = obj.get(name)
        if name in obj and not isinstance(value, list | None):
            raise GoldError(f"line {line}: {name!r} must be a list")
        tables[name] = (value or []) if name in obj else None
    for quote in tables["quotes"] or []:
        if not quote.get("text_start"):
            raise GoldError(f"line {line}: every quote needs a text_start")
    for metric in tables["metrics"] or []:
        if "name" not in metric or "value" not in metric:
            raise GoldError(f"line {line}: every metric needs a name and a value")
    for entity in tables["entities"] or []:
        if "name" not in entity or "type" not in entity:
            raise GoldError(f"line {line}: every entity needs a name and a type")
    return GoldDocument(
        file=obj["file"],
        line=line,
        fields=fields,
        **tables,
        optional_entities=list(obj.get("optional_entities") or []),
        rejected=bool(obj.get("rejected", False)),
    )
