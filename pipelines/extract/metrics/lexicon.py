"""The word lists metrics reads, loaded once from data files: verb forms, qualifiers, running-total phrases."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipelines.extract.data_files import lines


@cache
def verb_forms() -> dict[str, tuple[str, str]]:
    table = {}
    for line in lines("metric_verbs.tsv"):
        form, lemma, kind = line.split("\t")
        table[form] = (lemma, kind)
    return table


# A verb right after a counted noun, past auxiliaries: "20,000 soldiers have been trained", "21 Nations attended".
_FOLLOWING_WORD_RE = re.compile(
    r"\s+(?:(?:have|has|had|were|was|are|is|will|would|been|be|being|also|already|reportedly|successfully)\s+)*"
    r"(?P<verb>[a-z]+)\b"
)


@dataclass(slots=True)  # not frozen: a frozen __init__ is slow, and one is made per number, date or verb
class Verb:
    start: int
    end: int
    lemma: str
    kind: str  # "target" (strike verbs) or "other"


@dataclass(slots=True)  # not frozen: a frozen __init__ is slow, and one is made per number, date or verb
class Phrases:
    """What one pass over a lower-cased body finds: verb forms, running-total phrases, strike definitions."""

    verbs: list[Verb]
    cumulative: list[int]  # start offsets
    definitions: list[int]


@cache
def _automaton():
    # One Aho-Corasick automaton for every word list scanned over whole bodies: a single C-speed pass
    # instead of one str.find per phrase or a slow regex alternation.
    import ahocorasick

    automaton = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, str]]] = {}
    for form in verb_forms():
        entries.setdefault(form, []).append(("verb", form))
    for phrase in _cumulative_phrases():
        entries.setdefault(phrase, []).append(("cumulative", phrase))
    for phrase in definition_phrases():
        entries.setdefault(phrase, []).append(("definition", phrase))
    table = verb_forms()
    for key, values in entries.items():
        # (kind, lemma, verb kind) resolved once here, not per hit.
        resolved = tuple((kind, *table[k]) if kind == "verb" else (kind, None, None) for kind, k in values)
        automaton.add_word(key, (len(key), resolved))
    automaton.make_automaton()
    return automaton


def scan_phrases(lower: str) -> Phrases:
    verbs: list[Verb] = []
    cumulative: list[int] = []
    definitions: list[int] = []
    size = len(lower)
    for last, (length, values) in _automaton().iter(lower):
        start = last - length + 1
        whole = (start == 0 or not lower[start - 1].isalpha()) and (last + 1 >= size or not lower[last + 1].isalpha())
        for kind, lemma, verb_kind in values:
            if kind == "definition":
                definitions.append(start)
            elif not whole:
                continue
            elif kind == "verb":
                verbs.append(Verb(start, last + 1, lemma, verb_kind))
            else:
                cumulative.append(start)
    verbs.sort(key=lambda v: v.start)
    cumulative.sort()
    return Phrases(verbs, cumulative, definitions)


_AUXILIARY_GAP_RE = re.compile(
    r"\s+(?:(?:have|has|had|were|was|are|is|will|would|been|be|being|also|already|[a-z]+ly)\s+)*"
)  # "were killed", "was unintentionally injured", "have reportedly fled"


def next_verb(body: str, pos: int, limit: int, verbs: Sequence[Verb], starts: Sequence[int]) -> tuple[Verb, int] | None:
    """following_verb, read from the verbs the body scan already found instead of one regex per count."""
    i = bisect_left(starts, pos)
    if i == len(verbs):
        return None
    v = verbs[i]
    if v.end > limit or v.start == pos:
        return None
    if not body[pos : v.start].isspace() and _AUXILIARY_GAP_RE.fullmatch(body, pos, v.start) is None:
        return None  # another word stands between the count and the verb
    word = body[v.start : v.end]
    if not (word.islower() and word.isascii()):
        return None  # "Destroyed" capitalized starts something else
    if v.end < len(body) and (body[v.end].isdigit() or body[v.end] == "_"):
        return None
    return v, v.end


def following_verb(body: str, pos: int, limit: int) -> tuple[Verb, int] | None:
    m = _FOLLOWING_WORD_RE.match(body, pos, limit)
    if m is None:
        return None
    hit = verb_forms().get(m["verb"])
    return (Verb(m.start("verb"), m.end("verb"), hit[0], hit[1]), m.end()) if hit else None


@cache
def qualifiers() -> tuple[dict[str, str], int, frozenset[str]]:
    table = dict(line.split("\t") for line in lines("metric_qualifiers.tsv"))
    return table, max(len(p.split()) for p in table), frozenset(p.split()[-1] for p in table)


@cache
def _cumulative_phrases() -> tuple[str, ...]:
    return tuple(p.lower() for p in lines("metric_cumulative.txt"))


@cache
def definition_phrases() -> tuple[str, ...]:
    return tuple(p.lower() for p in lines("metric_strike_definition.txt"))


@cache
def hyphen_units() -> frozenset[str]:
    return frozenset(lines("metric_hyphen_units.txt"))


@cache
def not_cumulative() -> frozenset[str]:
    return frozenset(lines("metric_not_cumulative.txt"))


@cache
def sentence_openers() -> frozenset[str]:
    return frozenset(lines("sentence_openers.txt"))


@cache
def place_stops() -> frozenset[str]:
    return frozenset(w.replace("'", "’") for w in lines("metric_place_stops.txt")) | frozenset(
        lines("metric_place_stops.txt")
    )


@cache
def place_spellings() -> dict[str, str]:
    return dict(line.split("\t") for line in lines("metric_place_spellings.tsv"))


@cache
def countries() -> frozenset[str]:
    """Country names and their aliases, from the shared gazetteer (data/places.tsv)."""
    names: set[str] = set()
    for line in lines("places.tsv"):
        parts = line.split("\t")
        if len(parts) > 1 and parts[1] == "country":
            names.add(parts[0])
            if len(parts) > 4 and parts[4]:
                names.update(a for a in parts[4].split("|") if a)
    return frozenset(names)
