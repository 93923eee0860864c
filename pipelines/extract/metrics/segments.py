"""Cutting a release body into the pieces metrics reads: units (a paragraph, or one line of a list) and sentences.

Strike reports put each town on its own line ("* Near Mosul, ..."), tables come flattened one row a line,
and hard line breaks can fall mid-sentence; a line starts a new unit only when the previous line ended a
sentence, was a short heading ("Strikes in Syria"), or the line opens with a bullet, "Near" or a digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipelines.extract.data_files import lines


@dataclass(slots=True)  # not frozen: a frozen __init__ is slow, and one is made per number, date or verb
class Unit:
    start: int
    end: int
    paragraph: int  # index of the blank-line separated paragraph it belongs to
    paragraph_start: int
    paragraph_end: int


_LINE_RE = re.compile(r"[^\n]+")
_OPENS_UNIT_RE = re.compile(r"[ \t]*(?:[*•·]|--?\s|–|—|[Nn]ear\s|NEAR\s|\d|In\s+[A-Z]\w*\s+In\s)")
_ENDS_SENTENCE = tuple('.!?:;"”’)')
# "SOUTHWEST ASIA, Feb. 15, 2017 —", "WASHINGTON (Nov. 12, 2015) --", "Erbil, Kurdistan Region, Iraq (GOV.KRD) –".
_DATELINE_RE = re.compile(
    r"[ \t]*(?:[A-Z]{2,}[A-Z .,'’-]*|[A-Z][^\n—–]{0,80}?\([^)\n]{1,40}\))[^\n—–]{0,60}?\s?(?:—|–|--?)[ \t]+"
)
_SENTENCE_END_RE = re.compile(r"[.!?][”\"’')\]]*\s+(?=[“\"‘'(\[]?[A-Z0-9*•–—-])")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(lines("metric_abbreviations.txt"))


def units(body: str) -> list[Unit]:
    raw: list[list[int]] = []  # [start, end, paragraph]
    paragraph = -1
    prev_end = -1
    prev_line = ""
    for m in _LINE_RE.finditer(body):
        line = m[0]
        if not line.strip():
            continue
        start, end = m.span()
        new_paragraph = prev_end < 0 or body.count("\n", prev_end, start) >= 2
        if new_paragraph:
            paragraph += 1
        stripped_prev = prev_line.rstrip()
        if (
            new_paragraph
            or stripped_prev.endswith(_ENDS_SENTENCE)
            or _OPENS_UNIT_RE.match(line)
            or (stripped_prev and len(stripped_prev.split()) <= 8 and line.lstrip()[:1].isupper())  # a heading
        ):
            raw.append([start, end, paragraph])
        else:
            raw[-1][1] = end
        prev_end, prev_line = end, line
    bounds: dict[int, list[int]] = {}
    for start, end, p in raw:
        b = bounds.setdefault(p, [start, end])
        b[1] = end
    return [Unit(s, e, p, bounds[p][0], bounds[p][1]) for s, e, p in raw]


def _dateline_end(body: str, unit: Unit) -> int:
    # The dateline opens the body; a heading or a leftover header line may stand before it.
    if unit.paragraph > 2 or unit.start != unit.paragraph_start:
        return unit.start
    head_end = min(unit.end, unit.start + 160)
    if not body[unit.start : unit.start + 3].lstrip()[:1].isupper() or not any(
        body.find(dash, unit.start, head_end) != -1 for dash in ("- ", "-\t", "–", "—")
    ):
        return unit.start  # a dateline opens with a capital and ends with a dash: most paragraphs do neither
    m = _DATELINE_RE.match(body, unit.start, head_end)
    return m.end() if m else unit.start


def sentences(body: str, unit: Unit) -> list[tuple[int, int]]:
    """Sentence spans of a unit; the dateline that opens the body is left out."""
    start = _dateline_end(body, unit)
    abbreviations = _abbreviations()
    out = []
    for m in _SENTENCE_END_RE.finditer(body, start, unit.end):
        dot = m.start()
        word_start = max(body.rfind(" ", start, dot), body.rfind("\n", start, dot)) + 1
        word = body[word_start:dot].lstrip("(“\"'").lower()
        if body[dot] == "." and (word in abbreviations or (len(word) == 1 and word.isalpha())):  # "Sept.", "J."
            continue
        out.append((start, dot + 1))
        start = m.end()
    if start < unit.end:
        out.append((start, unit.end))
    return out


# A photo credit marks a caption: "Air Force photo by Senior Airman ...", "(U.S. Army photo)", "Photo By:".
_CAPTION_RE = re.compile(
    r"\b(?:[Pp]hoto|PHOTO)\s+(?:[Bb]y|BY|[Cc]ourtesy|[Ii]llustration)\b|\bphoto\)|\bVIRIN:|Show Caption|\bcourtesy photo\b"
)


_CAPTION_HINTS = ("hoto", "HOTO", "VIRIN", "Caption")


def may_hold_captions(body: str) -> bool:
    """Whether a body has any photo credit at all (most have none: their paragraphs need no caption test)."""
    return any(hint in body for hint in _CAPTION_HINTS)


def is_caption(body: str, start: int, end: int) -> bool:
    """Whether body[start:end] is a photo caption: its date is when the photo was taken, not an activity date."""
    hinted = any(body.find(hint, start, end) != -1 for hint in _CAPTION_HINTS)
    return hinted and _CAPTION_RE.search(body, start, end) is not None


_DATELINE_PLACE_RE = re.compile(r"[ \t]*(?P<place>[A-Z][A-Z .'’-]+[A-Z])(?=,|\s*\(|\s*(?:—|–|--?)\s)")


def dateline_place(body: str, all_units: list[Unit]) -> str | None:
    """The place of the dateline that opens the body ("CAMP TAJI, Iraq –" -> "Camp Taji"): where "here" is."""
    for unit in all_units[:3]:
        if unit.start != unit.paragraph_start or _dateline_end(body, unit) == unit.start:
            continue
        m = _DATELINE_PLACE_RE.match(body, unit.start, unit.end)
        if m is not None:
            return " ".join(w.capitalize() for w in m["place"].split())
    return None
