"""A small, stable content sketch of a release body, to find copy candidates without reading every body.

Duplicate detection (dedup.py) compares a new release with earlier ones; at 100k releases reading every earlier body
on each run would cost more than the run. Instead each release keeps a sketch of SKETCH_SIZE hashes, and a join on
them in the warehouse yields the few earlier releases worth a full comparison.

The sketch is positional: the body's word 4-gram hashes are cut into SKETCH_SIZE runs of equal length and each run
contributes its smallest hash. A bottom-k sketch of the whole body would not do: every strike report carries the
same boilerplate paragraph ("a strike is one or more kinetic events …"), whose hashes would fill every report's
sketch and make each report a candidate of every other. With positions, boilerplate takes only the runs it covers,
and the warehouse join ignores hashes that too many releases share (copy_candidates.sql). A last value hashes the
whole body, so exact copies always meet.
Hashes must be identical on every machine and in every process: crc32 and blake2b, never Python's salted hash().
"""

from __future__ import annotations

import hashlib
import zlib

import numpy as np

SKETCH_SIZE = 16
SHINGLE_WORDS = 4
# A candidate copy shares at least this many of the sketch values that are not common boilerplate.
MIN_SHARED = 4
# A sketch value found in more releases than this is boilerplate, not evidence of a copy.
MAX_RELEASES_PER_HASH = 50
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…•·"
_NO_WORD = 1 << 32  # above every crc32
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)


def _shingle_hashes(body: str) -> np.ndarray:
    words = body.lower().split()
    # Each distinct word is stripped and hashed once (a body repeats most of its words); words that are only
    # punctuation get a value no crc32 takes and are dropped.
    codes_of = {
        word: zlib.crc32(core.encode("utf-8")) if (core := word.strip(_PUNCTUATION)) else _NO_WORD
        for word in set(words)
    }
    codes = np.array(list(map(codes_of.__getitem__, words)), dtype=np.uint64)
    codes = codes[codes != _NO_WORD]
    if len(codes) < SHINGLE_WORDS:
        return codes
    span = len(codes) - SHINGLE_WORDS + 1
    hashes = np.zeros(span, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(SHINGLE_WORDS):
            hashes = (hashes ^ (codes[offset : offset + span] * _MIX[offset])) * np.uint64(0xFF51AFD7ED558CCD)
            hashes ^= hashes >> np.uint64(33)
    return hashes


def sketch(body: str) -> list[int]:
    """SKETCH_SIZE positional minimum hashes of the body's word 4-grams, then a hash of the whole body.

    Values are 63-bit, so each fits a DuckDB BIGINT.
    """
    hashes = _shingle_hashes(body)
    runs = min(SKETCH_SIZE, len(hashes))
    values: list[int] = []
    if runs:
        # The runs of numpy.array_split: the first len % runs of them one hash longer than the others.
        size, longer = divmod(len(hashes), runs)
        starts = np.arange(runs) * size + np.minimum(np.arange(runs), longer)
        values = (np.minimum.reduceat(hashes, starts) >> np.uint64(1)).tolist()
    digest = int.from_bytes(hashlib.blake2b(body.encode("utf-8"), digest_size=8).digest(), "big") >> 1
    return values + [digest]
