"""The walk over a release body: units, sentences, and the section period that strike-report lines inherit."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from pipelines.extract.metrics.context import find_places, leading_period, pick_period, split_places
from pipelines.extract.metrics.counts import Count, article_items, counted, noun_phrase, read_article, read_number
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
from pipelines.extract.metrics.segments import Unit, sentences, units
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


@dataclass(slots=True)
class _State:
    body: str
    published: date | None
    report_like: bool
    lower: str
    section: Period | None = None
    last_leading: Period | None = None  # the latest date opening a sentence, whatever the kind of release
    table_places: list[str] | None = None
    cumulative_marks: list[int] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)  # every date expression of the body, found once
    period_starts: list[int] = field(default_factory=list)
    verbs: list[Verb] = field(default_factory=list)
    verb_starts: list[int] = field(default_factory=list)

    def periods_in(self, start: int, end: int) -> list[Period]:
        return self.periods[bisect_left(self.period_starts, start) : bisect_left(self.period_starts, end)]

    def verbs_in(self, start: int, end: int) -> list[Verb]:
        return self.verbs[bisect_left(self.verb_starts, start) : bisect_left(self.verb_starts, end)]


def _metric(body: str, c: Count, **fields) -> Metric:
    return Metric(
        name=c.name,
        value=float(c.value),
        text=body[c.start : c.end],
        char_start=c.start,
        char_end=c.end,
        qualifier=c.qualifier,
        **fields,
    )


def _period_fields(period: Period | None) -> dict:
    if period is None:
        return {"period_start": None, "period_end": None}
    return {"period_start": period.start, "period_end": period.end}


def _table_rows(state: _State, unit: Unit) -> list[Metric] | None:
    """A row of a flattened table under "In Iraq In Syria": one count per column, in column order."""
    body = state.body
    items = list(TABLE_ITEM_RE.finditer(body, unit.start, unit.end))
    if not state.table_places or len(items) != len(state.table_places):
        return None
    out = []
    for item, place in zip(items, state.table_places, strict=False):
        words, np_end, trailing = noun_phrase(body, item.end("num"), item.end())
        if not counted(words):
            continue
        count = Count(parse_digits(item["num"]), metric_name(words), item.start(), item.start(), np_end)
        location = place_spellings().get(place, place)
        out.append(_metric(body, count, action=trailing, location=location, **_period_fields(state.section)))
    return out


def _date_sentence(
    state: _State,
    sent_start: int,
    sent_end: int,
    periods: list[Period],
    has_numbers: bool,
    unit_period: list[Period | None],
) -> None:
    """A date opening the sentence dates what follows; in a strike report, so does a dated strike count."""
    body = state.body
    leading = leading_period(body, periods, sent_start)
    if leading is not None:
        unit_period[0] = leading
        state.last_leading = leading
        if state.report_like:
            state.section = leading
    elif (
        state.report_like
        and periods
        and (has_numbers or ZERO_RE.search(body, sent_start, sent_end))
        and STRIKE_WORD_RE.search(body, sent_start, sent_end)
    ):
        # "Additionally, two strikes were conducted in Iraq on March 14-15 ..." dates the town lines after it;
        # "... attack ISIL terrorists in Syria yesterday, ... to conduct four airstrikes." dates the report.
        dated = next((p for p in periods if not p.since and not p.weak), None)
        if dated is not None:
            state.section = dated


def _find_counts(  # noqa: C901 (split pending, issue 14)
    state: _State,
    sent_start: int,
    sent_end: int,
    numbers: list[NumberSpan],
    periods: list[Period],
    strike_context: bool,
    verbs: list[Verb],
) -> list[Count]:
    """Numbers that count something, explicit zeros, and "a strike" / "an oil wellhead" in strike contexts."""
    body = state.body
    date_spans = [(p.char_start, p.char_end) for p in periods]
    counts: list[Count] = []
    for n in numbers:
        limit = sent_end
        if date_spans:
            inside = False
            for s, e in date_spans:
                if s <= n.start < e or s < n.end <= e:
                    inside = True
                    break
            if inside:
                continue
            # A counted phrase never runs into a date: "the next class of 450 students begins Feb. 1".
            for s, _ in date_spans:
                if s >= n.end:
                    limit = s
                    break
        c = read_number(body, n, sent_start, limit)
        if c is not None:
            counts.append(c)
    if state.lower.find("no", sent_start, sent_end) != -1:
        for z in ZERO_RE.finditer(body, sent_start, sent_end):
            counts.append(Count(0.0, metric_name([z["noun"]]), z.start(), z.start(), z.end()))
    if not strike_context:
        return _in_order(counts)
    taken = {c.number_start for c in counts}
    for a in ARTICLE_STRIKE_RE.finditer(body, sent_start, sent_end):
        if (a.start() > 0 and body[a.start() - 1].isalpha()) or a.start() in taken:
            continue  # "...a strike" inside a word
        if body[max(0, a.start() - 3) : a.start()] == "as ":
            continue  # "classified as a strike": the definition, not a count
        c = read_article(body, a.start(), a.end("art"), sent_end)
        if c:
            counts.append(c)
            taken.add(a.start())
    lower = state.lower
    if lower.find(" a ", sent_start, sent_end) == -1 and lower.find(" an ", sent_start, sent_end) == -1:
        return _in_order(counts)  # no "a"/"an" object for a strike verb to count
    for i, v in enumerate(verbs):
        if v.kind != "target":
            continue
        region_end = verbs[i + 1].start if i + 1 < len(verbs) else sent_end
        for art_start, art_end in article_items(state.lower, v.end, region_end):
            if art_start in taken:
                continue
            c = read_article(body, art_start, art_end, sent_end)
            if c:
                c.action, c.action_kind = v.lemma, "target"
                counts.append(c)
                taken.add(art_start)
    return _in_order(counts)


def _in_order(counts: list[Count]) -> list[Count]:
    # Numbers come in text order; only zeros and "a strike" found afterwards need a sort.
    for i in range(1, len(counts)):
        if counts[i].start < counts[i - 1].start:
            counts.sort(key=_START)
            break
    return counts


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
        if nxt is not None and (
            _LIST_GAP_RE.fullmatch(body, c.end, nxt.start) or _HELD_IN_RE.fullmatch(body, c.end, nxt.start)
        ):
            ends[id(c)] = ends[id(nxt)]
        else:
            ends[id(c)] = (c, nxt.start if nxt is not None else sent_end)
    return ends


def _action(
    body: str, c: Count, previous: Count | None, following: tuple[Verb, int] | None, verbs: list[Verb], sent_start: int
) -> None:
    """The verb a count goes with: its own (following) verb, a trailing participle, its list's, or the one before."""
    if c.action is None:
        if following:
            c.action, c.action_kind = following[0].lemma, following[0].kind
        elif c.trailing_action:
            c.action = c.trailing_action
        elif (
            previous is not None
            and previous.action_kind != "subject"
            and _LIST_GAP_RE.fullmatch(body, previous.end, c.start)
        ):
            c.action = previous.action  # "destroyed an ISIL vehicle, a fighting position, and two machine guns"
        elif not _NEW_CLAUSE_RE.search(body, max(sent_start, c.start - 12), c.start):
            # ", and two dozen advisers ..." opens a new clause: the verb before belongs to another count.
            for v in reversed(verbs):
                if v.end <= c.number_start:
                    c.action = v.lemma
                    break
    if c.name in _STRIKE_NAMES and (c.action is None or c.action_kind == "target"):
        c.action = "conduct"  # strikes are conducted; "seven strikes engaged ..." has strikes as the subject
        c.action_kind = "subject"


