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


def _bar(measure: str, value, shown: str, limit: float, bar: str, higher_is_better: bool = False) -> str:
    if value is None:
        return f"| {measure} | — | {bar} | not measured |"
    met = value >= limit if higher_is_better else value <= limit
    return f"| {measure} | {shown} | {bar} | {'met' if met else 'NOT met'} |"


def _largest(section: dict | None) -> tuple[int, dict] | None:
    if not section:
        return None
    size = max(section, key=int)
    return int(size), section[size]


def bars(results: dict) -> list[str]:
    """The rows of issue 18's table, each with its bar and whether this run met it."""
    rows = ["| measure | result | bar | |", "|---|---:|---|---|"]
    real = results.get("real_text") or {}
    ours = (real.get("ours") or {}).get("words_per_s")
    rows.append(
        _bar(
            "extraction, real-shaped release text, one core (all four)",
            ours,
            f"{_n(ours)} words/s",
            350_000,
            "≥ 350k words/s",
            True,
        )
    )
    ratio = real.get("times_faster_than_spacy")
    spacy = (real.get("spacy") or {}).get("words_per_s")
    rows.append(
        _bar(
            "the same against spaCy en_core_web_sm parser+NER",
            ratio,
            f"{ratio}× ({_n(spacy)} words/s)" if ratio else "—",
            40,
            "≥ 40×",
            True,
        )
    )
    e2e = _largest(results.get("end_to_end"))
    if e2e:
        size, run = e2e
        at_scale = size >= 100_000
        wall = run["wall_s"] if at_scale else None
        rows.append(
            _bar(
                f"{size:,} releases raw → warehouse with checks",
                wall,
                f"{_n(run['wall_s'], ' s')}",
                120,
                "≤ 120 s at 100k",
            )
            if at_scale
            else f"| {size:,} releases raw → warehouse with checks | {_n(run['wall_s'], ' s')} | ≤ 120 s at 100k | 100k not run |"
        )
        rows.append(
            _bar(
                "peak memory of that run, all processes",
                run["peak_rss_mb"],
                f"{_n(run['peak_rss_mb'], ' MB')}",
                2048,
                "≤ 2 GB",
            )
            if at_scale
            else f"| peak memory of that run, all processes | {_n(run['peak_rss_mb'], ' MB')} | ≤ 2 GB at 100k | 100k not run |"
        )
    for size, inc in sorted((results.get("incremental_by_size") or {}).items(), key=lambda kv: int(kv[0])):
        rows.append(
            _bar(
                f"10 new files on the {int(size):,} warehouse, beyond start-up",
                inc["beyond_startup_s"],
                f"{_n(inc['beyond_startup_s'], ' s')} (work {_n(inc['work_s'], ' s')}{_publishing(inc)})",
                5,
                "≤ 5 s",
            )
        )
    for size, rerun in sorted((results.get("rerun") or {}).items(), key=lambda kv: int(kv[0])):
        rows.append(
            _bar(
                f"rerun with nothing new, {int(size):,}, beyond start-up",
                rerun["beyond_startup_s"],
                f"{_n(rerun['beyond_startup_s'], ' s')}",
                3,
                "≤ 3 s",
            )
        )
    start = results.get("startup") or {}
    for name, limit in (("communique --help", 0.3), ("import pipelines.definitions", 1.5)):
        figure = start.get(name)
        if figure:
            rows.append(
                _bar(
                    f"`{name}`",
                    figure["wall_s"],
                    f"{figure['wall_s']} s wall ({figure['cpu_s']} s CPU)",
                    limit,
                    f"≤ {limit} s",
                )
            )
    return rows


def render(results: dict) -> str:
    m = results.get("machine", {})
    lines = [
        f"Machine: {m.get('cores')} cores ({m.get('cpu', '?')}), {m.get('memory_gb')} GB; mode {results.get('mode')}; "
        f"commit {m.get('git_commit', '?')}; total {results.get('total_s')} s; "
        f"load average {m.get('load_average_at_start', ['?'])[0]} at start, {m.get('load_average_at_end', ['?'])[0]} at end",
        "",
    ]
    lines += ["Issue 18's bars:", "", *bars(results), ""]
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


def _publishing(run: dict) -> str:
    """'; working copy 0.05 s (2.1 MB written); publish 0.2 s' for a run that published, else ''."""
    copy, publish = run.get("working_copy"), run.get("publish")
    parts = []
    if copy:
        written = copy.get("bytes_written", copy["bytes"]) / 2**20
        parts.append(f"working copy {copy['copy_s']} s ({written:,.1f} of {copy['bytes'] / 2**20:,.0f} MB written)")
    if publish:
        parts.append(f"publish {publish['publish_s']} s")
    return "".join(f"; {part}" for part in parts)


if __name__ == "__main__":
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else max((Path(__file__).parent / "results").glob("*.json"), key=lambda p: p.stat().st_mtime)
    )
    print(render(json.loads(path.read_text(encoding="utf-8"))))
