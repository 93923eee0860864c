"""Who a quote belongs to: reading a speaker phrase and resolving it within the release.

A speaker phrase is what an attribution names: a ranked name ("Brig. Gen. Thomas Weidley"), a bare
name ("Doe"), a pronoun ("he"), an unnamed source ("one of the Australian Defense Force attendees"),
an organization ("the Ministry of Peshmerga") or a written text ("the statement"). A role may follow
it between commas ("…, CJTF-OIR chief of staff.") or stand before it ("Coalition spokesman Col. …").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from pipelines.extract.data_files import lines
from pipelines.extract.entities.people import canonical_person_name
from pipelines.extract.quotes.lexicon import (
    NAME_SUFFIXES,
    NAME_TOKEN,
    UPPER,
    anonymous_heads,
    find_persons,
    innermost,
    name_regex,
    org_words,
    person_regex,
    rank_group,
    sentence_end,
    statement_nouns,
)

_RANK = cache(lambda: re.compile(rank_group()))

PERSON, ORG, ANONYMOUS, PRONOUN, STATEMENT = "person", "org", "anonymous", "pronoun", "statement"


@dataclass(slots=True)
class Speaker:
    kind: str
    text: str | None  # as written (persons: rank and name)
    name: str | None = None  # persons: the name without rank
    rank: str | None = None
    role: str | None = None
    pos: int = -1  # where the phrase stands in the body
    surface: str | None = None  # persons: the name as the body spells it when `text` is recased (`COL. DOE:`)

    @property
    def surname(self) -> str | None:
        if not self.name:
            return None
        words = [w.strip(",").casefold() for w in self.name.split()]
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words.pop()
        return words[-1]


_WS = re.compile(r"\s+")
_WORD_BREAK = re.compile(r"[\s\-]+")
_NON_SPACE = re.compile(r"\S+")
_SOURCE_OF = re.compile(r"\b(?:from|by|of)\s+(.+)$")
_LEADING_THE = re.compile(r"^[Tt]he\s+")
_COMMA_ROLE = re.compile(r"\s*,\s*([^,]{2,160}?)\s*,?\s*")


def person_name(sp: Speaker | None) -> str | None:
    """The name the person entity of this speaker has, so rows link by entity_id("person", name).

    It is `canonical_person_name` of the speaker as the body spells it, as the entities extractor names its
    mentions: "Gen. Joseph L. Votel" → Joseph Votel, "MAJ. GEN. DESHAWN MCKAY:" → Deshawn Mckay. A role
    before a rank the entities know is dropped word by word: "Press Secretary John Kirby" → John Kirby.
    None for anything but a person, and for a name the entities would not read as one.
    """
    if sp is None or sp.kind != PERSON:
        return None
    words = (sp.surface or sp.text or sp.name or "").split()
    for i in range(max(1, len(words) - 1)):
        name = canonical_person_name(" ".join(words[i:]))
        if name:
            return name
    return None


_PRONOUN = re.compile(r"(?:he|she|they|He|She|They)\b")
_DETERMINER = re.compile(
    r"(?:an?|one|another|the|some|several|many|two|three|four|five|both|other|senior|multiple)\b", re.IGNORECASE
)
_ACRONYM = re.compile(rf"[{UPPER}][{UPPER}0-9.&\-]+")
# Words that end an unnamed source's description: "a senior official who asked not to be named".
_DESC_STOP = frozenset(
    [
        "who",
        "which",
        "that",
        "in",
        "during",
        "at",
        "on",
        "while",
        "when",
        "after",
        "before",
        "speaking",
        "adding",
        "noting",
        "saying",
        "according",
        "as",
        "to",
        "with",
        "and",
        "but",
        "because",
        "since",
        "following",
        "via",
        "through",
        "under",
        "earlier",
        "later",
        "recently",
        "today",
        "yesterday",
        "said",
        "told",
        "added",
        "stated",
        "explained",
        "noted",
        "emphasized",
    ]
)
# A role never starts like a clause: "…, said Doe, adding that …" has no role; nor with a verb in the past:
# "The base commander, Brig. Gen. Hassan Karimi, thanked the engineers" (lower case only: "United …" is a role).
_NOT_ROLE = re.compile(
    r"(?:who|which|that|adding|noting|saying|as|and|in|during|when|while|after|before|speaking|according|"
    r"referring|explaining|stressing|calling|but|because|since|although|he|she|they|it|"
    r"(?-i:[a-z]+ed|met|spoke|gave|took|led|held|sent|told))\b",
    re.IGNORECASE,
)
_ROLE_MAX_WORDS = 14
_COMMA = re.compile(r"\s*,\s*")
_DOUBLE_MARK = re.compile(r"[\"“”]")


def clean(text: str) -> str:
    return _WS.sub(" ", text).strip(" ,;:.-–—")


def _is_org(phrase: str) -> bool:
    words = [w.strip(".,’'").casefold() for w in _WORD_BREAK.split(phrase)]
    if any(w in org_words() for w in words):
        return True
    return bool(_ACRONYM.fullmatch(phrase.strip())) and len(phrase.strip()) >= 2


def _person(ranks: str | None, name: str, pos: int) -> Speaker:
    role_pre = None
    rank = None
    if ranks:
        found = list(_RANK().finditer(ranks))
        if found:
            rank = _WS.sub(" ", found[-1].group(0).strip())
            if found[-1].start() > 0:
                role_pre = clean(ranks[: found[-1].start()])
    name = clean(name)
    text = f"{rank} {name}" if rank else name
    return Speaker(PERSON, text, name, rank, role_pre or None, pos)


def _role_after(body: str, pos: int, end: int) -> tuple[str | None, int]:
    """`, the task force commander.` right after a speaker phrase: (role, offset after it)."""
    m = _COMMA.match(body, pos, end)
    if not m or _NOT_ROLE.match(body, m.end(), end):
        return None, pos
    stop = sentence_end(body, m.end(), end)
    comma = body.find(",", m.end(), stop)
    mark = _DOUBLE_MARK.search(body, m.end(), stop)
    role_end = min(x for x in (stop, comma if comma >= 0 else stop, mark.start() if mark else stop))
    role = clean(body[m.end() : role_end])
    if not role or len(role.split()) > _ROLE_MAX_WORDS:
        return None, pos
    return role, role_end


def _description(body: str, pos: int, end: int) -> tuple[str, int]:
    """The unnamed source's words from `pos`: up to a comma, a sentence end, a mark or a stop word, or a participle
    after the head noun ("a British sapper watching from the side" is "a British sapper")."""
    stop = sentence_end(body, pos, end)
    for ch in ',"“”(':
        k = body.find(ch, pos, stop)
        if k >= 0:
            stop = k
    cut = pos
    head_seen = False
    for i, w in enumerate(_NON_SPACE.finditer(body[pos:stop])):
        word = w.group(0).casefold()
        if i >= 12 or (i > 0 and word in _DESC_STOP) or (head_seen and _PARTICIPLE_WORD.fullmatch(w.group(0))):
            break
        head_seen = head_seen or word.strip(".,’'") in anonymous_heads()
        cut = pos + w.end()
    return body[pos:cut], cut


_PARTICIPLE_WORD = re.compile(r"[a-z]{2,}ing")


def _classify_description(desc: str, pos: int, *, after_verb: bool = False) -> Speaker | None:
    """What a lower-case phrase names: a written text, an organization, an unnamed source, or nothing.

    After the verb any phrase with a determiner is taken for a source (`said one of the conference
    organizers`); before it a head noun is needed, since the clause may hold other nouns (`During the meeting`)."""
    words = [w.strip(".,’'").casefold() for w in desc.split()]
    if not words:
        return None
    if any(w in statement_nouns() for w in words[:4]):
        source = _SOURCE_OF.search(desc)
        return Speaker(STATEMENT, clean(source.group(1)) if source else None, pos=pos)
    has_head = any(w.removesuffix("’s").removesuffix("'s") in anonymous_heads() for w in words)
    if words[0] == "the" and len(words) <= 4 and words[-1] in rank_heads():
        return Speaker(ANONYMOUS, clean(desc), pos=pos)  # "the admiral", "the Prime Minister": a person named above
    if not has_head:
        if _is_org(desc):
            return Speaker(ORG, clean(_LEADING_THE.sub("", desc)), pos=pos)
        if after_verb and len(words) >= 2 and _DETERMINER.match(desc) and words[0] != "the":
            return Speaker(ANONYMOUS, clean(desc), pos=pos)
        return None
    if words[0] == "the" and _is_org(desc) and words[-1] not in anonymous_heads():
        return Speaker(ORG, clean(desc[4:]), pos=pos)
    return Speaker(ANONYMOUS, clean(desc), pos=pos)


def _named(phrase: str, pos: int, people: People) -> Speaker | None:
    """A capitalized phrase without rank: an organization, a known person, or a new one."""
    tokens = phrase.split()
    if tokens and tokens[-1].casefold() in anonymous_heads():
        return Speaker(ANONYMOUS, clean(phrase), pos=pos)  # "Officials", "Coalition officials": nobody named
    if _is_org(phrase):
        return Speaker(ORG, clean(phrase), pos=pos)
    if len(tokens) == 1 and tokens[0].casefold() not in people.by_surname and not people.lenient:
        return None
    return Speaker(PERSON, clean(phrase), clean(phrase), None, None, pos)


def parse_forward(body: str, pos: int, end: int, people: People) -> tuple[Speaker, int] | None:
    """The speaker phrase starting at `pos` ("said Brig. Gen. Thomas Weidley, CJTF-OIR chief of staff.")."""
    pos = _skip_space(body, pos, end)
    if pos >= end:
        return None
    m = _PRONOUN.match(body, pos, end)
    if m:
        return Speaker(PRONOUN, m.group(0).lower(), pos=pos), m.end()
    ranked = _ranked_forward(body, pos, end)
    if ranked:
        return ranked
    if _DETERMINER.match(body, pos, end) or body[pos].islower():
        return _unnamed_forward(body, pos, end)
    return _named_forward(body, pos, end, people)


def _ranked_forward(body: str, pos: int, end: int) -> tuple[Speaker, int] | None:
    """A ranked name, possibly after a short role: "said Coalition spokesman Col. Myles Caggins, …"."""
    m = person_regex().search(body, pos, min(end, pos + 80))
    m = innermost(m) if m else None
    if not m or not (m.start() == pos or _short_role_prefix(body[pos : m.start()])):
        return None
    sp = _person(m.group("ranks"), m.group("name"), m.start())
    if m.start() > pos and _ends_with_head(body[pos : m.start()]):
        sp.role = clean(body[pos : m.start()])  # "Coalition spokesman", not "Iraqi" or "Marine Corps"
    role, after = _role_after(body, m.end(), end)
    if role:
        sp.role = role
        return sp, after
    return sp, m.end()


def _unnamed_forward(body: str, pos: int, end: int) -> tuple[Speaker, int] | None:
    """A lower-case phrase after the verb: "said a senior defense official, who …", "the statement said"."""
    desc, after = _description(body, pos, end)
    sp = _classify_description(desc, pos, after_verb=True) if desc else None
    if sp is None:
        return None
    if sp.kind != ANONYMOUS:
        return sp, after
    role, after_role = _role_after(body, after, end)
    return sp, after_role if role else after


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")


def _head_after(body: str, pos: int, end: int) -> int | None:
    """The end of a head noun among the (up to three) lower-case words after a capitalized one: "Iraqi army
    commanders", "Coalition officials" describe unnamed sources."""
    for _ in range(3):
        m = _NEXT_WORD.match(body, pos, end)
        if m is None:
            return None
        if m.group(1) in anonymous_heads():
            return m.end()
        pos = m.end()
    return None


