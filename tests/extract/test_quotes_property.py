"""Property: on any text, quote extraction does not crash and every offset points at its quote text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.extract.quotes import extract_quotes
from pipelines.extract.records import KINDS

# Pieces that exercise the interesting paths: marks of every kind, ranks, verbs, labels, stage notes.
PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "‘",
        "’",
        "'",
        "\n\n",
        "\n",
        " ",
        ",",
        ".",
        ":",
        "-",
        "—",
        "(Laughter.)",
        "[the]",
        "said",
        "added",
        "told reporters",
        "according to",
        "the statement read",
        "he",
        "she",
        "officials",
        "a senior coalition officer",
        "Col.",
        "Lt. Gen.",
        "Jane",
        "Doe",
        "COL. DOE:",
        "Q:",
        "MR SMITH:",
        "We will stay as long as needed",
        "dubbed",
        "so-called",
        "Ministry of Defense",
        "CJTF-OIR",
    ]
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(PIECES, max_size=80).map("".join),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=TEXT, kind=st.sampled_from(KINDS), split_rows=st.booleans())
def test_any_text_gives_valid_offsets(body: str, kind: str, split_rows: bool):
    for q in extract_quotes(body, kind=kind, publisher="CJTF-OIR", split_rows=split_rows):
        assert 0 <= q.char_start < q.char_end <= len(body)
        assert body[q.char_start : q.char_end] == q.quote_text
        assert isinstance(q.is_anonymous, bool)
