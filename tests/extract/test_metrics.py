"""extract_metrics on small made-up bodies: values, names, qualifiers, strike-report shapes and non-metrics."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.metrics import extract_metrics
from pipelines.extract.metrics.definition import is_definition

PUB = date(2017, 4, 3)


def rows(body, published=PUB, kind="news"):
    found = extract_metrics(body, published_date=published, kind=kind)
    for m in found:
        assert body[m.char_start : m.char_end] == m.text
    return found


def one(body, **kw):
    found = rows(body, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "body",
    [
        "The multinational conference convened May 19-20 to discuss the way ahead.",
        "The relationship has strengthened over the past 5 years.",
        "The JCCC was established in 2015 to coordinate operations.",
        "A 25-year-old soldier and a 2-star general spoke.",
        "Task Force 1-87 soldiers arrived at the base.",
        "Release # 20170322-01",
        "Release Number 2016027-14",
        "The 3rd Battalion, 1st Lt. Jane Roe and the second rotation arrived.",
        "Additional strikes closed within the last 24 hours.",
        "UN Security Council Resolution 2249 passed unanimously.",
        "The meeting began at 10:30 a.m. and F-16 fighters flew overhead 24/7.",
        "said one of the Australian Defense Force attendees.",
        "said a senior coalition officer.",
        "Task force officials define a strike as one or more kinetic events that occur in roughly the same "
        "location. For example, 12 aircraft dropping 40 bombs on a compound is one strike.",
        "The tour lasted two weeks and a three-day workshop followed on Feb. 15, 2017.",
        "Dozens of fighters and hundreds of families fled.",
        "No one was hurt.",
    ],
)
def test_never_metrics(body):
    assert rows(body) == []


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("about 200", "approximately"),
        ("approximately 200", "approximately"),
        ("around 200", "approximately"),
        ("roughly 200", "approximately"),
        ("some 200", "approximately"),
        ("an estimated 200", "approximately"),
        ("more than 200", "over"),
        ("over 200", "over"),
        ("in excess of 200", "over"),
        ("at least 200", "at_least"),
        ("no fewer than 200", "at_least"),
        ("up to 200", "up_to"),
        ("as many as 200", "up_to"),
        ("nearly 200", "under"),
        ("almost 200", "under"),
        ("fewer than 200", "under"),
        ("less than 200", "under"),
        ("under 200", "under"),
        ("200", "exact"),
    ],
)
def test_qualifiers(phrase, qualifier):
    m = one(f"Partner forces trained {phrase} soldiers.")
    assert (m.value, m.name, m.qualifier) == (200, "soldiers", qualifier)
    assert m.text == f"{phrase} soldiers"


@pytest.mark.parametrize(
    ("body", "name", "value", "qualifier"),
    [
        ("Coalition forces conducted four airstrikes.", "airstrikes", 4, "exact"),
        ("Coalition forces conducted four air strikes.", "airstrikes", 4, "exact"),
        ("The strikes destroyed three VBIEDs.", "vbieds", 3, "exact"),
        ("The strikes destroyed three vehicle-borne improvised explosive devices.", "vbieds", 3, "exact"),
        ("the 83-member International Coalition met.", "coalition_members", 83, "exact"),
        ("the 79-member coalition met.", "coalition_members", 79, "exact"),
        ("Military leaders from approximately 21 Nations attended.", "nations", 21, "approximately"),
        ("a 60-plus nation coalition met.", "nations", 60, "over"),
        ("the 40-nation effort continues.", "nations", 40, "exact"),
        ("about 66 members of the Global Coalition met.", "coalition_members", 66, "approximately"),
        ("The Coalition will provide 2,000 additional anti-tank rockets to Iraq.", "anti_tank_rockets", 2000, "exact"),
        ("Officials estimate 12,345* enemy fighters were removed.", "fighters", 12345, "exact"),
        ("Donors pledged $1.6 billion in aid.", "usd", 1.6e9, "exact"),
        ("THE COALITION SAYS 45 PERCENT OF THE AREA IS CLEAR.", "percent", 45, "exact"),
        ("Reports cover .94% of strikes.", "percent", 0.94, "exact"),
        ("ISIS once held 31,000 square miles.", "square_miles", 31000, "exact"),
        ("Forces cleared twenty-one villages.", "villages", 21, "exact"),
        ("Forces trained two dozen advisers.", "advisers", 24, "exact"),
        ("Partners detained 1.2 million dollars of ISIS cash.", "usd", 1.2e6, "exact"),
    ],
)
def test_values_and_names(body, name, value, qualifier):
    m = one(body)
    assert (m.name, m.value, m.qualifier) == (name, value, qualifier)


def test_cumulative_figure_with_location():
    m = one(
        "Coalition forces have executed over 4,100 airstrikes in Iraq and Syria since the beginning of the Campaign."
    )
    assert (m.name, m.value, m.qualifier, m.location, m.is_cumulative) == (
        "airstrikes",
        4100,
        "over",
        "Iraq and Syria",
        True,
    )
    assert (m.period_start, m.period_end) == (None, None)


@pytest.mark.parametrize("marker", ["to date", "so far", "since the start of the operation"])
def test_cumulative_markers(marker):
    assert one(f"Partners have trained more than 20,000 soldiers {marker}.").is_cumulative


def test_coalition_size_is_never_cumulative():
    found = rows("The 60-plus nation coalition has conducted 14,000 strikes since the beginning of the campaign.")
    assert [(m.name, m.is_cumulative) for m in found] == [("nations", False), ("strikes", True)]


def test_since_date_starts_a_running_total():
    m = one("The coalition has conducted 14,000 strikes since Aug. 8, 2014.", published=date(2016, 8, 10))
    assert m.is_cumulative and (m.period_start, m.period_end) == (date(2014, 8, 8), date(2016, 8, 10))


def test_a_since_in_another_clause_is_not_a_running_total():
    m = one("Soldiers trained 350 fighters over 12 weeks, the third such course since 2015.")
    assert not m.is_cumulative and m.period_start is None


DAILY = """SOUTHWEST ASIA, April 3, 2017 — On April 2, Coalition military forces conducted nine strikes consisting of 15 engagements against ISIS targets in Syria and Iraq.

