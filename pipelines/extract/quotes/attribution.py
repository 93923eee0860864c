"""Attributions next to a quoted span: after it ("…,” said Doe."), before it ("Doe said, “…”"),
inside a span whose closing mark strayed past the attribution, and on a line of their own ("- Gen. Jane Doe, …").
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.quotes.lexicon import date_regex, sentence_end, sentence_start, statement_nouns, verb_regex
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

# What may stand between a closing mark and its attribution: `…,” as Secretary Doe said` too.
_LEAD = re.compile(r"[\s,;:—–\-]*(?:as\s+(?=\S))?")
_MAX_SUBJECT_WORDS = 18


def after(body: str, span: Span, limit: int, people: People) -> tuple[Speaker, int] | None:
    """The attribution right after the closing mark, up to `limit`; returns it and where its sentence ends.

    `…area” said Brig. Gen. Thomas Weidley, CJTF-OIR chief of staff.` (no comma before the mark),
    `…,” according to Doe.`, `…,” Lt. Gen. Jane Doe, the commander, told reporters.`
    """
    if span.close_mark is None:
        return None
    p = _lead_end(body, span.close_mark + 1, limit)
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


def _lead_end(body: str, pos: int, limit: int) -> int:
    m = _LEAD.match(body, pos, limit)
    return m.end() if m else pos


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
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s*$")


def own_line(body: str, lo: int, hi: int, people: People, *, dashed: bool = True) -> Speaker | None:
    """A paragraph that is only an attribution: `- Gen. Jane Doe, commander, Combined Joint Task Force`.

    Without `dashed` the dash may be missing, as under a block quote (`Gen. Jane Doe, commander Oct. 3, 2016
    Source`), but the line is then no sentence: it names a person first, has no speech verb and no final stop.
    A date ends the line's role.
    """
    if hi - lo > 240 or "\n" in body[lo:hi]:
        return None
    m = _OWN_LINE.match(body, lo, hi)
    if m:
        start = m.end()
    elif dashed or _SENTENCE_END.search(body, lo, hi) or verb_regex().search(body, lo, hi):
        return None
    else:
        start = lo
    date = date_regex().search(body, start, hi)
    hi = date.start() if date else hi
    found = parse_forward(body, start, hi, people)
    if not found or found[0].kind not in ((PERSON, ORG) if m else (PERSON,)):
        return None
    sp, end = found
    comma = body.find(",", start, hi)
    rest = body[end:hi].strip(" .")
    if 0 <= comma < end or rest.startswith(","):
        sp.role = body[comma + 1 : hi].strip(" ,.") or None  # the role may hold commas of its own
    elif rest:
        return None
    return sp


def colon(body: str, lo: int, hi: int, people: People) -> Speaker | None:
    """A quote introduced with a colon: `Brett Roe, the envoy, put it plainly: “…”` — the clause's subject."""
    k = hi
    while k > lo and body[k - 1].isspace():
        k -= 1
    if k <= lo or body[k - 1] != ":":
        return None
    s = sentence_start(body, lo, k - 1)
    found = parse_forward(body, s, k - 1, people)
    return found[0] if found and found[0].kind in (PERSON, PRONOUN, ORG, ANONYMOUS) else None


# A participle of a speech verb in a clause after the main one: `Gen. Doe praised the reform, describing it
# as “…”` — the words are the main clause's subject's.
_PARTICIPLE = re.compile(r"\b(?:describing|calling|saying|adding|noting|terming|labell?ing)\b")


def participle(body: str, lo: int, hi: int, people: People) -> Speaker | None:
    """The subject of the sentence when a speech participle leads up to the mark."""
    s = sentence_start(body, lo, hi)
    if _PARTICIPLE.search(body, s, hi) is None:
        return None
    found = parse_forward(body, s, hi, people)
    return found[0] if found and found[0].kind in (PERSON, PRONOUN) else None


def statement_issuer(body: str, pos: int, people: People) -> str | None:
    """Who issued "the statement" a quote is read from: the subject of the last sentence before `pos` that
    says a statement was made (`The State Department said in a statement that …`)."""
    lo = max(0, pos - 1500)
    last = None
    for m in _STATEMENT_MADE().finditer(body, lo, pos):
        last = m
    if last is None:
        return None
    s = sentence_start(body, lo, last.start())
    found = parse_forward(body, s, last.start(), people)
    if not found or found[0].kind not in (ORG, PERSON):
        return None
    return found[0].text


def _statement_made() -> re.Pattern[str]:
    nouns = "|".join(sorted(statement_nouns(), key=len, reverse=True))
    return re.compile(rf"\b(?:in|issued|released|published|put out)\s+(?:a|an)\s+(?:\w+\s+)?(?:{nouns})\b")


_STATEMENT_MADE = cache(_statement_made)


def _past(body: str, stop: int, limit: int) -> int:
    """Just past the punctuation that ends an attribution sentence."""
    return min(stop + 1, limit) if stop < limit else limit


_CAP = r"(?:[A-Z][\w.’'\-]*|[A-Z]\.)"
_LINK = r"(?:of|for|in|on|and|the|to)"


def org_antecedent(body: str, pos: int, head: str) -> str | None:
    """The full name an organization spoken of by its head noun had before `pos`: "the embassy said" after
    "The U.S. Embassy in Baghdad said in a statement" is the U.S. Embassy in Baghdad."""
    word = re.escape(head[:1].upper() + head[1:].lower())
    pattern = re.compile(rf"(?:{_CAP}\s+(?:{_LINK}\s+)*)*{word}\b(?:\s+{_LINK}\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?")
    last = None
    for m in pattern.finditer(body, max(0, pos - 2000), pos):
        last = m
    if last is None or last.group(0) == word:
        return None
    name = re.sub(r"^(?:The|A|An)\s+", "", last.group(0))
    return name if len(name.split()) > 1 else None