def _named_forward(body: str, pos: int, end: int, people: People) -> tuple[Speaker, int] | None:
    """A capitalized name without rank: "said Doe, the spokesperson", "according to the Ministry"."""
    m = name_regex().match(body, pos, end)
    if not m:
        return None
    head = _head_after(body, m.end(), end)
    if head is not None:
        return Speaker(ANONYMOUS, clean(body[pos:head]), pos=pos), head  # "said Iraqi army commanders"
    sp = _named(m.group(0), pos, people)
    if sp is None:
        return None
    role, after = _role_after(body, m.end(), end)
    sp.role = role
    return sp, after if role else m.end()


# Initialisms keep their dots inside a role before a rank: "said U.S. Army Maj. Gen. Pat White".
_INITIALISM = re.compile(rf"(?<!\S)[{UPPER}]\.(?:[{UPPER}]\.)+(?!\S)")


def _short_role_prefix(text: str) -> bool:
    words = text.split()
    bare = _INITIALISM.sub("", text)
    return 0 < len(words) <= 5 and not any(c in bare for c in ',.;:"“”') and not _DETERMINER.match(text)


_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:also|later|further|then|again|previously|recently|repeatedly|once|often|has|have|had|would|will|"
    r"[a-z]+ly))+\s*$"
)
_COORDINATED = re.compile(
    r"\s+(?:[a-z]+ed|met|spoke|gave|took|made|led|went|came|saw|held|sent|told|read)\b[^;“”\"]*\s+and\s*$"
)
_CLAUSE_OPENERS = frozenset(
    [
        "in",
        "during",
        "at",
        "on",
        "after",
        "before",
        "with",
        "for",
        "from",
        "by",
        "speaking",
        "while",
        "when",
        "as",
        "following",
        "earlier",
        "later",
        "addressing",
        "also",
        "but",
        "and",
        "so",
        "then",
        "yet",
    ]
)
_CLAUSE = re.compile(r"(?<=[,;:—–(])\s*")


