"""Where and when a count happened, and whether it is a running total, read from its sentence and the text above it.

Every body here is invented, in the shapes the sites publish (issue 15): metadata-line strike reports, per-day
sections, civilian-casualty lists, month-in-review tables, news stories with running totals.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.extract.metrics import extract_metrics

D = date


def rows(body, published, kind="news"):
    found = extract_metrics(body, published_date=published, kind=kind)
    for m in found:
        assert body[m.char_start : m.char_end] == m.text
    return found


def table(found):
    return [(m.name, m.value, m.location, m.period_start, m.period_end, m.is_cumulative) for m in found]


DAILY = """SOUTHWEST ASIA, Feb. 10, 2017 — U.S. and coalition forces continued to attack ISIS terrorists in Syria and \
Iraq yesterday, conducting 12 strikes consisting of 20 engagements, task force officials reported today.

An F-16 refuels over Iraq, Jan. 30, 2017. Air Force photo by Staff Sgt. Jane Roe

Strikes in Syria

Coalition forces conducted five strikes consisting of eight engagements against ISIS targets:

-- Near Tabqah, three strikes engaged two ISIS tactical units and destroyed a fighting position.

-- Near Raqqah, Syria, two strikes destroyed an ISIS vehicle.

Strikes in Iraq

Coalition forces conducted seven strikes consisting of 12 engagements against ISIS targets near Mosul. \
The strikes destroyed four ISIS mortar systems and an ISIS command and control node.
"""


def test_a_daily_report_dates_and_places_every_line():
    found = table(rows(DAILY, D(2017, 2, 10), kind="strike_report"))
    day = D(2017, 2, 9)  # "yesterday", not the day officials "reported today", nor the caption's or dateline's date
    assert found == [
        ("strikes", 12, "Iraq and Syria", day, day, False),  # the lead's total: the countries of the sections
        ("engagements", 20, "Iraq and Syria", day, day, False),
        ("strikes", 5, "Syria", day, day, False),  # the section heading's country
        ("engagements", 8, "Syria", day, day, False),
        ("strikes", 3, "Tabqah", day, day, False),
        ("tactical_units", 2, "Tabqah", day, day, False),
        ("fighting_positions", 1, "Tabqah", day, day, False),
        ("strikes", 2, "Raqqah", day, day, False),  # "Raqqah, Syria" is the town
        ("vehicles", 1, "Raqqah", day, day, False),
        ("strikes", 7, "Mosul", day, day, False),
        ("engagements", 12, "Mosul", day, day, False),
        ("mortar_systems", 4, "Mosul", day, day, False),  # "The strikes ..." point back to Mosul
        ("command_and_control_nodes", 1, "Mosul", day, day, False),
    ]


def test_per_day_sections_and_zero_days():
    body = (
        "SOUTHWEST ASIA, Nov. 20, 2017 — Coalition forces struck ISIS between Nov. 17-19, conducting 6 strikes.\n\n"
        "Strikes in Syria\n\n"
        "Yesterday in Syria, coalition forces conducted four strikes against ISIS targets near Hajin. The strikes "
        "destroyed two ISIS boats.\n\n"
        "On Nov. 17, coalition forces conducted two strikes against ISIS targets near Dashisha.\n\n"
        "Strikes in Iraq\n\n"
        "There were no reported strikes in Iraq between Nov. 17-19.\n"
    )
    found = table(rows(body, D(2017, 11, 20), kind="strike_report"))
    assert found == [
        ("strikes", 6, "Iraq and Syria", D(2017, 11, 17), D(2017, 11, 19), False),
        ("strikes", 4, "Hajin", D(2017, 11, 19), D(2017, 11, 19), False),
        ("boats", 2, "Hajin", D(2017, 11, 19), D(2017, 11, 19), False),
        ("strikes", 2, "Dashisha", D(2017, 11, 17), D(2017, 11, 17), False),
        ("strikes", 0, "Iraq", D(2017, 11, 17), D(2017, 11, 19), False),
    ]


def test_an_old_prose_report_with_compass_places_and_two_day_period():
    body = (
        "TAMPA, Fla. -- U.S. forces attacked ISIL terrorists in Iraq Monday and today, conducting four airstrikes. "
        "Two airstrikes southeast of Kirkuk destroyed an ISIL Humvee. One airstrike west of Tikrit struck an ISIL "
        "tactical unit.\n"
    )
    found = table(rows(body, D(2014, 9, 16), kind="strike_report"))  # a Tuesday
    span = (D(2014, 9, 15), D(2014, 9, 16))
    assert found == [
        ("airstrikes", 4, "Iraq", *span, False),
        ("airstrikes", 2, "Kirkuk", *span, False),
        ("humvees", 1, "Kirkuk", *span, False),
        ("airstrikes", 1, "Tikrit", *span, False),
        ("tactical_units", 1, "Tikrit", *span, False),
    ]


def test_a_civilian_casualty_list_dates_and_places_each_item():
    body = (
        "SOUTHWEST ASIA — During the month of January, the task force received 20 new reports. Of those reports, "
        "12 were assessed to be non-credible and three were assessed to be credible.\n\n"
        "1. Jan. 4, 2018, near Hajin, Syria: Coalition aircraft struck ISIS fighters in a vehicle. It was assessed "
        "that two civilians were unintentionally killed.\n\n"
        "2. Jan. 19, 2018, near Tal Afar, Iraq: Coalition aircraft engaged an ISIS mortar team. It was assessed "
        "that one civilian was unintentionally injured.\n"
    )
    found = table(rows(body, D(2018, 2, 20), kind="statement"))
    january = (D(2018, 1, 1), D(2018, 1, 31))
    assert found == [
        ("reports", 20, None, *january, False),
        ("reports", 12, None, *january, False),  # the noun left out: the count before names it
        ("reports", 3, None, *january, False),
        ("civilians", 2, "Hajin", D(2018, 1, 4), D(2018, 1, 4), False),
        ("civilians", 1, "Tal Afar", D(2018, 1, 19), D(2018, 1, 19), False),
    ]


def test_running_totals_with_and_without_a_stated_start():
    body = (
        "To date, U.S. forces have conducted 512 airstrikes across Iraq. Along with partner nations, U.S. forces "
        "have also conducted 301 airstrikes across Syria.\n\n"
        "Since Sept. 2, U.S. forces have conducted a total of 140 airstrikes in Iraq. Of those, 95 have supported "
        "Kurdish forces in northern Iraq.\n\n"
        "The coalition conducted a total of 9,100 strikes between August 2014 and the end of March 2018.\n"
    )
    found = table(rows(body, D(2014, 10, 2)))
    assert found == [
        ("airstrikes", 512, "Iraq", None, None, True),  # "to date": no range
        ("airstrikes", 301, "Syria", None, None, True),  # goes on in the present perfect
        ("airstrikes", 140, "Iraq", D(2014, 9, 2), D(2014, 10, 2), True),  # the stated start to publication
        ("airstrikes", 95, "northern Iraq", D(2014, 9, 2), D(2014, 10, 2), True),
        ("strikes", 9100, None, D(2014, 8, 1), D(2018, 3, 31), True),  # a range of years is a running total
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Since the program began, instructors have trained more than 21,000 Iraqi police.",
        "Instructors have trained more than 21,000 Iraqi police since the academy opened in March.",
        "In total, instructors have now trained more than 21,000 Iraqi police.",
        "Since then, instructors have trained more than 21,000 Iraqi police.",
    ],
)
def test_since_clauses_and_in_total_make_running_totals(body):
    (m,) = rows(body, D(2017, 5, 2))
    assert m.is_cumulative and (m.period_start, m.period_end) == (None, None)


def test_a_list_shares_the_running_total_of_its_first_count():
    body = (
        "The spokesman said the coalition had conducted more than 3,000 strikes since October, destroying about "
        "1,900 fighting positions, 400 vehicles and 300 vehicle bombs."
    )
    assert [(m.name, m.is_cumulative) for m in rows(body, D(2017, 6, 1))] == [
        ("strikes", True),
        ("fighting_positions", True),
        ("vehicles", True),
        ("vehicle_bombs", True),
    ]


def test_a_sentence_dated_once_dates_its_counts_across_commas():
    body = "CAMP TAJI, Iraq – The newest class, 980 soldiers from the Iraqi army, graduated here Oct. 3 after a course."
    (m,) = rows(body, D(2016, 10, 6))
    assert (m.name, m.location, m.period_start) == ("soldiers", "Camp Taji", D(2016, 10, 3))  # "here": the dateline


def test_a_bullet_table_under_a_dated_summary_line():
    body = (
        "TAMPA, Fla. – Partner forces conducted 30 operations in Iraq and Syria during February 2022.\n\n"
        "Summary of operations, February 2022:\n\n"
        "• In Iraq: • In Syria:\n"
        "- 14 partnered operations - 16 partnered operations\n"
        "- 0 U.S.-only operations - 3 U.S.-only operations\n"
    )
    found = table(rows(body, D(2022, 3, 3), kind="statement"))
    month = (D(2022, 2, 1), D(2022, 2, 28))
    assert found[1:] == [
        ("partnered_operations", 14, "Iraq", *month, False),
        ("partnered_operations", 16, "Syria", *month, False),
        ("us_only_operations", 0, "Iraq", *month, False),
        ("us_only_operations", 3, "Syria", *month, False),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Iraqi jets flew 14 of the strikes.", [("strikes", 14)]),
        ("Partners detained 22 ISIS operatives and killed 7.", [("operatives", 22), ("operatives", 7)]),
        (
            "Iraqi jets flew 14 strikes. Coalition aircraft conducted the remaining 30.",
            [("strikes", 14), ("strikes", 30)],
        ),
        ("The strikes destroyed an ISIS oil still and two supply routes.", [("oil_stills", 1), ("supply_routes", 2)]),
        (
            "Two strikes destroyed 11 mortar and artillery systems.",
            [("strikes", 2), ("mortar_and_artillery_systems", 11)],
        ),
        ("Strikes killed an estimated 40 ISIS fighters.", [("fighters", 40)]),
        ("“A front line is one thing,” he said, kneeling on one knee.", []),
        ("One described the town as contested, one senior defense official told reporters.", []),
        ("Can you say anything about reports of a strike on a market?", []),
        ("The two sides met in Baghdad.", []),
    ],
)
def test_counts_named_by_their_context_and_idioms_that_are_none(body, expected):
    assert [(m.name, m.value) for m in rows(body, D(2019, 3, 1))] == expected


def test_a_count_cut_off_by_the_excerpt_is_not_read():
    body = "Near Hajin, two strikes destroyed an ISIS fighting position and an ISIS staging ar"
    assert [m.name for m in rows(body, D(2018, 9, 17), kind="strike_report")] == ["strikes", "fighting_positions"]
