"""Release metadata read from single lines: bylines, issuers, release numbers, section labels, datelines,
titles and the date of the first sentence. Each function answers for one line (or one paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from pipelines.extract.data_files import lines
from pipelines.extract.ranks import rank_regex
from pipelines.extract.release.dates import MONTH_RE, PartialDate, find_full_date, parse_date_line

# --- Publishers ---------------------------------------------------------------------------------------


@cache
def _publishers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(canonical name, regex of its spellings) from data/publishers.txt."""
    out = []
    for line in lines("publishers.txt"):
        name, _, patterns = line.partition(":")
        alternatives = "|".join(f"(?:{p.strip()})" for p in patterns.split(" | "))
        out.append((name.strip(), re.compile(alternatives, re.IGNORECASE)))
    return tuple(out)


@cache
def _leading_byline() -> re.Pattern[str]:
    """'By CJTF - Operation Inherent Resolve News Release ' at the start of a line that goes on."""
    spellings = []
    for line in lines("publishers.txt"):
        spellings += [p.strip() for p in line.partition(":")[2].split(" | ")]
    orgs = "|".join(f"(?:{p})" for p in spellings)
    words = "|".join(lines("publisher_suffixes.txt"))
    return re.compile(
        rf"(?:By|From)\s+(?:an?\s+|the\s+)?(?P<org>{orgs})(?:\s*[-–—,]?\s*(?:{words}))*\s+", re.IGNORECASE
    )


def leading_known_byline(text: str) -> tuple[str, int] | None:
    """(publisher, end offset) when `text` opens with a byline naming a known issuing body."""
    match = _leading_byline().match(text)
    if not match:
        return None
    publisher = canonical_publisher(match["org"])
    return (publisher, match.end()) if publisher else None


@cache
def _suffix_regex() -> re.Pattern[str]:
    words = "|".join(lines("publisher_suffixes.txt"))
    return re.compile(rf"(?:\s*[-–—,]?\s*(?:{words}))+\.?$", re.IGNORECASE)


def canonical_publisher(org: str) -> str | None:
    """'CJTF - Operation Inherent Resolve' -> 'CJTF-OIR'; None when the organisation is not a known one."""
    org = org.strip(" .,;:-–—")
    for name, regex in _publishers():
        if regex.fullmatch(org):
            return name
    return None


def strip_publisher_suffix(org: str) -> str:
    """'CJTF - Operation Inherent Resolve News Release' -> 'CJTF - Operation Inherent Resolve'."""
    return _suffix_regex().sub("", org).strip(" ,-–—")


# A site logo's alternative text: "U.S. Department of State - Great Seal", "Iraq Mission Seal (medium)".
_LOGO = re.compile(r"\s*[-–—]?\s*(?:great\s+)?(?:seal|logo|emblem|insignia)(?:\s*\([^()]*\))?$", re.IGNORECASE)


def _undoubled(line: str) -> str:
    """'United States Department of Defense United States Department of Defense' -> one copy."""
    words = line.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return line


def _known_or_suffixed(org: str) -> str | None:
    """A known body ('DoD News'), or an organisation as printed when a publisher suffix marks it as the issuing
    office ('60th Air Mobility Wing Public Affairs')."""
    known = canonical_publisher(org) or canonical_publisher(strip_publisher_suffix(org))
    if known:
        return known
    if _OFFICE_SUFFIX.search(org) and is_org_name(org) and strip_publisher_suffix(org):
        return org.strip(" .")
    return None


# An office that issues releases, named by what it is: "60th Air Mobility Wing Public Affairs" (a headline
# ending in "Release" is not one).
_OFFICE_SUFFIX = re.compile(
    r"\b(?:public affairs(?: office)?|press office|pao|media (?:relations|operations|office))\.?$", re.I
)


def issuer_line(line: str) -> str | None:
    """The publisher when a header line only names an issuing body: 'CJTFOIR', 'U.S. Central Command',
    'Combined Joint Task Force - Operation Inherent Resolve Public Affairs', 'DoD News, Defense Media Activity',
    a logo's text ('Iraq Mission Seal (medium)'), a name printed twice."""
    if len(line) > 120:
        return None
    line = _LOGO.sub("", _undoubled(line)).strip()
    if re.fullmatch(r"CJTF\s*OIR", line, re.IGNORECASE):  # "CJTFOIR": the hyphen lost by the scraper
        return "CJTF-OIR"
    found = _known_or_suffixed(line)
    if found or "," not in line:
        return found
    parts = [part.strip() for part in line.split(",")]
    if not all(is_org_name(part) for part in parts):
        return None
    return next((canonical_publisher(part) for part in parts if canonical_publisher(part)), None)


