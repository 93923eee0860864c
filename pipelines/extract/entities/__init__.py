"""People, organizations and places mentioned in a release body, with canonical names and offsets.

    extract_mentions(body) -> [Mention]   one per mention, body[m.char_start:m.char_end] == m.text
    canonical_person_name(speaker)        "Brig. Gen. Thomas Weidley" -> "Thomas Weidley"

One automaton pass (gazetteer.automaton) yields candidates of every kind; overlapping candidates are settled
leftmost-longest, ties going to the gazetteer; then acronyms the release defines and surnames of the people
it names are found again wherever they recur. Cross-release merging (one entity per type and name) is SQL's.
"""

from __future__ import annotations

import bisect
import re

from pipelines.extract.entities import gazetteer, people, places, shapes
from pipelines.extract.entities.people import canonical_person_name
from pipelines.extract.records import Mention

__all__ = ["extract_mentions", "canonical_person_name"]

# Bylines and credits are chrome even inside the body: "By Jim Garamone, DoD News", "From a Combined Joint
# Task Force Operation Inherent Resolve News Release", "... Public Affairs".
# A sentence that opens with "By" ends with a period ("By March, ISIS had lost ..."); a byline does not.
# Photo credits are chrome too: "(U.S. Army photo by Sgt. Jane Roe)", "Story by Spc. John Doe".
_BYLINE = re.compile(
    r"(?m)^[ \t]*(?:By|BY|From a|From the|Story by|Photo by|Courtesy photo by)[ \t]+[A-Z][^\n]{0,150}"
    r"(?<![.!?”\"])[ \t]*$"
)
_CREDIT_LINE = re.compile(r"(?m)^[^\n]{0,120}(?:Public Affairs|News Release|Public Affairs Office)[ \t]*$")
_PHOTO_CREDIT = re.compile(
    r"\([^()\n]{0,80}\b(?:photo|Photo|PHOTO|video|Video|graphic) (?:by|courtesy of)\b[^()\n]{0,80}\)"
)
_CONTEXT_WORDS = frozenset(["in", "near", "of", "outside", "around", "from", "to", "toward", "towards", "into", "at"])


def _wordy_rank(surface: str) -> bool:
    """Spelled-out military ranks are also ordinary words ("General Assembly", "Major Combat"): with one word
    after them they make a person only when that word is the surname of someone named in full in the release
    ("Major Smith" after "Maj. John Smith") or in a speaker label. Titles ("President Obama") are not wordy."""
    if "." in surface or not surface[:1].isupper() or surface.isupper():
        return False
    stored = gazetteer.rank_forms().get(gazetteer.rank_key(surface))
    return stored is not None and stored != surface


# Ties between candidates on the same span go to the lowest: a known name beats a guess from its shape.
PRIO_GAZ, PRIO_PERSON, PRIO_PLAIN_PERSON, PRIO_SHAPE, PRIO_PLACE = range(5)


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).casefold() if match else ""


def _hits(auto, flat: str):
    """(start, end, payloads) of every key standing as whole words in `flat`.

    The longest-match pass reports "Iraqi Security Forces" once instead of also "Iraq", "Forces" and "Force"
    inside it; a longest key that fails its boundary and hides shorter keys ("Lt. Col" in "Lt. Colonel") has
    its stretch read again with every match."""
    n = len(flat)
    for last, (length, payloads, hides, suffixes) in auto.iter_long(flat):
        start, end = last - length + 1, last + 1
        if (start == 0 or not flat[start - 1].isalnum()) and (end == n or not flat[end].isalnum()):
            yield start, end, payloads
            for offset, length2, payloads2 in suffixes:
                if _boundary(flat, start + offset, start + offset + length2):
                    yield start + offset, start + offset + length2, payloads2
        elif hides:
            for last2, (length2, payloads2, _, _) in auto.iter(flat, start, min(n, end + 60)):
                start2, end2 = last2 - length2 + 1, last2 + 1
                if start2 < end and _boundary(flat, start2, end2):
                    yield start2, end2, payloads2


