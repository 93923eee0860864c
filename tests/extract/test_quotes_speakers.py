"""Quotes and speakers as real releases write them (issue 16, part B). Every name and sentence is made up."""

from __future__ import annotations

from pipelines.extract.quotes import extract_quotes
from pipelines.extract.records import Quote

INTRO = "Coalition advisers visited the training site near Taji on Monday."


def run(body: str, **kwargs) -> list[Quote]:
    quotes = extract_quotes(body, **kwargs)
    for q in quotes:
        assert body[q.char_start : q.char_end] == q.quote_text
    return quotes


def pairs(body: str, **kwargs) -> list[tuple[str, str | None]]:
    """(first three words, speaker) of each quote."""
    return [(" ".join(q.quote_text.split()[:3]), q.speaker) for q in run(body, **kwargs)]


# --- partial quotes after "called", "described … as", participles, colons -----------------------------------


def test_a_naming_verb_with_a_person_before_it_carries_a_partial_quote():
    body = (
        "Lt. Col. Nadia Ferrante leads the tanker squadron.\n\n"
        "The crews kept their jets flying on nine of every ten days, a figure Ferrante called "
        "“remarkable for airframes older than most of their crews.”"
    )
    assert pairs(body) == [("remarkable for airframes", "Lt. Col. Nadia Ferrante")]


def test_a_naming_word_without_a_speaker_still_names_a_thing():
    body = f"{INTRO}\n\nThe drill, called “Northern Lantern Bridge Crossing Two,” began at dawn."
    assert run(body) == []


def test_a_naming_noun_counts_only_right_before_the_mark():
    body = (
        "Prime Minister Karim Haddadi met the delegation in Erbil.\n\n"
        "Prime Minister Haddadi said the coordination during the operation was “without equal in the history "
        "of the region,” and that it should last."
    )
    assert pairs(body) == [("without equal in", "Prime Minister Karim Haddadi")]
    assert run(f"{INTRO}\n\nThe program “Partner Logistics Field Week” opened in May.") == []


def test_a_speech_participle_gives_the_main_clause_subject():
    body = (
        "Maj. Gen. Tobias Lindgren praised the merger of the two brigades, describing the reform as "
        "“a very important step for the security of the north.”"
    )
    assert pairs(body) == [("a very important", "Maj. Gen. Tobias Lindgren")]


def test_a_quote_introduced_with_a_colon_belongs_to_the_clause_subject():
    body = (
        f"{INTRO}\n\nMarta Kowalczyk, the special envoy for the coalition, put it plainly: "
        "“Taking the city is the start of the work, not its end.”"
    )
    quotes = run(body)
    assert [(q.quote_text[:15], q.speaker) for q in quotes] == [("Taking the city", "Marta Kowalczyk")]


def test_a_pronoun_with_a_naming_verb_goes_to_the_person_of_the_last_sentence():
    body = (
        "Portuguese army Capt. Bruno Mendes said the trainers spend as much time on leadership as on aim. "
        "The course pulls squad leaders out in the second week, a change he described as "
        "“the best thing we added this year.”"
    )
    assert pairs(body) == [("the best thing", "Capt. Bruno Mendes")]


# --- attributions after and before ----------------------------------------------------------------------------


def test_as_before_the_attribution_after_a_quote():
    body = (
        "Defense Secretary Alan Pryce visited the region last week.\n\n"
        "“We are taking apart the group's leadership one by one,” as Secretary Pryce said on Friday, "
        "and that work goes on."
    )
    assert pairs(body) == [("We are taking", "Defense Secretary Alan Pryce")]


def test_an_opening_clause_is_not_the_subject_and_a_name_is_no_role():
    body = (
        "Acting Defense Secretary Walter Brandt spoke in Brussels.\n\n"
        "Speaking after a session that drew ministers from 30 nations, Brandt said the partners had cut the "
        "group down to “a few square miles along the river bank,” but he warned of fighters in the desert."
    )
    quotes = run(body)
    assert [(q.speaker, q.is_anonymous) for q in quotes] == [("Defense Secretary Walter Brandt", False)]


