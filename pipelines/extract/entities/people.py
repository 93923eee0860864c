"""Personal names: after ranks, in transcript speaker labels, before roles, after "said"; surnames resolved.

Canonical names are the full name as first written without rank or middle initials, in normal case:
"Brig. Gen. Thomas D. Weidley" and "BRIG. GEN. THOMAS WEIDLEY:" both give "Thomas Weidley". A later
"Weidley" or "Gen. Weidley" in the same release resolves to the nearest preceding full name with that surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipelines.extract.data_files import lines
from pipelines.extract.entities import gazetteer

# One name word: "Weidley", "O'Neil", "McDonald", "WEIDLEY", an initial "D.", or a particle joined to the
# next word ("al-Abadi", "bin Salman"). Words are separated by spaces or tabs only: never across lines.
_WORD = r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿ]*(?:['’\-][A-Za-zÀ-ÖØ-öø-ÿ]+)*"
_PARTICLE = r"(?:al|el|ad|ar|as|ash|bin|ibn|bint|abu|de|del|da|van|von|der|le|la)(?:-(?=[A-Z])|[ \t]+(?=[A-Z]))"
_TOKEN = rf"(?:{_PARTICLE})?{_WORD}\.?"
NAME_AFTER = re.compile(rf"[ \t]+({_TOKEN}(?:[ \t]+{_TOKEN}){{0,5}})")
NAME_BEFORE_ROLE = re.compile(
    rf"(?:^|(?<=[\s(“\"]))((?:{_TOKEN}[ \t]+){{1,4}}{_TOKEN}),[ \t]+"
    r"(?:the[ \t]+|a[ \t]+|an[ \t]+)?[^,.;:“”\"()\n]{0,80}$"
)
INTRO = re.compile(
    r"[ \t]+([A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+){1,2})[ \t]+(?:with|from)[ \t]+"
    r"((?:The[ \t]+)?[A-Z][\w&'’\-]*(?:[ \t]+[A-Z][\w&'’\-]*){0,3})"
)
# "Q: General, Jamie Ortiz, Levant Monitor. Are you ...": a reporter's name and outlet after the Q: label.
REPORTER = re.compile(
    r"(?m)^[ \t]*Q:[ \t]+(?:[A-Z][\w'’ ]{0,25},[ \t]+)?([A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+){1,2}),"
    r"[ \t]+(?:with[ \t]+|from[ \t]+)?((?:The[ \t]+)?[A-Z][\w&'’\-]*(?:[ \t]+[A-Z][\w&'’\-]*){0,3})[.,]"
)
LABEL = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’\-]*\.?){1,3})[ \t]*:")
_SPLIT = re.compile(r"[ \t]+")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|az)-")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(slots=True)
class PersonHit:
    start: int  # where the name (without rank) starts
    end: int
    tokens: list[str]  # the name's words as written
    rank: str | None
    span_start: int  # start of rank + name, for overlap with other candidates
    source: str


def _clean_tokens(words: list[str]) -> list[str]:
    """Words of a name up to the first stopword; a trailing period kept only on initials."""
    out = []
    stop = gazetteer.name_stopwords()
    for word in words:
        possessive = word.endswith(("'s", "’s")) and len(word) > 3
        if possessive:  # "Weidley’s staff": the name is "Weidley", and it ends there
            word = word[:-2]
        bare = word.rstrip(".")
        initial = len(bare) == 1 and word.endswith(".")  # "Andrew A. Croft": "A." is no article
        if (bare.casefold() in stop or bare.split("-")[0].casefold() in stop) and not initial:
            break  # "Commanding General-Air" is a title, not a name
        if word.endswith(".") and len(bare) > 1:  # "Votel." ends the sentence, not an initial
            out.append(bare)
            break
        out.append(word)
        if possessive:
            break
    while out and len(out[-1].rstrip(".")) == 1:  # "Gen. A." alone is not a name
        out.pop()
    return out


def _end_of(text: str, start: int, tokens: list[str]) -> int:
    """Offset just after `tokens` read from `start` (they are separated by spaces/tabs in text)."""
    pos = start
    for i, token in enumerate(tokens):
        if i:
            while text[pos] in " \t":
                pos += 1
        pos += len(token)
    return pos


def name_after_rank(text: str, rank_start: int, rank_end: int, rank: str | None, rank_surface: str) -> PersonHit | None:
    """ "Brig. Gen. Thomas Weidley" -> PersonHit("Thomas Weidley"); None when no name follows the rank."""
    match = NAME_AFTER.match(text, rank_end)
    if not match:
        return None
    tokens = _clean_tokens(_SPLIT.split(match.group(1)))
    if not tokens:
        return None
    start = match.start(1)
    end = _end_of(text, start, tokens)
    label = text.startswith(":", end) or text[end : end + 2].strip().startswith(":")
    shouting = rank_surface.isupper() and all(t.isupper() for t in tokens if len(t) > 1)
    if shouting and not label and (len(tokens) < 2 or "." not in rank_surface):
        return None  # "MAJOR OFFENSIVE" in an all-caps radio script
    return PersonHit(start, end, tokens, rank, rank_start, "label" if label else "rank")


def name_before_role(text: str, role_start: int) -> PersonHit | None:
    """ "Jane Roe, the Coalition's military spokesperson" -> PersonHit("Jane Roe") (no rank)."""
    line_start = text.rfind("\n", 0, role_start) + 1
    window_start = max(line_start, role_start - 140)
    match = NAME_BEFORE_ROLE.search(text, window_start, role_start)
    if not match:
        return None
    spans = [(m.start(), m.group()) for m in _NON_BLANK.finditer(text, match.start(1), match.end(1))]
    i = _title_words([w for _, w in spans])
    return _plain_name(text, spans[i][0], [w for _, w in spans[i:]], "role")


def _title_words(words: list[str]) -> int:
    """How many words before a name read backwards from its role are the end of a title, not the name:
    "Under Secretary of Defense for Policy Sasha Baker, the ..." -> 1 ("Policy"); 0 when the run opens
    with a given name or holds none."""
    names = given_names()
    if not words or words[0] in names:
        return 0
    i = _given_start(words)
    return i if i is not None else 0


def name_after_role(text: str, role_end: int) -> PersonHit | None:
    """ "ISIS leader Abu Bakr al-Baghdadi", "spokesman Ryan Dillard said": a role noun right before a name."""
    match = NAME_AFTER.match(text, role_end)
    if not match:
        return None
    return _plain_name(text, match.start(1), _SPLIT.split(match.group(1)), "role")


def reporter_intro(text: str, intro_end: int) -> tuple[PersonHit, tuple[int, int]] | None:
    """ "Q: Hi Colonel, this is Tom Greer with Frontline Wire." -> Tom Greer, and the span of his outlet."""
    match = INTRO.match(text, intro_end)
    if not match:
        return None
    hit = _plain_name(text, match.start(1), _SPLIT.split(match.group(1)), "intro")
    return (hit, match.span(2)) if hit else None


def reporters(text: str) -> list[tuple[PersonHit, tuple[int, int]]]:
    """Reporters naming themselves after "Q:" ("Q: Sir, Jamie Ortiz, Levant Monitor."), with their outlet's span."""
    out: list[tuple[PersonHit, tuple[int, int]]] = []
    if "Q:" not in text:
        return out
    for match in REPORTER.finditer(text):
        hit = _plain_name(text, match.start(1), _SPLIT.split(match.group(1)), "intro")
        if hit:
            out.append((hit, match.span(2)))
    return out


