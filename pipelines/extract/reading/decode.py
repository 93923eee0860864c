"""Raw file bytes to text: encoding detection, mojibake repair, NFC, LF line endings.

Decoding order (cheapest and most common first):
1. a byte-order mark names the encoding (UTF-8, UTF-16 LE/BE);
2. known binary signatures (PDF, ZIP/DOCX, images, gzip) and NUL bytes are rejected;
3. strict UTF-8 (most of the corpus);
4. UTF-8 with a few Windows-1252 bytes pasted in ("It\\x92s" beside "\\xe2\\x80\\x9c"): reported "utf-8+cp1252";
5. Windows-1252, the other encoding the scrapers saved ("\\x93We will\\x94" curly quotes as single bytes):
   accepted when every byte is defined in it and the text reads as text;
6. charset-normalizer for anything else; nothing plausible => "undecodable text".
Then ftfy repairs a double decode ("â€œ" -> "“") only when its badness check fires, and the text is
NFC-normalized with CRLF/CR turned into LF. Nothing else is changed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from pipelines.extract.records import Rejected

# File signatures of formats that are not text although a scraper may have saved them as ".txt".
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"\x7fELF", "executable"),
)

# C0 controls other than tab/LF/CR, and C1 controls: a "text" full of them is binary or mis-decoded.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")
# UTF-8 punctuation and accented letters ("\xe2\x80\x9c" = “): present in a file that failed strict UTF-8,
# they mean a UTF-8 file with a few Windows-1252 bytes pasted in ("It\x92s"), not a Windows-1252 file.
_UTF8_SEQUENCE = re.compile(rb"\xe2\x80[\x90-\xba]|\xc2[\xa0-\xbf]|\xc3[\x80-\xbf]")


def _cp1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode handler: the bytes UTF-8 rejects are read as Windows-1252 (undefined ones as U+FFFD)."""
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("communique-cp1252", _cp1252_bytes)
# Share of control characters above which decoded text is not text at all.
_MAX_CONTROL_SHARE = 0.02
_MAX_NON_ASCII_CP1252 = 0.2
_MAX_UNDEFINED_CP1252 = 2
# At least one space or line break per this many characters in real prose.
_WORD_SPAN = 40


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for raw file bytes; raises Rejected with a one-line reason."""
    if not data.strip():
        raise Rejected("empty file")
    text, encoding = _decode(data)
    text = _repair(text)
    if not text.strip():
        raise Rejected("empty file")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:  # noqa: C901 (split pending, issue 14)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16"
    for signature, name in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise Rejected(f"binary content ({name})")
    if b"\x00" in data:
        # UTF-16 without a BOM puts a NUL beside every ASCII letter: decode it rather than reject it.
        guessed = _utf16_without_bom(data)
        if guessed:
            return guessed
        raise Rejected("binary content (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_like_text(text):
            raise Rejected("binary content (control characters)")
        return text, "utf-8"
    if _UTF8_SEQUENCE.search(data):
        text = data.decode("utf-8", errors="communique-cp1252")
        if _looks_like_text(text):
            return text, "utf-8+cp1252"
    # The five bytes Windows-1252 leaves undefined: a stray one or two (a cut multi-byte character) do not
    # make a Windows-1252 file another encoding; they become U+FFFD.
    undefined = sum(data.count(b) for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))
    text = data.decode("cp1252", errors="replace") if undefined <= _MAX_UNDEFINED_CP1252 else None
    # English releases in Windows-1252 are mostly ASCII; a page of accented letters is some other encoding.
    if (
        text is not None
        and _looks_like_text(text)
        and _has_words(text)
        and _non_ascii_share(text) < _MAX_NON_ASCII_CP1252
    ):
        return text, "cp1252"
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _looks_like_text(text) and _has_words(text):
            return text, best.encoding
    raise Rejected("undecodable text")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise Rejected("undecodable text") from None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4000]
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    for nuls, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if half and nuls > 0.9 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if _looks_like_text(text) else None
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    return controls <= _MAX_CONTROL_SHARE * len(text)


def _has_words(text: str) -> bool:
    """Prose has a space every few words; bytes decoded in the wrong code page ("ЃЌГ(ќйђю...") have none."""
    return len(text) < _WORD_SPAN or sum(text.count(c) for c in " \n\t") * _WORD_SPAN >= len(text)


def _non_ascii_share(text: str) -> float:
    return (len(text) - len(text.encode("ascii", "ignore"))) / len(text)


def _repair(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.isascii():
        # ftfy.fix_encoding only undoes mojibake; fix_text would also uncurl quotes, which we keep.
        if is_bad(text):
            text = ftfy.fix_encoding(text)
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text
