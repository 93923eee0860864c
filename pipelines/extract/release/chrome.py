"""Site chrome: the lines a scraper saved around the article (banners, breadcrumbs, widgets, footers).

The patterns are data (data/chrome_lines.txt, data/chrome_end.txt); this module compiles each list into
ONE regex so that a line costs one match, whatever the number of patterns.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.data_files import lines

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# 'style="text-align: center;">' left inside a line by a scraper that cut an HTML tag in half.
_STYLE_FRAGMENT = re.compile(r'\s*\bstyle\s*=\s*"[^"\n]*"\s*>?\s*')
# "By By Sgt. Jane Doe", "By xxxBy Sgt. Jane Doe": a byline printed twice.
_DOUBLED_BY = re.compile(r"^By\s*\S{0,12}?By\s+")  # case-sensitive: "By Bobby Smith" stays


def _combined(name: str) -> re.Pattern[str]:
    return re.compile("(?:" + ")|(?:".join(lines(name)) + ")", re.IGNORECASE)


@cache
def _line_regex() -> re.Pattern[str]:
    return _combined("chrome_lines.txt")


@cache
def _end_regex() -> re.Pattern[str]:
    return _combined("chrome_end.txt")


def normalize_line(line: str) -> str:
    """One line with runs of spaces collapsed and the ends stripped: "  A  b " -> "A b"."""
    line = _SPACES.sub(" ", line).strip()
    if "style" in line:
        line = _STYLE_FRAGMENT.sub(" ", line).strip()
    return line


def is_chrome_line(line: str) -> bool:
    """True for a whole line of site chrome: 'Here’s how you know', 'Share Print Email', '-30-' excluded."""
    return _line_regex().fullmatch(line) is not None


def is_end_marker(line: str) -> bool:
    """True for a line after which only chrome follows: '-30-', '###', 'Related Links'."""
    return _end_regex().fullmatch(line) is not None


def undouble_byline(line: str) -> str:
    """'By By Sgt. Jane Doe' -> 'By Sgt. Jane Doe' (scraper glitch)."""
    return _DOUBLED_BY.sub("By ", line, count=1)
