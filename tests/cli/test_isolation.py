"""Tests never read the user's raw/ or warehouse/, even under `make test`, which exports both folders."""

from __future__ import annotations

from pathlib import Path

from pipelines import settings


def test_settings_point_away_from_the_users_folders():
    assert not settings.raw_dir().is_relative_to(settings.PROJECT_ROOT / "raw")
    assert not settings.warehouse_path().is_relative_to(settings.PROJECT_ROOT / "warehouse")


def test_no_test_module_names_the_sample_folder():
    """The seeds are read from tests/fixtures/seeds/raw; the sample raw/ is for users (they may add files)."""
    tests = settings.PROJECT_ROOT / "tests"
    offenders = [
        str(path.relative_to(tests))
        for path in tests.rglob("*.py")
        if path != Path(__file__) and ('ROOT / "raw"' in path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
