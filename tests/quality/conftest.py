from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.quality.fixture_warehouse import build_clean_warehouse


@pytest.fixture(scope="session")
def clean_warehouse(tmp_path_factory) -> Path:
    """The published file of a clean fixture warehouse; never modified (tests corrupt copies)."""
    return build_clean_warehouse(tmp_path_factory.mktemp("quality_clean"))


@pytest.fixture(scope="session")
def quality():
    """One GX context for the session: importing GX is the slow part, so it happens once."""
    from pipelines.quality.validate import QualityContext

    return QualityContext()


@pytest.fixture
def warehouse_copy(clean_warehouse, tmp_path) -> Path:
    path = tmp_path / "communique.duckdb"
    shutil.copy(clean_warehouse, path)
    return path


@pytest.fixture
def conn(warehouse_copy):
    connection = duckdb.connect(str(warehouse_copy))
    yield connection
    connection.close()
