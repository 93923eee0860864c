"""On the clean fixture warehouse every check passes, and every check is well described."""

from __future__ import annotations

import pytest

from pipelines.quality.suites import ALL_CHECKS

# Frames that list problems, or rejections: empty on a clean warehouse.
EMPTY_WHEN_CLEAN = {"entity_mentions.entity_link", "rejected_files.reasons"}


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.name)
def test_every_check_passes_on_clean_fixtures(quality, conn, check):
    outcome = quality.run_check(check, conn)
    assert outcome.passed, [
        (f.suite, f.expectation, f.unexpected_count, f.observed, f.error, f.rows) for f in outcome.failures
    ]
    assert all(s.rows > 0 for s in outcome.suites if s.suite not in EMPTY_WHEN_CLEAN), (
        "a clean fixture should give every suite something to validate"
    )


def test_fixture_rows_are_what_the_checks_read(conn):
    counts = dict(
        conn.execute(
            "SELECT 'releases', count(*) FROM releases UNION ALL SELECT 'metrics', count(*) FROM metrics "
            "UNION ALL SELECT 'quotes', count(*) FROM quotes UNION ALL SELECT 'entities', count(*) FROM entities"
        ).fetchall()
    )
    assert counts == {"releases": 2, "metrics": 11, "quotes": 3, "entities": 8}
    assert conn.execute("SELECT kind FROM releases WHERE kind = 'strike_report'").fetchall()


def test_check_names_are_unique_and_every_expectation_has_a_reason():
    assert len({c.name for c in ALL_CHECKS}) == len(ALL_CHECKS)
    suite_names = [s.name for c in ALL_CHECKS for s in c.suites]
    assert len(set(suite_names)) == len(suite_names)
    for check in ALL_CHECKS:
        assert check.description and check.suites
        for suite in check.suites:
            assert all(len(e.reason) > 10 for e in suite.expectations), suite.name


def test_blocking_checks_are_errors_and_the_rest_warnings():
    assert {c.name for c in ALL_CHECKS if c.blocking} == {
        "raw_documents_integrity",
        "releases_integrity",
        "metrics_integrity",
        "entity_mentions_integrity",
        "entities_integrity",
        "quotes_integrity",
    }
    assert {c.severity for c in ALL_CHECKS if c.blocking} == {"ERROR"}
    assert {c.severity for c in ALL_CHECKS if not c.blocking} == {"WARN"}


def test_every_check_is_defined_next_to_an_asset_of_the_pipeline():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    assert {(c.asset, c.name) for c in ALL_CHECKS} <= keys
    for key in graph.asset_check_keys:
        spec = graph.get_check_spec(key)
        assert spec.description and "reason" not in spec.description.lower()[:0]


def test_loading_the_definitions_does_not_import_great_expectations():
    """GX takes ~9 s to import: only a running check may pay for it, never the UI, the sensor or the CLI."""
    import subprocess
    import sys

    code = "import sys, pipelines.definitions; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
