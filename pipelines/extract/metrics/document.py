"""The walk over a release body: units, sentences, and what each sentence inherits from the text above it.

One scan finds every number, date, verb and running-total phrase of the body (`_Scan`, read-only). The walk
then folds over units and sentences with an immutable `_Context` that each step returns anew: the period
strike-report lines inherit (the lead's "yesterday", a "Strikes in Syria" section's "On Nov. 25,"), the
place of a heading or of the sentence before ("... near Abu Kamal. The strikes engaged ..."), the running
total a following sentence continues ("To date, ... 412 airstrikes. ... has also conducted 271 airstrikes").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from pipelines.extract.metrics.context import (
    Places,
    find_places,
    heading_place,
    is_heading,
    leading_period,
    pick_period,
    split_places,
    town_of,
)
from pipelines.extract.metrics.counts import (
    Count,
    article_items,
    counted,
    noun_phrase,
    read_article,
    read_elided,
    read_number,
)
from pipelines.extract.metrics.definition import is_definition
from pipelines.extract.metrics.lexicon import (
    Verb,
    next_verb,
    not_cumulative,
    place_spellings,
    scan_phrases,
)
from pipelines.extract.metrics.names import metric_name
from pipelines.extract.metrics.numbers import NumberSpan, find_numbers, parse_digits
from pipelines.extract.metrics.periods import Period, find_periods
from pipelines.extract.metrics.segments import Unit, dateline_place, is_caption, may_hold_captions, sentences, units
from pipelines.extract.metrics.shapes import (
    ARTICLE_STRIKE_RE,
    STRIKE_SIGNATURE_RE,
    STRIKE_WORD_RE,
    TABLE_HEADER_PLACE_RE,
    TABLE_HEADER_RE,
    TABLE_ITEM_RE,
    ZERO_RE,
    town_line,
)
from pipelines.extract.records import Metric

_START = attrgetter("start")
_STRIKE_NAMES = frozenset({"strikes", "airstrikes", "engagements"})
_COMMA_RE = re.compile(r"[,;]")
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|consisting\s+of\s+|in\s+)")
# "3,000 detainees are held in 12 detention facilities in Syria": the place after the second count is the first's too.
_HELD_IN_RE = re.compile(r"[^,;:.\n]{0,40}?\b(?:in|at|inside|across|throughout)\s+")
_NEW_CLAUSE_RE = re.compile(r"[,;]\s+(?:and|but|while|whereas)\s+$")
# A sentence whose subject points back ("The strikes engaged ...", "Of those, 79 ...", "Those strikes have ...").
_ANAPHORIC_OPENER_RE = re.compile(
    r"[\s*•·–—-]*(?:(?:The|Those|These)\s+(?:\w+\s+)?(?:air)?strikes?\b|Of\s+(?:those|these|them)\b|"
    r"(?:Those|These|They)\b|In\s+addition\b|Along\s+with\b|(?:After|Following)\s+the\s+(?:air)?strikes?\b)"
)
# "has now trained", "have also conducted": the present perfect of a running tally.
_PERFECT_RE = re.compile(r"\b(?:has|have)\s+(?:(?:also|now|so\s+far|already|since)\s+)*(?:been\s+)?[a-z]+ed\b")
_OPENING_YEAR_RE = re.compile(r"(?:^|[.:\n]\s*)(?:In|During|Throughout)\s+$")
# A comma before a participle keeps the clause: "conducted 5,000 strikes since October, destroying 700 vehicles".
_CLAUSE_BREAK_RE = re.compile(r"[;]|,(?!\s+[a-z]+ing\b)")
_SINCE_WORD_RE = re.compile(r"\b[Ss]ince\b")
_ANAPHOR_INITIALS = "TOIAF"  # The, Those, These, They, Of those, In addition, Along with, After, Following
_SINCE_OPENER_RE = re.compile(r"[\s*•·–—-]*(?:[Ss]ince|SINCE)\b")
_HERE_RE = re.compile(r"\bhere\b")
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:as|of|before|after|about|without|per|than|like)\s+$")
_TABLE_START_RE = re.compile(r"[ \t]*(?:[•*-][ \t]*)?In ")  # a table's column heads open with "In <place>"
_HEADING_LENGTH = 80  # a heading is a short line; longer units need no heading test
_HEADER_DATE_RE = re.compile(r"[ \t]*(?:\||\n|$|(?:—|–|--?)[ \t])")
# A running total spans years: "between August 2014 and the end of September 2019".
_CUMULATIVE_SPAN_DAYS = 365


@dataclass(frozen=True, slots=True)
class _Scan:
    """Everything found once over the body: read by every step, changed by none."""

    body: str
    lower: str
    published: date | None
    periods: tuple[Period, ...]  # every date expression of the body, anaphors resolved
    period_starts: tuple[int, ...]
    activity: tuple[Period, ...]  # the same but header dates (see _is_header_date)
    activity_starts: tuple[int, ...]
    verbs: tuple[Verb, ...]
    verb_starts: tuple[int, ...]
    marks: tuple[int, ...]  # running-total phrases ("to date", "since the start of")
    numbers: tuple[NumberSpan, ...]
    number_starts: tuple[int, ...]
    theatre: str | None  # the countries of a strike report's sections: where a total without a place is
    here: str | None  # the dateline's place, where "here" is

    def periods_in(self, start: int, end: int) -> list[Period]:
        return list(self.periods[bisect_left(self.period_starts, start) : bisect_left(self.period_starts, end)])

    def activity_in(self, start: int, end: int) -> list[Period]:
        return list(self.activity[bisect_left(self.activity_starts, start) : bisect_left(self.activity_starts, end)])

    def verbs_in(self, start: int, end: int) -> list[Verb]:
        return list(self.verbs[bisect_left(self.verb_starts, start) : bisect_left(self.verb_starts, end)])

    def numbers_in(self, start: int, end: int) -> list[NumberSpan]:
        return list(self.numbers[bisect_left(self.number_starts, start) : bisect_left(self.number_starts, end)])

    def marks_in(self, start: int, end: int) -> list[int]:
        return list(self.marks[bisect_left(self.marks, start) : bisect_left(self.marks, end)])


@dataclass(frozen=True, slots=True)
class _Running:
    """The running total of the sentence before, for a sentence that continues it."""

    period: tuple[date | None, date | None]
    place: str | None
    paragraph: int


class _Context(NamedTuple):
    """What the next unit or sentence inherits from the text above it. Replaced (`_replace`), never changed."""

    report_like: bool
    section: Period | None = None  # the period strike-report lines inherit
    last_leading: Period | None = None  # the latest date opening a sentence, whatever the kind of release
    unit_period: Period | None = None  # a date opening a sentence of this unit
    table_places: tuple[str, ...] | None = None
    section_place: str | None = None  # "Strikes in Syria", "Syria" headings
    previous_place: tuple[int, str] | None = None  # (paragraph, place) of the last strike count's sentence
    unit_place: str | None = None  # the last place an earlier sentence of this unit named
    headed: bool = False  # a section heading has been read: the lead is over
    running: _Running | None = None
    counted: bool = False  # a count has been read: the lead is over
    last_name: tuple[int, str] | None = None  # (paragraph, name) of the last count read
    intro_period: Period | None = None  # the date of a line that introduces what follows ("Summary ..., April 2023:")


# --- the scan ----------------------------------------------------------------------------------------------


def _is_year(p: Period) -> bool:
    return (
        p.start is not None
        and p.end is not None
        and (p.start.month, p.start.day, p.end.month, p.end.day)
        == (
            1,
            1,
            12,
            31,
        )
    )


def _resolve_anaphors(body: str, periods: list[Period]) -> list[Period]:
    """ "During this period" takes the dates of the period named before it; "during the year" those of the
    year that opened a sentence before it ("In 2019, ...")."""
    out: list[Period] = []
    last: Period | None = None
    last_year: Period | None = None
    for p in periods:
        if p.anaphor:
            source = last_year if body.startswith("year", p.char_end - 4) else last
            if source is not None:
                p = replace(p, start=source.start, end=source.end)
        elif not p.since and p.start is not None:
            last = p
            if _is_year(p) and _OPENING_YEAR_RE.search(body, max(0, p.char_start - 12), p.char_start):
                last_year = p
        out.append(p)
    return out


def _is_header_date(body: str, p: Period) -> bool:
    """A date alone on its line, before a "|" ("March 3, 2016 | DoD News") or before the dash of a dateline
    ("WASHINGTON, March 3, 2016 —") is when the release was published, not when anything happened."""
    return _HEADER_DATE_RE.match(body, p.char_end) is not None


def _theatre(body: str, all_units: list[Unit]) -> str | None:
    """ "Strikes in Syria" and "Strikes in Iraq" headings: a report total without a place is "Syria and Iraq"."""
    places: list[str] = []
    for unit in all_units:
        if unit.end - unit.start > _HEADING_LENGTH:
            continue
        place = heading_place(body, unit.start, unit.end)
        if place is not None and place not in places and " and " not in place:
            places.append(place)
    return " and ".join(places) if len(places) > 1 else None


def _skipped_paragraphs(scan: _Scan, all_units: list[Unit], definitions: list[int]) -> frozenset[int]:
    """The "a strike is ..." paragraph and photo captions hold no data (and their dates are no activity dates)."""
    paragraph_starts = [u.paragraph_start for u in all_units]
    skip = {all_units[bisect_right(paragraph_starts, i) - 1].paragraph for i in definitions}
    digit_starts = [n.start for n in scan.numbers if not n.spelled]
    captions = may_hold_captions(scan.body)
    for unit in all_units:
        if unit.start != unit.paragraph_start or unit.paragraph in skip:
            continue
        if (captions and is_caption(scan.body, unit.paragraph_start, unit.paragraph_end)) or (
            # A paragraph with a number in digits reports something (is_definition says so too, more slowly).
            bisect_left(digit_starts, unit.paragraph_start) == bisect_left(digit_starts, unit.paragraph_end)
            and is_definition(scan.lower, unit.paragraph_start, unit.paragraph_end)
        ):
            skip.add(unit.paragraph)
    return frozenset(skip)


def _scan(body: str, published: date | None, all_units: list[Unit]) -> tuple[_Scan, list[int]]:
    lower = body.lower()
    periods = _resolve_anaphors(body, find_periods(body, published))
    activity = [p for p in periods if not _is_header_date(body, p)]
    phrases = scan_phrases(lower)
    numbers = find_numbers(body, lower)
    scan = _Scan(
        body=body,
        lower=lower,
        published=published,
        periods=tuple(periods),
        period_starts=tuple(p.char_start for p in periods),
        activity=tuple(activity),
        activity_starts=tuple(p.char_start for p in activity),
        verbs=tuple(phrases.verbs),
        verb_starts=tuple([v.start for v in phrases.verbs]),
        marks=tuple(phrases.cumulative),
        numbers=tuple(numbers),
        number_starts=tuple([n.start for n in numbers]),
        theatre=_theatre(body, all_units),
        here=dateline_place(body, all_units),
    )
    return scan, phrases.definitions


# --- counts in a sentence ----------------------------------------------------------------------------------


def _outside_dates(n: NumberSpan, date_spans: list[tuple[int, int]], sent_end: int) -> int | None:
    """Where the counted phrase of n must stop (a counted phrase never runs into a date: "the next class of
    450 students begins Feb. 1"), or None when n is part of a date."""
    for s, e in date_spans:
        if s <= n.start < e or s < n.end <= e:
            return None
    return next((s for s, _ in date_spans if s >= n.end), sent_end)


def _number_counts(
    scan: _Scan, sent_start: int, sent_end: int, numbers: list[NumberSpan], periods: list[Period]
) -> list[Count]:
    date_spans = [(p.char_start, p.char_end) for p in periods]
    counts = []
    for n in numbers:
        limit = _outside_dates(n, date_spans, sent_end)
        if limit is None:
            continue
        c = read_number(scan.body, n, sent_start, limit) or read_elided(scan.body, n, sent_start, limit)
        if c is not None:
            counts.append(c)
    return counts


def _zero_counts(scan: _Scan, sent_start: int, sent_end: int) -> list[Count]:
    if scan.lower.find("no", sent_start, sent_end) == -1:
        return []
    return [
        Count(0.0, metric_name([z["noun"]]), z.start(), z.start(), z.end())
        for z in ZERO_RE.finditer(scan.body, sent_start, sent_end)
    ]


def _article_strikes(scan: _Scan, sent_start: int, sent_end: int, taken: set[int]) -> list[Count]:
    """ "a strike" / "an airstrike" counts one."""
    body = scan.body
    out = []
    for a in ARTICLE_STRIKE_RE.finditer(body, sent_start, sent_end):
        if (a.start() > 0 and body[a.start() - 1].isalpha()) or a.start() in taken:
            continue  # "...a strike" inside a word
        if _PREPOSITION_BEFORE_RE.search(body, max(0, a.start() - 12), a.start()):
            continue  # "classified as a strike", "reports of a strike", "before a strike": no strike conducted
        c = read_article(body, a.start(), a.end("art"), sent_end)
        if c:
            out.append(c)
    return out


def _target_articles(scan: _Scan, sent_end: int, verbs: list[Verb], taken: set[int]) -> list[Count]:
    """ "destroyed an oil wellhead and a VBIED": each "a"/"an" object of a strike verb counts one."""
    out = []
    seen = set(taken)
    for i, v in enumerate(verbs):
        if v.kind != "target":
            continue
        region_end = verbs[i + 1].start if i + 1 < len(verbs) else sent_end
        for art_start, art_end in article_items(scan.lower, v.end, region_end):
            if art_start in seen:
                continue
            c = read_article(scan.body, art_start, art_end, sent_end)
            if c:
                c.action, c.action_kind = v.lemma, "target"
                out.append(c)
                seen.add(art_start)
    return out


def _is_one(body: str, c: Count) -> bool:
    return (
        c.value == 1
        and body[c.number_start : c.number_start + 3].lower() == "one"
        and not body[c.number_start + 3 : c.number_start + 4].isalpha()
    )


def _without_lone_ones(scan: _Scan, counts: list[Count], verbs: list[Verb], sent_end: int) -> list[Count]:
    """Outside strike contexts "one" is mostly a pronoun or an idiom ("one thing", "on one knee", "in one room"):
    it counts only as the subject or object of a counting verb ("one civilian was injured", "destroyed one
    boat") or in a list with other counts ("two vehicles and one boat")."""
    body = scan.body
    out = []
    for i, c in enumerate(counts):
        if _is_one(body, c) and not (
            _listed(body, counts, i) or _verb_object(body, c, verbs) or _verb_subject(scan, c, sent_end)
        ):
            continue
        out.append(c)
    return out


def _listed(body: str, counts: list[Count], i: int) -> bool:
    c = counts[i]
    before = counts[i - 1] if i else None
    after = counts[i + 1] if i + 1 < len(counts) else None
    return bool(
        (before is not None and _LIST_GAP_RE.fullmatch(body, before.end, c.start))
        or (after is not None and _LIST_GAP_RE.fullmatch(body, c.end, after.start))
    )


def _verb_object(body: str, c: Count, verbs: list[Verb]) -> bool:
    before = next((v for v in reversed(verbs) if v.end <= c.start), None)
    return before is not None and not body[before.end : c.start].strip()


def _verb_subject(scan: _Scan, c: Count, sent_end: int) -> bool:
    return (
        c.trailing_action is not None or next_verb(scan.body, c.end, sent_end, scan.verbs, scan.verb_starts) is not None
    )


def _has_article(lower: str, start: int, end: int) -> bool:
    return lower.find(" a ", start, end) != -1 or lower.find(" an ", start, end) != -1


def _find_counts(
    scan: _Scan,
    span: tuple[int, int],
    numbers: list[NumberSpan],
    periods: list[Period],
    strike_context: bool,
    verbs: list[Verb],
) -> list[Count]:
    """Numbers that count something, explicit zeros, and "a strike" / "an oil wellhead" in strike contexts."""
    sent_start, sent_end = span
    counts = _number_counts(scan, sent_start, sent_end, numbers, periods) + _zero_counts(scan, sent_start, sent_end)
    if not strike_context:
        counts = _without_lone_ones(scan, counts, verbs, sent_end)
    if strike_context:
        taken = {c.number_start for c in counts}
        counts += _article_strikes(scan, sent_start, sent_end, taken)
        if _has_article(scan.lower, sent_start, sent_end):
            taken = {c.number_start for c in counts}
            counts += _target_articles(scan, sent_end, verbs, taken)
    return _in_order(counts)


def _in_order(counts: list[Count]) -> list[Count]:
    # Numbers come in text order; only zeros and "a strike" found afterwards need a sort.
    for i in range(1, len(counts)):
        if counts[i].start < counts[i - 1].start:
            return sorted(counts, key=_START)
    return counts


# --- what each count goes with -----------------------------------------------------------------------------


def _list_ends(body: str, counts: list[Count], sent_end: int) -> dict[int, tuple[Count, int]]:
    """For each count, the last count of its list and where the next count begins.

    Counts in one list ("11 fighting positions, two vehicles and a mortar system", "nine strikes consisting of
    12 engagements"), or a count and the one it is held in ("3,000 detainees are held in 12 facilities in
    Syria"), share the place written after the last of them.
    """
    ends: dict[int, tuple[Count, int]] = {}
    for i in range(len(counts) - 1, -1, -1):
        c = counts[i]
        nxt = counts[i + 1] if i + 1 < len(counts) else None
        # A strike count after a list of targets opens a new clause ("destroyed a checkpoint and three vehicles,
        # and two airstrikes west of Mosul ..."): the targets are not at its place.
        new_subject = nxt is not None and nxt.name in _STRIKE_NAMES and c.name not in _STRIKE_NAMES
        if (
            nxt is not None
            and not new_subject
            and (_LIST_GAP_RE.fullmatch(body, c.end, nxt.start) or _HELD_IN_RE.fullmatch(body, c.end, nxt.start))
        ):
            ends[id(c)] = ends[id(nxt)]
        else:
            ends[id(c)] = (c, nxt.start if nxt is not None else sent_end)
    return ends


def _action(
    body: str,
    c: Count,
    previous: Count | None,
    following: tuple[Verb, int] | None,
    verbs: list[Verb],
    sent_start: int,
) -> tuple[str | None, str | None]:
    """The verb a count goes with, and its kind: its own (following) verb, a trailing participle, its list's, or
    the one before."""
    action, kind = _own_action(body, c, previous, following, verbs, sent_start)
    if c.name in _STRIKE_NAMES and (action is None or kind == "target"):
        return "conduct", "subject"  # strikes are conducted; "seven strikes engaged ..." has strikes as the subject
    return action, kind


def _own_action(
    body: str,
    c: Count,
    previous: Count | None,
    following: tuple[Verb, int] | None,
    verbs: list[Verb],
    sent_start: int,
) -> tuple[str | None, str | None]:
    if c.action is not None:
        return c.action, c.action_kind
    if following:
        return following[0].lemma, following[0].kind
    if c.trailing_action:
        return c.trailing_action, None
    if (
        previous is not None
        and previous.action_kind != "subject"
        and _LIST_GAP_RE.fullmatch(body, previous.end, c.start)
    ):
        return previous.action, previous.action_kind  # "destroyed an ISIL vehicle, a fighting position, and two guns"
    if _NEW_CLAUSE_RE.search(body, max(sent_start, c.start - 12), c.start):
        return None, None  # ", and two dozen advisers ..." opens a new clause: the verb before is another count's
    before = next((v for v in reversed(verbs) if v.end <= c.number_start), None)
    return (before.lemma, None) if before else (None, None)


def _marked(body: str, c: Count, marks: list[int], dated: list[int]) -> bool:
    """Whether a running-total phrase of the sentence ("to date", "since the beginning of ...") covers this count.

    In its own clause, always. Across a comma only when the sentence dates nothing else: "have liberated roughly
    45 percent ..., and more than 20,000 soldiers have been trained to date" is one running tally, but in
    "conducted 12 strikes on Monday, bringing the total to 14,000 strikes so far" the 12 strikes are Monday's.
    Never across a semicolon.
    """
    for mark in marks:
        lo, hi = (c.end, mark) if mark >= c.end else (mark, c.start)
        between = body[lo:hi]
        if ";" in between:
            continue
        if "," not in between:
            return True
        clause_start = body.rfind(",", 0, mark) + 1
        clause_end = body.find(",", mark)
        clause_end = len(body) if clause_end == -1 else clause_end
        if all(clause_start <= d < clause_end for d in dated):
            return True
    return False


def _since_of(body: str, c: Count, since_periods: list[Period], opening: int) -> Period | None:
    """ "since Aug. 8, 2014" makes a running total only in the count's own clause ("trained 350 fighters over 12
    weeks, the third such course since 2015" is not one), or in the whole sentence when it opens it ("Since the
    operation began on May 31, the coalition has conducted ...": `opening` is where that clause ends)."""
    for p in since_periods:
        if p.char_start < opening or not _CLAUSE_BREAK_RE.search(
            body, min(c.end, p.char_start), max(c.start, p.char_start)
        ):
            return p
    return None


def _since_clause(body: str, c: Count, since_words: list[int], opening: int) -> bool:
    """ "since the program began", "Since then", "since last summer": a running total without a start date."""
    return any(w < opening or not _CLAUSE_BREAK_RE.search(body, min(c.end, w), max(c.start, w)) for w in since_words)


def _span_days(period: Period | None) -> int:
    if period is None or period.start is None or period.end is None:
        return 0
    return (period.end - period.start).days


# --- one sentence ------------------------------------------------------------------------------------------


class _Sentence(NamedTuple):
    """What a sentence offers every count in it."""

    start: int
    end: int
    paragraph: int
    periods: list[Period]
    verbs: list[Verb]
    places: Places | None
    town: str | None
    marks: list[int]
    inherited: Period | None  # the date the sentence's counts take when they have none of their own
    fallback_place: str | None  # where the counts are when the sentence names no place
    continues: bool  # the sentence points back to the one before ("Of those, 79", "Those strikes have ...")
    headed: bool  # the sentence stands under a section heading
    strikes_place: str | None  # without sections, where the strikes named before were ("flew 21 of the strikes")
    since_words: list[int]  # every "since" of the sentence
    opening: int  # end of an opening "Since ...," clause that covers the whole sentence (else the start)


def _activity_periods(scan: _Scan, start: int, end: int) -> list[Period]:
    return scan.activity_in(start, end)


def _date_context(
    scan: _Scan, span: tuple[int, int], periods: list[Period], ctx: _Context, has_numbers: bool
) -> _Context:
    """A date opening the sentence dates what follows; in a strike report, so does a dated strike count or the
    lead's date ("continued to attack ... yesterday")."""
    sent_start, sent_end = span
    leading = leading_period(scan.body, periods, sent_start)
    if leading is not None:
        return ctx._replace(
            unit_period=leading, last_leading=leading, section=leading if ctx.report_like else ctx.section
        )
    if not ctx.report_like:
        return ctx
    dated = next((p for p in periods if not p.since and not p.weak and p.start is not None), None)
    if dated is None:
        return ctx
    if not ctx.counted or (
        (has_numbers or ZERO_RE.search(scan.body, sent_start, sent_end))
        and STRIKE_WORD_RE.search(scan.body, sent_start, sent_end)
    ):
        # "Additionally, two strikes were conducted in Iraq on March 14-15 ..." dates the town lines after it;
        # "... attack ISIL terrorists in Syria yesterday, ... to conduct four airstrikes." dates the report.
        return ctx._replace(section=dated)
    return ctx


def _fallback_place(ctx: _Context, continues: bool) -> str | None:
    """Where counts are when their sentence names no place: the strikes the sentence points back to ("The
    strikes engaged ..."), a place an earlier sentence of the unit named ("1. May 13, near Mosul, Iraq: ...
    11 civilians were killed"), the section's heading ("Strikes in Syria")."""
    if continues and ctx.previous_place is not None:
        return ctx.previous_place[1]
    return ctx.unit_place or ctx.section_place


def _sentence(
    scan: _Scan, span: tuple[int, int], paragraph: int, ctx: _Context, found: tuple[list[Period], str | None]
) -> _Sentence:
    body = scan.body
    sent_start, sent_end = span
    periods, town = found
    continues = _opens_with(body, sent_start, _ANAPHOR_INITIALS) and bool(
        _ANAPHORIC_OPENER_RE.match(body, sent_start, sent_end)
    )
    return _Sentence(
        start=sent_start,
        end=sent_end,
        paragraph=paragraph,
        periods=periods,
        verbs=scan.verbs_in(sent_start, sent_end),
        places=find_places(body, sent_start, sent_end, scan.lower) if town is None else None,
        town=town,
        marks=scan.marks_in(sent_start, sent_end),
        inherited=ctx.unit_period or (ctx.section if ctx.report_like else None),
        fallback_place=_fallback_place(ctx, continues),
        continues=continues,
        headed=ctx.headed,
        strikes_place=ctx.previous_place[1] if ctx.previous_place is not None and not ctx.headed else None,
        since_words=[m.start() for m in _SINCE_WORD_RE.finditer(body, sent_start, sent_end)]
        if scan.lower.find("since", sent_start, sent_end) != -1
        else [],
        opening=_opening_clause_end(body, sent_start, sent_end),
    )


def _opens_with(body: str, start: int, initials: str) -> bool:
    """Whether the sentence's first letter (past bullets and dashes) is one of `initials`: a cheap test before
    the opener patterns."""
    for ch in body[start : start + 6]:
        if ch.isalpha():
            return ch in initials
    return False


def _opening_clause_end(body: str, sent_start: int, sent_end: int) -> int:
    if not _opens_with(body, sent_start, "Ss") or not _SINCE_OPENER_RE.match(body, sent_start, sent_end):
        return sent_start
    comma = body.find(",", sent_start, sent_end)
    return sent_start if comma == -1 else comma


def _count_place(
    scan: _Scan,
    s: _Sentence,
    c: Count,
    list_end: tuple[Count, int] | None,
    following: dict[int, tuple[Verb, int] | None],
) -> str | None:
    if s.town is not None or list_end is None:
        return s.town
    last, search_to = list_end
    last_verb = (
        following[last.end]
        if last.end in following
        else next_verb(scan.body, last.end, s.end, scan.verbs, scan.verb_starts)
    )
    place = (
        s.places.near(scan.body, c.start, last_verb[1] if last_verb else last.end, search_to, s.verbs)
        if s.places
        else None
    )
    if place is None and scan.here is not None and _HERE_RE.search(scan.body, s.start, s.end):
        place = scan.here  # "graduated here Nov. 14" under "CAMP TAJI, Iraq –"
    if place is None and c.refers_back and c.name in _STRIKE_NAMES:
        place = s.strikes_place
    if place is None:
        place = s.fallback_place
    if place is None and c.name in _STRIKE_NAMES and s.inherited is not None and not s.headed:
        place = scan.theatre  # a report's total without a place, in its lead: both countries of its sections
    return town_of(place) if place else None


def _running_period(
    scan: _Scan, s: _Sentence, c: Count, own: Period | None, ctx: _Context
) -> tuple[bool, tuple[date | None, date | None]] | None:
    """Whether the count is a running total, with the dates it covers (None: not one)."""
    since = _since_of(scan.body, c, [p for p in s.periods if p.since], s.opening) if s.periods else None
    if since is not None:
        return True, (since.start, scan.published)
    if own is None and not s.since_words and not s.marks:
        return _continued(scan, s, ctx)
    days = _span_days(own)
    ranged = (own.start, own.end) if own is not None and days > 0 else (None, None)
    if s.since_words and _since_clause(scan.body, c, s.since_words, s.opening):
        return True, ranged  # a running total without a start of its own covers the range its sentence names
    if s.marks and _marked(scan.body, c, s.marks, [p.char_start for p in s.periods if not p.since and not p.weak]):
        return True, ranged
    if days > _CUMULATIVE_SPAN_DAYS:
        return True, ranged
    return _continued(scan, s, ctx)


def _continued(scan: _Scan, s: _Sentence, ctx: _Context) -> tuple[bool, tuple[date | None, date | None]] | None:
    """A sentence with no date of its own that points back to a running total or goes on in the present perfect
    ("Of those, 79 ...", "... has also conducted 271 airstrikes") continues it."""
    running = ctx.running
    if (
        running is not None
        and ctx.unit_period is None
        and running.paragraph >= s.paragraph - 1
        and not [p for p in s.periods if not p.weak]
        and (s.continues or _PERFECT_RE.search(scan.body, s.start, s.end))
    ):
        return True, running.period
    return None


def _own_period(scan: _Scan, s: _Sentence, c: Count) -> Period | None:
    """The date of the count's clause, else the one date of its sentence ("The newest class, 1,140 soldiers
    from the Iraqi army, graduated here Nov. 14")."""
    if not s.periods:
        return None
    own = pick_period(s.periods, c.start, c.end, scan.body)
    if own is not None or s.marks:
        return own
    dated = [p for p in s.periods if not p.since and not p.weak and p.start is not None]
    return dated[0] if len(dated) == 1 else None


def _metric_rows(
    scan: _Scan, s: _Sentence, c: Count, place: str | None, ctx: _Context, listed: _Running | None
) -> tuple[list[Metric], _Running | None]:
    """The rows of one count; `listed` is the running total of the count before it in the same list
    ("destroying about 2,700 fighting positions, 700 vehicles and 500 vehicle-borne bombs")."""
    own = _own_period(scan, s, c)
    never = c.name in not_cumulative()
    running = _running_period(scan, s, c, own, ctx) if not never else None
    if running is None and listed is not None and not never:
        running = True, listed.period
    if running is not None:
        cumulative, (start, end) = running
        if place is None and ctx.running is not None and s.continues:
            place = ctx.running.place
        carried = _Running((start, end), place, s.paragraph)
    else:
        cumulative = False
        dated = own or s.inherited
        start, end = (dated.start, dated.end) if dated else (None, None)
        carried = None
    text = scan.body[c.start : c.end]
    location = place_spellings().get(place, place) if place else place
    # "There were no reported strikes in Syria or Iraq on March 16": a zero for each country;
    # "zero strikes ... in Syria and Iraq" is the two-country total.
    places = split_places(location) if c.value == 0 and location and " or " in location else [location]
    rows = [
        Metric(c.name, float(c.value), text, c.start, c.end, c.qualifier, c.action, loc, start, end, cumulative)
        for loc in places
    ]
    return rows, carried


def _counts_follow(scan: _Scan, start: int, end: int) -> bool:
    """Whether body[start:end] holds a number or a strike (a count that may need the place named before)."""
    return bisect_left(scan.number_starts, start) < bisect_left(scan.number_starts, end) or _mentions_strikes(
        scan.lower, start, end
    )


def _named_place(scan: _Scan, span: tuple[int, int], ctx: _Context) -> _Context:
    """A sentence without counts still names the place the unit's next counts are at."""
    places = find_places(scan.body, span[0], span[1], scan.lower)
    return ctx._replace(unit_place=places.spans[-1][2]) if places.spans else ctx


def _name_elided(counts: list[Count], before: str | None) -> list[Count]:
    """A number with its noun left out counts what the count before it counts ("received 14 reports ... 11 were
    judged non-credible"); with none before it, it is dropped."""
    out = []
    for c in counts:
        if not c.name:
            if before is None:
                continue
            c.name = before
        before = c.name
        out.append(c)
    return out


def _sentence_metrics(
    scan: _Scan, span: tuple[int, int], paragraph: int, numbers: list[NumberSpan], ctx: _Context
) -> tuple[list[Metric], _Context]:
    periods = _activity_periods(scan, *span)
    ctx = _date_context(scan, span, periods, ctx, bool(numbers))
    town = town_line(scan.body, *span)
    strike_context = ctx.report_like or town is not None or scan.lower.find("strike", *span) != -1
    counts = _find_counts(scan, span, numbers, periods, strike_context, scan.verbs_in(*span))
    counts = _name_elided(counts, ctx.last_name[1] if ctx.last_name and ctx.last_name[0] >= paragraph - 1 else None)
    if not counts:
        return [], ctx
    s = _sentence(scan, span, paragraph, ctx, (periods, town))
    list_ends = _list_ends(scan.body, counts, s.end) if town is None else {}
    out: list[Metric] = []
    following: dict[int, tuple[Verb, int] | None] = {}
    previous = None
    running: _Running | None = None
    carried: _Running | None = None
    for c in counts:
        own_verb = following[c.end] = next_verb(scan.body, c.end, s.end, scan.verbs, scan.verb_starts)
        c.action, c.action_kind = _action(scan.body, c, previous, own_verb, s.verbs, s.start)
        listed: _Running | None = (
            carried if previous is not None and _LIST_GAP_RE.fullmatch(scan.body, previous.end, c.start) else None
        )
        previous = c
        place = _count_place(scan, s, c, list_ends.get(id(c)), following)
        rows, carried = _metric_rows(scan, s, c, place, ctx, listed)
        running = carried or running
        out.extend(rows)
    return out, _after_sentence(ctx, out, running, paragraph, s.places)


def _after_sentence(
    ctx: _Context, rows: list[Metric], running: _Running | None, paragraph: int, places: Places | None
) -> _Context:
    strike_places = [m.location for m in rows if m.name in _STRIKE_NAMES and m.location]
    previous_place = (paragraph, strike_places[-1]) if strike_places else ctx.previous_place
    unit_place = places.spans[-1][2] if places is not None and places.spans else ctx.unit_place
    last_name = (paragraph, rows[-1].name) if rows else ctx.last_name
    return ctx._replace(
        counted=True,
        running=running,
        previous_place=previous_place,
        unit_place=unit_place,
        last_name=last_name,
    )


# --- units -------------------------------------------------------------------------------------------------


def _table_rows(scan: _Scan, unit: Unit, ctx: _Context) -> list[Metric] | None:
    """A row of a flattened table under "In Iraq In Syria": one count per column, in column order."""
    body = scan.body
    items = list(TABLE_ITEM_RE.finditer(body, unit.start, unit.end))
    if not ctx.table_places or len(items) != len(ctx.table_places):
        return None
    out = []
    section = ctx.section
    for item, place in zip(items, ctx.table_places, strict=False):
        words, np_end, trailing = noun_phrase(body, item.end("num"), item.end())
        if not counted(words):
            continue
        count = Count(parse_digits(item["num"]), metric_name(list(words)), item.start(), item.start(), np_end)
        location = place_spellings().get(place, place)
        out.append(
            Metric(
                count.name,
                float(count.value),
                body[count.start : count.end],
                count.start,
                count.end,
                count.qualifier,
                trailing,
                location,
                section.start if section else None,
                section.end if section else None,
            )
        )
    return out


def _mentions_strikes(lower: str, start: int, end: int) -> bool:
    return lower.find("strike", start, end) != -1 or lower.find("engagement", start, end) != -1


def _no_count_unit(scan: _Scan, start: int, end: int, ctx: _Context) -> _Context:
    """Text without counts still dates what follows ("On March 21, ..." then bullet lines; a report's lead
    "continued to attack ... yesterday") and names its section's place ("Strikes in Syria")."""
    periods = _activity_periods(scan, start, end)
    leading = leading_period(scan.body, periods, start)
    if leading is not None:
        section = leading if ctx.report_like else ctx.section
        return ctx._replace(unit_period=leading, last_leading=leading, section=section)
    if ctx.report_like and not ctx.counted:
        lead = next((p for p in periods if not p.since and not p.weak and p.start is not None), None)
        return ctx._replace(section=lead) if lead is not None else ctx
    return ctx


def _table_header(scan: _Scan, unit: Unit, ctx: _Context) -> _Context | None:
    body = scan.body
    if not _TABLE_START_RE.match(body, unit.start, unit.end) or not TABLE_HEADER_RE.match(body, unit.start, unit.end):
        return None
    # A flattened table: its rows take the period of the text above.
    return ctx._replace(
        table_places=tuple(TABLE_HEADER_PLACE_RE.findall(body[unit.start : unit.end].strip())),
        report_like=True,
        section=ctx.intro_period or ctx.section or ctx.last_leading,
    )


def _last_char(body: str, start: int, end: int) -> str:
    """The last character of body[start:end] that is not white space, without copying the span."""
    i = end - 1
    while i >= start and body[i] in " \t\r\n":
        i -= 1
    return body[i] if i >= start else ""


def _intro_period(scan: _Scan, unit: Unit, ctx: _Context) -> _Context:
    """A line ending in a colon introduces what follows; its date dates a table under it."""
    if _last_char(scan.body, unit.start, unit.end) != ":":
        return ctx
    dated = [p for p in _activity_periods(scan, unit.start, unit.end) if p.start is not None and not p.since]
    return ctx._replace(intro_period=dated[-1]) if dated else ctx


def _unit_sentences(scan: _Scan, unit: Unit, ctx: _Context) -> tuple[list[Metric], _Context]:
    out: list[Metric] = []
    for span in sentences(scan.body, unit):
        numbers = scan.numbers_in(*span)
        if not numbers and not _mentions_strikes(scan.lower, *span):
            ctx = _no_count_unit(scan, span[0], span[1], ctx)
            rows: list[Metric] = []
        else:
            rows, ctx = _sentence_metrics(scan, span, unit.paragraph, numbers, ctx)
        if not rows and _counts_follow(scan, span[1], unit.end):
            ctx = _named_place(scan, span, ctx)  # only a later sentence of the unit can use it
        out.extend(rows)
    return out, ctx


def _heading(scan: _Scan, unit: Unit, ctx: _Context) -> _Context:
    """A heading opens a section: "Strikes in Syria" names its place; "Other Recent Strikes" names none.
    Headings above the first count (a headline, "News Release") belong to the header, not to a section."""
    if not ctx.counted or not is_heading(scan.body, unit.start, unit.end):
        return ctx
    return ctx._replace(section_place=heading_place(scan.body, unit.start, unit.end), previous_place=None, headed=True)


def _unit_metrics(scan: _Scan, unit: Unit, ctx: _Context) -> tuple[list[Metric], _Context]:
    if ctx.unit_period is not None or ctx.unit_place is not None:
        ctx = ctx._replace(unit_period=None, unit_place=None)
    if unit.end - unit.start <= _HEADING_LENGTH:
        ctx = _heading(scan, unit, ctx)
    if scan.body[unit.end - 1] in ": \t\r":
        ctx = _intro_period(scan, unit, ctx)
    has_numbers = bisect_left(scan.number_starts, unit.start) < bisect_left(scan.number_starts, unit.end)
    if not has_numbers:
        header = _table_header(scan, unit, ctx)
        if header is not None:
            return [], header
        if not _mentions_strikes(scan.lower, unit.start, unit.end):
            ctx = _no_count_unit(scan, unit.start, unit.end, ctx)
            return [], ctx._replace(table_places=None) if ctx.table_places is not None else ctx
    if ctx.table_places is not None and scan.body[unit.start : unit.end].lstrip(" \t-•*")[:1].isdigit():
        rows = _table_rows(scan, unit, ctx)
        if rows is not None:
            return rows, ctx
    return _unit_sentences(scan, unit, ctx._replace(table_places=None) if ctx.table_places is not None else ctx)


def extract_metrics(body: str, *, published_date: date | None = None, kind: str = "news") -> list[Metric]:
    """Every counted thing in `body` with its value, qualifier, action, location and activity period."""
    if not body:
        return []
    all_units = units(body)
    scan, definitions = _scan(body, published_date, all_units)
    skip = _skipped_paragraphs(scan, all_units, definitions)
    report_like = kind == "strike_report" or ("strike" in scan.lower and bool(STRIKE_SIGNATURE_RE.search(body)))
    ctx = _Context(report_like=report_like)
    out: list[Metric] = []
    for unit in all_units:
        if unit.paragraph in skip:
            continue
        rows, ctx = _unit_metrics(scan, unit, ctx)
        out.extend(rows)
    return _unique(out)


def _unique(found: list[Metric]) -> list[Metric]:
    """One row per span, name and place (metric ids are built from them)."""
    seen = set()
    out = []
    for m in found:
        key = (m.char_start, m.char_end, m.name, m.location)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
