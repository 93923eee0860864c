"""Reading one count: the number, the words before it (qualifier) and after it (what is counted).

"more than 4,100 airstrikes" -> airstrikes 4100 over; "the 83-member International Coalition" -> coalition_members 83;
"an oil wellhead" after a strike verb -> oil_wellheads 1. Dates, years, identifiers ("Task Force 1-87"),
durations and ordinals are refused here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipelines.extract.metrics.lexicon import hyphen_units, qualifiers, verb_forms
from pipelines.extract.metrics.names import compound_pairs, metric_name, never_counted, phrase_stops
from pipelines.extract.metrics.numbers import NumberSpan, scale_word

# Stop words that may still open a counted phrase: "1,200 more recruits", "two other vehicles".
_LEADING_MODIFIERS = frozenset({"more", "other"})
# Up to six words after a number, separated by white space with at most one line break between two words.
_PHRASE_RE = re.compile(
    r"(?:(?:[ \t]+\n?[ \t]*|\n[ \t]*)[A-Za-z][A-Za-z0-9'’&/-]*(?:\.[A-Za-z]+)*\.?(?:-[A-Za-z]+)*){1,6}"
)  # "U.S.-only operations" keeps its hyphen
_HYPHEN_RE = re.compile(r"-(?P<w>[A-Za-z]+)")
_SCALE_RE = re.compile(r"\s?(?P<w>million|billion|thousand|trillion)\b", re.IGNORECASE)
_SCALE_LEADS = frozenset("mMbBtT")
_PERCENT_RE = re.compile(r"\s?(?:%|per\s?cent\b)", re.IGNORECASE)
_COALITION_OF_RE = re.compile(r"\s+of\s+the\s+(?:[\w-]+\s+){0,3}?[Cc]oalition\b")
_LOWER_RE = re.compile(r"[a-z]{3}")
_CAPITALIZED_WORD_RE = re.compile(r"[A-Z][A-Za-z.’'-]*")
_OF_THE_RE = re.compile(r"\s+of\s+(?:the|those|these)(?=\s)")
# After a number with its noun left out: an auxiliary or "more" ("11 were judged", "26 more.").
_ELIDED_AFTER_RE = re.compile(
    r"(?P<more>\s+more)?(?:\s+(?:were|was|are|is|have|has|had|remain|remained|remains)\b|(?<=more)(?=\s*[.,;]))"
)
# Before it: "the remaining 37", "Of those, 79", a gerund ("killing 9.").
_ELIDED_BEFORE_RE = re.compile(r"(?:\bthe\s+remaining|\b[Oo]f\s+(?:those|these|them),|\b[a-z]+(?:ing|ed))\s+$")
_WORD_THEN_NUMBER_RE = re.compile(r"\s+[A-Za-z]+\s+\d")
_CLAUSE_END_RE = re.compile(r"\s*(?:[.,;]|$)")
_NUMBER_MARKS = frozenset({"No.", "Nos.", "No", "Number", "number", "NO.", "NUMBER"})


@dataclass(slots=True)
class Count:
    value: float
    name: str
    start: int  # of the whole span (qualifier included)
    number_start: int
    end: int  # end of the counted noun phrase
    qualifier: str = "exact"
    action: str | None = None
    action_kind: str | None = None  # "target" when a strike verb follows the count (the count is its subject)
    trailing_action: str | None = None
    refers_back: bool = False  # "14 of the strikes", "the remaining 30": counts of things named before


# --- reading one count ------------------------------------------------------------------------------------


def noun_phrase(body: str, pos: int, limit: int) -> tuple[tuple[str, ...], int, str | None]:
    """Words of the noun phrase starting at pos, its end, and the action of a trailing participle ("12 ISIS killed")."""
    m = _PHRASE_RE.match(body, pos, limit)
    if m is None:
        return (), pos, None
    words, length, trailing, _, _ = _read_phrase(m[0])
    return words, pos + length, trailing


def named_phrase(body: str, pos: int, limit: int) -> tuple[str | None, int, str | None]:
    """The metric name of the counted phrase at pos (None when nothing countable follows), its end, trailing action."""
    m = _PHRASE_RE.match(body, pos, limit)
    if m is None:
        return None, pos, None
    words, length, trailing, is_counted, name = _read_phrase(m[0])
    if _cut_off(body, pos + length) and m.end() == pos + length:
        return None, pos, None  # "an ISIS staging ar": the excerpt ends inside the noun
    return (name if is_counted else None), pos + length, trailing


def _cut_off(body: str, end: int) -> bool:
    """Whether the text stops right after a word with no closing mark: an excerpt cut off mid-word."""
    return end + 3 >= len(body) and end > 0 and body[end - 1].isalpha() and not body[end:].strip()


def _token_stops(words: list[str], token: str, low: str) -> bool:
    """Whether this word ends the counted phrase before it is taken: a stop word ("of", "in"), a participle
    after a plural ("14 strikes using aircraft"), a possessive."""
    if low in phrase_stops() and not (not words and low in _LEADING_MODIFIERS) and not _in_compound(words, low):
        return True
    if low.endswith("ing") and words and _is_plural(words[-1]):
        return True
    return token.endswith(("'s", "’s"))


def _phrase_words(text: str) -> tuple[list[str], int, str | None]:
    """The words of the counted phrase, where they end in text, and the action of a verb that ends it."""
    verbs = verb_forms()
    words: list[str] = []
    end = cursor = 0
    for raw in text.split():
        at = text.find(raw, cursor)
        cursor = at + len(raw)
        closes = raw.endswith(".") and raw.count(".") == 1  # "vehicles." ends the sentence; "U.S." does not
        token = raw[:-1] if closes else raw
        low = token.lower()
        if low in verbs and words:  # "seven strikes engaged ...", "53 ISIS detained"
            return words, end, verbs[low][0]
        if _token_stops(words, token, low):
            break
        words.append(token)
        end = at + len(token)
        if closes:
            break
    return words, end, None


def _trim_verbs(text: str, words: list[str], end: int, trailing: str | None) -> tuple[list[str], int, str | None]:
    """Trailing verbs and participles are not part of what is counted ("12 ISIS killed")."""
    verbs = verb_forms()
    if words and all(w.lower() in _LEADING_MODIFIERS for w in words):
        return [], end, trailing  # "1,200 more are in class": the counted noun is elided
    while len(words) > 1 and (words[-1].lower() in verbs or (words[-1].endswith("ed") and words[-1][0].islower())):
        dropped = words.pop().lower()
        if dropped in verbs:
            trailing = verbs[dropped][0]
        end = text.rfind(words[-1], 0, end) + len(words[-1])
    return words, end, trailing


@lru_cache(maxsize=16384)
def _read_phrase(text: str) -> tuple[tuple[str, ...], int, str | None, bool, str | None]:
    """The phrase after a number, read once per distinct wording (strike reports repeat theirs):
    its words, their length in text, a trailing action, whether it is counted, and its metric name."""
    words, end, trailing = _trim_verbs(text, *_phrase_words(text))
    phrase = tuple(words)
    is_counted = counted(phrase)
    return phrase, end, trailing, is_counted, metric_name(list(phrase)) if is_counted else None


def _in_compound(words: list[str], low: str) -> bool:
    """ "command and" of "command and control node": the stop word belongs to a counted compound."""
    return bool(words) and f"{words[-1].lower()} {low}" in compound_pairs()


def _is_plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and not word.isupper()


def counted(words: tuple[str, ...] | list[str]) -> bool:
    if not words:
        return False
    low = [w.lower() for w in words]
    if low[-1] in verb_forms() and len(low) == 1:
        return False
    bad = never_counted()
    if len(low) > 1 and low[-2] == "square":  # areas: "31,000 square miles"
        return True
    pairs = compound_pairs()
    return not any(w in bad and not (i and f"{low[i - 1]} {w}" in pairs) for i, w in enumerate(low))


def _qualifier(body: str, start: int, floor: int) -> tuple[str, int]:
    """The qualifier words right before a number ("more than 4,100" -> over) and where they start."""
    table, longest, last_words = qualifiers()
    window = body[max(floor, start - 30) : start]
    if not window or not window[-1].isspace():
        return "exact", start
    words = window.lower().split()
    if not words or words[-1] not in last_words:  # the common case: no qualifier at all
        return "exact", start
    for k in range(min(longest, len(words)), 0, -1):
        phrase = " ".join(words[-k:])
        if phrase in table:
            at = len(window)
            lower = window.lower()
            for word in reversed(words[-k:]):
                at = lower.rfind(word, 0, at)
            if at > 0 and (window[at - 1].isalnum() or window[at - 1] == "-"):
                continue
            return table[phrase], start - len(window) + at
    return "exact", start


def _is_identifier(body: str, start: int, sentence_start: int, sentence_end: int) -> bool:
    """Digits right after a capitalized word inside a sentence name something: "Task Force 1-87", "Resolution 2249".

    Not in ALL CAPS radio scripts ("THE COALITION SAYS 45 PERCENT ..."), where every word is capitalized.
    """
    j = start
    while j > sentence_start and body[j - 1] in " \t\n":
        j -= 1
    if j == sentence_start:
        return False
    if body[j - 1] == "#":
        return True
    # The word before: back to the last white space (rfind is C-speed; a character loop is not).
    k = (
        max(
            body.rfind(" ", sentence_start, j), body.rfind("\n", sentence_start, j), body.rfind("\t", sentence_start, j)
        )
        + 1
    )
    if k < sentence_start:
        k = sentence_start
    word = body[k:j]
    if word in _NUMBER_MARKS:
        return True
    if not _CAPITALIZED_WORD_RE.fullmatch(word) or word.endswith(("'s", "’s")):
        return False
    if not body[sentence_start:k].strip(' \t\n*•·-–—“"('):
        return False  # a capitalized word opening the sentence ("About 200", "Over 4,100") is no name
    return bool(_LOWER_RE.search(body, sentence_start, sentence_end))


def _members_name(words: list[str]) -> str:
    """ "83-member International Coalition" -> coalition_members; "a 12-member team" -> team_members."""
    low = [w.lower() for w in words[:3]]
    if "coalition" in low:
        return "coalition_members"
    if not words:
        return "members"
    if words[0][:1].isupper():  # the capitalized name that follows: "12-member Joint Planning Team"
        run = [w for w in words if w[:1].isupper()]
        head = run[-1]
    else:
        head = words[0]
    return re.sub(r"[^a-z0-9]+", "_", head.lower()).strip("_") + "_members"


def _not_a_count(body: str, n: NumberSpan, sentence_start: int, limit: int) -> bool:
    """List numbering "(1)", identifiers and ranges "1-87", years, names "Task Force 1-87"."""
    number_start, end = n.start, n.end
    if number_start > 0 and body[number_start - 1] == "(" and body.startswith(")", end):
        return True
    if n.spelled or n.currency_start is not None:
        return False
    if body.startswith("-", end) and end + 1 < len(body) and body[end + 1].isdigit():
        return True
    if end - number_start == 4 and 1900 <= n.value <= 2099 and n.value == int(n.value):
        return True
    return _is_identifier(body, number_start, sentence_start, limit)


def _lead(body: str, end: int) -> tuple[str, str]:
    """The two characters after the digits and the first of them that is not a space."""
    after = body[end : end + 2]
    return after, (after[1:] if after[:1].isspace() else after[:1])


def _scaled(body: str, n: NumberSpan, limit: int) -> tuple[float, int]:
    """ "1.6 billion": the value with its scale word and where the number ends."""
    _, lead = _lead(body, n.end)
    if n.spelled or lead not in _SCALE_LEADS:
        return n.value, n.end
    scale = _SCALE_RE.match(body, n.end, limit)
    factor = scale_word(scale["w"]) if scale else None
    if scale is None or factor is None:
        return n.value, n.end
    return n.value * factor, scale.end()


def _money(body: str, value: float, spans: tuple[int, int, int], qualifier: str, limit: int) -> Count:
    span_start, number_start, end = spans
    words, np_end, _ = noun_phrase(body, end, limit)
    if words and words[0].lower() in ("dollars", "usd"):
        end = np_end
    return Count(value, "usd", span_start, number_start, end, qualifier)


def _plus(body: str, value: float, spans: tuple[int, int, int], limit: int) -> Count | None:
    """ "a 60-plus nation coalition" counts nations, more than 60 of them."""
    span_start, number_start, end = spans
    nxt = _HYPHEN_RE.match(body, end, limit)
    if nxt:
        return _hyphen_unit(body, value, (span_start, number_start, nxt.end()), nxt["w"].lower(), ("over", limit))
    words, np_end, trailing = noun_phrase(body, end, limit)
    if not counted(words):
        return None
    if len(words) > 1 and not words[0].lower().endswith("s"):
        words = words[:1]  # "a 60-plus nation coalition" counts nations
    return Count(value, metric_name(list(words)), span_start, number_start, np_end, "over", trailing_action=trailing)


def _hyphen_unit(
    body: str, value: float, spans: tuple[int, int, int], unit: str, read: tuple[str, int]
) -> Count | None:
    """ "83-member coalition", "a 12-member team", "40-nation effort"; "24-hour", "2-star" are no counts."""
    span_start, number_start, end = spans
    qualifier, limit = read
    if unit not in hyphen_units() or body.startswith("-", end):  # "24-hour", "2-star", "two-way", "25-year-old"
        return None
    words, np_end, _ = noun_phrase(body, end, limit)
    if unit in ("member", "members"):  # "the 83-member International Coalition" -> coalition_members
        return Count(value, _members_name(list(words)), span_start, number_start, np_end if words else end, qualifier)
    return Count(value, metric_name([unit]), span_start, number_start, np_end if words else end, qualifier)


def _hyphenated(body: str, value: float, spans: tuple[int, int, int], qualifier: str, limit: int) -> Count | None:
    span_start, number_start, end = spans
    hyphen = _HYPHEN_RE.match(body, end, limit)
    if hyphen is None:
        return None
    unit = hyphen["w"].lower()
    if unit == "plus":
        return _plus(body, value, (span_start, number_start, hyphen.end()), limit)
    return _hyphen_unit(body, value, (span_start, number_start, hyphen.end()), unit, (qualifier, limit))


def _named(
    body: str, value: float, spans: tuple[int, int, int], qualifier: str, bounds: tuple[int, int]
) -> Count | None:
    """The counted noun phrase after the number, or after "of the" ("Ten of the airstrikes")."""
    span_start, number_start, end = spans
    sentence_start, limit = bounds
    name, np_end, trailing = named_phrase(body, end, limit)
    if name is None:
        of = _OF_THE_RE.match(body, end, limit) if value != 1 else None
        if of is None:
            return None
        name, np_end, trailing = named_phrase(body, of.end(), limit)
        if name is None:
            return None
        return Count(
            value, name, span_start, number_start, np_end, qualifier, trailing_action=trailing, refers_back=True
        )
    if name == "members" and (
        _COALITION_OF_RE.match(body, np_end, limit)
        or "coalition" in body[max(sentence_start, number_start - 60) : number_start].lower()
    ):
        name = "coalition_members"  # "about 66 members of the Global Coalition", "The Coalition, which includes 79 members"
    return Count(value, name, span_start, number_start, np_end, qualifier, trailing_action=trailing)


def read_number(body: str, n: NumberSpan, sentence_start: int, limit: int) -> Count | None:
    """The count a number makes, or None: money, percent, "83-member", or a number and its counted noun."""
    if _not_a_count(body, n, sentence_start, limit):
        return None
    currency = n.currency_start is not None
    qualifier, span_start = _qualifier(
        body, n.currency_start if n.currency_start is not None else n.start, sentence_start
    )
    value, end = _scaled(body, n, limit)
    spans = (span_start, n.start, end)
    if currency:
        return _money(body, value, spans, qualifier, limit)
    after, lead = _lead(body, end)
    percent = _PERCENT_RE.match(body, end, limit) if lead and lead in "%pP" else None
    if percent:
        return Count(value, "percent", span_start, n.start, percent.end(), qualifier)
    if after[:1] == "-":
        return _hyphenated(body, value, spans, qualifier, limit)
    return _named(body, value, spans, qualifier, (sentence_start, limit))


def read_elided(body: str, n: NumberSpan, sentence_start: int, limit: int) -> Count | None:
    """A number whose noun is left out, named after the count before it: "11 were judged non-credible",
    "detaining 26 more", "killing 9.", "the remaining 37", "Of those, 79 have supported". The name is left
    empty for the caller to fill in."""
    if _not_a_count(body, n, sentence_start, limit) or n.currency_start is not None:
        return None
    after = _ELIDED_AFTER_RE.match(body, n.end, limit)
    before = _ELIDED_BEFORE_RE.search(body, max(sentence_start, n.start - 24), n.start)
    if after is None and before is None:
        return None
    if after is None and not _CLAUSE_END_RE.match(body, n.end, limit + 1):
        return None
    qualifier, span_start = _qualifier(body, n.start, sentence_start)
    end = n.end + len(after["more"] or "") if after is not None and after["more"] else n.end
    return Count(n.value, "", span_start, n.start, end, qualifier, refers_back=True)


def article_items(lower: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "a"/"an" opening an object of a strike verb: right after it, or after a comma, semicolon, "and" or "or".

    "destroyed an oil wellhead and a VBIED" -> both; "denied ISIS access to a road" -> none.
    """
    items = []
    for article in (" a ", " an "):
        i = lower.find(article, start, end)
        while i != -1:
            before = lower[start:i].rstrip()
            if not before or before.endswith((",", ";", " and", " or")) or before in ("and", "also", "or"):
                items.append((i + 1, i + len(article) - 1))
            i = lower.find(article, i + 1, end)
    items.sort()
    return items


def read_article(body: str, art_start: int, art_end: int, limit: int) -> Count | None:
    """ "an oil wellhead" after a strike verb counts one wellhead; "an estimated 25" is no count of one."""
    if _WORD_THEN_NUMBER_RE.match(body, art_end, limit):
        return None
    name, np_end, _ = named_phrase(body, art_end, limit)
    if name is None:
        return None
    return Count(1.0, name, art_start, art_start, np_end)
