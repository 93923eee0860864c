"""Saved HTML pages to article text with trafilatura, keeping the page's title, date and address as hints.

Dates come from the page's metadata only (meta tags, <time>, URL): `extensive_search` is off, so a
date mentioned somewhere in the article ("On Dec. 30, ...") never becomes the publication date.

libxml2 stops building a tree 256 elements deep, so a page nested deeper (20,000 `<div>`s round one paragraph)
would lose its text: such a page is flattened first, its layout tags dropped and its text-level tags kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import trafilatura

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_LOOKS_LIKE_HTML = re.compile(r"\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)
_ANY_TAG = re.compile(r"<(?:p|div|br|span|a|article|h[1-6])\b[^>]*>", re.IGNORECASE)

# Deeper than this, the page is flattened (real pages nest 20-40 levels).
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
_BLANK_RUN = re.compile(r"\n\s*\n")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
# What a flattened page keeps: the page's head and the tags that separate or carry text.
_KEPT = frozenset(
    [
        "html",
        "head",
        "title",
        "meta",
        "link",
        "body",
        "p",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "time",
    ]
)


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None  # the page's byline; may name the issuing body ("U.S. Central Command Public Affairs")


def looks_like_html(text: str) -> bool:
    """A whole page ('<!DOCTYPE html>...') or a fragment with markup ('<p>SOUTHWEST ASIA — ...</p>')."""
    return _LOOKS_LIKE_HTML.match(text) is not None or _ANY_TAG.search(text[:2000]) is not None


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counted over its tags in one pass (void and self-closed tags aside)."""
    depth = deepest = 0
    for closing, name, self_closed in _TAG.findall(html):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closed and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flatten(html: str, kept: frozenset[str] = _KEPT) -> str:
    """The page with every tag but the kept ones removed: a line break where a removed tag was."""

    def keep_or_break(match: re.Match[str]) -> str:
        return match.group(0) if match.group(2).lower() in kept else "\n"

    return _TAG.sub(keep_or_break, html)


def _visible_text(html: str) -> str:
    """Last resort for a page still too deep once flattened: every tag removed, entities decoded."""
    return _BLANK_RUN.sub("\n\n", unescape(_TAG.sub("\n", html))).strip()


def extract_html(html: str) -> HtmlArticle:
    """Main text (paragraphs on their own lines) and metadata hints of one HTML page or fragment."""
    if nesting_depth(html) > MAX_DEPTH:
        html = flatten(html)
        if nesting_depth(html) > MAX_DEPTH:
            return HtmlArticle(_visible_text(html))
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_recall=True,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        # Fragments too small for the main-text heuristics: fall back to all visible text.
        text = trafilatura.html2txt(html) or ""
    if document is None:
        return HtmlArticle(text)
    return HtmlArticle(
        text=text,
        title=getattr(document, "title", None),
        date=getattr(document, "date", None),
        url=getattr(document, "url", None),
        author=getattr(document, "author", None),
    )
