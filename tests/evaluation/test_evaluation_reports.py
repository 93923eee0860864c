"""The evaluator's reports: kind confusion table, misses per field, entity scores per type (text and JSON)."""

from pipelines.evaluation.gold import parse_document
from pipelines.evaluation.predictions import PredictedDocument, PredictedEntity
from pipelines.evaluation.report import render
from pipelines.evaluation.scorer import Report, score_document


def _gold(file: str, kind: str, entities: list[dict] | None = None, title: str = "A Headline") -> dict:
    return {"file": file, "title": title, "kind": kind, "entities": entities or []}


def _predicted(file: str, kind: str, entities: list[PredictedEntity] | None = None, title: str = "A Headline"):
    return PredictedDocument(file, file, {"title": title, "kind": kind}, entities=entities or [])


def _entity(name: str, type_: str) -> PredictedEntity:
    return PredictedEntity(f"{type_}:{name}", name, type_, {name})


def _report() -> Report:
    report = Report()
    report.documents = {"gold": 4, "found": 3, "missing": 1, "expected_rejected": 0, "rejected_as_expected": 0}
    cases = [
        (
            _gold("a.txt", "news", [{"name": "Jane Roe", "type": "person"}, {"name": "Mosul", "type": "location"}]),
            _predicted("a.txt", "news", [_entity("Jane Roe", "person"), _entity("Tikrit", "location")]),
        ),
        (_gold("b.txt", "statement"), _predicted("b.txt", "news", title="Another Headline")),
        (
            _gold("c.txt", "strike_report", [{"name": "Task Force Alpha", "type": "organization"}]),
            _predicted("c.txt", "strike_report", [_entity("Task Force Alpha", "organization")]),
        ),
        (_gold("d.txt", "briefing"), None),  # missing from the warehouse
    ]
    for number, (gold, predicted) in enumerate(cases, start=1):
        score_document(parse_document(gold, number), predicted, report)
    return report


def test_kind_confusion_counts_gold_against_predicted() -> None:
    confusion = _report().kind_confusion
    assert confusion == {
        "news": {"news": 1},
        "statement": {"news": 1},
        "strike_report": {"strike_report": 1},
        "briefing": {"(none)": 1},
    }


def test_entities_are_scored_per_type() -> None:
    by_type = _report().tables["entities"].by_type
    assert (by_type["person"].tp, by_type["person"].fp, by_type["person"].fn) == (1, 0, 0)
    assert (by_type["location"].tp, by_type["location"].fp, by_type["location"].fn) == (0, 1, 1)
    assert by_type["organization"].f1 == 1.0


def test_json_report_keeps_its_keys_and_adds_the_new_ones() -> None:
    data = _report().as_dict()
    assert {"sources", "documents", "release_fields", "tables", "issues"} <= set(data)
    assert set(data["tables"]) == {"quotes", "metrics", "entities"}
    assert {"tp", "fp", "fn", "precision", "recall", "f1", "fields", "documents"} <= set(data["tables"]["entities"])
    assert data["tables"]["entities"]["by_type"]["location"]["fn"] == 1
    assert "by_type" not in data["tables"]["quotes"]  # only entities have types
    assert data["kind_confusion"]["statement"] == {"news": 1}


def test_text_report_prints_the_confusion_table_and_types() -> None:
    text = render(_report())
    assert "Kind: gold (rows) x predicted (columns)" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("statement"))
    assert row.split()[1:] == [".", "1", "."]  # predicted columns: (none), news, strike_report
    assert "entities by type" in text and "person" in text
    assert "Misses per field" not in text  # only with --verbose


def test_verbose_report_lists_misses_per_field() -> None:
    text = render(_report(), verbose=True)
    lines = text.splitlines()
    start = lines.index("Misses per field")
    section = lines[start + 1 : start + 4]
    kind_line = next(line for line in section if line.split()[0] == "kind")
    assert kind_line.split()[1] == "2" and "b.txt" in kind_line and "d.txt" in kind_line
    title_line = next(line for line in section if line.split()[0] == "title")
    assert "b.txt" in title_line
