"""The scoring rules of gold-format.md, one by one, on pure functions."""

from datetime import date

import pytest

from pipelines.evaluation.entities import entity_matches
from pipelines.evaluation.matching import match
from pipelines.evaluation.metrics import field_checks, metric_matches
from pipelines.evaluation.normalize import normalize, same_metric_name, same_place, singular, surname
from pipelines.evaluation.predictions import PredictedEntity
from pipelines.evaluation.quotes import role_correct, speaker_correct, text_matches
from pipelines.evaluation.release_fields import field_correct
from pipelines.evaluation.scores import Tally


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Coalition  United to\nDefeat Daesh ", "coalition united to defeat daesh"),
        ("CJTF-OIR", "cjtf oir"),
        ("CJTF - Operation Inherent Resolve", "cjtf operation inherent resolve"),
        ("“Daesh’s” fight…", "daesh s fight"),
        ("ＭＩＤＤＬＥ ＥＡＳＴ", "middle east"),  # NFKC: full-width letters
        ("STRASSE", "strasse"),
        (None, ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("rockets", "rocket"),
        ("casualties", "casualty"),
        ("boxes", "box"),
        ("aircraft", "aircraft"),
        ("launches", "launch"),
        ("nations", "nation"),
        ("positions", "position"),
        ("bus", "bus"),
    ],
)
def test_singular(word, expected):
    assert singular(word) == expected


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("anti_tank_rockets", "rockets", True),
        ("airstrikes", "air_strikes", True),
        ("fighting_positions", "fighting_position", True),
        ("coalition_members", "members", True),
        ("strikes", "engagements", False),
        ("nations", "coalition_members", False),
        ("airstrikes", "strikes", False),
        ("", "strikes", False),
    ],
)
def test_metric_names_agree_on_last_word(a, b, agree):
    assert same_metric_name(a, b) is agree


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Iraq and Syria", "Syria and Iraq", True),
        ("Iraq and Syria", "iraq and syria", True),
        ("Mosul", "Mosul", True),
        ("Iraq and Syria", "Iraq", False),
        ("Tal Afar", "Tall Afar", False),
        (None, None, True),
        ("Iraq", None, False),
    ],
)
def test_same_place(a, b, same):
    assert same_place(a, b) is same


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Brig. Gen. Thomas Weidley", "weidley"),
        ("Marotto", "marotto"),
        ("COL. DILLON", "dillon"),
        ("John Roe Jr.", "roe"),
        ("", ""),
    ],
)
def test_surname(name, expected):
    assert surname(name) == expected


@pytest.mark.parametrize(
    ("start", "text", "ok"),
    [
        (
            "Recent tactical-level setbacks will not",
            "Recent tactical-level setbacks will not dissuade the Coalition",
            True,
        ),
        ("Recent tactical level setbacks", "Recent tactical-level  setbacks will", True),  # punctuation collapsed
        ("We will win this fight together", "We will win", True),  # a quote shorter than the gold prefix
        ("We will win this fight together", "We will lose this fight", False),
        ("The fight", "", False),
        ("The fight", None, False),
    ],
)
def test_quote_text_prefix(start, text, ok):
    assert text_matches(start, text) is ok


@pytest.mark.parametrize(
    ("gold", "predicted", "ok"),
    [
        ({"speaker": "Col. Wayne Marotto", "anonymous": False}, {"speaker": "Marotto"}, True),
        ({"speaker": "Col. Wayne Marotto", "anonymous": False}, {"speaker": "COL. MAROTTO"}, True),
        ({"speaker": "Col. Wayne Marotto", "anonymous": False}, {"speaker": "Col. Wayne Dillon"}, False),
        ({"speaker": "Col. Wayne Marotto"}, {"speaker": None}, False),
        ({"speaker": "a senior coalition officer", "anonymous": True}, {"speaker": "A senior coalition officer"}, True),
        ({"speaker": "a senior coalition officer", "anonymous": True}, {"speaker": "a senior officer"}, False),
        # anonymous sources are compared word for word, not on the last word
        ({"speaker": "a senior coalition officer", "anonymous": True}, {"speaker": "an Iraqi officer"}, False),
        ({"speaker": None}, {"speaker": None}, True),
    ],
)
def test_speaker(gold, predicted, ok):
    assert speaker_correct(gold, predicted) is ok


@pytest.mark.parametrize(
    ("expected", "got", "ok"),
    [
        ("the Coalition's military spokesperson", "Coalition’s military spokesperson", True),
        ("CJTF-OIR commander", "CJTF-OIR chief of staff", False),
        (None, None, True),
        ("commander", None, False),
    ],
)
def test_role(expected, got, ok):
    assert role_correct(expected, got) is ok