def _skip_space(body: str, pos: int, end: int) -> int:
    while pos < end and body[pos].isspace():
        pos += 1
    return pos


def parse_backward(body: str, lo: int, hi: int, people: People, *, anchored: bool = False) -> Speaker | None:
    """The subject that ends at `hi` (just before its verb): "Lt. Gen. Jane Doe, the commander," / "he".

    With `anchored` the subject must start at `lo` (an attribution after the quote: "…,” Doe said.").
    """
    lo = max(lo, hi - 400)
    hi = _subject_end(body, lo, hi)
    if hi <= lo:
        return None
    for start, kind, m in _subject_starts(body, lo, hi, people):
        if anchored and body[lo:start].strip(" \t\n,;:—–-"):
            continue
        sp, end = _phrase_at(body, start, hi, kind, m, people)
        if sp is not None and _subject_fits(body, sp, end, hi, people):
            return sp
    return None


def _subject_end(body: str, lo: int, hi: int) -> int:
    """Where the subject ends, before adverbs ("Doe also said") and a coordinated verb ("…welcomed X and said")."""
    m = _TRAILING_ADVERBS.search(body, lo, hi)
    if m and m.end() == hi:
        hi = m.start()
    m = _COORDINATED.search(body[lo:hi])
    if m:
        hi = lo + m.start()  # "The Minister welcomed the delegation and said": the subject ends at "welcomed"
    while hi > lo and body[hi - 1] in " \t\n,":
        hi -= 1
    return hi