def _candidates(body: str, flat: str) -> list[tuple]:  # noqa: C901 (split pending, issue 14)
    """(start, end, priority, kind, payload) for every reading the text allows; overlaps settled later."""
    out: list[tuple] = []
    entries = gazetteer.entries()
    auto = gazetteer.automaton()
    for start, end, payloads in _hits(auto, flat):
        for kind, payload in payloads:
            if kind == gazetteer.GAZ:
                entry = payload[0]
                if entry.context_only and _previous_word(body, start) not in _CONTEXT_WORDS:
                    continue
                out.append((start, end, PRIO_GAZ, "gaz", entry))
            elif kind == gazetteer.RANK:
                hit = people.name_after_rank(body, start, end, payload, body[start:end])
                if hit:
                    weak = len(hit.tokens) == 1 and hit.source != "label" and _wordy_rank(body[start:end])
                    out.append((hit.span_start, hit.end, PRIO_PERSON, "person", (hit, weak)))
            elif kind == gazetteer.HEAD_SUFFIX:
                span = shapes.suffix_span(body, start, end)
                if span:
                    out.append((span[0], span[1], PRIO_SHAPE, "shape", payload))
            elif kind == gazetteer.HEAD_PREFIX:
                span = shapes.prefix_span(body, start, end)
                if span:
                    out.append((span[0], span[1], PRIO_SHAPE, "shape", payload))
            elif kind == gazetteer.NEAR:
                match = places.AFTER_NEAR.match(body, end)
                if match:
                    out.append((match.start(1), match.end(1), PRIO_PLACE, "place", "near"))
                    second = places.AND_PLACE.match(body, match.end(1))
                    if second:
                        out.append((second.start(1), second.end(1), PRIO_PLACE, "place", "near"))
            elif kind == gazetteer.SAID:
                hit = people.name_after_said(body, end)
                if hit:
                    out.append((hit.start, hit.end, PRIO_PLAIN_PERSON, "person", (hit, False)))
            elif kind == gazetteer.INTRO:
                found = people.reporter_intro(body, end)
                if found:
                    hit, (org_start, org_end) = found
                    out.append((hit.start, hit.end, PRIO_PLAIN_PERSON, "person", (hit, False)))
                    out.append((org_start, org_end, PRIO_SHAPE, "shape", "organization"))
            elif kind == gazetteer.ROLE:
                for hit in (people.name_before_role(body, start), people.name_after_role(body, end)):
                    if hit:
                        out.append((hit.start, hit.end, PRIO_PLAIN_PERSON, "person", (hit, False)))
    for match in places.STRIKE_LINE.finditer(body):
        out.append((match.start(1), match.end(1), PRIO_PLACE, "place", "strike_line"))
    for hit in people.labels(body):
        out.append((hit.start, hit.end, PRIO_PLAIN_PERSON, "person", (hit, False)))
    for hit, (org_start, org_end) in people.reporters(body):
        out.append((hit.start, hit.end, PRIO_PLAIN_PERSON, "person", (hit, False)))
        out.append((org_start, org_end, PRIO_SHAPE, "shape", "organization"))
    # A gazetteer place read where only a place can stand keeps its gazetteer identity ("-- Hit," is Hit).
    resolved = []
    for cand in out:
        start, end, prio, kind, payload = cand
        if kind not in ("place", "shape"):
            resolved.append(cand)
            continue
        surface = " ".join(body[start:end].split())
        if kind == "place":
            known = entries.get(surface)
            if known:
                cand = (start, end, PRIO_GAZ, "gaz", known[0])
            elif shapes.is_generic(surface) or surface.split()[0].casefold() in gazetteer.name_stopwords():
                continue
        elif kind == "shape" and (shapes.is_generic(surface) or shapes.only_common_words(surface)):
            continue
        resolved.append(cand)
    return resolved


def _select(candidates: list[tuple], blocked: _Occupied) -> list[tuple]:
    """Leftmost-longest non-overlapping candidates, the gazetteer winning ties; none inside bylines."""
    chosen, cursor = [], -1
    for cand in sorted(candidates, key=lambda c: (c[0], -c[1], c[2])):
        if cand[0] < cursor or blocked.starts and blocked.covers(cand[0]):
            continue
        chosen.append(cand)
        cursor = cand[1]
    return chosen


