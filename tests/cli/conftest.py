from __future__ import annotations

import shutil

import pytest

from tests.notebooks.warehouse_fixture import build_sample


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory):
    """The warehouse of the sample data (seeds + development corpus + a copy and an empty file), built once."""
    return build_sample(tmp_path_factory.getbasetemp() / "sample_warehouse")


@pytest.fixture
def warehouse_copy(sample_warehouse, tmp_path):
    """A private copy of the sample warehouse, for tests that check nothing on disk changed."""
    target = tmp_path / "w" / "communique.duckdb"
    target.parent.mkdir()
    shutil.copyfile(sample_warehouse, target)
    return target