_SOURCE_WORDS = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Tt]he|[Aa]nother|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree)\b")
_CAPITALIZED = re.compile(rf"(?<![\w.])[{UPPER}][\w’'\-]+")
_PRONOUN_WORD = re.compile(r"\b(?:he|she|they|He|She|They)\b")


def _subject_starts(body: str, lo: int, hi: int, people: People) -> list[tuple[int, str, re.Match[str] | None]]:
    """Where a subject may start, left to right: ranked names, pronouns, the clause starts, determiners, and
    surnames the release has given a person ("…, a figure Boyer called “…”")."""
    window = max(lo, hi - 240)
    starts: list[tuple[int, str, re.Match[str] | None]] = [
        (m.start(), "person", innermost(m)) for m in person_regex().finditer(body, window, hi)
    ]
    starts += [(m.start(), "pronoun", None) for m in _PRONOUN_WORD.finditer(body, window, hi)]
    starts.append((_skip_space(body, window, hi), "phrase", None))
    starts += [(m.end(), "phrase", None) for m in _CLAUSE.finditer(body, window, hi)]
    starts += [(m.start(), "phrase", None) for m in _SOURCE_WORDS.finditer(body, window, hi)]
    starts += [
        (m.start(), "phrase", None)
        for m in _CAPITALIZED.finditer(body, window, hi)
        if m.group(0).casefold() in people.by_surname
    ]
    starts.sort(key=lambda s: (s[0], s[1] != "person"))
    return starts


