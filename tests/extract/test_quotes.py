"""Quote extraction, one group of cases per bullet of the quotes issue. Every case is made up."""

from __future__ import annotations

import pytest

from pipelines.extract.entities import extract_mentions
from pipelines.extract.quotes import extract_quotes
from pipelines.extract.records import Quote

INTRO = "Coalition advisers visited the training site near Taji on Monday."


def run(body: str, **kwargs) -> list[Quote]:
    quotes = extract_quotes(body, **kwargs)
    for q in quotes:
        assert body[q.char_start : q.char_end] == q.quote_text
        assert q.quote_text == q.quote_text.strip()
        assert q.quote_text[:1] not in '"“”' and q.quote_text[-1:] not in '"“”'
    return quotes


def pairs(body: str, **kwargs) -> list[tuple[str, str | None]]:
    """(first three words, speaker) of each quote."""
    return [(" ".join(q.quote_text.split()[:3]), q.speaker) for q in run(body, **kwargs)]


# --- marks: curly, straight, mixed, nested single quotes, brackets, stray and unbalanced marks -----------


@pytest.mark.parametrize(
    "body, text",
    [
        ("“We trained four new companies this month,” said Col. Jane Doe.", "We trained four new companies this month"),
        ('"We trained four new companies this month," said Col. Jane Doe.', "We trained four new companies this month"),
        ('"We trained four new companies this month,” said Col. Jane Doe.', "We trained four new companies this month"),
        ('“We trained four new companies this month," said Col. Jane Doe.', "We trained four new companies this month"),
        ("“We trained four new companies this month,“ said Col. Jane Doe.", "We trained four new companies this month"),
        (
            "“They told us, ‘we are ready to lead,’ and they were,” said Col. Jane Doe.",
            "They told us, ‘we are ready to lead,’ and they were",
        ),
        (
            "“Every convoy saves [the] Iraqi forces a day,” said Col. Jane Doe.",
            "Every convoy saves [the] Iraqi forces a day",
        ),
    ],
)
def test_marks_of_every_kind_give_the_words_inside(body: str, text: str):
    quotes = run(f"{INTRO}\n\n{body}")
    assert [q.quote_text for q in quotes] == [text]
    assert quotes[0].speaker == "Col. Jane Doe"


def test_closing_mark_after_the_attribution_then_a_continuation_paragraph():
    body = (
        f"{INTRO}\n\n“The center is a fine example of partners working together,” said Col. Jane Doe, "
        "the coalition’s spokesperson.”\n\n“The coalition has supported such centers along the line.”"
    )
    assert pairs(body) == [("The center is", "Col. Jane Doe"), ("The coalition has", "Col. Jane Doe")]
    assert run(body)[0].speaker_role == "the coalition’s spokesperson"


def test_attribution_caught_inside_the_marks_is_cut_out():
    body = f'{INTRO}\n\n"The equipment stays with the company for good, said Maj. Omar Reyes, the site commander."'
    (q,) = run(body)
    assert q.quote_text == "The equipment stays with the company for good"
    assert (q.speaker, q.speaker_role) == ("Maj. Omar Reyes", "the site commander")


def test_quote_never_closed_at_a_cut_off_end():
    body = (
        f"{INTRO}\n\n“The coalition will be here for the next class,” Col. Jane Doe said.\n\n“And for the one after th"
    )
    quotes = run(body)
    assert [q.quote_text for q in quotes][-1] == "And for the one after th"
    assert quotes[-1].speaker == "Col. Jane Doe"


@pytest.mark.parametrize(
    "body, text",
    [
        (
            "The center is a fine example of partners working together,” said Col. Jane Doe.",
            "The center is a fine example of partners working together",
        ),
        (
            "“The center is a fine example of partners working.\n\nIt will stay open for ten more years.”",
            "It will stay open for ten more years.",
        ),
    ],
)
def test_a_lost_opening_mark_still_gives_the_quote(body: str, text: str):
    quotes = run(f"{INTRO} Col. Jane Doe spoke at the opening.\n\n{body}")
    assert quotes[-1].quote_text == text
    assert quotes[-1].speaker == "Col. Jane Doe"


