"""Corrupt a copy of the clean fixture warehouse on purpose; the matching check fails with the right severity,
names the failed expectation and shows the offending rows. The other checks are not dragged down with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import dagster as dg
import duckdb
import pytest

from pipelines.quality.checks import check_result
from pipelines.quality.suites import ALL_CHECKS
from tests.quality.fixture_warehouse import NEWS, STRIKES, drop_constraints, release_id_of

CHECKS = {c.name: c for c in ALL_CHECKS}


@dataclass(frozen=True)
class Case:
    id: str
    corrupt: Callable[[duckdb.DuckDBPyConnection], None]
    check: str
    expectation: str  # Expect.label of the expectation that must fail
    offending: str | None = None  # a value that must appear among the offending rows


def duplicate_release(conn):
    drop_constraints(conn, "releases")
    conn.execute("INSERT INTO releases SELECT * FROM releases WHERE source_path LIKE '%news%'")


def duplicate_metric_id(conn):
    drop_constraints(conn, "metrics")
    conn.execute("INSERT INTO metrics SELECT * REPLACE ('m-dup' AS metric_id) FROM metrics LIMIT 1")
    conn.execute("INSERT INTO metrics SELECT * REPLACE ('m-dup' AS metric_id) FROM metrics LIMIT 1")


def null_quote_id(conn):
    drop_constraints(conn, "quotes")
    conn.execute("UPDATE quotes SET quote_id = NULL WHERE quote_id = (SELECT min(quote_id) FROM quotes)")


def dangling_quote_release(conn):
    conn.execute("UPDATE quotes SET release_id = 'no-such-release' WHERE quote_id = (SELECT min(quote_id) FROM quotes)")


def dangling_metric_release(conn):
    conn.execute("UPDATE metrics SET release_id = 'no-such-release' WHERE name = 'soldiers' AND value = 120")


def dangling_mention_release(conn):
    conn.execute("UPDATE entity_mentions SET release_id = 'no-such-release' WHERE text = 'Mosul'")


def dangling_mention_entity(conn):
    conn.execute("UPDATE entity_mentions SET entity_id = 'no-such-entity' WHERE text = 'Camp Taji'")


def dangling_speaker(conn):
    conn.execute(
        "UPDATE quotes SET speaker_entity_id = 'no-such-person' WHERE quote_id = (SELECT max(quote_id) FROM quotes)"
    )


def metric_offset_past_body(conn):
    conn.execute("UPDATE metrics SET char_end = 100000 WHERE name = 'fighting_positions'")


def metric_span_shifted(conn):
    conn.execute("UPDATE metrics SET char_start = char_start + 1, char_end = char_end + 1 WHERE value = 18000")


def quote_span_shifted(conn):
    conn.execute("UPDATE quotes SET char_start = char_start - 3 WHERE quote_id = (SELECT min(quote_id) FROM quotes)")


def mention_negative_offset(conn):
    conn.execute("UPDATE entity_mentions SET char_start = -5 WHERE text = 'ISIS'")


def mention_half_offsets(conn):
    conn.execute("UPDATE entity_mentions SET char_end = NULL WHERE text = 'Syria'")


def kind_out_of_set(conn):
    conn.execute("UPDATE releases SET kind = 'press_kit' WHERE kind = 'news'")


def qualifier_out_of_set(conn):
    conn.execute("UPDATE metrics SET qualifier = 'roughly' WHERE value = 120")


def entity_type_out_of_set(conn):
    conn.execute("UPDATE entities SET type = 'vessel' WHERE name = 'Mosul'")


def mention_type_out_of_set(conn):
    conn.execute("UPDATE entity_mentions SET entity_type = 'place' WHERE text = 'Iraq'")


def countries_do_not_sum(conn):
    conn.execute("UPDATE metrics SET value = 9 WHERE name = 'strikes' AND location = 'Iraq'")


def fewer_engagements_than_strikes(conn):
    conn.execute("UPDATE metrics SET value = 2 WHERE name = 'engagements' AND location = 'Syria'")


def falling_cumulative(conn):
    # A later release (copied from the strike report, new id and date) reports a smaller running total.
    later = "later-strike-report"
    conn.execute(
        f"INSERT INTO releases SELECT * REPLACE ('{later}' AS release_id, DATE '2017-05-01' AS published_date, "
        f"body || ' ' AS body) FROM releases WHERE kind = 'strike_report'"
    )
    conn.execute(
        f"INSERT INTO metrics SELECT * REPLACE ('falling-total' AS metric_id, '{later}' AS release_id, "
        "17500.0 AS value) FROM metrics WHERE is_cumulative AND name = 'strikes'"
    )


def negative_value(conn):
    conn.execute("UPDATE metrics SET value = -4 WHERE name = 'fighting_positions'")


def implausible_value(conn):
    conn.execute("UPDATE metrics SET value = 2017 WHERE name = 'strikes' AND location = 'Al Qaim'")


def duplicate_metric_row(conn):
    conn.execute(
        "INSERT INTO metrics SELECT * REPLACE ('copied-metric' AS metric_id) FROM metrics "
        "WHERE name = 'fighting_positions'"
    )


def period_after_publication(conn):
    conn.execute(
        "UPDATE metrics SET period_start = DATE '2017-12-30', period_end = DATE '2017-12-30' "
        "WHERE name = 'strikes' AND location = 'Al Qaim'"
    )


def future_date(conn):
    conn.execute("UPDATE releases SET published_date = DATE '2099-01-01' WHERE kind = 'news'")


def unflagged_duplicate_release(conn):
    conn.execute(
        "INSERT INTO releases SELECT * REPLACE ('copy-of-news' AS release_id, "
        "ingested_at + INTERVAL 1 HOUR AS ingested_at) FROM releases WHERE kind = 'news'"
    )


def duplicate_of_dangling(conn):
    conn.execute("UPDATE releases SET duplicate_of = 'vanished-release' WHERE kind = 'news'")


def many_rejections(conn):
    conn.execute(
        "INSERT INTO rejected_files SELECT 'junk/' || i || '.txt', NULL, 0, 'empty file', now(), NULL "
        "FROM range(5) t(i)"
    )


def short_quote(conn):
    conn.execute(
        "INSERT INTO quotes SELECT * REPLACE ('short-quote' AS quote_id, 'Camp Taji' AS quote_text, "
        "NULL AS char_start, NULL AS char_end) FROM quotes LIMIT 1"
    )


def rank_on_place(conn):
    conn.execute("UPDATE entities SET rank = 'Col.' WHERE name = 'Camp Taji'")


CASES = [
    Case("duplicate release id", duplicate_release, "releases_integrity", "column_values_to_be_unique(release_id)"),
    Case(
        "duplicate metric id",
        duplicate_metric_id,
        "metrics_integrity",
        "column_values_to_be_unique(metric_id)",
        "m-dup",
    ),
    Case("null quote id", null_quote_id, "quotes_integrity", "column_values_to_not_be_null(quote_id)"),
    Case(
        "quote -> missing release",
        dangling_quote_release,
        "quotes_integrity",
        "column_values_to_be_in_set(release_found)",
        "no-such-release",
    ),
    Case(
        "metric -> missing release",
        dangling_metric_release,
        "metrics_integrity",
        "column_values_to_be_in_set(release_found)",
        "no-such-release",
    ),
    Case(
        "mention -> missing release",
        dangling_mention_release,
        "entity_mentions_integrity",
        "column_values_to_be_in_set(release_found)",
        "no-such-release",
    ),
    Case(
        "mention -> missing entity",
        dangling_mention_entity,
        "entities_integrity",
        "table_row_count_to_equal",
        "no-such-entity",
    ),
    Case(
        "speaker -> missing entity",
        dangling_speaker,
        "quotes_integrity",
        "column_values_to_be_in_set(speaker_entity_found)",
        "no-such-person",
    ),
    Case(
        "metric offset past the body",
        metric_offset_past_body,
        "metrics_integrity",
        "column_pair_values_a_to_be_greater_than_b(body_length, char_end)",
        100000,
    ),
    Case(
        "metric span shifted", metric_span_shifted, "metrics_integrity", "column_values_to_be_in_set(span_matches_text)"
    ),
    Case("quote span shifted", quote_span_shifted, "quotes_integrity", "column_values_to_be_in_set(span_matches_text)"),
    Case(
        "mention negative offset",
        mention_negative_offset,
        "entity_mentions_integrity",
        "column_values_to_be_between(char_start)",
        -5,
    ),
    Case(
        "mention with one offset",
        mention_half_offsets,
        "entity_mentions_integrity",
        "column_values_to_be_in_set(offsets_paired)",
    ),
    Case("kind out of set", kind_out_of_set, "releases_integrity", "column_values_to_be_in_set(kind)", "press_kit"),
    Case(
        "qualifier out of set",
        qualifier_out_of_set,
        "metrics_integrity",
        "column_values_to_be_in_set(qualifier)",
        "roughly",
    ),
    Case(
        "entity type out of set",
        entity_type_out_of_set,
        "entities_integrity",
        "column_values_to_be_in_set(type)",
        "vessel",
    ),
    Case(
        "mention type out of set",
        mention_type_out_of_set,
        "entity_mentions_integrity",
        "column_values_to_be_in_set(entity_type)",
        "place",
    ),
    Case(
        "countries do not sum",
        countries_do_not_sum,
        "metrics_plausibility",
        "column_pair_values_to_be_equal(total_strikes, country_strikes)",
        16,
    ),
    Case(
        "engagements < strikes",
        fewer_engagements_than_strikes,
        "metrics_plausibility",
        "column_pair_values_a_to_be_greater_than_b(engagements, strikes)",
        "Syria",
    ),
    Case(
        "cumulative series falls",
        falling_cumulative,
        "metrics_plausibility",
        "column_pair_values_a_to_be_greater_than_b(day_min, earlier_max)",
        17500,
    ),
    Case("negative value", negative_value, "metrics_plausibility", "column_values_to_be_between(value)", -4),
    Case(
        "implausible value",
        implausible_value,
        "metrics_plausibility",
        "column_pair_values_a_to_be_greater_than_b(max_plausible, value)",
        2017,
    ),
    Case(
        "duplicate metric row",
        duplicate_metric_row,
        "metrics_plausibility",
        "column_values_to_be_in_set(duplicate_row)",
        "copied-metric",
    ),
    Case(
        "period after publication",
        period_after_publication,
        "metrics_plausibility",
        "column_values_to_be_in_set(period_after_publication)",
        "2017-12-30",
    ),
    Case(
        "date in the future",
        future_date,
        "releases_plausibility",
        "column_values_to_be_between(published_date)",
        "2099-01-01",
    ),
    Case(
        "unflagged duplicate release",
        unflagged_duplicate_release,
        "releases_plausibility",
        "column_values_to_be_in_set(unflagged_duplicate)",
        "copy-of-news",
    ),
    Case(
        "duplicate_of dangling",
        duplicate_of_dangling,
        "releases_plausibility",
        "column_values_to_be_in_set(duplicate_resolves)",
        "vanished-release",
    ),
    Case("too many rejections", many_rejections, "rejected_files_share", "column_values_to_be_between(rejected_share)"),
    Case(
        "quote under four words",
        short_quote,
        "quotes_plausibility",
        "column_values_to_be_between(word_count)",
        "short-quote",
    ),
    Case(
        "rank on a place",
        rank_on_place,
        "entities_plausibility",
        "column_values_to_be_in_set(rank_on_non_person)",
        "Camp Taji",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_corruption_fails_the_matching_check(quality, conn, case):
    case.corrupt(conn)
    check = CHECKS[case.check]
    outcome = quality.run_check(check, conn)

    assert not outcome.passed
    assert outcome.status == ("failed" if check.blocking else "warn")
    failed = {f.expectation: f for f in outcome.failures}
    assert case.expectation in failed, list(failed)
    failure = failed[case.expectation]
    assert failure.error is None
    if case.offending is not None:
        assert any(case.offending in row.values() for row in failure.rows), failure.rows

    result = check_result(outcome)
    assert result.passed is False
    assert result.severity == (dg.AssetCheckSeverity.ERROR if check.blocking else dg.AssetCheckSeverity.WARN)
    assert case.expectation in result.metadata["failed_expectations"].value
    assert result.metadata["expectations_failed"].value == len(outcome.failures)


@pytest.mark.parametrize("case", CASES[:3] + CASES[-3:], ids=lambda c: c.id)
def test_corruption_leaves_unrelated_checks_passing(quality, conn, case):
    case.corrupt(conn)
    related = {case.check}
    unrelated = [c for c in ALL_CHECKS if c.table != CHECKS[case.check].table and c.name not in related]
    for check in unrelated:
        if case.id == "duplicate release id" and check.table in {"quotes", "metrics", "entity_mentions"}:
            continue  # they join releases; a duplicated release may legitimately disturb them
        assert quality.run_check(check, conn).passed, check.name


def test_both_releases_present_for_corruption_fixtures(conn):
    assert release_id_of(conn, NEWS) != release_id_of(conn, STRIKES)