def name_after_said(text: str, said_end: int) -> PersonHit | None:
    """ "..., said Jane Roe." -> PersonHit("Jane Roe"): two or more capitalized words, no rank."""
    match = NAME_AFTER.match(text, said_end)
    if not match:
        return None
    return _plain_name(text, match.start(1), _SPLIT.split(match.group(1)), "said")


def _plain_name(text: str, start: int, words: list[str], source: str, whole: bool = True) -> PersonHit | None:
    """Without a rank only a plain "First Last" (2-4 title-case words, no stopword) is read as a person;
    `whole`: every word must belong to the name (else the name ends at the first stopword)."""
    tokens = _clean_tokens(words)
    if len(tokens) < 2 or whole and len(tokens) != len(words) or any(t.isupper() and len(t) > 2 for t in tokens):
        return None
    known = gazetteer.entries()
    if " ".join(tokens) in known or any(t.rstrip(".") in known for t in tokens):
        return None  # "said Mosul University", "Abu Kamal, the town's mayor": places, not people
    return PersonHit(start, _end_of(text, start, tokens), tokens, None, start, source)


def labels(text: str) -> list[PersonHit]:
    """Transcript speaker labels without a rank: "JOHN KIRBY:" (never "Q:", "STAFF:", "MODERATOR:")."""
    out = []
    for match in LABEL.finditer(text):
        words = _SPLIT.split(match.group(1).strip())
        tokens = _clean_tokens(words)
        if match.group(1).strip() in gazetteer.entries():
            continue  # "SOUTHWEST ASIA:" opening a radio script is a place
        if len(tokens) >= 2 and len(tokens) == len(words):
            out.append(
                PersonHit(match.start(1), _end_of(text, match.start(1), tokens), tokens, None, match.start(1), "label")
            )
    return out