def _subject_fits(body: str, sp: Speaker, end: int, hi: int, people: People) -> bool:
    """The phrase reaches the verb, or a role set off by commas fills the gap (then it is set on `sp`)."""
    rest = body[end:hi]
    if rest.strip() == "":
        return True
    if sp.kind in (STATEMENT, ORG):
        return False  # "In a statement, the Ministry …": a text or a body takes no role after a comma
    role = _COMMA_ROLE.fullmatch(rest)
    if not role or not _is_role(role.group(1), people):
        return False
    sp.role = clean(role.group(1))
    return True


def _is_role(text: str, people: People) -> bool:
    """A role between commas is no clause, no longer than a role runs, holds no pronoun and is no person's name
    ("Speaking after the session, Shanahan said": "Shanahan" is the subject, not the session's role)."""
    if _NOT_ROLE.match(text) or len(text.split()) > _ROLE_MAX_WORDS:
        return False
    if any(w.casefold() in _PRONOUNS for w in text.split()):
        return False
    return not (name_regex().fullmatch(text.strip()) and text.split()[-1].casefold() in people.by_surname)


_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])


def _phrase_at(
    body: str, start: int, hi: int, kind: str, m: re.Match[str] | None, people: People
) -> tuple[Speaker | None, int]:
    if kind == "person" and m is not None:
        return _person(m.group("ranks"), m.group("name"), m.start()), m.end()
    if kind == "pronoun":
        p = _PRONOUN.match(body, start, hi)
        return (Speaker(PRONOUN, p.group(0).lower(), pos=start), p.end()) if p else (None, start)
    comma = body.find(",", start, hi)
    end = comma if comma >= 0 else hi
    phrase = body[start:end]
    if not phrase.strip() or phrase.split()[0].casefold() in _CLAUSE_OPENERS:
        return None, start  # "In a statement, the Ministry said" — the subject is after the comma
    # Role then ranked name in one clause: "Coalition spokesman Col. Myles Caggins".
    pm = person_regex().search(body, start, end)
    if pm and pm.end() >= end - 1 and _short_role_prefix(body[start : pm.start()]):
        ranked = _person(pm.group("ranks"), pm.group("name"), pm.start())
        if _ends_with_head(body[start : pm.start()]):
            ranked.role = clean(body[start : pm.start()])
        return ranked, pm.end()
    nm = name_regex().fullmatch(phrase.strip())
    is_source = phrase.split()[-1].casefold() in anonymous_heads()  # "Officials said" opening a sentence
    if nm and not is_source and not _DETERMINER.match(phrase.strip()):
        sp = _named(phrase.strip(), start, people)
        return sp, end
    if _DETERMINER.match(phrase.strip()) or phrase.strip()[:1].islower() or phrase.strip()[:1].isupper():
        sp = _classify_description(phrase.strip(), start)
        if sp and sp.kind == ANONYMOUS and not _DETERMINER.match(phrase.strip()):
            # Without a determiner only a head noun makes a source: "Coalition officials".
            last = phrase.strip().split()[-1].casefold()
            if last not in anonymous_heads():
                return None, start
        return sp, end
    return None, start


