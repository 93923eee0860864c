"""Near-duplicate releases: the same article saved twice, under another site's chrome, or lightly edited.

Method (fast at 100k releases: one numpy pass per body, no pairwise loop):
1. words split on white space, compared without the punctuation around them ('“the' = '"the'), each
   distinct word hashed once with a stable hash;
2. word 4-gram shingles -> MinHash signature (120 permutations);
3. candidates: LSH banding (20 bands of 6 rows: pairs at Jaccard 0.8 collide with probability 0.998, at
   0.5 with 0.27), kept when the signatures estimate Jaccard >= 0.6; plus releases with the same first
   30 words (a copy the scraper cut off);
4. each candidate pair is verified exactly:
   - the calendar dates they mention ("On Apr. 2", "March 16") agree: one copy's dates contain the
     other's (a copy may add "Feb. 15, 2017" to its dateline; "On Apr. 2" vs "On Apr. 3" are two releases);
   - shingle Jaccard >= 0.8 and at most one number in ten differs. Daily strike reports share a template
     and most 4-grams but differ in their counts ("conducted nine strikes" / "conducted 14 strikes") and
     days, so they are never linked;
   - or one is the other cut off: 95% of its shingles and all its numbers are in the other, and it kept
     at least half of the text.
A duplicate is linked to the root of the earliest matching release, `existing` first, then `new`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipelines.extract.release.dates import month_number

SHINGLE_WORDS = 4
NUM_PERM = 120
BANDS = 20
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8
MAX_NUMBER_DIFFERENCE = 0.1
# Copies cut off by a scraper share less than LSH needs (70% of an article is Jaccard 0.7), but they share
# the opening: releases whose first 30 words agree are candidates too (the earliest 16 of each opening).
OPENING_SHINGLES = 30 - SHINGLE_WORDS + 1
MAX_SAME_OPENING = 16
CONTAINMENT = 0.95  # a cut-off copy: 95% of its shingles are in the full one ...
MIN_CUT_SHARE = 0.5  # ... and it kept at least half of it

# Bodies are split on white space only (a regex or str.translate costs three times as much); punctuation
# stays on the words ("iraq.") and is stripped only to classify each distinct word once ("apr." is a month).
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…•·"
# Words that are counts: "conducted nine strikes" and "conducted seven strikes" are different releases.
_NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "dozen",
        "dozens",
        "several",
        "no",
    ]
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# Token classes, computed once per distinct word.
_PLAIN, _COUNT, _MONTH, _DAY, _YEAR_CLASS = 0, 1, 2, 3, 4


def _token_class(word: str) -> int:
    token = word.strip(_PUNCTUATION).replace(",", "")
    if token.isdigit():
        if _YEAR.fullmatch(token):
            return _YEAR_CLASS
        return _DAY if len(token) <= 2 and 1 <= int(token) <= 31 else _COUNT
    if token in _NUMBER_WORDS:
        return _COUNT
    if month_number(token) is not None:
        return _MONTH
    return _PLAIN


# Fixed random permutations: the same seed gives the same signatures on every machine.
_rng = np.random.default_rng(20170322)
_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_MIX = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xC2B2AE3D27D4EB4F),
    np.uint64(0x165667B19E3779F9),
    np.uint64(0xD6E8FEB86659FD93),
)


@dataclass(slots=True)
class _Fingerprint:
    shingles: np.ndarray  # uint64 shingle hashes, in text order
    dates: frozenset[tuple[int, int]]  # (month number, day word id) mentions
    numbers: Counter  # counts and amounts, dates and years excluded
    unique: np.ndarray | None = None  # sorted distinct shingles, computed when a pair is verified


class _Vocabulary:
    """Word -> small integer id, shared by all bodies of one call. Words that differ only in the punctuation
    around them share an id ('“the' = '"the' = 'the'), so curly vs straight quotes do not hide a copy."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # word as split from the text -> id of its core
        self.cores: dict[str, int] = {}  # core (punctuation stripped) -> id
        self.classes = np.zeros(1024, dtype=np.int8)
        self.months = np.zeros(1024, dtype=np.int8)  # month number of month words ("apr." and "april" alike)
        # A stable 64-bit hash of each core: ids depend on the order words are met (set order varies with
        # PYTHONHASHSEED), shingles must not, or the same input could give other candidates on another run.
        self.hashes = np.zeros(1024, dtype=np.uint64)

    def _core_id(self, word: str) -> int:
        core = word.strip(_PUNCTUATION)
        found = self.cores.get(core)
        if found is not None:
            return found
        found = self.cores[core] = len(self.cores) + 1  # id 0 is unused
        if found >= len(self.classes):
            self.classes = np.resize(self.classes, 2 * len(self.classes))
            self.months = np.resize(self.months, 2 * len(self.months))
            self.hashes = np.resize(self.hashes, 2 * len(self.hashes))
        self.hashes[found] = int.from_bytes(hashlib.blake2b(core.encode(), digest_size=8).digest(), "little")
        self.classes[found] = kind = _token_class(core)
        self.months[found] = (month_number(core) or 0) if kind == _MONTH else 0
        return found

    def encode(self, tokens: list[str]) -> np.ndarray:
        ids = self.ids
        for token in set(tokens).difference(ids):
            ids[token] = self._core_id(token)
        return np.array(list(map(ids.__getitem__, tokens)), dtype=np.int64)


