"""releases: keys and kind (blocking); dates, metadata completeness and duplicate links (warnings)."""

from __future__ import annotations

from datetime import datetime

from pipelines.extract.records import KINDS
from pipelines.quality.spec import Check, Suite, expect
from pipelines.quality.suites.common import EARLIEST_DATE, primary_key, today

# Share of releases that may lack each field: briefing transcripts often carry no date, saved texts from some
# scrapers no headline, and only press-office releases open with a dateline.
MAX_MISSING = {"published_date": 0.10, "title": 0.25, "dateline": 0.50}
MIN_WORDS = 20  # fewer words than this is chrome or a stub page, not a release


def keys() -> Suite:
    return Suite(
        name="releases.keys",
        sql="releases_keys.sql",
        expectations=(
            *primary_key("release_id"),
            expect(
                "column_values_to_be_in_set",
                f"kind is one of {', '.join(KINDS)}: marts and notebooks filter on these values",
                column="kind",
                value_set=list(KINDS),
            ),
            expect("column_values_to_not_be_null", "every release comes from a raw document", column="content_sha256"),
            expect(
                "column_values_to_be_in_set",
                "a release without a body has nothing to extract",
                column="has_body",
                value_set=[True],
            ),
        ),
    )


def completeness() -> Suite:
    """Shares of the whole table (one row, no body read): a batch of ten new files is too small a sample."""
    return Suite(
        name="releases.completeness",
        sql="releases_completeness.sql",
        expectations=(
            *(
                expect(
                    "column_values_to_be_between",
                    f"at most {share:.0%} of releases may lack a {field}; more means the metadata parser missed a format",
                    column=f"missing_{field}",
                    max_value=share,
                )
                for field, share in MAX_MISSING.items()
            ),
            expect(
                "column_values_to_be_between",
                f"a body under {MIN_WORDS} words is site chrome or a stub: at most 2% of releases may be one",
                column="word_count_2nd_percentile",
                min_value=MIN_WORDS,
            ),
        ),
    )


def profile() -> Suite:
    return Suite(
        name="releases.profile",
        sql="releases_profile.sql",
        key_columns=("release_id", "source_path", "published_date", "title", "duplicate_of"),
        expectations=(
            expect(
                "column_values_to_be_between",
                f"the campaign's releases date from {EARLIEST_DATE.year}; a date "
                "before that or in the future is a misread date",
                column="published_date",
                min_value=datetime.combine(EARLIEST_DATE, datetime.min.time()),
                max_value=today,
            ),  # resolved when the check runs
            expect(
                "column_values_to_be_in_set",
                "duplicate_of points at another existing release",
                column="duplicate_resolves",
                value_set=[True],
            ),
            expect(
                "column_values_to_be_in_set",
                "duplicates are flagged: a second release with the very same body "
                "must carry duplicate_of, or its counts are charted twice",
                column="unflagged_duplicate",
                value_set=[False],
            ),
        ),
    )


CHECKS = (
    Check(
        name="releases_integrity",
        asset="releases",
        table="releases",
        blocking=True,
        description="release_id is unique and set, kind is within its set, every release has a body.",
        suites=(keys(),),
    ),
    Check(
        name="releases_plausibility",
        asset="releases",
        table="releases",
        blocking=False,
        description=f"Publication dates between {EARLIEST_DATE} and today; few releases without date, title or "
        "dateline; duplicates flagged.",
        suites=(profile(), completeness()),
    ),
)
