"""Numbers as releases write them: "4,100", "12,345*", ".94", "nine", "twenty-one", "two hundred", "1.6 billion"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipelines.extract.data_files import lines


@cache
def _word_table() -> tuple[dict[str, float], frozenset[str]]:
    values: dict[str, float] = {}
    multipliers: set[str] = set()
    for line in lines("number_words.txt"):
        parts = line.split("\t")
        values[parts[0]] = float(parts[1])
        if len(parts) > 2 and parts[2] == "multiplier":
            multipliers.add(parts[0])
    return values, frozenset(multipliers)


def word_values() -> dict[str, float]:
    return _word_table()[0]


def multiplier_words() -> frozenset[str]:
    return _word_table()[1]


@cache
def number_word_pattern() -> str:
    """Regex source for a spelled-out number: "nine", "twenty-one", "one hundred", "two dozen"."""
    values, multipliers = _word_table()
    # Longest first so "seventeen" wins over "seven"; a multiplier never opens a number ("hundreds of" is vague).
    openers = "|".join(sorted((w for w in values if w not in multipliers), key=len, reverse=True))
    anywords = "|".join(sorted(values, key=len, reverse=True))
    return rf"\b(?:{openers})(?:[- ](?:{anywords}))*\b"


# Digits with thousands separators or decimals; ".94" has no leading zero in some releases.
DIGITS_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"


def parse_digits(text: str) -> float:
    return float(text.replace(",", "").rstrip("*"))


@lru_cache(maxsize=4096)
def parse_number_words(text: str) -> float | None:
    """Value of a spelled-out number ("twenty-one" -> 21, "two hundred fifty" -> 250), None if not one."""
    values, multipliers = _word_table()
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[- ]+", text.lower()):
        if not word:
            continue
        if word not in values:
            return None
        seen = True
        if word in multipliers:
            scale = values[word]
            current = (current or 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
        else:
            current += values[word]
    return total + current if seen else None


def scale_word(text: str) -> float | None:
    """The factor of "million"/"billion"/"thousand" after digits ("1.6 billion"), else None."""
    values, multipliers = _word_table()
    word = text.lower()
    return values[word] if word in multipliers and word != "dozen" else None


# --- finding numbers fast -----------------------------------------------------------------------------------
# A regex alternation over every position of the text is slow in Python; one scan for runs of digits and one
# Aho-Corasick pass for the number words touch only the few places where a number can start.

# One pass for every number written in digits. Digits glued to a word, a code or a time are no number:
# "F-16", "#20140823", "v1.2" (before), "10:30", "24/7", "1st" (after); the atomic group keeps "12.5x" from
# shrinking to "12". ".94" has no leading zero in some releases; "12,345*" carries a footnote mark.
_DIGIT_MARKS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # "0" for a digit, " " otherwise
_NUMBER_AT_RE = re.compile(
    r"(?<![A-Za-z0-9_.,/:#-])"
    r"(?>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?![A-Za-z0-9_/:]|,[0-9])\*?"
)
_WORDS_AT: re.Pattern[str] | None = None
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@dataclass(slots=True)  # not frozen: a frozen __init__ is slow, and one is made per number, date or verb
class NumberSpan:
    start: int
    end: int  # a footnote mark ("12,345*") is included
    value: float
    spelled: bool  # written as words ("nine", "twenty-one")
    currency_start: int | None = None  # where "$" / "US$" begins, for money


@cache
def _automaton():
    import ahocorasick

    values, multipliers = _word_table()
    automaton = ahocorasick.Automaton()
    for word in values:
        if word not in multipliers:
            automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _words_at() -> re.Pattern[str]:
    global _WORDS_AT
    if _WORDS_AT is None:
        _WORDS_AT = re.compile(number_word_pattern())
    return _WORDS_AT


def _digit_spans(body: str) -> list[NumberSpan]:
    # Runs of digits are found with bytes.find over a translated copy (one byte per character, so offsets
    # hold): much faster than a regex scan over every position. Each run is then read by one anchored match.
    marks = body.encode("ascii", "replace").translate(_DIGIT_MARKS)
    size = len(body)
    spans = []
    covered = -1
    i = marks.find(b"0")
    while i != -1:
        run_end = marks.find(b" ", i)
        next_from = size if run_end == -1 else run_end
        if i >= covered:
            start = i - 1 if i > 0 and body[i - 1] == "." and (i < 2 or not body[i - 2].isdigit()) else i  # ".94"
            m = _NUMBER_AT_RE.match(body, start)
            if m is not None:
                end = m.end()
                covered = end if body[end - 1] != "*" else end - 1
                digits = m[0] if body[end - 1] != "*" else body[start : end - 1]
                currency = None
                if start > 0:
                    before = body[start - 1]
                    if before == "$":
                        currency = start - 3 if body[max(0, start - 3) : start] == "US$" else start - 1
                    elif before == " " and start > 1 and body[start - 2] == "$":
                        currency = start - 2
                spans.append(NumberSpan(start, end, float(digits.replace(",", "")), False, currency))
        i = marks.find(b"0", next_from)
    return spans


def _word_spans(lower: str) -> list[NumberSpan]:
    spans = []
    covered = -1
    words_at = _words_at()
    for last, length in _automaton().iter(lower):
        start = last - length + 1
        if start < covered or (start > 0 and lower[start - 1] in _WORD_CHARS):
            continue
        m = words_at.match(lower, start)
        if not m:
            continue
        value = parse_number_words(m[0])
        covered = m.end()
        if value is not None:
            spans.append(NumberSpan(start, m.end(), value, True))
    return spans


def find_numbers(body: str, lower: str | None = None) -> list[NumberSpan]:
    """Every number in the text, in order: digits ("4,100", ".94", "$1.6") and words ("nine", "twenty-one")."""
    lower = body.lower() if lower is None else lower
    spans = _digit_spans(body) + _word_spans(lower)
    spans.sort(key=lambda s: s.start)
    return spans
