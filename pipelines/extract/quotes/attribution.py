"""Attributions next to a quoted span: after it ("…,” said Doe."), before it ("Doe said, “…”"),
inside a span whose closing mark strayed past the attribution, and on a line of their own ("- Gen. Jane Doe, …").
"""

from __future__ import annotations

import re

from pipelines.extract.quotes.lexicon import sentence_end, sentence_start, verb_regex
from pipelines.extract.quotes.marks import Span
from pipelines.extract.quotes.speakers import (
    ANONYMOUS,
    ORG,
    PERSON,
    PRONOUN,
    People,
    Speaker,
    parse_backward,
    parse_forward,
)

_LEAD = re.compile(r"[\s,;:—–\-]*")
_MAX_SUBJECT_WORDS = 18


def after(body: str, span: Span, limit: int, people: People) -> tuple[Speaker, int] | None:
    """The attribution right after the closing mark, up to `limit`; returns it and where its sentence ends.

    `…area” said Brig. Gen. Thomas Weidley, CJTF-OIR chief of staff.` (no comma before the mark),
    `…,” according to Doe.`, `…,” Lt. Gen. Jane Doe, the commander, told reporters.`
    """
    if span.close_mark is None:
        return None
    p = _LEAD.match(body, span.close_mark + 1, limit).end()
    if p >= limit:
        return None
    v = verb_regex().match(body, p, limit)
    if v:
        found = parse_forward(body, v.end(), limit, people)
        if found:
            return found[0], _past(body, found[1], limit)
        return None
    if body[span.close_mark + 1 : p].strip(" \t\n") in ("-", "—", "–", "--"):
        # `“…” — Gen. Jane Doe, commander` closing the paragraph.
        dash = span.close_mark + 1 + len(body[span.close_mark + 1 : p]) - len(body[span.close_mark + 1 : p].lstrip())
        dashed = own_line(body, dash, limit, people) if limit - p < 240 else None
        if dashed:
            return dashed, limit
    stop = sentence_end(body, p, limit)
    v = verb_regex().search(body, p, stop)
    if not v or v.group("according") or len(body[p : v.start()].split()) > _MAX_SUBJECT_WORDS:
        return None
    if body[span.end - 1] in ".!?" and len(body[v.end() : stop].split()) > 4:
        # `“We will win.” Doe said the plan …` starts a new sentence about something else.
        return None
    sp = parse_backward(body, p, v.start(), people, anchored=True)
    if sp is None:
        return None
    return sp, _past(body, stop, limit)


def before(body: str, lo: int, hi: int, people: People) -> Speaker | None:
    """The attribution in the sentence that leads up to `hi` (an opening mark): `Doe said, “` /
    `According to Doe, “` / `Doe said the coalition would “…”` (a partial quote) / `The statement read: “`."""
    s = sentence_start(body, lo, hi)
    last = None
    for v in verb_regex().finditer(body, s, hi):
        last = v
    if last is None:
        return None
    if last.group("according"):
        found = parse_forward(body, last.end(), hi, people)
        return found[0] if found else None
    return parse_backward(body, s, last.start(), people)


def subject(body: str, lo: int, hi: int, people: People) -> Speaker | None:
    """The subject opening the sentence before a colon: `She closed her remarks with a promise:`."""
    found = parse_forward(body, sentence_start(body, lo, hi), hi, people)
    return found[0] if found and found[0].kind in (PERSON, PRONOUN) else None


_INNER = re.compile(r"[,.]\s+(?=(?:said|added|stated|explained|noted|emphasized|told)\s)")


def inner(body: str, span: Span, people: People) -> tuple[int, Speaker] | None:
    """An attribution caught inside a span whose closing mark came after it:
    `“The center remains a great example, said Col. Jane Doe, the spokesperson.”` → (end of the quote, Doe)."""
    for m in _INNER.finditer(body, span.start, span.end):
        v = verb_regex().match(body, m.end(), span.end)
        if not v:
            continue
        found = parse_forward(body, v.end(), span.end, people)
        if not found or found[0].kind not in (PERSON, ORG, ANONYMOUS):
            continue
        rest = body[found[1] : span.end]
        if rest.strip(" .,;") == "":
            return m.start() + (1 if body[m.start()] == "." else 0), found[0]
    return None


_OWN_LINE = re.compile(r"[-–—―]+[ \t]*")


def own_line(body: str, lo: int, hi: int, people: People) -> Speaker | None:
    """A paragraph that is only an attribution: `- Gen. Jane Doe, commander, Combined Joint Task Force`."""
    m = _OWN_LINE.match(body, lo, hi)
    if not m or hi - lo > 240 or "\n" in body[lo:hi]:
        return None
    found = parse_forward(body, m.end(), hi, people)
    if not found or found[0].kind not in (PERSON, ORG):
        return None
    sp, end = found
    comma = body.find(",", m.end(), hi)
    rest = body[end:hi].strip(" .")
    if 0 <= comma < end or rest.startswith(","):
        sp.role = body[comma + 1 : hi].strip(" ,.") or None  # the role may hold commas of its own
    elif rest:
        return None
    return sp


def _past(body: str, stop: int, limit: int) -> int:
    """Just past the punctuation that ends an attribution sentence."""
    return min(stop + 1, limit) if stop < limit else limit
