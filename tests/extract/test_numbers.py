"""Numbers as releases write them: digits with separators, decimals, footnote marks, money, and words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.metrics.numbers import DIGITS_PATTERN, find_numbers, parse_number_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nine", 9),
        ("Nine", 9),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("one hundred", 100),
        ("two hundred fifty", 250),
        ("two dozen", 24),
        ("three thousand", 3000),
        ("fives", 5),
        ("zero", 0),
        ("banana", None),
        ("", None),
    ],
)
def test_number_words(text, value):
    assert parse_number_words(text) == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("over 4,100 airstrikes", [("4,100", 4100)]),
        ("12,345* fighters", [("12,345*", 12345)]),
        ("covers .94% of strikes", [(".94", 0.94)]),
        ("$1.6 billion", [("1.6", 1.6)]),
        ("nine strikes and twenty-one nations", [("nine", 9), ("twenty-one", 21)]),
        # Digits glued to letters, hyphens, colons or slashes are names, times or codes.
        ("F-16 jets at 10:30, 24/7, Release #20140823, 1st Lt.", []),
        # Number words inside other words are not numbers.
        ("often someone attended a phone tone", []),
        ("Task Force 1-87", [("1", 1)]),  # "1" is found here; the metrics layer rejects "1-87" as an identifier
    ],
)
def test_find_numbers(text, found):
    spans = find_numbers(text)
    assert [(text[s.start : s.end], s.value) for s in spans] == found


def test_currency_start_covers_the_dollar_sign():
    text = "provided $1.6 billion and US$ 5 million"
    spans = find_numbers(text)
    assert [text[s.currency_start : s.end] for s in spans] == ["$1.6", "$ 5"]


@given(st.text(alphabet="0123456789.,$*:/#-aZ _US\n", max_size=30))
@settings(max_examples=400, deadline=None)
def test_digit_spans_match_the_digit_pattern(text):
    """Every span is a whole number as DIGITS_PATTERN reads it, never glued to letters, codes or times."""
    for s in find_numbers(text):
        core = text[s.start : s.end].rstrip("*")
        assert re.fullmatch(DIGITS_PATTERN, core)
        assert (
            s.start == 0
            or text[s.start - 1] not in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,/:#-"
        )
        after = s.start + len(core)  # before a footnote mark
        assert (
            after == len(text) or text[after] not in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/:"
        )
        assert s.value == float(core.replace(",", ""))
