"""No file can stop a run: hostile bytes, names and file types become documents or rejections, never exceptions."""

from __future__ import annotations

import json
import os
import random
import socket
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.extract.reading.decode import decode_bytes, reads_as_language
from pipelines.extract.reading.html import MAX_DEPTH, extract_html, nesting_depth
from pipelines.extract.reading.jsonl import MAX_JSON_DEPTH, json_depth
from pipelines.extract.reading.sources import (
    SourceDocument,
    SourceRejection,
    article_of,
    read_documents,
    source_format,
)
from pipelines.extract.records import Rejected
from pipelines.rawfolder import RawFile, SkippedFile, read_bounded, readable_path, scan

RELEASE = (
    "SOUTHWEST ASIA — Coalition military forces conducted nine strikes against ISIS targets in Syria "
    "on Tuesday, the task force said. “We will keep up the pressure,” said Col. Jane Doe."
)
SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".ndjson", ".htm", ".text"]


def _all_items(name: str, data: bytes) -> list[SourceDocument | SourceRejection]:
    items = list(read_documents(name, data))
    assert items, "every file ends as documents or rejections"
    for item in items:
        if isinstance(item, SourceDocument):
            item.text.encode("utf-8")  # storable: no lone surrogates
            article_or_rejection(item)
    return items


def article_or_rejection(doc: SourceDocument) -> None:
    try:
        article = article_of(doc.text, source_format(doc.source_path, doc.text))
    except Rejected:
        return
    article.text.encode("utf-8")


# --- the failures of issue 20, one by one ----------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_json_nesting_bomb_is_one_rejection(suffix: str) -> None:
    bomb = b"[" * 100_000 + b"]" * 100_000
    [item] = read_documents("bomb" + suffix, bomb)
    assert isinstance(item, SourceRejection)
    assert f"nested deeper than {MAX_JSON_DEPTH} levels" in item.reason


def test_a_bomb_line_of_an_export_leaves_the_other_lines() -> None:
    good = json.dumps({"title": "T", "text": RELEASE}).encode()
    items = list(read_documents("feed.jsonl", good + b"\n" + b"{" * 50_000 + b"\n" + good))
    assert [type(i).__name__ for i in items] == ["SourceDocument", "SourceRejection", "SourceDocument"]


def test_json_depth_ignores_brackets_inside_strings() -> None:
    assert json_depth('{"text": "[[[[{{{{"}') == 1
    assert json_depth('[{"a": ["\\"]]]"]}]') == 3


def test_a_utf16_export_keeps_every_line_and_invents_none() -> None:
    lines = [json.dumps({"text": RELEASE + f" Line {n}."}, ensure_ascii=False) for n in (1, 2, 3)]
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        data = ("\n".join(lines) + "\n").encode(encoding)
        items = list(read_documents("feed.jsonl", data))
        assert [i.source_path for i in items] == ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#3"], encoding
        assert all(isinstance(i, SourceDocument) for i in items), encoding


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("suffix", [".txt", ".html", ".json"])
def test_utf16_and_utf32_with_or_without_bom_in_every_format(encoding: str, suffix: str) -> None:
    text = {
        ".txt": RELEASE,
        ".html": f"<html><head><title>Strikes</title></head><body><p>{RELEASE}</p></body></html>",
        ".json": json.dumps({"title": "Strikes", "text": RELEASE}, ensure_ascii=False),
    }[suffix]
    [doc] = read_documents("a" + suffix, text.encode(encoding))
    assert isinstance(doc, SourceDocument)
    assert doc.text == text
    assert "SOUTHWEST ASIA" in article_of(doc.text, doc.format).text


def test_random_high_bytes_are_not_a_release() -> None:
    rng = random.Random(20)
    for _ in range(50):
        data = bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(300, 5000)))
        with pytest.raises(Rejected, match="undecodable text"):
            decode_bytes(data)


