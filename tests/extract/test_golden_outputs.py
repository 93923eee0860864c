"""Speed work must not change what extraction returns: every document's parse, quotes, metrics and mentions
equal, field for field, what the code returned when tests/fixtures/golden/extraction.jsonl was frozen.

The documents: the development corpus, the seeds, the sample files, every extractor fixture folder, and a
generated batch (bench/synth.py, fixed seed) in all its shapes (HTML, JSON Lines, CRLF, Windows-1252, copies).
Each batch is parsed with the chrome evidence learnt from the batch itself, as the pipeline does.

The frozen file holds one line per document: the digest of each extractor's output (and the row counts, so a
failure says where to look). To refreeze after a change that is meant to change outputs:

    .venv/bin/python -m tests.extract.test_golden_outputs --write
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import synth
from pipelines.extract.entities import extract_mentions
from pipelines.extract.metrics import extract_metrics
from pipelines.extract.quotes import extract_quotes
from pipelines.extract.reading.sources import SourceDocument, read_documents
from pipelines.extract.records import Rejected
from pipelines.extract.release.chrome import learn_repeated_lines
from pipelines.extract.release.parse import parse_release

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FROZEN = FIXTURES / "golden" / "extraction.jsonl"
FOLDERS = ("corpus/raw", "seeds/raw", "sample", "ingest", "quotes", "metrics", "entities")
SYNTH_SEED, SYNTH_DOCUMENTS = 18, 400


def _files() -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    """(batch name, [(source path, bytes)]) for each fixture folder, then the generated batch."""
    for folder in FOLDERS:
        root = FIXTURES / folder
        paths = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".md" and p.name != "gold.jsonl")
        yield folder, [(p.relative_to(root).as_posix(), p.read_bytes()) for p in paths]
    yield "synth", [(f.path, f.data) for f in synth.generate(SYNTH_DOCUMENTS, SYNTH_SEED)]


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _extract(doc: SourceDocument, repeated: frozenset[str]) -> dict:
    line: dict = {"document": doc.source_path}
    try:
        release = parse_release(doc.text, doc.source_path, repeated)
    except Rejected as exc:
        return line | {"rejected": str(exc)}
    outputs = {
        "release": [release],
        "quotes": extract_quotes(release.body, kind=release.kind, publisher=release.publisher),
        "metrics": extract_metrics(release.body, published_date=release.published_date, kind=release.kind),
        "mentions": extract_mentions(release.body),
    }
    for name, records in outputs.items():
        rows = [dataclasses.asdict(record) for record in records]
        line[name] = f"{len(rows)}:{_digest(rows)}"
    return line


def current_outputs() -> list[dict]:
    lines = []
    for batch, files in _files():
        docs = [d for path, data in files for d in read_documents(path, data) if isinstance(d, SourceDocument)]
        repeated = learn_repeated_lines([d.text for d in docs])
        lines += [{"batch": batch} | _extract(doc, repeated) for doc in docs]
    return lines


@pytest.fixture(scope="module")
def outputs() -> dict[tuple[str, str], dict]:
    return {(line["batch"], line["document"]): line for line in current_outputs()}


def test_every_document_is_still_there(outputs: dict) -> None:
    frozen = [json.loads(line) for line in FROZEN.read_text(encoding="utf-8").splitlines()]
    assert sorted(outputs) == sorted((line["batch"], line["document"]) for line in frozen)
    assert len(frozen) > 500


@pytest.mark.parametrize("extractor", ["release", "quotes", "metrics", "mentions", "rejected"])
def test_outputs_equal_the_frozen_ones(outputs: dict, extractor: str) -> None:
    frozen = [json.loads(line) for line in FROZEN.read_text(encoding="utf-8").splitlines()]
    changed = [
        (line["batch"], line["document"], line.get(extractor), outputs[line["batch"], line["document"]].get(extractor))
        for line in frozen
        if outputs.get((line["batch"], line["document"]), {}).get(extractor) != line.get(extractor)
    ]
    assert not changed, f"{len(changed)} documents changed, first: {changed[:5]}"


if __name__ == "__main__":
    if "--write" in sys.argv:
        FROZEN.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in current_outputs())
        FROZEN.write_text(text, encoding="utf-8")
        print(f"wrote {FROZEN}")
