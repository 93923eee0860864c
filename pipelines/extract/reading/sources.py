"""The one place a raw file becomes documents, and a document its article text.

Reading (ingest): the file's bytes are decoded once, its format is decided once (`source_format`), and it is
split into documents: one per .txt/.html file, one per line of a JSON Lines export, one per object of a .json
list. Each document keeps the decoded source text (provenance: `raw_documents.text`) and its bytes' hash.
Parsing (releases): `article_of` turns a document's source text into the article text plus the hints (title,
date, address, byline) its source carried; the release parser reads only that.

Nothing here raises on bad input: every failure becomes a rejection with a one-line reason, so one file can
never stop a run.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pipelines.extract.reading.decode import decode_bytes
from pipelines.extract.reading.html import extract_html, looks_like_html
from pipelines.extract.reading.jsonl import (
    JsonUnusable,
    article_from_object,
    load_json,
    missing_article_reason,
)
from pipelines.extract.records import Rejected

JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
HTML_SUFFIXES = (".html", ".htm")

Format = Literal["text", "html", "json"]
_MEMBER = re.compile(r"#[0-9]+$")  # "exports/a.jsonl#3": the third document of a file


@dataclass(slots=True)
class SourceDocument:
    """One document read from raw/: a whole file, or one line of a JSON Lines export."""

    source_path: str  # relative to raw/; "exports/a.jsonl#3" for the third line of an export
    content_sha256: str
    size_bytes: int
    encoding: str
    text: str  # the decoded source text: the page's HTML, the export's JSON, or the saved text
    format: Format = "text"


@dataclass(slots=True)
class SourceRejection:
    source_path: str
    content_sha256: str | None
    size_bytes: int
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """A document's article text and the hints its source carried, as written there, most trusted first
    (an export's own "title" before the title of the HTML page it holds). The release parser cleans them."""

    text: str
    titles: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # the page's byline ("U.S. Central Command Public Affairs")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_path_of(source_path: str) -> str:
    """The raw file a document came from: "a.jsonl#3" -> "a.jsonl"."""
    return _MEMBER.sub("", source_path)


def source_format(source_path: str, text: str) -> Format:
    """The document's format, by its file's suffix; saved text that is an HTML page counts as HTML."""
    suffix = file_path_of(source_path).lower()
    if suffix.endswith(JSONL_SUFFIXES + JSON_SUFFIXES):
        return "json"
    if suffix.endswith(HTML_SUFFIXES) or (text.lstrip()[:1] == "<" and looks_like_html(text)):
        return "html"
    return "text"


# --- Reading: a raw file to documents -----------------------------------------------------------------


def read_documents(source_path: str, data: bytes) -> Iterator[SourceDocument | SourceRejection]:
    """Every document in one raw file, or the reasons it has none. Never raises on bad input."""
    sha = _sha(data)
    try:
        items = list(_documents(source_path, data, sha))
    except Rejected as exc:
        items = [SourceRejection(source_path, sha, len(data), str(exc))]
    except Exception as exc:  # noqa: BLE001  a reader bug on one file must not stop the run: that file is rejected
        items = [SourceRejection(source_path, sha, len(data), f"unreadable file ({type(exc).__name__})")]
    yield from items


def _documents(source_path: str, data: bytes, sha: str) -> Iterator[SourceDocument | SourceRejection]:
    text, encoding = decode_bytes(data)  # whole-file checks first: an empty or binary export is one rejection
    lowered = source_path.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        yield from _json_lines(source_path, text, encoding)
    elif lowered.endswith(JSON_SUFFIXES):
        yield from _json_file(source_path, data, sha, text, encoding)
    else:
        yield SourceDocument(source_path, sha, len(data), encoding, text, source_format(source_path, text))


def _json_lines(source_path: str, text: str, encoding: str) -> Iterator[SourceDocument | SourceRejection]:
    """One document per non-blank line of the decoded export (so UTF-16 and UTF-32 exports split right).
    A line's hash is the hash of its text in UTF-8: for a UTF-8 export, the hash of the line's bytes."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue  # blank separator lines are not documents
        path = f"{source_path}#{number}"
        line_bytes = line.encode("utf-8")
        try:
            obj = load_json(line)
        except JsonUnusable as exc:
            yield SourceRejection(path, _sha(line_bytes), len(line_bytes), f"malformed JSON line: {exc}")
            continue
        reason = missing_article_reason(obj)
        if reason:
            yield SourceRejection(path, _sha(line_bytes), len(line_bytes), reason)
        else:
            yield SourceDocument(path, _sha(line_bytes), len(line_bytes), encoding, line, "json")


def _json_file(
    source_path: str, data: bytes, sha: str, text: str, encoding: str
) -> Iterator[SourceDocument | SourceRejection]:
    try:
        value = load_json(text)
    except JsonUnusable as exc:
        yield SourceRejection(source_path, sha, len(data), f"malformed JSON: {exc}")
        return
    if not isinstance(value, list):
        reason = missing_article_reason(value)
        if reason:
            yield SourceRejection(source_path, sha, len(data), reason)
        else:
            yield SourceDocument(source_path, sha, len(data), encoding, text, "json")
        return
    if not value:
        yield SourceRejection(source_path, sha, len(data), "empty JSON list")
        return
    for number, obj in enumerate(value, start=1):
        yield _json_member(f"{source_path}#{number}", obj, encoding)


def _json_member(path: str, obj: object, encoding: str) -> SourceDocument | SourceRejection:
    # Each object is re-serialized so that its document (and hash) is independent of its neighbours; an escaped
    # lone surrogate ("\udcff") cannot be stored as UTF-8 and stays escaped.
    obj_text = json.dumps(obj, ensure_ascii=False)
    try:
        obj_bytes = obj_text.encode("utf-8")
    except UnicodeEncodeError:
        obj_text = json.dumps(obj)
        obj_bytes = obj_text.encode("utf-8")
    reason = missing_article_reason(obj)
    if reason:
        return SourceRejection(path, _sha(obj_bytes), len(obj_bytes), reason)
    return SourceDocument(path, _sha(obj_bytes), len(obj_bytes), encoding, obj_text, "json")


# --- Parsing: a document to its article ---------------------------------------------------------------


def article_of(text: str, fmt: Format) -> ArticleSource:
    """The article text and hints of one document; raises Rejected when its source holds no article."""
    if fmt == "json":
        return _json_article(text)
    if fmt == "html":
        return _html_article(text)
    return ArticleSource(text)


def _html_article(html: str, carried: ArticleSource | None = None) -> ArticleSource:
    page = extract_html(html)
    carried = carried or ArticleSource("")
    return ArticleSource(
        text=page.text,
        titles=carried.titles + _present(page.title),
        dates=carried.dates + _present(page.date),
        urls=carried.urls + _present(page.url),
        authors=carried.authors + _present(page.author),
    )


def _json_article(text: str) -> ArticleSource:
    try:
        obj = load_json(text)
    except JsonUnusable:
        raise Rejected("malformed JSON line") from None
    article = article_from_object(obj)
    if article is None:
        raise Rejected("JSON object has no text or html")
    carried = ArticleSource(
        text="", titles=_present(article.title), dates=_present(article.date), urls=_present(article.url)
    )
    if article.text and not looks_like_html(article.text):
        return ArticleSource(
            article.text.replace("\r\n", "\n").replace("\r", "\n"),
            carried.titles,
            carried.dates,
            carried.urls,
        )
    return _html_article(article.text or article.html or "", carried)


def _present(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()