@pytest.mark.parametrize(
    "text",
    [
        RELEASE * 5,
        "ЕРБІЛЬ — Коаліційні сили завдали дев'яти ударів по цілях ІДІЛ у Сирії у вівторок, повідомили в штабі. " * 5,
        "أربيل — نفذت قوات التحالف تسع ضربات ضد أهداف داعش في سوريا يوم الثلاثاء، حسبما قالت قيادة القوة. " * 5,
    ],
    ids=["english", "ukrainian", "arabic"],
)
def test_prose_in_any_alphabet_reads_as_language(text: str) -> None:
    assert reads_as_language(text)
    assert decode_bytes(text.encode("utf-8"))[0] == text


def test_an_html_page_20000_divs_deep_keeps_its_paragraph() -> None:
    page = "<html><body>" + "<div>" * 20_000 + f"<p>{RELEASE}</p>" + "</div>" * 20_000 + "</body></html>"
    assert nesting_depth(page) > MAX_DEPTH
    started = time.monotonic()
    assert "nine strikes" in extract_html(page).text
    assert time.monotonic() - started < 10


def test_an_html_page_deep_in_text_level_tags_keeps_its_text() -> None:
    page = "<blockquote>" * 5_000 + RELEASE + "</blockquote>" * 5_000
    assert "nine strikes" in extract_html(page).text


def test_an_escaped_lone_surrogate_in_json_is_storable() -> None:
    data = b'[{"title": "Bad \\udcff name", "text": "' + RELEASE.encode() + b' \\ud800"}]'
    [doc] = read_documents("a.json", data)
    assert isinstance(doc, SourceDocument)
    doc.text.encode("utf-8")
    article = article_of(doc.text, "json")
    article.text.encode("utf-8")
    assert article.titles == ("Bad \ufffd name",)


def test_a_huge_json_number_is_a_rejection() -> None:
    [item] = read_documents("a.json", b'{"text": "x", "n": ' + b"1" * 10_000 + b"}")
    assert isinstance(item, SourceRejection) and item.reason.startswith("malformed JSON")


# --- files and names --------------------------------------------------------------------------------------


