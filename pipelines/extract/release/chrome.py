"""Site chrome: the lines a scraper saved around the article (banners, breadcrumbs, widgets, footers).

The patterns are data (data/chrome_lines.txt, data/chrome_end.txt); this module compiles each list into
ONE regex so that a line costs one match, whatever the number of patterns.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.data_files import lines
from pipelines.extract.folding import folded

# Only what must change: runs of two or more spaces, and single spaces of another kind ("A b" untouched: a
# pattern matching every single space would rebuild every line).
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
# 'style="text-align: center;">' left inside a line by a scraper that cut an HTML tag in half.
_STYLE_FRAGMENT = re.compile(r'\s*\bstyle\s*=\s*"[^"\n]*"\s*>?\s*')
# "By By Sgt. Jane Doe", "By xxxBy Sgt. Jane Doe": a byline printed twice.
_DOUBLED_BY = re.compile(r"^By\s*\S{0,12}?By\s+")  # case-sensitive: "By Bobby Smith" stays


_OTHER_SPACES = ("\u00a0", "\u202f", "\u205f", "\u3000", *map(chr, range(0x2000, 0x200C)))


def _combined(name: str) -> re.Pattern[str]:
    return re.compile("(?:" + ")|(?:".join(lines(name)) + ")", re.IGNORECASE)


# A chrome pattern of the form ".*\bwords\b.*" (the words anywhere in the line) is kept out of the combined
# regex: fullmatching it backtracks over the whole of every line. It is searched for instead, and only in
# lines that hold its words (folding.may_contain).
_ANYWHERE = re.compile(r"\.\*\\b([a-z ]+)\\b\.\*")


@cache
def _line_regex() -> re.Pattern[str]:
    kept = [p for p in lines("chrome_lines.txt") if not _ANYWHERE.fullmatch(p)]
    return re.compile("(?:" + ")|(?:".join(kept) + ")", re.IGNORECASE)


@cache
def _anywhere_phrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    phrases = [m[1] for m in map(_ANYWHERE.fullmatch, lines("chrome_lines.txt")) if m]
    return tuple((phrase, re.compile(rf"\b{phrase}\b", re.IGNORECASE)) for phrase in phrases)


@cache
def _end_regex() -> re.Pattern[str]:
    return _combined("chrome_end.txt")


def normalize_line(line: str) -> str:
    """One line with runs of spaces collapsed and the ends stripped: "  A  b " -> "A b"."""
    # A line without a tab, two spaces in a row or another kind of space has nothing to collapse: str
    # methods tell (one memchr-like scan each), the regex would visit every character.
    if "  " not in line and "\t" not in line and (line.isascii() or not any(s in line for s in _OTHER_SPACES)):
        line = line.strip()
    else:
        line = _SPACES.sub(" ", line).strip()
    if "style" in line:
        line = _STYLE_FRAGMENT.sub(" ", line).strip()
    return line


def is_chrome_line(line: str) -> bool:
    """True for a whole line of site chrome: 'Here’s how you know', 'Share Print Email', '-30-' excluded."""
    if _line_regex().fullmatch(line) is not None:
        return True
    # ".*" stops at a line break: a text holding one cannot fullmatch ".*\bwords\b.*".
    if "\n" in line:
        return False
    lowered = folded(line)
    return any((lowered is None or phrase in lowered) and regex.search(line) for phrase, regex in _anywhere_phrases())


def is_end_marker(line: str) -> bool:
    """True for a line after which only chrome follows: '-30-', '###', 'Related Links'."""
    return _end_regex().fullmatch(line) is not None


def undouble_byline(line: str) -> str:
    """'By By Sgt. Jane Doe' -> 'By Sgt. Jane Doe' (scraper glitch)."""
    return _DOUBLED_BY.sub("By ", line, count=1)


# --- Chrome by shape: what a line looks like, not which exact string it is ------------------------------

_SENTENCE_PUNCTUATION = re.compile(r"[.!?;]['\"”’)\]]*(?:\s|$)")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "to",
        "of",
        "on",
        "in",
        "for",
        "no",
        "is",
        "are",
        "this",
        "that",
        "with",
        "at",
        "by",
        "our",
        "your",
        "you",
    ]
)
_WORD = re.compile(r"[a-z][a-z'’-]*|\d[\d:,./]*")
# Breadcrumbs glued by a scraper that dropped the separators: "Legacy HomepageNewsSpecial Reports2016 Year in
# Review" — a lower-case letter running into a capitalized word or a year ("McKenzie" and "DoD" do not count).
_GLUED = re.compile(r"(?<!\bMc)(?<!\bMac)(?<=[a-z])(?=[A-Z][a-z]|\d{4})")
# Where _GLUED may match, found without its lookbehinds at every position (three times cheaper): fewer than two
# such places, no glued breadcrumb.
_GLUED_POSSIBLE = re.compile(r"(?<=[a-z])(?:[A-Z][a-z]|\d{4})")
# Breadcrumb separators between short segments: "Home > News > Releases", "NEWSROOM : PRESS RELEASES".
_CRUMB_SEPARATOR = re.compile(r"\s(?:[:>»/|]|::)\s")
_WIDGET_MAX = 60
_CRUMB_MAX = 120


@cache
def _chrome_words() -> frozenset[str]:
    return frozenset(lines("chrome_words.txt"))


@cache
def _site_word_regex() -> re.Pattern[str]:
    return re.compile(r"(?<![\w.])(?:" + "|".join(lines("site_words.txt")) + r")(?!\w)", re.IGNORECASE)


def _has_sentence_punctuation(line: str) -> bool:
    return _SENTENCE_PUNCTUATION.search(line) is not None


def is_widget_line(line: str) -> bool:
    """A short line without sentence punctuation made (two thirds or more) of page-furniture words or of bare
    numbers: 'Skip to the content', 'Bookmark and Share', 'Subscribe 0', 'Down Arrow', '0:00 0:03:12 0:00'."""
    if len(line) > _WIDGET_MAX or _has_sentence_punctuation(line):
        return False
    words = [w for w in _WORD.findall(line.lower()) if w not in _FUNCTION_WORDS]
    named = [w for w in words if not w[0].isdigit()]
    if not named:  # only numbers: a media player's counters ("0:00 0:03:12"), not a date or a table row
        return bool(words) and all(":" in w for w in words)
    hits = sum(w.strip("'’-") in _chrome_words() for w in named)
    return hits * 3 >= len(named) * 2


def is_breadcrumb(line: str) -> bool:
    """Navigation trails: separators between three or more short segments, or segments glued together."""
    if len(line) > _CRUMB_MAX or _has_sentence_punctuation(line):
        return False
    if len(_GLUED_POSSIBLE.findall(line)) >= 2 and len(_GLUED.findall(line)) >= 2:
        return True
    segments = _CRUMB_SEPARATOR.split(line)
    # every segment a short name ("14 / 9 / 23", a flattened table row, is no trail)
    return len(segments) >= 3 and all(0 < len(s.split()) <= 4 and s.strip()[:1].isalpha() for s in segments)


def site_words(line: str) -> int:
    """How many words of a site's notice about itself the line holds ('website', 'https', 'webmaster' ...)."""
    return len(_site_word_regex().findall(line))


