"""Scraper exports in JSON: which keys hold the article, its title, date and address.

Scrapers disagree on key names ({"url", "title", "date", "text"} from one, {"link", "headline",
"published", "html"} from another); the accepted names live in data/json_keys.txt.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from pipelines.extract.data_files import lines


@dataclass(slots=True)
class JsonArticle:
    """The parts of one exported object that a release is built from."""

    text: str | None = None  # plain article text
    html: str | None = None  # or the page's HTML
    title: str | None = None
    date: str | None = None  # as the export wrote it; parsed later
    url: str | None = None


@cache
def _keys() -> dict[str, tuple[str, ...]]:
    """{"text": ("text", "body", ...), ...} from data/json_keys.txt ("field: key, key, ...")."""
    out: dict[str, tuple[str, ...]] = {}
    for line in lines("json_keys.txt"):
        field, _, names = line.partition(":")
        out[field.strip()] = tuple(n.strip() for n in names.split(",") if n.strip())
    return out


def _first_string(obj: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return clean_string(value)
    return None


def article_from_object(obj: object) -> JsonArticle | None:
    """The article an exported object carries; None when it is not an object or has no text/html."""
    if not isinstance(obj, dict):
        return None
    keys = _keys()
    article = JsonArticle(
        text=_first_string(obj, keys["text"]),
        html=_first_string(obj, keys["html"]),
        title=_first_string(obj, keys["title"]),
        date=_first_string(obj, keys["date"]),
        url=_first_string(obj, keys["url"]),
    )
    if article.text is None and article.html is None:
        return None
    return article


def missing_article_reason(obj: object) -> str | None:
    """Why an exported value cannot be a release, or None when it can."""
    if not isinstance(obj, dict):
        return f"JSON value is not an object (got {type(obj).__name__})"
    if article_from_object(obj) is None:
        return "JSON object has no text or html"
    return None


def short_error(exc: json.JSONDecodeError) -> str:
    """'Expecting value (column 12)' — the JSON error without the line number (the path carries it)."""
    return f"{exc.msg} (column {exc.colno})"


# Exports nest three or four levels; anything deeper is not an export, and a bomb ('[' x 100,000) would exhaust
# the parser's recursion. Depth is counted over the brackets outside strings, in one pass.
MAX_JSON_DEPTH = 64
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonUnusable(ValueError):
    """JSON text that cannot be loaded; the message is the one-line reason."""


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def load_json(text: str) -> object:
    """json.loads with the depth checked first; raises JsonUnusable with a reason (syntax, depth, huge numbers)."""
    if json_depth(text) > MAX_JSON_DEPTH:
        raise JsonUnusable(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonUnusable(short_error(exc)) from None
    except (ValueError, RecursionError) as exc:  # an integer of more than 4,300 digits, a parser limit
        raise JsonUnusable(str(exc).split("\n", 1)[0][:120]) from None


def clean_string(value: str) -> str:
    """A JSON string as storable text: escaped lone surrogates ("\\udcff") become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)