def test_radio_script_in_capitals():
    (q,) = run('U-S FORCES TRAINED NEW UNITS.\n\n"WE WILL WIN THIS FIGHT IN THE VALLEY," SAID COLONEL JANE DOE.')
    assert (q.quote_text, q.speaker) == ("WE WILL WIN THIS FIGHT IN THE VALLEY", "COLONEL JANE DOE")


# --- attribution after, before, split; verbs; attribution on its own line --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "“The brigades are ready for the spring,” said Lt. Gen. Jane Doe.",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe said.",
        "“The brigades are ready for the spring” said Lt. Gen. Jane Doe.",
        "Lt. Gen. Jane Doe said, “The brigades are ready for the spring.”",
        "Lt. Gen. Jane Doe said: “The brigades are ready for the spring.”",
        "Lt. Gen. Jane Doe said that “the brigades are ready for the spring.”",
        "Lt. Gen. Jane Doe said the brigades “are ready for the spring season.”",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe added.",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe stated.",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe explained.",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe noted.",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe told reporters.",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe emphasized.",
        "“The brigades are ready for the spring,” according to Lt. Gen. Jane Doe.",
        "According to Lt. Gen. Jane Doe, “the brigades are ready for the spring.”",
        "“The brigades are ready for the spring,” Lt. Gen. Jane Doe, the task force commander, said.",
        "“The brigades are ready for the spring!” said Lt. Gen. Jane Doe.",
    ],
)
def test_attribution_positions_and_verbs(sentence: str):
    quotes = run(f"{INTRO}\n\n{sentence}")
    assert len(quotes) == 1
    assert quotes[0].speaker == "Lt. Gen. Jane Doe"
    assert quotes[0].speaker_name == "Jane Doe"


SPLIT = [
    "“The river is high this spring,” Col. Jane Doe said. “The crossings will wait a month.”",
    "“The river is high this spring,” Col. Jane Doe said, “and the crossings will wait a month.”",
    "“The river is high this spring,” said Col. Jane Doe, the engineer. “The crossings will wait a month.”",
]


@pytest.mark.parametrize("sentence", SPLIT)
def test_split_attribution_gives_two_rows_as_the_contract_reads(sentence: str):
    quotes = run(f"{INTRO}\n\n{sentence}")
    assert [q.speaker for q in quotes] == ["Col. Jane Doe", "Col. Jane Doe"]
    assert [q.speaker_name for q in quotes] == ["Jane Doe", "Jane Doe"]
    assert quotes[1].quote_text.lower().endswith("the crossings will wait a month.")


@pytest.mark.parametrize("sentence", SPLIT)
def test_split_attribution_is_one_row_when_asked_as_the_seed_gold_reads(sentence: str):
    assert pairs(f"{INTRO}\n\n{sentence}", split_rows=False) == [("The river is", "Col. Jane Doe")]


@pytest.mark.parametrize(
    "sentence, rows",
    [
        # Under four words after the attribution is no quote: “Worth it.”
        ("“It was hard work for all of us,” said Sgt. Omar Reyes. “Worth it.”", 1),
        # Three spans around two attributions of one speaker.
        ("“We will not forget it,” Karimi said. “Never,” he added. “The base is stronger because of this.”", 2),
        ("“We will not forget it,” Karimi said. “Not ever, not once,” he added. “The base is stronger for it.”", 3),
    ],
)
def test_split_rows_count_only_spans_of_four_words(sentence: str, rows: int):
    quotes = run(f"{INTRO} Brig. Gen. Hassan Karimi spoke.\n\n{sentence}")
    assert len(quotes) == rows
    assert len({q.speaker_name for q in quotes}) == 1


def test_span_after_an_attribution_goes_to_the_next_speaker_when_one_is_named():
    body = f"{INTRO}\n\n“The river is high this spring,” Col. Jane Doe said. “The bridges held,” said Maj. Ann Roe."
    assert pairs(body) == [("The river is", "Col. Jane Doe")]  # “The bridges held” has three words
    body = body.replace("The bridges held", "The bridges held all winter")
    assert pairs(body) == [("The river is", "Col. Jane Doe"), ("The bridges held", "Maj. Ann Roe")]