In Syria, Coalition military forces conducted seven strikes consisting of 11 engagements against ISIS targets.
* Near Ar Raqqah, four strikes engaged two ISIS tactical units; destroyed 11 fighting positions, two vehicles and a mortar system; and damaged three supply routes.
-- Near Abu Kamal, a strike destroyed an oil wellhead.
- Hit, one strike suppressed an ISIS mortar team.
Ash Shaddadi, fives strikes destroyed a VBIED.

In Iraq, Coalition military forces conducted two strikes in four engagements.
Near Mosul, two strikes denied ISIS access to 12 supply routes.
"""


def test_daily_strike_report_rows():
    found = rows(DAILY, kind="strike_report")
    got = {(m.name, m.value, m.action, m.location) for m in found}
    assert got == {
        ("strikes", 9, "conduct", "Iraq and Syria"),
        ("engagements", 15, "conduct", "Iraq and Syria"),
        ("strikes", 7, "conduct", "Syria"),
        ("engagements", 11, "conduct", "Syria"),
        ("strikes", 4, "conduct", "Ar Raqqah"),
        ("tactical_units", 2, "engage", "Ar Raqqah"),
        ("fighting_positions", 11, "destroy", "Ar Raqqah"),
        ("vehicles", 2, "destroy", "Ar Raqqah"),
        ("mortar_systems", 1, "destroy", "Ar Raqqah"),
        ("supply_routes", 3, "damage", "Ar Raqqah"),
        ("strikes", 1, "conduct", "Abu Kamal"),
        ("oil_wellheads", 1, "destroy", "Abu Kamal"),
        ("strikes", 1, "conduct", "Hit"),
        ("mortar_teams", 1, "suppress", "Hit"),
        ("strikes", 5, "conduct", "Ash Shaddadi"),
        ("vbieds", 1, "destroy", "Ash Shaddadi"),
        ("strikes", 2, "conduct", "Iraq"),
        ("engagements", 4, "conduct", "Iraq"),
        ("strikes", 2, "conduct", "Mosul"),
        ("supply_routes", 12, "deny", "Mosul"),
    }
    assert {(m.period_start, m.period_end) for m in found} == {(date(2017, 4, 2), date(2017, 4, 2))}
    assert len(found) == len(got)


WEEKLY = """SOUTHWEST ASIA – Between March 16-22, Coalition military forces conducted five strikes consisting of six engagements against ISIS targets in Syria and Iraq.

Strikes in Syria

On March 21, Coalition military forces conducted three strikes consisting of four engagements against ISIS targets in Syria near Hajin, destroying an ISIS vehicle.
* Near Hajin, three strikes destroyed two tunnels.

There were no reported strikes in Syria on March 20.

There were no reported strikes in Syria or Iraq on March 19.

