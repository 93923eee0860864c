"""Quotes in running text (news stories, conference reports, statements): spans, filters, speakers.

Each span is read in small steps, each a pure function of the span and what the story said before it:
an attribution inside or after the span, the continuation of the quote just before it, an attribution
before it (in its sentence, or in a paragraph that ends with a colon), and only then the fallbacks of a
paragraph that is all quote (a line of attribution after it, the last speaker, the person just named).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.extract.quotes import attribution
from pipelines.extract.quotes.lexicon import naming_regex, org_words, sentence_start
from pipelines.extract.quotes.marks import Span, find_spans
from pipelines.extract.quotes.speakers import (
    ANONYMOUS,
    ORG,
    PERSON,
    PRONOUN,
    STATEMENT,
    People,
    Speaker,
    person_name,
)
from pipelines.extract.records import Quote

MIN_WORDS = 4
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from", "as", "de", "du", "al"]
)


_FOUR_WORDS = re.compile(rf"(?:[\W_]*[^\W_]+(?:['’\-][^\W_]+)*(?![^\W_])){{{MIN_WORDS}}}")


def long_enough(body: str, start: int, end: int) -> bool:
    """At least four words; stops reading after the fourth."""
    return _FOUR_WORDS.match(body, start, end) is not None


def is_title(text: str) -> bool:
    """Title Case without a sentence's final punctuation: `“Coalition Strikes Continue Against Daesh Targets”`."""
    if text[-1:] in ".!?,;:":
        return False
    words = [w for w in _WORD.findall(text) if w.casefold() not in _SMALL_WORDS]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


@dataclass(frozen=True, slots=True)
class _Story:
    """What every step reads: the body, its paragraphs and spans, the people named, the issuer."""

    body: str
    paras: list[tuple[int, int]]
    spans: list[Span]
    people: People
    publisher: str | None
    whole: set[int]  # paragraphs that are entirely one quote
    explicit_from: int  # spans from here on (a transcript's turns) need an attribution of their own
    own_lines: dict[int, Speaker | None] = field(default_factory=dict)  # memo of `_own_line_after`


@dataclass(frozen=True, slots=True)
class _Last:
    """The last quote kept: its speaker, its span, and where its attribution sentence ended (-1: none)."""

    speaker: Speaker | None = None
    span: Span | None = None
    attr_end: int = -1


@dataclass(frozen=True, slots=True)
class _After:
    """What follows a span: where the quote's text ends, and the speaker named inside or after it."""

    end: int
    speaker: Speaker | None
    attr_end: int


def quotes_in_text(
    body: str,
    paras: list[tuple[int, int]],
    people: People,
    *,
    publisher: str | None,
    split_rows: bool,
    spans: list[Span] | None = None,
    explicit_from: int | None = None,
) -> list[Quote]:
    """One quote per kept span of running text, with its speaker resolved within the story."""
    spans = find_spans(body, paras) if spans is None else spans
    spans = [s for s in spans if long_enough(body, s.start, s.end)]
    if not spans:
        return []
    story = _Story(
        body,
        paras,
        spans,
        people,
        publisher,
        _whole_paragraph_spans(body, paras, spans),
        len(body) if explicit_from is None else explicit_from,
    )
    out: list[Quote] = []
    last = _Last()
    for j, span in enumerate(spans):
        got = _after_span(story, j)
        continued = got.speaker is None and _continues(story, last, span)
        if continued and not split_rows:
            # The shared seed gold's reading of `“A,” she said. “B.”`: B is no row of its own.
            last = _Last(last.speaker, span, got.attr_end)
            continue
        found = last.speaker if continued else (got.speaker or _before_span(story, span, last))
        if found is None or not continued:
            found = _checked(story, span, got.end, found, last)
            if found is None:
                continue
        sp = _resolve(found, span.open_mark, story, last.speaker)
        if sp is not None and sp.kind == PERSON:
            people.add(sp)
        out.append(_quote(body, span.start, got.end, sp))
        last = _Last(sp, span, got.attr_end)
    return out


def _checked(story: _Story, span: Span, end: int, found: Speaker | None, last: _Last) -> Speaker | None:
    """The speaker found, or the fallback's; None when the span is no quote (a name, a title, scare quotes)."""
    if _named_thing(story, span) and (found is None or is_title(story.body[span.start : end])):
        return None  # `dubbed “Desert Shield”`; but "a figure Boyer called “remarkable for …”" is Boyer's
    return found if found is not None else _fallback(story, span, last, end)


def _after_span(story: _Story, j: int) -> _After:
    """An attribution caught inside the span (stray closing mark) or right after its closing mark."""
    body, span = story.body, story.spans[j]
    cut = None
    if span.close_mark is None or _closes_paragraph(body, span, story.paras):
        cut = attribution.inner(body, span, story.people)
    if cut:
        end, found = cut
        while end > span.start and body[end - 1] in " ,":
            end -= 1
        return _After(end, found, -1)
    nxt = story.spans[j + 1] if j + 1 < len(story.spans) else None
    limit = nxt.open_mark if nxt is not None and nxt.para == span.last_para else story.paras[span.last_para][1]
    got = attribution.after(body, span, limit, story.people)
    return _After(span.end, got[0], got[1]) if got else _After(span.end, None, -1)


def _continues(story: _Story, last: _Last, span: Span) -> bool:
    """`“A,” she said. “B.”` and `“A,” she said, “B.”`: B goes on A, in the same paragraph, right after it."""
    prev = last.span
    if prev is None or prev.last_para != span.para or span.open_mark >= story.explicit_from:
        return False
    return _adjacent(story.body, prev, last.attr_end, span)