# "By CJTF - Operation Inherent Resolve News Release", "From a Combined Joint Task Force Operation Inherent
# Resolve News Release", "By Jim Garamone, DoD News", "By Sgt. Jane Doe, 1st Armored Division Public Affairs"
_BYLINE = re.compile(
    r"(?:(?:Story|Written|Article|Release)\s+)?(?:By|From)\s+(?:an?\s+|the\s+)?(?P<rest>\S.{0,150})", re.IGNORECASE
)
# A person's name in a byline: optional rank words, then 2-4 capitalized words ("Staff Sgt. Jane Q. Doe").
_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){1,3}")


def _is_person(text: str) -> bool:
    """'Jim Garamone', 'Staff Sgt. Jane Q. Doe', 'Sgt. 1st Class Dana Whitfield' — not 'the start'."""
    text = text.strip()
    rank = rank_regex().match(text)
    if rank:
        text = text[rank.end() :].strip()
    return _NAME.fullmatch(text) is not None


@dataclass(slots=True)
class Byline:
    publisher: str | None  # canonical when known, else the organisation as printed
    author: str | None


def parse_byline(line: str) -> Byline | None:
    """A byline line, or None. The issuing body is the organisation it names (not the author)."""
    match = _BYLINE.fullmatch(line)
    if not match or not line[:1].isupper():
        return None
    rest = match["rest"].strip()
    known = canonical_publisher(rest) or canonical_publisher(strip_publisher_suffix(rest))
    if known:
        return Byline(known, None)
    author, _, org = rest.partition(",")
    org = org.strip()
    glued = _person_then_known_body(author)
    if glued:  # "By Jim Garamone DoD News, Defense Media Activity": the body runs on from the name
        return glued
    if org and _is_person(author) and is_org_name(org.replace(",", " ")):
        # "By Jim Garamone, DoD News, Defense Media Activity": the first known body among the parts.
        for part in (org, *org.split(",")):
            known = canonical_publisher(part) or canonical_publisher(strip_publisher_suffix(part))
            if known:
                return Byline(known, author.strip())
        return Byline(org.rstrip("."), author.strip())
    if _is_person(rest):
        return Byline(None, rest)
    if _suffix_regex().search(rest) and is_org_name(rest):  # "By 1st Armored Division Public Affairs"
        return Byline(rest, None)
    return None


def _person_then_known_body(text: str) -> Byline | None:
    """'Terri Moon Cronk DoD News' -> Byline('DoD News', 'Terri Moon Cronk'): a name followed by a known body."""
    words = text.split()
    for cut in range(2, len(words)):
        body = canonical_publisher(" ".join(words[cut:]))
        if body and _is_person(" ".join(words[:cut])):
            return Byline(body, " ".join(words[:cut]))
    return None


_ORG_WORD = re.compile(r"(?:[A-Z0-9][\w.'’&-]*|of|the|and|for|[-–—])")


def is_org_name(text: str) -> bool:
    """Every word capitalized (or a connective): '1st Armored Division Public Affairs', not a sentence
    such as 'the start, officials pushed for their release.'"""
    return len(text) <= 100 and all(_ORG_WORD.fullmatch(word) for word in text.split())


# "The Combined Joint Task Force - Operation Inherent Resolve issued the following statement:" names
# the issuing body of a statement that has no byline.
_STATEMENT_ISSUER = re.compile(
    r"(?:The\s+)?(?P<org>[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and|for|[-–—])){0,10})"
    r"\s+(?:has\s+|today\s+)?(?:issued|released) the following statement"
)


def statement_issuer(paragraph: str) -> str | None:
    match = _STATEMENT_ISSUER.match(paragraph)
    if not match:
        return None
    return canonical_publisher(match["org"]) or match["org"]


# "- General Jane Doe, Commander, U.S. Central Command": the attribution line that closes a written statement.
_SIGNATURE = re.compile(r"[-–—]+\s*(?P<parts>[A-Z][^!?]{0,200}?,[^!?]{0,200}?)\.?")


def signature_issuer(paragraph: str) -> str | None:
    """The issuing body named last in a statement's closing attribution line, or None."""
    match = _SIGNATURE.fullmatch(paragraph.strip())
    if not match:
        return None
    parts = [part.strip() for part in match["parts"].split(",")]
    return next((canonical_publisher(part) for part in reversed(parts[1:]) if canonical_publisher(part)), None)


