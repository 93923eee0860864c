"""Expectations every table with a key, a release link or offsets into the body shares."""

from __future__ import annotations

from datetime import date, datetime, time

from pipelines.quality.spec import Expect, expect

EARLIEST_DATE = date(2014, 1, 1)  # the campaign's first releases date from August 2014


def today() -> datetime:
    return datetime.combine(date.today(), time())


def primary_key(column: str) -> tuple[Expect, ...]:
    return (
        expect("column_values_to_not_be_null", f"{column} is the primary key: every row needs one", column=column),
        expect(
            "column_values_to_be_unique",
            f"{column} is the primary key: two rows with one id are one row written twice or two rows colliding",
            column=column,
        ),
    )


def release_link() -> Expect:
    return expect(
        "column_values_to_be_in_set",
        "release_id must name a row of releases: a row pointing nowhere cannot be traced to its sentence",
        column="release_found",
        value_set=[True],
    )


def offsets(text_column: str) -> tuple[Expect, ...]:
    """char_start/char_end are Python indices into releases.body; the span they cut out is the text column."""
    return (
        expect(
            "column_values_to_be_in_set",
            "char_start and char_end are both set or both NULL",
            column="offsets_paired",
            value_set=[True],
        ),
        expect(
            "column_values_to_be_between",
            "char_start is an index into the body, never negative",
            column="char_start",
            min_value=0,
        ),
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "a span ends after it starts",
            column_A="char_end",
            column_B="char_start",
            ignore_row_if="either_value_is_missing",
        ),
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "a span ends inside the body",
            column_A="body_length",
            column_B="char_end",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        expect(
            "column_values_to_be_in_set",
            f"substr(body, char_start + 1, char_end - char_start) must equal "
            f"{text_column}: the offsets are the provenance of every extracted row",
            column="span_matches_text",
            value_set=[True],
        ),
    )
