"""folding.may_contain is a prefilter: it must never say no where re.IGNORECASE finds the word."""

from __future__ import annotations

import re
import string
import sys

from pipelines.extract.folding import may_contain


def test_every_character_that_ignorecase_matches_to_a_letter_is_let_through() -> None:
    for letter in string.ascii_lowercase:
        regex = re.compile(letter, re.IGNORECASE)
        for code in range(sys.maxunicode + 1):
            if 0xD800 <= code <= 0xDFFF:
                continue
            ch = chr(code)
            if regex.fullmatch(ch):
                assert may_contain(f"x{ch}y", (letter,)), (letter, hex(code))


def test_words_in_any_case_are_found_and_absent_words_are_not() -> None:
    assert may_contain("Coalition STRIKES near Mosul", ("strike",))
    assert may_contain("Conducted 4 “air strikes”", ("engagement", "strike"))
    assert not may_contain("Coalition forces advanced on Mosul", ("strike", "engagement"))
    assert not may_contain("Coalition “forces” advanced", ("strike",))


def test_text_with_an_irregular_letter_is_always_let_through() -> None:
    assert may_contain("ſtrike", ("strike",))  # long s: re.IGNORECASE reads it as s
    assert re.search("strike", "ſtrike", re.IGNORECASE)
    assert may_contain("DİRECT", ("zzz",))
