"""Saved HTML pages to article text with trafilatura, keeping the page's title, date and address as hints.

Dates come from the page's metadata only (meta tags, <time>, URL): `extensive_search` is off, so a
date mentioned somewhere in the article ("On Dec. 30, ...") never becomes the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_LOOKS_LIKE_HTML = re.compile(r"\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)
_ANY_TAG = re.compile(r"<(?:p|div|br|span|a|article|h[1-6])\b[^>]*>", re.IGNORECASE)


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


def extract_html(html: str) -> HtmlArticle:
    """Main text (paragraphs on their own lines) and metadata hints of one HTML page or fragment."""
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