def _find_all(text: str, needle: str):
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)


class _Occupied:
    """Non-overlapping spans already used, sorted, so a long transcript does not cost quadratic time."""

    def __init__(self, spans: list[tuple[int, int]], merge: bool = False):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if merge and self.ends and start < self.ends[-1]:  # overlapping chrome spans become one
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.add(start, end)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)  # first span ending after `start`
        return i == len(self.starts) or self.starts[i] >= end

    def add(self, start: int, end: int) -> None:
        if self.free(start, end):
            i = bisect.bisect_left(self.starts, start)
            self.starts.insert(i, start)
            self.ends.insert(i, end)


def _people(body: str, hits: list[tuple], taken: list[tuple[int, int]], blocked: _Occupied) -> list[Mention]:  # noqa: C901 (split pending, issue 14)
    """Person mentions with surnames resolved to the nearest full name and the release's rank filled in."""
    full: list[tuple[int, str]] = []  # (offset, canonical full name)
    rank_of: dict[str, str] = {}
    for hit, _weak in hits:
        tokens = people.canonical_tokens(hit.tokens)
        if len(tokens) > 1:
            name = " ".join(tokens)
            full.append((hit.start, name))
            if hit.rank and name not in rank_of:
                rank_of[name] = hit.rank

    by_surname: dict[str, list[tuple[int, str]]] = {}
    for offset, name in sorted(full):
        by_surname.setdefault(people.surname_key(name), []).append((offset, name))

    def resolve(offset: int, surname: str) -> str | None:
        named = by_surname.get(people.surname_key(surname))
        if not named:
            return None
        i = bisect.bisect_right(named, (offset, "\uffff"))  # the nearest full name at or before `offset`
        return named[i - 1][1] if i else named[0][1]

    out = []
    for hit, weak in hits:
        tokens = people.canonical_tokens(hit.tokens)
        name = " ".join(tokens) if len(tokens) > 1 else resolve(hit.start, tokens[0])
        if name is None:
            if weak:
                continue
            name = tokens[0]
        out.append(
            Mention(
                body[hit.start : hit.end],
                name,
                "person",
                hit.start,
                hit.end,
                rank=hit.rank,
                extra={"source": hit.source},
            )
        )
    # Later bare mentions: "Weidley said", "Thomas Weidley" without rank, "Mustafa added".
    spans = _Occupied(taken + [(m.char_start, m.char_end) for m in out]) if full else None
    stop = gazetteer.name_stopwords()
    known = gazetteer.entries()
    for name in dict.fromkeys(n for _, n in full):
        last = name.split()[-1]
        forms = [name, name.upper()]
        # "al-Baghdadi" is also written "Baghdadi" on its own.
        for surname in dict.fromkeys([last, re.sub(r"^(?:al|el|ad|ar|as|ash|az)-", "", last).capitalize()]):
            if surname.casefold() not in stop and surname not in known and len(surname) > 2:
                forms += [surname, surname.upper()]
        for form in dict.fromkeys(forms):
            for start in _find_all(body, form):
                end = start + len(form)
                if not _boundary(body, start, end) or not spans.free(start, end) or not blocked.free(start, end):
                    continue
                if re.search(r"[A-Z][\w'’\-]*[ \t]+$", body[max(0, start - 25) : start]):
                    continue  # "Ali Mustafa" is someone else's full name, not our Mustafa
                out.append(Mention(body[start:end], name, "person", start, end, extra={"source": "surname"}))
                spans.add(start, end)
    # One rank per person and release: that of the fullest mention ("Maj. Gen." also for a later "Gen. Quince").
    any_rank: dict[str, str] = {}
    for mention in out:
        if mention.rank:
            any_rank.setdefault(mention.name, mention.rank)
    for mention in out:
        mention.rank = rank_of.get(mention.name) or mention.rank or any_rank.get(mention.name)
    return out


