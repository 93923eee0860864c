"""One end-to-end run in its own process, as `make demo` runs it: the refresh_warehouse job through Dagster.

Prints one JSON line: when imports were done, how long the run took, and how long each step worked, so the
caller can split wall time into start-up (Python, imports, Dagster's run machinery) and work (the steps).
Paths come from COMMUNIQUE_RAW_DIR / COMMUNIQUE_WAREHOUSE, exactly as for `make demo`.
"""

from __future__ import annotations

import json
import time

STARTED = time.time()


def main() -> None:
    import dagster as dg

    from pipelines.definitions import defs

    imported = time.time()
    instance = dg.DagsterInstance.ephemeral()
    job = defs.resolve_job_def("refresh_warehouse")
    begin = time.time()
    result = job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    end = time.time()
    starts: dict[str, float] = {}
    steps: dict[str, float] = {}
    warehouse_log = []  # what the run's write session said about its working copy and its publish
    for record in instance.all_logs(result.run_id):
        if record.user_message.startswith(("Working copy made", "Published in")):
            warehouse_log.append(record.user_message)
        event = record.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            starts[event.step_key] = record.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in starts:
            steps[event.step_key] = record.timestamp - starts[event.step_key]
    print(
        json.dumps(
            {
                "process_started": STARTED,
                "imported": imported,
                "run_begin": begin,
                "run_end": end,
                "success": result.success,
                "steps": steps,
                "warehouse_log": warehouse_log,
            }
        )
    )


if __name__ == "__main__":
    main()
