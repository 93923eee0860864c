"""Activity periods resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.metrics.periods import _YEAR_DIGITS_RE, _year_candidates, find_periods, infer_year

D = date


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("On Mar. 21, Coalition forces", D(2017, 3, 22), D(2017, 3, 21), D(2017, 3, 21)),
        ("between March 16-22, Coalition", D(2018, 3, 23), D(2018, 3, 16), D(2018, 3, 22)),
        ("Between Dec. 16 – 22, forces", D(2019, 1, 4), D(2018, 12, 16), D(2018, 12, 22)),
        ("From 16 October to 13 November, partners", D(2018, 11, 20), D(2018, 10, 16), D(2018, 11, 13)),
        ("in Iraq on Aug. 15-16 that closed", D(2016, 8, 17), D(2016, 8, 15), D(2016, 8, 16)),
        ("On Dec. 30, strikes", D(2019, 1, 4), D(2018, 12, 30), D(2018, 12, 30)),
        ("Dec. 30 - Jan. 5", D(2019, 1, 10), D(2018, 12, 30), D(2019, 1, 5)),
        ("on March 14 and 15", D(2018, 3, 20), D(2018, 3, 14), D(2018, 3, 15)),
        ("on February 17, 2021, visited", D(2021, 2, 17), D(2021, 2, 17), D(2021, 2, 17)),
        ("On 20 November the", D(2017, 11, 21), D(2017, 11, 20), D(2017, 11, 20)),
        ("Sept. 5, 2016 to Sept. 9, 2016", None, D(2016, 9, 5), D(2016, 9, 9)),
        ("In January 2022, partners", D(2022, 2, 10), D(2022, 1, 1), D(2022, 1, 31)),
        ("during February, partners", D(2020, 3, 5), D(2020, 2, 1), D(2020, 2, 29)),
        ("strikes yesterday near", D(2014, 9, 24), D(2014, 9, 23), D(2014, 9, 23)),
        ("three air strikes today", D(2014, 9, 24), D(2014, 9, 24), D(2014, 9, 24)),
        ("on Monday, aircraft", D(2015, 6, 3), D(2015, 6, 1), D(2015, 6, 1)),  # a Wednesday release
        # Ranges across months and years, the year taken from the publication date.
        ("Between Jan. 26-Feb. 1, Coalition", D(2018, 2, 2), D(2018, 1, 26), D(2018, 2, 1)),
        ("between Jan.26-Feb.1, Coalition", D(2018, 2, 2), D(2018, 1, 26), D(2018, 2, 1)),
        ("Between Dec. 28 - Jan. 3, Coalition", D(2018, 1, 5), D(2017, 12, 28), D(2018, 1, 3)),
        ("from Dec. 28 to Jan. 3, strikes", D(2018, 1, 5), D(2017, 12, 28), D(2018, 1, 3)),
        ("Dec. 28, 2017 – Jan. 3, 2018", D(2018, 1, 5), D(2017, 12, 28), D(2018, 1, 3)),
        ("Between Sept. 29-Oct. 5, forces", D(2017, 10, 6), D(2017, 9, 29), D(2017, 10, 5)),
    ],
)
def test_periods_resolve(text, published, start, end):
    found = [p for p in find_periods(text, published) if not p.weak]
    assert len(found) == 1
    assert (found[0].start, found[0].end) == (start, end)


def test_offsets_cover_the_expression():
    text = "There were no reported strikes in Syria on March 18."
    (p,) = find_periods(text, D(2018, 3, 23))
    assert text[p.char_start : p.char_end] == "March 18"


def test_without_publication_date_a_month_day_is_unknown_but_still_a_date():
    (p,) = find_periods("On Mar. 21, forces", None)
    assert (p.start, p.end) == (None, None)
    assert p.char_end > p.char_start  # its digits are still a date, never a count


@pytest.mark.parametrize(
    "text",
    ["The meeting may 5 times", "Forces may strike", "a March on the city", "the 2nd of the month", "mid-February"],
)
def test_not_periods(text):
    assert [p for p in find_periods(text, D(2017, 6, 1)) if not p.weak] == []


def test_since_marks_a_running_total_start():
    (p,) = find_periods("more than 14,000 strikes since Aug. 8, 2014", D(2016, 8, 10))
    assert p.since and p.start == D(2014, 8, 8)


def test_bare_years_are_weak_periods():
    (p,) = find_periods("The JCCC was established in 2015 to coordinate", D(2021, 2, 17))
    assert p.weak and (p.start, p.end) == (D(2015, 1, 1), D(2015, 12, 31))


@pytest.mark.parametrize(
    ("month", "day", "published", "year"),
    [
        (12, 30, D(2019, 1, 4), 2018),
        (1, 3, D(2019, 1, 4), 2019),
        (2, 1, D(2019, 1, 4), 2019),
        (6, 1, D(2019, 1, 4), 2018),
    ],
)
def test_infer_year(month, day, published, year):
    assert infer_year(month, day, published) == year


@given(st.text(alphabet="0129 a-", max_size=24))
@settings(max_examples=300, deadline=None)
def test_year_candidates_find_what_a_regex_scan_finds(text):
    """The str.find shortcut for 19xx/20xx keeps every year the plain regex scan would keep."""

    def kept(matches):
        return [
            m.span() for m in matches if m[0][:2] in ("19", "20") and not (m.start() and text[m.start() - 1].isdigit())
        ]

    assert kept(_year_candidates(text, 0, len(text))) == kept(_YEAR_DIGITS_RE.finditer(text))


# --- ranges of relative days, clock times and whole months (issue 15) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        # Two points joined by "and"/"to", with clock times between: one range.
        (
            "took place between 8 a.m. yesterday and 8 a.m. today, local time",
            D(2016, 2, 10),
            D(2016, 2, 9),
            D(2016, 2, 10),
        ),
        ("between 8 a.m., June 3, and 8 a.m., June 4, local time", D(2016, 6, 4), D(2016, 6, 3), D(2016, 6, 4)),
        ("attacks on ISIL in Syria Monday and today, using", D(2015, 3, 10), D(2015, 3, 9), D(2015, 3, 10)),  # Tue
        ("struck targets yesterday and today near", D(2015, 3, 10), D(2015, 3, 9), D(2015, 3, 10)),
        # Whole months: a range of months, "the end of", a month with its year and no preposition.
        (
            "a total of 9,100 strikes between August 2014 and the end of March 2018.",
            D(2018, 4, 20),
            D(2014, 8, 1),
            D(2018, 3, 31),
        ),
        (
            "a total of 9,100 strikes between August 2014 and end of March 2018.",
            D(2018, 4, 20),
            D(2014, 8, 1),
            D(2018, 3, 31),
        ),
        ("Summary of operations, February 2022:", D(2022, 3, 3), D(2022, 2, 1), D(2022, 2, 28)),
        ("In the month of March, the task force received", D(2019, 4, 25), D(2019, 3, 1), D(2019, 3, 31)),
        # Spans that end at publication.
        ("cleared 12 villages over the past week, officials", D(2018, 9, 12), D(2018, 9, 5), D(2018, 9, 12)),
        ("helped 700 families leave over the past two weeks", D(2016, 7, 20), D(2016, 7, 6), D(2016, 7, 20)),
        ("struck the town nine times over the past two days", D(2014, 10, 8), D(2014, 10, 7), D(2014, 10, 8)),
        ("killed at least 8 senior leaders this month", D(2016, 5, 24), D(2016, 5, 1), D(2016, 5, 24)),
        ("struck the depot over the weekend", D(2017, 2, 13), D(2017, 2, 11), D(2017, 2, 12)),  # a Monday release
    ],
)
def test_ranges_resolve(text, published, start, end):
    found = [p for p in find_periods(text, published) if not p.weak]
    assert len(found) == 1, found
    assert (found[0].start, found[0].end) == (start, end)


def test_a_range_opened_by_between_covers_its_clock_times():
    text = "Strikes took place between 8 a.m. yesterday and 8 a.m. today."
    (p,) = find_periods(text, D(2016, 2, 10))
    assert text[p.char_start : p.char_end] == "between 8 a.m. yesterday and 8 a.m. today"


@pytest.mark.parametrize(
    "text",
    [
        "U.S. forces attacked ISIL, task force officials reported today.",
        "coalition officials said here today that",
        "carried over 40 open reports from previous months",
    ],
)
def test_the_day_a_release_speaks_and_vague_spans_are_no_periods(text):
    assert [p for p in find_periods(text, D(2017, 6, 1)) if not p.weak] == []


def test_since_a_weekday_starts_a_range_to_publication():
    (p,) = find_periods("one airstrike near Sinjar since Tuesday.", D(2014, 9, 4))
    assert p.since and p.start == D(2014, 9, 2)


@pytest.mark.parametrize(
    "text",
    [
        "Since the operation began on May 31, the coalition has conducted",
        "Since June 2, when the offensive opened, partners have cleared",
        "liberated 16 villages since the start of the operation on 2 June.",
    ],
)
def test_a_day_inside_a_since_clause_starts_a_running_total(text):
    (p,) = find_periods(text, D(2016, 8, 4))
    assert p.since and p.start in (D(2016, 5, 31), D(2016, 6, 2))


def test_a_month_inside_a_since_clause_dates_the_event_not_the_count():
    (p,) = find_periods("Since Ramadi was liberated in February, engineers have removed", D(2016, 8, 4))
    assert p.weak and not p.since


def test_anaphors_are_marked_for_the_caller():
    periods = find_periods("Between Jan. 3-9, strikes hit. During this period, 4 civilians", D(2018, 1, 12))
    assert [p.anaphor for p in periods] == [False, True]
