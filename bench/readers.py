"""Readers: `communique sql` latency on a built warehouse, as an analyst feels it (a fresh process per query)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from pipelines import settings

# Used when sql/examples/ holds fewer than three queries.
FALLBACK_QUERIES = {
    "releases_by_kind": "SELECT kind, count(*) AS releases FROM releases GROUP BY kind ORDER BY 2 DESC",
    "strikes_per_month": "SELECT date_trunc('month', period_start) AS month, sum(value) AS strikes FROM metrics "
    "WHERE name = 'strikes' AND NOT is_cumulative AND location IN ('Iraq', 'Syria') GROUP BY 1 ORDER BY 1",
    "top_speakers": "SELECT speaker, count(*) AS quotes FROM quotes WHERE NOT is_anonymous GROUP BY 1 ORDER BY 2 DESC LIMIT 20",
}


def example_queries(limit: int = 3) -> dict[str, str]:
    queries = {}
    for path in sorted((settings.SQL_DIR / "examples").glob("*.sql"))[:limit]:
        text = "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if not line.strip().startswith("--")
        )
        queries[path.stem] = text.strip().rstrip(";")
    for name, query in FALLBACK_QUERIES.items():
        if len(queries) >= limit:
            break
        queries.setdefault(name, query)
    return queries


def _command() -> list[str]:
    script = Path(sys.executable).with_name("communique")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from pipelines.cli import app; app()"]


def run(warehouse: Path, repeats: int = 3) -> dict:
    results = {}
    for name, query in example_queries().items():
        walls = []
        for _ in range(repeats):
            start = time.perf_counter()
            proc = subprocess.run(
                [*_command(), "sql", query, "--warehouse", str(warehouse), "--format", "csv"],
                capture_output=True,
                text=True,
            )
            walls.append(time.perf_counter() - start)
            if proc.returncode != 0:
                results[name] = {"error": proc.stderr.strip()[-300:]}
                break
        else:
            conn = duckdb.connect(str(warehouse), read_only=True)
            try:
                query_times = []
                for _ in range(5):
                    start = time.perf_counter()
                    rows = conn.execute(query).fetchall()
                    query_times.append(time.perf_counter() - start)
            finally:
                conn.close()
            results[name] = {
                "command_s": round(statistics.median(walls), 3),
                "query_s": round(statistics.median(query_times), 4),
                "rows": len(rows),
            }
    return results
