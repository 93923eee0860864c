"""Quotes against gold: the two seed releases and the made-up fixtures in tests/fixtures/quotes/.

Scored by the rules of gold-format.md: a predicted quote matches a gold one when its normalized text starts
with the gold `text_start` (or the other way round); the speaker is right when the surnames agree (named
speakers) or the words agree (anonymous ones). Run with `-s` to see the figures.

The seeds are scored twice: against gold_contract.jsonl, the shared seed gold plus the four spans that follow
an attribution (`“A,” she said. “B.”` is two rows in the warehouse contract), and against the shared
gold.jsonl itself, which omits those four spans.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from pipelines.extract.entities import extract_mentions
from pipelines.extract.quotes import extract_quotes

ROOT = Path(__file__).resolve().parents[2]
SEEDS = (ROOT / "tests/fixtures/seeds/raw", ROOT / "tests/fixtures/seeds/gold_contract.jsonl")
SEEDS_SHARED_GOLD = (ROOT / "tests/fixtures/seeds/raw", ROOT / "tests/fixtures/seeds/gold.jsonl")
FIXTURES = (ROOT / "tests/fixtures/quotes", ROOT / "tests/fixtures/quotes/gold.jsonl")
# The spans after an attribution in 000_df12a3aa82336099.txt: rows of the contract, absent from the shared gold.
AFTER_ATTRIBUTION = [
    "This common understanding is critical in advancing",
    "Positive steps and effects are occurring",
    "This coalition is an example of the global",
    "These efforts remain an integral component",
]


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def body_of(raw: str) -> str:
    """A release body as the ingestion step hands it over: paragraphs joined by a blank line."""
    return "\n\n".join(line.strip() for line in raw.splitlines() if line.strip())


def speaker_right(gold: dict, speaker: str | None) -> bool:
    if gold.get("anonymous"):
        return norm(gold["speaker"]) == norm(speaker)
    g, p = norm(gold["speaker"]).split(), norm(speaker).split()
    return bool(g and p) and g[-1] == p[-1]


def documents(folder: Path, gold_file: Path):
    """(gold object, body, predicted quotes) for every document whose gold annotates quotes."""
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if "quotes" not in gold:
            continue
        body = body_of((folder / gold["file"]).read_text(encoding="utf-8"))
        publisher = (gold.get("publisher") or [None])[0]
        yield gold, body, extract_quotes(body, kind=gold.get("kind") or "news", publisher=publisher)


def score(folder: Path, gold_file: Path) -> dict:
    tp = fp = fn = speakers_ok = 0
    misses: list[str] = []
    for gold, body, predicted in documents(folder, gold_file):
        for q in predicted:
            assert body[q.char_start : q.char_end] == q.quote_text
        unmatched = list(gold["quotes"])
        for q in predicted:
            text = norm(q.quote_text)
            hit = next(
                (
                    g
                    for g in unmatched
                    if text.startswith(norm(g["text_start"])) or norm(g["text_start"]).startswith(text)
                ),
                None,
            )
            if hit is None:
                fp += 1
                misses.append(f"{gold['file']}: extra {q.quote_text[:50]!r}")
                continue
            unmatched.remove(hit)
            tp += 1
            if speaker_right(hit, q.speaker):
                speakers_ok += 1
            else:
                misses.append(f"{gold['file']}: speaker {q.speaker!r} for {hit['speaker']!r}")
        fn += len(unmatched)
        misses.extend(f"{gold['file']}: missed {g['text_start']!r}" for g in unmatched)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "speaker_accuracy": speakers_ok / tp if tp else 1.0,
        "matched": tp,
        "misses": misses,
    }


def test_seeds_give_exactly_the_contract_gold_quotes():
    result = score(*SEEDS)
    print("seeds (contract gold)", {k: v for k, v in result.items() if k != "misses"})
    assert result["misses"] == []
    assert (result["precision"], result["recall"], result["speaker_accuracy"]) == (1.0, 1.0, 1.0)
    assert result["matched"] == 12


def test_seeds_against_the_shared_gold_only_add_the_spans_after_attributions():
    result = score(*SEEDS_SHARED_GOLD)
    print("seeds (shared gold)", {k: v for k, v in result.items() if k != "misses"})
    assert result["precision"] == 8 / 12
    assert (result["recall"], result["speaker_accuracy"]) == (1.0, 1.0)
    extras = [m.removeprefix("000_df12a3aa82336099.txt: extra ").strip("'") for m in result["misses"]]
    assert len(extras) == len(AFTER_ATTRIBUTION)
    assert all(e.startswith(t) for e, t in zip(extras, AFTER_ATTRIBUTION, strict=False)), extras


def test_fixtures_give_exactly_the_gold_quotes():
    result = score(*FIXTURES)
    print("fixtures", {k: v for k, v in result.items() if k != "misses"}, *result["misses"], sep="\n")
    assert result["misses"] == []
    assert (result["precision"], result["recall"], result["speaker_accuracy"]) == (1.0, 1.0, 1.0)


# Rows link a quote to its speaker by entity_id("person", speaker_name): the name must be the one the entities
# extractor gives a mention of that person in the same body ("Gen. Joseph L. Votel" is Joseph Votel there).
@pytest.mark.parametrize("folder, gold_file", [SEEDS, FIXTURES], ids=["seeds", "fixtures"])
def test_speaker_names_are_names_of_person_mentions(folder: Path, gold_file: Path):
    named = 0
    for gold, body, predicted in documents(folder, gold_file):
        persons = {m.name for m in extract_mentions(body) if m.type == "person"}
        for q in predicted:
            if q.speaker_name is not None:
                named += 1
                assert q.speaker_name in persons, (gold["file"], q.speaker, q.speaker_name, sorted(persons))
    assert named > 0


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES[0].glob("*.txt")))
def test_every_fixture_has_gold(name: str):
    files = {json.loads(line)["file"] for line in FIXTURES[1].read_text(encoding="utf-8").splitlines()}
    assert name in files
