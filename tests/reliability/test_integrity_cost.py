"""The blocking span checks are linear in the data: a large release costs seconds, not minutes (issue 20)."""

from __future__ import annotations

import time
from datetime import datetime

import duckdb
import polars as pl
import pytest

from pipelines.quality.spec import read_frame
from pipelines.warehouse import apply_schema, write_frame

SENTENCE = "Near Mosul, five strikes engaged three ISIS tactical units and destroyed a “fighting position.” "


def big_release_warehouse(megabytes: float) -> tuple[duckdb.DuckDBPyConnection, int]:
    """One release of about `megabytes` MB with a metric, a mention and a quote in every sentence, plus one
    span of each kind that is off by one character."""
    body = SENTENCE * int(megabytes * 1_000_000 / len(SENTENCE.encode()))
    conn = duckdb.connect()
    apply_schema(conn)
    write_frame(
        conn,
        "releases",
        [
            {
                "release_id": "r1",
                "content_sha256": "s",
                "kind": "strike_report",
                "body": body,
                "word_count": 1,
                "extractor_version": "v",
                "ingested_at": datetime(2024, 1, 1),
            }
        ],
    )
    starts = list(range(0, len(body), len(SENTENCE)))
    n = len(starts)
    five, units, quote = SENTENCE.index("five"), SENTENCE.index("ISIS"), SENTENCE.index("fighting")
    conn.register(
        "_spans",
        pl.DataFrame({"s": starts, "i": range(n)}).to_arrow(),
    )
    conn.execute(
        f"""
        INSERT INTO metrics (metric_id, release_id, name, value, qualifier, is_cumulative, text, char_start, char_end)
        SELECT 'm' || i, 'r1', 'strikes', 5, 'exact', false, 'five strikes', s + {five} + (i = 7)::INT,
               s + {five} + 12 + (i = 7)::INT FROM _spans;
        INSERT INTO entity_mentions (mention_id, release_id, entity_id, text, char_start, char_end)
        SELECT 'e' || i, 'r1', 'isis', 'ISIS', s + {units} + (i = 8)::INT, s + {units} + 4 + (i = 8)::INT FROM _spans;
        INSERT INTO quotes (quote_id, release_id, quote_text, is_anonymous, char_start, char_end)
        SELECT 'q' || i, 'r1', 'fighting position.', false, s + {quote} + (i = 9)::INT,
               s + {quote} + 18 + (i = 9)::INT FROM _spans;
        """
    )
    return conn, n


def integrity_seconds(conn: duckdb.DuckDBPyConnection) -> tuple[float, dict[str, list]]:
    started = time.monotonic()
    frames = {name: read_frame(conn, f"{name}_integrity.sql") for name in ("metrics", "entity_mentions", "quotes")}
    elapsed = time.monotonic() - started
    return elapsed, {name: frame["span_matches_text"].tolist() for name, frame in frames.items()}


@pytest.mark.parametrize("megabytes", [1, 5])
def test_span_checks_of_a_large_release_take_seconds_and_still_find_the_bad_span(megabytes: float) -> None:
    conn, n = big_release_warehouse(megabytes)
    elapsed, matches = integrity_seconds(conn)
    for name, values in matches.items():
        assert len(values) == n
        assert values.count(False) == 1, name  # the one span shifted by a character
        assert values.count(True) == n - 1, name
    assert elapsed < 10 * megabytes, f"{elapsed:.1f} s for a {megabytes} MB release"


if __name__ == "__main__":  # figures for the README: python -m tests.reliability.test_integrity_cost
    for size in (1, 2, 5, 20):
        connection, spans = big_release_warehouse(size)
        seconds, _ = integrity_seconds(connection)
        print(f"{size:>3} MB release, {spans:,} spans of each kind: {seconds:.1f} s for the three integrity queries")