# A photo gallery's slide: "1 / 3 Show Caption + Hide Caption – Soldiers march ... VIEW ORIGINAL".
_GALLERY_COUNTER = re.compile(r"\d{1,3}\s*/\s*\d{1,3}\s+(?P<head>.{0,60})")
_GALLERY_WORDS = 2


def is_gallery_slide(line: str) -> bool:
    """A line opening with a slide counter ('2 / 3') followed by widget words ('Show Caption + Hide')."""
    match = _GALLERY_COUNTER.match(line)
    if not match:
        return False
    words = _WORD.findall(match["head"].lower())[:6]
    return sum(w in _chrome_words() for w in words) >= _GALLERY_WORDS


def chrome_reason(line: str) -> str | None:
    """Why a line is chrome wherever it sits (seed variant, widget words, breadcrumb, gallery slide), or None."""
    if is_chrome_line(line):
        return "known variant"
    if is_widget_line(line):
        return "widget words"
    if is_breadcrumb(line):
        return "breadcrumb"
    if is_gallery_slide(line):
        return "gallery slide"
    return None


# --- Chrome by repetition: lines many documents of one batch share ------------------------------------

REPEATED_MIN_DOCUMENTS = 3
_REPEATED_MAX_LENGTH = 400


def line_key(line: str) -> str:
    """The form in which lines are compared across documents: normalized, case-folded."""
    return normalize_line(line).casefold()


def _article_fingerprint(keys: set[str]) -> str:
    """The longest line of a page: copies of one article (saved twice, or under another site's chrome) share it."""
    return max(keys, key=lambda key: (len(key), key), default="")


def learn_repeated_lines(texts: list[str], min_documents: int = REPEATED_MIN_DOCUMENTS) -> frozenset[str]:
    """Keys (line_key) of the lines that occur in at least `min_documents` different articles of the batch:
    site banners, notices and footers that pages of one site share. Copies of one article count once (they
    share their longest line), so a headline saved three times is not chrome. Passed to parse_release, which
    treats these lines as chrome only where chrome may sit (before the article, after its last sentence)."""
    articles: dict[str, set[str]] = {}
    for text in texts:
        keys = {line_key(line) for line in text.splitlines()}
        keys = {key for key in keys if key and len(key) <= _REPEATED_MAX_LENGTH}
        for key in keys:
            articles.setdefault(key, set()).add(_article_fingerprint(keys))
    return frozenset(key for key, found in articles.items() if len(found) >= min_documents)


@cache
def _site_publishers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for line in lines("site_publishers.txt"):
        name, _, patterns = line.partition(":")
        out.append((name.strip(), re.compile("|".join(f"(?:{p.strip()})" for p in patterns.split(" | ")), re.I)))
    return tuple(out)


def site_publisher(line: str) -> str | None:
    """The issuing body a chrome line names by its site ('... historical collection on defense.gov ...')."""
    return next((name for name, regex in _site_publishers() if regex.search(line)), None)
