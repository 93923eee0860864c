"""A release's kind — strike_report, briefing, statement, news or other — by rules one can explain.

The rules, first that applies wins:
1. The page's section label says Transcript => briefing; Statement/Readout => statement.
2. The body is a transcript: at least two speaker turns ("COL. DOE: ...", "Q: ...") => briefing.
3. The headline names the kind (data/kind_titles.txt): "Press Briefing by ..." => briefing,
   "Statement by ..." => statement, "March 22: Military airstrikes continue ..." => strike_report.
4. The body reads like a strike report: "conducted 14 strikes consisting of 31 engagements" in the
   opening, two totals there (2014: "... to conduct four airstrikes" in Syria, "conducted three air
   strikes in Iraq"), or a total followed by per-town lines ("Near Mosul, five strikes ..."), or a flattened
   monthly table ("14 partnered operations 9 partnered operations") => strike_report.
5. The body opens with a written statement ("... issued the following statement:") => statement.
6. News signals: a news-like section label, a dateline, a byline, or attributed speech => news.
7. Anything else (a fact sheet, a list, a caption) => other.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.data_files import lines
from pipelines.extract.release.header import is_speaker_label

_COUNT = r"(?:\d[\d,]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty(?:-\w+)?)"
# "conducted 14 strikes consisting of 31 engagements", "conducted nine strikes in 12 engagements"
_STRIKE_TOTAL = re.compile(
    rf"\bconduct(?:ed|s)?\s+{_COUNT}\s+(?:air\s*)?strikes?\b(?:\s+(?:consisting of|in)\s+{_COUNT}\s+engagements?)?",
    re.IGNORECASE,
)
_ENGAGEMENTS = re.compile(rf"\bstrikes?\s+(?:consisting of|in)\s+{_COUNT}\s+engagements?\b", re.IGNORECASE)
# Per-town lines: "* Near Ar Raqqah, seven strikes ...", "-- Hit, two strikes ...", "near Mosul, three strikes"
_TOWN_LINE = re.compile(
    rf"(?:^|\n)\s*(?:[*•-]+\s*)?(?:Near\s+)?[A-Z][\w' -]{{1,30}},\s+{_COUNT}\s+(?:air\s*)?strikes?\b"
)
# Flattened monthly tables: "14 partnered operations 9 partnered operations"
_PARTNERED = re.compile(rf"\b{_COUNT}\s+partnered\s+(?:operations|strikes)\b", re.IGNORECASE)
_FOLLOWING_STATEMENT = re.compile(
    r"\b(?:issued|released) the following statement\b|\bstatement (?:read|reads):", re.IGNORECASE
)
_SPEECH = re.compile(r"\b(?:said|added|stated|noted|explained|told reporters)\b", re.IGNORECASE)


@cache
def _title_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = []
    for line in lines("kind_titles.txt"):
        kind, _, patterns = line.partition(":")
        alternatives = "|".join(f"(?:{p.strip()})" for p in patterns.split(" | "))
        rules.append((kind.strip(), re.compile(alternatives, re.IGNORECASE)))
    return tuple(rules)


def _speaker_turns(paragraphs: list[str], limit: int = 2) -> bool:
    count = 0
    for paragraph in paragraphs:
        if is_speaker_label(paragraph):
            count += 1
            if count >= limit:
                return True
    return False


def classify(  # noqa: C901 (split pending, issue 14)
    title: str | None,
    paragraphs: list[str],
    section_kind: str | None = None,
    has_dateline: bool = False,
    has_byline: bool = False,
) -> str:
    """The kind of a release from its headline, body paragraphs and header hints (rules in the docstring)."""
    if section_kind in ("briefing", "statement"):
        return section_kind
    if _speaker_turns(paragraphs):
        return "briefing"
    if title:
        for kind, regex in _title_rules():
            if regex.search(title):
                return kind
    opening = "\n".join(paragraphs[:3])
    totals = len(_STRIKE_TOTAL.findall(opening))
    if totals and (
        totals >= 2 or _ENGAGEMENTS.search(opening) or len(_TOWN_LINE.findall("\n".join(paragraphs[:40]))) >= 1
    ):
        return "strike_report"
    if len(_PARTNERED.findall("\n".join(paragraphs[:40]))) >= 2:
        return "strike_report"
    if _FOLLOWING_STATEMENT.search(opening):
        return "statement"
    if section_kind == "news" or has_dateline or has_byline:
        return "news"
    if any(_SPEECH.search(p) for p in paragraphs[:20]):
        return "news"
    return "other"