_LABEL_WORD = re.compile(r"(?:press|news|media|statement|briefing|release|transcript|readout|update)\b", re.IGNORECASE)
_TITLE_ISSUER_WORDS = 7


def title_issuer(title: str | None) -> str | None:
    """The issuing body a headline opens with before a label word: 'Department of Defense Press Briefing by ...'."""
    words = (title or "").split()
    for cut in range(min(len(words) - 1, _TITLE_ISSUER_WORDS), 0, -1):
        body = canonical_publisher(" ".join(words[:cut]))
        if body and _LABEL_WORD.match(words[cut]):
            return body
    return None


# --- Release numbers ----------------------------------------------------------------------------------
# "Release # 20170322-01", "Release #20140823", "RELEASE #20151228-01", "Release Number 2016027-14",
# "Release No: UNRELEASED" (a line of chrome that carries no number).
_RELEASE_NUMBER = re.compile(
    r"(?:news\s+)?release\s*(?:#|no\.?|number|nr\.?)\s*:?\s*(?P<number>[\w-]+)\.?", re.IGNORECASE
)


def release_number_line(line: str) -> tuple[bool, str | None]:
    """(is a release-number line, the number or None when it carries none)."""
    match = _RELEASE_NUMBER.fullmatch(line)
    if not match:
        return False, None
    number = match["number"]
    return True, number if number[:1].isdigit() else None


# --- Section labels -----------------------------------------------------------------------------------
# "News | May 26, 2015", "TRANSCRIPT | Sept. 26, 2019", "| Sept. 26, 2019", "NEWS |", "Statement | ..."


@cache
def _label_table() -> dict[str, tuple[str, str | None]]:
    """label -> (kind it implies, issuing body it implies or None), from data/section_labels.txt."""
    out = {}
    for line in lines("section_labels.txt"):
        label, kind, publisher = ([*line.split(":", 2), ""])[:3]
        out[label.strip().lower()] = (kind.strip(), publisher.strip() or None)
    return out


@cache
def _section_labels() -> dict[str, str]:
    return {label: kind for label, (kind, _) in _label_table().items()}


_SECTION = re.compile(r"(?P<label>[A-Za-z][A-Za-z ]{0,30}?)?\s*\|\s*(?P<rest>.*)")


@dataclass(slots=True)
class SectionLabel:
    kind: str | None
    date: PartialDate | None
    publisher: str | None = None


def parse_section_label(line: str) -> SectionLabel | None:
    """'News | May 26, 2015', '| Sept. 26, 2019', 'TRANSCRIPT |', 'Press Release | March 22, 2017 | U.S. Central
    Command', or a known label alone ('Press Releases')."""
    bare = line.lower().rstrip(" :")
    if bare in _label_table():
        kind, publisher = _label_table()[bare]
        return SectionLabel(kind, None, publisher)
    match = _SECTION.fullmatch(line)
    if not match:
        return None
    label = (match["label"] or "").strip().lower()
    if label and label not in _section_labels():
        return None
    found = publisher = None
    for part in match["rest"].split("|"):
        part = part.strip()
        if not part:
            continue
        if found is None and (found := parse_date_line(part)) is not None:
            continue
        if publisher is None and (publisher := issuer_line(part)) is not None:
            continue
        return None  # words that are neither a date nor an issuer: an article line with a pipe in it
    if not label and found is None:
        return None
    return SectionLabel(_section_labels().get(label), found, publisher)


# "Posted: May 26, 2015", "Published on Feb. 15, 2017", "Release Date: 2017-02-15"
_DATE_PREFIX = re.compile(r"(?:posted|published|released|release date|date|dated)(?: on)?\s*:?\s+", re.IGNORECASE)


def prefixed_date(line: str) -> PartialDate | None:
    match = _DATE_PREFIX.match(line)
    return parse_date_line(line[match.end() :]) if match else None


# --- Scraper metadata line: " date 2017-02-15 By CJTF-OIR Public Affairs SOUTHWEST ASIA — ..." -------
_DATE_META = re.compile(r"date\s+(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?\b\s*(?P<rest>.*)")


def parse_date_meta(line: str) -> tuple[int, int, int | None, str] | None:
    """(year, month, day or None, rest of the line) for a scraper's ' date YYYY-MM[-DD]' line."""
    match = _DATE_META.fullmatch(line)
    if not match:
        return None
    day = int(match["day"]) if match["day"] else None
    return int(match["year"]), int(match["month"]), day, match["rest"].strip()


