"""parse_release on each shape of corpus-formats.md: header chrome, dates, datelines, publishers, kinds."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.records import Rejected
from pipelines.extract.release.parse import parse_release

BANNER = (
    "An official website of the United States government\n"
    "Here’s how you know\n"
    "A .mil website belongs to an official U.S. Department of Defense organization in the United States.\n"
    "A lock (lock ) or https:// means you’ve safely connected to the .mil website. Share sensitive "
    "information only on official, secure websites.\n"
)
BODY = "MIDDLE EAST – Coalition advisers met partner forces this week.\n\nThe meeting ended on time."


@pytest.mark.parametrize(
    "label, expected",
    [
        ("News | May 26, 2015", date(2015, 5, 26)),
        ("Press Release | March 22, 2017", date(2017, 3, 22)),
        ("News Release | Jan. 4, 2019", date(2019, 1, 4)),
        ("Feature | Sept. 5, 2016", date(2016, 9, 5)),
        ("NEWS | Aug 9, 2023", date(2023, 8, 9)),
        ("| Sept. 26, 2019", date(2019, 9, 26)),
        ("Press Release | March 22, 2017 | U.S. Central Command", date(2017, 3, 22)),
        ("Feb. 15, 2017", date(2017, 2, 15)),
        ("2017-02-15", date(2017, 2, 15)),
        ("15 February 2017", date(2017, 2, 15)),
        ("Tuesday, Feb. 14, 2017", date(2017, 2, 14)),
    ],
)
def test_header_dates_in_every_shape(label: str, expected: date) -> None:
    release = parse_release(f"{BANNER}\n{label}\n\nCoalition Advisers Meet Partners\n\n{BODY}")
    assert release.published_date == expected
    assert release.title == "Coalition Advisers Meet Partners"
    assert release.body == BODY


@pytest.mark.parametrize(
    "opening, place, when",
    [
        ("SOUTHWEST ASIA, Feb. 15, 2017 — On Feb. 14,", "SOUTHWEST ASIA", date(2017, 2, 15)),
        ("MIDDLE EAST – The", "MIDDLE EAST", None),
        ("Erbil, Kurdistan Region, Iraq (GOV.KRD) – The", "Erbil, Kurdistan Region, Iraq", None),
        ("BAGHDAD, Iraq — The", "BAGHDAD, Iraq", None),
        ("TAMPA, Fla., Aug. 19, 2014 - The", "TAMPA, Fla.", date(2014, 8, 19)),
        ("WASHINGTON (Nov. 12, 2015) -- The", "WASHINGTON", date(2015, 11, 12)),
        ("SOUTHWEST ASIA—On Apr. 2,", "SOUTHWEST ASIA", None),
        ("Baghdad – The", "Baghdad", None),
        ("ERBIL (Kurdistan Region) — The", "ERBIL", None),
        ("Duhok (GOV.KRD) – The", "Duhok", None),
    ],
)
def test_datelines(opening: str, place: str, when: date | None) -> None:
    release = parse_release(f"A Headline\n\n{opening} coalition forces met in the capital.")
    assert release.dateline == place
    assert release.published_date == when
    assert release.body.startswith(opening)  # the dateline stays in the body


@pytest.mark.parametrize(
    "opening",
    [
        "Iraqi Security Forces – backed by Coalition aircraft – cleared the village.",
        "The Coalition - which includes 70 members - met today.",
        "Al-Qaim was cleared on Tuesday.",
        "Iraqi Security Forces (ISF) – backed by Coalition aircraft – cleared the village.",
    ],
)
def test_sentences_with_dashes_are_not_datelines(opening: str) -> None:
    assert parse_release(f"A Headline\n\n{opening}").dateline is None


def test_month_only_date_line_gives_no_date() -> None:
    release = parse_release(" date 2017-08 By CJTF-OIR Public Affairs SOUTHWEST ASIA — On Aug. 3, strikes continued.")
    assert release.published_date is None
    assert release.title is None
    assert release.publisher == "CJTF-OIR"
    assert release.body == "SOUTHWEST ASIA — On Aug. 3, strikes continued."


def test_date_line_with_byline_and_body_on_one_line() -> None:
    text = (
        " date 2017-02-15 By CJTF - Operation Inherent Resolve News Release SOUTHWEST ASIA — On Feb. 14, "
        "Coalition military forces conducted 12 strikes consisting of 20 engagements against ISIS targets."
    )
    release = parse_release(text)
    assert release.published_date == date(2017, 2, 15)
    assert (release.title, release.dateline, release.publisher) == (None, "SOUTHWEST ASIA", "CJTF-OIR")
    assert release.body.startswith("SOUTHWEST ASIA — On Feb. 14,")
    assert release.kind == "strike_report"


def test_date_only_in_first_sentence() -> None:
    text = (
        "Advisers Visit Training Center\n"
        "Duhok, Kurdistan Region, Iraq (GOV.KRD) – Advisers, on February 17, 2021, visited the center.\n"
        "They will return on March 3, 2022."
    )
    release = parse_release(text)
    assert release.published_date == date(2021, 2, 17)
    assert release.publisher == "GOV.KRD"


def test_dates_beyond_the_first_sentence_are_not_publication_dates() -> None:
    text = "Advisers Visit Training Center\n\nMIDDLE EAST – Advisers visited the center. They return on March 3, 2022."
    assert parse_release(text).published_date is None


def test_transcript_without_date_has_none_and_is_a_briefing() -> None:
    text = (
        "Press Briefing by Col. Jane Doe\n\nCOLONEL JANE DOE: Good morning. Operations continued on Jan. 3, 2017.\n\n"
        "Q: How many advisers?\n\nCOL. DOE: Several hundred."
    )
    release = parse_release(text)
    assert release.published_date is None
    assert release.kind == "briefing"


def test_partial_header_date_takes_the_year_of_the_release_number() -> None:
    text = "September 13th\nRelease #20170913-02\n\nTitle Of Release\n\nBAGHDAD, Iraq — Text of the release."
    release = parse_release(text)
    assert release.published_date == date(2017, 9, 13)
    assert release.release_number == "20170913-02"


@pytest.mark.parametrize(
    "line, number",
    [
        ("Release # 20170322-01", "20170322-01"),
        ("Release #20140823", "20140823"),
        ("RELEASE #20151228-01", "20151228-01"),
        ("Release Number 2016027-14", "2016027-14"),
        ("Release No: UNRELEASED", None),
    ],
)
def test_release_numbers(line: str, number: str | None) -> None:
    release = parse_release(
        f"U.S. Central Command\nMarch 22, 2017\n{line}\nFOR IMMEDIATE RELEASE\n\nTitle Here\n\n{BODY}"
    )
    assert release.release_number == number
    assert release.publisher == "U.S. Central Command"
    assert release.published_date == date(2017, 3, 22)
    assert release.body == BODY


@pytest.mark.parametrize(
    "byline, publisher",
    [
        ("By CJTF - Operation Inherent Resolve News Release", "CJTF-OIR"),
        ("From a Combined Joint Task Force Operation Inherent Resolve News Release", "CJTF-OIR"),
        ("Combined Joint Task Force - Operation Inherent Resolve Public Affairs", "CJTF-OIR"),
        ("CJTFOIR", "CJTF-OIR"),
        ("By Jim Garamone, DoD News", "DoD News"),
        ("By Jim Garamone, DoD News, Defense Media Activity", "DoD News"),
        ("By By Sgt. Ann Lee, 3rd Brigade Public Affairs", "3rd Brigade Public Affairs"),
        ("By xxxBy Sgt. Ann Lee, U.S. Central Command", "U.S. Central Command"),
        ("By Sgt. Ann Lee", None),
    ],
)
def test_publishers_from_bylines_and_issuer_lines(byline: str, publisher: str | None) -> None:
    release = parse_release(f"Title Of The Release\n\n{byline}\n\n{BODY}")
    assert release.publisher == publisher
    assert release.title == "Title Of The Release"
    assert release.body == BODY


@pytest.mark.parametrize(
    "title, body, kind",
    [
        ("March 22: Military airstrikes continue against ISIS terrorists in Syria and Iraq", BODY, "strike_report"),
        (
            "Untitled",
            "SOUTHWEST ASIA — On Apr. 2, Coalition military forces conducted 14 strikes consisting of "
            "31 engagements against ISIS targets in Syria and Iraq.\n\n* Near Mosul, five strikes engaged three units.",
            "strike_report",
        ),
        ("Department of Defense Press Briefing by Col. Doe", BODY, "briefing"),
        ("Interview With the Task Force Commander", BODY, "briefing"),
        ("Statement by the Coalition on Sinjar", BODY, "statement"),
        ("Readout of the Commander's Call With Partners", BODY, "statement"),
        ("Coalition Advisers Meet Partners", BODY, "news"),
        ("Coalition Contributions at a Glance", "Partner nations: 68\nTrainers: 4,000", "other"),
    ],
)
def test_kinds(title: str, body: str, kind: str) -> None:
    assert parse_release(f"{title}\n\n{body}").kind == kind


def test_statement_and_transcript_section_labels_decide_the_kind() -> None:
    assert parse_release(f"Statement | Sept. 26, 2019\n\nOn Sinjar\n\n{BODY}").kind == "statement"
    assert parse_release(f"TRANSCRIPT |\n\nRemarks on the Campaign\n\n{BODY}").kind == "briefing"


def test_chrome_everywhere_is_removed_but_sentences_stay() -> None:
    text = (
        "HOME : NEWSROOM : PRESS RELEASES\n"
        "This page is provided for historical purposes only and may contain outdated information.\n"
        f"{BANNER}\nNews | May 26, 2015\n\nPartners Meet\n\nBy CJTF - Operation Inherent Resolve News Release\n\n"
        "MIDDLE EAST – Partners met. Share the results with the press, they said.\n\n"
        'style="text-align: center;">\n'
        "A soldier waits. read more read more … see less | View Image Page\n\n"
        "Facebook | Twitter | LinkedIn\n\n"
        "“We will share what we learn,” said Col. Ann Lee.\n\n"
        "-30-\n\nFor more information, contact the press desk.\nRelated Links\nOther story"
    )
    release = parse_release(text)
    assert release.body == (
        "MIDDLE EAST – Partners met. Share the results with the press, they said.\n\n"
        "“We will share what we learn,” said Col. Ann Lee."
    )


def test_hard_line_breaks_inside_sentences_are_joined() -> None:
    text = (
        "Title Of The Release\n\n"
        "SOUTHWEST ASIA — On Apr. 2, Coalition military forces conducted 14 strikes consisting of\n"
        "31 engagements against ISIS targets in Syria and Iraq.\n\n"
        "Strikes in Syria\n"
        "* Near Ar Raqqah, seven strikes engaged four ISIS tactical units; destroyed 11 fighting\n"
        "  positions and two vehicles.\n"
        "* Near Abu Kamal, two strikes destroyed a VBIED.\n\n\n\n"
        "The commander, Brig. Gen.\nAnn Lee, spoke."
    )
    assert parse_release(text).body.split("\n\n") == [
        "SOUTHWEST ASIA — On Apr. 2, Coalition military forces conducted 14 strikes consisting of 31 engagements "
        "against ISIS targets in Syria and Iraq.",
        "Strikes in Syria",
        "* Near Ar Raqqah, seven strikes engaged four ISIS tactical units; destroyed 11 fighting positions and two vehicles.",
        "* Near Abu Kamal, two strikes destroyed a VBIED.",
        "The commander, Brig. Gen. Ann Lee, spoke.",
    ]


def test_single_line_breaks_between_full_paragraphs_are_kept() -> None:
    text = "Title Of The Release\nFirst paragraph ends here.\n“Second paragraph is a quote.”\nThird one."
    assert parse_release(text).body == "First paragraph ends here.\n\n“Second paragraph is a quote.”\n\nThird one."


@pytest.mark.parametrize(
    "text",
    ["", "\n\n  \n", BANNER, f"{BANNER}\nNews | May 26, 2015\n\nShare Print Email\n", "Only A Headline"],
)
def test_no_article_text_is_rejected(text: str) -> None:
    with pytest.raises(Rejected, match="no article text after removing site chrome"):
        parse_release(text)


def test_json_line_hints_and_title_repeated_in_text() -> None:
    line = json.dumps(
        {
            "url": "https://example.mil/a",
            "title": "Bridge Reopens | CJTF-OIR",
            "published": "2018-04-10T08:00:00Z",
            "text": "Bridge Reopens\n\nBAGHDAD, Iraq — The bridge reopened.",
        }
    )
    release = parse_release(line, "exports/a.jsonl#7")
    assert (release.title, release.published_date, release.url) == (
        "Bridge Reopens",
        date(2018, 4, 10),
        "https://example.mil/a",
    )
    assert release.body == "BAGHDAD, Iraq — The bridge reopened."


def test_json_month_only_date_gives_no_date() -> None:
    line = json.dumps({"title": "T", "date": "2018-04", "text": "MIDDLE EAST – The base was handed over."})
    assert parse_release(line, "a.jsonl#1").published_date is None


def test_json_html_field_is_extracted() -> None:
    line = json.dumps(
        {
            "headline": "Pilots Fly",
            "html": "<div><p>AL ASAD AIR BASE, Iraq — Pilots flew.</p><p>They landed safely, officials said.</p></div>",
        }
    )
    release = parse_release(line, "b.json#2")
    assert release.title == "Pilots Fly"
    assert release.dateline == "AL ASAD AIR BASE, Iraq"
    assert release.body == "AL ASAD AIR BASE, Iraq — Pilots flew.\n\nThey landed safely, officials said."


def test_html_page_date_comes_from_metadata_not_from_the_article() -> None:
    html = (
        "<html><head><title>Strikes Hit Targets | U.S. Central Command</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        "<p>SOUTHWEST ASIA — On Dec. 30, 2016, Coalition forces conducted strikes near Mosul, officials said today.</p>"
        "<p>The strikes destroyed two fighting positions and a vehicle used by the militants near the river.</p>"
        "</article><footer>Privacy Policy | FOIA</footer></body></html>"
    )
    release = parse_release(html, "page.html")
    assert release.title == "Strikes Hit Targets"
    assert release.published_date == date(2016, 12, 30)  # first-sentence date; the page has no date metadata
    assert "Privacy" not in release.body and "Home" not in release.body


def test_navigation_words_bare_labels_and_revision_stamps_are_header_chrome() -> None:
    text = (
        "Skip to main content\nToggle navigation\nHome\nPress Releases\nPosted: May 26, 2015\n"
        "Updated: June 2, 2015 at 10:00\n\nCoalition Advisers Meet Partners\n\n" + BODY
    )
    release = parse_release(text)
    assert release.title == "Coalition Advisers Meet Partners"
    assert release.published_date == date(2015, 5, 26)
    assert release.body == BODY


def test_radio_script_in_capitals_keeps_its_headline() -> None:
    text = (
        "COALITION RADIO SCRIPT: U-S ADVISERS TRAIN IRAQI MEDICS\n\n"
        "BAGHDAD, IRAQ — U-S AND COALITION ADVISERS TRAINED 30 IRAQI ARMY MEDICS THIS WEEK."
    )
    release = parse_release(text)
    assert release.title == "COALITION RADIO SCRIPT: U-S ADVISERS TRAIN IRAQI MEDICS"
    assert release.dateline == "BAGHDAD, IRAQ"


def test_transcript_turn_is_not_a_headline() -> None:
    release = parse_release("MODERATOR: Welcome to the briefing\n\nCOL. DOE: Thank you. We continue.")
    assert release.title is None
    assert release.body.startswith("MODERATOR: Welcome")


def test_monthly_summary_table_is_a_strike_report() -> None:
    text = (
        "Monthly Update on Partnered Operations\n\nIn Iraq In Syria\n\n"
        "14 partnered operations 9 partnered operations\n\n22 ISIS fighters detained 12 ISIS fighters detained"
    )
    assert parse_release(text).kind == "strike_report"


def test_scraper_cut_off_last_sentence_is_kept() -> None:
    text = "Title Of The Release\n\nMIDDLE EAST – The strikes continued.\n\nThe coalition destroyed two vehic"
    assert parse_release(text).body.endswith("The coalition destroyed two vehic")


def test_story_by_byline_and_courtesy_stamp() -> None:
    text = "Courtesy Story\n\nEngineers Build a School\n\nStory by Spc. Ann Lee\n\n" + BODY
    release = parse_release(text)
    assert (release.title, release.body) == ("Engineers Build a School", BODY)


def test_page_title_that_is_only_the_site_name_is_ignored() -> None:
    html = (
        "<html><head><title>U.S. Central Command</title></head><body><article><h1>Medics Train Medics</h1>"
        "<p>BAGHDAD, Iraq — Coalition medics trained Iraqi army medics this week at a base near the capital.</p>"
        "<p>The course ended with a night exercise in the desert west of the city, officials said.</p>"
        "</article></body></html>"
    )
    assert parse_release(html, "p.htm").title == "Medics Train Medics"


_LINES = st.sampled_from(
    [
        "",
        " ",
        "News | May 26, 2015",
        " date 2017-08",
        " date 2017-02-15 By CJTF-OIR Public Affairs MIDDLE EAST — Text.",
        "Here's how you know",
        "Share Print Email",
        "-30-",
        "Related Links",
        "Release # 20170322-01",
        "CJTFOIR",
        "By By Sgt. Ann Lee",
        "Title Of A Release",
        "MIDDLE EAST – Partners met.",
        "* Near Mosul, two strikes",
        "Q: How many?",
        "COL. DOE: Several.",
        "continued in lower case",
        "“A quote,” said Col. Doe.",
        "September 13th",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=14))
def test_any_text_gives_a_clean_release_or_the_rejection(lines: list[str]) -> None:
    try:
        release = parse_release("\n".join(lines))
    except Rejected as exc:
        assert str(exc) == "no article text after removing site chrome"
        return
    assert release.body and release.body == release.body.strip()
    assert "\n\n\n" not in release.body
    assert release.kind in ("strike_report", "news", "briefing", "statement", "other")


def test_flattened_table_rows_stay_apart_and_wrapped_lines_join() -> None:
    text = (
        "Monthly Update\n"
        "SOUTHWEST ASIA – Partner forces continued operations against ISIS remnants in July with Coalition\n"
        "advisers in support, and the number of operations rose compared with the\n"
        "previous month.\n"
        "In Iraq In Syria\n"
        "14 partnered operations 9 partnered operations\n"
        "22 ISIS fighters detained 12 ISIS fighters detained"
    )
    assert parse_release(text).body.split("\n\n") == [
        "SOUTHWEST ASIA – Partner forces continued operations against ISIS remnants in July with Coalition "
        "advisers in support, and the number of operations rose compared with the previous month.",
        "In Iraq In Syria",
        "14 partnered operations 9 partnered operations",
        "22 ISIS fighters detained 12 ISIS fighters detained",
    ]


def test_html_entities_left_in_plain_text_are_decoded() -> None:
    text = "Title Of The Release\n\nMIDDLE EAST &#8211; &quot;We will win,&quot; said Col. Doe. It&#8217;s done &amp; over."
    assert parse_release(text).body == 'MIDDLE EAST – "We will win," said Col. Doe. It’s done & over.'


@pytest.mark.parametrize(
    "sentence",
    [
        "From the start, the coalition worked with local leaders to reopen the schools",
        "By the end of the week, officials pushed for their release",
        "From Mosul to Raqqa, Coalition Forces Advance",
    ],
)
def test_sentences_opening_with_by_or_from_are_not_bylines(sentence: str) -> None:
    release = parse_release(f"Title Of The Release\n\n{sentence}\n\n{BODY}")
    assert release.body.startswith(sentence)
