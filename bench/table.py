"""A results file as the Markdown table the README shows."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _n(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value < 100:
        return f"{value:.2f}{unit}" if value < 10 else f"{value:.1f}{unit}"
    return f"{value:,.0f}{unit}"


def _pct(value) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def render(results: dict) -> str:
    m = results.get("machine", {})
    lines = [
        f"Machine: {m.get('cores')} cores ({m.get('cpu', '?')}), {m.get('memory_gb')} GB; mode {results.get('mode')}; "
        f"commit {m.get('git_commit', '?')}; total {results.get('total_s')} s; "
        f"load average {m.get('load_average_at_start', ['?'])[0]} at start, {m.get('load_average_at_end', ['?'])[0]} at end",
        "",
    ]
    ext = results.get("extraction")
    if ext:
        lines += [
            f"Extraction alone, one core, {ext['releases']:,} releases ({ext['words']:,} body words):",
            "",
            "| extractor | releases/s | words/s |",
            "|---|---:|---:|",
        ]
        for name, stage in ext["stages"].items():
            partial = "" if stage["complete"] else f" (first {stage['releases']:,})"
            lines.append(f"| {name}{partial} | {_n(stage['releases_per_s'])} | {_n(stage['words_per_s'])} |")
        lines.append("")
    e2e = results.get("end_to_end") or {}
    if e2e:
        lines += [
            "End to end through Dagster (refresh_warehouse: assets, marts, checks):",
            "",
            "| releases | wall | start-up | work | peak RSS | releases | quotes | metrics | entity_mentions | entities |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size, run in e2e.items():
            rows = run["rows"]
            lines.append(
                f"| {int(size):,} | {_n(run['wall_s'], ' s')} | {_n(run['process_startup_s'] + run['dagster_overhead_s'], ' s')} "
                f"| {_n(run['work_s'], ' s')} | {_n(run['peak_rss_mb'], ' MB')} | {rows.get('releases', 0):,} | {rows.get('quotes', 0):,} "
                f"| {rows.get('metrics', 0):,} | {rows.get('entity_mentions', 0):,} | {rows.get('entities', 0):,} |"
            )
        slowest = max(e2e.values(), key=lambda r: r["wall_s"])
        top = ", ".join(f"{k} {v} s" for k, v in list(slowest["steps_s"].items())[:5])
        lines += ["", f"Slowest steps of the largest run: {top}", ""]
        acc = slowest.get("accuracy")
        if acc:
            lines += [
                "Accuracy on the generated corpus (first documents, against its gold):",
                "",
                "| table | precision | recall | F1 |",
                "|---|---:|---:|---:|",
            ]
            lines += [
                f"| {t} | {_pct(v['precision'])} | {_pct(v['recall'])} | {_pct(v['f1'])} |"
                for t, v in acc["tables"].items()
            ]
            fields = ", ".join(f"{k} {_pct(v)}" for k, v in acc["release_fields"].items())
            lines += ["", f"Release fields: {fields}", ""]
    inc = results.get("incremental")
    if inc:
        lines += [
            f"Incremental: {inc['new_files']} new files on the {inc['warehouse_releases']:,} warehouse: "
            f"{inc['wall_s']} s wall = {inc['startup_s']} s start-up (process {inc['process_startup_s']} s, "
            f"Dagster {inc['dagster_overhead_s']} s) + {inc['work_s']} s work",
            "",
        ]
    rd = results.get("readers")
    if rd:
        lines += [
            f"Readers on the {rd['warehouse_releases']:,} warehouse:",
            "",
            "| query | `communique sql` | query alone | rows |",
            "|---|---:|---:|---:|",
        ]
        for name, q in rd["queries"].items():
            lines.append(
                f"| {name} | {q['command_s']} s | {q['query_s']} s | {q['rows']} |"
                if "error" not in q
                else f"| {name} | error: {q['error']} | | |"
            )
        lines.append("")
    lines += [f"Note: {note}" for note in results.get("notes", [])]
    return "\n".join(lines).rstrip()


if __name__ == "__main__":
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else max((Path(__file__).parent / "results").glob("*.json"), key=lambda p: p.stat().st_mtime)
    )
    print(render(json.loads(path.read_text(encoding="utf-8"))))