def _sentence_metrics(
    state: _State, sent_start: int, sent_end: int, numbers: list[NumberSpan], unit_period: list[Period | None]
) -> list[Metric]:
    body = state.body
    periods = state.periods_in(sent_start, sent_end)
    _date_sentence(state, sent_start, sent_end, periods, bool(numbers), unit_period)
    town = town_line(body, sent_start, sent_end)
    strike_context = state.report_like or town is not None or state.lower.find("strike", sent_start, sent_end) != -1
    verbs = state.verbs_in(sent_start, sent_end)
    counts = _find_counts(state, sent_start, sent_end, numbers, periods, strike_context, verbs)
    if not counts:
        return []
    places = find_places(body, sent_start, sent_end, state.lower) if town is None else None
    list_ends = _list_ends(body, counts, sent_end) if town is None else {}
    marks = state.cumulative_marks[
        bisect_left(state.cumulative_marks, sent_start) : bisect_left(state.cumulative_marks, sent_end)
    ]
    dated_starts = [p.char_start for p in periods if not p.since and not p.weak] if marks else []
    since_periods = [p for p in periods if p.since] if periods else []
    spellings = place_spellings()
    all_verbs, verb_starts = state.verbs, state.verb_starts
    never_cumulative = not_cumulative()
    published = state.published
    section = state.section if state.report_like else None
    out: list[Metric] = []
    following: dict[int, tuple[Verb, int] | None] = {}
    previous = None
    for c in counts:
        own_verb = following[c.end] = next_verb(body, c.end, sent_end, all_verbs, verb_starts)
        _action(body, c, previous, own_verb, verbs, sent_start)
        previous = c
        if town is not None:
            location = town
        else:
            last, search_to = list_ends[id(c)]
            last_verb = (
                following[last.end]
                if last.end in following
                else next_verb(body, last.end, sent_end, all_verbs, verb_starts)
            )
            location = places.near(body, c.start, last_verb[1] if last_verb else last.end, search_to, verbs)
        # "since Aug. 8, 2014" makes a running total only in the count's own clause
        # ("trained 350 fighters over 12 weeks, the third such course since 2015" is not one).
        since = None
        for p in since_periods:
            if not _COMMA_RE.search(body, min(c.end, p.char_start), max(c.start, p.char_start)):
                since = p
                break
        cumulative = (
            since is not None or (marks and _marked(body, c, marks, dated_starts))
        ) and c.name not in never_cumulative
        if cumulative:
            start, end = (since.start, published) if since else (None, None)
        else:
            dated = (pick_period(periods, c.start, c.end, body) if periods else None) or unit_period[0] or section
            start, end = (dated.start, dated.end) if dated else (None, None)
        text = body[c.start : c.end]
        # "There were no reported strikes in Syria or Iraq on March 16": a zero for each country;
        # "zero strikes ... in Syria and Iraq" is the two-country total.
        location = spellings.get(location, location) if location else location
        for loc in split_places(location) if c.value == 0 and location and " or " in location else (location,):
            out.append(
                Metric(c.name, float(c.value), text, c.start, c.end, c.qualifier, c.action, loc, start, end, cumulative)
            )
    return out


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
        if not any(not (clause_start <= d < clause_end) for d in dated):
            return True
    return False


