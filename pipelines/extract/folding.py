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


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when no word of `words` (lower-case ASCII) occurs in `text` in any letter case."""
    if not text.isascii() and any(ch in text for ch in _IRREGULAR):
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)
