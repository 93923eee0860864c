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

from pipelines.extract.entities import gazetteer, people, places, shapes, units
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
# "Army photo by Spc. Jane Roe" outside parentheses: the credit's capitalized words after "photo by".
_PHOTO_BY = re.compile(
    r"(?:[Pp]hoto|PHOTO|[Vv]ideo|[Gg]raphic)[ \t]+(?:[Bb]y|BY|courtesy of):?[ \t]+"
    r"[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,6}"
)
_CONTEXT_WORDS = frozenset(["in", "near", "of", "outside", "around", "from", "to", "toward", "towards", "into", "at"])
_LAST_WORD = re.compile(r"(\w+)\W*$")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|az)-")


def _wordy_rank(surface: str) -> bool:
    """A one-word spelled-out rank is also an ordinary word ("General Assembly", "Major Combat"): with one word
    after it, it makes a person only with more evidence (see _weak). Titles ("President Obama") and
    several-word ranks ("Secretary General Stoltenberg") are not wordy."""
    if "." in surface or " " in surface or not surface[:1].isupper() or surface.isupper():
        return False
    stored = gazetteer.rank_forms().get(gazetteer.rank_key(surface))
    return stored is not None and stored != surface


_NICKNAME_AFTER = re.compile(r"[ \t]*[“\"‘(]")
_VERB_AFTER = re.compile(r"[ \t]+(?:said|says|told|added|will|would|has|had|is|was)\b")


def _weak(body: str, hit: people.PersonHit, rank_surface: str) -> bool:
    """A one-word name after a rank that needs a full name elsewhere in the release to count: one cut before a
    nickname ("Gen. Michael “Erik” Kurilla"), or one after a wordy rank that is neither a known given name
    nor the subject of a verb ("General Allen will", "General Aldridge said" are people)."""
    if len(hit.tokens) != 1 or hit.source == "label":
        return False
    if _NICKNAME_AFTER.match(body, hit.end):
        return True
    if not _wordy_rank(rank_surface):
        return False
    return hit.tokens[0] not in people.given_names() and not _VERB_AFTER.match(body, hit.end)


# Ties between candidates on the same span go to the lowest: a known name beats a guess from its shape.
PRIO_GAZ, PRIO_PERSON, PRIO_PLAIN_PERSON, PRIO_SHAPE, PRIO_PLACE, PRIO_GIVEN = range(6)


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _previous_word(text: str, start: int) -> str:
    match = _LAST_WORD.search(text[max(0, start - 30) : start])
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


def _gaz_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    entry = payload[0]
    if entry.context_only and _previous_word(body, start) not in _CONTEXT_WORDS:
        return []
    out = [(start, end, PRIO_GAZ, "gaz", entry)]
    if entry.category in _REGION_CATEGORIES:
        out += _place_before(body, start)
    if entry.category == "country":
        out += _government_of(body, start, end, entry)
    if entry.type == "location":
        out += [(a, b, PRIO_PLACE, "place", "list") for a, b in places.coordinated(body, start, end)]
    return out


_GOVERNMENT_AFTER = re.compile(r"['’]s[ \t]+[Gg]overnment\b")


def _government_of(body: str, start: int, end: int, country: gazetteer.Entry) -> list[tuple]:
    """ "Iraq’s government" is the Government of Iraq (the organization), not the country."""
    match = _GOVERNMENT_AFTER.match(body, end) if body.startswith(("'s", "’s"), end) else None
    if not match:
        return []
    name = f"Government of {country.name}"
    known = gazetteer.entries().get(name)
    entry = known[0] if known else gazetteer.Entry(name, "organization", "government")
    return [(start, match.end(), PRIO_GAZ, "gaz", entry)]


# "Sacramento, California", "near al-Bab, Syria": the place before a state or country after a comma.
_REGION_CATEGORIES = frozenset({"country", "state"})


def _place_before(body: str, region_start: int) -> list[tuple]:
    span = places.place_before(body, region_start)
    return [(span[0], span[1], PRIO_PLACE, "place", "pair")] if span else []


def _state_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    """ "FORT BRAGG, N.C.": an AP state abbreviation counts only after a place and a comma."""
    before = _place_before(body, start)
    return before + [(start, end, PRIO_GAZ, "gaz", payload)] if before else []


def _rank_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    hit = people.name_after_rank(body, start, end, payload, body[start:end])
    if not hit:
        return []
    return [(hit.span_start, hit.end, PRIO_PERSON, "person", (hit, _weak(body, hit, body[start:end])))]


def _suffix_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    span = shapes.suffix_span(body, start, end)
    return [(span[0], span[1], PRIO_SHAPE, "shape", payload)] if span else []


