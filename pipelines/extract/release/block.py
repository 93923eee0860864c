"""The header block: the lines of a page before its article, read into title, dates, issuer and labels.

Every line before the article is one of:
- chrome: a known variant, widget words, a breadcrumb, a site notice ('website', 'https', 'webmaster' ...),
  or a line repeated across the documents of the batch (chrome.learn_repeated_lines);
- a header fact: section label, ' date YYYY-MM-DD' scraper line, release number, date line, byline, issuer line
  (facts.py);
- a headline candidate: a short line without final punctuation. The headline is the last candidate before
  the first header fact or the article; later short lines that sit between the headline and a date below it
  (state.gov: name, role, place) or just above a transcript turn (a presenter's name) are header too;
- the start of the article: a sentence, a dateline, a transcript turn, a bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipelines.extract.release import chrome
from pipelines.extract.release import header as header_lines
from pipelines.extract.release.dates import parse_date_line
from pipelines.extract.release.facts import Fact, HeaderState, header_fact, merge_fact, split_meta_rest
from pipelines.extract.release.paragraphs import OPEN_ENDING

# How many non-blank lines the header may span before the article must have started.
HEADER_LINES = 25
# A short line between the headline and a date this many lines below it belongs to the metadata block.
_BLOCK_REACH = 6
_BLOCK_WORDS = 14
_UNIT_WORDS = 10
_PROSE_WORDS = 6
_PROSE_LENGTH = 200
# A question is more often a headline ("What Comes Next for the Valley?") than the first line of an article.
_ENDS_SENTENCE = re.compile(r"[.!:;]['\"”’)\]]*$")


@dataclass(frozen=True, slots=True)
class _Scan:
    """Where the header walk stands: what was read, the headline candidates not yet settled, the site
    named by chrome, and (once found) the first lines of the article."""

    header: HeaderState
    candidates: tuple[str, ...] = ()
    body: tuple[str, ...] | None = None


def is_prose(line: str) -> bool:
    """A line of article text: a sentence of six words or more, a long line, a dateline with text after it,
    a bare dateline, or a transcript turn."""
    if header_lines.is_turn(line) or header_lines.bare_dateline(line):
        return True
    dateline = header_lines.parse_dateline(line)
    if dateline and _sentence_like(line[dateline.end :]):
        return True
    return _sentence_like(line)


def _sentence_like(text: str) -> bool:
    """Long, or six words and more that end a sentence or stop mid-sentence ('... consisting of')."""
    if len(text) > _PROSE_LENGTH:
        return True
    return len(text.split()) >= _PROSE_WORDS and (_ENDS_SENTENCE.search(text) or OPEN_ENDING.search(text)) is not None


def is_headline(line: str) -> bool:
    """A headline candidate: title-shaped and not the opening of the article. A dash inside a headline
    ('CJTF – OIR Monthly Civilian Casualty Report') is not a dateline's dash."""
    return header_lines.looks_like_title(line) and not is_prose(line)


def _is_header_chrome(line: str, scan: _Scan, repeated: frozenset[str]) -> bool:
    """Chrome where chrome may sit, before the article (header facts were read first): by a site notice's
    words (one is enough before anything else was read, two after), or by repetition across the batch."""
    if header_lines.parse_dateline(line) or header_lines.is_speaker_label(line):
        return False
    nothing_yet = scan.header == HeaderState(title=scan.header.title) and not scan.candidates
    if chrome.site_words(line) >= (1 if nothing_yet else 2):
        return True
    # Repetition marks furniture, never a sentence: boilerplate sentences open some articles.
    return chrome.line_key(line) in repeated and not is_prose(line)


def _settled(scan: _Scan) -> _Scan:
    """The headline decided by a header fact below it: the last candidate (the ones above it were a site's
    name or tagline), when no headline is known yet."""
    if scan.header.title is None and scan.candidates:
        return _Scan(replace(scan.header, title=scan.candidates[-1]), (), scan.body)
    return _Scan(scan.header, (), scan.body)


