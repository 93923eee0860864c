"""The SQL that links a quote's speaker to the person entity of its release (sql/pipeline/link_quote_speakers.sql)."""

from __future__ import annotations

import duckdb

from pipelines import settings

LINK = (settings.SQL_DIR / "pipeline" / "link_quote_speakers.sql").read_text(encoding="utf-8")


def linked(speakers: list[str], people: list[str]) -> list[str | None]:
    """The entity each speaker of release r1 is linked to, when r1 mentions `people`."""
    conn = duckdb.connect()
    conn.execute("CREATE TABLE entities (entity_id VARCHAR, name VARCHAR)")
    conn.execute(
        "CREATE TABLE entity_mentions (release_id VARCHAR, entity_id VARCHAR, entity_type VARCHAR, entity_name VARCHAR)"
    )
    conn.execute(
        "CREATE TABLE quotes (quote_id VARCHAR, release_id VARCHAR, speaker VARCHAR, is_anonymous BOOLEAN, "
        "speaker_entity_id VARCHAR)"
    )
    for name in people:
        conn.execute("INSERT INTO entities VALUES (?, ?)", [f"e:{name}", name])
        conn.execute("INSERT INTO entity_mentions VALUES ('r1', ?, 'person', ?)", [f"e:{name}", name])
    for n, speaker in enumerate(speakers):
        conn.execute("INSERT INTO quotes VALUES (?, 'r1', ?, false, NULL)", [f"q{n}", speaker])
    conn.execute(LINK)
    rows = conn.execute("SELECT speaker_entity_id FROM quotes ORDER BY quote_id").fetchall()
    return [r[0] for r in rows]


def test_surname_capitals_and_rank_changes_link_to_the_one_person():
    people = ["Myles Caggins", "Dana Whitford"]
    speakers = ["Colonel Myles B. Caggins III", "Col. Caggins", "CAGGINS", "Brig. Gen. Dana Whitford", "Whitford."]
    assert linked(speakers, people) == ["e:Myles Caggins"] * 3 + ["e:Dana Whitford"] * 2


def test_two_people_with_one_surname_are_not_guessed():
    assert linked(["Mr. Barzani"], ["Masrour Barzani", "Nechirvan Barzani"]) == [None]
