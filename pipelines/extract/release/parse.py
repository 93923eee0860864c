"""Document text to a release: site chrome removed, paragraphs rebuilt, metadata read.

Steps (each in its own module):
1. the article text plus the title/date/url/byline hints its source carried come decoded from
   reading/sources.py (`article_of`: HTML page through trafilatura, JSON export, or plain text);
2. read the header block (block.py): chrome by shape, by a site notice's words or by repetition across the
   batch is skipped; section labels, ' date' scraper lines, bylines, issuer lines, release numbers and
   date lines are header facts (facts.py); the headline is the candidate line above them (or the first
   one when the article follows directly);
3. the rest is the body: chrome lines dropped wherever they are, the page cut at an end mark ('-30-',
   '###', 'Related Links'), lines the batch repeats dropped after the last sentence, paragraphs rebuilt
   (paragraphs.py) and joined by one blank line, a bare dateline joined to the paragraph below it;
4. dateline, publication date, publisher and kind with its reason (kind.py) from what was read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from pipelines.extract.reading.sources import ArticleSource, article_of, source_format
from pipelines.extract.records import ParsedRelease, Rejected
from pipelines.extract.release import chrome
from pipelines.extract.release import header as header_lines
from pipelines.extract.release.block import is_prose, read_header
from pipelines.extract.release.dates import complete, find_full_date, parse_metadata_date
from pipelines.extract.release.facts import HeaderState
from pipelines.extract.release.kind import Evidence, classify
from pipelines.extract.release.paragraphs import build_paragraphs

NO_ARTICLE = "no article text after removing site chrome"
# A statement's closing attribution line sits among its last paragraphs (a page may print the text twice).
_SIGNATURE_REACH = 8
_ENTITY = re.compile(r"&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|quot|amp|apos|nbsp|[lr][sd]quo|[mn]dash|hellip);")


@dataclass(slots=True)
class _Hints:
    """What the page's metadata or the export says about the release, before reading the text."""

    title: str | None = None
    date: date | None = None
    url: str | None = None
    publisher: str | None = None


def parse_release(text: str, source_path: str = "", repeated: frozenset[str] = frozenset()) -> ParsedRelease:
    """The release in one document's source text (its format told by its path, see reading/sources.py)."""
    return parse_article(article_of(text, source_format(source_path, text)), repeated)


def parse_article(article: ArticleSource, repeated: frozenset[str] = frozenset()) -> ParsedRelease:
    """The release in one document's article text and hints; raises Rejected when no article text is left.

    `repeated` holds the keys of lines shared by many documents of the batch (chrome.learn_repeated_lines):
    such lines are chrome before the article and after its last sentence, never inside it."""
    text, hints = article.text, _hints(article)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)  # "It&#8217;s", "&quot;We will&quot;" left by a scraper in plain text
    lines = [chrome.normalize_line(line) for line in text.splitlines()]  # also \r, \u2028, form feeds
    header, body_lines = read_header(lines, hints.title, repeated)
    paragraphs = _joined_bare_dateline(build_paragraphs(_drop_chrome(body_lines, repeated)))
    if not paragraphs:
        raise Rejected(NO_ARTICLE)
    dateline = header_lines.parse_dateline(paragraphs[0])
    decision = classify(
        Evidence(header.title, tuple(paragraphs), header.section_kind, dateline is not None, header.has_byline)
    )
    return ParsedRelease(
        body="\n\n".join(paragraphs),
        kind=decision.kind,
        kind_reason=decision.reason,
        title=header.title,
        published_date=_published_date(header, hints, dateline, paragraphs[0]),
        dateline=dateline.place if dateline else None,
        publisher=_publisher(header, hints, dateline, paragraphs),
        release_number=header.release_number,
        url=hints.url,
    )


def _publisher(
    header: HeaderState, hints: _Hints, dateline: header_lines.Dateline | None, paragraphs: list[str]
) -> str | None:
    """Header issuer or byline, the page's author, the dateline's agency tag, the body's own naming of its
    issuer (a statement's opening or signature line), a headline that opens with it, then the site named by
    its chrome."""
    tag = dateline.tag if dateline and dateline.tag else None
    return (
        header.publisher
        or hints.publisher
        or (header_lines.canonical_publisher(tag) or tag if tag else None)
        or header_lines.statement_issuer(paragraphs[0])
        or next(filter(None, map(header_lines.signature_issuer, paragraphs[-_SIGNATURE_REACH:])), None)
        or header_lines.title_issuer(header.title)
        or header.site_publisher
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


# --- 3. The body --------------------------------------------------------------------------------------


def _drop_chrome(lines: list[str], repeated: frozenset[str]) -> list[str]:
    """The article's lines: chrome lines dropped wherever they are, the page cut at an end mark, and the
    non-sentence lines after the last sentence dropped when the batch repeats them (footers)."""
    kept: list[str] = []
    for line in lines:
        if line and chrome.is_end_marker(line) and any(kept):
            break
        if not line or not chrome.chrome_reason(line):
            kept.append(line)
    while kept and (not kept[-1] or (chrome.line_key(kept[-1]) in repeated and not is_prose(kept[-1]))):
        kept.pop()
    return kept


def _joined_bare_dateline(paragraphs: list[str]) -> list[str]:
    """'SOUTHWEST ASIA —' alone above the first paragraph opens that paragraph."""
    if len(paragraphs) >= 2 and header_lines.bare_dateline(paragraphs[0]):
        return [f"{paragraphs[0]} {paragraphs[1]}", *paragraphs[2:]]
    return paragraphs


# --- 4. Publication date ------------------------------------------------------------------------------


def _published_date(
    header: HeaderState, hints: _Hints, dateline: header_lines.Dateline | None, first_paragraph: str
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
