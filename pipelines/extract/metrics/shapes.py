"""The shapes of strike reports: per-town lines, explicit zeros, "a strike", flattened monthly tables."""

from __future__ import annotations

import re

from pipelines.extract.metrics.lexicon import sentence_openers
from pipelines.extract.metrics.numbers import number_word_pattern

# "Near Mosul, three strikes ...", "-- Hit, one strike ...", "* Near Ar Raqqah, seven strikes ...".
TOWN_RE = re.compile(
    r"[ \t]*(?:[*•·]|--?|–|—)?[ \t]*(?:(?P<near>[Nn]ear|NEAR)\s+)?(?P<town>[A-Z][^,.;:\n\d]{0,50}?),\s+"
)
TOWN_COUNT_RE = re.compile(
    rf"(?:{number_word_pattern()}|an?|\d[\d,]*)\s+(?:\w+\s+)?(?:air\s?)?strikes?\b", re.IGNORECASE
)
ZERO_RE = re.compile(
    r"\b(?:[Nn]o|did\s+not\s+conduct\s+any)\s+(?:(?:reported|additional|new|further|other|confirmed|coalition|Coalition)\s+){0,2}"
    r"(?P<noun>air\s?strikes|strikes|engagements)\b"
)
ARTICLE_STRIKE_RE = re.compile(
    r"(?P<art>[Aa]n?)\s+(?:(?:single|additional|separate|lone)\s+)?(?:air\s?strike|strike)\b(?![s-])(?!\s+as\b)"
)
STRIKE_WORD_RE = re.compile(r"\b(?:air\s?)?strikes?\b", re.IGNORECASE)
DIRECTION_RE = re.compile(r"^(?:(?:North|South|East|West)(?:east|west)?(?:ern)?\s+of\s+)")
STRIKE_SIGNATURE_RE = re.compile(
    r"\bstrikes?\s+(?:consisting\s+of|in)\s+[\w,]+\s+engagements\b|^[ \t]*(?:[*•]|--?)?[ \t]*Near [A-Z][^,\n]{0,40},"
    r"|^[ \t]*In [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*[ \t]+In [A-Z]",
    re.MULTILINE,
)
# "In Iraq In Syria", "• In Iraq: • In Syria:": the column heads of a flattened table.
_TABLE_CELL = r"(?:[•*-][ \t]*)?In\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*:?"
TABLE_HEADER_RE = re.compile(rf"[ \t]*{_TABLE_CELL}(?:\s+{_TABLE_CELL})+[ \t]*$")
TABLE_HEADER_PLACE_RE = re.compile(r"In\s+(.+?):?(?=\s+(?:[•*-][ \t]*)?In\s+|\s*$)")
TABLE_ITEM_RE = re.compile(r"(?P<num>\d[\d,]*)\s+(?P<noun>[^\d\n]+?)(?=\s+\d|\s*$)")


def town_line(body: str, start: int, end: int) -> str | None:
    """The town a per-town strike line is about, as written: "* Near Ar Raqqah, seven strikes ..." -> "Ar Raqqah".

    Lines without "Near" count when a strike count follows the comma ("-- Hit, one strike ..."); sentence openers
    ("Yesterday, two strikes ...") are not towns; "Southwest of Irbil, an airstrike ..." is at Irbil.
    """
    m = TOWN_RE.match(body, start, end)
    if not m:
        return None
    words = m["town"].split()
    if words[0] in sentence_openers() or len(words) > 6:
        return None
    if not m["near"] and not TOWN_COUNT_RE.match(body, m.end(), end):
        return None
    return DIRECTION_RE.sub("", m["town"].strip())