# --- Datelines ----------------------------------------------------------------------------------------
# "SOUTHWEST ASIA, Feb. 15, 2017 —", "MIDDLE EAST –", "Erbil, Kurdistan Region, Iraq (GOV.KRD) –",
# "BAGHDAD, Iraq —", "TAMPA, Fla., Aug. 19, 2014 -", "WASHINGTON (Nov. 12, 2015) --".
_WORD = r"[A-Z](?:[\w.'’&]|-(?=\w))*"  # a hyphen inside a word ("AL-QAIM"), not the dateline's dash
_SEGMENT = rf"{_WORD}(?:\s+(?:{_WORD}|of|the|al|el|ez|de|du|and|an|as|ad))*"
_DATE_TEXT = rf"(?i:{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTH_RE}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{MONTH_RE}\s+\d{{1,2}})"
# "SOUTHWEST ASIA- During ..." glues a single hyphen to the place; "ISIS-held" has no space after it.
_DASH = r"(?:\s*[—–]+\s*|\s*--+\s*|\s*-\s+)"
_DATELINE_HEAD = (
    rf"(?P<place>{_SEGMENT}(?:,\s*{_SEGMENT}){{0,4}})"
    rf"(?:,?\s*(?P<date>{_DATE_TEXT}))?"
    rf"(?:\s*\((?P<paren>[^()]{{1,40}})\))?"
)
_DATELINE = re.compile(rf"{_DATELINE_HEAD}{_DASH}(?=[\"“‘'A-Z0-9(])")
# A dateline printed alone on its line, the article below it: "SOUTHWEST ASIA —".
_BARE_DATELINE = re.compile(rf"{_DATELINE_HEAD}\s*(?:[—–]+|--+|-)")


@cache
def _known_places() -> frozenset[str]:
    return frozenset(p.lower() for p in lines("dateline_places.txt"))


