"""`make bench`: throughput, memory, incremental runs, reader latency and accuracy on a generated corpus.

    python -m bench                 # extraction on 10k, end to end on 10k and 100k, incremental, readers
    python -m bench --quick         # a smoke run on 1,000 documents (about two minutes)
    python -m bench --skip-100k     # everything on 10k only
    python -m bench --sizes 2000,10000 --no-spacy   # end to end on chosen sizes, no spaCy baseline

The 100k run is also skipped when the 10k run projects it past --budget-minutes (default 20), so that
`make bench` finishes in time on a 2-core machine; a run whose process tree passes half the machine's memory
is stopped. Either way the results file says so. Figures are printed and
written to bench/results/<mode>-<timestamp>.json with the machine's core count. They are not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from bench import extraction, readers, realtext, startup, synth
from bench.pipeline import run_pipeline, snapshot_code
from pipelines.evaluation import load_gold, score_warehouse
from pipelines.extract.version import extractor_version

RESULTS = Path(__file__).resolve().parent / "results"
EVALUATED_DOCUMENTS = 5000  # accuracy is measured on the first documents of the corpus, not all 100k
NEW_FILES = 10


def machine() -> dict:
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=RESULTS.parent.parent
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": model,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "git_commit": commit,
        "extractor_version": extractor_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def accuracy(warehouse: Path, gold_path: Path, raw_dir: Path) -> dict:
    gold = load_gold(gold_path, limit=EVALUATED_DOCUMENTS)
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        report = score_warehouse(conn, gold, raw_dir=raw_dir).as_dict()
    finally:
        conn.close()
    return {
        "documents": report["documents"],
        "release_fields": {k: v["accuracy"] for k, v in report["release_fields"].items()},
        "tables": {k: {m: v[m] for m in ("precision", "recall", "f1")} for k, v in report["tables"].items()},
        "fields": {
            f"{t}.{k}": v["accuracy"] for t, table in report["tables"].items() for k, v in table["fields"].items()
        },
    }


def _short(run: dict) -> dict:
    """A run's timings: wall, start-up (the process to the end of its imports), what came after, steps, memory."""
    keys = ("wall_s", "process_startup_s", "dagster_overhead_s", "work_s", "steps_s", "peak_rss_mb", "working_copy")
    keys += ("publish",)
    return {key: run[key] for key in keys} | {"beyond_startup_s": round(run["wall_s"] - run["process_startup_s"], 2)}


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run: 1,000 documents")
    parser.add_argument(
        "--skip-100k", action="store_true", help="no 100k end-to-end run (incremental and readers on 10k)"
    )
    parser.add_argument("--budget-minutes", type=float, default=20.0, help="skip the 100k run when it would not fit")
    parser.add_argument("--sizes", help="comma-separated end-to-end sizes [default: 10000,100000]")
    parser.add_argument("--no-spacy", action="store_true", help="leave out the spaCy baseline (it installs spaCy)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="where corpora and warehouses go [default: a temporary folder]")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    began = time.monotonic()
    budget = args.budget_minutes * 60
    extraction_n, sizes = (1000, [1000]) if args.quick else (10_000, [10_000] if args.skip_100k else [10_000, 100_000])
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="communique-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "mode": "quick" if args.quick else "full",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "seed": args.seed,
        "notes": [],
    }
    code = snapshot_code(work / "code")
    try:
        log("process start-up: communique --help, import pipelines.definitions")
        results["startup"] = startup.run()
        log("extraction on real-shaped release text" + ("" if args.no_spacy else ", and spaCy on the same bodies"))
        results["real_text"] = realtext.run(budget_s=5 if args.quick else 20, with_spacy=not args.no_spacy)
        log(f"extraction alone on {extraction_n:,} generated releases")
        results["extraction"] = extraction.run(extraction_n, args.seed, budget_s=30 if args.quick else 90)

        results["end_to_end"] = {}
        largest = None
        for size in sizes:
            if largest is not None:
                projected = results["end_to_end"][str(largest[0])]["wall_s"] * size / largest[0] * 1.1
                remaining = budget - (time.monotonic() - began) - 120  # keep time for incremental and readers
                if projected > remaining:
                    note = (
                        f"{size:,} end to end skipped: projected {projected:.0f} s from the {largest[0]:,} run, "
                        f"{max(remaining, 0):.0f} s left of the {args.budget_minutes:g}-minute budget"
                    )
                    log(note)
                    results["notes"].append(note)
                    break
            folder = work / f"n{size}"
            log(f"generating {size:,} documents")
            start = time.perf_counter()
            corpus = synth.write_corpus(folder, size, args.seed)
            corpus["generate_s"] = round(time.perf_counter() - start, 1)
            log(f"end to end through Dagster on {size:,} documents ({corpus['bytes'] / 2**20:.0f} MB)")
            try:
                run = run_pipeline(
                    folder / "raw",
                    folder / "warehouse.duckdb",
                    code,
                    timeout_s=max(budget - (time.monotonic() - began) - 180, 300),
                )
            except (TimeoutError, RuntimeError) as exc:
                if largest is None:
                    raise
                results["notes"].append(f"{size:,} end to end failed: {exc}")
                log(results["notes"][-1])
                break
            run["corpus"] = corpus
            run["accuracy"] = accuracy(folder / "warehouse.duckdb", folder / "gold.jsonl", folder / "raw")
            results["end_to_end"][str(size)] = run
            log(f"  {run['wall_s']} s wall, peak RSS {run['peak_rss_mb']} MB")
            largest = (size, folder)
            left = max(budget - (time.monotonic() - began), 300)
            log(f"rerun with nothing new on the {size:,} warehouse")
            results.setdefault("rerun", {})[str(size)] = _short(
                run_pipeline(folder / "raw", folder / "warehouse.duckdb", code, timeout_s=left)
            )
            log(f"incremental: {NEW_FILES} new files on the {size:,} warehouse")
            synth.write_corpus(folder, NEW_FILES, args.seed, start=size, gold_name="gold_new.jsonl")
            inc = run_pipeline(folder / "raw", folder / "warehouse.duckdb", code, timeout_s=left)
            results.setdefault("incremental_by_size", {})[str(size)] = _short(inc) | {
                "releases_parsed": inc["releases_parsed"]
            }

        size, folder = largest
        results["incremental"] = {
            "warehouse_releases": size,
            "new_files": NEW_FILES,
            **results["incremental_by_size"][str(size)],
            "startup_s": round(
                results["incremental_by_size"][str(size)]["process_startup_s"]
                + results["incremental_by_size"][str(size)]["dagster_overhead_s"],
                2,
            ),
        }
        log(f"readers: communique sql on the {size:,} warehouse")
        results["readers"] = {"warehouse_releases": size, "queries": readers.run(folder / "warehouse.duckdb")}
    finally:
        results["total_s"] = round(time.monotonic() - began, 1)
        # Other work on the machine inflates wall times: the load average says how much there was.
        results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"{results['mode']}-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    from bench.table import render

    print()
    print(render(results))
    print(f"\nwritten to {out.relative_to(RESULTS.parent.parent)}")


if __name__ == "__main__":
    main()