def _mentions_strikes(lower: str, start: int, end: int) -> bool:
    return lower.find("strike", start, end) != -1 or lower.find("engagement", start, end) != -1


def _note_leading(state: _State, start: int, end: int, unit_period: list[Period | None]) -> None:
    """Sentences without counts still date what follows them ("On March 21, ..." then bullet lines)."""
    periods = state.periods_in(start, min(end, start + 90))
    leading = leading_period(state.body, periods, start)
    if leading is not None:
        unit_period[0] = leading
        state.last_leading = leading
        if state.report_like:
            state.section = leading


def extract_metrics(body: str, *, published_date: date | None = None, kind: str = "news") -> list[Metric]:  # noqa: C901 (split pending, issue 14)
    """Every counted thing in `body` with its value, qualifier, action, location and activity period."""
    if not body:
        return []
    lower = body.lower()
    report_like = kind == "strike_report" or ("strike" in lower and bool(STRIKE_SIGNATURE_RE.search(body)))
    periods = find_periods(body, published_date)
    phrases = scan_phrases(lower)
    state = _State(
        body,
        published_date,
        report_like,
        lower,
        cumulative_marks=phrases.cumulative,
        verbs=phrases.verbs,
        verb_starts=[v.start for v in phrases.verbs],
        periods=periods,
        period_starts=[p.char_start for p in periods],
    )
    numbers = find_numbers(body, lower)
    number_starts = [n.start for n in numbers]
    all_units = units(body)
    paragraph_starts = [u.paragraph_start for u in all_units]
    # The "a strike is ..." paragraph holds no data: its fixed phrases, or its shape when reworded.
    skip = {all_units[bisect_right(paragraph_starts, i) - 1].paragraph for i in phrases.definitions}
    digit_starts = [n.start for n in numbers if not n.spelled]
    for unit in all_units:
        if (
            unit.start == unit.paragraph_start
            and unit.paragraph not in skip
            # A paragraph with a number in digits reports something (is_definition says so too, more slowly).
            and bisect_left(digit_starts, unit.paragraph_start) == bisect_left(digit_starts, unit.paragraph_end)
            and is_definition(lower, unit.paragraph_start, unit.paragraph_end)
        ):
            skip.add(unit.paragraph)
    out: list[Metric] = []
    for unit in all_units:
        if unit.paragraph in skip:
            continue
        has_numbers = bisect_left(number_starts, unit.start) < bisect_left(number_starts, unit.end)
        unit_period: list[Period | None] = [None]
        if not has_numbers and body.startswith("In ", unit.start) and TABLE_HEADER_RE.match(body, unit.start, unit.end):
            state.table_places = TABLE_HEADER_PLACE_RE.findall(body[unit.start : unit.end].strip())
            state.report_like = True  # a flattened table: its rows take the period of the text above
            state.section = state.section or state.last_leading
            continue
        if not has_numbers and not _mentions_strikes(lower, unit.start, unit.end):
            _note_leading(state, unit.start, unit.end, unit_period)
            state.table_places = None
            continue
        if state.table_places is not None and body[unit.start : unit.end].lstrip()[:1].isdigit():
            rows = _table_rows(state, unit)
            if rows is not None:
                out.extend(rows)
                continue
        else:
            state.table_places = None
        for sent_start, sent_end in sentences(body, unit):
            lo = bisect_left(number_starts, sent_start)
            hi = bisect_left(number_starts, sent_end)
            if lo == hi and not _mentions_strikes(lower, sent_start, sent_end):
                _note_leading(state, sent_start, sent_end, unit_period)
                continue
            out.extend(_sentence_metrics(state, sent_start, sent_end, numbers[lo:hi], unit_period))
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
