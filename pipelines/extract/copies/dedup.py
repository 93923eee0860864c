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
from collections.abc import Iterable
from dataclasses import dataclass

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


class _CopyIndex:
    """Releases seen so far, in order: exact digests, LSH band buckets and openings, each release's root."""

    def __init__(self) -> None:
        self.vocabulary = _Vocabulary()
        self.buckets: dict[bytes, list[int]] = {}
        self.openings: dict[bytes, list[int]] = {}
        self.exact: dict[bytes, int] = {}
        self.fingerprints: list[_Fingerprint | None] = []
        self.root: list[int] = []  # index of the earliest copy of each release (itself when original)
        self.signatures = np.zeros((1024, NUM_PERM), dtype=np.uint64)

    def add_alias(self, of_index: int) -> int:
        """A release known already (same id or same bytes): it shares the root of that release."""
        self.fingerprints.append(None)
        self.root.append(self.root[of_index])
        return self.root[-1]

    def add(self, body: str) -> int:
        """Index the next release; return the index of its earliest copy (its own index when it is new)."""
        index = len(self.root)
        digest = hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest()
        if digest in self.exact:
            return self.add_alias(self.exact[digest])
        self.exact[digest] = index
        fingerprint = _fingerprint(body, self.vocabulary)
        signature = self._store_signature(index, fingerprint)
        keys = _band_keys(signature)
        opening_key = fingerprint.shingles[:OPENING_SHINGLES].tobytes()
        best = self._earliest_copy(fingerprint, self._candidates(keys, signature, opening_key))
        self.fingerprints.append(fingerprint)
        self.root.append(best if best is not None else index)
        self._remember(index, keys, opening_key)
        return self.root[-1]

    def _store_signature(self, index: int, fingerprint: _Fingerprint) -> np.ndarray:
        signature = _signature(fingerprint.shingles)
        if index >= len(self.signatures):
            self.signatures = np.resize(self.signatures, (2 * len(self.signatures), NUM_PERM))
        self.signatures[index] = signature
        return signature

    def _candidates(self, keys: list[bytes], signature: np.ndarray, opening_key: bytes) -> set[int]:
        banded: set[int] = set()
        for key in keys:
            banded.update(self.buckets.get(key, ()))
        candidates = set(_likely(banded, self.signatures, signature))
        candidates.update(self.openings.get(opening_key, ()))
        return candidates

    def _earliest_copy(self, fingerprint: _Fingerprint, candidates: set[int]) -> int | None:
        """The earliest root among candidates verified as the same release; candidates are tried root first."""
        best: int | None = None
        for candidate in sorted(candidates, key=lambda c: self.root[c]):
            if best is not None and self.root[candidate] >= best:
                break
            other = self.fingerprints[candidate]
            if other is not None and _same_release(fingerprint, other):
                best = self.root[candidate]
        return best

    def _remember(self, index: int, keys: list[bytes], opening_key: bytes) -> None:
        for key in keys:
            self.buckets.setdefault(key, []).append(index)
        same_opening = self.openings.setdefault(opening_key, [])
        if len(same_opening) < MAX_SAME_OPENING:
            same_opening.append(index)


def find_duplicates(new: Iterable[tuple[str, str]], existing: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """{release_id: release_id of the earliest copy} for new (release_id, body) pairs that repeat a
    release already seen. `existing` are releases already in the warehouse, in the order they were first
    seen; `new` follow in their own order. Only new releases appear as keys."""
    items: list[tuple[str, str, bool]] = [(rid, body, False) for rid, body in existing]
    items += [(rid, body, True) for rid, body in new]
    index = _CopyIndex()
    seen_ids: dict[str, int] = {}
    out: dict[str, str] = {}
    for position, (rid, body, is_new) in enumerate(items):
        if rid in seen_ids:  # the same release listed twice is not a duplicate of itself
            index.add_alias(seen_ids[rid])
            continue
        seen_ids[rid] = position
        root = index.add(body)
        if root != position and is_new:
            out[rid] = items[root][0]
    return out