def _normal_case(word: str) -> str:
    if not word.isupper() or len(word) == 1:
        return word
    return "-".join(part.capitalize() for part in word.split("-")).replace("’", "'")


def canonical_tokens(tokens: list[str]) -> list[str]:
    """Rank-free words in normal case, middle initials dropped: ["THOMAS", "D.", "WEIDLEY"] -> Thomas Weidley."""
    words = [_normal_case(t) for t in tokens]
    while len(words) > 2 and words[-1].rstrip(".").casefold() in _SUFFIXES:
        words.pop()  # "John Roe Jr." is John Roe
    if len(words) > 1:
        words = [w for i, w in enumerate(words) if not (len(w.rstrip(".")) == 1 and i > 0)] or words
    return words


def surname_key(name: str) -> str:
    """ "Weidley" for Thomas Weidley; "baghdadi" for both "al-Baghdadi" and "Baghdadi"."""
    if not name:
        return ""
    last = name.split()[-1].casefold()
    return _ARTICLE_PREFIX.sub("", last)


def _strip_rank(speaker: str) -> tuple[bool, str]:
    """(True, rest) when `speaker` opens with a known rank or title ("Mr." included), else (False, speaker)."""
    best = 0
    for end, (length, payloads, _, _) in gazetteer.automaton().iter(speaker):
        start = end - length + 1
        if start != 0 or (end + 1 < len(speaker) and speaker[end + 1].isalnum()):
            continue
        if any(kind == gazetteer.RANK for kind, _ in payloads):
            best = max(best, end + 1)
    return (True, speaker[best:]) if best else (False, speaker)


def canonical_person_name(speaker: str, mentions=None) -> str | None:
    """The person name a speaker string refers to, as Mention.name gives it for persons.

    "Brig. Gen. Thomas Weidley" -> "Thomas Weidley"; "COL. JANE DOE" -> "Jane Doe"; "a senior coalition officer"
    -> None. With the release's mentions, a bare surname ("Col. Marotto") resolves to the full name there.
    """
    if not speaker or not speaker.strip():
        return None
    text = speaker.strip().split(",")[0].strip()
    found, rest = _strip_rank(text)
    rest = rest.strip()
    words = [w for w in _SPLIT.split(rest) if w]
    if not words or not words[0][:1].isupper() or rest in gazetteer.entries():
        return None  # "a senior coalition officer", "CJTF-OIR" (a statement's issuer)
    tokens = _clean_tokens(words)
    if not tokens or len(tokens) < len(words) and len(tokens) == 1 and not found:
        return None  # "Iraqi Security Forces spokesman" stops at once; "Coalition officials" too
    if not found and len(tokens) == 1 and tokens[0].isupper():
        return None  # an acronym, not a surname
    name = " ".join(canonical_tokens(tokens))
    if len(tokens) == 1 and mentions:
        for mention in mentions:
            if mention.type == "person" and surname_key(mention.name) == name.casefold():
                return mention.name
    return name