def test_dash_attribution_closing_the_quoted_paragraph():
    (q,) = run(f"{INTRO}\n\n“Five years ago this room held four desks.” — Gen. Jane Doe, commander, Task Force North")
    assert (q.speaker, q.speaker_role) == ("Gen. Jane Doe", "commander, Task Force North")


@pytest.mark.parametrize(
    "line, speaker, role",
    [
        (
            "- Gen. Jane Doe, commander, Combined Joint Task Force",
            "Gen. Jane Doe",
            "commander, Combined Joint Task Force",
        ),
        (
            "— Command Sgt. Maj. Lee Park, senior enlisted leader",
            "Command Sgt. Maj. Lee Park",
            "senior enlisted leader",
        ),
        ("– Maj. Gen. Ann Roe", "Maj. Gen. Ann Roe", None),
    ],
)
def test_attribution_on_its_own_line_after_the_quoted_paragraph(line: str, speaker: str, role: str | None):
    quote = "“Five years ago this room held four desks and a single map.”"
    body = f"{INTRO}\n\n{quote}\n\n{line}\n\nThe center opened in 2015."
    (q,) = run(body)
    assert (q.speaker, q.speaker_role) == (speaker, role)


# --- multi-paragraph quotes, continuation paragraphs, pronouns ------------------------------------------


def test_quote_over_paragraphs_reopened_and_closed_at_the_end_is_one_row():
    body = (
        "Maj. Gen. Ann Roe addressed the graduates on Friday.\n\n"
        "“Our partners once asked us for ammunition. Now they ask for planners.\n\n"
        "“That change came from officers like you working beside them.\n\n"
        "“Keep that habit wherever you go next.”\n\nThe course ran six weeks."
    )
    (q,) = run(body)
    assert q.quote_text.startswith("Our partners") and q.quote_text.endswith("wherever you go next.")
    assert q.speaker == "Maj. Gen. Ann Roe"


def test_a_paragraph_entirely_a_quote_continues_the_previous_speaker():
    body = (
        f"{INTRO}\n\n“The site will train four companies a year,” said Col. Jane Doe.\n\n"
        "Maj. Ben Ode also spoke at the event about the new ranges.\n\n"
        "“Each company will leave with its own instructors.”"
    )
    assert pairs(body)[-1] == ("Each company will", "Col. Jane Doe")


@pytest.mark.parametrize("pronoun", ["he", "she"])
def test_pronoun_speakers_resolve_to_the_person_just_named(pronoun: str):
    body = (
        f"{INTRO}\n\n“The site will train four companies a year,” said Col. Jane Doe.\n\n"
        "The course is led by Capt. Ben Ode, who arrived in March.\n\n"
        f"“Fuel and water planning now take a full week,” {pronoun} said."
    )
    assert pairs(body)[-1] == ("Fuel and water", "Capt. Ben Ode")


def test_pronoun_after_an_unnamed_source_stays_with_that_source():
    body = (
        f"{INTRO}\n\n“The fight is global and needs global answers,” said a senior coalition officer.\n\n"
        "“This coalition is the answer to that threat,” he said."
    )
    assert [q.speaker for q in run(body)] == ["a senior coalition officer"] * 2
    assert all(q.is_anonymous for q in run(body))


# --- named speakers, roles, later mentions, unnamed sources, written statements -------------------------


@pytest.mark.parametrize("later", ["Doe added", "Col. Doe added", "Colonel Doe added"])
def test_surname_only_mentions_resolve_to_the_fullest_form(later: str):
    body = (
        f"{INTRO}\n\n“The site will train four companies a year,” said Col. Jane Doe, the site commander.\n\n"
        f"“Each company will leave with its own instructors,” {later}."
    )
    quotes = run(body)
    assert [q.speaker for q in quotes] == ["Col. Jane Doe", "Col. Jane Doe"]
    assert quotes[1].speaker_name == "Jane Doe"