def _prefix_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    span = shapes.prefix_span(body, start, end)
    return [(span[0], span[1], PRIO_SHAPE, "shape", payload)] if span else []


def _near_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    match = places.AFTER_NEAR.match(body, end)
    if not match:
        return []
    out = [(match.start(1), match.end(1), PRIO_PLACE, "place", "near")]
    second = places.AND_PLACE.match(body, match.end(1))
    if second:
        out.append((second.start(1), second.end(1), PRIO_PLACE, "place", "near"))
    return out


def _plain_person(hit: people.PersonHit | None) -> list[tuple]:
    return [(hit.start, hit.end, PRIO_PLAIN_PERSON, "person", (hit, False))] if hit else []


def _said_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    return _plain_person(people.name_after_said(body, end))


def _reporter_candidates(found: tuple[people.PersonHit, tuple[int, int]] | None) -> list[tuple]:
    if not found:
        return []
    hit, (org_start, org_end) = found
    return _plain_person(hit) + [(org_start, org_end, PRIO_SHAPE, "shape", "organization")]


def _intro_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    return _reporter_candidates(people.reporter_intro(body, end))


def _role_candidates(body: str, start: int, end: int, payload) -> list[tuple]:
    return _plain_person(people.name_before_role(body, start)) + _plain_person(people.name_after_role(body, end))


# What each kind of automaton key proposes: (body, key start, key end, payload) -> candidates.
_PROPOSERS = {
    gazetteer.GAZ: _gaz_candidates,
    gazetteer.RANK: _rank_candidates,
    gazetteer.HEAD_SUFFIX: _suffix_candidates,
    gazetteer.HEAD_PREFIX: _prefix_candidates,
    gazetteer.NEAR: _near_candidates,
    gazetteer.SAID: _said_candidates,
    gazetteer.INTRO: _intro_candidates,
    gazetteer.ROLE: _role_candidates,
    gazetteer.STATE_ABBREVIATION: _state_candidates,
}


def _pattern_candidates(body: str) -> list[tuple]:
    """Candidates read by line patterns rather than keys: strike-report town lines, speaker labels, reporters."""
    out: list[tuple] = [
        (m.start(1), m.end(1), PRIO_PLACE, "place", "strike_line") for m in places.STRIKE_LINE.finditer(body)
    ]
    out += [(start, end, PRIO_SHAPE, "unit", "organization") for start, end in units.unit_spans(body)]
    out += [c for hit in people.labels(body) for c in _plain_person(hit)]
    out += [c for found in people.reporters(body) for c in _reporter_candidates(found)]
    for hit in people.given_name_people(body):
        if places.coordinates(" ".join(hit.tokens))[0] is not None:
            continue  # "Abu Ghraib", "Tal Afar": a town of the theatre, not a person
        out.append((hit.start, hit.end, PRIO_GIVEN, "person", (hit, False)))
        outlet = people.outlet_after(body, hit)
        if outlet:
            out.append((*outlet, PRIO_SHAPE, "shape", "organization"))
    return out


def _resolve(body: str, cand: tuple) -> tuple | None:
    """A guessed place or shape kept, renamed to its gazetteer identity, or dropped when generic.

    A gazetteer place read where only a place can stand keeps its gazetteer identity ("-- Hit," is Hit)."""
    start, end, _prio, kind, _payload = cand
    if kind not in ("place", "shape"):
        return cand
    surface = " ".join(body[start:end].split())
    if kind == "shape":
        return None if shapes.is_generic(surface) or shapes.only_common_words(surface) else cand
    known = gazetteer.entries().get(surface)
    if known:
        return (start, end, PRIO_GAZ, "gaz", known[0])
    if shapes.is_generic(surface) or surface.split()[0].casefold() in gazetteer.name_stopwords():
        return None
    return cand


def _candidates(body: str, flat: str) -> list[tuple]:
    """(start, end, priority, kind, payload) for every reading the text allows; overlaps settled later."""
    out: list[tuple] = []
    for start, end, payloads in _hits(gazetteer.automaton(), flat):
        for kind, payload in payloads:
            out += _PROPOSERS[kind](body, start, end, payload)
    out += _pattern_candidates(body)
    return [kept for kept in (_resolve(body, cand) for cand in out) if kept is not None]


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


def _full_names(hits: list[tuple]) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """(offset, canonical name) of every person named with two or more words, and the rank each first had."""
    full: list[tuple[int, str]] = []
    rank_of: dict[str, str] = {}
    for hit, _weak in hits:
        tokens = people.canonical_tokens(hit.tokens)
        if len(tokens) > 1:
            name = " ".join(tokens)
            full.append((hit.start, name))
            if hit.rank and name not in rank_of:
                rank_of[name] = hit.rank
    return full, rank_of


