"""Unit tests of pipelines.extract.entities: people, organizations, places, offsets, speed-critical shapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.entities import canonical_person_name, extract_mentions


def names(body: str, type_: str | None = None) -> list[str]:
    return [m.name for m in extract_mentions(body) if type_ is None or m.type == type_]


def one(body: str, text: str):
    found = [m for m in extract_mentions(body) if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in extract_mentions(body)]}"
    return found[0]


# --- people after ranks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "name", "rank"),
    [
        ("It was approved by Gen. Anna Wexley on Monday.", "Anna Wexley", "Gen."),
        ("Lt. Gen. Victor Amsel, the commander, spoke.", "Victor Amsel", "Lt. Gen."),
        ("Maj. Gen. Ruth Calder visited troops.", "Ruth Calder", "Maj. Gen."),
        ("said Brig. Gen. Thomas Weidley, CJTF-OIR chief of staff.", "Thomas Weidley", "Brig. Gen."),
        ("Col. Joan Pirelli briefed the press.", "Joan Pirelli", "Col."),
        ("Lt. Col. Omar Haddad led the team.", "Omar Haddad", "Lt. Col."),
        ("Maj. Lisa Fenn answered.", "Lisa Fenn", "Maj."),
        ("Capt. Rob Tiller flew the mission.", "Rob Tiller", "Capt."),
        ("1st Lt. Aaron Voss commanded the platoon.", "Aaron Voss", "1st Lt."),
        ("Sgt. Maj. Dana Kirk inspected the range.", "Dana Kirk", "Sgt. Maj."),
        ("Command Sgt. Maj. Lena Hartwell spoke.", "Lena Hartwell", "Command Sgt. Maj."),
        ("Staff Sgt. Dmitri Kowal taught the class.", "Dmitri Kowal", "Staff Sgt."),
        ("Adm. Carl Brenner arrived.", "Carl Brenner", "Adm."),
        ("Vice Adm. Nora Steele arrived.", "Nora Steele", "Vice Adm."),
        ("Rear Adm. Ian Cole arrived.", "Ian Cole", "Rear Adm."),
        ("Cmdr. Paula Reyes arrived.", "Paula Reyes", "Cmdr."),
        ("Brigadier General Alan Brooks met them.", "Alan Brooks", "Brig. Gen."),
        ("Major General Karwan Salih Ahmed said so.", "Karwan Salih Ahmed", "Maj. Gen."),
        ("Lieutenant Colonel Maria Ostrander said so.", "Maria Ostrander", "Lt. Col."),
        ("Maj Gen Harold Quince said so.", "Harold Quince", "Maj. Gen."),
        ("Lt. Colonel Jane Roe said so.", "Jane Roe", "Lt. Col."),
        ("MAJ. GEN. HAROLD QUINCE: Thank you.", "Harold Quince", "Maj. Gen."),
        ("Gen. Joseph L. Vantor toured the base.", "Joseph Vantor", "Gen."),
        ("Prime Minister Haider al-Rashidi thanked them.", "Haider al-Rashidi", "Prime Minister"),
        ("Lieutenant General Sami al-Rawi told me.", "Sami al-Rawi", "Lt. Gen."),
    ],
)
def test_person_after_rank(body, name, rank):
    people = [m for m in extract_mentions(body) if m.type == "person"]
    assert [(m.name, m.rank) for m in people] == [(name, rank)]
    assert people[0].text == body[people[0].char_start : people[0].char_end]
    assert not people[0].text.startswith(rank.split()[0])  # the mention is the name, without the rank


@pytest.mark.parametrize(
    "body",
    [
        "Major combat operations ended in 2017.",
        "The General Assembly met in New York.",
        "The commander said the officials agreed.",
        "Officials said the coalition would continue.",
        "the Coalition's military spokesperson said.",
    ],
)
def test_no_person(body):
    assert names(body, "person") == []


def test_surname_mentions_resolve_to_the_full_name_and_its_rank():
    body = (
        "Brig. Gen. Thomas Weidley spoke first. Weidley said more was needed. Later Gen. Weidley added a note. "
        "Thomas Weidley left at noon."
    )
    people = [m for m in extract_mentions(body) if m.type == "person"]
    assert [m.text for m in people] == ["Thomas Weidley", "Weidley", "Weidley", "Thomas Weidley"]
    assert {m.name for m in people} == {"Thomas Weidley"}
    assert {m.rank for m in people} == {"Brig. Gen."}


def test_possessive_is_not_part_of_the_name():
    body = "Brig. Gen. Thomas Weidley’s staff met. Weidley's aide spoke."
    assert [(m.text, m.name) for m in extract_mentions(body)] == [
        ("Thomas Weidley", "Thomas Weidley"),
        ("Weidley", "Thomas Weidley"),
    ]


def test_surname_without_its_article():
    body = "The group's leader Abu Bakr al-Baghdadi hid. Baghdadi fled. Near Al Baghdadi, one strike hit."
    assert [(m.text, m.name, m.type) for m in extract_mentions(body)] == [
        ("Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdadi", "person"),
        ("Baghdadi", "Abu Bakr al-Baghdadi", "person"),
        ("Al Baghdadi", "Al Baghdadi", "location"),
    ]


def test_surname_before_full_name_still_resolves():
    body = "COL. DOE: Good morning.\n\nCOLONEL JANE DOE: I am the spokesperson."
    assert names(body, "person") == ["Jane Doe", "Jane Doe"]


def test_surname_of_two_people_goes_to_the_nearest_preceding():
    body = "Col. Ann Ross spoke. Then Maj. Ben Ross spoke. Maj. Ross left."
    assert names(body, "person") == ["Ann Ross", "Ben Ross", "Ben Ross"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "COLONEL JANE DOE: Good morning.\n\nQ: Colonel, a question.\n\nCOL. DOE: Yes.",
            [("Jane Doe", "JANE DOE"), ("Jane Doe", "DOE")],
        ),
        ("Lieutenant General John Roe: Thanks for having me.", [("John Roe", "John Roe")]),
        ("MR. PAUL HENNIGAN: That's all the time we have.", [("Paul Hennigan", "PAUL HENNIGAN")]),
        ("JOHN KIRBELL: Good afternoon.", [("John Kirbell", "JOHN KIRBELL")]),
        ("STAFF: (Off mic.)\n\nQ: Thank you.\n\nMODERATOR: Next question.", []),
        ("RELATED LINKS:\n\nNOTE TO EDITORS: none.", []),
        ("Q: Hi Colonel, this is Tom Greer with Frontline Wire. A question.", [("Tom Greer", "Tom Greer")]),
        ("Q: General, Jamie Ortiz, Levant Monitor. Are you seeing it?", [("Jamie Ortiz", "Jamie Ortiz")]),
    ],
)
def test_transcript_labels(body, expected):
    assert [(m.name, m.text) for m in extract_mentions(body) if m.type == "person"] == expected


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Hawre Jalal, a spokesman for the ministry, spoke to reporters.", "Hawre Jalal"),
        ("Jane Roe, the Coalition's military spokesperson, declined to comment.", "Jane Roe"),
        ("“We are ready,” said Nadia Farouk, who leads the council.", "Nadia Farouk"),
        ("The militia's spokesman Ryan Dillard said nothing.", "Ryan Dillard"),
    ],
)
def test_person_with_role_or_attribution_without_rank(body, name):
    assert names(body, "person") == [name]


@pytest.mark.parametrize(
    ("speaker", "name"),
    [
        ("Brig. Gen. Thomas Weidley", "Thomas Weidley"),
        ("Lt. Gen. James Terry, CJTF-OIR commander", "James Terry"),
        ("COLONEL JANE DOE", "Jane Doe"),
        ("Maj Gen Harold Quince", "Harold Quince"),
        ("Gen. Joseph L. Vantor", "Joseph Vantor"),
        ("Lt. Col. John Roe Jr.", "John Roe"),
        ("Col. Wayne Marotto", "Wayne Marotto"),
        ("MR REYNOLDS", "Reynolds"),
        ("Thomas Weidley’s office", "Thomas Weidley"),
        ("CJTF-OIR", None),
        ("Coalition officials", None),
        ("the Ministry of Peshmerga", None),
        ("a senior coalition officer", None),
        ("one of the Australian Defense Force attendees", None),
        ("", None),
    ],
)
def test_canonical_person_name(speaker, name):
    assert canonical_person_name(speaker) == name


def test_canonical_person_name_agrees_with_mentions_and_resolves_surnames():
    body = "Col. Wayne Marotto spoke. Col. Marotto added that the work goes on."
    mentions = extract_mentions(body)
    assert canonical_person_name("Col. Wayne Marotto") == mentions[0].name
    assert canonical_person_name("Col. Marotto", mentions) == "Wayne Marotto"


# --- organizations ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "surface",
    [
        "ISIS",
        "ISIL",
        "Daesh",
        "Da'esh",
        "Da’esh",
        "DAESH",
        "Islamic State",
        "Islamic State of Iraq and the Levant",
        "Islamic State of Iraq and Syria",
    ],
)
def test_enemy_names_are_isis(surface):
    mention = one(f"The fight against {surface} continues.", surface)
    assert (mention.name, mention.type) == ("ISIS", "organization")


@pytest.mark.parametrize(
    "surface",
    [
        "CJTF-OIR",
        "Combined Joint Task Force - Operation Inherent Resolve",
        "Combined Joint Task Force – Operation Inherent Resolve",
        "Combined Joint Task Force — Operation Inherent Resolve",
        "Combined Joint Task Force-Operation Inherent Resolve",
        "CJTF - Operation Inherent Resolve",
        "Combined Joint Task Force Operation Inherent Resolve",
    ],
)
def test_task_force_spellings(surface):
    mention = one(f"A delegation from the {surface} arrived.", surface)
    assert mention.name == "CJTF-OIR"


@pytest.mark.parametrize(
    ("body", "surface", "name"),
    [
        ("Iraqi and Kurdish Security Force personnel trained.", "Kurdish Security Force", "Kurdish Security Forces"),
        ("units of the Peshmerga forces moved", "Peshmerga forces", "Peshmerga"),
        ("the Security Forces of Iraq will prevail", "Security Forces of Iraq", "Iraqi Security Forces"),
        ("select ISF/KSF headquarters units", "KSF", "Kurdish Security Forces"),
        ("according to U.S. Central Command.", "U.S. Central Command", "U.S. Central Command"),
        ("the Iraqi government said", "Iraqi government", "Government of Iraq"),
    ],
)
def test_organization_aliases(body, surface, name):
    mention = one(body, surface)
    assert (mention.name, mention.type) == (name, "organization")


@pytest.mark.parametrize(
    ("body", "surface", "type_"),
    [
        ("He met the Ministry of Water Resources today.", "Ministry of Water Resources", "organization"),
        ("The Nineveh Plains Guard Forces held the line.", "Nineveh Plains Guard Forces", "organization"),
        ("a Joint Fires Coordination Center was built", "Joint Fires Coordination Center", "organization"),
        ("The Samarra Operations Command directed it.", "Samarra Operations Command", "organization"),
        ("fighters of Task Force Lion Rock cleared it", "Task Force Lion Rock", "organization"),
        ("west of the Qara Chokh Valley, fighting continued", "Qara Chokh Valley", "location"),
        ("an Italian Army engineer officer", "Italian Army", "organization"),
        ("The Anbar Provincial Council of Elders met.", "Anbar Provincial Council of Elders", "organization"),
        ("A Danish Ministry of Defence spokesman spoke.", "Danish Ministry of Defence", "organization"),
        ("Q: Sir, Jamie Ortiz, Levant Monitor. A question.", "Levant Monitor", "organization"),
    ],
)
def test_unseen_names_by_shape(body, surface, type_):
    mention = one(body, surface)
    assert (mention.name, mention.type) == (surface, type_)


def test_acronym_defined_in_text_is_learned_for_the_release():
    body = (
        "The Nahrawan Tribal Defense Force (NTDF) guards the road. NTDF patrols began in May. "
        "Many nations take part in the Building Partner Capacity (BPC) program; BPC grew."
    )
    found = [(m.text, m.name) for m in extract_mentions(body)]
    assert found == [
        ("Nahrawan Tribal Defense Force", "Nahrawan Tribal Defense Force"),
        ("NTDF", "Nahrawan Tribal Defense Force"),
        ("NTDF", "Nahrawan Tribal Defense Force"),
    ]


def test_acronym_is_not_learned_by_another_release():
    extract_mentions("The Nahrawan Tribal Defense Force (NTDF) guards the road.")
    assert extract_mentions("NTDF patrols began in May.") == []


@pytest.mark.parametrize(
    "body",
    [
        "Coalition forces conducted strikes; the Coalition remains committed.",
        "Coalition Forces and Partner Forces met officials.",
        "The Security Forces were praised by officials.",
        "Many nations take part in the Building Partner Capacity (BPC) training mission.",
        "Several coalition nations contribute to the Advise and Assist mission.",
        "Operation Inherent Resolve continues.",
        "Task Force officials define a strike as one or more kinetic events.",
    ],
)
def test_generic_words_are_not_entities(body):
    assert extract_mentions(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "By Sgt. Kevin Marsh, Combined Joint Task Force - Operation Inherent Resolve Public Affairs\n\nText.",
        "By Jim Garlow, DoD News, Defense Media Activity\n\nText.",
        "From a Combined Joint Task Force Operation Inherent Resolve News Release\n\nText.",
        "Combined Joint Task Force - Operation Inherent Resolve Public Affairs",
        "(U.S. Army photo by Sgt. Jane Roe)",
        "Story by Spc. John Doe, 1st Cavalry Division",
    ],
)
def test_nothing_from_bylines(body):
    assert extract_mentions(body) == []


def test_a_sentence_opening_with_by_is_not_a_byline():
    assert names("By March, ISIS had lost Mosul.") == ["ISIS", "Mosul"]


# --- places ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "name"),
    [
        (["Raqqa", "Raqqah", "Ar Raqqah"], "Raqqa"),
        (["Bayji", "Baiji", "Beiji"], "Bayji"),
        (["Dayr Az Zawr", "Deir ez-Zor"], "Dayr Az Zawr"),
        (["Erbil", "Irbil"], "Erbil"),
        (["Shadaddi", "Al Shadaddi", "Ash Shaddadi"], "Ash Shaddadi"),
        (["Qaim", "Al Qaim"], "Al Qaim"),
        (["Abu Kamal", "Albu Kamal"], "Abu Kamal"),
        (["Tal Afar", "Tall Afar"], "Tal Afar"),
    ],
)
def test_place_spelling_variants_merge(variants, name):
    for variant in variants:
        mention = one(f"Strikes continued in {variant} on Monday.", variant)
        assert (mention.name, mention.type) == (name, "location")
        assert mention.latitude is not None and mention.longitude is not None


def test_coordinates_are_plausible_for_the_theatre():
    mosul = one("Fighting in Mosul.", "Mosul")
    assert 36 < mosul.latitude < 37 and 42.5 < mosul.longitude < 43.5


@pytest.mark.parametrize(
    ("line", "town"),
    [
        ("* Near Tal Shuhayl, two strikes destroyed an ISIS cave.", "Tal Shuhayl"),
        ("-- Near Wadi Zuwayra, one strike destroyed a weapons cache.", "Wadi Zuwayra"),
        ("-- Kharab Sayyar, one strike suppressed an ISIS mortar team.", "Kharab Sayyar"),
        ("Near Khirbat Dawud, five airstrikes struck ISIS units.", "Khirbat Dawud"),
        ("Strikes near Umm Jaris destroyed two tunnels.", "Umm Jaris"),
        ("Strikes near Ar Rutbah and Wadi Hawran hit ISIS.", "Wadi Hawran"),
        ("Near Rutbah and Bir Qasab, three strikes destroyed a cache.", "Bir Qasab"),
    ],
)
def test_towns_in_strike_lines_without_gazetteer(line, town):
    mention = one(line, town)
    assert mention.type == "location"


@pytest.mark.parametrize(
    "line",
    [
        "Additionally, four strikes were conducted in Iraq.",
        "Overall, 14 strikes destroyed caves.",
        "Yesterday, two strikes hit.",
        "Likewise, three strikes followed.",
        "In total, 22 strikes were conducted.",
    ],
)
def test_sentence_openers_before_strikes_are_not_towns(line):
    assert [m for m in extract_mentions(line) if m.type == "location" and m.name not in ("Iraq",)] == []


def test_unknown_strike_town_gets_geonames_coordinates():
    mention = one("-- Near Subaykhan, one strike destroyed an ISIS vehicle.", "Subaykhan")
    assert mention.latitude == pytest.approx(34.85, abs=0.05)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("-- Hit, one strike suppressed an ISIS mortar team.", ["Hit", "ISIS"]),
        ("Iraqi forces retook Hit in 2016.", []),
        ("Fighting in Hit continued.", ["Hit"]),
        ("Three strikes hit ISIS positions.", ["ISIS"]),
    ],
)
def test_hit_is_a_town_only_where_a_place_stands(body, expected):
    assert [n for n in names(body) if n != "Iraqi Security Forces"] == expected


def test_dateline_in_capitals_and_us_adjective():
    assert names("MIDDLE EAST – This conference shows how a U.S. mission has grown.") == [
        "Middle East",
        "United States",
    ]


# --- offsets and shape of the output ---------------------------------------------------------------------

_PIECES = [
    "Brig. Gen. Thomas Weidley",
    "said",
    "ISIL",
    "Da’esh",
    "near Ar Raqqah,",
    "the Coalition",
    "Iraqi Security Forces",
    "(ISF)",
    "COL. DOE:",
    "\n\n",
    "\n",
    "-- Hit, one strike",
    "Ministry of Water Resources",
    "officials",
    "Weidley",
    "U.S.",
    "Erbil",
    "Joint Media Center",
    "MIDDLE EAST –",
    "“",
    "”",
    ",",
    ".",
    "Gen.",
    "Major",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from([" ", "  ", "\t", ""]))
def test_offsets_hold_and_mentions_do_not_overlap(pieces, glue):
    body = glue.join(pieces)
    mentions = extract_mentions(body)
    end = -1
    for m in mentions:
        assert body[m.char_start : m.char_end] == m.text
        assert m.text.strip() == m.text and m.text
        assert m.type in ("person", "organization", "location")
        assert m.char_start >= end
        end = m.char_end


_NOISE = st.text(st.sampled_from(list("aAzZ .,:;-–'’“”()*\n\t09İßé")), max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), _NOISE), max_size=30))
def test_arbitrary_text_never_breaks_offsets(pieces):
    body = "".join(pieces)
    mentions = extract_mentions(body)
    assert all(body[m.char_start : m.char_end] == m.text for m in mentions)
    assert all(a.char_end <= b.char_start for a, b in zip(mentions, mentions[1:], strict=False))
    canonical_person_name(body)


def test_empty_body():
    assert extract_mentions("") == []