@pytest.mark.parametrize(
    "sentence, speaker, role",
    [
        (
            "“We will stay as long as we are asked,” said Brig. Gen. Tom Weld, CJTF-OIR chief of staff.",
            "Brig. Gen. Tom Weld",
            "CJTF-OIR chief of staff",
        ),
        (
            "“We will stay as long as we are asked,” said Coalition spokesman Col. Ray Dunn.",
            "Col. Ray Dunn",
            "Coalition spokesman",
        ),
        (
            "Brigadier General Karim Aziz, Director of Media of the Ministry, said “we will stay as long as needed.”",
            "Brigadier General Karim Aziz",
            "Director of Media of the Ministry",
        ),
        (
            "“We will stay as long as we are asked,” said Col. Ray Dunn, adding that talks would go on.",
            "Col. Ray Dunn",
            None,
        ),
        (
            "Marine Corps Gen. Joseph F. Dunford Jr., chairman of the Joint Chiefs, said “we will stay as long as needed.”",
            "Gen. Joseph F. Dunford Jr",
            "chairman of the Joint Chiefs",
        ),
        (
            "“We will stay as long as we are asked,” said Iraqi Prime Minister Haider al-Abadi.",
            "Prime Minister Haider al-Abadi",
            None,
        ),
        # A role set off before the name, and no role from the verb after it.
        (
            "The base commander, Brig. Gen. Hassan Karimi, thanked the coalition engineers. “We will not forget it,” "
            "Karimi said.",
            "Brig. Gen. Hassan Karimi",
            "The base commander",
        ),
        (
            "During the visit, Brig. Gen. Hassan Karimi, the base commander, thanked the engineers. “We will not forget "
            "it,” Karimi said.",
            "Brig. Gen. Hassan Karimi",
            "the base commander",
        ),
    ],
)
def test_named_speakers_with_rank_and_role(sentence: str, speaker: str, role: str | None):
    (q,) = run(f"{INTRO}\n\n{sentence}")
    assert (q.speaker, q.speaker_role, q.is_anonymous) == (speaker, role, False)


# speaker_name links the row to the person entity (entity_id("person", speaker_name)), so it is the name the
# entities extractor gives that person in the same body: initials and suffixes dropped, capitals as it reads them.
@pytest.mark.parametrize(
    "body, name",
    [
        ("“We will stay as long as we are asked,” said Gen. Joseph L. Votel, the commander.", "Joseph Votel"),
        ("“We will stay as long as we are asked,” said Col. Myles Caggins III, the spokesman.", "Myles Caggins"),
        (
            "“We will stay as long as we are asked,” said Marine Corps Gen. Kenneth F. McKenzie Jr., the commander.",
            "Kenneth McKenzie",
        ),
        (
            "“We will stay as long as we are asked,” said Staff Sgt. Juan C. Perez-Garcia, a mechanic.",
            "Juan Perez-Garcia",
        ),
        ("“We will stay as long as we are asked,” U.S. Army Maj. Gen. Pat White said.", "Pat White"),
        ("“We will stay as long as we are asked,” said U.S. Army Maj. Gen. Pat White.", "Pat White"),
        (
            "“We will stay as long as we are asked,” said Maj. Gen. Ahmed al-Tamimi, the chief of staff.",
            "Ahmed al-Tamimi",
        ),
        (
            "MAJOR GENERAL O’NEIL SMITH: We will stay as long as we are asked.\n\nQ: Thanks.\n\nGEN. SMITH: For as "
            "long as it takes, I think.",
            "O'neil Smith",
        ),
        (
            "PRESS SECRETARY JOHN KIRBY: We will stay as long as we are asked.\n\nQ: Thanks.\n\nMR. KIRBY: For as "
            "long as it takes, I think.",
            "John Kirby",
        ),
    ],
)
def test_speaker_names_are_the_names_of_person_mentions(body: str, name: str):
    quotes = run(body, kind="briefing" if "\n\nQ:" in body else "news")
    persons = {m.name for m in extract_mentions(body) if m.type == "person"}
    assert quotes and {q.speaker_name for q in quotes} == {name}
    assert name in persons


