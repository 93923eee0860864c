"""Spreading pure extraction work over the machine's cores.

Extraction is CPU-bound Python, so one process uses one core. Large batches go to a process pool started with
`forkserver` (never a fork of the Dagster process and its threads) whose server pre-imports the extractors, so
workers start in milliseconds; small batches, the common incremental case, stay in process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from pipelines import settings

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_FOR_POOL = 200
_PRELOAD = ["pipelines.assets.rows"]
_pool: ProcessPoolExecutor | None = None


def worker_count() -> int:
    configured = settings.worker_count()
    if configured:
        return configured
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        _pool = ProcessPoolExecutor(max_workers=worker_count(), mp_context=context)
        atexit.register(_pool.shutdown, wait=False, cancel_futures=True)
    return _pool


def map_chunks(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[fn(item) for item in items], in order, on every core when the batch is large enough to pay for it."""
    workers = worker_count()
    if workers < 2 or len(items) < MIN_ITEMS_FOR_POOL:
        return [fn(item) for item in items]
    chunksize = max(1, len(items) // (workers * 8))
    return list(_get_pool().map(fn, items, chunksize=chunksize))


def map_batches(fn: Callable[[list[T]], R], items: Sequence[T], max_batch: int = 250) -> Iterator[R]:
    """fn over consecutive slices of items, results in order, yielded as they come (so the caller can write each
    batch's rows and let them go). Large inputs are spread over every core; small ones stay in process."""
    workers = worker_count()
    size = max(1, min(max_batch, -(-len(items) // (workers * 4))))
    batches = [list(items[start : start + size]) for start in range(0, len(items), size)]
    if workers < 2 or len(items) < MIN_ITEMS_FOR_POOL:
        return (fn(batch) for batch in batches)
    return _get_pool().map(fn, batches)
