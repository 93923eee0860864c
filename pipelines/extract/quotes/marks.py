"""Quoted spans: pairing double quotation marks into spans of text, paragraph by paragraph.

Marks are read by their context first and their glyph second, because sources mix them:
a straight opening mark closed by a curly one (`"The coalition is strong,” said …`), a curly
opening glyph used as a closing one (`… goal,“ said …`), a stray closing mark after the
attribution (`…,” said Col. Wayne Marotto, the Coalition’s military spokesperson.”`).
Single marks (‘ ’ ') are never paired: they are apostrophes or quotes nested inside a quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MARK = re.compile(r"[\"“”„‟«»]")
_OPEN_GLYPHS = frozenset("“„‟«")
_CLOSE_GLYPHS = frozenset("”»")
# What may stand right before an opening mark / right after a closing one.
_BEFORE_OPEN = frozenset("([{—–-/‘'\"“„«")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…’'\"”»")
OPEN, CLOSE, NONE = 1, 2, 0

# What follows a closing mark whose opening mark was lost: `…,” said Col. Doe` / `…,” Col. Doe said`.
_ATTRIBUTION = re.compile(
    r"\s*(?:said|added|stated|explained|noted|emphasized|told)\b"
    r"|\s+(?:[A-Z][\w.]*(?:\s+[A-Z][\w.\-]*){0,4}|he|she|they)\s+(?:said|added|told)\b"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")


@dataclass(slots=True)
class Span:
    start: int  # first character inside the marks (after trimming white space)
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the quote was never closed
    para: int  # paragraph index where the quote opens
    last_para: int  # paragraph index where it ends (differs for multi-paragraph quotes)


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by a blank line, outer white space trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(body):
        _add_paragraph(body, pos, m.start(), out)
        pos = m.end()
    _add_paragraph(body, pos, len(body), out)
    return out


def _add_paragraph(body: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def classify(body: str, i: int, lo: int, hi: int) -> int:
    """OPEN, CLOSE or NONE for the mark at `i`, within the paragraph [lo, hi)."""
    prev = body[i - 1] if i > lo else " "
    nxt = body[i + 1] if i + 1 < hi else " "
    prev_space, next_space = prev.isspace(), nxt.isspace()
    glyph = body[i]
    can_open = not next_space and (prev_space or prev in _BEFORE_OPEN)
    can_close = not prev_space and (next_space or nxt in _AFTER_CLOSE)
    if can_open and not can_close:
        return OPEN
    if can_close and not can_open:
        return CLOSE
    if glyph in _OPEN_GLYPHS:
        return OPEN
    if glyph in _CLOSE_GLYPHS:
        return CLOSE
    if not prev_space and not next_space:
        # `said,"We` opens, `goal,"said` closes: the case of the next letter decides.
        if prev in ",:;" and nxt.isalpha():
            return OPEN if nxt.isupper() else CLOSE
        if prev.isalnum() and nxt in _AFTER_CLOSE:
            return CLOSE
    return NONE


@dataclass(frozen=True, slots=True)
class _Open:
    """A quote opened and not yet closed: first character inside, offset of its mark, paragraph index."""

    start: int
    mark: int
    para: int


def find_spans(body: str, paras: list[tuple[int, int]]) -> list[Span]:
    """Every quoted span, multi-paragraph quotes (marks reopened, closed at the end) as one span."""
    marks = [m.start() for m in MARK.finditer(body)]
    if not marks:
        return []
    spans: list[Span] = []
    open_q: _Open | None = None
    left_open = False  # the last paragraph ended inside a quote that was never closed
    skip_mark = -1  # the reopening mark of a continued paragraph
    for pi, (lo, hi) in enumerate(paras):
        in_para = [i for i in marks[bisect.bisect_left(marks, lo) : bisect.bisect_left(marks, hi)] if i != skip_mark]
        found, open_q = _read_paragraph(body, in_para, (pi, lo, hi), open_q, left_open)
        spans += found
        found, open_q, left_open, skip_mark = _paragraph_end(body, paras, pi, open_q)
        spans += found
    return spans


def _read_paragraph(
    body: str, marks: list[int], para: tuple[int, int, int], open_q: _Open | None, left_open: bool
) -> tuple[list[Span], _Open | None]:
    """The spans the marks of one paragraph (index, start, end) close, and the quote still open at its end."""
    pi, lo, hi = para
    spans: list[Span] = []
    for n, i in enumerate(marks):
        role = classify(body, i, lo, hi)
        if open_q is None and role == CLOSE and n == 0:
            spans += _lost_opening(body, i, para, left_open)
            continue
        found, open_q = _at_mark(body, i, role, pi, open_q)
        spans += found
    return spans, open_q


def _lost_opening(body: str, i: int, para: tuple[int, int, int], left_open: bool) -> list[Span]:
    """A closing mark first in its paragraph with nothing open: the opening mark was lost
    (`The center is a fine example,” said Col. Doe.`), or the paragraph goes on a quote left open above
    without reopening it."""
    pi, lo, hi = para
    if left_open or _ATTRIBUTION.match(body, i + 1, hi):
        return _span(body, lo, i, lo, i, pi, pi)
    return []


def _at_mark(body: str, i: int, role: int, pi: int, open_q: _Open | None) -> tuple[list[Span], _Open | None]:
    """One mark read against the quote open so far: it opens one, closes it, or opens a new one over it."""
    if open_q is None:
        return [], (_Open(i + 1, i, pi) if role == OPEN else None)
    if role == CLOSE:
        return _span(body, open_q.start, i, open_q.mark, i, open_q.para, pi), None
    if role == OPEN:
        # A new quote opens before the last one closed: the last one lost its closing mark.
        return _span(body, open_q.start, i, open_q.mark, None, open_q.para, pi), _Open(i + 1, i, pi)
    return [], open_q


def _paragraph_end(
    body: str, paras: list[tuple[int, int]], pi: int, open_q: _Open | None
) -> tuple[list[Span], _Open | None, bool, int]:
    """At the end of paragraph `pi`: (spans ended, quote carried on, whether one was left open, mark to skip).

    A quote still open goes on when the next paragraph opens with a mark (its reopening mark is skipped);
    otherwise it ends with the paragraph, and a closing mark first in the next one closes nothing new."""
    if open_q is None:
        return [], None, False, -1
    nxt = paras[pi + 1] if pi + 1 < len(paras) else None
    if nxt and MARK.match(body, nxt[0]) and classify(body, nxt[0], nxt[0], nxt[1]) == OPEN:
        return [], open_q, False, nxt[0]
    return _span(body, open_q.start, paras[pi][1], open_q.mark, None, open_q.para, pi), None, True, -1


def _span(
    body: str,
    start: int,
    end: int,
    open_mark: int,
    close_mark: int | None,
    para: int,
    last_para: int,
) -> list[Span]:
    """The span between two offsets without outer white space (and a trailing comma); [] when empty."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    return [Span(start, end, open_mark, close_mark, para, last_para)] if end > start else []
