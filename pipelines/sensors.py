"""A sensor on raw/: a run is requested when files are added or changed."""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from pipelines import settings
from pipelines.rawfolder import RawFile, scan


def raw_folder_fingerprint() -> dict[str, list[int]]:
    """{source_path: [size, mtime_ns]} for every readable file in raw/."""
    return {e.source_path: [e.size_bytes, e.mtime_ns] for e in scan(settings.raw_dir()) if isinstance(e, RawFile)}


def build_raw_folder_sensor(job: dg.UnresolvedAssetJobDefinition) -> dg.SensorDefinition:
    @dg.sensor(job=job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
               description="Starts a run of the main job when files in raw/ are added or changed.")
    def raw_folder_sensor(context: dg.SensorEvaluationContext):
        previous = json.loads(context.cursor) if context.cursor else {}
        current = raw_folder_fingerprint()
        changed = sorted(path for path, stat in current.items() if previous.get(path) != stat)
        if not changed:
            return dg.SkipReason("no new or changed files in raw/")
        context.update_cursor(json.dumps(current, sort_keys=True))
        run_key = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:16]
        return dg.RunRequest(run_key=run_key, tags={"communique/changed_files": str(len(changed))})

    return raw_folder_sensor