def _fingerprint(body: str, vocabulary: _Vocabulary) -> _Fingerprint:
    tokens = body.lower().split()
    ids = vocabulary.encode(tokens)
    if len(ids) >= SHINGLE_WORDS:
        words = vocabulary.hashes[ids]
        span = len(words) - SHINGLE_WORDS + 1
        shingles = np.zeros(span, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for offset in range(SHINGLE_WORDS):
                shingles ^= words[offset : offset + span] * _MIX[offset]
                shingles = (shingles << np.uint64(7)) | (shingles >> np.uint64(57))
    else:
        shingles = np.array([int(ids.sum()) if len(ids) else 0], dtype=np.uint64)

    classes = vocabulary.classes[ids]
    # "Apr. 2", "March 16": a month name followed by a day number is a date, not a count.
    date_day = np.zeros(len(ids), dtype=bool)
    if len(ids) > 1:
        date_day[1:] = (classes[:-1] == _MONTH) & (classes[1:] == _DAY)
    months = vocabulary.months[ids[:-1][date_day[1:]]] if len(ids) > 1 else ids[:0]
    dates = frozenset(zip(months.tolist(), ids[date_day].tolist(), strict=False))
    is_count = ((classes == _COUNT) | (classes == _DAY)) & ~date_day
    return _Fingerprint(shingles, dates, Counter(ids[is_count].tolist()))


def _signature(shingles: np.ndarray) -> np.ndarray:
    # Multiply-add hashing modulo 2**64 (numpy wraps), one row per permutation; the minimum per row.
    with np.errstate(over="ignore"):
        hashed = np.multiply.outer(_A, shingles)
        hashed += _B[:, None]
    return hashed.min(axis=1)


def _band_keys(signature: np.ndarray) -> list[bytes]:
    raw = signature.tobytes()
    width = ROWS * 8
    return [bytes([band]) + raw[band * width : (band + 1) * width] for band in range(BANDS)]


def _distinct(fingerprint: _Fingerprint) -> np.ndarray:
    if fingerprint.unique is None:
        fingerprint.unique = np.unique(fingerprint.shingles)
    return fingerprint.unique


def _same_release(a: _Fingerprint, b: _Fingerprint) -> bool:
    if not (a.dates <= b.dates or b.dates <= a.dates):
        return False
    sa, sb = _distinct(a), _distinct(b)
    common = len(np.intersect1d(sa, sb, assume_unique=True))
    small, large = (a, b) if len(sa) <= len(sb) else (b, a)
    smaller, larger = min(len(sa), len(sb)), max(len(sa), len(sb))
    # A copy the scraper cut off: its shingles and its numbers are all in the full copy.
    if smaller and common >= CONTAINMENT * smaller and smaller >= MIN_CUT_SHARE * larger:
        return not (small.numbers - large.numbers)
    union = sum((a.numbers | b.numbers).values())
    differing = sum(((a.numbers - b.numbers) + (b.numbers - a.numbers)).values())
    if differing > max(1, MAX_NUMBER_DIFFERENCE * union):
        return False
    return common >= THRESHOLD * (len(sa) + len(sb) - common)


# Templated releases (daily strike reports) collide in LSH bands by the thousand; the share of equal
# signature values estimates their Jaccard (standard error 0.04 at 0.8 with 120 values), so candidates
# estimated below 0.6 are dropped in one vectorized step before the exact checks.
MIN_ESTIMATE = 0.6


def _likely(candidates: set[int], signatures: np.ndarray, signature: np.ndarray) -> list[int]:
    if len(candidates) <= 2:
        return list(candidates)
    indexes = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
    agree = (signatures[indexes] == signature).sum(axis=1)
    return indexes[agree >= MIN_ESTIMATE * NUM_PERM].tolist()


@dataclass(frozen=True, slots=True)
class CopyKeys:
    """What the candidate search needs of one body, computed where the body is (a worker): its exact digest, its
    MinHash signature and the shingles of its opening. Stable across processes (no per-process word ids)."""

    digest: bytes
    signature: np.ndarray
    opening: bytes


def copy_keys(bodies: Sequence[str]) -> list[CopyKeys]:
    """The CopyKeys of each body (one vocabulary for the lot: each distinct word is classified and hashed once)."""
    vocabulary = _Vocabulary()
    out = []
    for body in bodies:
        fingerprint = _fingerprint(body, vocabulary)
        out.append(
            CopyKeys(
                hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest(),
                _signature(fingerprint.shingles),
                fingerprint.shingles[:OPENING_SHINGLES].tobytes(),
            )
        )
    return out


def same_releases(task: tuple[str, list[str]]) -> list[bool]:
    """The exact verification of one body against each of its candidates' bodies (in a worker when many)."""
    body, others = task
    vocabulary = _Vocabulary()  # one for all: dates and numbers are compared by word id
    fingerprint = _fingerprint(body, vocabulary)
    return [_same_release(fingerprint, _fingerprint(other, vocabulary)) for other in others]


class _CandidateIndex:
    """Releases seen so far, in order, by their keys alone: exact digests, LSH band buckets and openings. It tells
    each release which earlier ones to verify; no body is read here."""

    def __init__(self) -> None:
        self.buckets: dict[bytes, list[int]] = {}
        self.openings: dict[bytes, list[int]] = {}
        self.exact: dict[bytes, int] = {}
        self.signatures = np.zeros((1024, NUM_PERM), dtype=np.uint64)

    def candidates(self, index: int, keys: CopyKeys) -> list[int]:
        """Earlier releases worth verifying against this one (then remembered as a candidate for later ones)."""
        if index >= len(self.signatures):
            self.signatures = np.resize(self.signatures, (2 * len(self.signatures), NUM_PERM))
        self.signatures[index] = keys.signature
        bands = _band_keys(keys.signature)
        banded: set[int] = set()
        for key in bands:
            banded.update(self.buckets.get(key, ()))
        found = set(_likely(banded, self.signatures, keys.signature))
        found.update(self.openings.get(keys.opening, ()))
        for key in bands:
            self.buckets.setdefault(key, []).append(index)
        same_opening = self.openings.setdefault(keys.opening, [])
        if len(same_opening) < MAX_SAME_OPENING:
            same_opening.append(index)
        return sorted(found)


@dataclass(slots=True)
class _Plan:
    """Each release's position as an alias of an earlier one (same id or same bytes), or its candidates."""

    alias_of: dict[int, int]
    candidates: dict[int, list[int]]
    repeats: set[int]  # a release id listed again: never reported as a copy of itself


def _plan(items: Sequence[tuple[str, CopyKeys]]) -> _Plan:
    index = _CandidateIndex()
    seen_ids: dict[str, int] = {}
    plan = _Plan({}, {}, set())
    for position, (rid, keys) in enumerate(items):
        if rid in seen_ids:  # the same release listed twice is not a duplicate of itself
            plan.alias_of[position] = seen_ids[rid]
            plan.repeats.add(position)
            continue
        seen_ids[rid] = position
        if keys.digest in index.exact:
            plan.alias_of[position] = index.exact[keys.digest]
            continue
        index.exact[keys.digest] = position
        plan.candidates[position] = index.candidates(position, keys)
    return plan


def _roots(count: int, plan: _Plan, verified: set[tuple[int, int]]) -> list[int]:
    """The earliest copy of each release: the smallest root among its verified candidates, itself when none."""
    root: list[int] = []
    for position in range(count):
        if position in plan.alias_of:
            root.append(root[plan.alias_of[position]])
            continue
        matches = [root[other] for other in plan.candidates[position] if (position, other) in verified]
        root.append(min(matches, default=position))
    return root


Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]


