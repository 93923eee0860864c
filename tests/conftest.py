"""Shared test helpers: build a real warehouse from a raw folder through an in-process Dagster run."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_RAW = PROJECT_ROOT / "tests" / "fixtures" / "seeds" / "raw"  # the seeds, never the user's raw/


def build_warehouse(raw_dir: Path, warehouse: Path, *, with_checks: bool = False) -> dg.ExecuteInProcessResult:
    """Materialize every asset on raw_dir into the warehouse file, in process, like `make demo` does."""
    from pipelines.definitions import all_assets
    from pipelines.resources import WarehouseResource

    checks = []
    if with_checks:
        from pipelines.quality import asset_checks as checks
    return dg.materialize(
        [*all_assets, *checks],
        resources={"warehouse": WarehouseResource(path=str(warehouse))},
        run_config={"ops": {"raw_documents": {"config": {"raw_dir": str(raw_dir)}}}},
        raise_on_error=False,
    )


@pytest.fixture
def warehouse_builder():
    return build_warehouse


@pytest.fixture(scope="session", autouse=True)
def never_the_users_folders(tmp_path_factory):
    """Tests never read the user's raw/ or warehouse/ (`make test` exports both): point them at empty places."""
    import os

    keep = {name: os.environ.get(name) for name in ("COMMUNIQUE_RAW_DIR", "COMMUNIQUE_WAREHOUSE")}
    base = tmp_path_factory.mktemp("not_the_users")
    os.environ["COMMUNIQUE_RAW_DIR"] = str(base / "raw")
    os.environ["COMMUNIQUE_WAREHOUSE"] = str(base / "warehouse" / "communique.duckdb")
    yield
    for name, value in keep.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
