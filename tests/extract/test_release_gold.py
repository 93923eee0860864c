"""Every valid fixture in tests/fixtures/ingest: title, date, dateline, publisher and kind equal the gold."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from pipelines.extract.reading.sources import SourceDocument, read_documents
from pipelines.extract.records import Rejected
from pipelines.extract.release.parse import parse_release

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
GOLD = [json.loads(line) for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]


def normalize(value: str | None) -> str | None:
    """The evaluator's normalization: NFKC, case folding, white space and punctuation collapsed."""
    if value is None:
        return None
    value = unicodedata.normalize("NFKC", value).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", value).split())


def _documents() -> dict[str, SourceDocument]:
    docs = {}
    for path in FIXTURES.iterdir():
        if path.name == "gold.jsonl":
            continue
        for doc in read_documents(path.name, path.read_bytes()):
            if isinstance(doc, SourceDocument):
                docs[doc.source_path] = doc
    return docs


DOCUMENTS = _documents()


# Decoded fine, but nothing is left once the site chrome is gone.
NO_ARTICLE = {"chrome_only.txt"}


def test_every_valid_fixture_document_has_gold() -> None:
    assert {g["file"] for g in GOLD} == set(DOCUMENTS) - NO_ARTICLE


@pytest.mark.parametrize("name", sorted(NO_ARTICLE))
def test_chrome_only_documents_are_rejected(name: str) -> None:
    with pytest.raises(Rejected, match="^no article text after removing site chrome$"):
        parse_release(DOCUMENTS[name].text, name)


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_metadata_matches_gold(gold: dict) -> None:
    doc = DOCUMENTS[gold["file"]]
    release = parse_release(doc.text, doc.source_path)
    assert normalize(release.title) == normalize(gold["title"])
    assert (release.published_date.isoformat() if release.published_date else None) == gold["published_date"]
    assert normalize(release.dateline) == normalize(gold["dateline"])
    accepted = gold["publisher"]
    if accepted is None:
        assert release.publisher is None
    else:
        accepted = [accepted] if isinstance(accepted, str) else accepted
        assert normalize(release.publisher) in {normalize(p) for p in accepted}
    assert release.kind == gold["kind"]


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_body_is_clean(gold: dict) -> None:
    doc = DOCUMENTS[gold["file"]]
    body = parse_release(doc.text, doc.source_path).body
    assert body == body.strip()
    assert "\n\n\n" not in body and "\r" not in body and "  " not in body
    for chrome in (
        "official website",
        "Here's how you know",
        "Share Print",
        "Related Links",
        "-30-",
        "###",
        "View Image Page",
        "FOR IMMEDIATE RELEASE",
        "For more information",
        'style="',
        "Hosted by",
    ):
        assert chrome not in body
    if gold["title"]:
        assert not body.startswith(gold["title"])
