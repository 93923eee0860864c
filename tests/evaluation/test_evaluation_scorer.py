"""The scorer on hand-made warehouse rows: matching, micro-averaging, absent keys, missing and rejected files."""

import hashlib
from datetime import date, datetime

import duckdb
import pytest

from pipelines.evaluation import score_warehouse
from pipelines.evaluation.gold import GoldError, load_gold, parse_document
from pipelines.evaluation.report import render
from pipelines.warehouse import apply_schema, write_frame

NOW = datetime(2026, 1, 1)
BODY = "body text"


def _release(release_id, source_path, **fields):
    row = {
        "release_id": release_id,
        "content_sha256": fields.pop("sha", release_id * 4),
        "source_path": source_path,
        "title": None,
        "published_date": None,
        "dateline": None,
        "publisher": None,
        "kind": "news",
        "body": BODY,
        "word_count": 2,
        "extractor_version": "test",
        "ingested_at": NOW,
    }
    row.update(fields)
    return row


def _quote(release_id, n, text, speaker, anonymous=False, role=None):
    return {
        "quote_id": f"{release_id}q{n}",
        "release_id": release_id,
        "quote_text": text,
        "speaker": speaker,
        "speaker_role": role,
        "is_anonymous": anonymous,
        "char_start": n,
        "char_end": n + 1,
    }


def _metric(release_id, n, name, value, **fields):
    row = {
        "metric_id": f"{release_id}m{n}",
        "release_id": release_id,
        "name": name,
        "value": float(value),
        "qualifier": "exact",
        "is_cumulative": False,
        "text": f"{value} {name}",
        "char_start": n,
        "char_end": n + 1,
    }
    row.update(fields)
    return row


def _entity(entity_id, name, type_):
    return {"entity_id": entity_id, "name": name, "type": type_, "aliases": [name]}


def _mention(release_id, entity_id, text, n):
    return {
        "mention_id": f"{release_id}e{n}",
        "release_id": release_id,
        "entity_id": entity_id,
        "text": text,
        "char_start": n,
        "char_end": n + 1,
    }


