"""Ranks and titles before personal names ("Brig. Gen.", "Lieutenant Colonel", "Maj Gen")."""

from __future__ import annotations

import re
from functools import cache

from pipelines.extract.data_files import lines


def _flexible(rank: str) -> str:
    # "Maj. Gen." must also match "Maj Gen" and "MAJ. GEN." (source misspellings, radio scripts).
    words = rank.replace(".", "").split()
    return r"\s+".join(re.escape(w) + r"\.?" for w in words)


@cache
def rank_regex() -> re.Pattern[str]:
    """Matches any known rank as a whole word; longest alternatives are tried first."""
    ranks = sorted(set(lines("ranks.txt")), key=len, reverse=True)
    alternatives = "|".join(_flexible(r) for r in ranks)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?=\s|$)", re.IGNORECASE)


def split_rank(name: str) -> tuple[str | None, str]:
    """("Brig. Gen.", "Thomas Weidley") from "Brig. Gen. Thomas Weidley"; (None, name) when no rank leads."""
    match = rank_regex().match(name.strip())
    if not match:
        return None, name.strip()
    return match.group(0), name.strip()[match.end() :].strip()
