"""Release fields on the development corpus: the bars of the real-release issue (title, date, dateline, publisher, kind),
and the guarantee that removing chrome never removes article text."""

from __future__ import annotations

import json
import re

import pytest

from pipelines.extract.reading.decode import decode_bytes
from pipelines.extract.release.chrome import learn_repeated_lines, normalize_line, site_words
from pipelines.extract.release.parse import parse_release
from tests.corpus.conftest import CORPUS, misses

# Floor per field, just under today's score; the bars are title .95, published_date .97, dateline .95,
# publisher .93, kind .93 (all met).
BARS = {"title": 0.99, "published_date": 0.99, "dateline": 0.99, "publisher": 0.94, "kind": 0.98}
# A line of raw text this long that ends a sentence and says nothing about the site is article text.
_SENTENCE_WORDS = 12
_ENDS_SENTENCE = re.compile(r"[.!?]['\"”’)]?$")


@pytest.mark.parametrize("field", sorted(BARS))
def test_release_field_accuracy(corpus_report, field):
    accuracy = corpus_report["release_fields"][field]["accuracy"]
    assert accuracy >= BARS[field], f"{field} {accuracy:.3f} < {BARS[field]}\n" + misses(
        corpus_report, "releases", field
    )


def _fold(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.casefold()).split())


@pytest.fixture(scope="module")
def parsed_corpus() -> list[tuple[str, str, str]]:
    """(file, raw text, folded body) per corpus file, parsed with the batch's repeated lines as the asset does."""
    texts = {path.name: decode_bytes(path.read_bytes())[0] for path in sorted((CORPUS / "raw").iterdir())}
    repeated = learn_repeated_lines(list(texts.values()))
    return [(name, text, _fold(parse_release(text, name, repeated).body)) for name, text in texts.items()]


def test_chrome_removal_keeps_every_gold_quote(parsed_corpus):
    gold = {
        row["file"]: row
        for row in map(json.loads, (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines())
        if row
    }
    lost = [
        f"{name}: {quote['text_start']}"
        for name, _, body in parsed_corpus
        for quote in gold[name].get("quotes") or []
        if _fold(quote["text_start"]) not in body
    ]
    assert not lost, "\n".join(lost)


def test_chrome_removal_keeps_every_sentence_line(parsed_corpus):
    """Every raw line that is a full sentence of twelve words or more (the lines metrics and quotes come from),
    and not a site notice, is still in the body."""
    lost = []
    for name, text, body in parsed_corpus:
        for raw_line in text.splitlines():
            line = normalize_line(raw_line)
            if len(line.split()) < _SENTENCE_WORDS or not _ENDS_SENTENCE.search(line) or site_words(line):
                continue
            if _fold(line) not in body:
                lost.append(f"{name}: {line[:100]}")
    assert not lost, "\n".join(lost[:20])
