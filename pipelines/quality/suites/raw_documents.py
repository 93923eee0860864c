"""raw_documents and rejected_files: every input decoded once, or rejected with a reason."""

from __future__ import annotations

from pipelines.quality.spec import Check, Suite, expect
from pipelines.quality.suites.common import primary_key

MAX_REJECTED_SHARE = 0.25  # a scrape with more unusable files than this is more likely a broken reader

documents = Suite(
    name="raw_documents.keys",
    sql="raw_documents_keys.sql",
    expectations=(
        *primary_key("content_sha256"),
        expect(
            "column_values_to_match_regex",
            "content_sha256 is a sha256 hex digest",
            column="content_sha256",
            regex=r"^[0-9a-f]{64}$",
        ),
        expect(
            "column_values_to_not_be_null", "every document remembers where it was first seen", column="source_path"
        ),
    ),
)

rejected_share = Suite(
    name="rejected_files.share",
    sql="rejected_share.sql",
    expectations=(
        expect(
            "column_values_to_be_between",
            f"at most {MAX_REJECTED_SHARE:.0%} of the inputs should be rejected; "
            "more points at a reader or parser that no longer understands the files",
            column="rejected_share",
            min_value=0,
            max_value=MAX_REJECTED_SHARE,
        ),
    ),
)

rejected_reasons = Suite(
    name="rejected_files.reasons",
    sql="rejected_reasons.sql",
    expectations=(
        expect(
            "column_value_lengths_to_be_between",
            "nothing is dropped silently: each rejection says why in words",
            column="reason",
            min_value=3,
        ),
    ),
)

CHECKS = (
    Check(
        name="raw_documents_integrity",
        asset="raw_documents",
        table="raw_documents",
        blocking=True,
        description="Every decoded document has one well-formed content hash and a source path.",
        suites=(documents,),
    ),
    Check(
        name="rejected_files_share",
        asset="releases",
        table="rejected_files",
        blocking=False,
        description=f"Rejected files (unreadable or unparseable) stay under {MAX_REJECTED_SHARE:.0%} of the inputs, "
        "each with a reason.",
        suites=(rejected_share, rejected_reasons),
    ),
)
