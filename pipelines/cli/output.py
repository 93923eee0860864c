"""Printing query results: a table sized to the terminal, CSV, JSON or Markdown; every value readable.

Values are converted once (`plain`): integral floats print as integers (`14`, not `14.0`), BLOBs as hex,
structs, lists and maps as JSON text in flat formats (nested in JSON), dates in ISO form.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import decimal
import enum
import io
import json
import math
import shutil
import uuid
from collections.abc import Sequence
from typing import Any


class OutputFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def json_value(value: Any) -> Any:
    """A value JSON can hold, nesting kept: BLOBs as base64 text, dates as ISO text, integral floats as ints."""
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta | uuid.UUID):
        return str(value)
    return value


def plain(value: Any) -> str:
    """One value as flat text (CSV cells, table cells); NULL is the empty string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()
    if isinstance(value, dict | list | tuple):
        return json.dumps(json_value(value), ensure_ascii=False)
    converted = json_value(value)
    return converted if isinstance(converted, str) else str(converted)


def is_numeric(values: Sequence[Any]) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(
        isinstance(v, int | float | decimal.Decimal) and not isinstance(v, bool) for v in present
    )


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([plain(v) for v in row] for row in rows)
    return buffer.getvalue()


def to_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    records = [{c: json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def to_markdown(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    numeric = [is_numeric([row[i] for row in rows]) for i in range(len(columns))]
    lines = ["| " + " | ".join(cell(c) for c in columns) + " |"]
    lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    lines.extend("| " + " | ".join(cell(plain(v)) for v in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def fit_widths(natural: list[int], total: int | None) -> list[int]:
    """Column widths: the natural ones, or, when they overflow `total` characters, the widest ones narrowed."""
    widths = list(natural)
    if total is None:
        return widths
    budget = total - 3 * (len(widths) - 1)  # " | " between columns
    while sum(widths) > budget and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def clip(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def to_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int | None) -> str:
    """An aligned text table (numbers right-aligned, NULL shown as NULL) at most `width` characters wide."""
    cells = [[plain(v) if v is not None else "NULL" for v in row] for row in rows]
    numeric = [is_numeric([row[i] for row in rows]) for i in range(len(columns))]
    natural = [max([len(c), *(len(r[i].replace("\n", " ")) for r in cells)]) for i, c in enumerate(columns)]
    widths = fit_widths(natural, width)

    def line(values: Sequence[str]) -> str:
        parts = [
            clip(v, w).rjust(w) if n else clip(v, w).ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        ]
        return " | ".join(parts).rstrip()

    out = [line(list(columns)), "-+-".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells)
    return "\n".join(out) + "\n"


def terminal_width(is_terminal: bool) -> int | None:
    """The terminal's width when printing to one; None (no limit) when the output is piped or redirected."""
    return shutil.get_terminal_size((120, 24)).columns if is_terminal else None


def render(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], output: OutputFormat, *, width: int | None = None
) -> str:
    if output is OutputFormat.csv:
        return to_csv(columns, rows)
    if output is OutputFormat.json:
        return to_json(columns, rows)
    if output is OutputFormat.markdown:
        return to_markdown(columns, rows)
    return to_table(columns, rows, width)
