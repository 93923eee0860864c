"""A release's kind — strike_report, briefing, statement, news or other — from features one can explain.

Features (features()): the page's section label, speaker turns ("COL. DOE: ..."), the headline's words
(data/kind_titles.txt), the share of sentences that report strike counts, the share of sentences with quoted
speech, the issuer's first-person voice ("we", "our"), an opening that announces a written statement.
Rules, first that applies wins; the Decision carries the rule's reason in words (stored as kind_reason):
1. a section label that names a transcript or statement;
2. two speaker turns or more => briefing;
3. headline words;
4. strike-count sentences make up a large share of the text, or the opening gives totals with per-town
   lines, or a flattened monthly table => strike_report;
5. an opening that announces a written statement, or a text with no quoted speech at all (the issuer
   reports in its own voice: civilian-casualty reports, announcements) => statement;
6. quoted speech in a tenth of the sentences or more, or some quotes under a dateline or byline => news;
7. anything else (an editorial, a year-in-review page) => other.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from pipelines.extract.data_files import lines
from pipelines.extract.folding import folded, may_contain
from pipelines.extract.release.header import is_speaker_label

_COUNT = r"(?:\d[\d,]*\*?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty(?:-\w+)?)"
# A sentence that reports a count of strikes: "conducted 14 strikes consisting of 31 engagements",
# "Near Mosul, five strikes engaged ...", "to conduct four airstrikes", "11 strikes consisting of 14 engagements".
# The lookahead first (the count's characters, possessively, then the noun) only spares work: a count is made
# of [\w,*-] and is followed by white space, so it is the whole run the lookahead takes. Without it every word
# start tries the number words, \w+teen and \w+ty backtracking through the word: twice as slow.
_STRIKE_NOUN = r"\s+(?:air\s*)?(?:strikes?|engagements?)\b"
_STRIKE_COUNT = re.compile(rf"\b(?=[\w,*-]++{_STRIKE_NOUN}){_COUNT}{_STRIKE_NOUN}", re.IGNORECASE)
_STRIKE_TOTAL = re.compile(
    rf"\bconduct(?:ed|s|ing)?\s+{_COUNT}\s+(?:air\s*)?strikes?\b(?:,?\s+(?:consisting of|in)\s+{_COUNT}\s+engagements?)?",
    re.IGNORECASE,
)
# Per-town lines: "* Near Ar Raqqah, seven strikes ...", "-- Hit, two strikes ..."
_TOWN_LINE = re.compile(rf"^\s*(?:[*•-]+\s*)?(?:Near\s+)?[A-Z][\w' -]{{1,30}},\s+{_COUNT}\s+(?:air\s*)?strikes?\b")
# Flattened monthly tables: "14 partnered operations 9 partnered operations"
_PARTNERED = re.compile(rf"\b{_COUNT}\s+partnered\s+(?:operations|strikes)\b", re.IGNORECASE)
_FOLLOWING_STATEMENT = re.compile(
    r"\b(?:issued|released) the following statement\b|\bthe following statement was released\b|"
    r"\bstatement (?:read|reads):|^begin text:?$",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTED_SPEECH = re.compile(r"[“\"][^”\"]{20,}[”\"]")
_SPEECH = re.compile(r"\b(?:said|says|added|stated|noted|explained|told reporters)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_FIRST_PERSON_LOWERED = re.compile(r"(?:we|our|us)\b")  # on lowered text; the \b before is checked apart
# Words every match of the patterns above contains: a cheap test for them first (folding.may_contain) spares
# the full patterns, whose number alternatives backtrack over every word, on the many texts that cannot match.
_STRIKE_WORDS = ("strike", "engagement")
_PARTNERED_WORDS = ("partnered",)
_STATEMENT_WORDS = ("statement", "begin text")
_SPEECH_WORDS = ("said", "says", "added", "stated", "noted", "explained", "told reporters")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?:])['\"”’]?\s+(?=[\"“A-Z0-9])|\n+")

# Thresholds: a strike report is mostly strike-count sentences; an issuer's voice is more than a stray "we".
STRIKE_SHARE = 0.2
FIRST_PERSON_SHARE = 0.15
# A news story quotes people in one sentence out of ten or more; an editorial or a review page barely does.
NEWS_QUOTED_SHARE = 0.1
# A release of this many sentences that never quotes anyone speaks in its issuer's voice (a short news brief
# may simply have no quote).
STATEMENT_SENTENCES = 6
_OPENING = 3
_SCANNED = 40


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the kind is decided from: the headline, the body's paragraphs and the header's hints."""

    title: str | None
    paragraphs: tuple[str, ...]
    section_kind: str | None = None
    has_dateline: bool = False
    has_byline: bool = False


@dataclass(frozen=True, slots=True)
class Features:
    turns: int
    title_kind: str | None
    strike_share: float
    strike_opening: bool
    partnered_rows: int
    following_statement: bool
    quoted_share: float
    speech: bool
    first_person_share: float
    sentences: int


@dataclass(frozen=True, slots=True)
class Decision:
    kind: str
    reason: str


@cache
def _title_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = []
    for line in lines("kind_titles.txt"):
        kind, _, patterns = line.partition(":")
        alternatives = "|".join(f"(?:{p.strip()})" for p in patterns.split(" | "))
        rules.append((kind.strip(), re.compile(alternatives, re.IGNORECASE)))
    return tuple(rules)


def _title_kind(title: str | None) -> str | None:
    if not title:
        return None
    return next((kind for kind, regex in _title_rules() if regex.search(title)), None)


def sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The body's sentences (roughly: split after end punctuation before a capital, and at line ends)."""
    return [s for p in paragraphs for s in _SENTENCE_SPLIT.split(p) if len(s.split(maxsplit=2)) == 3]