@dataclass(slots=True)
class Dateline:
    place: str
    date: date | None
    tag: str | None  # "(GOV.KRD)": the issuing body, not a date
    end: int  # offset just after the dash


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _has_dateline_dash(text: str) -> bool:
    """Whether the text holds a dash _DASH can match (an em or en dash, "--", or "-" before white space).
    _DATELINE backtracks for up to a millisecond over a Title Case headline; most lines have no such dash."""
    if "—" in text or "–" in text or "--" in text:
        return True
    at = text.find("-")
    while at != -1:
        if text[at + 1 : at + 2].isspace():
            return True
        at = text.find("-", at + 1)
    return False


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a body paragraph, or None. A Title Case place stands alone only when it is
    in data/dateline_places.txt ("Iraqi Security Forces – backed by ..." is not a dateline)."""
    match = _DATELINE.match(paragraph) if _has_dateline_dash(paragraph) else None
    if not match:
        return None
    place = match["place"].strip()
    segments = [s.strip() for s in place.split(",")]
    if len(place) > 80 or len(place.split()) > 10:
        return None
    when = None
    tag = None
    if match["date"]:
        when = _full(match["date"])
    if match["paren"]:
        paren = match["paren"].strip()
        paren_date = _full(paren)
        if paren_date:
            when = when or paren_date
        elif re.fullmatch(r"[A-Za-z][\w.&-]{1,20}", paren) and (not paren.islower() or "." in paren):
            tag = paren  # "(GOV.KRD)", "(cabinet.gov.krd)": the issuing body or its site
        # other words in parentheses ("ERBIL (Kurdistan Region) —") are neither date nor issuer: ignored
    # "Iraqi Security Forces (ISF) – backed by ..." is a sentence: an acronym in parentheses does not make a
    # Title Case subject a dateline, a known issuer or a dotted tag like "(GOV.KRD)" does.
    trusted_tag = tag is not None and ("." in tag or canonical_publisher(tag) is not None)
    trusted = (
        _all_caps(segments[0])
        or len(segments) >= 2
        or match["date"]
        or (match["paren"] and _full(match["paren"]) is not None)
        or trusted_tag
        or place.lower() in _known_places()
    )
    if not trusted:
        return None
    return Dateline(place, when, tag, match.end())


def bare_dateline(line: str) -> bool:
    """A line that is only a dateline and its dash ("SOUTHWEST ASIA —"): the article goes on below it."""
    stripped = line.strip()
    # The pattern backtracks a long way over Title Case lines: only a line that ends in a dash can match.
    match = _BARE_DATELINE.fullmatch(stripped) if stripped.endswith(("—", "–", "-")) else None
    return match is not None and parse_dateline(line.strip() + " X") is not None


def _full(text: str) -> date | None:
    found = find_full_date(text)
    return found[0] if found else None


def find_caps_dateline(text: str) -> int | None:
    """Where an ALL-CAPS dateline starts inside a line that opens with a byline:
    'By Sgt. Jane Doe, 1st Division SOUTHWEST ASIA — On ...' -> offset of 'SOUTHWEST'."""
    for match in re.finditer(r"(?<=\s)(?=[A-Z]{2})", text[:250]):
        found = _DATELINE.match(text, match.start())
        if found and _all_caps(found["place"].split(",")[0]):
            return match.start()
    return None


# --- Titles -------------------------------------------------------------------------------------------
_SPEAKER_LABEL = re.compile(r"(?:[A-Z][A-Z.'’ -]{0,40}[A-Z.]|Q|A):\s")
_LABEL_COLON_WITHIN = 43  # 1 + 40 + 1 characters before the colon at most
_TERMINAL = re.compile(r"[.!;,]['\"”’)\]]*$")


def is_speaker_label(line: str) -> bool:
    """Transcript turns: 'COLONEL JANE DOE: ...', 'COL. DOE: ...', 'MR SMITH: ...', 'Q: ...'."""
    # The label and its colon fit in the first 43 characters: most paragraphs need no regex.
    return line.find(":", 0, _LABEL_COLON_WITHIN) != -1 and _SPEAKER_LABEL.match(line) is not None


# Labels that open a transcript turn rather than a headline ("COALITION RADIO SCRIPT: U-S ADVISERS ..." is
# a headline): reporters, moderators, and anyone introduced by a rank or title.
_TURN_WORDS = re.compile(r"(?:Q|A|STAFF|MODERATOR|REPORTER|SPOKES\w*|PARTICIPANT|OPERATOR|UNIDENTIFIED\b.*)", re.I)


def is_turn(line: str) -> bool:
    """A transcript turn of a reporter, moderator or ranked official: 'COL. DOE: ...', 'Q: ...' (not
    'COALITION RADIO SCRIPT: U-S ADVISERS ...', a headline)."""
    match = _SPEAKER_LABEL.match(line)
    if not match:
        return False
    label = match.group(0)[:-2].strip()
    return _TURN_WORDS.fullmatch(label) is not None or rank_regex().match(label) is not None


def looks_like_title(line: str) -> bool:
    """A headline: short, no final period, not a transcript turn, not opening with a lowercase word.
    'March 22: Military airstrikes continue against ISIS terrorists in Syria and Iraq' is one."""
    if len(line) > 200 or len(line.split()) > 30 or len(line) < 4:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return False
    return not (_TERMINAL.search(line) or is_turn(line))


_GENERIC_TITLE = re.compile(
    r"(?:(?:press|news) releases?|news|article|story|transcript|statement|feature|release)?\s*(?:view|display|detail|page)s?"
    r"|home(?: page)?|untitled(?: document)?",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||>|»|::)\s+")


def clean_title_hint(title: str | None) -> str | None:
    """A page or export title without its site name: 'Coalition strikes continue > U.S. Central Command >
    Press Release View' -> 'Coalition strikes continue'; 'Title - CJTF-OIR' -> 'Title'."""
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1:
        parts = [
            p
            for p in parts
            if not issuer_line(p) and p.lower() not in _section_labels() and not _GENERIC_TITLE.fullmatch(p)
        ]
        title = max(parts, key=len) if parts else title
    head, sep, tail = title.rpartition(" - ")
    if sep and head and issuer_line(tail):
        title = head
    title = title.strip()
    # <title>U.S. Central Command</title>, "News", "Press Release View": a site or page name, not a headline.
    if not title or issuer_line(title) or title.lower() in _section_labels() or _GENERIC_TITLE.fullmatch(title):
        return None
    return title


# --- First sentence -----------------------------------------------------------------------------------


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(lines("abbreviations.txt"))


_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+(?=[\"“‘'A-Z])")


def first_sentence(paragraph: str) -> str:
    """The paragraph up to its first sentence end; 'Brig. Gen.' and 'Feb.' do not end a sentence."""
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: match.start()]
        word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        word = word.lstrip('("“')
        if word in _abbreviations() or (len(word) == 1 and word.isalpha()):
            continue
        return paragraph[: match.start() + 1]
    return paragraph


def ends_with_abbreviation(line: str) -> bool:
    """'... said Brig. Gen.' — a line break after it is inside a sentence."""
    if not line.endswith("."):
        return False
    word = line[:-1].rsplit(None, 1)[-1].lower() if line[:-1].strip() else ""
    return word in _abbreviations() or (len(word) == 1 and word.isalpha())
