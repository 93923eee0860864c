"""Body lines to paragraphs: hard line breaks inside sentences joined, paragraphs kept apart.

Scraped text separates paragraphs by one to four line breaks, and some pages are hard-wrapped at ~70
columns. Two cases:
- "wrapped" documents (blank lines between paragraphs, no line longer than 100 characters, some
  paragraph of several lines): every single line break is a wrap, except before a bullet or a speaker
  turn and after a heading ("Strikes in Syria");
- otherwise a single line break ends a paragraph unless the line is cut mid-sentence: no final
  punctuation and either the next line starts in lower case ("... fighting\\n  positions, two vehicles"),
  or the line ends with a word no sentence ends with ("consisting of\\n31 engagements"), or the line is
  long (a wrapped line, not a heading or table row); or it ends with an abbreviation ("Brig. Gen.").
A blank line always ends a paragraph, unless the next line continues a cut sentence in lower case.
"""

from __future__ import annotations

import re

from pipelines.extract.release.header import ends_with_abbreviation, is_speaker_label, parse_dateline

_BULLET = re.compile(r"(?:[*•·▪‣]|-{1,2}(?!\d))\s")
_ENDS_SENTENCE = re.compile(r"[.!?:;]['\"”’)\]]*$|[\"”]$")
_WRAP_WIDTH = 100
_HEADING_MAX = 45
# A line cut by a hard wrap is long; a shorter line ending in a content word is a heading or a table row
# ("14 partnered operations 9 partnered operations").
_WRAPPED_MIN = 60
# Words a sentence never ends with: a line ending in one goes on ("... conducted 14 strikes consisting of").
OPEN_ENDING = re.compile(
    r"(?:\b(?:of|the|a|an|and|or|but|to|in|on|at|by|for|with|from|against|into|near|than|as|that|which|"
    r"who|were|was|is|are|be|been|has|have|had|consisting|including|between|during|after|before|said)|[,(\-–—])$",
    re.IGNORECASE,
)


def _continues(previous: str, line: str) -> bool:
    """True when `line` goes on with the sentence `previous` was cut in."""
    if _BULLET.match(line) or is_speaker_label(line):
        return False
    if ends_with_abbreviation(previous):
        return True
    if _ENDS_SENTENCE.search(previous) or parse_dateline(line):
        return False  # "Headline Without Period\nBAGHDAD, Iraq — ..." are two paragraphs
    first = line[0]
    if first.islower() or first in ",;)":
        return True
    return OPEN_ENDING.search(previous) is not None or len(previous) >= _WRAPPED_MIN


def _wrapped(lines: list[str]) -> bool:
    if "" not in lines:
        return False
    longest = max((len(line) for line in lines), default=0)
    if longest > _WRAP_WIDTH:
        return False
    return any(a and b for a, b in zip(lines, lines[1:], strict=False))


def _heading(line: str) -> bool:
    return len(line) <= _HEADING_MAX and not _ENDS_SENTENCE.search(line) and not line.endswith(",")


def build_paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from normalized lines ('' marks a blank line)."""
    wrapped = _wrapped(lines)
    paragraphs: list[str] = []
    current: str | None = None
    blank = False
    for line in lines:
        if not line:
            blank = current is not None
            continue
        if current is None:
            current = line
        elif blank:
            if line[0].islower() and not _ENDS_SENTENCE.search(current) and not _heading(current):
                current = f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        elif wrapped:
            if _BULLET.match(line) or is_speaker_label(line) or _heading(current) or parse_dateline(line):
                paragraphs.append(current)
                current = line
            else:
                current = f"{current} {line}"
        elif _continues(current, line):
            current = f"{current} {line}"
        else:
            paragraphs.append(current)
            current = line
        blank = False
    if current is not None:
        paragraphs.append(current)
    return paragraphs