@pytest.fixture
def conn(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_schema(conn)
    write_frame(
        conn,
        "releases",
        [
            _release(
                "r1",
                "news/alpha.txt",
                title="Partners Meet in Erbil",
                published_date=date(2021, 2, 17),
                dateline="ERBIL, Iraq",
                publisher="GOV.KRD",
                kind="news",
            ),
            _release(
                "r2",
                "strikes.txt",
                title="March 22: Strikes continue",
                published_date=date(2017, 3, 22),
                dateline="SOUTHWEST ASIA",
                publisher="CJTF-OIR",
                kind="strike_report",
            ),
            _release("r3", "export.jsonl#2", title="From an export", kind="statement"),
        ],
    )
    write_frame(
        conn,
        "quotes",
        [
            _quote(
                "r1",
                1,
                "The partnership remains strong and it will grow",
                "Col. Jane Doe",
                role="the task force spokesperson",
            ),
            _quote("r1", 2, "We will keep training them", "Doe"),
            _quote("r1", 3, "so-called caliphate", None),  # a scare quote: an extra
            _quote("r1", 4, "Nobody expected this outcome at all", "one of the attendees", anonymous=True),
        ],
    )
    write_frame(
        conn,
        "metrics",
        [
            _metric("r2", 1, "strikes", 2, location="Mosul", action="conduct"),
            _metric("r2", 2, "strikes", 2, location="Raqqa", action="conduct"),
            _metric("r2", 3, "fighting_positions", 11, location="Mosul", action="destroy"),
            _metric(
                "r2", 4, "strikes", 0, location="Syria", period_start=date(2017, 3, 21), period_end=date(2017, 3, 21)
            ),
            _metric("r2", 5, "years", 3),  # not a count: an extra
        ],
    )
    write_frame(
        conn,
        "entities",
        [
            _entity("isis", "ISIS", "organization"),
            _entity("daesh", "Daesh", "organization"),
            _entity("erbil", "Erbil", "location"),
            _entity("iraq", "Iraq", "organization"),
            _entity("coal", "Coalition", "organization"),
            _entity("doe", "Jane Doe", "person"),
        ],
    )
    write_frame(
        conn,
        "entity_mentions",
        [
            _mention("r1", "isis", "ISIL", 1),
            _mention("r1", "daesh", "Daesh", 2),
            _mention("r1", "erbil", "Erbil", 3),
            _mention("r1", "iraq", "Iraq", 4),
            _mention("r1", "coal", "Coalition", 5),
            _mention("r1", "doe", "Col. Jane Doe", 6),
            _mention("r1", "doe", "Doe", 7),
        ],
    )
    write_frame(
        conn,
        "rejected_files",
        [
            {
                "source_path": "empty.txt",
                "content_sha256": None,
                "size_bytes": 0,
                "reason": "empty file",
                "seen_at": NOW,
            },
            {
                "source_path": "binary.txt",
                "content_sha256": None,
                "size_bytes": 9,
                "reason": "binary content (NUL bytes)",
                "seen_at": NOW,
            },
        ],
    )
    yield conn
    conn.close()


GOLD = [
    {
        "file": "alpha.txt",
        "title": "Partners meet in Erbil",
        "published_date": "2021-02-17",
        "dateline": "Erbil, Iraq",
        "publisher": ["GOV.KRD", "Kurdistan Regional Government"],
        "kind": "news",
        "quotes": [
            {
                "speaker": "Col. Jane Doe",
                "role": "task force spokesperson",
                "anonymous": False,
                "text_start": "The partnership remains strong",
            },
            {"speaker": "Col. Jane Doe", "anonymous": False, "text_start": "We will keep training them and"},
            {"speaker": "a senior officer", "anonymous": True, "text_start": "Nobody expected this"},
            {"speaker": "Col. Jane Doe", "text_start": "A quote the extractor never found"},
        ],
        "entities": [
            {"name": "ISIS", "type": "organization", "aliases": ["ISIL", "Daesh"]},
            {"name": "Erbil", "type": "location"},
            {"name": "Iraq", "type": "location"},
            {"name": "Jane Doe", "type": "person"},
        ],
        "optional_entities": ["Coalition"],
    },
    {
        "file": "strikes.txt",
        "kind": "news",
        "metrics": [
            {"name": "strikes", "value": 2, "location": "Raqqa"},
            {"name": "strikes", "value": 2, "location": "Mosul"},
            {"name": "fighting_positions", "value": 11, "action": "destroy", "qualifier": "exact"},
            {
                "name": "strikes",
                "value": 0,
                "location": "Syria",
                "period_start": "2017-03-21",
                "period_end": "2017-03-21",
            },
            {"name": "engagements", "value": 31},
        ],
    },
    {"file": "export.jsonl#2", "title": "From an export"},
    {"file": "gone.txt", "title": "Never ingested", "kind": "news", "quotes": [{"text_start": "Some words said here"}]},
    {"file": "empty.txt", "rejected": True},
    {"file": "alpha.txt#not-there", "rejected": True},
]


def _score(conn, gold=GOLD, raw_dir=None):
    return score_warehouse(conn, [parse_document(obj, n) for n, obj in enumerate(gold, 1)], raw_dir=raw_dir)


def test_documents_found_missing_and_rejected(conn):
    report = _score(conn)
    assert report.documents == {"gold": 6, "found": 3, "missing": 1, "expected_rejected": 2, "rejected_as_expected": 2}
    misses = [i for i in report.issues if i.table == "files"]
    assert [(i.file, i.kind) for i in misses] == [("gone.txt", "miss")]


def test_release_fields(conn):
    fields = {name: (acc.correct, acc.total) for name, acc in _score(conn).release_fields.items()}
    # title: gone.txt missing counts as wrong; kind: alpha right, strikes wrong (news vs strike_report), gone.txt missing counts as wrong
    assert fields == {
        "title": (2, 3),
        "published_date": (1, 1),
        "dateline": (1, 1),
        "publisher": (1, 1),
        "kind": (1, 3),
    }


def test_quotes(conn):
    table = _score(conn).tables["quotes"]
    # alpha: 3 matched, 1 missed, 1 extra (the scare quote); gone.txt: 1 missed
    assert (table.documents, table.tally.tp, table.tally.fp, table.tally.fn) == (2, 3, 1, 2)
    assert (table.fields["speaker"].correct, table.fields["speaker"].total) == (2, 3)  # the anonymous one differs
    assert (table.fields["role"].correct, table.fields["role"].total) == (1, 1)
    assert (table.fields["anonymous"].correct, table.fields["anonymous"].total) == (3, 3)


def test_metrics_pair_by_agreement(conn):
    table = _score(conn).tables["metrics"]
    assert (table.tally.tp, table.tally.fp, table.tally.fn) == (4, 1, 1)
    # the two "2 strikes" rows pair with the gold rows of their own town
    assert table.fields["location"].correct == table.fields["location"].total == 3
    assert (table.fields["action"].correct, table.fields["period"].correct, table.fields["qualifier"].correct) == (
        1,
        1,
        1,
    )
    assert "is_cumulative" not in table.fields  # no gold metric annotates it


def test_entities_optional_and_duplicates(conn):
    report = _score(conn)
    table = report.tables["entities"]
    # ISIS, Erbil, Jane Doe matched; Iraq has the wrong type (a miss and an extra); Daesh not merged into ISIS
    # (an extra); Coalition is optional (ignored)
    assert (table.tally.tp, table.tally.fp, table.tally.fn) == (3, 2, 1)
    extras = {i.item: i.detail for i in report.issues if i.table == "entities" and i.kind == "extra"}
    assert extras == {
        "organization Daesh": "a second entity for 'ISIS' (not merged)",
        "organization Iraq": "right name, wrong type",
    }


def test_absent_keys_are_not_scored(conn):
    report = _score(conn, [{"file": "alpha.txt"}])
    assert report.release_fields == {}
    assert all(t.documents == 0 and t.tally.tp + t.tally.fp + t.tally.fn == 0 for t in report.tables.values())


def test_empty_list_means_none_expected(conn):
    table = _score(conn, [{"file": "alpha.txt", "quotes": []}]).tables["quotes"]
    assert (table.tally.tp, table.tally.fp, table.tally.fn) == (0, 4, 0)
    assert table.tally.precision == 0.0 and table.tally.recall is None


def test_byte_identical_copy_found_by_content(conn, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "copy.txt").write_bytes(b"same bytes")
    sha = hashlib.sha256(b"same bytes").hexdigest()
    conn.execute("UPDATE releases SET content_sha256 = ? WHERE release_id = 'r3'", [sha])
    report = _score(conn, [{"file": "copy.txt", "title": "From an export"}], raw_dir=raw)
    assert report.documents["found"] == 1 and report.release_fields["title"].correct == 1


def test_render_lists_issues_when_verbose(conn):
    report = _score(conn)
    report.sources = {"gold": "g.jsonl", "warehouse": "w.duckdb"}
    short, long = render(report), render(report, verbose=True)
    assert "quotes" in short and "add --verbose" in short
    assert "miss   “A quote the extractor never found…”" in long
    assert "extra  years = 3 [3 years]" in long
    assert "kind: expected" not in long and "kind — expected 'news', got 'strike_report'" in long
    assert report.as_dict()["tables"]["metrics"]["fields"]["location"] == {"correct": 3, "total": 3, "accuracy": 1.0}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{}", 'needs a "file"'),
        ('{"file": "a", "quotes": {}}', "must be a list"),
        ('{"file": "a", "quotes": [{"speaker": "x"}]}', "text_start"),
        ('{"file": "a", "metrics": [{"name": "x"}]}', "value"),
        ("not json", "not JSON"),
    ],
)
def test_bad_gold_lines(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold(path)


def test_gold_publisher_string_and_duplicates(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"file": "a.txt", "publisher": "CJTF-OIR"}\n\n{"file": "b.txt", "quotes": null}\n', encoding="utf-8"
    )
    a, b = load_gold(path)
    assert [d.file for d in load_gold(path, limit=1)] == ["a.txt"]
    assert a.fields["publisher"] == ["CJTF-OIR"] and a.quotes is None and b.quotes == []
    path.write_text('{"file": "a.txt"}\n{"file": "a.txt"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match="twice"):
        load_gold(path)
