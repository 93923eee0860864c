"""Numbers as releases write them: "4,100", "12,345*", ".94", "nine", "twenty-one", "two hundred", "1.6 billion"."""

from __future__ import annotations

import re
from functools import cache

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