def _chrome_spans(body: str) -> list[tuple[int, int]]:
    """Bylines, credit lines and photo credits; the costlier patterns run only when their words occur."""
    spans = [m.span() for m in _BYLINE.finditer(body)]
    if "Public Affairs" in body or "News Release" in body:
        spans += [m.span() for m in _CREDIT_LINE.finditer(body)]
    if " by" in body and "(" in body:
        spans += [m.span() for m in _PHOTO_CREDIT.finditer(body)]
    return spans


def extract_mentions(body: str) -> list[Mention]:
    """Every person, organization and place the body mentions, in text order."""
    if not body:
        return []
    # The automaton reads the body with line breaks and tabs as spaces (same length, so offsets hold):
    # "Iraqi\nSecurity Forces" broken by a hard line break is still one name.
    flat = body.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    blocked = _Occupied(_chrome_spans(body), merge=True)
    chosen = _select(_candidates(body, flat), blocked)

    mentions: list[Mention] = []
    person_hits = []
    taken: list[tuple[int, int]] = []
    for start, end, _prio, kind, payload in chosen:
        taken.append((start, end))
        surface = body[start:end]
        if kind == "gaz":
            mentions.append(
                Mention(
                    surface,
                    payload.name,
                    payload.type,
                    start,
                    end,
                    latitude=payload.latitude,
                    longitude=payload.longitude,
                    extra={"source": "gazetteer", "category": payload.category},
                )
            )
        elif kind == "shape":
            mentions.append(Mention(surface, _plain(surface), payload, start, end, extra={"source": "shape"}))
        elif kind == "place":
            name = _plain(surface)
            lat, lon = places.coordinates(name)
            mentions.append(
                Mention(surface, name, "location", start, end, latitude=lat, longitude=lon, extra={"source": payload})
            )
        elif kind == "person":
            person_hits.append(payload)

    mentions.extend(_acronyms(body, mentions, taken, blocked))
    mentions.extend(_people(body, person_hits, taken, blocked))
    mentions.sort(key=lambda m: m.char_start)
    return mentions


def _plain(surface: str) -> str:
    """Canonical name of a name known only by its shape: spaces collapsed, ALL CAPS in normal case."""
    name = " ".join(surface.split())
    if name.isupper():
        name = " ".join(w.capitalize() if len(w) > 3 else w for w in name.split())
    return name


def _abbreviates(acronym: str, expansion: str) -> bool:
    """ "NPU" for "Nineveh Plains Protection Units": same first letter, capitals a subsequence of the initials.
    Not "GOV.KRD" after "Iraq" (a site tag, not an acronym of the name before it)."""
    initials = [w[0].upper() for w in re.split(r"[\s\-–—/]+", expansion) if w]
    letters = [ch for ch in acronym if ch.isupper()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    remaining = iter(initials)
    return all(any(ch == i for i in remaining) for ch in letters)


def _acronyms(body: str, mentions: list[Mention], taken: list[tuple[int, int]], blocked: _Occupied) -> list[Mention]:
    """ "Nineveh Plains Protection Units (NPU) ... the NPU": acronyms defined after a known name, found again."""
    by_end = {m.char_end: m for m in mentions if m.type != "person"}
    known = gazetteer.entries()
    learned: dict[str, Mention] = {}
    for match in shapes.ACRONYM.finditer(body):
        acronym = match.group(1)
        if acronym in known or acronym in learned:
            continue
        end = match.start()
        while end > 0 and body[end - 1] in " \t":
            end -= 1
        expansion = by_end.get(end)
        if expansion is not None and _abbreviates(acronym, expansion.text):
            learned[acronym] = expansion
    out: list[Mention] = []
    if not learned:
        return out
    occupied = _Occupied(taken)
    for acronym, expansion in learned.items():
        for start in _find_all(body, acronym):
            end = start + len(acronym)
            if _boundary(body, start, end) and occupied.free(start, end) and blocked.free(start, end):
                out.append(
                    Mention(
                        acronym,
                        expansion.name,
                        expansion.type,
                        start,
                        end,
                        latitude=expansion.latitude,
                        longitude=expansion.longitude,
                        extra={"source": "acronym"},
                    )
                )
                occupied.add(start, end)
                taken.append((start, end))
    return out