def _share(items: list[str], regex: re.Pattern[str], required: tuple[str, ...]) -> float:
    """The share of items the regex finds something in (`required`: words one of which every match holds)."""
    if not may_contain("\n".join(items), required):
        return 0.0
    found = sum(1 for item in items if may_contain(item, required) and regex.search(item))
    return found / len(items) if items else 0.0


def _has_quote_mark(text: str) -> bool:
    return '"' in text or "“" in text  # every _QUOTED_SPEECH match opens with one


def _quoted_share(found: list[str]) -> float:
    return sum(1 for s in found if _has_quote_mark(s) and _QUOTED_SPEECH.search(s)) / len(found) if found else 0.0


def _unquoted(sentence: str) -> str:
    return _QUOTED_SPEECH.sub(" ", sentence) if _has_quote_mark(sentence) else sentence


def _count(regex: re.Pattern[str], text: str, required: tuple[str, ...]) -> int:
    return len(regex.findall(text)) if may_contain(text, required) else 0


def _first_person_share(unquoted: list[str]) -> float:
    """The share of sentences with "we", "our" or "us": one case-sensitive scan of the lowered sentences,
    five times cheaper than _FIRST_PERSON (case-insensitive) on each. Same answer: folding.folded keeps
    offsets and word characters, and the word before a match is checked as \b would."""
    if not unquoted:
        return 0.0
    joined = "\n".join(unquoted)  # a line break is no word character: \b holds at sentence ends as before
    lowered = folded(joined)
    if lowered is None:
        return sum(1 for s in unquoted if _FIRST_PERSON.search(s)) / len(unquoted)
    starts = list(accumulate((len(s) + 1 for s in unquoted[:-1]), initial=0))
    found = {
        bisect_right(starts, m.start()) - 1
        for m in _FIRST_PERSON_LOWERED.finditer(lowered)
        if m.start() == 0 or not _is_word(joined[m.start() - 1])
    }
    return len(found) / len(unquoted)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what re's \w matches


def _strike_opening(paragraphs: tuple[str, ...]) -> bool:
    """A total in the opening followed by per-town lines, or two totals in the opening (2014 reports)."""
    opening = "\n".join(paragraphs[:_OPENING])
    totals = _count(_STRIKE_TOTAL, opening, _STRIKE_WORDS)
    if not totals:
        return False
    towns = sum(1 for p in paragraphs[:_SCANNED] if _TOWN_LINE.match(p))
    return totals >= 2 or (totals >= 1 and towns >= 1)


def _following_statement(opening: str) -> bool:
    return may_contain(opening, _STATEMENT_WORDS) and _FOLLOWING_STATEMENT.search(opening) is not None


def features(evidence: Evidence) -> Features:
    """The features of one release (see the module docstring)."""
    paragraphs = evidence.paragraphs
    found = sentences(paragraphs[:_SCANNED])
    unquoted = [_unquoted(s) for s in found]
    return Features(
        turns=sum(1 for p in paragraphs if is_speaker_label(p)),
        title_kind=_title_kind(evidence.title),
        strike_share=_share(found, _STRIKE_COUNT, _STRIKE_WORDS),
        strike_opening=_strike_opening(paragraphs),
        partnered_rows=_count(_PARTNERED, "\n".join(paragraphs[:_SCANNED]), _PARTNERED_WORDS),
        following_statement=_following_statement("\n".join(paragraphs[:_OPENING])),
        quoted_share=_quoted_share(found),
        speech=may_contain("\n".join(found), _SPEECH_WORDS) and any(_SPEECH.search(s) for s in found),
        first_person_share=_first_person_share(unquoted),
        sentences=len(found),
    )


def _by_label(evidence: Evidence, found: Features) -> Decision | None:
    if evidence.section_kind in ("briefing", "statement"):
        return Decision(evidence.section_kind, f"section label says {evidence.section_kind}")
    if found.turns >= 2:
        return Decision("briefing", f"{found.turns} speaker turns")
    if found.title_kind:
        return Decision(found.title_kind, f"headline words say {found.title_kind}")
    return None


def _by_content(found: Features) -> Decision | None:
    if found.strike_share >= STRIKE_SHARE:
        return Decision("strike_report", f"{found.strike_share:.0%} of sentences report strike counts")
    if found.strike_opening:
        return Decision("strike_report", "strike totals in the opening with per-town lines")
    if found.partnered_rows >= 2:
        return Decision("strike_report", "a table of partnered operations")
    if found.following_statement:
        return Decision("statement", "opens by announcing a written statement")
    if found.quoted_share == 0 and found.first_person_share >= FIRST_PERSON_SHARE:
        return Decision("statement", f"issuer's own voice in {found.first_person_share:.0%} of sentences, no quotes")
    if found.quoted_share == 0 and found.sentences >= STATEMENT_SENTENCES:
        return Decision("statement", f"{found.sentences} sentences, no quoted speech: the issuer's own voice")
    return None


def _by_form(evidence: Evidence, found: Features) -> Decision:
    if found.quoted_share >= NEWS_QUOTED_SHARE:
        return Decision("news", f"quoted speech in {found.quoted_share:.0%} of sentences")
    if evidence.has_dateline or evidence.has_byline:
        return Decision("news", "news form: dateline or byline, some quoted speech")
    return Decision("other", "few quotes, no dateline or byline: an editorial or review page")


def classify(evidence: Evidence) -> Decision:
    """The kind of a release and the reason for it (rules in the module docstring)."""
    found = features(evidence)
    return _by_label(evidence, found) or _by_content(found) or _by_form(evidence, found)