def _before_span(story: _Story, span: Span, last: _Last) -> Speaker | None:
    """The attribution before the opening mark: in its sentence, or a paragraph ending with a colon above it."""
    body, people = story.body, story.people
    lo = story.paras[span.para][0]
    found = attribution.before(body, _before_lo(span, last.span, lo), span.open_mark, people)
    if found is None:
        found = attribution.colon(body, lo, span.open_mark, people)
    if found is None and span.open_mark == lo and span.para > 0:
        plo, phi = story.paras[span.para - 1]
        if body[phi - 1] == ":":  # "Gen. Doe told the graduates:" then the quoted paragraph
            found = attribution.before(body, plo, phi, people) or attribution.subject(body, plo, phi, people)
    if found is None:
        found = attribution.participle(body, lo, span.open_mark, people)
    return found


def _named_thing(story: _Story, span: Span) -> bool:
    """A naming word right before the mark: `dubbed “…”`, `the motto “…”`."""
    lo = story.paras[span.para][0]
    return naming_regex().search(story.body[max(lo, span.open_mark - 40) : span.open_mark]) is not None


def _fallback(story: _Story, span: Span, last: _Last, end: int) -> Speaker | None:
    """A span nobody is said to speak: a paragraph of quote goes on the last speaker, unless a line after it
    names one; the first quote of a story goes to the person just introduced. Titles and phrases in quotes
    inside a sentence (scare quotes) are no quotes, and neither is a span inside a transcript's turns."""
    body = story.body
    if span.open_mark >= story.explicit_from or is_title(body[span.start : end]):
        return None
    same_para = last.span is not None and last.span.last_para == span.para
    lo = story.paras[span.para][0]
    if not (same_para or span.para in story.whole or _at_sentence_start(body, lo, span)):
        return None
    return _own_line_after(story, span) or last.speaker or story.people.last_mention(span.open_mark)


def _quote(body: str, start: int, end: int, sp: Speaker | None) -> Quote:
    if sp is None:
        return Quote(body[start:end], start, end)
    return Quote(
        body[start:end],
        start,
        end,
        speaker=sp.text,
        speaker_name=person_name(sp),
        speaker_role=sp.role,
        is_anonymous=sp.kind == ANONYMOUS,
    )


def _resolve(sp: Speaker, pos: int, story: _Story, prev: Speaker | None) -> Speaker | None:
    people = story.people
    if sp.kind == PRONOUN:
        return _pronoun(sp, pos, people, prev)
    if sp.kind == STATEMENT:
        issuer = sp.text or attribution.statement_issuer(story.body, pos, people) or story.publisher
        return Speaker(ORG, issuer, pos=sp.pos)
    if sp.kind == ORG and sp.text and sp.text.casefold() in org_words():  # "the embassy", "the Ministry"
        full = attribution.org_antecedent(story.body, pos, sp.text)
        return Speaker(ORG, full, pos=sp.pos) if full else sp
    if sp.kind == ANONYMOUS and sp.text:
        known = people.by_role(sp.text, pos) or people.introduced(sp.text, pos)
        if known:
            return known
    return people.resolve(sp)


def _pronoun(sp: Speaker, pos: int, people: People, prev: Speaker | None) -> Speaker:
    """The nearest before the quote of: the last speaker (a person or an unnamed source, or for "they" any
    source) and the last person named in the text ("Capt. Ben Ode, who arrived …. “…,” he said")."""
    if sp.text == "they" and prev is not None and prev.kind != PERSON:
        return prev
    mention = people.last_mention(pos)
    if prev is not None and prev.kind in (PERSON, ANONYMOUS) and (mention is None or prev.pos >= mention.pos):
        return prev
    return people.resolve(mention) if mention else Speaker(PRONOUN, None)


def _before_lo(span: Span, prev_span: Span | None, lo: int) -> int:
    if prev_span is not None and prev_span.last_para == span.para and prev_span.close_mark is not None:
        return max(lo, prev_span.close_mark + 1)
    return lo


def _adjacent(body: str, prev_span: Span, prev_attr_end: int, span: Span) -> bool:
    """The span opens right after the last one's attribution sentence, or right after the last span."""
    gap_from = prev_attr_end if prev_attr_end >= 0 else (prev_span.close_mark or prev_span.end) + 1
    return body[gap_from : span.open_mark].strip(' \t\n,;:.—–-”"') == ""


def _at_sentence_start(body: str, lo: int, span: Span) -> bool:
    return sentence_start(body, lo, span.open_mark) == span.open_mark or span.open_mark == lo


def _closes_paragraph(body: str, span: Span, paras: list[tuple[int, int]]) -> bool:
    return span.close_mark is not None and body[span.close_mark + 1 : paras[span.last_para][1]].strip() == ""


def _whole_paragraph_spans(body: str, paras: list[tuple[int, int]], spans: list[Span]) -> set[int]:
    """Paragraphs that are entirely one quote (mark at the start, closed at the end or never closed)."""
    whole: set[int] = set()
    for s in spans:
        lo = paras[s.para][0]
        hi = paras[s.last_para][1]
        tail = body[(s.close_mark + 1) if s.close_mark is not None else s.end : hi]
        if s.open_mark == lo and tail.strip(' \t\n.,”"') == "":
            whole.update(range(s.para, s.last_para + 1))
    return whole


def _own_line_after(story: _Story, span: Span) -> Speaker | None:
    """`- Gen. Jane Doe, commander, …` on the paragraph after this quote (or after the quoted run it opens)."""
    q = span.last_para + 1
    while q in story.whole:
        q += 1
    if q >= len(story.paras):
        return None
    if q not in story.own_lines:
        lo, hi = story.paras[q]
        story.own_lines[q] = attribution.own_line(story.body, lo, hi, story.people, dashed=False)
    return story.own_lines[q]
