"""The sensor on raw/: a run when files are added, changed or removed; a SkipReason otherwise."""

from __future__ import annotations

import os

import dagster as dg
import pytest

from tests.runs.conftest import MORE_FILES, copy_releases


@pytest.fixture
def sensor(raw_dir, monkeypatch):
    from pipelines.definitions import defs

    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(raw_dir))
    return defs.resolve_sensor_def("raw_folder_sensor")


@pytest.fixture
def instance():
    return dg.DagsterInstance.ephemeral()


def tick(sensor, instance, cursor):
    """One evaluation, as the daemon does it: (run requests, skip message, cursor stored for the next tick)."""
    with dg.build_sensor_context(instance=instance, cursor=cursor) as context:
        data = sensor.evaluate_tick(context)
    return data.run_requests or [], data.skip_message, data.cursor


def test_files_in_a_new_folder_request_a_run_and_an_unchanged_folder_is_skipped(sensor, instance):
    requests, skip, cursor = tick(sensor, instance, None)
    assert len(requests) == 1 and skip is None
    assert requests[0].job_name in (None, "refresh_warehouse")
    assert requests[0].tags["communique/raw_files"] == "3"

    requests, skip, same = tick(sensor, instance, cursor)
    assert requests == [] and "no new, changed or removed files" in skip
    assert same == cursor


@pytest.mark.parametrize("change", ["add", "modify", "touch", "remove"])
def test_every_kind_of_change_requests_one_run(sensor, instance, raw_dir, change):
    _, _, cursor = tick(sensor, instance, None)
    path = raw_dir / "statement_bridge.txt"
    if change == "add":
        copy_releases(MORE_FILES, raw_dir)
    elif change == "modify":
        path.write_text(path.read_text(encoding="utf-8") + "\nA line added later.\n", encoding="utf-8")
    elif change == "touch":  # same bytes, new mtime: the run looks and finds nothing new; cheap either way
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    else:
        path.unlink()

    requests, skip, new_cursor = tick(sensor, instance, cursor)

    assert len(requests) == 1 and skip is None
    assert new_cursor != cursor
    assert tick(sensor, instance, new_cursor)[0] == []


def test_a_run_key_per_change_so_a_restored_state_runs_again(sensor, instance, raw_dir, tmp_path):
    _, _, first = tick(sensor, instance, None)
    (raw_dir / "statement_bridge.txt").rename(tmp_path / "aside.txt")
    (removed,), _, second = tick(sensor, instance, first)
    (tmp_path / "aside.txt").rename(raw_dir / "statement_bridge.txt")
    (restored,), _, third = tick(sensor, instance, second)

    assert third == first
    assert removed.run_key != restored.run_key


def test_changes_wait_while_a_run_is_queued_or_in_progress(sensor, instance, raw_dir):
    from pipelines.definitions import defs

    _, _, cursor = tick(sensor, instance, None)
    copy_releases(MORE_FILES, raw_dir)
    run = instance.create_run_for_job(defs.resolve_job_def("refresh_warehouse"), status=dg.DagsterRunStatus.NOT_STARTED)

    requests, skip, kept = tick(sensor, instance, cursor)
    assert requests == [] and "waiting for the run in progress" in skip
    assert kept == cursor  # not consumed: the changes are picked up after that run

    instance.report_run_canceled(run)
    requests, _, _ = tick(sensor, instance, kept)
    assert len(requests) == 1


def test_a_missing_raw_folder_is_a_skip_not_an_error(sensor, instance, raw_dir):
    for path in raw_dir.iterdir():
        path.unlink()
    raw_dir.rmdir()
    requests, skip, _ = tick(sensor, instance, None)
    assert requests == [] and "no raw folder" in skip


def test_a_failed_run_of_the_sensor_is_asked_for_once_more(sensor, instance):
    from pipelines.definitions import defs

    _, _, cursor = tick(sensor, instance, None)
    job = defs.resolve_job_def("refresh_warehouse")
    run = instance.create_run_for_job(
        job, status=dg.DagsterRunStatus.NOT_STARTED, tags={"dagster/sensor_name": "raw_folder_sensor"}
    )
    instance.report_run_failed(run)  # what Dagster records when the run worker is killed

    (retry,), skip, same = tick(sensor, instance, cursor)
    assert skip is None and same == cursor
    assert retry.tags["communique/retry"] == "true"
    assert tick(sensor, instance, cursor)[0][0].run_key == retry.run_key  # one key per state: Dagster runs it once

    instance.create_run_for_job(job, status=dg.DagsterRunStatus.SUCCESS)  # a later run (from the UI) succeeded
    requests, skip, _ = tick(sensor, instance, cursor)
    assert requests == [] and "no new" in skip


def test_a_failed_run_started_by_hand_is_not_retried(sensor, instance):
    from pipelines.definitions import defs

    _, _, cursor = tick(sensor, instance, None)
    run = instance.create_run_for_job(defs.resolve_job_def("refresh_warehouse"), status=dg.DagsterRunStatus.NOT_STARTED)
    instance.report_run_failed(run)
    assert tick(sensor, instance, cursor)[0] == []
