"""parse_chunk runs each stage over the whole chunk: its rows must equal extracting release by release, in order."""

from bench.realtext import documents
from pipelines.assets.rows import STAGE_ROWS, ReleaseForExtraction, parse_chunk, release_row


def test_stage_rows_equal_release_by_release_extraction_in_order():
    docs = documents()[:20]
    chunk = parse_chunk(docs)
    releases = [row for row in (release_row(doc) for doc in docs) if not isinstance(row, str)]
    for stage, extract in STAGE_ROWS.items():
        expected = [
            row
            for r in releases
            for row in extract(
                ReleaseForExtraction(r["release_id"], r["body"], r["kind"], r["published_date"], r["publisher"])
            )
        ]
        table = chunk.stage_rows[stage]
        got = table.to_pylist() if table is not None else []
        assert [row["release_id"] for row in got] == [row["release_id"] for row in expected]
        assert len(got) == len(expected) > 0
    assert chunk.releases.column("release_id").to_pylist() == [r["release_id"] for r in releases]
