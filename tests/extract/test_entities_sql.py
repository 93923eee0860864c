"""sql/examples/enemy_naming_drift.sql on a small warehouse filled from extract_mentions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from pipelines.extract.entities import extract_mentions
from pipelines.extract.records import entity_id, stable_id

ROOT = Path(__file__).resolve().parents[2]

RELEASES = [
    (
        "r1",
        date(2015, 5, 26),
        "ISIL fighters fled. The fight against Daesh and the Islamic State of Iraq and the "
        "Levant goes on; ISIL lost ground.",
        None,
    ),
    ("r2", date(2015, 5, 27), "ISIL fighters fled.", "r1"),  # a copy: counted once
    (
        "r3",
        date(2017, 3, 22),
        "Strikes continue against ISIS in Syria. ISIS lost Tabqa. Islamic State media lied.",
        None,
    ),
    ("r4", date(2017, 3, 2), "Peshmerga forces fought Da’esh near Makhmour.", None),
]


def test_enemy_naming_drift_per_month():
    conn = duckdb.connect()
    for schema in sorted((ROOT / "sql" / "schema").glob("*.sql")):  # the tables as the pipeline makes them
        conn.execute(schema.read_text(encoding="utf-8"))
    seen = {}
    for release_id, published, body, duplicate_of in RELEASES:
        conn.execute(
            "INSERT INTO releases (release_id, content_sha256, published_date, kind, body, word_count, duplicate_of,"
            " extractor_version, ingested_at) VALUES (?, ?, ?, 'news', ?, ?, ?, 'test', now())",
            [release_id, release_id, published, body, len(body.split()), duplicate_of],
        )
        for m in extract_mentions(body):
            eid = entity_id(m.type, m.name)
            seen[eid] = (m.name, m.type)
            conn.execute(
                "INSERT INTO entity_mentions (mention_id, release_id, entity_id, text, char_start, char_end)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [stable_id(release_id, m.char_start), release_id, eid, m.text, m.char_start, m.char_end],
            )
    for eid, (name, type_) in seen.items():
        conn.execute("INSERT INTO entities (entity_id, name, type) VALUES (?, ?, ?)", [eid, name, type_])

    rows = conn.execute((ROOT / "sql" / "examples" / "enemy_naming_drift.sql").read_text(encoding="utf-8")).fetchall()
    # month, isil, isis, daesh, islamic_state, other, mentions, isil_pct, isis_pct, daesh_pct
    assert [r[:7] for r in rows] == [
        (date(2015, 5, 1), 3, 0, 1, 0, 0, 4),
        (date(2017, 3, 1), 0, 2, 1, 1, 0, 4),
    ]
    assert rows[0][7] == 75.0
