"""The marts' counting rules, on hand-made contract rows (no extraction involved): each release once, weekly
totals never double the daily breakdown, zeros kept, running totals and copies left out."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from pipelines import settings
from pipelines.warehouse import apply_schema, write_frame

D = date(2018, 3, 14)
NOW = datetime(2018, 3, 20)


def release(release_id, kind="strike_report", published=date(2018, 3, 16), duplicate_of=None):
    return {
        "release_id": release_id,
        "content_sha256": release_id,
        "kind": kind,
        "body": "…",
        "word_count": 1,
        "published_date": published,
        "duplicate_of": duplicate_of,
        "extractor_version": "t",
        "ingested_at": NOW,
    }


def metric(release_id, name, value, location, start, end=None, *, action=None, cumulative=False):
    metric.n += 1
    return {
        "metric_id": f"m{metric.n}",
        "release_id": release_id,
        "name": name,
        "value": value,
        "qualifier": "exact",
        "action": action,
        "location": location,
        "period_start": start,
        "period_end": end or start,
        "is_cumulative": cumulative,
        "text": f"{value} {name}",
    }


metric.n = 0

WEEK = (date(2018, 3, 9), date(2018, 3, 15))
RELEASES = [
    release("weekly"),  # a week with a daily breakdown
    release("weekly_copy", duplicate_of="weekly"),
    release("summary"),  # a week with no daily breakdown
    release("news", kind="news"),  # repeats a report's figure
    release("daily", published=date(2018, 3, 15)),
]
METRICS = [
    metric("weekly", "strikes", 9, "Iraq and Syria", *WEEK),
    metric("weekly", "strikes", 5, "Syria", D),
    metric("weekly", "engagements", 8, "Syria", D),
    metric("weekly", "strikes", 4, "Iraq", date(2018, 3, 13)),
    metric("weekly", "strikes", 0, "Syria", date(2018, 3, 13)),
    metric("weekly", "strikes", 5, "Abu Kamal", D),
    metric("weekly", "tactical_units", 2, "Abu Kamal", D, action="engage"),
    metric("weekly", "fighting_positions", 3, "Abu Kamal", D, action="destroy"),
    metric("weekly_copy", "strikes", 5, "Syria", D),
    metric("summary", "strikes", 30, "Iraq", date(2018, 3, 2), date(2018, 3, 8)),
    metric("news", "strikes", 5, "Syria", D),
    metric("news", "airstrikes", 29000, "Iraq and Syria", None, None, cumulative=True),
    metric("daily", "strikes", 2, "Syria and Iraq", D),
    metric("daily", "strikes", 3, "Iraq", date(2018, 3, 11), date(2018, 3, 12)),  # a late addition
]
QUOTES = [
    {
        "quote_id": "q1",
        "release_id": "news",
        "quote_text": "We will stay as long as we are needed",
        "speaker": "Col. Dana Doe",
        "speaker_entity_id": "p1",
        "is_anonymous": False,
        "speaker_role": "spokesperson",
    },
    {
        "quote_id": "q2",
        "release_id": "news",
        "quote_text": "The partners did the hard work here",
        "speaker": "Col. Doe",
        "speaker_entity_id": "p1",
        "is_anonymous": False,
    },
    {
        "quote_id": "q3",
        "release_id": "news",
        "quote_text": "It was a long night for all of us",
        "speaker": "a senior coalition officer",
        "is_anonymous": True,
    },
    {
        "quote_id": "q4",
        "release_id": "weekly_copy",
        "quote_text": "A copy does not count twice here",
        "speaker": "Col. Doe",
        "speaker_entity_id": "p1",
        "is_anonymous": False,
    },
]
ENTITIES = [
    {"entity_id": "p1", "name": "Dana Doe", "type": "person"},
    {"entity_id": "isis", "name": "ISIS", "type": "organization"},
]
MENTIONS = [
    {"mention_id": f"e{i}", "release_id": rid, "entity_id": "isis", "text": "ISIS"}
    for i, rid in enumerate(["weekly", "weekly", "news", "weekly_copy"])
]


@pytest.fixture(scope="module")
def conn():
    with duckdb.connect() as conn:
        apply_schema(conn)
        for table, rows in [
            ("releases", RELEASES),
            ("metrics", METRICS),
            ("quotes", QUOTES),
            ("entities", ENTITIES),
            ("entity_mentions", MENTIONS),
        ]:
            write_frame(conn, table, rows)
        for mart in sorted((settings.SQL_DIR / "marts").glob("*.sql")):
            conn.execute(f"CREATE TABLE {mart.stem} AS {mart.read_text(encoding='utf-8').strip().rstrip(';')}")
        yield conn


def rows(conn, sql):
    return conn.execute(sql).fetchall()


def test_strikes_daily_each_count_once(conn):
    got = rows(conn, "SELECT activity_date, country, strikes, spans_days FROM strikes_daily ORDER BY ALL")
    assert got == [
        (date(2018, 3, 8), "Iraq", 30, 7),  # weekly summary without breakdown: on its last day
        (date(2018, 3, 12), "Iraq", 3, 2),  # late addition for two days: flagged
        (date(2018, 3, 13), "Iraq", 4, 1),
        (date(2018, 3, 13), "Syria", 0, 1),  # an explicit zero stays
        (date(2018, 3, 14), "Iraq and Syria", 2, 1),  # "Syria and Iraq" spelled one way
        (date(2018, 3, 14), "Syria", 5, 1),  # not 10 (copy) nor 15 (news)
    ]  # the weekly total of 9 is dropped: days are listed


def test_metric_daily_keeps_periods_apart(conn):
    got = rows(
        conn,
        "SELECT activity_date, period_days, location, value, release_count FROM metric_daily "
        "WHERE name = 'strikes' ORDER BY ALL",
    )
    assert (date(2018, 3, 15), 7, "Iraq and Syria", 9, 1) in got
    assert (date(2018, 3, 14), 1, "Syria", 10, 2) in got  # weekly + news, never the copy
    assert (date(2018, 3, 13), 1, "Syria", 0, 1) in got
    assert not rows(conn, "SELECT * FROM metric_daily WHERE name = 'airstrikes'")  # running totals left out


def test_strike_targets_are_town_targets(conn):
    assert rows(conn, "SELECT activity_date, town, target, action, count FROM strike_targets ORDER BY ALL") == [
        (D, "Abu Kamal", "fighting_positions", "destroy", 3),
        (D, "Abu Kamal", "tactical_units", "engage", 2),
    ]


def test_quotes_by_speaker_groups_by_person(conn):
    got = rows(conn, "SELECT speaker, quote_count, is_anonymous, speaker_role FROM quotes_by_speaker ORDER BY ALL")
    assert got == [("Dana Doe", 2, False, "spokesperson"), ("a senior coalition officer", 1, True, None)]


def test_entity_trends_counts_each_release_once(conn):
    assert rows(conn, "SELECT month, name, mention_count, release_count FROM entity_trends") == [
        (date(2018, 3, 1), "ISIS", 3, 2)
    ]
