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


def test_lowering_keeps_length_and_word_characters_but_for_the_dotted_capital_i() -> None:
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or code == 0x130:
            continue
        ch = chr(code)
        lowered = ch.lower()
        assert len(lowered) == 1, hex(code)
        assert bool(word.fullmatch(ch)) == bool(word.fullmatch(lowered)), hex(code)


def test_first_person_share_equals_the_case_insensitive_pattern_on_each_sentence() -> None:
    from pipelines.extract.release.kind import _FIRST_PERSON, _first_person_share

    sentences = ["We struck.", "OUR forces", "thus US aid", "Status quo", "us", "_us", "büs", "Wewe said", "ours"]
    for n in range(len(sentences) + 1):
        chosen = sentences[:n] + ["İt is US"] * (n % 2)
        expected = sum(1 for s in chosen if _FIRST_PERSON.search(s)) / len(chosen) if chosen else 0.0
        assert _first_person_share(chosen) == expected