def test_a_named_pipe_socket_and_swapped_file_are_listed_not_opened(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    os.mkfifo(raw / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(raw / "sock.txt"))
    (raw / "ok.txt").write_text(RELEASE)
    try:
        started = time.monotonic()
        entries = {e.source_path: e for e in scan(raw)}
        assert isinstance(entries["ok.txt"], RawFile)
        assert entries["pipe.txt"] == SkippedFile("pipe.txt", None, "not a regular file (named pipe)")
        assert entries["sock.txt"] == SkippedFile("sock.txt", None, "not a regular file (socket)")
        # A pipe put where a regular file was scanned: the read sees it once open, without blocking.
        assert read_bounded(raw / "pipe.txt", 1000) == (b"", "not a regular file (named pipe)")
        assert time.monotonic() - started < 5
    finally:
        server.close()


def test_a_device_is_not_read(tmp_path: Path) -> None:
    assert read_bounded(Path("/dev/zero"), 1000) == (b"", "not a regular file (character device)")


def test_reads_stop_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a " * 5000)
    assert read_bounded(path, 10_000) == (b"a " * 5000, None)
    assert read_bounded(path, 9_999) == (b"", "file larger than the 9,999-byte limit")


def test_a_name_that_is_not_utf8_is_kept_losslessly(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    bad = os.fsdecode(b"release-\xff\xfe.txt")
    (raw / bad).write_text(RELEASE)
    (raw / "release-\\xff\\xfe.txt").write_text(RELEASE + " Other.")  # the readable form, spelled out
    entries = [e for e in scan(raw) if isinstance(e, RawFile)]
    paths = [e.source_path for e in entries]
    assert len(set(paths)) == 2
    odd = next(e for e in entries if e.name_hex)
    assert bytes.fromhex(odd.name_hex) == b"release-\xff\xfe.txt"
    assert odd.source_path.startswith("release-\\xff\\xfe.txt")
    for path in paths:
        path.encode("utf-8")
    assert readable_path(bad) == "release-\\xff\\xfe.txt"


def test_symlink_loops_and_links_outside_are_listed(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "passwd.txt").symlink_to("/etc/passwd")
    (raw / "gone.txt").symlink_to(raw / "nothing.txt")
    reasons = {e.source_path: e.reason for e in scan(raw) if isinstance(e, SkippedFile)}
    assert reasons["passwd.txt"] == "symbolic link pointing outside raw/ ignored"
    assert reasons["gone.txt"] == "broken symbolic link"
    assert reasons["loop.txt"].startswith(("unreadable file", "broken symbolic link", "symbolic link pointing"))


# --- the fuzzer -------------------------------------------------------------------------------------------

_SEEDS = [
    RELEASE.encode(),
    json.dumps({"text": RELEASE}).encode(),
    f"<html><body><p>{RELEASE}</p></body></html>".encode(),
    b"[" * 300,
    b'{"text": "\\ud800"}',
    "\u201cWe will\u201d".encode("cp1252") * 20,
]


def _mutated(seed: bytes, noise: bytes, at: int, encoding: str | None) -> bytes:
    data = seed[: at % (len(seed) + 1)] + noise + seed[at % (len(seed) + 1) :]
    if encoding:
        data = data.decode("utf-8", errors="replace").encode(encoding)
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(
    seed=st.sampled_from(_SEEDS),
    noise=st.binary(max_size=400),
    at=st.integers(min_value=0, max_value=2000),
    encoding=st.sampled_from([None, None, "utf-16", "utf-16-be", "utf-32-le", "cp1252"]),
    suffix=st.sampled_from(SUFFIXES),
)
def test_fuzz_bytes_in_every_format_become_documents_or_rejections(
    seed: bytes, noise: bytes, at: int, encoding: str | None, suffix: str
) -> None:
    try:
        data = _mutated(seed, noise, at, encoding)
    except UnicodeEncodeError:
        data = seed + noise
    _all_items("fuzz" + suffix, data)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_random_bytes(data: bytes, suffix: str) -> None:
    _all_items("fuzz" + suffix, data)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    text=st.text(max_size=800),
    wrap=st.sampled_from(["plain", "json", "jsonl", "html"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_fuzz_unicode_text_in_every_wrapper(text: str, wrap: str, encoding: str) -> None:
    body = {
        "plain": text,
        "json": json.dumps({"text": text, "title": text[:20]}),
        "jsonl": json.dumps({"html": text}) + "\n" + text,
        "html": f"<html><body><div><p>{text}</p></div></body></html>",
    }[wrap]
    suffix = {"plain": ".txt", "json": ".json", "jsonl": ".jsonl", "html": ".html"}[wrap]
    _all_items("fuzz" + suffix, body.encode(encoding, errors="surrogatepass"))


_NAME_BYTES = st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b and b"\x00" not in b)


def _make(path: bytes, kind: str) -> bool:
    """Create one entry of the given kind under a byte name; False when the filesystem refuses the name."""
    if os.path.basename(path) in (b".", b".."):
        return False
    makers = {
        "file": lambda: Path(os.fsdecode(path)).write_bytes(RELEASE.encode()),
        "empty": lambda: Path(os.fsdecode(path)).write_bytes(b""),
        "fifo": lambda: os.mkfifo(path),
        "dir": lambda: (os.mkdir(path), Path(os.fsdecode(path), "inner.txt").write_text(RELEASE)),
        "link": lambda: os.symlink(b"/etc/hostname", path),
    }
    try:
        makers[kind]()
    except OSError:
        return False  # a name this filesystem refuses (too long)
    return True


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    names=st.lists(_NAME_BYTES, min_size=1, max_size=6, unique=True),
    kinds=st.lists(st.sampled_from(["file", "fifo", "dir", "link", "empty"]), min_size=6, max_size=6),
)
def test_fuzz_names_and_file_types_are_all_listed(tmp_path_factory, names: list[bytes], kinds: list[str]) -> None:
    raw = tmp_path_factory.mktemp("raw")
    made = sum(_make(os.path.join(os.fsencode(raw), name), kind) for name, kind in zip(names, kinds, strict=False))
    entries = list(scan(raw))
    paths = [e.source_path for e in entries]
    assert len(paths) == len(set(paths))
    for entry in entries:
        entry.source_path.encode("utf-8")
        if isinstance(entry, RawFile):
            data, error = read_bounded(entry.path, 10_000)
            if not error:
                _all_items(entry.source_path, data)
    assert len(entries) >= made - sum(1 for k in kinds if k == "dir")  # every file (a folder lists its inner file)
