"""Bytes to text: encodings the scrapers saved, mojibake, line endings, and every rejection reason."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipelines.extract.reading.decode import decode_bytes
from pipelines.extract.records import Rejected

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
CURLY = "The general said, \u201cWe will win.\u201d It\u2019s 5 \u2013 6 miles."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (CURLY.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CURLY.encode("utf-8"), "utf-8-sig"),
        (CURLY.encode("cp1252"), "cp1252"),
        (CURLY.encode("utf-16"), "utf-16"),
        (CURLY.encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16-bom", "utf16-no-bom"],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    text, detected = decode_bytes(data)
    assert text == CURLY
    assert detected == encoding


def test_mojibake_is_repaired_but_curly_quotes_stay_curly() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    doubled = CURLY.encode("utf-8").decode("sloppy-windows-1252")
    assert "â€œ" in doubled
    text, encoding = decode_bytes(doubled.encode("utf-8"))
    assert text == CURLY
    assert encoding == "utf-8"


def test_straight_quotes_and_ascii_are_unchanged() -> None:
    raw = 'Col. Doe said, "Not yet."  Double  spaces stay.\n\n\nThree breaks stay.'
    assert decode_bytes(raw.encode())[0] == raw


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_line_endings_become_lf(newline: bytes) -> None:
    text, _ = decode_bytes(newline.join([b"Title", b"", b"Body line."]))
    assert text == "Title\n\nBody line."


def test_text_is_nfc() -> None:
    decomposed = "Cafe\u0301 in Qamishli"
    text, _ = decode_bytes(decomposed.encode("utf-8"))
    assert text == unicodedata.normalize("NFC", decomposed) == "Caf\u00e9 in Qamishli"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\r\n", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b"SOUTHWEST ASIA\x00\x00\x01\x02" * 30, "binary content (NUL bytes)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "binary content (PDF document)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary content (ZIP archive or Office document)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (PNG image)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary content (JPEG image)"),
        (bytes([0x81, 0x8D, 0xC3, 0x28, 0x9D, 0xE9, 0x90, 0xFE]) * 40, "undecodable text"),
        (b"Header\x01\x02\x03\x04\x05\x06\x07\x08 text" * 3, "binary content (control characters)"),
    ],
    ids=["empty", "whitespace", "bom-only", "nul", "pdf", "zip", "png", "jpeg", "undecodable", "controls"],
)
def test_rejections(data: bytes, reason: str) -> None:
    with pytest.raises(Rejected) as caught:
        decode_bytes(data)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    "name, encoding",
    [
        ("news_cp1252.txt", "cp1252"),
        ("news_bom_mojibake.txt", "utf-8-sig"),
        ("news_utf16.txt", "utf-16"),
        ("news_hard_wrapped_crlf.txt", "utf-8"),
    ],
)
def test_fixture_encodings(name: str, encoding: str) -> None:
    text, detected = decode_bytes((FIXTURES / name).read_bytes())
    assert detected == encoding
    assert "\r" not in text and "â€" not in text and "\ufeff" not in text


def test_utf8_with_pasted_windows_1252_bytes() -> None:
    data = CURLY.encode("utf-8") + b" It\x92s done."
    assert decode_bytes(data) == (CURLY + " It\u2019s done.", "utf-8+cp1252")


def test_windows_1252_with_a_stray_undefined_byte() -> None:
    data = CURLY.encode("cp1252") + b" End\x9d."
    text, encoding = decode_bytes(data)
    assert encoding == "cp1252"
    assert text.startswith(CURLY)
