from __future__ import annotations

import pytest

from tests.notebooks.warehouse_fixture import build, build_empty


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory):
    return build(tmp_path_factory.getbasetemp() / "fixture_warehouse")


@pytest.fixture(scope="session")
def empty_warehouse(tmp_path_factory):
    return build_empty(tmp_path_factory.getbasetemp() / "empty_warehouse")


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory):
    from tests.notebooks.warehouse_fixture import build_sample

    return build_sample(tmp_path_factory.getbasetemp() / "sample_warehouse")
