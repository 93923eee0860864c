"""Metric names: the counted noun phrase as a snake_case plural, the same across releases and years.

"four ISIS tactical units" -> tactical_units; "air strikes" -> airstrikes; "a VBIED" and
"vehicle-borne improvised explosive devices" -> vbieds (the mapping is data: data/metric_names.tsv).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipelines.extract.data_files import lines


@cache
def _names() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in lines("metric_names.tsv"):
        phrase, name = line.split("\t")
        table[phrase] = name
    return table


@cache
def dropped_modifiers() -> frozenset[str]:
    return frozenset(lines("metric_name_modifiers.txt"))


@cache
def never_counted() -> frozenset[str]:
    return frozenset(lines("metric_not_counted.txt"))


@cache
def compound_pairs() -> frozenset[str]:
    """Neighbouring word pairs of the compounds in data/metric_compounds.txt ("command and", "and control")."""
    pairs: set[str] = set()
    for line in lines("metric_compounds.txt"):
        words = line.lower().split()
        pairs.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return frozenset(pairs)


@cache
def phrase_stops() -> frozenset[str]:
    return frozenset(lines("metric_phrase_stops.txt"))


def pluralize(word: str) -> str:
    if word in _names() and _names()[word] == word:  # aircraft, headquarters
        return word
    if word.endswith("ss") or word.endswith(("x", "ch", "sh", "z")):
        return word + "es"
    if word.endswith("s"):
        return word
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _key(words: list[str]) -> str:
    text = " ".join(words).lower().replace("’", "'")
    return re.sub(r"[-/]+", " ", text).replace(".", "")


def strip_modifiers(words: list[str]) -> list[str]:
    """Drop leading words that do not change what is counted ("additional", "ISIS", "ISIS-held")."""
    drop = dropped_modifiers()
    out = list(words)
    while len(out) > 1:
        low = out[0].lower().replace("’", "'")
        if low in drop or re.match(r"(?:isis|isil|daesh|da'esh)-", low):
            out.pop(0)
        else:
            break
    # Doubled words from the source ("strikes strikes").
    deduped = [w for i, w in enumerate(out) if i == 0 or w.lower() != out[i - 1].lower()]
    return deduped


def metric_name(words: list[str]) -> str:
    """snake_case plural name of a counted noun phrase (words as written, modifiers included)."""
    return _metric_name(tuple(words))


@lru_cache(maxsize=4096)
def _metric_name(phrase: tuple[str, ...]) -> str:
    table = _names()
    whole = _key(list(phrase))  # "coalition members" is a name before "coalition" is dropped as a modifier
    if whole in table:
        return table[whole]
    words = strip_modifiers(list(phrase))
    key = _key(words)
    if key in table:
        return table[key]
    parts = key.split()
    plural = " ".join(parts[:-1] + [pluralize(parts[-1])])
    if plural in table:
        return table[plural]
    return re.sub(r"[^a-z0-9]+", "_", plural).strip("_")
