"""Units of the armed forces by their grammar: an ordinal, the words of the branch, and an echelon word.

"9th Air Refueling Squadron", "1st Battalion", "III Corps", "26th Marine Expeditionary Unit"; a unit followed
by its parent after a comma is one name ("3rd Brigade Combat Team, 82nd Airborne Division",
"1st Battalion, 319th Airborne Field Artillery Regiment"), as releases write a unit's full designation.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.entities import gazetteer

# An ordinal ("9th", "1st", "82nd") or a Roman corps number ("III Corps", "XVIII Airborne Corps").
_ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))"
# Ordinal, then up to six capitalized words on the same line; the echelon is found among them afterwards.
_RUN = re.compile(rf"(?<![\w\-.])({_ORDINAL})((?:[ \t]+[A-Z][A-Za-z\-]*){{1,6}})")
_COMMA = re.compile(r",[ \t]+")
_TOKEN = re.compile(r"[^ \t]+")
# Where a designation may open; starts with a character class so the scan over the body is fast.
_START = re.compile(r"[0-9IVX][0-9IVXstndrh]{0,4}[ \t]+[A-Z]")


@cache
def echelons() -> dict[str, bool]:
    """Echelon word -> whether the unit is numbered within a parent (data/unit_echelons.txt)."""
    return {row[0]: gazetteer.cell(row, 1) == "parent" for row in gazetteer.tsv("unit_echelons.txt")}


def _designation(text: str, pos: int) -> tuple[int, int, bool] | None:
    """(start, end, names a parent after it) of the unit designation opening at `pos`: the ordinal and the
    words up to the last echelon word; None when no echelon word closes it."""
    match = _RUN.match(text, pos)
    if not match:
        return None
    words = list(_TOKEN.finditer(match.group(2)))
    heads = echelons()
    for word in reversed(words):
        if word.group() in heads:
            return match.start(1), match.start(2) + word.end(), heads[word.group()]
    return None


def unit_spans(text: str) -> list[tuple[int, int]]:
    """Spans of unit designations, a comma-joined parent unit included in its child's span."""
    out: list[tuple[int, int]] = []
    for match in _START.finditer(text):
        if out and match.start() < out[-1][1]:
            continue  # the parent already joined to the previous unit
        span = _designation(text, match.start())
        if not span:
            continue
        start, end, has_parent = span
        comma = _COMMA.match(text, end) if has_parent else None
        parent = _designation(text, comma.end()) if comma else None
        out.append((start, parent[1] if parent else end))
    return out
