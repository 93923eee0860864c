"""metrics: keys, release link, qualifier and offsets (blocking); values, strike report arithmetic and running
totals (warnings)."""

from __future__ import annotations

from datetime import datetime

import duckdb

from pipelines.extract.records import QUALIFIERS
from pipelines.quality.bounds import max_plausible
from pipelines.quality.spec import Check, Suite, expect, read_frame
from pipelines.quality.suites.common import EARLIEST_DATE, offsets, primary_key, release_link


def load_values(conn: duckdb.DuckDBPyConnection):
    """metrics_values.sql plus each row's plausible maximum from data/metric_bounds.tsv."""
    import pandas as pd  # lazily: the Dagster definitions import this module

    frame = read_frame(conn, "metrics_values.sql")
    frame["max_plausible"] = pd.Series(
        [
            max_plausible(name, bool(cumulative))
            for name, cumulative in zip(frame["name"], frame["is_cumulative"], strict=False)
        ],
        index=frame.index,
        dtype="float64",
    )
    return frame


integrity = Suite(
    name="metrics.integrity",
    sql="metrics_integrity.sql",
    key_columns=(
        "metric_id",
        "release_id",
        "name",
        "value",
        "qualifier",
        "char_start",
        "char_end",
        "body_length",
        "text_head",
    ),
    expectations=(
        *primary_key("metric_id"),
        release_link(),
        expect(
            "column_values_to_be_in_set",
            f"qualifier is one of {', '.join(QUALIFIERS)}",
            column="qualifier",
            value_set=list(QUALIFIERS),
        ),
        *offsets("text"),
    ),
)

values = Suite(
    name="metrics.values",
    loader=load_values,
    key_columns=(
        "metric_id",
        "release_id",
        "name",
        "value",
        "max_plausible",
        "location",
        "period_start",
        "period_end",
        "published_date",
        "text_head",
    ),
    expectations=(
        expect("column_values_to_be_between", "counts are never negative", column="value", min_value=0),
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "a value above its name's plausible maximum "
            "(data/metric_bounds.tsv, one for period counts, one for running totals) is more likely a year or an identifier read as a count",
            column_A="max_plausible",
            column_B="value",
            or_equal=True,
        ),
        expect(
            "column_values_to_match_regex",
            "names are snake_case plural nouns (`fighting_positions`)",
            column="name",
            regex=r"^[a-z][a-z0-9_]*$",
        ),
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "a period ends on or after its start",
            column_A="period_end",
            column_B="period_start",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        expect(
            "column_values_to_be_between",
            f"activity periods start in the campaign ({EARLIEST_DATE.year} on)",
            column="period_start",
            min_value=datetime.combine(EARLIEST_DATE, datetime.min.time()),
        ),
        expect(
            "column_values_to_be_in_set",
            "things happen before they are reported: a period starting after the "
            "release's date is a date resolved into the wrong year or month",
            column="period_after_publication",
            value_set=[False],
        ),
        expect(
            "column_values_to_be_in_set",
            "the same count extracted twice from the same span (duplicates flagged)",
            column="duplicate_row",
            value_set=[False],
        ),
    ),
)

strike_sums = Suite(
    name="metrics.strike_report_sums",
    sql="strike_report_sums.sql",
    expectations=(
        expect(
            "column_pair_values_to_be_equal",
            "in a strike report the strikes in Syria and in Iraq add up to "
            "the total for both; a mismatch is a missed or misread line",
            column_A="total_strikes",
            column_B="country_strikes",
        ),
    ),
)

engagements = Suite(
    name="metrics.engagements_vs_strikes",
    sql="engagements_vs_strikes.sql",
    expectations=(
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "a strike consists of one or more engagements, so engagements >= strikes for the same place and period",
            column_A="engagements",
            column_B="strikes",
            or_equal=True,
        ),
    ),
)

cumulative = Suite(
    name="metrics.cumulative_series",
    sql="cumulative_series.sql",
    expectations=(
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "a running total never falls over time for the same "
            "name, place and verb; a drop is a misread number or a period count marked cumulative",
            column_A="day_min",
            column_B="earlier_max",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
    ),
)

CHECKS = (
    Check(
        name="metrics_integrity",
        asset="metrics",
        table="metrics",
        blocking=True,
        description="metric_id unique and set, every metric in an existing release, qualifier within its set, "
        "offsets inside the body and cutting out exactly `text`.",
        suites=(integrity,),
    ),
    Check(
        name="metrics_plausibility",
        asset="metrics",
        table="metrics",
        blocking=False,
        description="Values non-negative and under per-name bounds; strike reports add up (countries = total, "
        "engagements >= strikes); running totals never fall; duplicates flagged.",
        suites=(values, strike_sums, engagements, cumulative),
    ),
)
