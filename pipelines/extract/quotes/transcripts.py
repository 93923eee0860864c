"""Briefing transcripts: each named official's turn is one quote, however many paragraphs it runs.

Labels come as `COLONEL JANE DOE:` (later `COL. DOE:`), `MR SMITH:`, `Lieutenant General John Roe:`,
`CAPT. DAVIS:` (the moderator is an official too), or a surname the release gave a ranked person (`Roe:`).
Not quotes: labels that name nobody, told by their grammar (a label word such as `Q:`/`MODERATOR:`, or a
description ending in a common noun: `SENIOR STATE DEPARTMENT OFFICIAL:`), reporters named with their outlet
(`JANE ROE (Reuters):`) and stage notes (`(Laughter.)`, `[Two paragraphs removed]`). A quotation inside a turn
is a quote of its own only with its own attribution (`As the Secretary put it, “…”`): see `news`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from pipelines.extract.quotes.lexicon import anonymous_heads, transcript_labels
from pipelines.extract.quotes.speakers import PERSON, People, Speaker, clean, person_name
from pipelines.extract.ranks import rank_regex, split_rank
from pipelines.extract.records import Quote

_LINE = re.compile(r"[^\n]+")
_LABEL = re.compile(r"[ \t]*(?P<label>[^\n:()\"“”]{1,60}?)[ \t]*(?P<paren>\([^)\n]{0,80}\))?[ \t]*:(?=\s|$)[ \t]*")
_STAGE = re.compile(r"\s*[\(\[][^\)\]\n]{0,120}[\)\]]\s*")
_FOUR_WORDS = re.compile(r"(?:[\W_]*[^\W_]+(?:['’\-][^\W_]+)*(?![^\W_])){4}")
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.’'\-]*|(?:al|el|bin|ibn|de|van|von)")

_ANY_LABEL = re.compile(r"(?m)^[ \t]*(?:Q|[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.\-’']*){0,5})[ \t]*(?:\([^)\n]*\))?:")

OFFICIAL, UNNAMED = "official", "unnamed"
# Capitalized line openers before a colon that are headings, not speakers ("In Syria:", "Editor's Note:").
_NOT_LABEL = frozenset(
    [
        "in",
        "on",
        "at",
        "the",
        "during",
        "for",
        "note",
        "editor's",
        "editor’s",
        "update",
        "related",
        "source",
        "photo",
        "by",
        "from",
        "to",
        "re",
        "subject",
        "date",
        "time",
        "location",
        "place",
        "attendees",
        "participants",
        "background",
        "near",
        "additional",
        "strikes",
    ]
)


@dataclass(slots=True)
class Label:
    line_start: int
    text_start: int  # first character of the turn's words on the label's line
    kind: str
    label: str


def _label(body: str, lo: int, hi: int, strict: bool, surnames: Collection[str] = ()) -> Label | None:
    m = _LABEL.match(body, lo, hi)
    if not m:
        return None
    label = m.group("label").strip()
    kind = _label_kind(label, bool(m.group("paren")), strict, surnames)
    return Label(lo, m.end(), kind, label) if kind else None


def _label_kind(label: str, paren: bool, strict: bool, surnames: Collection[str]) -> str | None:
    """OFFICIAL for a label that names someone, UNNAMED for one that names nobody or a reporter with the
    outlet, None for a line that is no label (a heading such as `In Syria:`).

    A name is a rank and a name (`COL. DOE:`), two or more words in capitals (`PETER COOK:`), or a surname
    the release gives a ranked person (`Rosen:` after "Brig. Gen. John Rosen"); in a briefing, 2–4 words."""
    words = label.split()
    if not words or len(words) > 6:
        return None
    if _unnamed(words):
        return UNNAMED
    if not all(_NAME_WORD.fullmatch(w) for w in words) or words[0].casefold() in _NOT_LABEL:
        return None
    ranked = rank_regex().match(label)
    if ranked and label[ranked.end() :].strip():
        return OFFICIAL
    if paren:
        return UNNAMED  # a reporter named with the outlet
    is_caps = label.upper() == label and any(c.isalpha() for c in label)
    named = (is_caps and len(words) >= 2) or (len(words) == 1 and words[0].casefold() in surnames)
    return OFFICIAL if named or (not strict and 2 <= len(words) <= 4) else None


def _unnamed(words: list[str]) -> bool:
    """A label that names nobody: a label word first (`Q:`, `MODERATOR:`), or a description ending in a common
    noun (`SENIOR STATE DEPARTMENT OFFICIAL:`, `AUDIENCE MEMBER:`) where a name would end in a surname."""
    first, last = words[0].rstrip(".").casefold(), words[-1].strip(".,").casefold()
    return first in transcript_labels() or last in transcript_labels() or last in anonymous_heads()


def has_labels(body: str) -> bool:
    """Cheap test before the full parse: some line starts with what looks like a speaker label."""
    return ":" in body and _ANY_LABEL.search(body) is not None  # every label ends in a colon


def turns(body: str, people: People, *, strict: bool) -> tuple[list[Quote], int] | None:
    """The quotes of every official turn and where the first label stands; None when this is no transcript."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(body)]
    labels: list[tuple[int, Label]] = []
    for i, (lo, hi) in enumerate(lines):
        lab = _label(body, lo, hi, strict, people.by_surname)
        if lab:
            labels.append((i, lab))
    officials = sum(1 for _, lab in labels if lab.kind == OFFICIAL)
    if not officials or (strict and len(labels) < 3):
        return None
    seen = People("")  # labels seen so far, for `COL. DOE:` after `COLONEL JANE DOE:`
    quotes: list[Quote] = []
    for n, (_, lab) in enumerate(labels):
        if lab.kind != OFFICIAL:
            continue
        last = labels[n + 1][0] - 1 if n + 1 < len(labels) else len(lines) - 1
        start, end = lab.text_start, lines[last][1]
        stage = _STAGE.match(body, start, end)
        while stage and stage.end() > start:
            start = stage.end()
            stage = _STAGE.match(body, start, end)
        end = _cut_trailing_notes(body, start, end)
        while start < end and body[start].isspace():
            start += 1
        if not _FOUR_WORDS.match(body, start, end):
            continue
        sp = _speaker(lab.label, lab.line_start, seen, people)
        quotes.append(Quote(body[start:end], start, end, sp.text, person_name(sp), sp.role, False))
    return quotes, lines[labels[0][0]][0]


