"""Activity periods inside release text, resolved against the publication date.

"On Mar. 21" -> 2017-03-21; "between March 16-22", "Dec. 16 – 22", "16 October to 13 November",
"Aug. 15-16" -> a range; "yesterday"/"today" -> relative to the publication date; "In January" -> the month;
"between August 2014 and June 2017" -> whole months; "over the past two weeks", "this month", "over the
weekend" -> spans ending at publication. Two points joined by "and"/"to"/"through" ("between 8 a.m. yesterday
and 8 a.m. today", "Monday and today", "between 8 a.m., May 8, and 8 a.m., May 9") make one range. A day and
month without a year take the publication year, or the year before when that would put the activity well after
publication (a January release saying "Dec. 30"). "reported today" is when the release speaks, not when things
happened. No publication date and no year in the text -> no period: unknown is NULL, never a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pipelines.extract.release.dates import MONTHS, month_number

# An activity date may run a little past publication (a release dated at midnight, time zones); beyond this
# margin the month-day must belong to the previous year.
_FUTURE_MARGIN = timedelta(days=45)
# "Jan. 3 and Jan. 5" makes one range only this close together, unless "between"/"from" opens it.
_AND_RANGE_DAYS = 31


@dataclass(slots=True)  # not frozen: a frozen __init__ is slow, and one is made per number, date or verb
class Period:
    start: date | None
    end: date | None
    char_start: int
    char_end: int
    since: bool = False  # "since Aug. 8, 2014": the start of a running total, not an activity period
    weak: bool = False  # a bare year ("began in 2014"): a period only when it opens the sentence ("In 2016, ...")
    anaphor: bool = False  # "during this period", "during the year": the period named before it


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
_CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?|noon|midnight)"

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
    r"\b(?:[Ii]n|IN|[Dd]uring|[Tt]hroughout|[Ff]or|month\s+of|[Ss]ince|SINCE|[Bb]etween|[Ff]rom|[Aa]nd|[Tt]o|"
    r"[Tt]hrough|[Uu]ntil|end\s+of|start\s+of|beginning\s+of)\s+(?:the\s+month\s+of\s+)?$"
)
_MONTH_ONLY_AFTER_RE = re.compile(rf"(?:,?\s+(?P<yo>{_YEAR}))?(?!\s*\d)")
_YEAR_DIGITS_RE = re.compile(r"[12][09]\d\d(?!\d)")  # starts with a character class: fast to scan
_YEAR_BEFORE_RE = re.compile(r"\b(?:[Ii]n|IN|[Dd]uring|[Tt]hroughout|[Ss]ince|SINCE|start\s+of|beginning\s+of)\s+$")
_SINCE_BEFORE_RE = re.compile(
    r"\b(?:[Ss]ince|SINCE)\s+(?:(?:the\s+month\s+of|[Oo]n|the\s+(?:start|beginning)\s+of)\s+)?$"
)
# "since the operation began on May 31", "Since Oct. 27, when ...": a day inside a clause opened by "since".
_SINCE_CLAUSE_RE = re.compile(r"\b(?:[Ss]ince|SINCE)\b[^,.;:\n]{0,50}\s$")
_RELATIVE_RE = re.compile(r"\b(?:[Yy]esterday|YESTERDAY|[Tt]oday|TODAY|[Ll]ast night|[Tt]his morning)\b")
_WEEKDAY_RE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# "officials reported today": the day the release speaks, not the day things happened.
_REPORTING_BEFORE_RE = re.compile(
    r"\b(?:reported|reports|said|says|announced|announces|stated|noted|added|confirmed|told\s+\w+)\s+(?:here\s+)?$"
)
_WEEKEND_RE = re.compile(r"(?P<weekend>over\s+the\s+weekend|this\s+weekend|last\s+weekend)\b")
_SPAN_RE = re.compile(
    r"(?:the\s+)?(?:[Pp]ast|[Ll]ast|[Pp]revious)\s+(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|few|\d{1,2})\s+"
    r"(?P<units>days|weeks|months|years)|(?P<unit>day|week|month|year))\b"
    r"|[Tt]his\s+(?P<this>week|month|year)\b"
)
# "the past week", "over the past two weeks", "last month": a bare "previous months" is no span. Each key is
# found with str.find; the pattern is then tried only there.
_SPAN_OPENERS = (
    "the past ",
    "the last ",
    "the previous ",
    "last week",
    "last month",
    "last year",
    "Last week",
    "Last month",
    "this week",
    "this month",
    "this year",
    "This week",
    "This month",
    "This year",
    "weekend",
)
_ANAPHOR_RE = re.compile(
    r"\b(?:[Dd]uring|[Oo]ver|[Ii]n|[Ff]or|[Tt]hroughout)\s+(?:the\s+same|this|that|the)\s+(?:period|year|month|week)\b(?!\s+of\b)"
)
_SPAN_HINTS = ("ast ", "his ", "revious ", "weekend")  # every span key holds one of these
_ANAPHOR_KEYS = ("period", "the year", "the month", "the week")
_BETWEEN_BEFORE_RE = re.compile(rf"\b(?:[Bb]etween|[Ff]rom|BETWEEN|FROM)\s+(?:{_CLOCK},?\s+)?$")
_JOIN_RE = re.compile(
    rf"\s*,?\s*(?P<word>and|to|through|thru|until|till|--?|–|—)\s*(?:{_CLOCK},?\s+)?(?:on\s+)?"
    r"(?:(?:the\s+)?(?:end|start|beginning|close)\s+of\s+)?"
)
_RELATIVE_HINTS = ("esterday", "oday", "ESTERDAY", "ODAY", "ast night", "his morning")
_WEEKDAY_HINTS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPAN_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_SMALL_NUMBERS = {
    "few": 3,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _day(text: str) -> int:
    m = re.match(r"\d+", text)
    return int(m[0]) if m else 0


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


def _single(m: re.Match[str], published: date | None) -> tuple[date | None, date | None]:
    month = month_number(m["m1"] or m["m1b"])
    day = _day(m["d1"] or m["d1b"])
    year = int(m["y1"]) if m["y1"] else (infer_year(month, day, published) if month else None)
    single = _make(year, month, day) if year and month else None
    return single, single


def _range_years(m: re.Match[str], ends: tuple[int, int, int, int], published: date | None) -> tuple[int, int] | None:
    month1, day1, month2, day2 = ends
    wraps = (month1, day1) > (month2, day2)  # "Dec. 30 - Jan. 5"
    if m["y2"]:
        year2 = int(m["y2"])
        return (int(m["y1"]) if m["y1"] else year2 - wraps), year2
    if m["y1"]:
        return int(m["y1"]), int(m["y1"]) + wraps
    year2_inferred = infer_year(month2, day2, published)
    return None if year2_inferred is None else (year2_inferred - wraps, year2_inferred)


def _resolve_dates(m: re.Match[str], published: date | None) -> tuple[date | None, date | None]:
    if m["d2"] is None and m["d2b"] is None:
        return _single(m, published)
    month1 = month_number(m["m1"] or m["m1b"])
    day1 = _day(m["d1"] or m["d1b"])
    month2 = month_number(m["m2"] or m["m2b"]) if (m["m2"] or m["m2b"]) else month1
    day2 = _day(m["d2"] or m["d2b"])
    if not (month1 and month2) or (month2 == month1 and day2 <= day1):  # "March 14 and 12 strikes": not a range
        return None, None
    years = _range_years(m, (month1, day1, month2, day2), published)
    if years is None:
        return None, None
    return _make(years[0], month1, day1), _make(years[1], month2, day2)


def _since(text: str, start: int, floor: int) -> bool:
    return bool(_SINCE_BEFORE_RE.search(text, max(floor, start - 30), start))


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


def _month_year(published: date | None, number: int, written: str | None) -> int | None:
    if written:
        return int(written)
    if published is None:
        return None
    return published.year if date(published.year, number, 1) <= published else published.year - 1


def _whole_month(text: str, month: re.Match[str], published: date | None, pos: int, endpos: int) -> Period | None:
    """ "In January", "during the month of June 2017", "between August 2014 and June 2017": the whole month."""
    if not _MONTH_FULL_RE.match(month[0]):
        return None  # "Mar" alone
    after = _MONTH_ONLY_AFTER_RE.match(text, month.end(), endpos)
    if after is None:
        return None
    if not after["yo"] and not _MONTH_ONLY_BEFORE_RE.search(text, max(pos, month.start() - 30), month.start()):
        return None  # "May" the verb; "April 2023" needs no preposition
    number = month_number(month[0])
    if number is None:
        return None
    year = _month_year(published, number, after["yo"])
    start = date(year, number, 1) if year else None
    end = date(year, number, calendar.monthrange(year, number)[1]) if year else None
    return Period(start, end, month.start(), after.end(), since=_since(text, month.start(), pos))


def _month_periods(text: str, published: date | None, pos: int, endpos: int) -> list[Period]:
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
        whole = _whole_month(text, month, published, pos, endpos)
        if whole is not None:
            found.append(whole)
            covered = whole.char_end
    return found


def _year_periods(text: str, pos: int, endpos: int, taken: list[Period]) -> list[Period]:
    found = []
    for m in _year_candidates(text, pos, endpos):
        if m[0][:2] not in ("19", "20") or (m.start() > 0 and text[m.start() - 1].isdigit()):
            continue
        if any(p.char_start <= m.start() < p.char_end for p in taken):
            continue
        if not _YEAR_BEFORE_RE.search(text, max(pos, m.start() - 20), m.start()):
            continue
        year = int(m[0])
        since = _since(text, m.start(), pos)
        found.append(Period(date(year, 1, 1), date(year, 12, 31), m.start(), m.end(), since=since, weak=not since))
    return found


def _relative_days(text: str, published: date | None, pos: int, endpos: int) -> list[Period]:
    found = []
    for m in _RELATIVE_RE.finditer(text, pos, endpos):
        word = m[0].lower()
        if word == "today" and _REPORTING_BEFORE_RE.search(text, max(pos, m.start() - 30), m.start()):
            continue  # "officials reported today"
        when = None
        if published is not None:
            when = published if word in ("today", "this morning") else published - timedelta(days=1)
        found.append(Period(when, when, m.start(), m.end()))
    return found


def _weekdays(text: str, published: date | None, pos: int, endpos: int) -> list[Period]:
    found = []
    for m in _WEEKDAY_RE.finditer(text, pos, endpos):
        when = None
        if published is not None:
            # The most recent such weekday on or before publication ("Monday" in a Tuesday release).
            back = (published.weekday() - _WEEKDAYS.index(m[0].lower())) % 7
            when = published - timedelta(days=back)
        found.append(Period(when, when, m.start(), m.end()))
    return found


def _span_dates(m: re.Match[str], published: date) -> tuple[date, date] | None:
    if "weekend" in m.groupdict():
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return saturday, min(published, saturday + timedelta(days=1))
    if m["this"]:
        first = {
            "week": published - timedelta(days=published.weekday()),
            "month": published.replace(day=1),
            "year": published.replace(month=1, day=1),
        }
        return first[m["this"]], published
    if m["unit"]:
        count, unit = 1, _SPAN_UNITS[m["unit"]]
    else:
        count = _SMALL_NUMBERS.get(m["n"].lower()) or (int(m["n"]) if m["n"].isdigit() else 0)
        unit = _SPAN_UNITS[m["units"].rstrip("s")]
    if not count:
        return None
    # "the past two days" are yesterday and today; "the past week" runs from the same weekday a week back.
    back = count - 1 if unit == 1 else count * unit
    return published - timedelta(days=back), published


def _starts(text: str, words: tuple[str, ...], pos: int, endpos: int) -> list[int]:
    """Offsets of each word, by str.find (far cheaper than a regex scan of the whole text)."""
    out = []
    for word in words:
        i = text.find(word, pos, endpos)
        while i != -1:
            out.append(i)
            i = text.find(word, i + 1, endpos)
    return sorted(out)


def _spans(text: str, published: date | None, pos: int, endpos: int) -> list[Period]:
    """ "over the past two weeks", "this month", "over the weekend": spans that end at publication."""
    found: list[Period] = []
    spans = any(text.find(hint, pos, endpos) != -1 for hint in _SPAN_HINTS)
    for i in _starts(text, _SPAN_OPENERS if spans else (), pos, endpos):
        m = (
            _SPAN_RE.match(text, i, endpos)
            if not text.startswith("weekend", i)
            else _WEEKEND_RE.search(text, max(pos, i - 10), min(endpos, i + 7))
        )
        if m is None or (i > 0 and text[i - 1].isalnum()):
            continue
        dates = _span_dates(m, published) if published is not None else None
        if published is not None and dates is None:
            continue
        start, end = dates if dates else (None, None)
        found.append(Period(start, end, m.start(), m.end()))
    for i in _starts(text, _ANAPHOR_KEYS, pos, endpos):
        m = _ANAPHOR_RE.search(text, max(pos, i - 30), min(endpos, i + 12))
        if m is not None and m.end() > i and m.start() < i:
            found.append(Period(None, None, m.start(), m.end(), anaphor=True))
    return found


def _joined(text: str, first: Period, second: Period) -> Period | None:
    """Two points joined by "and"/"to"/"through" as one range, or None when they are two separate dates."""
    if first.weak or second.weak or first.anaphor or second.anaphor or second.since:
        return None
    join = _JOIN_RE.fullmatch(text, first.char_end, second.char_start)
    if join is None:
        return None
    opener = _BETWEEN_BEFORE_RE.search(text, max(0, first.char_start - 30), first.char_start)
    start, end = first.start, second.end
    if start is not None and end is not None:
        if end <= start:
            return None
        if join["word"] == "and" and opener is None and (end - start).days > _AND_RANGE_DAYS:
            return None
    char_start = opener.start() if opener else first.char_start
    return Period(start, end, char_start, second.char_end, since=first.since)


def _merge(text: str, periods: list[Period]) -> list[Period]:
    out: list[Period] = []
    for p in periods:
        merged = _joined(text, out[-1], p) if out else None
        if merged is not None:
            out[-1] = merged
        else:
            out.append(p)
    return out


def _in_since_clause(text: str, p: Period, floor: int) -> Period:
    """A date inside a clause opened by "since": a day starts a running total; a month or year there dates the
    event the clause names ("Since Fallujah was liberated in June"), not the count."""
    window = max(floor, p.char_start - 60)
    if (
        p.since
        or p.anaphor
        or (text.find("ince", window, p.char_start) == -1 and text.find("INCE", window, p.char_start) == -1)
        or not _SINCE_CLAUSE_RE.search(text, window, p.char_start)
    ):
        return p
    if p.start is not None and p.start == p.end:
        return replace(p, since=True)
    return replace(p, weak=True)


def _drop_overlaps(found: list[Period]) -> list[Period]:
    out: list[Period] = []
    for p in found:
        if out and p.char_start < out[-1].char_end:
            continue
        out.append(p)
    return out


def find_periods(text: str, published: date | None, pos: int = 0, endpos: int | None = None) -> list[Period]:
    """Every activity-period expression in text[pos:endpos], offsets into `text`, in text order.

    Unresolvable dates (no year and no publication date) are returned too, with no dates: their digits are
    a date, never a count.
    """
    endpos = len(text) if endpos is None else endpos
    found = _month_periods(text, published, pos, endpos)
    found += _year_periods(text, pos, endpos, found)
    # Every relative day and weekday but "last night" / "this morning" holds "day" or "DAY": one find rules
    # out the slower patterns for most bodies.
    days = text.find("day", pos, endpos) != -1 or text.find("DAY", pos, endpos) != -1
    if (days or text.find("ast night", pos, endpos) != -1 or text.find("his morning", pos, endpos) != -1) and any(
        text.find(hint, pos, endpos) != -1 for hint in _RELATIVE_HINTS
    ):
        found += _relative_days(text, published, pos, endpos)
    if days and any(text.find(hint, pos, endpos) != -1 for hint in _WEEKDAY_HINTS):
        found += _weekdays(text, published, pos, endpos)
    found += _spans(text, published, pos, endpos)
    found.sort(key=lambda p: p.char_start)
    merged = _merge(text, _drop_overlaps(found))
    return [_in_since_clause(text, p, pos) for p in merged]
