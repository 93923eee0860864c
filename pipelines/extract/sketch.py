"""A small, stable content sketch of a release body, to find copy candidates without reading every body.

Duplicate detection (dedup.py) compares a new release with earlier ones; at 100k releases reading every earlier body
on each run would cost more than the run. Instead each release keeps its bottom-k sketch: the k smallest hashes of
its word 4-grams. Two copies of one article (Jaccard >= 0.8) share most of their sketch, unrelated releases almost
none, so a join on sketch hashes in the warehouse yields the few earlier releases worth a full comparison.
Hashes must be identical on every machine and in every process: crc32 of each word, never Python's salted hash().
"""

from __future__ import annotations

import zlib

import numpy as np

SKETCH_SIZE = 16
SHINGLE_WORDS = 4
# Two copies of an article share most of their 16 hashes; a candidate needs this many in common.
MIN_SHARED = 4
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…•·"
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)


def sketch(body: str) -> list[int]:
    """The SKETCH_SIZE smallest 4-gram hashes of the body's words (case and punctuation ignored), ascending."""
    words = [w.strip(_PUNCTUATION) for w in body.lower().split()]
    codes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words if w), dtype=np.uint64)
    if len(codes) < SHINGLE_WORDS:
        return [int(codes.sum())] if len(codes) else []
    span = len(codes) - SHINGLE_WORDS + 1
    hashes = np.zeros(span, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(SHINGLE_WORDS):
            hashes = (hashes ^ (codes[offset : offset + span] * _MIX[offset])) * np.uint64(0xFF51AFD7ED558CCD)
            hashes ^= hashes >> np.uint64(33)
    unique = np.unique(hashes)
    # Stored as DuckDB BIGINT: keep 63 bits so every value is a valid signed integer.
    return (unique[:SKETCH_SIZE] >> np.uint64(1)).astype(np.int64).tolist()