def _cut_trailing_notes(body: str, start: int, end: int) -> int:
    """End of the turn without the stage notes and editorial brackets that close it: `… (Laughter.)`."""
    while True:
        while end > start and body[end - 1].isspace():
            end -= 1
        if end <= start or body[end - 1] not in ")]":
            return end
        opener = "(" if body[end - 1] == ")" else "["
        k = body.rfind(opener, max(start, end - 122), end)
        if k < 0 or "\n" in body[k:end]:
            return end
        end = k


def _speaker(label: str, pos: int, seen: People, people: People) -> Speaker:
    caps = label.upper() == label
    text = titled(clean(label)) if caps else clean(label)
    rank, name = split_rank(text)
    # The label as written names the entity: "MAJ. GEN. DESHAWN MCKAY" is Deshawn Mckay there, not DeShawn McKay.
    sp = Speaker(PERSON, text, name or text, rank, None, pos, surface=clean(label) if caps else None)
    seen.add(sp)
    resolved = seen.resolve(sp)
    from_text = people.resolve(resolved)
    if from_text is not resolved and len((from_text.name or "").split()) > len((resolved.name or "").split()):
        resolved = from_text  # the release's text gave the full name ("Col. Jane Doe, spokesperson, …")
    known = people.by_surname.get(resolved.surname or "")
    if known and known.role and not resolved.role:
        resolved.role = known.role
    return resolved


def titled(text: str) -> str:
    """`COLONEL JANE DOE` → `Colonel Jane Doe`; `1ST LT.` → `1st Lt.`."""

    def word(w: str) -> str:
        if w.rstrip(".,").casefold() in _KEEP_CASE:
            return w.upper() if w.rstrip(".,").casefold() in _ROMAN else w.lower()
        parts = re.split(r"([\-’'])", w)
        return "".join(p[:1].upper() + p[1:].lower() if p[:1].isalpha() else p.lower() for p in parts)

    return " ".join(word(w) for w in text.split())


# Words a title-cased label keeps as they are: generational suffixes in capitals ("CAGGINS III" → "Caggins III"),
# and the small words of a title in lower case ("SECRETARY OF DEFENSE" → "Secretary of Defense").
_ROMAN = frozenset(["ii", "iii", "iv"])
_KEEP_CASE = _ROMAN | frozenset(["of", "the", "and", "for"])