@pytest.mark.parametrize(
    ("name", "expected", "predicted", "ok"),
    [
        ("title", "Coalition United to Defeat Daesh", "COALITION UNITED TO DEFEAT DAESH", True),
        ("title", None, None, True),
        ("title", None, "News", False),
        ("dateline", "Erbil, Kurdistan Region, Iraq", "Erbil Kurdistan Region Iraq", True),
        ("publisher", ["CJTF-OIR", "CJTF - Operation Inherent Resolve"], "CJTF - Operation Inherent Resolve", True),
        ("publisher", ["CJTF-OIR"], "cjtf oir", True),
        ("publisher", ["GOV.KRD"], "U.S. Central Command", False),
        ("publisher", [], None, True),
        ("publisher", ["GOV.KRD"], None, False),
        ("published_date", "2015-05-26", "2015-05-26", True),
        ("published_date", "2015-05-26", "2015-05-27", False),
        ("published_date", None, None, True),
        ("kind", "news", "news", True),
        ("kind", "news", "NEWS", False),  # exact
    ],
)
def test_release_fields(name, expected, predicted, ok):
    assert field_correct(name, expected, predicted) is ok


@pytest.mark.parametrize(
    ("gold", "predicted", "ok"),
    [
        ({"name": "airstrikes", "value": 4100}, {"name": "air_strikes", "value": 4100.0}, True),
        ({"name": "anti_tank_rockets", "value": 2000}, {"name": "rockets", "value": 2000.0}, True),
        ({"name": "airstrikes", "value": 4100}, {"name": "airstrikes", "value": 4000.0}, False),
        ({"name": "percent", "value": 0.94}, {"name": "percent", "value": 0.94}, True),
        ({"name": "strikes", "value": 0}, {"name": "strikes", "value": 0.0}, True),  # an explicit zero
        ({"name": "strikes", "value": 3}, {"name": "engagements", "value": 3.0}, False),
    ],
)
def test_metric_match(gold, predicted, ok):
    assert metric_matches(gold, predicted) is ok


def test_metric_fields_only_where_annotated():
    predicted = {
        "location": "Mosul",
        "qualifier": "exact",
        "period_start": date(2017, 3, 21),
        "period_end": date(2017, 3, 21),
        "is_cumulative": False,
        "action": "destroy",
    }
    assert field_checks({"name": "strikes", "value": 2}, predicted) == []
    checks = {
        name: ok
        for name, ok, _, _ in field_checks(
            {
                "location": "mosul",
                "qualifier": "over",
                "period_start": "2017-03-21",
                "period_end": "2017-03-22",
                "is_cumulative": False,
                "action": "Destroy",
            },
            predicted,
        )
    }
    assert checks == {"location": True, "qualifier": False, "period": False, "is_cumulative": True, "action": True}
    # action null in gold is not scored (the gold leaves it open)
    assert field_checks({"action": None}, predicted) == []
    # a gold location of null wants no location
    assert field_checks({"location": None}, predicted)[0][1] is False


@pytest.mark.parametrize(
    ("gold", "entity", "ok"),
    [
        (
            {"name": "ISIS", "type": "organization", "aliases": ["Daesh"]},
            PredictedEntity("e", "ISIS", "organization", {"ISIS"}),
            True,
        ),
        # a surface form in the document equals an alias
        (
            {"name": "ISIS", "type": "organization", "aliases": ["Daesh"]},
            PredictedEntity("e", "Islamic State", "organization", {"Islamic State", "Daesh"}),
            True,
        ),
        # the canonical name equals an alias
        (
            {"name": "Middle East", "type": "location", "aliases": ["MIDDLE EAST"]},
            PredictedEntity("e", "middle east", "location", {"middle east"}),
            True,
        ),
        (
            {"name": "Iraq", "type": "location"},
            PredictedEntity("e", "Iraq", "organization", {"Iraq"}),
            False,
        ),  # type differs
        ({"name": "Thomas Weidley", "type": "person"}, PredictedEntity("e", "Weidley", "person", {"Weidley"}), False),
    ],
)
def test_entity_match(gold, entity, ok):
    assert entity_matches(gold, entity) is ok


def test_matching_is_maximum_and_prefers_agreement():
    # gold 0 fits both predictions, gold 1 only the first: a greedy pass alone would leave gold 1 unmatched.
    pairs = match(["ab", "a"], ["a", "ab"], lambda g, p: p.startswith(g) or g.startswith(p), lambda g, p: float(g == p))
    assert pairs == {0: 1, 1: 0}
    pairs = match([1, 1], [1, 1, 1], lambda g, p: g == p)
    assert len(pairs) == 2 and len(set(pairs.values())) == 2
    assert match([], [1], lambda g, p: True) == {}


@pytest.mark.parametrize(
    ("tally", "p", "r", "f1"),
    [
        (Tally(tp=8, fp=2, fn=0), 0.8, 1.0, 16 / 18),
        (Tally(tp=0, fp=0, fn=3), None, 0.0, 0.0),
        (Tally(tp=0, fp=0, fn=0), None, None, None),
    ],
)
def test_tally(tally, p, r, f1):
    assert (tally.precision, tally.recall) == (p, r)
    assert tally.f1 == pytest.approx(f1) if f1 is not None else tally.f1 is None
