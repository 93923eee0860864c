"""Text normalization shared by every scoring rule (gold-format.md, "Scoring rules")."""

from __future__ import annotations

import re
import unicodedata

# Runs of anything that is not a letter or digit: "CJTF - Operation" and "CJTF-OIR" both split on the hyphen.
_NON_WORD = re.compile(r"[\W_]+")
# Generational suffixes are not surnames: "John Roe Jr." has the surname Roe.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def normalize(text: str | None) -> str:
    """NFKC, case folding, white space and punctuation collapsed: `“Daesh’s”  fight` -> `daesh s fight`."""
    if text is None:
        return ""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def same_text(a: str | None, b: str | None) -> bool:
    """Equal after normalization; two missing values (None) are equal too."""
    if a is None or b is None:
        return a is None and b is None
    return normalize(a) == normalize(b)


def same_place(a: str | None, b: str | None) -> bool:
    """Locations as sets of places: `Iraq and Syria` ~ `Syria and Iraq` (one area, either order)."""
    if a is None or b is None:
        return a is None and b is None

    def places(text: str) -> list[str]:
        return sorted(p.strip() for p in re.split(r"\band\b", normalize(text)) if p.strip())

    return places(a) == places(b)


def surname(name: str | None) -> str:
    """The last word of a normalized name that is not a suffix: `Brig. Gen. Thomas Weidley` -> `weidley`."""
    words = [w for w in normalize(name).split() if w not in _NAME_SUFFIXES]
    return words[-1] if words else ""


def singular(word: str) -> str:
    """A plural English noun to its singular, enough for metric names: rockets, casualties, boxes, aircraft."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def metric_head(name: str | None) -> tuple[str, str]:
    """What a metric name counts: (last word singular, whole name joined singular).

    `anti_tank_rockets` -> ("rocket", "antitankrocket"); `air_strikes` -> ("strike", "airstrike");
    `airstrikes` -> ("airstrike", "airstrike"), so airstrikes ~ air_strikes on the joined form.
    """
    words = normalize(name).split()
    if not words:
        return "", ""
    return singular(words[-1]), singular("".join(words))


def same_metric_name(a: str | list[str] | None, b: str | None) -> bool:
    """True when `b` agrees with `a`, or with any of its names when the gold gives a list of acceptable ones."""
    if isinstance(a, list):
        return any(same_metric_name(name, b) for name in a)
    last_a, joined_a = metric_head(a)
    last_b, joined_b = metric_head(b)
    return bool(last_a) and (last_a == last_b or joined_a == joined_b)