def test_a_title_that_runs_into_a_rank_gives_the_ranked_name():
    body = (
        "Pentagon Press Secretary Navy Capt. Lena Ortiz said strikes would go on.\n\n"
        "“We should all be ready for a long campaign,” the captain said."
    )
    assert pairs(body) == [("We should all", "Capt. Lena Ortiz")]


def test_the_rank_word_refers_to_the_person_of_that_rank_mentioned_last():
    body = (
        "Acting Defense Secretary Walter Brandt met the ministers.\n\n"
        "The acting secretary said the help would continue. He described the change as "
        "“a change in how we work, not in what we want.”\n\n"
        "British Defense Secretary Gareth Lowe also attended the meeting."
    )
    assert pairs(body) == [("a change in", "Defense Secretary Walter Brandt")]


def test_a_pronoun_after_a_rank_reference_goes_to_that_person():
    body = (
        "“Ramadi shows the rest of the country what is possible,” Ambassador Clara Voss said.\n\n"
        "She met Sheikh Omar Jassim, who leads the tribal council.\n\n"
        "At the air base, the Ambassador met Iraqi commanders. She thanked the 7th Division, which she "
        "described as “one of the most capable formations in the country.”"
    )
    assert pairs(body)[1] == ("one of the", "Ambassador Clara Voss")


# --- unnamed sources -------------------------------------------------------------------------------------------


def test_the_second_unnamed_source_is_another_source():
    body = (
        "“Air power alone will not hold the town,” one senior defense official told reporters. "
        "Another official described the enemy force as “several thousand fighters with armor and guns.”"
    )
    assert pairs(body) == [
        ("Air power alone", "one senior defense official"),
        ("several thousand fighters", "Another official"),
    ]


def test_a_definite_source_refers_back_to_the_one_introduced():
    body = (
        "A coalition medic who has worked at the range since May said the lifesaver class is the most popular. "
        "“They ask to stay late to practice,” said the medic, who asked not to be named."
    )
    quotes = run(body)
    assert [(q.speaker, q.is_anonymous) for q in quotes] == [
        ("A coalition medic who has worked at the range since May", True)
    ]


def test_a_participle_after_the_head_noun_ends_the_description():
    body = f"{INTRO}\n\n“Good. Now show me the next step, slowly,” said a Danish engineer standing near the bridge."
    assert pairs(body) == [("Good. Now show", "a Danish engineer")]


# --- written statements and block quotes -------------------------------------------------------------------


def test_the_statement_is_spoken_by_the_body_that_issued_it():
    body = (
        "The Foreign Ministry said in a statement that it would fund the return of displaced families. "
        "“Every family must be able to come home in safety,” the statement said."
    )
    quotes = run(body)
    assert [(q.speaker, q.is_anonymous) for q in quotes] == [("Foreign Ministry", False)]


def test_block_quotes_take_the_attribution_line_under_each():
    body = (
        "The year in review.\n\n"
        '"We are going to help our partners take back both cities for good."\n\n'
        "Defense Secretary Alan Pryce Oct. 17, 2016 Source\n\n"
        "Trainers prepared 30,000 soldiers during the year.\n\n"
        '"The courage of the local soldier is what is winning this fight."\n\n'
        "Army Lt. Gen. Ruth Calder, commander, Joint Task Force North Dec. 7, 2016 Source Down Arrow"
    )
    quotes = run(body, kind="other")
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Defense Secretary Alan Pryce", None),
        ("Lt. Gen. Ruth Calder", "commander, Joint Task Force North"),
    ]


def test_a_sentence_after_a_block_quote_is_no_attribution_line():
    body = (
        "Col. Irene Novak spoke to the graduates.\n\n"
        '"The graduates leave here ready to lead their own squads."\n\n'
        "Col. Irene Novak, the school commandant, said the class was the largest yet."
    )
    assert pairs(body) == [("The graduates leave", "Col. Irene Novak")]


# --- transcripts -------------------------------------------------------------------------------------------------