def _body_from(scan: _Scan, line: str) -> _Scan:
    """The article starts at `line`: the first candidate is the headline and any later ones were the
    article's first lines ('From the start, the coalition ...' under a headline)."""
    if scan.header.title is None and scan.candidates:
        header = replace(scan.header, title=scan.candidates[0])
        return _Scan(header, (), (*scan.candidates[1:], line))
    return _Scan(scan.header, (), (line,))


def _with_fact(scan: _Scan, fact: Fact) -> _Scan:
    settled = _settled(scan)
    header = merge_fact(settled.header, fact)
    if fact.rest is None:
        return replace(settled, header=header)
    # " date 2017-11-27 Coalition Keeps Pressure on ISIS ..." (a headline) or "... SOUTHWEST ASIA — On ..."
    if is_headline(fact.rest) and header.title is None:
        return replace(settled, header=replace(header, title=fact.rest))
    return replace(settled, header=header, body=(fact.rest,))


def _in_block(line: str, scan: _Scan, upcoming: list[str]) -> bool:
    """A short line under the headline that belongs to the metadata block: a date follows within a few lines
    before any sentence (state.gov: 'Special Briefing' / name / role / place / date, also after an embassy's
    own date line), or a transcript turn follows (a presenter's name)."""
    if len(line.split()) > _BLOCK_WORDS or not header_lines.looks_like_title(line):
        return False
    if upcoming and header_lines.is_speaker_label(upcoming[0]):
        return True
    for later in upcoming[:_BLOCK_REACH]:
        if parse_date_line(later) or header_lines.prefixed_date(later):
            return True
        if is_prose(later):
            return False
    return False


def _byline_unit(line: str, scan: _Scan) -> bool:
    """The unit printed under a person's byline ('Story by Sgt. Jane Roe' / '3rd Brigade Combat Team'): a
    line of capitalized words, once the headline and a byline without an issuer were read."""
    header = scan.header
    if header.title is None or not header.has_byline or header.publisher:
        return False
    return len(line.split()) <= _UNIT_WORDS and header_lines.is_org_name(line) and not is_prose(line)


def _chrome_seen(scan: _Scan, line: str) -> _Scan:
    """A chrome line skipped; the site it names, if any, is kept as the last-resort issuer."""
    return _Scan(merge_fact(scan.header, Fact(site_publisher=chrome.site_publisher(line))), scan.candidates, scan.body)


def _step(scan: _Scan, line: str, upcoming: list[str], repeated: frozenset[str]) -> _Scan:
    """The scan after one more header line."""
    if chrome.chrome_reason(line):
        return _chrome_seen(scan, line)
    fact = header_fact(line)
    if fact is not None:
        return _with_fact(scan, split_meta_rest(fact))
    if _is_header_chrome(line, scan, repeated):
        return _chrome_seen(scan, line)
    if scan.header.title is not None and _fold(line) == _fold(scan.header.title):
        return scan  # the headline printed twice (an export's title repeated at the top of its text)
    if _byline_unit(line, scan):
        return replace(scan, header=replace(scan.header, publisher=line.strip(" ,.")))
    if scan.header.title is None and is_headline(line):
        return replace(scan, candidates=(*scan.candidates, line))
    if scan.header.title is not None and _in_block(line, scan, upcoming):
        return scan
    return _body_from(scan, line)


def read_header(lines: list[str], title_hint: str | None, repeated: frozenset[str]) -> tuple[HeaderState, list[str]]:
    """(what the header said, the lines of the article) from a page's normalized lines ('' = blank line)."""
    scan = _Scan(HeaderState(title=title_hint))
    nonblank = [index for index, line in enumerate(lines) if line]
    for position, index in enumerate(nonblank[:HEADER_LINES]):
        upcoming = [lines[i] for i in nonblank[position + 1 : position + 1 + _BLOCK_REACH]]
        scan = _step(scan, lines[index], upcoming, repeated)
        if scan.body is not None:
            return scan.header, [*scan.body, *lines[index + 1 :]]
    rest = [index for index in nonblank[HEADER_LINES:] if not chrome.chrome_reason(lines[index])]
    remaining = lines[rest[0] :] if rest else []
    if scan.header.title is None and scan.candidates:  # short lines only: a headline over a list
        return replace(scan.header, title=scan.candidates[0]), [*scan.candidates[1:], *remaining]
    return scan.header, remaining


def _fold(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .")