def _by_surname(full: list[tuple[int, str]]) -> dict[str, list[tuple[int, str]]]:
    by_surname: dict[str, list[tuple[int, str]]] = {}
    for offset, name in sorted(full):
        by_surname.setdefault(people.surname_key(name), []).append((offset, name))
    return by_surname


def _nearest_full(by_surname: dict[str, list[tuple[int, str]]], offset: int, surname: str) -> str | None:
    """The full name with this surname nearest at or before `offset` (else the first one), None if none."""
    named = by_surname.get(people.surname_key(surname))
    if not named:
        return None
    i = bisect.bisect_right(named, (offset, "\uffff"))
    return named[i - 1][1] if i else named[0][1]


def _hit_mentions(body: str, hits: list[tuple], by_surname: dict[str, list[tuple[int, str]]]) -> list[Mention]:
    """One mention per person hit; a one-word name takes the full name it abbreviates, a weak one needs it."""
    out = []
    for hit, weak in hits:
        tokens = people.canonical_tokens(hit.tokens)
        name = " ".join(tokens) if len(tokens) > 1 else _nearest_full(by_surname, hit.start, tokens[0])
        if name is None and weak:
            continue
        out.append(
            Mention(
                body[hit.start : hit.end],
                name or tokens[0],
                "person",
                hit.start,
                hit.end,
                rank=hit.rank,
                extra={"source": hit.source},
            )
        )
    return out


def _surface_forms(name: str) -> list[str]:
    """How a person named in full may recur: the full name, the surname ("al-Baghdadi" also "Baghdadi"), capitals."""
    last = name.split()[-1]
    forms = [name, name.upper()]
    stop = gazetteer.name_stopwords()
    known = gazetteer.entries()
    for surname in dict.fromkeys([last, _ARTICLE_PREFIX.sub("", last).capitalize()]):
        if surname.casefold() not in stop and surname not in known and len(surname) > 2:
            forms += [surname, surname.upper()]
    return list(dict.fromkeys(forms))


_CAPITALIZED_BEFORE = re.compile(r"[A-Z][\w'’\-]*[ \t]+$")


def _recurrences(body: str, names: list[str], spans: _Occupied, blocked: _Occupied) -> list[Mention]:
    """Later bare mentions: "Weidley said", "Thomas Weidley" without rank, "Mustafa added"."""
    out = []
    for name in names:
        for form in _surface_forms(name):
            for start in _find_all(body, form):
                end = start + len(form)
                if not _boundary(body, start, end) or not spans.free(start, end) or not blocked.free(start, end):
                    continue
                if _CAPITALIZED_BEFORE.search(body, max(0, start - 25), start):
                    continue  # "Ali Mustafa" is someone else's full name, not our Mustafa
                out.append(Mention(body[start:end], name, "person", start, end, extra={"source": "surname"}))
                spans.add(start, end)
    return out


def _fill_ranks(mentions: list[Mention], rank_of: dict[str, str]) -> list[Mention]:
    """One rank per person and release: that of the fullest mention ("Maj. Gen." also for a later "Gen. Quince")."""
    any_rank: dict[str, str] = {}
    for mention in mentions:
        if mention.rank:
            any_rank.setdefault(mention.name, mention.rank)
    for mention in mentions:
        mention.rank = rank_of.get(mention.name) or mention.rank or any_rank.get(mention.name)
    return mentions


def _people(body: str, hits: list[tuple], taken: list[tuple[int, int]], blocked: _Occupied) -> list[Mention]:
    """Person mentions with surnames resolved to the nearest full name and the release's rank filled in."""
    full, rank_of = _full_names(hits)
    out = _hit_mentions(body, hits, _by_surname(full))
    if full:
        spans = _Occupied(taken + [(m.char_start, m.char_end) for m in out])
        out += _recurrences(body, list(dict.fromkeys(n for _, n in full)), spans, blocked)
    return _fill_ranks(out, rank_of)


def _chrome_spans(body: str) -> list[tuple[int, int]]:
    """Bylines, credit lines and photo credits; the costlier patterns run only when their words occur."""
    spans = [m.span() for m in _BYLINE.finditer(body)]
    if "Public Affairs" in body or "News Release" in body:
        spans += [m.span() for m in _CREDIT_LINE.finditer(body)]
    if " by" in body and "(" in body:
        spans += [m.span() for m in _PHOTO_CREDIT.finditer(body)]
    if "hoto" in body or "HOTO" in body or "ideo by" in body or "courtesy of" in body:
        spans += [m.span() for m in _PHOTO_BY.finditer(body)]
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
        elif kind in ("shape", "unit"):
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
        known = gazetteer.entries()  # short words stay capitals only when they are known acronyms ("SDF")
        name = " ".join(w.capitalize() if len(w) > 3 or w not in known else w for w in name.split())
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