BACKGROUND = """Background Briefing on the Ministerial

MODERATOR: Thanks, everybody, for joining us tonight. Our briefer will be referred to as a senior official.

SENIOR STATE DEPARTMENT OFFICIAL: Thanks very much. Tomorrow the ministers of the coalition sit down together for the first time.

On the military side, the envoy will brief the ministers on where things stand. As the Secretary put it to his counterparts this week, "we have stopped the advance, now we have to turn it back." And some of that is already under way.

QUESTION: Will there be new troops announced tomorrow?

SENIOR STATE DEPARTMENT OFFICIAL: I don't want to get ahead of the countries themselves. Some will have "news to share with all of you," I expect.

PRIME MINISTER: We thank all of our partners for their help.
"""


def test_unnamed_labels_are_not_quotes_but_a_quotation_with_its_own_attribution_is():
    body = f"Secretary Daniel Harwick will co-chair the meeting.\n\n{BACKGROUND}"
    quotes = run(body, kind="briefing")
    assert [(q.quote_text[:20], q.speaker) for q in quotes] == [("we have stopped the ", "Secretary Daniel Harwick")]


NAMED_TURN = """Press Briefing by the Press Secretary

PETER VALE: Good afternoon, everybody. I have a couple of updates for you today on the campaign.

"We are taking apart the group's leadership one by one," as Secretary Pryce said on Friday, and that work continues.

Q: Peter, will more advisers go forward?

MR. VALE: They will, Jamie, when the partners ask for them and the commanders agree.
"""


def test_a_quotation_inside_a_named_turn_is_its_own_row_with_its_own_speaker():
    quotes = run(NAMED_TURN, kind="briefing")
    assert [(q.quote_text[:15], q.speaker) for q in quotes] == [
        ("Good afternoon,", "Peter Vale"),
        ("We are taking a", "Secretary Pryce"),
        ("They will, Jami", "Peter Vale"),
    ]


SURNAME_LABELS = """News Briefing with Assistant Secretary Ward Halloway and Brigadier General John W. Rosen, Jr.

Halloway: Good afternoon. We have the names of those lost in the valley yesterday, and I will read them first.

Rosen: Thank you, Ms. Halloway. Our focus remains the fighters holed up in the mountains to the east.

Q: General, how many caves have been cleared so far?

GEN. ROSEN: At least one of the cave complexes, Jim, and we found mortars and rockets in it.
"""


def test_a_surname_label_names_the_ranked_person_of_the_release():
    quotes = run(SURNAME_LABELS, kind="briefing")
    assert [(q.quote_text[:14], q.speaker_name) for q in quotes] == [
        ("Good afternoon", "Ward Halloway"),
        ("Thank you, Ms.", "John Rosen"),
        ("At least one o", "John Rosen"),
    ]


def test_an_organization_named_by_its_head_noun_is_the_one_named_before():
    body = (
        "The U.S. Embassy in Amman said in a statement on Sunday that it condemned the attack. "
        "“We stand with the people of the city against these cowards,” the embassy said."
    )
    assert [(q.speaker, q.is_anonymous) for q in run(body)] == [("U.S. Embassy in Amman", False)]


def test_a_surname_without_rank_gets_the_fullest_name_of_the_release():
    body = (
        "Nora Castellanos, the special envoy, spoke in Erbil.\n\n"
        "“The city will be free soon, and its people will come home,” Castellanos said."
    )
    quotes = run(body)
    assert [(q.speaker, q.speaker_name) for q in quotes] == [("Nora Castellanos", "Nora Castellanos")]


def test_a_capitalized_word_before_a_source_noun_is_no_name():
    body = (
        f"{INTRO}\n\n“We will retake the valley before the winter,” said Iraqi army commanders in the area.\n\n"
        "Officials listed the goals of the campaign: “retake the valley, hold it, and bring the families home.”"
    )
    quotes = run(body)
    assert [(q.speaker, q.is_anonymous) for q in quotes] == [("Iraqi army commanders", True), ("Officials", True)]


def test_the_fullest_name_is_the_most_frequent_one_not_a_sentence_opener_before_it():
    body = (
        "Deputy spokesperson Lena Marsh spoke at the Marsh Harbor center. Later Lena Marsh met the press.\n\n"
        "“We are ready to help the families come home,” Marsh said."
    )
    assert [q.speaker for q in run(body)] == ["Lena Marsh"]
