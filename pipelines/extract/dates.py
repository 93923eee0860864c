"""Calendar dates as releases write them: "May 26, 2015", "Sept. 5, 2016", "15 February 2017", "2017-02-15"."""

from __future__ import annotations

import re
from datetime import date

# Month names and every abbreviation the corpus uses ("Sept.", "Sep", "Mar.").
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

MONTH_RE = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_MDY = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _safe(year: int, month: int | None, day: int) -> date | None:
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_full_date(text: str) -> tuple[date, int, int] | None:
    """The first complete date (year, month, day) in `text` with its offsets, or None."""
    best: tuple[date, int, int] | None = None
    for regex, build in (
        (_MDY, lambda m: _safe(int(m[3]), month_number(m[1]), int(m[2]))),
        (_DMY, lambda m: _safe(int(m[3]), month_number(m[2]), int(m[1]))),
        (_ISO, lambda m: _safe(int(m[1]), int(m[2]) if 1 <= int(m[2]) <= 12 else None, int(m[3]))),
    ):
        for match in regex.finditer(text):
            found = build(match)
            if found and (best is None or match.start() < best[1]):
                best = (found, match.start(), match.end())
            if found:
                break
    return best


def parse_full_date(text: str) -> date | None:
    found = find_full_date(text)
    return found[0] if found else None
