"""Calendar dates as releases write them: "May 26, 2015", "Sept. 5, 2016", "15 February 2017", "2017-02-15"."""

from __future__ import annotations

import re
from datetime import date

# Month names and every abbreviation the corpus uses ("Sept.", "Sep", "Mar.").
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

MONTH_RE = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_MDY = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# DVIDS prints dates as month.day.year: "CAMP TAJI, Iraq (02.08.2017) --".
_DOTTED = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")


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
        (_DOTTED, lambda m: _safe(int(m[3]), int(m[1]) if 1 <= int(m[1]) <= 12 else None, int(m[2]))),
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


# --- Header dates: a line that is nothing but a date -------------------------------------------------
# "May 26, 2015", "Tuesday, Feb. 15, 2017", "15 February 2017", "2017-02-15", "September 13th" (no year),
# "Aug 9, 2023 10:30 AM", "Sept. 5, 2016 | 1:45 p.m." (a time after the date is page chrome too).
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?),?\s+"
_TIME = r"(?:\s*[|,•-]?\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_LINE = re.compile(
    rf"(?:{_WEEKDAY})?(?:"
    rf"(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_RE}),?(?:\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})"
    rf"|(?P<m4>\d{{1,2}})/(?P<d4>\d{{1,2}})/(?P<y4>\d{{4}})"
    rf"){_TIME}\.?",
    re.IGNORECASE,
)

PartialDate = tuple[int | None, int, int]  # (year or None, month, day)


def parse_date_line(text: str) -> PartialDate | None:
    """(year, month, day) when the whole of `text` is a date; year is None for "September 13th"."""
    match = _DATE_LINE.fullmatch(text.strip())
    if not match:
        return None
    if match["m1"]:
        year, month, day = match["y1"], month_number(match["m1"]), match["d1"]
    elif match["m2"]:
        year, month, day = match["y2"], month_number(match["m2"]), match["d2"]
    elif match["y3"]:
        year, month, day = match["y3"], int(match["m3"]), match["d3"]
    else:
        year, month, day = match["y4"], int(match["m4"]), match["d4"]
    if month is None or not 1 <= month <= 12:
        return None
    partial = (int(year) if year else None, month, int(day))
    if _safe(partial[0] or 2000, month, partial[2]) is None:  # 2000 is a leap year: Feb. 29 passes
        return None
    return partial


def complete(partial: PartialDate | None, year: int | None = None) -> date | None:
    """The date of a (year, month, day), the year filled in from `year` when the text had none."""
    if partial is None:
        return None
    y = partial[0] if partial[0] is not None else year
    return _safe(y, partial[1], partial[2]) if y is not None else None


_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)")
_MONTH_ONLY = re.compile(r"\s*(\d{4})-(\d{2})\s*$")


def parse_metadata_date(value: str | None) -> date | None:
    """A date from page or export metadata: "2017-02-15", "2017-02-15T08:00:00Z", "Feb. 15, 2017".

    Month-only values ("2017-08") give None: a month is not a publication date."""
    if not value:
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        return _safe(int(match[1]), int(match[2]) if 1 <= int(match[2]) <= 12 else None, int(match[3]))
    if _MONTH_ONLY.match(value):
        return None
    partial = parse_date_line(value)
    if partial is not None:
        return complete(partial)
    return parse_full_date(value)
