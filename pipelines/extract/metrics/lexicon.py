"""The word lists metrics reads, loaded once from data files: verb forms, qualifiers, running-total phrases."""

from __future__ import annotations

import re
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


@dataclass(frozen=True, slots=True)
class Verb:
    start: int
    end: int
    lemma: str
    kind: str  # "target" (strike verbs) or "other"


@cache
def _verb_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form in verb_forms():
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


def find_verbs(lower: str) -> list[Verb]:
    """Every verb form of data/metric_verbs.tsv in the document, as whole words (one Aho-Corasick pass)."""
    verbs = verb_forms()
    found = []
    size = len(lower)
    for last, form in _verb_automaton().iter(lower):
        start = last - len(form) + 1
        if (start > 0 and lower[start - 1].isalpha()) or (last + 1 < size and lower[last + 1].isalpha()):
            continue
        lemma, kind = verbs[form]
        found.append(Verb(start, last + 1, lemma, kind))
    found.sort(key=lambda v: v.start)
    return found


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


def cumulative_marks(lower: str) -> list[int]:
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
    return frozenset(w.replace("'", "’") for w in lines("metric_place_stops.txt")) | frozenset(lines("metric_place_stops.txt"))