def _in_process(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    return [fn(item) for item in items]


def link_copies(
    new: Sequence[tuple[str, str, CopyKeys]],
    existing: Sequence[tuple[str, str, CopyKeys]] = (),
    map_items: Mapper = _in_process,
) -> dict[str, str]:
    """{release_id: release_id of the earliest copy} for the new (release_id, body, keys) that repeat a release
    seen before them: `existing` (in the warehouse, in the order first seen), then the new ones in their order.

    The candidate search runs here on keys alone; the exact verification of the candidates, the costly part,
    goes through map_items (the worker pool in the pipeline), since each pair's verdict depends on its two bodies
    only. The earliest root is then the smallest root among verified candidates, as when pairs were verified one
    by one in order."""
    items = [*((rid, body, keys, False) for rid, body, keys in existing), *((r, b, k, True) for r, b, k in new)]
    plan = _plan([(rid, keys) for rid, _, keys, _ in items])
    to_verify = [(position, others) for position, others in plan.candidates.items() if others]
    verdicts = map_items(same_releases, [(items[p][1], [items[o][1] for o in others]) for p, others in to_verify])
    verified = {
        (position, other)
        for (position, others), same in zip(to_verify, verdicts, strict=True)
        for other, yes in zip(others, same, strict=True)
        if yes
    }
    roots = _roots(len(items), plan, verified)
    return {
        rid: items[roots[position]][0]
        for position, (rid, _, _, is_new) in enumerate(items)
        if is_new and roots[position] != position and position not in plan.repeats
    }


def find_duplicates(new: Iterable[tuple[str, str]], existing: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """{release_id: release_id of the earliest copy} for new (release_id, body) pairs that repeat a
    release already seen. `existing` are releases already in the warehouse, in the order they were first
    seen; `new` follow in their own order. Only new releases appear as keys. (In one process: link_copies.)"""
    new, existing = list(new), list(existing)
    keys = copy_keys([body for _, body in existing] + [body for _, body in new])
    return link_copies(
        [(rid, body, k) for (rid, body), k in zip(new, keys[len(existing) :], strict=True)],
        [(rid, body, k) for (rid, body), k in zip(existing, keys, strict=False)],
    )
