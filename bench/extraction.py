"""Extraction alone, no Dagster, no DuckDB: releases/s and words/s on one core, per extractor and all together.

Words are those of the release body (releases.word_count), for every extractor, so the rates add up: the
pipeline's target is >= 300k words/s per core for all extractors together.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bench import synth
from pipelines.extract.entities import extract_mentions
from pipelines.extract.metrics import extract_metrics
from pipelines.extract.quotes import extract_quotes
from pipelines.extract.records import ParsedRelease, Rejected
from pipelines.extract.release.parse import parse_release

WARMUP = 50  # releases run before timing: gazetteers and automata load on first use


@dataclass(slots=True)
class Sample:
    text: str
    release: ParsedRelease
    words: int


def corpus(n: int, seed: int) -> list[Sample]:
    """n generated documents as the parser sees them (plain text shapes), parsed once to get their bodies."""
    samples = []
    for index in range(n):
        text = synth.document(seed, index).text()
        try:
            release = parse_release(text, f"{index}.txt")
        except Rejected:
            continue
        samples.append(Sample(text, release, len(release.body.split())))
    return samples


STAGES: dict[str, Callable[[Sample], object]] = {
    "release.parse_release": lambda s: parse_release(s.text, "bench.txt"),
    "quotes.extract_quotes": lambda s: extract_quotes(
        s.release.body, kind=s.release.kind, publisher=s.release.publisher
    ),
    "metrics.extract_metrics": lambda s: extract_metrics(
        s.release.body, published_date=s.release.published_date, kind=s.release.kind
    ),
    "entities.extract_mentions": lambda s: extract_mentions(s.release.body),
}


def _all_together(sample: Sample) -> None:
    release = parse_release(sample.text, "bench.txt")
    extract_quotes(release.body, kind=release.kind, publisher=release.publisher)
    extract_metrics(release.body, published_date=release.published_date, kind=release.kind)
    extract_mentions(release.body)


def _time(stage: Callable[[Sample], object], samples: list[Sample], budget_s: float) -> dict:
    """CPU seconds of one process (one core) over the samples, stopping early past the time budget."""
    for sample in samples[:WARMUP]:
        stage(sample)
    done = words = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for sample in samples:
        stage(sample)
        done += 1
        words += sample.words
        if done % 200 == 0 and time.perf_counter() - wall0 > budget_s:
            break
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {
        "releases": done,
        "words": words,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "releases_per_s": round(done / cpu, 1) if cpu else None,
        "words_per_s": round(words / cpu) if cpu else None,
        "complete": done == len(samples),
    }


def run(n: int, seed: int = 0, budget_s: float = 120.0) -> dict:
    samples = corpus(n, seed)
    results = {name: _time(stage, samples, budget_s) for name, stage in STAGES.items()}
    results["all together"] = _time(_all_together, samples, budget_s)
    return {"documents": n, "releases": len(samples), "words": sum(s.words for s in samples), "stages": results}
