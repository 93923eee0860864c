"""Names the gazetteers lack, recognized by their shape, and acronyms a release defines for itself.

- "... Forces", "... Command", "Joint ... Center": the capitalized words before a suffix word
  ("Nineveh Plains Protection Units", "Joint Media Center").
- "Ministry of ...", "Task Force ...": a prefix word and the capitalized words after it
  ("Ministry of Water Resources", "Task Force Al Asad").
- "Syrian Democratic Forces (SDF)": the acronym in parentheses names the same entity for the rest of the release.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.data_files import lines
from pipelines.extract.entities import gazetteer, people

# Words before a suffix word: capitalized words (U.S., Al-Anbar, People's), spaces/tabs only, up to five.
_BEFORE = re.compile(r"(?:(?<=[\s(“\"/])|^)((?:(?:[A-Z0-9][\w'’\-\.&]*|[a-z]{1,3}-[A-Z][\w'’\-]*|al)[ \t]+){1,6})$")
# Words after a prefix word: "Ministry of Water Resources", "Ministry of the Interior", "Task Force 1-87",
# "Wadi al-Shay".
_AFTER = re.compile(
    r"[ \t]+((?:the[ \t]+)?(?:[A-Z0-9]|[a-z]{1,3}-[A-Z])[\w'’\-]*"
    r"(?:[ \t]+(?:(?:of|for|and)[ \t]+(?:the[ \t]+)?)?(?:[A-Z0-9]|[a-z]{1,3}-[A-Z])[\w'’\-]*){0,4})"
)
_POSSESSIVE = re.compile(r"['’]s\b")
ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&\-\.]{1,9})\)")

# Words that open a sentence or qualify a name but are not part of it ("The", "Yesterday", "Several").
LEADING_SKIP = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "to",
        "and",
        "of",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "these",
        "that",
        "both",
        "all",
        "several",
        "many",
        "other",
        "some",
        "each",
        "when",
        "while",
        "during",
        "after",
        "before",
        "as",
        "since",
        "meanwhile",
        "additionally",
        "also",
        "yesterday",
        "today",
        "following",
        "near",
    ]
)


_WORD = re.compile(r"\S+")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}$")  # "U.S.", "U.K.": abbreviations, not sentence ends


# Heads whose names go on after them: "U.S. Agency for International Development", "Danish Ministry of Defence".
_OF_AFTER = re.compile(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'’\-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’\-]*){0,3}")
_CONTINUED = frozenset({"Agency", "Council", "Committee", "Directorate", "Organization", "Ministry"})


def suffix_span(text: str, head_start: int, head_end: int) -> tuple[int, int] | None:
    """Span of "Capitalized Words Head", or None when no capitalized word qualifies the head.

    Read right to left from the head, stopping at a sentence end ("Gen. Joe Smith. The Anbar Provincial
    Council" -> "Anbar Provincial Council") or a function word ("In Nineveh Police" -> "Nineveh Police").
    """
    match = _BEFORE.search(text, max(0, head_start - 100), head_start)
    if not match:
        return None
    words = list(_WORD.finditer(text, match.start(1), head_start))
    start = None
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group()
        if w.casefold() in LEADING_SKIP or (w[:1].islower() and w != "al" and "-" not in w):
            break
        if w.endswith(".") and not _DOTTED.match(w) or _owner_ends(text, words, i):
            break
        if w.casefold() in _title_words():
            break  # "Press Secretary Air Force": the name starts after the person's title
        start = words[i].start()
    if start is None or text[start:head_start].split()[-1] == "al":
        return None
    if text[head_start].islower() and text[start:head_start].split()[0] in _prefix_heads():
        return None  # "the Wadi al-Shay valley": "Wadi" already makes the name; "valley" only describes it
    if text[head_start:head_end] in _CONTINUED:
        more = _OF_AFTER.match(text, head_end)
        if more:
            return start, more.end()
    return start, head_end


def _owner_ends(text: str, words: list[re.Match], i: int) -> bool:
    """Whether words[i] closes a possessive naming a known owner: "the Army's 10th Mountain Division" is the
    division, "Kurdistan Region's Ministry of ..." the ministry (the owner is a name of its own)."""
    w = words[i].group()
    if not w.endswith(("'s", "’s")):
        return False
    if i + 1 < len(words) and words[i + 1].group()[:1].isdigit():
        return True  # "Fort Carson's 52nd Engineer Battalion": a numbered unit is a name of its own
    end = words[i].end() - 2
    known = gazetteer.entries()
    return any(text[words[j].start() : end] in known for j in range(i, -1, -1))


def prefix_span(text: str, head_start: int, head_end: int) -> tuple[int, int] | None:
    """Span of "Head Capitalized Words" ("Ministry of Water Resources"), None when nothing capitalized follows."""
    # "Ministry of" keys end before the space; "Task Force" is followed by its name.
    match = _AFTER.match(text, head_end)
    if not match:
        return None
    owner = _POSSESSIVE.search(text, match.start(1), match.end(1))
    if owner:  # "Fort Bragg's 49th ... Detachment": the name is the owner's
        return head_start, owner.start()
    end = match.end(1)
    if text[head_start:head_end].endswith((" of", " for")):
        end = _before_person(text, match.start(1), end)
    return (head_start, end) if end > match.start(1) else None


_NAME_WORD = re.compile(r"[A-Z][\w'’\-]*")


def _before_person(text: str, start: int, end: int) -> int:
    """End of the words in text[start:end] before a person's name (a given name and a capitalized word):
    "Department of Foreign Relations Safeen Dizayee" names the department, then its head."""
    words = list(_NAME_WORD.finditer(text, start, end))
    names, known = people.given_names(), gazetteer.entries()
    for i, word in enumerate(words[:-1]):
        if word.group() in names and word.group() not in known:
            return words[i - 1].end() if i else start
    return end


def is_generic(surface: str) -> bool:
    """ "Coalition Forces", "Security Forces", "Building Partner Capacity": shaped like names, not entities."""
    return " ".join(surface.split()).casefold() in gazetteer.not_entities()


@cache
def _title_words() -> frozenset[str]:
    return frozenset(lines("title_words.txt"))


@cache
def _prefix_heads() -> frozenset[str]:
    """Words that open a name by themselves ("Wadi", "Camp", "Fort"): shape_heads.tsv prefix rows."""
    return frozenset(row[0] for row in gazetteer.tsv("shape_heads.tsv") if row[1] == "prefix")


@cache
def _generic_heads() -> frozenset[str]:
    return frozenset(
        row[0].casefold() for row in gazetteer.tsv("shape_heads.tsv") if gazetteer.cell(row, 3) == "generic"
    )


def only_common_words(surface: str) -> bool:
    """ "Kurdish Forces", "Partner Forces", "Tribal Units": a generic head qualified only by demonyms and common
    words is a description, not a name ("Nineveh Plains Guard Forces", "Italian Army" are names)."""
    heads = _generic_heads()
    words = [w.strip(".,’'").casefold() for w in surface.split()]
    if words[-1] not in heads:
        return False
    stop = gazetteer.name_stopwords()
    return all(w in stop or w in heads for w in words)