@pytest.mark.parametrize(
    "sentence, source",
    [
        (
            "“The conference let every nation share what it knows,” said one of the Australian Defense Force attendees.",
            "one of the Australian Defense Force attendees",
        ),
        (
            "“The fight against the group is a global fight,” said a senior coalition officer.",
            "a senior coalition officer",
        ),
        ("“Clearing the ground is only the first step,” officials said.", "officials"),
        ("Officials said, “Clearing the ground is only the first step.”", "Officials"),
        ("“Clearing the ground is only the first step,” coalition officials told reporters.", "coalition officials"),
        (
            "A senior officer of the coalition said, “This mission has grown into a coalition mission.”",
            "A senior officer of the coalition",
        ),
    ],
)
def test_unnamed_sources_are_anonymous_with_their_description(sentence: str, source: str):
    (q,) = run(f"{INTRO}\n\n{sentence}")
    assert (q.speaker, q.is_anonymous, q.speaker_name) == (source, True, None)


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("“Partner forces cleared forty villages without loss,” the statement read.", "CJTF-OIR"),
        ("The statement read: “Partner forces cleared forty villages without loss.”", "CJTF-OIR"),
        (
            "A statement from the Ministry of Defense read, “The ministry thanks the coalition for its help.”",
            "the Ministry of Defense",
        ),
        (
            "In a statement, the Ministry of Peshmerga said “the ministry thanks the coalition for its help.”",
            "Ministry of Peshmerga",
        ),
    ],
)
def test_written_statements_go_to_the_issuing_body(sentence: str, speaker: str):
    (q,) = run(f"{INTRO}\n\n{sentence}", publisher="CJTF-OIR")
    assert (q.speaker, q.is_anonymous, q.speaker_name) == (speaker, False, None)


# --- briefing transcripts ---------------------------------------------------------------------------------

TRANSCRIPT = """Press Briefing by Colonel Doe via Teleconference

CAPT. MARA DAVIS: Good morning. Today we have Colonel Jane Doe with an update on operations.

COLONEL JANE DOE: Thank you, Mara, and good morning to everyone.

Partner forces cleared the last districts of the valley this week.

(Laughter.)

Q: Colonel, how many advisers are still forward?

COL. DOE: I will not give a number, but they remain at brigade level.

STAFF: (Off mic.)

Lieutenant General John Roe: I would add that the advisers go where partners ask.

MR SMITH: Just to be clear, the numbers are set by the partner government.

[Two paragraphs removed for length.]

COL. DOE: Sure.

Moderator: Thank you all, this concludes the call for today."""


def test_briefing_turns_of_named_officials_are_quotes():
    quotes = run(TRANSCRIPT, kind="briefing")
    assert [(q.quote_text.split()[0], q.speaker) for q in quotes] == [
        ("Good", "Capt. Mara Davis"),
        ("Thank", "Colonel Jane Doe"),
        ("I", "Colonel Jane Doe"),
        ("I", "Lieutenant General John Roe"),
        ("Just", "Mr Smith"),
    ]
    assert quotes[1].quote_text.endswith("cleared the last districts of the valley this week.")  # (Laughter.) cut
    assert quotes[4].quote_text.endswith("set by the partner government.")  # editorial note cut
    assert all(not q.is_anonymous for q in quotes)


def test_transcript_labels_are_found_even_when_the_kind_is_not_briefing():
    assert len(run(TRANSCRIPT, kind="other")) == 5


# --- not quotes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Coalition forces continued to strike the so-called “caliphate” this week.",
        "The exercise, dubbed “Desert Shield of the North 2017,” brought six nations together.",
        "Each officer received the handbook titled “Partner Force Logistics in the Field” on arrival.",
        "The operation, known as “Operation Northern Resolve Phase Two,” began in May.",
        "Commanders described the mood as “very good” and said morale was high.",
        "The group's propaganda calls its fighters “soldiers of the true state” even as it loses ground.",
        "Officials said the training would continue through the summer and into the autumn.",
        "“Coalition Strikes Continue Against Daesh Targets” was the headline of the week.",
    ],
)
def test_scare_quotes_titles_names_and_short_spans_are_not_quotes(sentence: str):
    assert run(f"{INTRO}\n\n{sentence}") == []


def test_no_marks_and_no_labels_is_no_quotes():
    assert (
        run(
            "On Apr. 2, Coalition military forces conducted 14 strikes.\n\nThere were no strikes in Syria.",
            kind="strike_report",
        )
        == []
    )
