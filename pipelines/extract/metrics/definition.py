"""The paragraph that defines what a strike is, however it is worded: it holds no data.

"Task force officials define a strike as one or more kinetic events ..." is caught by its fixed phrases
(data/metric_strike_definition.txt); reworded ones ("Officials of the task force count a strike as one or
more kinetic events ... that together produce one effect; several aircraft hitting one building can be a
single strike") by their shape (data/metric_definition_words.tsv): a defining verb, the word strike, two
different terms of the definition (kinetic, event, effect, aircraft, weapon, munition), and nothing that
reports activity (no digit, no date, no "conducted"/"destroyed"). Its "one effect", "several aircraft",
"a single strike" are not counts.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.data_files import lines

_DIGIT_RE = re.compile(r"\d")


def _phrase_pattern(phrase: str) -> str:
    words = [r"(?:[^\s.;]+\s+){0,12}?" if w == "*" else re.escape(w) + r"\s+" for w in phrase.split()]
    return "".join(words)[: -len(r"\s+")] if not phrase.endswith("*") else "".join(words)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    roles: dict[str, list[str]] = {"cue": [], "term": [], "activity": []}
    for line in lines("metric_definition_words.tsv"):
        role, phrase = line.split("\t")
        roles[role].append(phrase)

    def alternation(phrases: list[str]) -> re.Pattern[str]:
        ordered = sorted(phrases, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(_phrase_pattern(p) for p in ordered) + r")\b")

    return alternation(roles["cue"]), alternation(roles["term"]), alternation(roles["activity"])


def is_definition(lower: str, start: int = 0, end: int | None = None) -> bool:
    """Whether lower[start:end] (a lower-cased paragraph) defines what a strike is and reports nothing."""
    end = len(lower) if end is None else end
    if lower.find("strike", start, end) == -1 or _DIGIT_RE.search(lower, start, end):
        return False
    cue, term, activity = _patterns()
    if cue.search(lower, start, end) is None or activity.search(lower, start, end) is not None:
        return False
    terms = {m[0].rstrip("s") for m in term.finditer(lower, start, end)}
    return len(terms) >= 2
