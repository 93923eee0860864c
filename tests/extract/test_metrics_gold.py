"""Metrics against hand-annotated gold: the seeds and the made-up releases in tests/fixtures/metrics/.

Scored with the project's evaluator rules (pipelines.evaluation.metrics), so these figures are the ones
`communique evaluate` reports. Also checks the strike-report arithmetic: country strikes add up to the total,
and every strike count has at least as many engagements.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from pipelines.evaluation.matching import match
from pipelines.evaluation.metrics import field_checks, metric_matches
from pipelines.extract.metrics import extract_metrics

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "metrics"
SEED_TEXTS = ROOT / "tests" / "fixtures" / "seeds" / "raw"  # the two seed releases (also in the sample raw/)
SEED_GOLD = ROOT / "tests" / "fixtures" / "seeds"
COUNTRIES = {"Syria", "Iraq"}


def _gold(folder: Path) -> list[dict]:
    return [
        json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _documents(folder: Path) -> list[dict]:
    return [g for g in _gold(folder) if "metrics" in g]


def fixture_body(path: Path) -> str:
    """A fixture is a title line, a `Section | date` line, then the body."""
    return "\n".join(path.read_text(encoding="utf-8").split("\n")[2:]).strip("\n")


def seed_body(path: Path) -> str:
    # The seeds' bodies start at their datelines (the chrome above is the ingestion issue's job).
    text = path.read_text(encoding="utf-8")
    start = (
        text.index("MIDDLE EAST –")
        if "MIDDLE EAST –" in text
        else text.index("Erbil, Kurdistan Region, Iraq (GOV.KRD)")
    )
    return text[start:]


def _rows(body: str, gold: dict) -> list[dict]:
    published = date.fromisoformat(gold["published_date"]) if gold.get("published_date") else None
    rows = []
    for m in extract_metrics(body, published_date=published, kind=gold.get("kind") or "news"):
        assert body[m.char_start : m.char_end] == m.text
        rows.append(
            {
                "name": m.name,
                "value": m.value,
                "qualifier": m.qualifier,
                "action": m.action,
                "location": m.location,
                "period_start": m.period_start,
                "period_end": m.period_end,
                "is_cumulative": m.is_cumulative,
                "text": m.text,
            }
        )
    return rows


def score(gold_folder: Path, text_folder: Path, body_of) -> dict:
    tally = {"tp": 0, "predicted": 0, "gold": 0, "fields": defaultdict(lambda: [0, 0]), "issues": []}
    for gold in _documents(gold_folder):
        expected = gold["metrics"]
        predicted = _rows(body_of(text_folder / gold["file"]), gold)
        pairs = match(expected, predicted, metric_matches, lambda g, p: sum(ok for _, ok, _, _ in field_checks(g, p)))
        tally["tp"] += len(pairs)
        tally["predicted"] += len(predicted)
        tally["gold"] += len(expected)
        for i, j in pairs.items():
            for name, ok, want, got in field_checks(expected[i], predicted[j]):
                tally["fields"][name][0] += ok
                tally["fields"][name][1] += 1
                if not ok:
                    tally["issues"].append((gold["file"], expected[i]["name"], expected[i]["value"], name, want, got))
        tally["issues"] += [
            (gold["file"], "miss", g["name"], g["value"]) for i, g in enumerate(expected) if i not in pairs
        ]
        used = set(pairs.values())
        tally["issues"] += [(gold["file"], "extra", p["text"]) for j, p in enumerate(predicted) if j not in used]
    return tally


def test_seeds_give_exactly_the_gold_metrics():
    tally = score(SEED_GOLD, SEED_TEXTS, seed_body)
    assert tally["issues"] == []
    assert tally["tp"] == tally["gold"] == tally["predicted"] == 4


def test_fixtures_precision_recall_and_fields():
    tally = score(FIXTURES, FIXTURES, fixture_body)
    precision = tally["tp"] / tally["predicted"]
    recall = tally["tp"] / tally["gold"]
    print(f"\nmetrics fixtures: P={precision:.3f} R={recall:.3f} gold={tally['gold']}")
    for name, (right, total) in sorted(tally["fields"].items()):
        print(f"  {name}: {right}/{total}")
    for issue in tally["issues"]:
        print("  ", issue)
    assert precision >= 0.97 and recall >= 0.97
    for name, (right, total) in tally["fields"].items():
        assert right / total >= 0.95, name


@pytest.mark.parametrize("name", sorted(g["file"] for g in _gold(FIXTURES) if g.get("kind") == "strike_report"))
def test_strike_reports_add_up(name):
    """Per reported total: the per-country strike counts inside its period sum to it; engagements >= strikes."""
    gold = next(g for g in _gold(FIXTURES) if g["file"] == name)
    rows = _rows(fixture_body(FIXTURES / name), gold)
    totals = [r for r in rows if r["name"] == "strikes" and r["location"] and " and " in r["location"]]
    for total in totals:
        inside = [
            r
            for r in rows
            if r["name"] == "strikes"
            and r["location"] in COUNTRIES
            and r["period_start"]
            and total["period_start"]
            and total["period_start"] <= r["period_start"]
            and r["period_end"] <= total["period_end"]
        ]
        assert sum(r["value"] for r in inside) == total["value"], name
    engagements = {(r["location"], r["period_start"]): r["value"] for r in rows if r["name"] == "engagements"}
    for r in rows:
        if r["name"] == "strikes" and (r["location"], r["period_start"]) in engagements:
            assert engagements[(r["location"], r["period_start"])] >= r["value"]
    # Per day, the towns' strikes never exceed the countries' strikes.
    by_period = defaultdict(lambda: [0.0, 0.0])
    for r in rows:
        if r["name"] == "strikes" and r["location"] and " and " not in r["location"]:
            by_period[(r["period_start"], r["period_end"])][r["location"] in COUNTRIES] += r["value"]
    for towns, countries in by_period.values():
        assert towns <= countries


def test_strike_reports_add_up_in_sql():
    """The same arithmetic as an analyst would check it in the warehouse: one row per report and day."""
    import duckdb

    conn = duckdb.connect()
    conn.execute(
        "CREATE TABLE metrics (release VARCHAR, name VARCHAR, value DOUBLE, location VARCHAR, "
        "period_start DATE, period_end DATE)"
    )
    conn.executemany(
        "INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)",
        [
            [gold["file"], r["name"], r["value"], r["location"], r["period_start"], r["period_end"]]
            for gold in _gold(FIXTURES)
            if gold.get("kind") == "strike_report"
            for r in _rows(fixture_body(FIXTURES / gold["file"]), gold)
        ],
    )
    # Per reported total for both countries: the country counts dated inside its period add up to it.
    mismatched = conn.execute("""
        SELECT t.release, t.period_start, t.value, sum(c.value) AS countries
        FROM metrics t JOIN metrics c
          ON c.release = t.release AND c.name = 'strikes' AND c.location IN ('Syria', 'Iraq')
         AND c.period_start >= t.period_start AND c.period_end <= t.period_end
        WHERE t.name = 'strikes' AND t.location LIKE '% and %'
        GROUP BY ALL HAVING sum(c.value) <> t.value
    """).fetchall()
    assert mismatched == []
    # Engagements never fewer than strikes, per release, place and day.
    fewer = conn.execute("""
        SELECT s.release, s.location, s.period_start FROM metrics s JOIN metrics e
          ON e.release = s.release AND e.location = s.location AND e.period_start = s.period_start AND e.name = 'engagements'
        WHERE s.name = 'strikes' AND e.value < s.value
    """).fetchall()
    assert fewer == []
    checked = conn.execute(
        "SELECT count(*) FROM metrics WHERE name = 'strikes' AND location LIKE '% and %'"
    ).fetchone()[0]
    assert checked >= 2
