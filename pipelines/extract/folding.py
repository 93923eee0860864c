"""A cheap test before a costly case-insensitive regex: can the text hold one of these words at all?

Python's re scans case-insensitively at about 50 ns a character; str.lower() and `in` are an order of
magnitude faster. The test is exact as a prefilter (it never says no where re.IGNORECASE would find the word):
re.IGNORECASE matches an ASCII letter to what str.lower() turns into that letter, except for three characters,
and a text holding one of those is always let through.
"""

from __future__ import annotations

# The only characters re.IGNORECASE matches to an ASCII letter that str.lower() does not lower to it
# (dotted capital I, dotless i, long s): checked over every code point.
_IRREGULAR = ("İ", "ı", "ſ")


def folded(text: str) -> str | None:
    """text.lower(), in which every re.IGNORECASE match of a lower-case ASCII word is found by `in`; None when
    the text holds an irregular letter (then only the regex can tell)."""
    if not text.isascii() and any(ch in text for ch in _IRREGULAR):
        return None
    return text.lower()


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when no word of `words` (lower-case ASCII) occurs in `text` in any letter case."""
    lowered = folded(text)
    return lowered is None or any(word in lowered for word in words)
