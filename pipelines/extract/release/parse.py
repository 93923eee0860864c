"""Document text to a release: site chrome removed, paragraphs rebuilt, metadata read.

Steps (each in its own module):
1. the article text plus the title/date/url/byline hints its source carried come decoded from
   reading/sources.py (`article_of`: HTML page through trafilatura, JSON export, or plain text);
2. walk the header (the lines before the article): banner, section label with date, ' date' scraper
   line, breadcrumbs, bylines, issuer lines, release numbers, 'FOR IMMEDIATE RELEASE' are consumed
   (chrome.py, header_lines.py); the first headline-like line is the title;
3. the rest is the body: chrome lines dropped wherever they are, the page cut at an end mark ('-30-',
   '###', 'Related Links'), paragraphs rebuilt (paragraphs.py) and joined by one blank line;
4. dateline, publication date, publisher and kind (kind.py) from what was read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from pipelines.extract.reading.sources import ArticleSource, article_of, source_format
from pipelines.extract.records import ParsedRelease, Rejected
from pipelines.extract.release import chrome
from pipelines.extract.release import header as header_lines
from pipelines.extract.release.dates import PartialDate, complete, find_full_date, parse_date_line, parse_metadata_date
from pipelines.extract.release.kind import classify
from pipelines.extract.release.paragraphs import build_paragraphs

NO_ARTICLE = "no article text after removing site chrome"
_ENTITY = re.compile(r"&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|quot|amp|apos|nbsp|[lr][sd]quo|[mn]dash|hellip);")


@dataclass(slots=True)
class _Hints:
    """What the page's metadata or the export says about the release, before reading the text."""

    title: str | None = None
    date: date | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass(slots=True)
class _Header:
    """What the header lines said."""

    title: str | None = None
    dates: list[date] = field(default_factory=list)  # full header dates, in order
    partial: PartialDate | None = None  # "September 13th": month and day without a year
    year_hint: int | None = None  # from a month-only " date 2017-09" line or a release number
    publisher: str | None = None
    release_number: str | None = None
    section_kind: str | None = None
    has_byline: bool = False


def parse_release(text: str, source_path: str = "") -> ParsedRelease:
    """The release in one document's source text (its format told by its path, see reading/sources.py)."""
    return parse_article(article_of(text, source_format(source_path, text)))


def parse_article(article: ArticleSource) -> ParsedRelease:
    """The release in one document's article text and hints; raises Rejected when no article text is left."""
    text, hints = article.text, _hints(article)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)  # "It&#8217;s", "&quot;We will&quot;" left by a scraper in plain text
    lines = [chrome.normalize_line(line) for line in text.splitlines()]  # also \r, \u2028, form feeds
    header, body_lines = _read_header(lines, hints)
    body_lines = _drop_chrome(body_lines)
    paragraphs = build_paragraphs(body_lines)
    if not paragraphs:
        raise Rejected(NO_ARTICLE)

    dateline = header_lines.parse_dateline(paragraphs[0])
    publisher = header.publisher or hints.publisher
    if publisher is None and dateline and dateline.tag:
        publisher = header_lines.canonical_publisher(dateline.tag) or dateline.tag
    if publisher is None:
        publisher = header_lines.statement_issuer(paragraphs[0])
    title = header.title
    return ParsedRelease(
        body="\n\n".join(paragraphs),
        kind=classify(title, paragraphs, header.section_kind, dateline is not None, header.has_byline),
        title=title,
        published_date=_published_date(header, hints, dateline, paragraphs[0]),
        dateline=dateline.place if dateline else None,
        publisher=publisher,
        release_number=header.release_number,
        url=hints.url,
    )


# --- 1. The hints the source carried -----------------------------------------------------------------


def _hints(article: ArticleSource) -> _Hints:
    """The first usable title, date and address the source carried, and the publisher its byline names."""
    bylines = (header_lines.parse_byline(f"By {author}") for author in article.authors)
    return _Hints(
        title=next(filter(None, map(header_lines.clean_title_hint, article.titles)), None),
        date=next(filter(None, map(parse_metadata_date, article.dates)), None),
        url=next(iter(article.urls), None),
        publisher=next((b.publisher for b in bylines if b and b.publisher), None),
    )


# --- 2. The header ------------------------------------------------------------------------------------

# How many non-blank lines the header may span before the article must have started.
_HEADER_LINES = 25


