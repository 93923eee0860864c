"""Counted things in a release body: strikes, engagements, targets, coalition size, amounts.

One pass finds every number (digits, words, "83-member", "$1.6 billion"); each is kept only when a
counted noun follows it and it is not a date, year, duration, ordinal or identifier. Strike reports
add their own shapes: per-town lines ("Near Mosul, three strikes engaged two tactical units;
destroyed 11 tunnels"), "a/an" targets after strike verbs, explicit zeros ("There were no reported
strikes in Syria on March 18") and flattened monthly tables ("In Iraq In Syria" / "14 partnered
operations 9 partnered operations"). Every row's text is body[char_start:char_end].
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from pipelines.extract.data_files import lines
from pipelines.extract.metric_names import metric_name, never_counted, phrase_stops
from pipelines.extract.metric_text import Unit, sentences, units
from pipelines.extract.numbers import NumberSpan, find_numbers, number_word_pattern, parse_digits, scale_word
from pipelines.extract.periods import Period, find_periods
from pipelines.extract.records import Metric

_STRIKE_NAMES = frozenset({"strikes", "airstrikes", "engagements"})
# Stop words that may still open a counted phrase: "1,200 more recruits", "two other vehicles".
_LEADING_MODIFIERS = frozenset({"more", "other"})


# --- compiled patterns (built once from the data files) -------------------------------------------------

@cache
def _verbs() -> dict[str, tuple[str, str]]:
    table = {}
    for line in lines("metric_verbs.tsv"):
        form, lemma, kind = line.split("\t")
        table[form] = (lemma, kind)
    return table


_LOWER_WORD_RE = re.compile(r"[a-z]+")
# A verb right after a counted noun, past auxiliaries: "20,000 soldiers have been trained", "21 Nations attended".
_FOLLOWING_WORD_RE = re.compile(
    r"\s+(?:(?:have|has|had|were|was|are|is|will|would|been|be|being|also|already|reportedly|successfully)\s+)*"
    r"(?P<verb>[a-z]+)\b"
)


@dataclass(frozen=True, slots=True)
class _Verb:
    start: int
    end: int
    lemma: str
    kind: str  # "target" (strike verbs) or "other"


@cache
def _verb_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form in _verbs():
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


def _find_verbs(lower: str) -> list[_Verb]:
    """Every verb form of data/metric_verbs.tsv in the document, as whole words (one Aho-Corasick pass)."""
    verbs = _verbs()
    found = []
    size = len(lower)
    for last, form in _verb_automaton().iter(lower):
        start = last - len(form) + 1
        if (start > 0 and lower[start - 1].isalpha()) or (last + 1 < size and lower[last + 1].isalpha()):
            continue
        lemma, kind = verbs[form]
        found.append(_Verb(start, last + 1, lemma, kind))
    found.sort(key=lambda v: v.start)
    return found


def _following_verb(body: str, pos: int, limit: int) -> tuple[_Verb, int] | None:
    m = _FOLLOWING_WORD_RE.match(body, pos, limit)
    if m is None:
        return None
    hit = _verbs().get(m["verb"])
    return (_Verb(m.start("verb"), m.end("verb"), hit[0], hit[1]), m.end()) if hit else None


@cache
def _qualifiers() -> tuple[dict[str, str], int, frozenset[str]]:
    table = dict(line.split("\t") for line in lines("metric_qualifiers.tsv"))
    return table, max(len(p.split()) for p in table), frozenset(p.split()[-1] for p in table)


@cache
def _cumulative_phrases() -> tuple[str, ...]:
    return tuple(p.lower() for p in lines("metric_cumulative.txt"))


def _cumulative_marks(lower: str) -> list[int]:
    """Where the running-total phrases of the document start (found once per body)."""
    marks = []
    for phrase in _cumulative_phrases():
        i = lower.find(phrase)
        while i != -1:
            if (i == 0 or not lower[i - 1].isalpha()) and not lower[i + len(phrase):i + len(phrase) + 1].isalpha():
                marks.append(i)
            i = lower.find(phrase, i + 1)
    return sorted(marks)


@cache
def _definition_phrases() -> tuple[str, ...]:
    return tuple(p.lower() for p in lines("metric_strike_definition.txt"))


@cache
def _hyphen_units() -> frozenset[str]:
    return frozenset(lines("metric_hyphen_units.txt"))


@cache
def _not_cumulative() -> frozenset[str]:
    return frozenset(lines("metric_not_cumulative.txt"))


@cache
def _openers() -> frozenset[str]:
    return frozenset(lines("sentence_openers.txt"))


@cache
def _place_stops() -> frozenset[str]:
    return frozenset(w.replace("'", "’") for w in lines("metric_place_stops.txt")) | frozenset(lines("metric_place_stops.txt"))


_CAP = r"[A-Z][a-zA-Z-]*(?:['’](?![sS]\b)[a-zA-Z][a-zA-Z-]*)?"  # "Mar'a", "Da’esh"; not the possessive "Iraq’s"
_PARTICLE = r"(?:al|ar|as|ash|az|ad|an|el|ez|at|bin|ibn)"
_PLACE = rf"{_CAP}(?:(?:\s+{_PARTICLE}(?:\s+|-)|\s+){_CAP}){{0,4}}"
# "in Syria", "near Abu Kamal", "in Iraq and Syria", "across Iraq, Syria and Libya".
_PLACE_RE = re.compile(
    rf"\b(?:[Ii]n|[Nn]ear|[Aa]round|[Aa]cross|[Oo]utside|[Tt]hroughout)\s+(?:the\s+)?"
    rf"(?P<place>{_PLACE}(?:(?:,\s*|,?\s+(?:and|or)\s+){_PLACE})*)\b(?!\s*\d)"  # "near Highway 47" is no place
)
_PLACE_SPLIT_RE = re.compile(r",\s*(?:and\s+|or\s+)?|,?\s+(?:and|or)\s+")
# "Near Mosul, three strikes ...", "-- Hit, one strike ...", "* Near Ar Raqqah, seven strikes ...".
_TOWN_RE = re.compile(
    r"[ \t]*(?:[*•·]|--?|–|—)?[ \t]*(?:(?P<near>[Nn]ear|NEAR)\s+)?(?P<town>[A-Z][^,.;:\n\d]{0,50}?),\s+"
)
_TOWN_COUNT_RE = re.compile(rf"(?:{number_word_pattern()}|an?|\d[\d,]*)\s+(?:\w+\s+)?(?:air\s?)?strikes?\b", re.IGNORECASE)
_ZERO_RE = re.compile(
    r"\b(?:[Nn]o|did\s+not\s+conduct\s+any)\s+(?:(?:reported|additional|new|further|other|confirmed|coalition|Coalition)\s+){0,2}"
    r"(?P<noun>air\s?strikes|strikes|engagements)\b"
)
_ARTICLE_STRIKE_RE = re.compile(
    r"(?P<art>[Aa]n?)\s+(?:(?:single|additional|separate|lone)\s+)?(?:air\s?strike|strike)\b(?![s-])(?!\s+as\b)"
)
_STRIKE_WORD_RE = re.compile(r"\b(?:air\s?)?strikes?\b", re.IGNORECASE)
_DIRECTION_RE = re.compile(r"^(?:(?:North|South|East|West)(?:east|west)?(?:ern)?\s+of\s+)")
# Up to six words after a number, separated by white space with at most one line break between two words.
_PHRASE_RE = re.compile(r"(?:(?:[ \t]+\n?[ \t]*|\n[ \t]*)[A-Za-z][A-Za-z0-9'’&/-]*(?:\.[A-Za-z]+)*\.?){1,6}")
_HYPHEN_RE = re.compile(r"-(?P<w>[A-Za-z]+)")
_SCALE_RE = re.compile(r"\s?(?P<w>million|billion|thousand|trillion)\b", re.IGNORECASE)
_PERCENT_RE = re.compile(r"\s?(?:%|per\s?cent\b)", re.IGNORECASE)
_COALITION_OF_RE = re.compile(r"\s+of\s+the\s+(?:[\w-]+\s+){0,3}?[Cc]oalition\b")
_LOWER_RE = re.compile(r"[a-z]{3}")
_CLAUSE_BREAK_RE = re.compile(r"[,;:]")
_COMMA_RE = re.compile(r"[,;]")
_TARGETS_IN_RE = re.compile(r"\btargets\s+(?:in|near|across|throughout)\s+(?:the\s+)?$")
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|consisting\s+of\s+|in\s+)")
_NEW_CLAUSE_RE = re.compile(r"[,;]\s+(?:and|but|while|whereas)\s+$")
_CAPITALIZED_WORD_RE = re.compile(r"[A-Z][A-Za-z.’'-]*")
_NUMBER_MARKS = frozenset({"No.", "Nos.", "No", "Number", "number", "NO.", "NUMBER"})
# A date expression at the start of a sentence sets the period of what follows: "On Apr. 2,", "Between March 9-15,".
_LEADING_RE = re.compile(
    r"[\s*•·–—-]*(?:(?:On|on|Between|between|From|from|During|during|In|in|Over|over|Throughout|throughout|"
    r"For|for|the|The|period|of|week|month|Additionally,?|Separately,?)\s+)*"
)
_STRIKE_SIGNATURE_RE = re.compile(
    r"\bstrikes?\s+(?:consisting\s+of|in)\s+[\w,]+\s+engagements\b|^[ \t]*(?:[*•]|--?)?[ \t]*Near [A-Z][^,\n]{0,40},"
    r"|^[ \t]*In [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*[ \t]+In [A-Z]",
    re.MULTILINE,
)
_TABLE_HEADER_RE = re.compile(r"[ \t]*In\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?:\s+In\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)+[ \t]*$")
_TABLE_HEADER_PLACE_RE = re.compile(r"In\s+(.+?)(?=\s+In\s+|\s*$)")
_TABLE_ITEM_RE = re.compile(r"(?P<num>\d[\d,]*)\s+(?P<noun>[^\d\n]+?)(?=\s+\d|\s*$)")


@dataclass(slots=True)
class _Count:
    value: float
    name: str
    start: int  # of the whole span (qualifier included)
    number_start: int
    end: int  # end of the counted noun phrase
    qualifier: str = "exact"
    action: str | None = None
    action_kind: str | None = None  # "target" when a strike verb follows the count (the count is its subject)
    trailing_action: str | None = None


# --- reading one count ------------------------------------------------------------------------------------


def _noun_phrase(body: str, pos: int, limit: int) -> tuple[list[str], int, str | None]:
    """Words of the noun phrase starting at pos, its end, and the action of a trailing participle ("12 ISIS killed")."""
    m = _PHRASE_RE.match(body, pos, limit)
    if m is None:
        return [], pos, None
    stops = phrase_stops()
    verbs = _verbs()
    text = m[0]
    words: list[str] = []
    end = pos
    trailing = None
    cursor = 0
    for token in text.split():
        at = text.find(token, cursor)
        cursor = at + len(token)
        closes = token.endswith(".") and token.count(".") == 1  # "vehicles." ends the sentence; "U.S." does not
        if closes:
            token = token[:-1]
        low = token.lower()
        if low in verbs and words:  # "seven strikes engaged ...", "53 ISIS detained"
            trailing = verbs[low][0]
            break
        if low in stops and not (not words and low in _LEADING_MODIFIERS):
            break
        if low.endswith("ing") and words and _is_plural(words[-1]):
            break  # "14 strikes using attack aircraft", "two vehicles carrying fighters"
        if token.endswith(("'s", "’s")):
            break
        words.append(token)
        end = pos + at + len(token)
        if closes:
            break
    if words and all(w.lower() in _LEADING_MODIFIERS for w in words):
        words = []  # "1,200 more are in class": the counted noun is elided
    while len(words) > 1 and (words[-1].lower() in verbs or (words[-1].endswith("ed") and words[-1][0].islower())):
        dropped = words.pop().lower()
        if dropped in verbs:
            trailing = verbs[dropped][0]
        end = body.rfind(words[-1], pos, end) + len(words[-1])
    return words, end, trailing


def _is_plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and not word.isupper()


def _counted(words: list[str]) -> bool:
    if not words:
        return False
    low = [w.lower() for w in words]
    if low[-1] in _verbs() and len(low) == 1:
        return False
    bad = never_counted()
    if len(low) > 1 and low[-2] == "square":  # areas: "31,000 square miles"
        return True
    return not any(w in bad for w in low)


def _qualifier(body: str, start: int, floor: int) -> tuple[str, int]:
    """The qualifier words right before a number ("more than 4,100" -> over) and where they start."""
    table, longest, last_words = _qualifiers()
    window = body[max(floor, start - 30):start]
    if not window or not window[-1].isspace():
        return "exact", start
    words = window.lower().split()
    if not words or words[-1] not in last_words:  # the common case: no qualifier at all
        return "exact", start
    for k in range(min(longest, len(words)), 0, -1):
        phrase = " ".join(words[-k:])
        if phrase in table:
            at = len(window)
            lower = window.lower()
            for word in reversed(words[-k:]):
                at = lower.rfind(word, 0, at)
            if at > 0 and (window[at - 1].isalnum() or window[at - 1] == "-"):
                continue
            return table[phrase], start - len(window) + at
    return "exact", start


def _is_identifier(body: str, start: int, sentence_start: int, sentence_end: int) -> bool:
    """Digits right after a capitalized word inside a sentence name something: "Task Force 1-87", "Resolution 2249".

    Not in ALL CAPS radio scripts ("THE COALITION SAYS 45 PERCENT ..."), where every word is capitalized.
    """
    j = start
    while j > sentence_start and body[j - 1] in " \t\n":
        j -= 1
    if j > sentence_start and body[j - 1] == "#":
        return True
    k = j
    while k > sentence_start and not body[k - 1].isspace():
        k -= 1
    word = body[k:j]
    if word in _NUMBER_MARKS:
        return True
    if not _CAPITALIZED_WORD_RE.fullmatch(word) or word.endswith(("'s", "’s")):
        return False
    if not body[sentence_start:k].strip(" \t\n*•·-–—“\"("):
        return False  # a capitalized word opening the sentence ("About 200", "Over 4,100") is no name
    return bool(_LOWER_RE.search(body, sentence_start, sentence_end))


def _members_name(words: list[str]) -> str:
    """"83-member International Coalition" -> coalition_members; "a 12-member team" -> team_members."""
    low = [w.lower() for w in words[:3]]
    if "coalition" in low:
        return "coalition_members"
    if not words:
        return "members"
    if words[0][:1].isupper():  # the capitalized name that follows: "12-member Joint Planning Team"
        run = [w for w in words if w[:1].isupper()]
        head = run[-1]
    else:
        head = words[0]
    return re.sub(r"[^a-z0-9]+", "_", head.lower()).strip("_") + "_members"


def _read_number(body: str, n: NumberSpan, sentence_start: int, limit: int) -> _Count | None:
    value = n.value
    number_start, end = n.start, n.end
    currency = n.currency_start is not None
    if number_start > 0 and body[number_start - 1] == "(" and body.startswith(")", end):
        return None  # "(1)", "(2)": list numbering
    if not n.spelled:
        if body.startswith("-", end) and end + 1 < len(body) and body[end + 1].isdigit():
            return None  # "1-87", "9-10": an identifier or a range, not a count
        if not currency and end - number_start == 4 and 1900 <= value <= 2099 and value == int(value):
            return None  # a year
        if not currency and _is_identifier(body, number_start, sentence_start, limit):
            return None
    span_start = n.currency_start if currency else number_start
    qualifier, span_start = _qualifier(body, span_start, sentence_start)
    if not n.spelled:
        scale = _SCALE_RE.match(body, end, limit)
        if scale:
            value *= scale_word(scale["w"])
            end = scale.end()
    if currency:
        words, np_end, _ = _noun_phrase(body, end, limit)
        if words and words[0].lower() in ("dollars", "usd"):
            end = np_end
        return _Count(value, "usd", span_start, number_start, end, qualifier)
    percent = _PERCENT_RE.match(body, end, limit)
    if percent:
        return _Count(value, "percent", span_start, number_start, percent.end(), qualifier)
    hyphen = _HYPHEN_RE.match(body, end, limit)
    if hyphen:
        unit = hyphen["w"].lower()
        end = hyphen.end()
        if unit == "plus":  # "a 60-plus nation coalition"
            qualifier = "over"
            nxt = _HYPHEN_RE.match(body, end, limit)
            if nxt:
                unit, end = nxt["w"].lower(), nxt.end()
            else:
                words, np_end, trailing = _noun_phrase(body, end, limit)
                if not _counted(words):
                    return None
                if len(words) > 1 and not words[0].lower().endswith("s"):
                    words = words[:1]  # "a 60-plus nation coalition" counts nations
                return _Count(value, metric_name(words), span_start, number_start, np_end, qualifier, trailing_action=trailing)
        if unit not in _hyphen_units() or body.startswith("-", end):  # "24-hour", "2-star", "two-way", "25-year-old"
            return None
        if unit in ("member", "members"):  # "the 83-member International Coalition" -> coalition_members
            words, np_end, _ = _noun_phrase(body, end, limit)
            return _Count(value, _members_name(words), span_start, number_start, np_end if words else end, qualifier)
        words, np_end, _ = _noun_phrase(body, end, limit)
        return _Count(value, metric_name([unit]), span_start, number_start, np_end if words else end, qualifier)
    words, np_end, trailing = _noun_phrase(body, end, limit)
    if not _counted(words):
        return None
    name = metric_name(words)
    if name == "members" and (
        _COALITION_OF_RE.match(body, np_end, limit) or "coalition" in body[max(sentence_start, number_start - 60):number_start].lower()
    ):
        name = "coalition_members"  # "about 66 members of the Global Coalition", "The Coalition, which includes 79 members"
    return _Count(value, name, span_start, number_start, np_end, qualifier, trailing_action=trailing)


def _article_items(lower: str, start: int, end: int) -> list[tuple[int, int]]:
    """"a"/"an" opening an object of a strike verb: right after it, or after a comma, semicolon, "and" or "or".

    "destroyed an oil wellhead and a VBIED" -> both; "denied ISIS access to a road" -> none.
    """
    items = []
    for article in (" a ", " an "):
        i = lower.find(article, start, end)
        while i != -1:
            before = lower[start:i].rstrip()
            if not before or before.endswith((",", ";", " and", " or")) or before in ("and", "also", "or"):
                items.append((i + 1, i + len(article) - 1))
            i = lower.find(article, i + 1, end)
    items.sort()
    return items


def _read_article(body: str, art_start: int, art_end: int, limit: int) -> _Count | None:
    """"an oil wellhead" after a strike verb counts one wellhead."""
    words, np_end, _ = _noun_phrase(body, art_end, limit)
    if not _counted(words):
        return None
    return _Count(1.0, metric_name(words), art_start, art_start, np_end)


# --- the document walk ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Places:
    spans: list[tuple[int, int, str]]

    def near(self, body: str, start: int, search_from: int, search_to: int, verbs: list[_Verb]) -> str | None:
        """The place written after the count (or its list) in the same clause, else the last one before it.

        "an ISIL armed vehicle, a command post and two fighting positions near Kobani" -> all at Kobani;
        "21 Nations attended the conference to discuss ..., and ... in Iraq" -> not Iraq (a clause break between);
        "the 60-plus nation coalition has conducted 14,000 strikes in Iraq and Syria" -> the place is the strikes'.
        """
        for ps, pe, place in self.spans:
            if ps >= search_from:
                between = body[search_from:ps]
                # Commas end the clause, except in a list of aircraft before "... targets in Syria and Iraq".
                breaks = _CLAUSE_BREAK_RE.search(between) and not (
                    ";" not in between and ":" not in between and _TARGETS_IN_RE.search(between)
                )
                if ps < search_to and not breaks and not any(search_from <= v.start < ps for v in verbs):
                    return place
                break
        before = [p for p in self.spans if p[1] <= start]
        return before[-1][2] if before else None


def _find_places(body: str, start: int, end: int) -> _Places:
    stops = _place_stops()
    spans = []
    for m in _PLACE_RE.finditer(body, start, end):
        parts = _PLACE_SPLIT_RE.split(m["place"])
        kept = []
        for part in parts:
            words = part.split()
            if not words or words[0] in stops or words[-1] in stops:
                break
            kept.append(part)
        if not kept:
            continue
        # Keep the original wording ("Iraq and Syria") up to the last accepted part.
        text = m["place"]
        cut = text.find(kept[-1], sum(len(k) for k in kept[:-1])) + len(kept[-1])
        spans.append((m.start("place"), m.start("place") + cut, text[:cut]))
    return _Places(spans)


def _split_places(place: str | None) -> list[str | None]:
    if not place:
        return [place]
    return [p for p in _PLACE_SPLIT_RE.split(place) if p] or [place]


def _pick_period(periods: list[Period], start: int, end: int, body: str) -> Period | None:
    """The date written after the count in its clause, else the last one before it (bare years only when leading)."""
    for p in periods:
        if p.char_start >= end and not p.since and not p.weak:
            if not _COMMA_RE.search(body, end, p.char_start):
                return p
            break
    before = [p for p in periods if p.char_end <= start and not p.since and not p.weak]
    return before[-1] if before else None


def _leading_period(body: str, periods: list[Period], sentence_start: int) -> Period | None:
    for p in periods:
        if p.since:
            continue
        prefix = _LEADING_RE.match(body, sentence_start, p.char_start)
        if prefix and prefix.end() == p.char_start:
            return p
        return None
    return None


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
    verbs: list[_Verb] | None = None  # found on first use
    verb_starts: list[int] = field(default_factory=list)

    def periods_in(self, start: int, end: int) -> list[Period]:
        return self.periods[bisect_left(self.period_starts, start):bisect_left(self.period_starts, end)]

    def verbs_in(self, start: int, end: int) -> list[_Verb]:
        if self.verbs is None:
            self.verbs = _find_verbs(self.lower)
            self.verb_starts = [v.start for v in self.verbs]
        return self.verbs[bisect_left(self.verb_starts, start):bisect_left(self.verb_starts, end)]


def _metric(body: str, c: _Count, **fields) -> Metric:
    return Metric(
        name=c.name,
        value=float(c.value),
        text=body[c.start:c.end],
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
    items = list(_TABLE_ITEM_RE.finditer(body, unit.start, unit.end))
    if not state.table_places or len(items) != len(state.table_places):
        return None
    out = []
    for item, place in zip(items, state.table_places):
        words, np_end, trailing = _noun_phrase(body, item.end("num"), item.end())
        if not _counted(words):
            continue
        count = _Count(parse_digits(item["num"]), metric_name(words), item.start(), item.start(), np_end)
        out.append(_metric(body, count, action=trailing, location=place, **_period_fields(state.section)))
    return out


def _sentence_metrics(state: _State, sent_start: int, sent_end: int, numbers: list[NumberSpan],
                      unit_period: list[Period | None]) -> list[Metric]:
    body = state.body
    periods = state.periods_in(sent_start, sent_end)
    leading = _leading_period(body, periods, sent_start)
    if leading is not None:
        unit_period[0] = leading
        state.last_leading = leading
        if state.report_like:
            state.section = leading
    elif state.report_like and periods and (numbers or _ZERO_RE.search(body, sent_start, sent_end)) and _STRIKE_WORD_RE.search(body, sent_start, sent_end):
        # "Additionally, two strikes were conducted in Iraq on March 14-15 ..." dates the town lines after it;
        # "... attack ISIL terrorists in Syria yesterday, ... to conduct four airstrikes." dates the report.
        dated = next((p for p in periods if not p.since and not p.weak), None)
        if dated is not None:
            state.section = dated
    town = None
    tm = _TOWN_RE.match(body, sent_start, sent_end)
    if tm and tm["town"].split()[0] not in _openers() and len(tm["town"].split()) <= 6:
        if tm["near"] or _TOWN_COUNT_RE.match(body, tm.end(), sent_end):
            # "Southwest of Irbil, an airstrike ..." is at Irbil.
            town = _DIRECTION_RE.sub("", tm["town"].strip())
    strike_context = state.report_like or town is not None or state.lower.find("strike", sent_start, sent_end) != -1

    date_spans = [(p.char_start, p.char_end) for p in periods]
    counts: list[_Count] = []
    for n in numbers:
        if any(s <= n.start < e or s < n.end <= e for s, e in date_spans):
            continue
        # A counted phrase never runs into a date: "the next class of 450 students begins Feb. 1".
        limit = next((s for s, _ in date_spans if s >= n.end), sent_end)
        c = _read_number(body, n, sent_start, limit)
        if c is not None:
            counts.append(c)
    zeros = []
    for z in (_ZERO_RE.finditer(body, sent_start, sent_end) if state.lower.find("no", sent_start, sent_end) != -1 else ()):
        zeros.append(_Count(0.0, metric_name([z["noun"]]), z.start(), z.start(), z.end()))
    verb_matches = state.verbs_in(sent_start, sent_end) if (counts or strike_context) else []
    if strike_context:
        taken = {c.number_start for c in counts}
        for a in _ARTICLE_STRIKE_RE.finditer(body, sent_start, sent_end):
            if a.start() > 0 and body[a.start() - 1].isalpha():
                continue  # "...a strike" inside a word
            if body[max(0, a.start() - 3):a.start()] == "as ":
                continue  # "classified as a strike": the definition, not a count
            if a.start() not in taken:
                c = _read_article(body, a.start(), a.end("art"), sent_end)
                if c:
                    counts.append(c)
                    taken.add(a.start())
        for i, v in enumerate(verb_matches):
            if v.kind != "target":
                continue
            region_end = verb_matches[i + 1].start if i + 1 < len(verb_matches) else sent_end
            for art_start, art_end in _article_items(state.lower, v.end, region_end):
                if art_start in taken:
                    continue
                c = _read_article(body, art_start, art_end, sent_end)
                if c:
                    c.action, c.action_kind = v.lemma, "target"
                    counts.append(c)
                    taken.add(art_start)
    if not counts and not zeros:
        return []
    counts.sort(key=lambda c: c.start)

    places = _find_places(body, sent_start, sent_end) if town is None else None
    marked = bisect_left(state.cumulative_marks, sent_start) < bisect_left(state.cumulative_marks, sent_end)
    since_periods = [p for p in periods if p.since]
    out: list[Metric] = []
    everything = sorted(counts + zeros, key=lambda c: c.start)
    # Counts in one list ("11 fighting positions, two vehicles and a mortar system", "nine strikes consisting of
    # 12 engagements") share the place written after the last of them.
    list_end = {}
    for i in range(len(everything) - 1 if town is None else -1, -1, -1):
        c = everything[i]
        nxt = everything[i + 1] if i + 1 < len(everything) else None
        if nxt is not None and _LIST_GAP_RE.fullmatch(body, c.end, nxt.start):
            list_end[id(c)] = list_end[id(nxt)]
        else:
            list_end[id(c)] = (c, nxt.start if nxt is not None else sent_end)
    following = {}
    previous = None
    for c in everything:
        fv = following[c.end] = _following_verb(body, c.end, sent_end)
        sibling = previous is not None and _LIST_GAP_RE.fullmatch(body, previous.end, c.start)
        if c.action is None:
            if fv:
                c.action, c.action_kind = fv[0].lemma, fv[0].kind
            elif c.trailing_action:
                c.action = c.trailing_action
            elif sibling and previous.action_kind != "subject":
                c.action = previous.action  # "destroyed an ISIL vehicle, a fighting position, and two machine guns"
            elif not _NEW_CLAUSE_RE.search(body, max(sent_start, c.start - 12), c.start):
                # ", and two dozen advisers ..." opens a new clause: the verb before belongs to another count.
                before = [v for v in verb_matches if v.end <= c.number_start]
                if before:
                    c.action = before[-1].lemma
        if c.name in _STRIKE_NAMES and (c.action is None or c.action_kind == "target"):
            c.action = "conduct"  # strikes are conducted; "seven strikes engaged ..." has strikes as the subject
            c.action_kind = "subject"
        previous = c
        if town is not None:
            location = town
        else:
            last, search_to = list_end[id(c)]
            own = following[last.end] if last.end in following else _following_verb(body, last.end, sent_end)
            location = places.near(body, c.start, own[1] if own else last.end, search_to, verb_matches)
        # "since Aug. 8, 2014" makes a running total only in the count's own clause
        # ("trained 350 fighters over 12 weeks, the third such course since 2015" is not one).
        since = next((p for p in since_periods if not _COMMA_RE.search(body, min(c.end, p.char_start), max(c.start, p.char_start))), None)
        cumulative = (marked or since is not None) and c.name not in _not_cumulative()
        if cumulative:
            start, end = (since.start, state.published) if since else (None, None)
        else:
            dated = _pick_period(periods, c.start, c.end, body) or unit_period[0] or (state.section if state.report_like else None)
            start, end = (dated.start, dated.end) if dated else (None, None)
        text = body[c.start:c.end]
        for loc in _split_places(location) if c.value == 0 else (location,):
            out.append(Metric(c.name, float(c.value), text, c.start, c.end, c.qualifier, c.action, loc, start, end, cumulative))
    return out


def _definition_paragraphs(lower: str, paragraph_of) -> set[int]:
    found = set()
    for phrase in _definition_phrases():
        i = lower.find(phrase)
        while i != -1:
            found.add(paragraph_of(i))
            i = lower.find(phrase, i + 1)
    return found


def _mentions_strikes(lower: str, start: int, end: int) -> bool:
    return lower.find("strike", start, end) != -1 or lower.find("engagement", start, end) != -1


def _note_leading(state: _State, start: int, end: int, unit_period: list[Period | None]) -> None:
    """Sentences without counts still date what follows them ("On March 21, ..." then bullet lines)."""
    periods = state.periods_in(start, min(end, start + 90))
    leading = _leading_period(state.body, periods, start)
    if leading is not None:
        unit_period[0] = leading
        state.last_leading = leading
        if state.report_like:
            state.section = leading


def extract_metrics(body: str, *, published_date: date | None = None, kind: str = "news") -> list[Metric]:
    """Every counted thing in `body` with its value, qualifier, action, location and activity period."""
    if not body:
        return []
    lower = body.lower()
    report_like = kind == "strike_report" or ("strike" in lower and bool(_STRIKE_SIGNATURE_RE.search(body)))
    periods = find_periods(body, published_date)
    state = _State(body, published_date, report_like, lower, cumulative_marks=_cumulative_marks(lower),
                   periods=periods, period_starts=[p.char_start for p in periods])
    numbers = find_numbers(body, lower)
    number_starts = [n.start for n in numbers]
    all_units = units(body)
    paragraph_starts = [u.paragraph_start for u in all_units]
    skip = _definition_paragraphs(lower, lambda i: all_units[bisect_right(paragraph_starts, i) - 1].paragraph)
    out: list[Metric] = []
    for unit in all_units:
        if unit.paragraph in skip:
            continue  # the fixed "a strike is ..." paragraph holds no data
        has_numbers = bisect_left(number_starts, unit.start) < bisect_left(number_starts, unit.end)
        unit_period: list[Period | None] = [None]
        if not has_numbers and body.startswith("In ", unit.start) and _TABLE_HEADER_RE.match(body, unit.start, unit.end):
            state.table_places = _TABLE_HEADER_PLACE_RE.findall(body[unit.start:unit.end].strip())
            state.report_like = True  # a flattened table: its rows take the period of the text above
            state.section = state.section or state.last_leading
            continue
        if not has_numbers and not _mentions_strikes(lower, unit.start, unit.end):
            _note_leading(state, unit.start, unit.end, unit_period)
            state.table_places = None
            continue
        if state.table_places is not None and body[unit.start:unit.end].lstrip()[:1].isdigit():
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
