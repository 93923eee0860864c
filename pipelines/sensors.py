"""A sensor on raw/: a run is requested when files are added, changed or removed.

The cursor is a digest of every file's (path, size, mtime), not the listing itself: Dagster stores the cursor
in every tick (one every 30 s), and the listing of a 50,000-file folder is megabytes. What changed file by file
is the run's business: raw_documents compares the folder with the warehouse's raw_files table.
"""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from pipelines import settings
from pipelines.rawfolder import RawFile, scan
from pipelines.runguard import reap_quietly

SENSOR_NAME = "raw_folder_sensor"

# Runs of the job that have not finished: while one exists, a new request would only queue behind it.
_UNFINISHED = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def raw_folder_fingerprint() -> dict[str, list[int]]:
    """{source_path: [size, mtime_ns]} for every readable file in raw/."""
    return {e.source_path: [e.size_bytes, e.mtime_ns] for e in scan(settings.raw_dir()) if isinstance(e, RawFile)}


def folder_cursor(fingerprint: dict[str, list[int]]) -> str:
    """The sensor's cursor for one state of raw/: file count and a digest of every (path, size, mtime)."""
    digest = hashlib.sha256(json.dumps(fingerprint, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    return json.dumps({"files": len(fingerprint), "digest": digest[:32]})


def build_raw_folder_sensor(job: dg.UnresolvedAssetJobDefinition) -> dg.SensorDefinition:
    @dg.sensor(
        name=SENSOR_NAME,
        job=job,
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Starts a run of the main job when files in raw/ are added, changed or removed.",
    )
    def raw_folder_sensor(context: dg.SensorEvaluationContext):
        reap_quietly(_instance(context))  # a killed run would otherwise look unfinished forever
        if not settings.raw_dir().is_dir():
            return dg.SkipReason(f"no raw folder at {settings.raw_dir()}")
        current = folder_cursor(raw_folder_fingerprint())
        if current == context.cursor:
            if _last_run_failed_and_was_ours(context, job.name):
                # A run killed (kill -9, a reboot) or failed publishes nothing, and the cursor has moved on: ask once
                # more for this folder state. The fixed key makes Dagster drop any later ask, so a run that fails
                # every time is not retried in a loop.
                run_key = "retry-" + hashlib.sha256(current.encode()).hexdigest()[:16]
                return dg.RunRequest(
                    run_key=run_key,
                    tags={"communique/raw_files": str(json.loads(current)["files"]), "communique/retry": "true"},
                )
            return dg.SkipReason("no new, changed or removed files in raw/")
        if _unfinished_run(context, job.name):
            # The cursor stays put, so the first tick after that run ends requests the run for these changes.
            return dg.SkipReason("raw/ changed; waiting for the run in progress to finish")
        previous = context.cursor
        context.update_cursor(current)
        files = json.loads(current)["files"]
        # One key per change between two folder states: a retried tick never submits the same run twice, and a
        # folder that returns to an earlier state (a file removed, then restored) still gets its run.
        run_key = hashlib.sha256(f"{previous}->{current}".encode()).hexdigest()[:16]
        return dg.RunRequest(run_key=run_key, tags={"communique/raw_files": str(files)})

    return raw_folder_sensor


def _instance(context: dg.SensorEvaluationContext) -> dg.DagsterInstance | None:
    try:
        return context.instance
    except dg.DagsterInvariantViolationError:  # a context built without an instance (unit tests)
        return None


def _unfinished_run(context: dg.SensorEvaluationContext, job_name: str) -> bool:
    instance = _instance(context)
    return bool(
        instance and instance.get_run_records(filters=dg.RunsFilter(job_name=job_name, statuses=_UNFINISHED), limit=1)
    )


def _last_run_failed_and_was_ours(context: dg.SensorEvaluationContext, job_name: str) -> bool:
    """The job's latest run (by anyone) failed, and this sensor had asked for it."""
    instance = _instance(context)
    records = instance.get_run_records(filters=dg.RunsFilter(job_name=job_name), limit=1) if instance else []
    if not records:
        return False
    run = records[0].dagster_run
    return run.status == dg.DagsterRunStatus.FAILURE and run.tags.get("dagster/sensor_name") == SENSOR_NAME