Strikes in Iraq

Yesterday, Coalition military forces conducted two strikes consisting of two engagements against ISIS targets in Iraq.

Additionally, four strikes were conducted in Iraq on March 14-15 that closed within the last 24 hours.
* Near Bayji, four strikes destroyed a boat.
"""


def test_weekly_report_periods_zeros_and_late_additions():
    found = rows(WEEKLY, published=date(2018, 3, 23), kind="strike_report")
    got = {(m.name, m.value, m.location, m.period_start.isoformat(), m.period_end.isoformat()) for m in found}
    assert ("strikes", 5, "Iraq and Syria", "2018-03-16", "2018-03-22") in got
    assert ("strikes", 3, "Syria", "2018-03-21", "2018-03-21") in got
    assert ("vehicles", 1, "Hajin", "2018-03-21", "2018-03-21") in got  # lowercase "near" in prose
    assert ("tunnels", 2, "Hajin", "2018-03-21", "2018-03-21") in got  # a town line takes its section's day
    assert ("strikes", 0, "Syria", "2018-03-20", "2018-03-20") in got
    assert ("strikes", 0, "Syria", "2018-03-19", "2018-03-19") in got  # "in Syria or Iraq": a zero for each
    assert ("strikes", 0, "Iraq", "2018-03-19", "2018-03-19") in got
    assert ("strikes", 2, "Iraq", "2018-03-22", "2018-03-22") in got  # "Yesterday"
    assert ("strikes", 4, "Iraq", "2018-03-14", "2018-03-15") in got  # the late addition keeps its own days
    assert ("boats", 1, "Bayji", "2018-03-14", "2018-03-15") in got
    assert not any(m.value == 24 for m in found)


def test_flattened_monthly_table():
    body = (
        "In January 2022, partner forces conducted 23 partnered operations against ISIS.\n\n"
        "In Iraq In Syria\n14 partnered operations 9 partnered operations\n53 ISIS detained 37 ISIS detained\n"
    )
    found = rows(body, published=date(2022, 2, 10))
    got = [(m.name, m.value, m.location, m.action) for m in found]
    assert got == [
        ("partnered_operations", 23, None, "conduct"),
        ("partnered_operations", 14, "Iraq", None),
        ("partnered_operations", 9, "Syria", None),
        ("isis_members", 53, "Iraq", "detain"),
        ("isis_members", 37, "Syria", "detain"),
    ]
    assert {(m.period_start, m.period_end) for m in found} == {(date(2022, 1, 1), date(2022, 1, 31))}


def test_a_january_release_dates_december_to_the_previous_year():
    m = rows("On Dec. 30, Coalition military forces conducted 14 strikes in Syria.", published=date(2019, 1, 4))[0]
    assert (m.period_start, m.location) == (date(2018, 12, 30), "Syria")


def test_news_period_only_from_its_own_sentence_or_paragraph():
    body = "On March 3, the coalition trained 40 soldiers near Mosul. Officials praised the effort.\n\nPartners trained 12 pilots."
    first, second = rows(body, published=date(2017, 3, 10))
    assert (first.period_start, first.location) == (date(2017, 3, 3), "Mosul")
    assert second.period_start is None


def test_unknown_publication_date_gives_no_period():
    m = one("On Mar. 21, Coalition military forces conducted 14 strikes in Syria.", published=None)
    assert (m.period_start, m.period_end) == (None, None)


def test_crlf_and_hard_line_breaks():
    body = "In Syria, Coalition military forces conducted\r\nnine strikes against ISIS targets.\r\n\r\n* Near Hajin, two strikes destroyed a tunnel.\r\n"
    got = {(m.name, m.value, m.location) for m in rows(body, kind="strike_report")}
    assert got == {("strikes", 9, "Syria"), ("strikes", 2, "Hajin"), ("tunnels", 1, "Hajin")}


WORDS = st.sampled_from(
    [
        "the",
        "a",
        "an",
        "on",
        "in",
        "near",
        "of",
        "and",
        "strikes",
        "strike",
        "destroyed",
        "engaged",
        "4,100",
        "nine",
        "twenty-one",
        "Mar.",
        "21",
        "March",
        "16-22",
        "Syria",
        "Iraq",
        "Near",
        "Mosul",
        ",",
        ";",
        ".",
        "*",
        "--",
        "\n",
        "\n\n",
        "$1.6",
        "billion",
        "%",
        "percent",
        "over",
        "about",
        "83-member",
        "2015",
        "1-87",
        "Task",
        "Force",
        "no",
        "reported",
        "yesterday",
        "since",
        "to",
        "date",
        "units",
        "vehicles",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(WORDS, max_size=60), st.sampled_from([None, date(2018, 1, 3)]), st.sampled_from(["news", "strike_report"])
)
def test_any_text_keeps_offsets_exact(words, published, kind):
    body = " ".join(words)
    for m in extract_metrics(body, published_date=published, kind=kind):
        assert body[m.char_start : m.char_end] == m.text
        assert m.name and m.qualifier in ("exact", "approximately", "over", "at_least", "up_to", "under")
        assert m.period_start is None or m.period_end is None or m.period_start <= m.period_end


REPORT_2016 = """SOUTHWEST ASIA, Sept. 5, 2016 — On Sept. 4, Coalition military forces conducted 14 strikes using attack, bomber, fighter, and remote-piloted aircraft and rocket artillery against ISIL targets in Syria and Iraq.