@cache
def full_name_regex(surname: str) -> re.Pattern[str]:
    """One to three capitalized given names or initials right before `surname`, as a whole name."""
    return re.compile(rf"(?<![\w.])(?:{NAME_TOKEN}[ \t]+){{1,3}}{re.escape(surname)}(?![\w’'\-]|[ \t]+[{UPPER}])")


class _Outside:
    """Whether an offset lies outside every quoted span (spans sorted by start)."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return not (i >= 0 and self.spans[i][0] <= pos < self.spans[i][1])


def _surname_mentions(body: str, persons: Iterable[Speaker], outside: _Outside) -> list[tuple[int, Speaker]]:
    """Later mentions by surname alone ("Sokolova also met …") are what a following "she" refers to."""
    mentions = []
    for sp in list(persons):
        surname = next(w for w in reversed((sp.name or "").split()) if w.strip(",").casefold() == sp.surname)
        k = body.find(surname)
        while k >= 0:
            e = k + len(surname)
            whole_word = (k == 0 or not body[k - 1].isalnum()) and (e == len(body) or not body[e].isalnum())
            if whole_word and outside(k):
                mentions.append((k, sp))
            k = body.find(surname, e)
    return mentions


@cache
def _rank_reference() -> re.Pattern[str]:
    heads = "|".join(sorted(rank_heads(), key=len, reverse=True))
    return re.compile(rf"\b[Tt]he\s+(?:[A-Za-z]+\s+)?(?i:{heads})\b")


class People:
    """Persons named in one release, by surname, each in the fullest form seen ("Col. Wayne Marotto")."""

    def __init__(self, body: str, excluded: Sequence[tuple[int, int]] = ()):
        self.by_surname: dict[str, Speaker] = {}
        self.lenient = True  # a lone capitalized word after "said" is taken for a surname
        self.body = body
        self._sources: list[tuple[int, Speaker]] | None = None  # unnamed sources introduced, found on demand
        self._outside = _Outside(excluded)
        self._ranked = self._ranked_mentions(body, self._outside)
        self._mentions: list[tuple[int, Speaker]] | None = None

    @property
    def mentions(self) -> list[tuple[int, Speaker]]:
        """Where persons are mentioned outside quotes, in order: ranked names, then (read on first use) surnames
        alone and "the <rank>" references."""
        if self._mentions is None:
            self._mentions = self._ranked
            if self.by_surname:
                self._mentions = sorted(
                    self._ranked + _surname_mentions(self.body, self.by_surname.values(), self._outside),
                    key=lambda t: t[0],
                )
                self._mentions = sorted(self._mentions + self._role_mentions(), key=lambda t: t[0])
        return self._mentions

    def _ranked_mentions(self, body: str, outside: _Outside) -> list[tuple[int, Speaker]]:
        """Every ranked name, each form read once and added to `by_surname`; those outside quotes are mentions."""
        mentions: list[tuple[int, Speaker]] = []
        forms: dict[str, Speaker] = {}  # the same "Col. Jane Doe" comes back many times in a release
        for m in find_persons(body):
            sp = forms.get(m.group(0))
            if sp is None:
                sp = forms[m.group(0)] = _person(m.group("ranks"), m.group("name"), m.start())
                self.add(sp)
                best = self.by_surname.get(sp.surname or "")
                if best is not None and not best.role:
                    best.role = _role_in_text(body, m.start(), m.end())
            if outside(m.start()):  # a name inside a quote is not what "he" refers to
                mentions.append((m.start(), sp))
        return mentions

    def _role_mentions(self) -> list[tuple[int, Speaker]]:
        """ "the Ambassador", "the admiral" standing for a person named above: what a following "he" refers to."""
        mentions = []
        for m in _rank_reference().finditer(self.body):
            sp = self.by_role(m.group(0), m.start()) if self._outside(m.start()) else None
            if sp is not None:
                mentions.append((m.start(), sp))
        return mentions

    def add(self, sp: Speaker) -> None:
        key = sp.surname
        if not key:
            return
        best = self.by_surname.get(key)
        if best is None or _fullness(sp) > _fullness(best):
            self.by_surname[key] = replace(sp, role=sp.role or (best.role if best else None))
        elif sp.role and not best.role:
            best.role = sp.role

    def resolve(self, sp: Speaker) -> Speaker:
        """The fullest form of a person mentioned by surname ("Doe added" → "Lt. Gen. Jane Doe")."""
        if sp.kind != PERSON or not sp.surname:
            return sp
        best = self.by_surname.get(sp.surname)
        if best is None and sp.name and len(sp.name.split()) == 1:
            best = self._unranked_full_name(sp.name)
        if best is None or _fullness(best) <= _fullness(sp):
            return sp
        return replace(best, role=sp.role or best.role, pos=sp.pos)

    def _unranked_full_name(self, surname: str) -> Speaker | None:
        """ "McGurk said" → "Brett McGurk": of the names the release writes ending with that surname (given names
        before it, no rank), the most frequent, and of those the longest ("Later Jane White" is "Jane White")."""
        counts: dict[str, int] = {}
        for m in full_name_regex(surname).finditer(self.body):
            words = m.group(0).split()
            for i in range(len(words) - 1):  # "Later Jane White" also counts for "Jane White"
                name = " ".join(words[i:])
                counts[name] = counts.get(name, 0) + 1
        names = [n for n in counts if not _is_org(n)]
        if not names:
            return None
        best = max(names, key=lambda n: (counts[n], len(n)))
        return Speaker(PERSON, best, best)

    def last_mention(self, pos: int) -> Speaker | None:
        i = bisect.bisect_left(self.mentions, pos, key=lambda t: t[0]) - 1
        return replace(self.mentions[i][1], pos=self.mentions[i][0]) if i >= 0 else None

    def by_role(self, desc: str, pos: int | None = None) -> Speaker | None:
        """ "the spokesperson" / "the admiral" → the named person this release gave that role or rank; of several,
        the one mentioned last before `pos` ("the acting secretary" after Shanahan, not the later Williamson)."""
        words = desc.casefold().split()
        if len(words) < 2 or words[0] != "the":
            return None
        head = _SPOKES.sub("spokesperson", words[-1])
        fits = [
            sp
            for sp in self.by_surname.values()
            if head == rank_head(sp.rank)
            or re.search(rf"\b{re.escape(head)}\b", _SPOKES.sub("spokesperson", (sp.role or "").casefold()))
        ]
        if len(fits) > 1 and pos is not None:
            last = {sp.surname: at for at, sp in self.mentions if at < pos}
            return max(fits, key=lambda sp: last.get(sp.surname, -1))
        return fits[-1] if fits else None

    def introduced(self, desc: str, pos: int) -> Speaker | None:
        """ "the medic" → the unnamed source last introduced with that head noun before `pos`
        ("A U.S. medic who has worked at the range since August said …")."""
        words = desc.casefold().split()
        if len(words) < 2 or words[0] != "the":
            return None
        if self._sources is None:
            self._sources = _introduced_sources(self.body, self)
        found = None
        for at, sp in self._sources:
            if at >= pos:
                break
            if _head_of(sp.text or "") == words[-1]:
                found = sp
        return found


def _head_of(desc: str) -> str | None:
    heads = [w.strip(".,’'").casefold() for w in desc.split() if w.strip(".,’'").casefold() in anonymous_heads()]
    return heads[0] if heads else None


_INDEFINITE = re.compile(r"(?:an?|one|another)\b", re.IGNORECASE)


def _introduced_sources(body: str, people: People) -> list[tuple[int, Speaker]]:
    """Unnamed sources a story introduces with an indefinite article next to a speech verb, in order."""
    from pipelines.extract.quotes.lexicon import sentence_start, verb_regex

    out: list[tuple[int, Speaker]] = []
    for v in verb_regex().finditer(body):
        found = parse_forward(body, v.end(), min(len(body), v.end() + 200), people)
        sp = found[0] if found else parse_backward(body, sentence_start(body, 0, v.start()), v.start(), people)
        if sp is not None and sp.kind == ANONYMOUS and sp.text and _INDEFINITE.match(sp.text):
            out.append((v.start(), sp))
    return out


@cache
def rank_heads() -> frozenset[str]:
    """The last word of every rank, spelled out: "the admiral", "the secretary", "the ambassador" refer to one."""
    forms = list(lines("ranks.txt")) + [line.partition("\t")[0] for line in lines("rank_forms.tsv")]
    # "Secretary of Defense" is a secretary; "Sergeant First Class" a sergeant.
    heads = (rank_head(f) for f in forms)
    return frozenset(h for h in heads if h and h.isalpha())


@cache
def _spelled_ranks() -> dict[str, str]:
    """Abbreviated rank → spelled-out form ("Rear Adm." → "Rear Admiral"), from rank_forms.tsv."""
    out: dict[str, str] = {}
    for line in lines("rank_forms.tsv"):
        spelled, _, short = line.partition("\t")
        if short.strip() and "." not in spelled:
            out.setdefault(short.strip().casefold(), spelled.strip())
    return out


_ORDINAL_TAIL = frozenset(["class", "first", "1st", "second", "2nd", "third", "3rd"])


def rank_head(rank: str | None) -> str | None:
    """The word "the …" calls a holder of this rank: "Rear Adm." → admiral, "Secretary of State" → secretary,
    "Secretary General" → general."""
    if not rank:
        return None
    spelled = _spelled_ranks().get(rank.casefold(), rank)
    words = spelled.split(" of ")[0].split()
    while len(words) > 1 and words[-1].casefold() in _ORDINAL_TAIL:
        words.pop()  # "Petty Officer First Class" is an officer
    return words[-1].casefold() if words else None


_SPOKES = re.compile(r"\bspokes(?:man|woman|person|people)\b")
_PREFIX_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_NOT_PREFIX = frozenset(
    [
        "the",
        "a",
        "an",
        "by",
        "with",
        "and",
        "of",
        "for",
        "to",
        "at",
        "in",
        "on",
        "from",
        "said",
        "told",
        "says",
        "as",
        "is",
        "was",
        "were",
    ]
)


def _ends_with_head(prefix: str) -> bool:
    words = prefix.split()
    return bool(words) and words[-1].strip(".,’'").casefold() in anonymous_heads()


def _has_head(role: str) -> bool:
    return any(w.strip(".,’'").casefold() in anonymous_heads() for w in role.split())


# A role opening the sentence, set off by a comma before the name: "The base commander, Brig. Gen. Hassan Karimi,
# thanked …" (the role ends in a head noun; "During the visit, Col. …" does not).
_APPOSITIVE_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n)((?:The|A|An|Its|His|Her|Their)\s[^,.;:“”\"\n]{2,50}?),\s+$")


def _role_in_text(body: str, start: int, end: int) -> str | None:
    """A role written next to a name outside any attribution, so later "the spokesperson said" finds its person:
    `Coalition spokesman Col. Ryan Dillard attended …` / `Maj. Gen. Oskar Lindqvist, director of operations, …`."""
    role, _ = _role_after(body, end, min(len(body), end + 200))
    if role and _has_head(role) and not person_regex().search(role):
        return role
    before = body[max(0, start - 60) : start]
    if not before[-1:].isspace():
        return None
    m = _APPOSITIVE_BEFORE.search(before)
    if m and m.group(1).split()[-1].casefold() in anonymous_heads():
        return m.group(1)
    words: list[str] = []
    for w in reversed(before.split()[-4:]):
        if not _PREFIX_WORD.fullmatch(w):
            break
        words.insert(0, w)
    while words and words[0].casefold() in _NOT_PREFIX:
        words.pop(0)
    if words and words[-1].casefold() in anonymous_heads() and not any(w.casefold() in _NOT_PREFIX for w in words):
        return " ".join(words)
    return None


def _fullness(sp: Speaker) -> tuple[int, int]:
    return (len(sp.name.split()) if sp.name else 0, 1 if sp.rank else 0)
