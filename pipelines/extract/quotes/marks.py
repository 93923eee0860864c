"""Quoted spans: pairing double quotation marks into spans of text, paragraph by paragraph.

Marks are read by their context first and their glyph second, because sources mix them:
a straight opening mark closed by a curly one (`"The coalition is strong,” said …`), a curly
opening glyph used as a closing one (`… goal,“ said …`), a stray closing mark after the
attribution (`…,” said Col. Wayne Marotto, the Coalition’s military spokesperson.”`).
Single marks (‘ ’ ') are never paired: they are apostrophes or quotes nested inside a quote.
"""

from __future__ import annotations

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


def find_spans(body: str, paras: list[tuple[int, int]]) -> list[Span]:  # noqa: C901 (split pending, issue 14)
    """Every quoted span, multi-paragraph quotes (marks reopened, closed at the end) as one span."""
    marks = [m.start() for m in MARK.finditer(body)]
    if not marks:
        return []
    spans: list[Span] = []
    left_open = False  # the last paragraph ended inside a quote that was never closed
    k = 0  # index into marks
    open_at: int | None = None
    open_mark = open_para = 0
    skip_mark = -1  # the reopening mark of a continued paragraph
    for pi, (lo, hi) in enumerate(paras):
        while k < len(marks) and marks[k] < lo:
            k += 1
        first_in_para = True
        while k < len(marks) and marks[k] < hi:
            i = marks[k]
            k += 1
            if i == skip_mark:
                continue
            role = classify(body, i, lo, hi)
            if open_at is None:
                if role == OPEN:
                    open_at, open_mark, open_para = i + 1, i, pi
                elif role == CLOSE and first_in_para and (left_open or _ATTRIBUTION.match(body, i + 1, hi)):
                    # The opening mark was lost: `The center is a fine example,” said Col. Doe.`, or the
                    # paragraph goes on a quote left open above without reopening it.
                    _emit(body, spans, lo, i, lo, i, pi, pi)
            elif role == CLOSE:
                _emit(body, spans, open_at, i, open_mark, i, open_para, pi)
                open_at = None
            elif role == OPEN:
                # A new quote opens before the last one closed: the last one lost its closing mark.
                _emit(body, spans, open_at, i, open_mark, None, open_para, pi)
                open_at, open_mark, open_para = i + 1, i, pi
            first_in_para = False
        left_open = False
        if open_at is None:
            continue
        nxt = paras[pi + 1] if pi + 1 < len(paras) else None
        if nxt and MARK.match(body, nxt[0]) and classify(body, nxt[0], nxt[0], nxt[1]) == OPEN:
            skip_mark = nxt[0]  # the quote goes on in the next paragraph
            continue
        _emit(body, spans, open_at, hi, open_mark, None, open_para, pi)
        open_at = None
        left_open = True
    return spans


def _emit(
    body: str,
    spans: list[Span],
    start: int,
    end: int,
    open_mark: int,
    close_mark: int | None,
    para: int,
    last_para: int,
) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    if end > start:
        spans.append(Span(start, end, open_mark, close_mark, para, last_para))