-- Near Mosul, three strikes engaged three separate ISIL tactical units and destroyed an ISIL front-end loader, an ISIL fighting position, and two ISIL heavy machine guns.
-- Near Kisik, one strike struck an ISIL tactical unit and destroyed an ISIL-held building.

Coalition forces did not conduct any strikes in Iraq on Sept. 3. A total of 12 precision strikes hit targets near Raqqah."""


def test_2016_report_shapes():
    found = rows(REPORT_2016, published=date(2016, 9, 5), kind="strike_report")
    got = [(m.name, m.value, m.action, m.location, m.period_start.day) for m in found]
    assert got == [
        ("strikes", 14, "conduct", "Iraq and Syria", 4),  # a list of aircraft stands between count and place
        ("strikes", 3, "conduct", "Mosul", 4),
        ("tactical_units", 3, "engage", "Mosul", 4),
        ("front_end_loaders", 1, "destroy", "Mosul", 4),
        ("fighting_positions", 1, "destroy", "Mosul", 4),
        ("heavy_machine_guns", 2, "destroy", "Mosul", 4),  # after an Oxford comma, still destroyed
        ("strikes", 1, "conduct", "Kisik", 4),
        ("tactical_units", 1, "strike", "Kisik", 4),
        ("buildings", 1, "destroy", "Kisik", 4),
        ("strikes", 0, "conduct", "Iraq", 3),  # "did not conduct any strikes"
        ("strikes", 12, "conduct", "Raqqah", 3),  # "Sept. 3." ends a sentence; "precision" is dropped
    ]


NEWS_WITH_DISTRACTORS = """BAGHDAD, Iraq — Soldiers from the 1st Battalion, 5th Infantry Regiment, and the Iraqi army's 9th Division completed a two-week course Jan. 12 at Camp Taji, about 20 miles north of Baghdad.

More than 300 Iraqi soldiers graduated. "These soldiers are ready," said Staff Sgt. John Roe, 29, of Columbus, Ohio, who has deployed three times. "Two years ago, this was a different army."

The Coalition, which includes 79 members, has provided more than $3.5 billion in equipment since 2014, including 1,200 Humvees and 25,000 rifles. About 5,000 U.S. troops remain in Iraq.

