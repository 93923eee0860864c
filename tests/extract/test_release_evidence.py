"""Release parsing from evidence (issue 15): chrome by shape and repetition, header blocks of every site shape,
and the kind with its reason. Every text is invented, in the shape real pages have."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.extract.release import chrome
from pipelines.extract.release.block import is_headline, is_prose
from pipelines.extract.release.facts import header_fact
from pipelines.extract.release.header import bare_dateline, issuer_line, parse_dateline, title_issuer
from pipelines.extract.release.kind import Evidence, classify
from pipelines.extract.release.parse import parse_release

LEAD = "SOUTHWEST ASIA — Partner forces cleared three villages near the river this week, officials said."
MORE = "The operation continued through the night and ended before dawn on Friday."

# --- Chrome by shape --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Skip to the content",
        "Bookmark and Share",
        "Subscribe 0",
        "Down Arrow",
        "printable banner",
        "No media source currently available",
        "0:00 0:02:41 0:00",
        "Legacy HomepageNewsSpecial Reports2019 Year in Review",
        "Home > Media > Stories > Article View",
        "2 / 4 Show Caption + Hide Caption – Engineers lay a bridge over a canal. VIEW ORIGINAL",
    ],
)
def test_chrome_is_recognized_by_shape(line: str) -> None:
    assert chrome.chrome_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Strikes in Syria",
        "Protecting the Convoys",
        "2018-04-02",
        "14 partnered operations 9 partnered operations",
        "14 / 9 / 23",
        "McKenzie Visits Troops",
        "Partners met. Share the results with the press, they said.",
    ],
)
def test_headings_dates_and_sentences_are_not_chrome(line: str) -> None:
    assert chrome.chrome_reason(line) is None


def test_site_notices_are_counted_by_their_words() -> None:
    assert chrome.site_words("A lock ( ) or https:// means you have connected to the .gov website.") >= 2
    assert chrome.site_words("Coalition aircraft struck a bridge near the border.") == 0


def test_lines_many_documents_share_are_learned_as_repeated() -> None:
    texts = [f"Shared Banner Line\nHeadline {n}\n{LEAD} Number {n}." for n in range(4)]
    repeated = chrome.learn_repeated_lines(texts)
    assert chrome.line_key("Shared Banner Line") in repeated
    assert all(chrome.line_key(f"Headline {n}") not in repeated for n in range(4))
    assert chrome.learn_repeated_lines(texts[:2]) == frozenset()  # two documents are no evidence


def test_a_repeated_line_before_the_headline_is_chrome_but_a_repeated_sentence_in_the_body_stays() -> None:
    banner = "Welcome to the Task Force Portal for Partners and Families"
    boilerplate = "Officials reported details of the latest operations, noting that results are initial."
    text = f"{banner}\n\nBridges Reopen in the Valley\n\n{LEAD}\n\n{boilerplate}\n\n{MORE}"
    repeated = frozenset({chrome.line_key(banner), chrome.line_key(boilerplate)})
    release = parse_release(text, repeated=repeated)
    assert release.title == "Bridges Reopen in the Valley"
    assert boilerplate in release.body
    assert parse_release(text).title == banner  # without the batch evidence the banner looks like a headline


def test_repeated_trailing_lines_are_dropped_but_not_sentences() -> None:
    text = f"Bridges Reopen\n\n{LEAD}\n\n{MORE}\n\nConnect With the Task Force\n\nTask Force Alpha"
    repeated = frozenset({chrome.line_key("Connect With the Task Force"), chrome.line_key("Task Force Alpha")})
    assert parse_release(text, repeated=repeated).body == f"{LEAD}\n\n{MORE}"


def test_site_notice_before_and_after_the_headline_is_dropped_and_names_the_site() -> None:
    text = (
        "You have reached an archived collection of material.\n\n"
        "Engineers Rebuild a Bridge\n\n"
        "You are viewing a historical page on defense.gov; links may not work and content may be outdated.\n\n"
        f"{LEAD}\n\n{MORE}"
    )
    release = parse_release(text)
    assert release.title == "Engineers Rebuild a Bridge"
    assert release.body.startswith("SOUTHWEST ASIA")
    assert release.publisher == "U.S. Department of Defense"


# --- Header shapes ------------------------------------------------------------------------------------------


def test_date_line_with_issuer_and_no_headline() -> None:
    text = f" date 2018-03-04 From a Combined Joint Task Force Operation Inherent Resolve News Release\n{LEAD}"
    release = parse_release(text)
    assert (release.title, release.published_date, release.dateline, release.publisher) == (
        None,
        date(2018, 3, 4),
        "SOUTHWEST ASIA",
        "CJTF-OIR",
    )


def test_date_line_with_the_headline_on_the_same_line() -> None:
    release = parse_release(f" date 2018-03-04 Partners Clear Villages in the Valley\n{LEAD}")
    assert release.title == "Partners Clear Villages in the Valley"
    assert release.published_date == date(2018, 3, 4)
    assert release.body.startswith("SOUTHWEST ASIA")


def test_month_only_date_line_with_byline_and_date_parts() -> None:
    release = parse_release(f" date 2018-11 By CJTF-OIR PAO | Nov. 30, 2018\nSOUTHWEST ASIA —\n\n{MORE}")
    assert release.published_date == date(2018, 11, 30)
    assert release.publisher == "CJTF-OIR"
    assert release.dateline == "SOUTHWEST ASIA"
    assert release.body == f"SOUTHWEST ASIA — {MORE}"


@pytest.mark.parametrize(
    "line, when, publisher",
    [
        ("April 2, 2016 | DoD News, Defense Media Activity", date(2016, 4, 2), "DoD News"),
        ("Press Release | April 2, 2016", date(2016, 4, 2), None),
        ("• Published April 2, 2016", date(2016, 4, 2), None),
        ("By Spc. Ann Lee, 2nd Brigade Public AffairsApril 2, 2016", date(2016, 4, 2), "2nd Brigade Public Affairs"),
    ],
)
def test_header_lines_with_dates_and_issuers(line: str, when: date, publisher: str | None) -> None:
    fact = header_fact(line)
    assert fact is not None
    release = parse_release(f"Bridges Reopen\n{line}\n{LEAD}")
    assert (release.title, release.published_date, release.publisher) == ("Bridges Reopen", when, publisher)


def test_state_department_briefing_block() -> None:
    text = (
        "Update on the Coalition Ministerial\nSpecial Briefing\nJane Roe\n   Special Envoy for the Coalition \n"
        "Via Teleconference\nWashington, DC\nMay 3, 2018\n"
        "MS ROE: Thanks, everyone, for joining the call this afternoon on short notice.\n"
        "QUESTION: Will there be new pledges at the meeting?\n"
    )
    release = parse_release(text)
    assert release.title == "Update on the Coalition Ministerial"
    assert release.published_date == date(2018, 5, 3)
    assert release.publisher == "U.S. Department of State"
    assert release.kind == "briefing"
    assert release.body.startswith("MS ROE:")


def test_state_department_media_note_block() -> None:
    text = (
        "Joint Statement on the Security Dialogue\nMedia Note\nOffice of the Spokesperson\nMay 3, 2018\n"
        "The text of the following statement was released by the two governments.\nBegin Text:\n"
        "The delegations met in Washington and reviewed their cooperation on border security.\nEnd Text."
    )
    release = parse_release(text)
    assert (release.title, release.published_date, release.publisher, release.kind) == (
        "Joint Statement on the Security Dialogue",
        date(2018, 5, 3),
        "U.S. Department of State",
        "statement",
    )


def test_old_state_department_page_with_tagline_and_press_statement() -> None:
    text = (
        "U.S. Department of State - Great Seal\nU.S. Department of State\nDiplomacy in Action\n"
        "Liberation of the Valley\nPress Statement\nJohn Roe\nDepartment Spokesperson\nWashington, DC\n"
        "May 3, 2018\nThe United States congratulates our partners on the liberation of the valley."
    )
    release = parse_release(text)
    assert release.title == "Liberation of the Valley"
    assert release.published_date == date(2018, 5, 3)
    assert release.kind == "statement"


def test_immediate_release_and_presenter_lines() -> None:
    statement = parse_release(f"Immediate Release\nStatement on the Valley Strike\nMay 3, 2018\n{MORE}")
    assert (statement.title, statement.published_date, statement.publisher) == (
        "Statement on the Valley Strike",
        date(2018, 5, 3),
        None,
    )
    transcript = parse_release(
        "Department of Defense Press Briefing by Colonel Roe via Teleconference\n"
        "Presenter: Colonel Jane Roe, Spokesperson\nMay 3, 2018\n"
        "COLONEL JANE ROE: Good morning. Let me give you a quick update on the valley.\n"
        "Q: Colonel, how many advisers are there?\nCOL. ROE: I will not give a number today.\n"
    )
    assert transcript.title.startswith("Department of Defense Press Briefing")
    assert transcript.published_date == date(2018, 5, 3)
    assert transcript.publisher == "U.S. Department of Defense"
    assert transcript.body.startswith("COLONEL JANE ROE:")


def test_byline_with_name_running_into_the_agency_and_doubled_issuer() -> None:
    release = parse_release(
        "United States Department of Defense United States Department of Defense\n"
        f"Bridges Reopen\nBy Ann Q. Lee DoD News, Defense Media Activity\n{LEAD}"
    )
    assert (release.title, release.publisher) == ("Bridges Reopen", "U.S. Department of Defense")
    assert issuer_line("Iraq Mission Seal (medium)") == "U.S. Embassy in Iraq"
    assert issuer_line("60th Air Mobility Wing Public Affairs") == "60th Air Mobility Wing Public Affairs"
    assert issuer_line("Title Of The Release") is None
    assert issuer_line("Secretary of State") == "U.S. Department of State"  # the role line of a remarks block


def test_statement_signature_names_its_issuer() -> None:
    text = (
        'Statement on the Anniversary\n"We remember the day the valley was freed and those who freed it."\n'
        "- General Jane Roe, Commander, U.S. Central Command"
    )
    assert parse_release(text).publisher == "U.S. Central Command"


def test_headline_that_opens_with_the_issuer() -> None:
    assert title_issuer("Department of Defense Press Briefing by Col. Roe") == "U.S. Department of Defense"
    assert title_issuer("Department of Defense Leaders Visit Troops") is None


# --- Datelines and headlines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, place",
    [
        ("CAMP BRAVO, Iraq (April 2, 2016) -- Engineers began work.", "CAMP BRAVO, Iraq"),
        ("Erbil, Kurdistan Region, Iraq (cabinet.gov.krd) - The minister met envoys.", "Erbil, Kurdistan Region, Iraq"),
        ("SOUTHWEST ASIA- During the month of June, officials said.", "SOUTHWEST ASIA"),
        ("SOUTHWEST ASIA-- The coalition conducted strikes.", "SOUTHWEST ASIA"),
    ],
)
def test_datelines_with_parentheticals_and_glued_dashes(paragraph: str, place: str) -> None:
    found = parse_dateline(paragraph)
    assert found is not None and found.place == place


def test_a_dateline_alone_on_its_line_opens_the_next_paragraph() -> None:
    assert bare_dateline("SOUTHWEST ASIA —")
    assert not bare_dateline("SOUTHWEST ASIA — The coalition struck.")
    release = parse_release(f"Bridges Reopen\n\nSOUTHWEST ASIA —\n\n{MORE}")
    assert release.dateline == "SOUTHWEST ASIA"
    assert release.body == f"SOUTHWEST ASIA — {MORE}"


def test_a_dash_inside_a_headline_is_not_a_dateline() -> None:
    assert is_headline("CJTF – OIR Monthly Civilian Casualty Report")
    assert is_headline("Task Force Strike Summary Report Jan. 27 - Feb. 9, 2019")
    assert is_prose(LEAD)
    release = parse_release(f"CJTF – OIR Monthly Civilian Casualty Report\nBy CJTF-OIR Public Affairs\n{LEAD}")
    assert release.title == "CJTF – OIR Monthly Civilian Casualty Report"
    assert release.dateline == "SOUTHWEST ASIA"


def test_a_sentence_cut_by_a_hard_wrap_is_not_a_headline() -> None:
    assert is_prose("SOUTHWEST ASIA — On Apr. 2, Coalition military forces conducted 14 strikes consisting of")


# --- Kind with its reason -------------------------------------------------------------------------------------


def _kind(paragraphs: list[str], title: str | None = None, **hints) -> tuple[str, str]:
    decision = classify(Evidence(title, tuple(paragraphs), **hints))
    return decision.kind, decision.reason


def test_strike_share_decides_a_strike_report_and_says_so() -> None:
    kind, reason = _kind(
        [
            "SOUTHWEST ASIA — Partner forces kept up the pressure on the remnants in the valley this week.",
            "Between May 1-7, coalition forces conducted 12 strikes consisting of 15 engagements.",
            "In Syria, coalition forces conducted nine strikes consisting of 11 engagements near Hajin.",
            "The group's fighters continued to lose ground along the river, officials said.",
        ]
    )
    assert kind == "strike_report" and "report strike counts" in reason


def test_speaker_turns_decide_a_briefing() -> None:
    kind, reason = _kind(["COL. ROE: Good morning.", "Q: How many?", "COL. ROE: Several."])
    assert (kind, reason) == ("briefing", "3 speaker turns")


def test_a_long_release_without_quotes_is_a_statement() -> None:
    paragraphs = [f"The task force assessed report number {n} and found it credible after review." for n in range(7)]
    kind, reason = _kind(paragraphs, has_dateline=True)
    assert kind == "statement" and "no quoted speech" in reason


def test_quotes_make_news_and_few_quotes_without_dateline_make_other() -> None:
    quoted = '"We are ready for the next phase of the operation," said Col. Jane Roe, the spokesperson.'
    story = [LEAD, quoted, MORE, "The advisers will stay through the summer."]
    assert _kind(story)[0] == "news"
    editorial = [MORE] * 12 + [quoted]
    assert _kind(editorial)[0] == "other"


def test_headline_words_and_section_labels_decide_first() -> None:
    assert _kind([MORE], title="February 2023 Month in Review: Operations") == (
        "statement",
        "headline words say statement",
    )
    assert _kind([MORE], title="A look back: the year by the numbers")[0] == "other"
    assert _kind([MORE], section_kind="briefing") == ("briefing", "section label says briefing")


def test_the_parsed_release_carries_the_reason() -> None:
    release = parse_release(f"Bridges Reopen\n\n{LEAD}\n\n{MORE}")
    assert release.kind == "news" and release.kind_reason


def test_copies_of_one_article_do_not_make_its_lines_repeated() -> None:
    article = f"Bridges Reopen in the Valley\n{LEAD}\n{MORE}"
    copies = [f"Site {n} Banner\n{article}" for n in range(3)]
    repeated = chrome.learn_repeated_lines([*copies, "Other Headline\nAnother article entirely, with its own words."])
    assert chrome.line_key("Bridges Reopen in the Valley") not in repeated
    assert LEAD in parse_release(copies[0], repeated=repeated).body


def test_a_repeated_sentence_before_the_article_is_not_dropped() -> None:
    opening = "The task force released the following summary of the week's operations today."
    repeated = frozenset({chrome.line_key(opening)})
    assert parse_release(f"Weekly Summary\n{opening}\n{MORE}", repeated=repeated).body.startswith(opening)


def test_dvids_story_with_unit_under_the_byline_and_dotted_date() -> None:
    text = (
        "Engineers Finish Bridge Repairs\nStory by Sgt. Jane Roe\n3rd Brigade Combat Team\nSubscribe 12\n"
        f"CAMP BRAVO, Iraq (03.04.2020) -- {MORE}"
    )
    release = parse_release(text)
    assert (release.title, release.publisher, release.dateline, release.published_date) == (
        "Engineers Finish Bridge Repairs",
        "3rd Brigade Combat Team",
        "CAMP BRAVO, Iraq",
        date(2020, 3, 4),
    )
