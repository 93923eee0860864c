"""The development corpus (tests/fixtures/corpus: real page shapes, invented content) scored once per session.

Each test module under tests/corpus/ holds the bars of one part of extraction; raise a bar when a change lifts
the score, never lower it to let a change through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def corpus_report(tmp_path_factory) -> dict:
    """The `communique evaluate` report (as JSON) of a warehouse built from the corpus in process."""
    from pipelines.evaluation import load_gold, score_warehouse
    from pipelines.evaluation.build import build_warehouse
    from pipelines.warehouse import connect_read_only

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    build_warehouse(CORPUS / "raw", path)
    conn = connect_read_only(path)
    try:
        report = score_warehouse(conn, load_gold(CORPUS / "gold.jsonl"), raw_dir=CORPUS / "raw")
    finally:
        conn.close()
    return report.as_dict()


def misses(report: dict, table: str, field: str | None = None) -> str:
    """The issues of one table (and field), for an assertion message."""
    rows = [
        f"{i['file']}: {i['kind']} {i['item']} {i['detail']}".strip()
        for i in report["issues"]
        if i["table"] == table and (field is None or i["detail"].startswith(f"{field}:"))
    ]
    return "\n".join(rows[:40])
