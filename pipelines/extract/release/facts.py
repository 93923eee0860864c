"""Header facts: what one header line says (a date, a byline, an issuer, a section label, a release number),
and the header state those facts add up to. Pure functions: a line in, a Fact out; a state and a fact in, a
new state out."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from pipelines.extract.release import chrome
from pipelines.extract.release import header as header_lines
from pipelines.extract.release.dates import MONTH_RE, PartialDate, complete, parse_date_line


@dataclass(frozen=True, slots=True)
class Fact:
    """What one header line says. `rest` is text that followed a scraper's ' date' line on the same line
    and is not itself header material (a headline, or the article's first words)."""

    dates: tuple[PartialDate, ...] = ()
    year_hint: int | None = None
    publisher: str | None = None
    release_number: str | None = None
    section_kind: str | None = None
    byline: bool = False
    site_publisher: str | None = None
    rest: str | None = None


@dataclass(frozen=True, slots=True)
class HeaderState:
    """What the header lines said, in reading order (the first value of each kind wins)."""

    title: str | None = None
    dates: tuple[date, ...] = ()  # full header dates, in order
    partial: PartialDate | None = None  # "September 13th": month and day without a year
    year_hint: int | None = None  # from a month-only " date 2017-09" line or a release number
    publisher: str | None = None
    release_number: str | None = None
    section_kind: str | None = None
    has_byline: bool = False
    site_publisher: str | None = None  # the site that names itself in its chrome ("defense.gov")


def merge_fact(state: HeaderState, fact: Fact) -> HeaderState:
    """The state with one more fact; values already known are kept."""
    full = tuple(d for d in (complete(p) for p in fact.dates if p[0] is not None) if d)
    partial = next((p for p in fact.dates if p[0] is None), None)
    year_hint = fact.year_hint
    if year_hint is None and fact.release_number and fact.release_number[:2] in ("19", "20"):
        year_hint = int(fact.release_number[:4])
    # Built field by field, not with dataclasses.replace (several times slower, and called for every line).
    return HeaderState(
        title=state.title,
        dates=state.dates + full,
        partial=state.partial or partial,
        year_hint=state.year_hint or year_hint,
        publisher=state.publisher or fact.publisher,
        release_number=state.release_number or fact.release_number,
        section_kind=state.section_kind or fact.section_kind,
        has_byline=state.has_byline or fact.byline,
        site_publisher=state.site_publisher or fact.site_publisher,
    )


def _joined(facts: list[Fact]) -> Fact:
    """Several facts of one line ('March 3, 2016 | DoD News, Defense Media Activity') as one."""
    return Fact(
        dates=tuple(d for f in facts for d in f.dates),
        year_hint=next((f.year_hint for f in facts if f.year_hint), None),
        publisher=next((f.publisher for f in facts if f.publisher), None),
        release_number=next((f.release_number for f in facts if f.release_number), None),
        section_kind=next((f.section_kind for f in facts if f.section_kind), None),
        byline=any(f.byline for f in facts),
    )


# --- One line ------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^[•·▪‣*]\s+")
# "…Public AffairsOctober 22, 2015": a byline glued to the date after it.
_GLUED_DATE = re.compile(rf"(?<=[a-z.])(?=(?i:{MONTH_RE})\s+\d{{1,2}},?\s+\d{{4}}\s*$)")


def _section_fact(line: str) -> Fact | None:
    section = header_lines.parse_section_label(line)
    if section is None:
        return None
    return Fact(dates=(section.date,) if section.date else (), publisher=section.publisher, section_kind=section.kind)


def _meta_fact(line: str) -> Fact | None:
    meta = header_lines.parse_date_meta(line)
    if meta is None:
        return None
    year, month, day, rest = meta
    if day is None:  # " date 2017-08": a month is no date, but the year helps complete "September 13th"
        return Fact(year_hint=year, rest=rest or None)
    return Fact(dates=((year, month, day),), rest=rest or None)


def _number_fact(line: str) -> Fact | None:
    is_number, number = header_lines.release_number_line(line)
    return Fact(release_number=number) if is_number else None


def _date_fact(line: str) -> Fact | None:
    partial = parse_date_line(line) or header_lines.prefixed_date(line)
    return Fact(dates=(partial,)) if partial else None


def _byline_fact(line: str) -> Fact | None:
    byline = header_lines.parse_byline(chrome.undouble_byline(line))
    return Fact(publisher=byline.publisher, byline=True) if byline else None


def _issuer_fact(line: str) -> Fact | None:
    issuer = header_lines.issuer_line(line)
    return Fact(publisher=issuer) if issuer else None


def _glued_fact(line: str) -> Fact | None:
    # The glued date closes the line with its year: without four digits at the end, no need for the regex.
    if not line.rstrip()[-4:].isdigit():
        return None
    parts = _GLUED_DATE.split(line, maxsplit=1)
    if len(parts) != 2:
        return None
    first, when = _single_fact(parts[0]), _date_fact(parts[1])
    return _joined([first, when]) if first and when else None


_SINGLE = (_section_fact, _meta_fact, _number_fact, _date_fact, _byline_fact, _issuer_fact)


def _single_fact(line: str) -> Fact | None:
    for read in _SINGLE:
        fact = read(line)
        if fact is not None:
            return fact
    return None


def _piped_fact(line: str) -> Fact | None:
    """'March 3, 2016 | DoD News, Defense Media Activity', 'By CJTF-OIR PAO | Dec. 30, 2018': every part a fact."""
    parts = [part.strip() for part in line.split("|") if part.strip()]
    if len(parts) < 2:
        return None
    facts = [_single_fact(part) for part in parts]
    if any(fact is None or fact.rest for fact in facts):
        return None
    return _joined([fact for fact in facts if fact is not None])


# "Presenter: Brigadier General Jane Doe, Deputy Commanding General": who speaks in the transcript below.
_PRESENTER = re.compile(r"(?:presenters?|speakers?|participants?|briefers?)\s*:\s*\S.*", re.IGNORECASE)


def _presenter_fact(line: str) -> Fact | None:
    return Fact() if _PRESENTER.fullmatch(line) else None


def header_fact(line: str) -> Fact | None:
    """What a header line says, or None when it is not header material."""
    line = _BULLET.sub("", line)
    return _glued_fact(line) or _single_fact(line) or _piped_fact(line) or _presenter_fact(line)


# --- The rest of a ' date' line ------------------------------------------------------------------------


def _leading_byline(rest: str) -> tuple[Fact, str] | None:
    """'By CJTF-OIR Public Affairs SOUTHWEST ASIA — On ...' -> (byline fact, 'SOUTHWEST ASIA — On ...')."""
    rest = chrome.undouble_byline(rest)
    if not rest.lower().startswith(("by ", "from ")):
        return None
    known = header_lines.leading_known_byline(rest)
    if known:
        return Fact(publisher=known[0], byline=True), rest[known[1] :]
    start = header_lines.find_caps_dateline(rest)
    if start is None:
        return None
    byline = header_lines.parse_byline(rest[:start].strip())
    fact = Fact(publisher=byline.publisher, byline=True) if byline else Fact()
    return fact, rest[start:]


def split_meta_rest(fact: Fact) -> Fact:
    """A ' date' line's fact with the header material in its rest read too: a whole byline or issuer
    (' date 2016-10-25 From a … News Release'), 'byline | date' parts, or a byline before the article."""
    if not fact.rest:
        return fact
    whole = _single_fact(fact.rest) or _piped_fact(fact.rest)
    if whole is not None and not whole.rest:
        return replace(_joined([fact, whole]), year_hint=fact.year_hint)
    leading = _leading_byline(fact.rest)
    if leading is None:
        return fact
    joined = replace(_joined([fact, leading[0]]), year_hint=fact.year_hint)
    rest = leading[1].strip()
    return replace(joined, rest=rest or None)
