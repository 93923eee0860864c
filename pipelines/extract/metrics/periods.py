"""Activity periods inside release text, resolved against the publication date.

"On Mar. 21" -> 2017-03-21; "between March 16-22", "Dec. 16 – 22", "16 October to 13 November",
"Aug. 15-16" -> a range; "yesterday"/"today" -> relative to the publication date; "In January" -> the month.
A day and month without a year take the publication year, or the year before when that would put the
activity well after publication (a January release saying "Dec. 30"). No publication date and no year
in the text -> no period: unknown is NULL, never a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from pipelines.extract.release.dates import MONTHS, month_number

# An activity date may run a little past publication (a release dated at midnight, time zones); beyond this
# margin the month-day must belong to the previous year.
_FUTURE_MARGIN = timedelta(days=45)


@dataclass(slots=True)  # not frozen: a frozen __init__ is slow, and one is made per number, date or verb
class Period:
    start: date | None
    end: date | None
    char_start: int
    char_end: int
    since: bool = False  # "since Aug. 8, 2014": the start of a running total, not an activity period
    weak: bool = False  # a bare year ("began in 2014"): a period only when it opens the sentence ("In 2016, ...")


def _month_alternatives(full_only: bool = False) -> str:
    # Capitalized or ALL CAPS only: "may" and "march" in lower case are usually not months.
    names = [m for m in MONTHS if not full_only or len(m) > 4 or m in ("may", "june", "july")]
    forms = {f for m in names for f in (m.capitalize(), m.upper())}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\.?"


_MON = _month_alternatives()
_MON_FULL = _month_alternatives(full_only=True)
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\d,]\d)"
_GAP = r"(?:(?<=\.)\s*|\s+)"  # "Jan. 26", and "Jan.26-Feb.1" as some releases run them together
_CONNECT = r"\s*(?:--?|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b|\band\b)\s*"

_DATE_RE = re.compile(
    rf"""
    (?:(?P<m1>{_MON}){_GAP}(?P<d1>{_DAY})|(?P<d1b>{_DAY})\s+(?P<m1b>{_MON}))(?:,?\s+(?P<y1>{_YEAR}))?
    (?:{_CONNECT}
       (?:(?P<m2>{_MON}){_GAP}(?P<d2>{_DAY})|(?P<d2b>{_DAY})(?:\s+(?P<m2b>{_MON}))?)(?:,?\s+(?P<y2>{_YEAR}))?
    )?
    """,
    re.VERBOSE,
)
# Every date form but ISO names a month; finding month words first (a capital letter starts each) is fast,
# and the full expressions are then tried only there.
_MONTH_WORD_RE = re.compile(rf"(?:{_MON})(?![A-Za-z])")
_MONTH_FULL_RE = re.compile(rf"{_MON_FULL}$")
_DAY_BEFORE_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+$")
_MONTH_ONLY_BEFORE_RE = re.compile(
    r"\b(?:[Ii]n|IN|[Dd]uring|[Tt]hroughout|[Ff]or|month\s+of|[Ss]ince|SINCE)\s+(?:the\s+month\s+of\s+)?$"
)
_MONTH_ONLY_AFTER_RE = re.compile(rf"(?:,?\s+(?P<yo>{_YEAR}))?(?!\s*\d)")
_YEAR_DIGITS_RE = re.compile(r"[12][09]\d\d(?!\d)")  # starts with a character class: fast to scan
_YEAR_BEFORE_RE = re.compile(r"\b(?:[Ii]n|IN|[Dd]uring|[Tt]hroughout|[Ss]ince|SINCE)\s+$")
_SINCE_BEFORE_RE = re.compile(r"\b(?:[Ss]ince|SINCE)\s+(?:(?:the\s+month\s+of|[Oo]n)\s+)?$")
_RELATIVE_RE = re.compile(r"\b(?:[Yy]esterday|YESTERDAY|[Tt]oday|TODAY|[Ll]ast night|[Tt]his morning)\b")
_WEEKDAY_RE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# Cheap substring tests that rule out the slower relative-day and weekday patterns for most sentences.
_RELATIVE_HINTS = ("esterday", "oday", "ESTERDAY", "ODAY", "ast night", "his morning")
_WEEKDAY_HINTS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day(text: str) -> int:
    return int(re.match(r"\d+", text)[0])


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, published: date | None) -> int | None:
    """The year of a month-day written without one, as seen from the publication date."""
    if published is None:
        return None
    candidate = _make(published.year, month, day)
    if candidate is None:  # Feb. 29 outside a leap year: try the year before
        return published.year - 1 if _make(published.year - 1, month, day) else None
    return published.year - 1 if candidate > published + _FUTURE_MARGIN else published.year


def _resolve_dates(m: re.Match[str], published: date | None) -> tuple[date | None, date | None]:
    month1 = month_number(m["m1"] or m["m1b"])
    day1 = _day(m["d1"] or m["d1b"])
    if m["d2"] is None and m["d2b"] is None:
        year = int(m["y1"]) if m["y1"] else infer_year(month1, day1, published)
        single = _make(year, month1, day1) if year and month1 else None
        return single, single
    month2 = month_number(m["m2"] or m["m2b"]) if (m["m2"] or m["m2b"]) else month1
    day2 = _day(m["d2"] or m["d2b"])
    if month2 == month1 and day2 <= day1:  # "March 14 and 12 strikes": not a range
        return None, None
    wraps = (month1, day1) > (month2, day2)  # "Dec. 30 - Jan. 5"
    if m["y2"]:
        year2 = int(m["y2"])
        year1 = int(m["y1"]) if m["y1"] else year2 - wraps
    elif m["y1"]:
        year1 = int(m["y1"])
        year2 = year1 + wraps
    else:
        year2 = infer_year(month2, day2, published)
        if year2 is None:
            return None, None
        year1 = year2 - wraps
    if not (month1 and month2):
        return None, None
    return _make(year1, month1, day1), _make(year2, month2, day2)


def _since(text: str, start: int, floor: int) -> bool:
    return bool(_SINCE_BEFORE_RE.search(text, max(floor, start - 24), start))


def _year_candidates(text: str, pos: int, endpos: int) -> list[re.Match[str]]:
    """Four-digit 19xx/20xx runs, found from str.find of "19" and "20" (faster than a regex scan of the body)."""
    starts = []
    for prefix in ("19", "20"):
        i = text.find(prefix, pos, endpos)
        while i != -1:
            starts.append(i)
            i = text.find(prefix, i + 1, endpos)
    if not starts:
        return []
    starts.sort()
    out = []
    covered = -1
    for i in starts:
        if i < covered:
            continue
        m = _YEAR_DIGITS_RE.match(text, i, endpos)
        if m is not None:
            out.append(m)
            covered = m.end()
    return out


def find_periods(text: str, published: date | None, pos: int = 0, endpos: int | None = None) -> list[Period]:  # noqa: C901 (split pending, issue 14)
    """Every activity-period expression in text[pos:endpos], offsets into `text`, in text order.

    Unresolvable dates (no year and no publication date) are returned too, with no dates: their digits are
    a date, never a count.
    """
    endpos = len(text) if endpos is None else endpos
    found: list[Period] = []
    covered = -1
    for month in _MONTH_WORD_RE.finditer(text, pos, endpos):
        if month.start() < covered:
            continue  # the second month of "16 October to 13 November"
        before = _DAY_BEFORE_RE.search(text, max(pos, month.start() - 8), month.start())
        m = _DATE_RE.match(text, before.start(), endpos) if before else None
        if m is None or m.end() <= month.start():
            m = _DATE_RE.match(text, month.start(), endpos)
        if m is not None:
            start, end = _resolve_dates(m, published)
            found.append(Period(start, end, m.start(), m.end(), since=_since(text, m.start(), pos)))
            covered = m.end()
            continue
        if not _MONTH_FULL_RE.match(month[0]) or not _MONTH_ONLY_BEFORE_RE.search(
            text, max(pos, month.start() - 30), month.start()
        ):
            continue  # "May" the verb, "Mar" alone
        after = _MONTH_ONLY_AFTER_RE.match(text, month.end(), endpos)
        if after is None:
            continue
        number = month_number(month[0])
        if after["yo"]:
            year = int(after["yo"])
        elif published is not None:
            year = published.year if date(published.year, number, 1) <= published else published.year - 1
        else:
            year = None
        start = date(year, number, 1) if year else None
        end = date(year, number, calendar.monthrange(year, number)[1]) if year else None
        found.append(Period(start, end, month.start(), after.end(), since=_since(text, month.start(), pos)))
        covered = after.end()
    for m in _year_candidates(text, pos, endpos):
        if m[0][:2] not in ("19", "20") or (m.start() > 0 and text[m.start() - 1].isdigit()):
            continue
        if any(p.char_start <= m.start() < p.char_end for p in found):
            continue
        if not _YEAR_BEFORE_RE.search(text, max(pos, m.start() - 12), m.start()):
            continue
        year = int(m[0])
        found.append(
            Period(
                date(year, 1, 1), date(year, 12, 31), m.start(), m.end(), since=_since(text, m.start(), pos), weak=True
            )
        )
    # Every relative day and weekday but "last night" / "this morning" holds "day" or "DAY": one find rules
    # out the slower patterns for most bodies.
    days = text.find("day", pos, endpos) != -1 or text.find("DAY", pos, endpos) != -1
    if (days or text.find("ast night", pos, endpos) != -1 or text.find("his morning", pos, endpos) != -1) and any(
        text.find(hint, pos, endpos) != -1 for hint in _RELATIVE_HINTS
    ):
        for m in _RELATIVE_RE.finditer(text, pos, endpos):
            word = m[0].lower()
            when = None
            if published is not None:
                when = published if word in ("today", "this morning") else published - timedelta(days=1)
            found.append(Period(when, when, m.start(), m.end()))
    if days and any(text.find(hint, pos, endpos) != -1 for hint in _WEEKDAY_HINTS):
        for m in _WEEKDAY_RE.finditer(text, pos, endpos):
            when = None
            if published is not None:
                # The most recent such weekday on or before publication ("Monday" in a Tuesday release).
                back = (published.weekday() - _WEEKDAYS.index(m[0].lower())) % 7
                when = published - timedelta(days=back)
            found.append(Period(when, when, m.start(), m.end()))
    found.sort(key=lambda p: p.char_start)
    return found
