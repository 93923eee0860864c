"""Where and when a count happened, read from its sentence: "in Iraq and Syria", "near Abu Kamal", "On Apr. 2,"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.metrics.lexicon import Verb, countries, place_stops
from pipelines.extract.metrics.periods import Period
from pipelines.extract.release.dates import MONTHS

_CAP = r"[A-Z][a-zA-Z-]*(?:['’](?![sS]\b)[a-zA-Z][a-zA-Z-]*)?"  # "Mar'a", "Da’esh"; not the possessive "Iraq’s"
_PARTICLE = r"(?:al|ar|as|ash|az|ad|an|el|ez|at|bin|ibn)"
_COMPASS = r"(?:north|south|east|west)(?:east|west)?(?:ern)?"
_PLACE = rf"(?:{_COMPASS}\s+)?{_CAP}(?:(?:\s+{_PARTICLE}(?:\s+|-)|\s+){_CAP}){{0,4}}"
# "in Syria", "near Abu Kamal", "in Iraq and Syria", "across Iraq, Syria and Libya", "in northeast Syria",
# "southeast of Dayr az Zawr" (the town the compass phrase is measured from).
_PLACE_RE = re.compile(
    rf"\b(?:[Ii]n|[Nn]ear|[Aa]round|[Aa]cross|[Oo]utside|[Tt]hroughout|[Ii]nto|[Ff]rom|[Aa]t|[Oo]n|(?i:{_COMPASS})\s+of|"
    rf"(?:town|city|province)\s+of)\s+(?:the\s+)?"
    rf"(?P<place>{_PLACE}(?:(?:,\s*|,?\s+(?:and|or)\s+){_PLACE})*)\b(?!\s*\d)"  # "near Highway 47" is no place
)
# The words _PLACE_RE opens with ("north", "south", ... also open "northeast of", "southern").
_PREPOSITIONS = (
    "in",  # "into" too
    "near",
    "around",
    "across",
    "outside",
    "throughout",
    "from",
    "at",
    "on",
    "north",
    "south",
    "east",
    "west",
    "town of",
    "city of",
    "province of",
)
# Dates glued to a place are cut off: "in Syria Dec. 28", "in Syria Monday and today".
_MONTH_WORDS = (
    frozenset(m.capitalize() for m in MONTHS)
    | frozenset(m.capitalize() + "." for m in MONTHS)
    | frozenset(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
)
# A short heading naming a country: "Strikes in Syria", "Airstrikes in Iraq", "Syria", "In Iraq:".
_HEADING_RE = re.compile(
    r"[ \t*•-]*(?:[A-Z][\w-]*(?:\s+[a-z]+)?\s+)?(?:[Ii]n\s+)?(?P<place>[A-Z][\w’' -]*?)[ \t]*:?[ \t]*"
)
_PLACE_SPLIT_RE = re.compile(r",\s*(?:and\s+|or\s+)?|,?\s+(?:and|or)\s+")
_CLAUSE_BREAK_RE = re.compile(r"[,;:]")
_COMMA_RE = re.compile(r"[,;]")
_TARGETS_IN_RE = re.compile(r"\btargets\s+(?:in|near|across|throughout)\s+(?:the\s+)?$")
# A date expression at the start of a sentence sets the period of what follows: "On Apr. 2,", "Between March 9-15,".
_LEADING_RE = re.compile(
    r"[\s*•·–—-]*(?:(?:On|on|Between|between|From|from|During|during|In|in|Over|over|Throughout|throughout|"
    r"For|for|the|The|period|of|week|month|Additionally,?|Separately,?)\s+)*"
)
_LEADING_REACH = 120  # no opening words run longer than this before the date
_LABEL_RE = re.compile(r"[\s*•·–—-]*[A-Z][a-z]+:\s+")  # "Strikes: In 2019, ..."


@dataclass(slots=True)
class Places:
    spans: list[tuple[int, int, str]]

    def near(self, body: str, start: int, search_from: int, search_to: int, verbs: list[Verb]) -> str | None:
        """The place written after the count (or its list) in the same clause, else the last one before it.

        "an ISIL armed vehicle, a command post and two fighting positions near Kobani" -> all at Kobani;
        "21 Nations attended the conference to discuss ..., and ... in Iraq" -> not Iraq (a clause break between);
        "the 60-plus nation coalition has conducted 14,000 strikes in Iraq and Syria" -> the place is the strikes'.
        """
        for ps, _pe, place in self.spans:
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


_COMPASS_WORDS = frozenset(("north", "south", "east", "west"))  # they open "northeast of", "southern" too
# (word, its length, whether a letter may follow it) for each preposition, computed once.
_PREPOSITION_FINDS = tuple((w, len(w), w in _COMPASS_WORDS) for w in _PREPOSITIONS)


def _place_matches(body: str, lower: str, start: int, end: int) -> list[re.Match[str]]:
    """_PLACE_RE.finditer, tried only where a preposition starts (str.find is far cheaper than a regex scan)."""
    candidates = []
    for word, size, compass in _PREPOSITION_FINDS:
        i = lower.find(word, start, end)
        while i != -1:
            # Only where the word stands alone ("in", not the "in" of "against"): what the regex's \b and \s
            # would ask, checked before the regex is tried.
            before = lower[i - 1] if i else " "
            after = lower[i + size] if i + size < end else " "
            if not (before.isalnum() or before == "_") and (
                compass or not after.isalpha() or (size == 2 and lower.startswith("to", i + 2))  # "into"
            ):
                candidates.append(i)
            i = lower.find(word, i + 1, end)
    candidates.sort()
    out = []
    covered = start
    for i in candidates:
        if i < covered:
            continue
        m = _PLACE_RE.match(body, i, end)
        if m is not None:
            out.append(m)
            covered = m.end()
    return out


def _kept_parts(parts: list[str], stops: frozenset[str]) -> list[str]:
    """The parts of a place list up to the first that is no place ("in Iraqi Security Forces"); a month
    glued to a place is cut off ("in Syria Dec. 28" -> Syria)."""
    kept = []
    for part in parts:
        words = part.split()
        trimmed = False
        while len(words) > 1 and words[-1] in _MONTH_WORDS:
            words.pop()
            trimmed = True
        if not words or words[0] in stops or words[-1] in stops or words[0] in _MONTH_WORDS:
            break
        kept.append(part[: part.rfind(words[-1]) + len(words[-1])] if trimmed else part)
        if trimmed:
            break
    return kept


def find_places(body: str, start: int, end: int, lower: str | None = None) -> Places:
    stops = place_stops()
    spans = []
    for m in _place_matches(body, body.lower() if lower is None else lower, start, end):
        kept = _kept_parts(_PLACE_SPLIT_RE.split(m["place"]), stops)
        if not kept:
            continue
        # Keep the original wording ("Iraq and Syria") up to the last accepted part.
        text = m["place"]
        cut = text.find(kept[-1], sum(len(k) for k in kept[:-1])) + len(kept[-1])
        spans.append((m.start("place"), m.start("place") + cut, text[:cut]))
    return Places(spans)


def split_places(place: str | None) -> list[str | None]:
    if not place:
        return [place]
    return [p for p in _PLACE_SPLIT_RE.split(place) if p] or [place]


def pick_period(periods: list[Period], start: int, end: int, body: str) -> Period | None:
    """The date written after the count in its clause, else the last one before it (bare years only when leading)."""
    for p in periods:
        if p.char_start >= end and not p.since and not p.weak:
            if not _COMMA_RE.search(body, end, p.char_start):
                return p
            break
    for p in reversed(periods):
        if p.char_end <= start and not p.since and not p.weak:
            return p
    return None


def leading_period(body: str, periods: list[Period], sentence_start: int) -> Period | None:
    """The date that opens the sentence ("On Apr. 2,", "Between March 9-15,", "Strikes: In 2019,"), if any."""
    if not periods or periods[0].char_start - sentence_start > _LEADING_REACH:
        return None
    label = _LABEL_RE.match(body, sentence_start)
    opening = label.end() if label else sentence_start
    for p in periods:
        if p.since or p.char_start < opening:
            continue
        prefix = _LEADING_RE.match(body, opening, p.char_start)
        if prefix and prefix.end() == p.char_start:
            return p
        return None
    return None


_HEADING_WORD_RE = re.compile(r"[A-Z&][\w’'&-]*|of|in|and|the|on|for|to|a")


def is_heading(body: str, start: int, end: int) -> bool:
    """A short line of capitalized words without a final stop or digits: "Strikes in Syria", "Other Recent
    Strikes", "Part of Operation Inherent Resolve", "Syria"."""
    if end - start > 80:
        return False
    text = body[start:end].strip(" \t*•-:")
    if not text or len(text) > 60 or text[-1] in '.!?”"' or any(ch.isdigit() for ch in text):
        return False
    words = text.split()
    return len(words) <= 6 and all(_HEADING_WORD_RE.fullmatch(w) for w in words)


def heading_place(body: str, start: int, end: int) -> str | None:
    """The country a short heading names ("Strikes in Syria", "Syria", "In Iraq:"), else None."""
    if end - start > 80:
        return None
    text = body[start:end]
    if len(text) > 60 or text.rstrip().endswith(".") or len(text.split()) > 6:
        return None
    m = _HEADING_RE.fullmatch(text)
    if m is None:
        return None
    place = m["place"].strip()
    return place if place in countries() else None


def town_of(place: str) -> str:
    """ "Manbij, Syria" -> "Manbij": a town written with its country is the town."""
    parts = [p.strip() for p in place.split(",")]
    if len(parts) == 2 and parts[1] in countries() and parts[0] not in countries():
        return parts[0]
    return place
