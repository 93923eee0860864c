"""Entities on the development corpus: precision, recall and F1."""

from __future__ import annotations

from tests.corpus.conftest import misses

# Today's floors; the bars: F1 .96, precision .96, recall per type .95.
F1_BAR, PRECISION_BAR = 0.93, 0.97


def test_entities(corpus_report):
    table = corpus_report["tables"]["entities"]
    assert table["precision"] >= PRECISION_BAR, misses(corpus_report, "entities")
    assert table["f1"] >= F1_BAR, misses(corpus_report, "entities")
