"""Direct quotations and their speakers. PLACEHOLDER for the quotes issue."""

from __future__ import annotations

import re

from pipelines.extract.records import Quote

_QUOTED = re.compile(r"[“\"]([^”\"]{10,}?)[”\"]")


def extract_quotes(body: str, *, kind: str = "news", publisher: str | None = None) -> list[Quote]:
    return [Quote(m.group(1), m.start(1), m.end(1)) for m in _QUOTED.finditer(body)]
