"""Raw file bytes to text: encoding detection, mojibake repair, NFC, LF line endings, and a text-quality gate.

Decoding order (cheapest and most common first), one small step each:
1. a byte-order mark names the encoding (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE);
2. known binary signatures (PDF, ZIP/DOCX, images, gzip) are rejected;
3. NUL bytes: UTF-32 or UTF-16 without a BOM (a NUL beside every ASCII letter), else binary;
4. strict UTF-8 (most of the corpus);
5. UTF-8 with a few Windows-1252 bytes pasted in ("It\\x92s" beside "\\xe2\\x80\\x9c"): reported "utf-8+cp1252";
6. Windows-1252, the other encoding the scrapers saved ("\\x93We will\\x94" curly quotes as single bytes):
   accepted when every byte is defined in it and the text reads as text;
7. charset-normalizer for anything else; nothing plausible => "undecodable text".
Then ftfy repairs a double decode ("â€œ" -> "“") only when its badness check fires, and the text is
NFC-normalized with CRLF/CR turned into LF. Nothing else is changed. Last, the quality gate: a text whose
whitespace-separated tokens are mostly not words (letters of one script, edged by punctuation) is not language,
whatever the decoder said ("undecodable text").
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from pipelines.extract.records import Rejected

Decoded = tuple[str, str]  # (text, encoding name)

UNDECODABLE = "undecodable text"

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
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)

# C0 controls other than tab/LF/CR, and C1 controls: a "text" full of them is binary or mis-decoded.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")
# UTF-8 punctuation and accented letters ("\xe2\x80\x9c" = “): present in a file that failed strict UTF-8,
# they mean a UTF-8 file with a few Windows-1252 bytes pasted in ("It\x92s"), not a Windows-1252 file.
_UTF8_SEQUENCE = re.compile(rb"\xe2\x80[\x90-\xba]|\xc2[\xa0-\xbf]|\xc3[\x80-\xbf]")
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode handler: the bytes UTF-8 rejects are read as Windows-1252 (undefined ones as U+FFFD)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("communique-cp1252", _cp1252_bytes)
# Share of control characters above which decoded text is not text at all.
_MAX_CONTROL_SHARE = 0.02
_MAX_NON_ASCII_CP1252 = 0.2
_MAX_UNDEFINED_CP1252 = 2
# At least one space or line break per this many characters in real prose.
_WORD_SPAN = 40
# The quality gate: below this many characters a text is too short to judge; of the tokens with letters outside
# ASCII among the first _GATE_TOKENS, at least _MIN_WORD_SHARE must be words. Prose in any alphabet scores
# 0.8-1.0; bytes decoded in the wrong code page ("ЃЌГ(ќйђю", "¢�Ážþó") score near 0.
_GATE_MIN_CHARS = 200
_GATE_TOKENS = 5000
_MIN_WORD_SHARE = 0.5
_GATE_MIN_TOKENS = 20
_TAG = re.compile(r"<[^<>]{0,2000}>")  # markup of an HTML page or fragment is not judged
_WORD = re.compile(r"^[\W_]*?([^\W\d_]+(?:['’.\-][^\W\d_]+)*)[\W_]*$")


def decode_bytes(data: bytes) -> Decoded:
    """(text, encoding name) for raw file bytes; raises Rejected with a one-line reason."""
    if not data.strip():
        raise Rejected("empty file")
    text, encoding = _decode(data)
    text = _repair(text)
    if not text.strip():
        raise Rejected("empty file")
    if not reads_as_language(text):
        raise Rejected(UNDECODABLE)
    return text, encoding


def _decode(data: bytes) -> Decoded:
    steps: tuple[Callable[[bytes], Decoded | None], ...] = (
        _by_bom,
        _binary_signature,
        _with_nul_bytes,
        _utf8,
        _utf8_with_cp1252,
        _cp1252,
        _detected,
    )
    for step in steps:
        found = step(data)
        if found is not None:
            return found
    raise Rejected(UNDECODABLE)


def _by_bom(data: bytes) -> Decoded | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec), name
    return None


def _binary_signature(data: bytes) -> None:
    for signature, name in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise Rejected(f"binary content ({name})")
    return None


def _with_nul_bytes(data: bytes) -> Decoded | None:
    # UTF-16 (UTF-32) without a BOM puts one (three) NUL beside every ASCII letter: decode it rather than reject it.
    if b"\x00" not in data:
        return None
    guessed = _wide_without_bom(data)
    if guessed is None:
        raise Rejected("binary content (NUL bytes)")
    return guessed


def _utf8(data: bytes) -> Decoded | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not _looks_like_text(text):
        raise Rejected("binary content (control characters)")
    return text, "utf-8"


def _utf8_with_cp1252(data: bytes) -> Decoded | None:
    if not _UTF8_SEQUENCE.search(data):
        return None
    text = data.decode("utf-8", errors="communique-cp1252")
    return (text, "utf-8+cp1252") if _looks_like_text(text) else None


def _cp1252(data: bytes) -> Decoded | None:
    # The five bytes Windows-1252 leaves undefined: a stray one or two (a cut multi-byte character) do not
    # make a Windows-1252 file another encoding; they become U+FFFD.
    if sum(data.count(b) for b in _CP1252_UNDEFINED) > _MAX_UNDEFINED_CP1252:
        return None
    text = data.decode("cp1252", errors="replace")
    # English releases in Windows-1252 are mostly ASCII; a page of accented letters is some other encoding.
    if _looks_like_text(text) and _has_words(text) and _non_ascii_share(text) < _MAX_NON_ASCII_CP1252:
        return text, "cp1252"
    return None


def _detected(data: bytes) -> Decoded | None:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return (text, best.encoding) if _looks_like_text(text) and _has_words(text) else None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise Rejected(UNDECODABLE) from None


def _wide_without_bom(data: bytes) -> Decoded | None:
    """UTF-32 or UTF-16, little or big endian, told by where the NULs of ASCII characters fall."""
    sample = data[:4000]
    for width, nul_lanes, encoding in (
        (4, (1, 2, 3), "utf-32-le"),
        (4, (0, 1, 2), "utf-32-be"),
        (2, (1,), "utf-16-le"),
        (2, (0,), "utf-16-be"),
    ):
        units = len(sample) // width
        if units and all(sample[lane::width][:units].count(0) > 0.9 * units for lane in nul_lanes):
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


def _script(letter: str) -> str:
    """'LATIN', 'CYRILLIC', 'ARABIC' …: the first word of the letter's Unicode name."""
    return unicodedata.name(letter, "?").split(" ", 1)[0]


def _is_word(token: str) -> bool:
    """Letters of one script, maybe joined by an apostrophe, hyphen or dot and edged by punctuation: 'ISIS,'."""
    match = _WORD.match(token)
    if match is None:
        return False
    letters = match.group(1)
    if letters.isascii():
        return True
    return len({_script(c) for c in letters if c.isalpha()}) == 1


def reads_as_language(text: str) -> bool:
    """Whether a decoded text reads as language. Mostly-ASCII text always does (a wrong code page shows as letters
    outside ASCII); otherwise it must have spaces between words, and most tokens that hold letters outside ASCII
    must be words of one script."""
    if len(text) < _GATE_MIN_CHARS:
        return True
    sample = _TAG.sub(" ", text[: _GATE_TOKENS * 20])
    if _non_ascii_share(sample) < _MAX_NON_ASCII_CP1252:
        return True
    if not _has_words(sample):
        return False
    tokens = [t for t in sample.split(maxsplit=_GATE_TOKENS)[:_GATE_TOKENS] if not t.isascii()]
    if len(tokens) < _GATE_MIN_TOKENS:
        return True
    words = sum(1 for token in tokens if _is_word(token))
    return words >= _MIN_WORD_SHARE * len(tokens)


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
