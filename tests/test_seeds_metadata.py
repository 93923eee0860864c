"""The two seed releases in raw/: title, published_date, dateline, publisher and kind equal their gold exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.extract.reading.decode import decode_bytes
from pipelines.extract.release.parse import parse_release

ROOT = Path(__file__).resolve().parent.parent
GOLD = [
    json.loads(line)
    for line in (ROOT / "tests" / "fixtures" / "seeds" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_seed_metadata_equals_gold(gold: dict) -> None:
    text, _ = decode_bytes((ROOT / "tests" / "fixtures" / "seeds" / "raw" / gold["file"]).read_bytes())
    release = parse_release(text, gold["file"])
    assert release.title == gold["title"]
    assert release.published_date is not None
    assert release.published_date.isoformat() == gold["published_date"]
    assert release.dateline == gold["dateline"]
    accepted = gold["publisher"] if isinstance(gold["publisher"], list) else [gold["publisher"]]
    assert release.publisher in accepted
    assert release.kind == gold["kind"]


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_seed_body_starts_at_the_dateline_and_has_no_chrome(gold: dict) -> None:
    text, _ = decode_bytes((ROOT / "tests" / "fixtures" / "seeds" / "raw" / gold["file"]).read_bytes())
    body = parse_release(text, gold["file"]).body
    assert body.startswith(gold["dateline"])
    assert "official website" not in body and "News |" not in body and not body.startswith("By ")
    assert body == body.strip() and "\n\n\n" not in body


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_seed_release_row_says_why_it_has_its_kind(gold: dict) -> None:
    from pipelines.assets.rows import DocumentForParsing, release_row

    data = (ROOT / "tests" / "fixtures" / "seeds" / "raw" / gold["file"]).read_bytes()
    text, _ = decode_bytes(data)
    row = release_row(DocumentForParsing("0" * 64, gold["file"], len(data), text))
    assert isinstance(row, dict)
    assert row["kind"] == gold["kind"]
    assert row["kind_reason"]  # a sentence an analyst can read, stored in releases.kind_reason