def _read_header(lines: list[str], hints: _Hints) -> tuple[_Header, list[str]]:
    header = _Header(title=hints.title)
    hint_title = _fold(hints.title) if hints.title else None
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen <= _HEADER_LINES:
            try:
                if _header_line(line, header):
                    continue
            except _BodyStartsHere as start:
                return header, [start.rest, *lines[index + 1 :]]
        elif chrome.is_chrome_line(line):
            continue  # a long navigation list: past the header, chrome is still no headline
        if hint_title and _fold(line) == hint_title:
            continue  # the export's title repeated at the top of its text
        if header.title is None and header_lines.looks_like_title(line) and not header_lines.parse_dateline(line):
            header.title = line
            continue
        return header, lines[index:]
    return header, []


def _header_line(line: str, header: _Header) -> bool:  # noqa: C901 (split pending, issue 14)
    """Consume one header line into `header`; False when the line is not header material."""
    if chrome.is_chrome_line(line):
        return True
    section = header_lines.parse_section_label(line)
    if section:
        header.section_kind = header.section_kind or section.kind
        header.publisher = header.publisher or section.publisher
        _add_date(header, section.date)
        return True
    meta = header_lines.parse_date_meta(line)
    if meta:
        year, month, day, rest = meta
        if day is None:
            header.year_hint = header.year_hint or year  # month-only: no date, but the year helps
        else:
            _add_date(header, (year, month, day))
        if rest:
            raise _BodyStartsHere(_strip_inline_byline(rest, header))
        return True
    is_number, number = header_lines.release_number_line(line)
    if is_number:
        if number and header.release_number is None:
            header.release_number = number
            if header.year_hint is None and number[:2] in ("19", "20"):
                header.year_hint = int(number[:4])
        return True
    partial = parse_date_line(line) or header_lines.prefixed_date(line)
    if partial:
        _add_date(header, partial)
        return True
    byline_line = chrome.undouble_byline(line)
    byline = header_lines.parse_byline(byline_line)
    if byline:
        header.has_byline = True
        header.publisher = header.publisher or byline.publisher
        return True
    issuer = header_lines.issuer_line(line)
    if issuer:
        header.publisher = header.publisher or issuer
        return True
    return False


class _BodyStartsHere(Exception):
    """A header line that goes straight on with the article (" date 2017-02-15 By ... SOUTHWEST ASIA — ")."""

    def __init__(self, rest: str):
        super().__init__(rest)
        self.rest = rest


def _strip_inline_byline(rest: str, header: _Header) -> str:
    """'By CJTF-OIR Public Affairs SOUTHWEST ASIA — On ...' -> 'SOUTHWEST ASIA — On ...' (publisher kept)."""
    rest = chrome.undouble_byline(rest)
    if not rest.lower().startswith(("by ", "from ")):
        return rest
    known = header_lines.leading_known_byline(rest)
    if known:
        header.has_byline = True
        header.publisher = header.publisher or known[0]
        return rest[known[1] :]
    start = header_lines.find_caps_dateline(rest)
    if start is None:
        return rest
    byline = header_lines.parse_byline(rest[:start].strip())
    if byline:
        header.has_byline = True
        header.publisher = header.publisher or byline.publisher
    return rest[start:]


def _add_date(header: _Header, partial: PartialDate | None) -> None:
    if partial is None:
        return
    if partial[0] is None:
        header.partial = header.partial or partial
    else:
        full = complete(partial)
        if full:
            header.dates.append(full)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .")


# --- 3. The body --------------------------------------------------------------------------------------


def _drop_chrome(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if not line:
            kept.append(line)
            continue
        if chrome.is_end_marker(line) and any(kept):
            break
        if chrome.is_chrome_line(line):
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


# --- 4. Publication date ------------------------------------------------------------------------------


def _published_date(
    header: _Header, hints: _Hints, dateline: header_lines.Dateline | None, first_paragraph: str
) -> date | None:
    """Header date, then the export's/page's date, then the dateline's, then a header 'September 13th'
    completed with the year of a month-only ' date' line or release number, then a full date in the
    first sentence ('... on February 17, 2021, visited ...'). Never anything deeper in the text."""
    if header.dates:
        return header.dates[0]
    if hints.date:
        return hints.date
    if dateline and dateline.date:
        return dateline.date
    if header.partial:
        completed = complete(header.partial, header.year_hint)
        if completed:
            return completed
    found = find_full_date(header_lines.first_sentence(first_paragraph))
    return found[0] if found else None
