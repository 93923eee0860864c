"""Where and when a count happened, read from its sentence: "in Iraq and Syria", "near Abu Kamal", "On Apr. 2,"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.metrics.lexicon import Verb, place_stops
from pipelines.extract.metrics.periods import Period

_CAP = r"[A-Z][a-zA-Z-]*(?:['’](?![sS]\b)[a-zA-Z][a-zA-Z-]*)?"  # "Mar'a", "Da’esh"; not the possessive "Iraq’s"
_PARTICLE = r"(?:al|ar|as|ash|az|ad|an|el|ez|at|bin|ibn)"
_PLACE = rf"{_CAP}(?:(?:\s+{_PARTICLE}(?:\s+|-)|\s+){_CAP}){{0,4}}"
# "in Syria", "near Abu Kamal", "in Iraq and Syria", "across Iraq, Syria and Libya".
_PLACE_RE = re.compile(
    rf"\b(?:[Ii]n|[Nn]ear|[Aa]round|[Aa]cross|[Oo]utside|[Tt]hroughout)\s+(?:the\s+)?"
    rf"(?P<place>{_PLACE}(?:(?:,\s*|,?\s+(?:and|or)\s+){_PLACE})*)\b(?!\s*\d)"  # "near Highway 47" is no place
)
_PREPOSITIONS = ("in", "near", "around", "across", "outside", "throughout")  # the words _PLACE_RE opens with
_PLACE_SPLIT_RE = re.compile(r",\s*(?:and\s+|or\s+)?|,?\s+(?:and|or)\s+")
_CLAUSE_BREAK_RE = re.compile(r"[,;:]")
_COMMA_RE = re.compile(r"[,;]")
_TARGETS_IN_RE = re.compile(r"\btargets\s+(?:in|near|across|throughout)\s+(?:the\s+)?$")
# A date expression at the start of a sentence sets the period of what follows: "On Apr. 2,", "Between March 9-15,".
_LEADING_RE = re.compile(
    r"[\s*•·–—-]*(?:(?:On|on|Between|between|From|from|During|during|In|in|Over|over|Throughout|throughout|"
    r"For|for|the|The|period|of|week|month|Additionally,?|Separately,?)\s+)*"
)


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


def _place_matches(body: str, lower: str, start: int, end: int) -> list[re.Match[str]]:
    """_PLACE_RE.finditer, tried only where a preposition starts (str.find is far cheaper than a regex scan)."""
    candidates = []
    for word in _PREPOSITIONS:
        i = lower.find(word, start, end)
        while i != -1:
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


def find_places(body: str, start: int, end: int, lower: str | None = None) -> Places:
    stops = place_stops()
    spans = []
    for m in _place_matches(body, body.lower() if lower is None else lower, start, end):
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
    for p in periods:
        if p.since:
            continue
        prefix = _LEADING_RE.match(body, sentence_start, p.char_start)
        if prefix and prefix.end() == p.char_start:
            return p
        return None
    return None
