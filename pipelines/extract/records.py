"""The records that extraction produces; assets turn lists of them into warehouse rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

KINDS = ("strike_report", "news", "briefing", "statement", "other")
QUALIFIERS = ("exact", "approximately", "over", "at_least", "up_to", "under")
ENTITY_TYPES = ("person", "organization", "location")


class Rejected(Exception):
    """An input that cannot become a release; the message is the one-line reason stored in rejected_files."""


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id from its parts: the same parts give the same id on every machine."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=65536)  # the same few thousand names recur in every batch of releases
def entity_id(entity_type: str, canonical_name: str) -> str:
    return stable_id("entity", entity_type, canonical_name.casefold())


@dataclass(slots=True)
class ParsedRelease:
    body: str
    kind: str = "other"
    title: str | None = None
    published_date: date | None = None
    dateline: str | None = None
    publisher: str | None = None
    release_number: str | None = None
    url: str | None = None
    kind_reason: str | None = None  # why the release got its kind, in words (release/kind.py)


@dataclass(slots=True)
class Quote:
    quote_text: str
    char_start: int
    char_end: int
    speaker: str | None = None  # as written, with rank; or the unnamed source's description
    speaker_name: str | None = None  # the person's full name without rank, for linking to entities
    speaker_role: str | None = None
    is_anonymous: bool = False


@dataclass(slots=True)
class Metric:
    name: str
    value: float
    text: str
    char_start: int
    char_end: int
    qualifier: str = "exact"
    action: str | None = None
    location: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    is_cumulative: bool = False


@dataclass(slots=True)
class Mention:
    text: str  # surface form as it appears in the body
    name: str  # canonical name within this release (e.g. "Thomas Weidley", "ISIS")
    type: str  # person | organization | location
    char_start: int
    char_end: int
    rank: str | None = None  # persons: the rank seen with this mention
    latitude: float | None = None
    longitude: float | None = None
    extra: dict = field(default_factory=dict)
