"""Raw files to source documents: one per file, one per JSON line or list object, rejections with reasons."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipelines.extract.reading.sources import (
    SourceDocument,
    SourceRejection,
    article_of,
    read_documents,
    source_format,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def _read(name: str) -> list[SourceDocument | SourceRejection]:
    return list(read_documents(name, (FIXTURES / name).read_bytes()))


def test_text_file_is_one_document_with_its_hash() -> None:
    data = (FIXTURES / "news_banner_label.txt").read_bytes()
    [doc] = read_documents("sub/news.txt", data)
    assert isinstance(doc, SourceDocument)
    assert doc.source_path == "sub/news.txt"
    assert doc.content_sha256 == hashlib.sha256(data).hexdigest()
    assert doc.size_bytes == len(data)
    assert doc.text.startswith("An official website")


def test_jsonl_one_document_per_line_and_bad_lines_rejected_alone() -> None:
    results = _read("export.jsonl")
    by_path = {r.source_path: r for r in results}
    assert sorted(by_path) == [f"export.jsonl#{n}" for n in (1, 2, 3, 4, 5)]
    assert all(isinstance(by_path[f"export.jsonl#{n}"], SourceDocument) for n in (1, 4, 5))
    malformed = by_path["export.jsonl#2"]
    assert isinstance(malformed, SourceRejection)
    assert malformed.reason.startswith("malformed JSON line: Unterminated string")
    assert by_path["export.jsonl#3"].reason == "JSON object has no text or html"


def test_jsonl_line_hash_is_the_hash_of_that_line() -> None:
    data = (FIXTURES / "export.jsonl").read_bytes()
    first_line = data.split(b"\n")[0]
    doc = _read("export.jsonl")[0]
    assert doc.content_sha256 == hashlib.sha256(first_line).hexdigest()
    assert json.loads(doc.text)["url"] == "https://www.example.mil/news/1"


def test_jsonl_blank_lines_and_crlf_are_tolerated() -> None:
    line = json.dumps({"text": "BAGHDAD, Iraq — A short release."}).encode()
    results = list(read_documents("a.jsonl", line + b"\r\n\r\n" + line + b"\r\n"))
    assert [r.source_path for r in results] == ["a.jsonl#1", "a.jsonl#3"]
    assert results[0].content_sha256 == results[1].content_sha256


def test_json_list_one_document_per_object() -> None:
    results = _read("export_list.json")
    assert [r.source_path for r in results] == ["export_list.json#1", "export_list.json#2"]
    assert all(isinstance(r, SourceDocument) for r in results)
    assert results[0].content_sha256 != results[1].content_sha256


def test_json_single_object_is_one_document() -> None:
    data = json.dumps({"title": "T", "html": "<p>MIDDLE EAST — Text.</p>"}).encode()
    [doc] = read_documents("one.json", data)
    assert isinstance(doc, SourceDocument) and doc.source_path == "one.json"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("bad.json", b'{"text": ', "malformed JSON: Expecting value (column 10)"),
        ("list.json", b"[]", "empty JSON list"),
        ("scalar.json", b'"just a string"', "JSON value is not an object (got str)"),
        ("empty.jsonl", b"", "empty file"),
        ("binary.jsonl", b"\x00\x01\x02" * 10, "binary content (NUL bytes)"),
    ],
)
def test_json_rejections(name: str, data: bytes, reason: str) -> None:
    [rejection] = read_documents(name, data)
    assert isinstance(rejection, SourceRejection)
    assert rejection.reason == reason


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "empty file"),
        ("blank_lines.txt", "empty file"),
        ("binary_nul.txt", "binary content (NUL bytes)"),
        ("binary_pdf.txt", "binary content (PDF document)"),
        ("undecodable.txt", "undecodable text"),
    ],
)
def test_fixture_rejections(name: str, reason: str) -> None:
    [rejection] = _read(name)
    assert isinstance(rejection, SourceRejection)
    assert rejection.reason == reason
    assert rejection.content_sha256 == hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "path, text, fmt",
    [
        ("a.txt", "SOUTHWEST ASIA — Text.", "text"),
        ("a.txt", "<!DOCTYPE html><html><body><p>Text.</p></body></html>", "html"),
        ("a.HTM", "SOUTHWEST ASIA — Text.", "html"),
        ("feed.jsonl#3", '{"text": "x"}', "json"),
        ("list.json#1", '{"text": "x"}', "json"),
        ("odd#name.txt", "Text.", "text"),
    ],
)
def test_the_format_is_decided_in_one_place(path: str, text: str, fmt: str) -> None:
    assert source_format(path, text) == fmt


def test_an_export_holding_a_page_carries_its_own_hints_first_then_the_pages() -> None:
    page = (
        "<html><head><title>Page Title | Site</title><meta name='author' content='CJTF-OIR Public Affairs'></head>"
        "<body><p>BAGHDAD — Coalition partners met on Tuesday to plan the next phase of training.</p></body></html>"
    )
    article = article_of(json.dumps({"title": "Export Title", "html": page, "url": "https://example.mil/a"}), "json")
    assert "Coalition partners met" in article.text
    assert article.titles[0] == "Export Title" and len(article.titles) == 2
    assert article.urls[0] == "https://example.mil/a"


def test_a_document_read_at_ingest_knows_its_format() -> None:
    [doc] = read_documents("page.html", b"<html><body><p>MIDDLE EAST \xe2\x80\x94 Text of a page.</p></body></html>")
    assert isinstance(doc, SourceDocument) and doc.format == "html"
    assert article_of(doc.text, doc.format).text.startswith("MIDDLE EAST")