Call 703-555-0100 for details. Col. Jane Doe said the next class of 450 students begins Feb. 1 and will run for 10 weeks; she has served for 22 years since graduating in the Class of 1995."""


def test_news_prose_keeps_counts_and_drops_distractors():
    found = rows(NEWS_WITH_DISTRACTORS, published=date(2017, 1, 15))
    assert [(m.name, m.value, m.qualifier) for m in found] == [
        ("iraqi_soldiers", 300, "over"),
        ("coalition_members", 79, "exact"),
        ("usd", 3.5e9, "over"),
        ("humvees", 1200, "exact"),
        ("rifles", 25000, "exact"),
        ("us_troops", 5000, "approximately"),
        ("students", 450, "exact"),
    ]
    money = found[2]
    assert money.is_cumulative and money.period_start == date(2014, 1, 1)  # "since 2014" in its clause
    assert found[5].location == "Iraq"


# --- the strike-definition paragraph, however it is worded --------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Officials of the task force count a strike as one or more kinetic events in about the same place that "
            "together produce one effect; several aircraft hitting one building can be a single strike.",
            True,
        ),
        (
            "The task force considers any group of kinetic events in about the same spot to be one strike, whatever "
            "the number of aircraft or weapons involved.",
            True,
        ),
        (
            "In these reports a strike means one or more kinetic events that produce one effect, whether one aircraft "
            "releases one weapon or several aircraft release dozens of munitions.",
            True,
        ),
        ("A strike, as the coalition defines it, is a kinetic event with a single effect on a target.", True),
        # Reported activity is never a definition, whatever its words.
        (
            "Near Mosul, three strikes engaged two tactical units and destroyed an aircraft hangar and a weapons cache.",
            False,
        ),
        ("Officials count a strike as one kinetic event; on March 3, 12 aircraft struck a compound.", False),
        ("The task force conducted a strike counted as one effect on several aircraft and weapons.", False),
        # Definitions of something else, or no terms of a strike's definition.
        ("Officials consider the strikes near Raqqa to be a success.", False),
        ("Officials define a win as a day without losses; aircraft and weapons were not discussed.", False),
    ],
)
def test_is_definition(paragraph, expected):
    assert is_definition(paragraph.lower()) is expected


def test_reworded_definition_paragraph_yields_no_metrics():
    body = (
        "On March 8, Coalition military forces conducted six strikes consisting of 11 engagements against ISIS "
        "targets in Syria and Iraq.\n\n"
        "Officials of the task force count a strike as one or more kinetic events in about the same place that "
        "together produce one effect; several aircraft hitting one building can be a single strike, just as one "
        "aircraft with one weapon can."
    )
    got = [(m.name, m.value, m.location) for m in rows(body, kind="strike_report")]
    assert got == [("strikes", 6, "Iraq and Syria"), ("engagements", 11, "Iraq and Syria")]


# --- running totals in their own clause; places after a second count ---------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The coalition conducted 12 strikes on Monday, bringing the total to more than 14,000 strikes since the "
            "beginning of the campaign.",
            [("strikes", 12, False), ("strikes", 14000, True)],
        ),
        (
            "On Monday the coalition conducted 12 strikes near Mosul, nine strikes near Raqqa and two strikes near Hit, "
            "bringing the total to 14,000 strikes so far.",
            [("strikes", 12, False), ("strikes", 9, False), ("strikes", 2, False), ("strikes", 14000, True)],
        ),
        (
            "So far, 3,000 fighters have been trained; 450 more recruits will begin next month.",
            [("fighters", 3000, True), ("recruits", 450, False)],
        ),
        (
            "Partners have cleared 45 percent of the city, and more than 20,000 soldiers have been trained to date.",
            [("percent", 45, True), ("soldiers", 20000, True)],
        ),
    ],
)
def test_cumulative_phrase_covers_its_clause(body, expected):
    assert [(m.name, m.value, m.is_cumulative) for m in rows(body)] == expected


def test_place_after_a_second_count_is_the_first_counts_too():
    got = [
        (m.name, m.location) for m in rows("As many as 3,000 detainees are held in 12 detention facilities in Syria.")
    ]
    assert got == [("detainees", "Syria"), ("detention_facilities", "Syria")]


@pytest.mark.parametrize("written", ["Syria and Iraq", "Iraq and Syria"])
def test_two_country_total_has_one_spelling(written):
    body = f"On March 8, Coalition military forces conducted six strikes against ISIS targets in {written}."
    assert [m.location for m in rows(body, kind="strike_report")] == ["Iraq and Syria"]


def test_zero_strikes_in_both_countries_is_the_total_and_no_strikes_in_either_is_one_each():
    total = rows(
        "On Dec. 19, Coalition military forces conducted zero strikes against ISIL targets in Syria and Iraq.",
        kind="strike_report",
    )
    assert [(m.value, m.location) for m in total] == [(0, "Iraq and Syria")]
    each = rows("There were no reported strikes in Syria or Iraq on Dec. 19.", kind="strike_report")
    assert [(m.value, m.location) for m in each] == [(0, "Syria"), (0, "Iraq")]


@given(
    st.lists(
        st.sampled_from(
            [
                "in",
                "In",
                "near",
                "within",
                "Syria",
                "Iraq",
                "and",
                "the",
                "Abu Kamal",
                "of",
                ",",
                "Highway 47",
                "throughout",
                "around",
                "Mosul",
                "x",
            ]
        ),
        max_size=12,
    )
)
@settings(max_examples=200, deadline=None)
def test_place_matches_are_those_of_a_full_regex_scan(words):
    from pipelines.extract.metrics.context import _PLACE_RE, _place_matches

    text = " ".join(words)
    assert [m.span() for m in _place_matches(text, text.lower(), 0, len(text))] == [
        m.span() for m in _PLACE_RE.finditer(text)
    ]
