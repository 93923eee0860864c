"""Shared test helpers: build a real warehouse from a raw folder through an in-process Dagster run, and hold a run's
writes on cue."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import dagster as dg
import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_RAW = PROJECT_ROOT / "tests" / "fixtures" / "seeds" / "raw"  # the seeds, never the user's raw/


def build_warehouse(
    raw_dir: Path, warehouse: Path, *, with_checks: bool = False, assets: Sequence | None = None, **kwargs
) -> dg.ExecuteInProcessResult:
    """Materialize every asset (or only `assets`) on raw_dir into the warehouse file, in process, like `make demo`.

    The one recipe for a warehouse built from a raw folder; extra keyword arguments go to dg.materialize."""
    from pipelines.definitions import all_assets
    from pipelines.resources import WarehouseResource

    checks = []
    if with_checks:
        from pipelines.quality import asset_checks as checks
    return dg.materialize(
        [*(all_assets if assets is None else assets), *checks],
        resources={"warehouse": WarehouseResource(path=str(warehouse))},
        run_config={"ops": {"raw_documents": {"config": {"raw_dir": str(raw_dir)}}}},
        raise_on_error=False,
        **kwargs,
    )


def hold_each_write(seconds: float) -> None:
    """Make every committed write of a run wait, so a test can kill it or read beside it mid-way (also usable in a
    subprocess the test starts)."""
    from pipelines.resources import WarehouseResource

    WarehouseResource.after_commit = staticmethod(lambda: time.sleep(seconds))


@pytest.fixture
def slow_writes() -> Iterator[Callable[[float], None]]:
    """slow_writes(0.3): each committed write of the runs this test starts waits that long; undone afterwards."""
    from pipelines.resources import WarehouseResource

    previous = WarehouseResource.after_commit
    yield hold_each_write
    WarehouseResource.after_commit = previous


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


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
