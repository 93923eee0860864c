"""The corpus generator: deterministic from its seed, and its gold in the shape of gold-format.md."""

import json

import pytest

from bench import synth
from bench.table import render
from pipelines.evaluation.gold import load_gold

N = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    first, second = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return first, synth.write_corpus(first, N, seed=3), second, synth.write_corpus(second, N, seed=3)


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted((folder / "raw").rglob("*")) if p.is_file()
    }


def test_same_seed_same_bytes(corpus, tmp_path):
    first, stats, second, again = corpus
    assert stats == again and stats["documents"] == N
    assert _files(first) == _files(second)
    assert (first / "gold.jsonl").read_bytes() == (second / "gold.jsonl").read_bytes()
    other = synth.write_corpus(tmp_path, N, seed=4)
    assert _files(tmp_path) != _files(first) and other["documents"] == N


def test_a_document_does_not_depend_on_the_corpus_size():
    assert synth.document(3, 7).text() == synth.document(3, 7).text()
    assert [f.path for f in synth.generate(5, seed=3)] == [f.path for f in synth.generate(12, seed=3)][:5]


def test_gold_shape(corpus):
    first = corpus[0]
    documents = load_gold(first / "gold.jsonl")  # the evaluator's own reader accepts it
    assert len(documents) == N
    files = set(_files(first))
    for line in (first / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        assert "raw/" + obj["file"].split("#")[0] in files
        if obj.get("rejected"):
            continue
        assert obj["kind"] in {"strike_report", "news", "briefing", "statement"}
        assert obj["title"] and isinstance(obj["quotes"], list) and isinstance(obj["metrics"], list)
        for quote in obj["quotes"]:
            assert len(quote["text_start"].split()) >= 4 and isinstance(quote["anonymous"], bool)
        for metric in obj["metrics"]:
            assert isinstance(metric["value"], int | float) and metric["name"].islower()
        for entity in obj["entities"]:
            assert entity["type"] in {"person", "organization", "location"}


@pytest.mark.parametrize(
    "kind", [synth.daily_strike_report, synth.weekly_strike_report, synth.news, synth.briefing, synth.statement]
)
def test_each_shape_names_what_its_gold_says(kind):
    import random

    for seed in range(5):
        doc = kind(random.Random(seed))
        body = "\n".join(doc.paragraphs)
        assert 400 < len(doc.text().encode()) < 9000
        for entity in doc.gold["entities"]:
            assert any(n.casefold() in body.casefold() for n in [entity["name"], *entity.get("aliases", [])])
        if doc.kind == "strike_report":
            strikes = [m for m in doc.gold["metrics"] if m["name"] == "strikes" and m["location"] == "Syria and Iraq"]
            assert len(strikes) == 1 and f" {strikes[0]['value']} strikes" in body


def test_results_table_renders():
    results = {
        "mode": "quick",
        "machine": {"cores": 2},
        "total_s": 1.0,
        "extraction": {
            "releases": 10,
            "words": 5000,
            "stages": {
                "all together": {"releases_per_s": 100.0, "words_per_s": 50000, "complete": True, "releases": 10}
            },
        },
    }
    assert "| all together | 100 | 50,000 |" in render(results)