@cache
def given_names() -> frozenset[str]:
    """Given names (data/given_names.txt, from names-dataset) that are not also rank, title or stop words."""
    stop = gazetteer.name_stopwords()
    return frozenset(n for n in lines("given_names.txt") if n.casefold() not in stop)


# A capitalized word with a name word after it: where a given name may open a name. The pattern opens with a
# character class so the scan over the body is fast; the name itself is then read with _NAME_AT.
_CANDIDATE = re.compile(r"[A-Z][a-z]+(?=[ \t]+(?:[A-Z]|(?:al|el|bin|ibn|abu|de|del|da|van|von|der|le|la)[ \t\-]))")
_NAME_AT = re.compile(rf"{_TOKEN}(?:[ \t]+{_TOKEN})+")


_NON_BLANK = re.compile(r"[^ \t]+")


def _given_start(words: list[str]) -> int | None:
    """Index of the first word that is a given name with a word after it, None if none."""
    for i, word in enumerate(words[:-1]):
        if _given_name(word):
            return i
    return None


def _given_name(word: str) -> bool:
    """A given name (data/given_names.txt) that the gazetteers do not know as a place or organization
    ("Erbil", "Jordan" are places there)."""
    return word in given_names() and word not in gazetteer.entries()


def given_name_people(text: str) -> list[PersonHit]:
    """ "Q: Lita Baldor with AP", "Consul General in Erbil Ken Gross": a given name and the capitalized
    surname after it make a person wherever they stand; words before the given name are titles or places."""
    out: list[PersonHit] = []
    names, known = given_names(), gazetteer.entries()
    for match in _CANDIDATE.finditer(text):
        word, start = match.group(), match.start()
        if word not in names or word in known or out and start < out[-1].end:
            continue
        if start and text[start - 1] in _WORD_BEFORE or headline(text, start):
            continue
        name = _NAME_AT.match(text, start)
        hit = _plain_name(text, start, _SPLIT.split(name.group()), "given", whole=False) if name else None
        if hit:
            out.append(hit)
    return out


_WORD_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'’-.")


_LINE_WORD = re.compile(r"[A-Za-z][\w'’\-]{3,}")


def headline(text: str, pos: int) -> bool:
    """Whether the line around `pos` is a headline set in title case ("Carter Praises Troops at Fort Bliss",
    no closing punctuation): there every word is capitalized, so a given name followed by a capital is no
    evidence of a person."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    if line.endswith((".", "?", "!", ":", '"', "”", ",")):
        return False  # a sentence, not a headline
    words = _LINE_WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# A transcript turn: "Q:", "OPERATOR:", "MAJ. RANKINE-GALLOWAY:" opening the line (labels are in capitals;
# "Presenter:" opens a metadata line).
_TURN_LINE = re.compile(r"[ \t]*[A-Z][A-Z.'’\- ]{0,60}:")
# The outlet after a reporter's name: "Lita Baldor with AP.", "Jim Michaels, USA Today.", "Nicole Gaouette of
# CNN.", "Jeff Schogol, Task & Purpose." — up to four capitalized words, then the end of the clause.
_OUTLET = re.compile(
    r"(?:,[ \t]+(?:with[ \t]+|from[ \t]+)?|[ \t]+(?:with|from|of)[ \t]+)"
    r"((?:The[ \t]+)?[A-Z0-9][\w'’\-]*(?:[ \t]+(?:&[ \t]+)?[A-Z0-9][\w'’\-]*){0,3})[ \t]*(?:[.,?!]|$)",
    re.M,
)


def outlet_after(text: str, hit: PersonHit) -> tuple[int, int] | None:
    """Span of the outlet a reporter names after his name in a transcript turn, None elsewhere."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    if not _TURN_LINE.match(text, line_start):
        return None
    match = _OUTLET.match(text, hit.end)
    return match.span(1) if match else None
