"""A made-up corpus in the shapes of corpus-formats.md, with its gold annotations.

Deterministic from a seed: document i is drawn from its own `random.Random(f"{seed}:{i}")`, so a corpus of
100,000 is the corpus of 10,000 plus 90,000 more, and any document can be regenerated alone. Every sentence
is assembled from the word banks below; names of people are invented, places are the theatre's.

The mix (per document): daily strike reports 2014-2017, weekly strike reports 2018-2021, news stories with
quotes and figures, briefing transcripts, statements; site chrome above and below; UTF-8, Windows-1252,
UTF-8 with a BOM, CRLF line ends; some HTML pages and JSON Lines exports; byte-identical copies and copies
under another site's chrome; a few empty, binary or chrome-only files (gold `"rejected": true`).

    python -m bench.synth OUT_DIR --n 1000 [--seed 7]      # writes OUT_DIR/raw/** and OUT_DIR/gold.jsonl
"""

from __future__ import annotations

import argparse
import html
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# ---------------------------------------------------------------------------------------------------- banks
FIRST = [
    "Jane",
    "Marcus",
    "Elena",
    "Tobias",
    "Ruth",
    "Dmitri",
    "Alden",
    "Corinne",
    "Jasper",
    "Mirela",
    "Oren",
    "Talia",
    "Bram",
    "Delphine",
    "Quincy",
    "Nadia",
    "Emmett",
    "Sylvie",
    "Rowan",
    "Ingrid",
    "Caspar",
    "Leona",
    "Hollis",
    "Petra",
    "Anselm",
    "Greer",
    "Lucan",
    "Maren",
    "Thaddeus",
    "Vera",
]
LAST = [
    "Harwick",
    "Delacorte",
    "Pennimore",
    "Vantassel",
    "Okonkwo",
    "Brisbane",
    "Castellan",
    "Whitlock",
    "Dunmore",
    "Feraldi",
    "Haskett",
    "Lindqvist",
    "Marchetti",
    "Norcross",
    "Ostrander",
    "Pryce",
    "Quillen",
    "Ravensworth",
    "Sandoval",
    "Thistlewood",
    "Ulrich",
    "Varga",
    "Wexley",
    "Yarrow",
    "Zelinski",
    "Ambrose",
    "Brockton",
    "Calloway",
    "Darrow",
    "Ellery",
    "Fairbairn",
    "Gallowmere",
]
RANKS = (
    ("Brig. Gen.", "BRIGADIER GENERAL"),
    ("Maj. Gen.", "MAJOR GENERAL"),
    ("Col.", "COLONEL"),
    ("Lt. Col.", "LIEUTENANT COLONEL"),
    ("Maj.", "MAJOR"),
    ("Capt.", "CAPTAIN"),
    ("Lt. Gen.", "LIEUTENANT GENERAL"),
)
ROLES = (
    "the Coalition's military spokesperson",
    "the task force's chief of staff",
    "the deputy commander for operations",
    "director of the training mission",
    "the senior advisor to the ministry",
    "commander of the advise and assist brigade",
)
ANONYMOUS = (
    "a senior coalition officer",
    "one of the attendees",
    "a coalition official",
    "a senior officer of the coalition",
)
SAID = ("said", "added", "stated", "explained", "noted", "emphasized")

IRAQ_TOWNS = (
    "Mosul",
    "Tal Afar",
    "Ramadi",
    "Fallujah",
    "Hit",
    "Bayji",
    "Qaim",
    "Kirkuk",
    "Sinjar",
    "Haditha",
    "Rutbah",
)
SYRIA_TOWNS = ("Raqqah", "Abu Kamal", "Dayr Az Zawr", "Hasakah", "Manbij", "Shaddadi", "Hajin", "Kobani", "Mar'a")
# Counted targets of strike lines: (singular, plural, metric name, verb, action).
TARGETS = (
    ("tactical unit", "tactical units", "tactical_units", "engaged", "engage"),
    ("fighting position", "fighting positions", "fighting_positions", "destroyed", "destroy"),
    ("vehicle", "vehicles", "vehicles", "destroyed", "destroy"),
    ("tunnel", "tunnels", "tunnels", "destroyed", "destroy"),
    ("supply route", "supply routes", "supply_routes", "damaged", "damage"),
    ("mortar team", "mortar teams", "mortar_teams", "suppressed", "suppress"),
    ("bunker", "bunkers", "bunkers", "destroyed", "destroy"),
    ("oil wellhead", "oil wellheads", "oil_wellheads", "destroyed", "destroy"),
    ("staging area", "staging areas", "staging_areas", "destroyed", "destroy"),
)
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ISIS = {"name": "ISIS", "type": "organization", "aliases": ["ISIL", "Daesh", "Islamic State"]}
ORGS = (
    ("Iraqi Security Forces", {"name": "Iraqi Security Forces", "type": "organization", "aliases": ["ISF"]}),
    ("Syrian Democratic Forces", {"name": "Syrian Democratic Forces", "type": "organization", "aliases": ["SDF"]}),
    ("Kurdish Security Forces", {"name": "Kurdish Security Forces", "type": "organization", "aliases": ["KSF"]}),
    ("Peshmerga", {"name": "Peshmerga", "type": "organization", "aliases": ["Peshmerga forces"]}),
)
GOI = {"name": "Government of Iraq", "type": "organization", "aliases": ["Iraqi government"]}
CJTF = [
    "CJTF-OIR",
    "CJTF - Operation Inherent Resolve",
    "Combined Joint Task Force - Operation Inherent Resolve",
    "CJTFOIR",
]
CENTCOM = ["U.S. Central Command", "CENTCOM", "USCENTCOM"]
OPTIONAL = [
    "Coalition",
    "Operation Inherent Resolve",
    "Combined Joint Task Force",
    "CJTF-OIR",
    "U.S. Central Command",
    "Southwest Asia",
    "Middle East",
    "Baghdad",
    "Erbil",
    "Kurdistan Region",
    "United States",
    "U.S.",
    "Tampa",
    "Fla.",
    "Florida",
]
CENTCOM_ENTITY = {"name": "U.S. Central Command", "type": "organization", "aliases": ["CENTCOM", "USCENTCOM"]}

# Quotes and filler prose: subject + verb phrase + object + adjunct, none of them holding a number or a name.
SUBJECTS = (
    "Our partners",
    "The soldiers we train",
    "These operations",
    "The advisers in the field",
    "The units here",
    "The local forces",
    "Our medics",
    "The training teams",
    "Our engineers",
    "The people of the region",
)
VERBS = (
    "have shown steady progress in",
    "continue to build confidence in",
    "remain committed to",
    "keep improving",
    "are steadily taking back",
    "have earned real trust in",
    "will keep pressing on with",
    "are proving themselves in",
)
OBJECTS = (
    "the northern sector",
    "the river valley",
    "every clearing operation",
    "the defense of their towns",
    "the work of rebuilding",
    "the hardest parts of this campaign",
    "securing the border crossings",
    "the return of displaced families",
    "the fight for the old city",
    "holding the ground they have won",
)
ADJUNCTS = (
    "and we see it every day",
    "despite a difficult winter",
    "with the support of their neighbors",
    "long after the last patrol",
    "because they believe in it",
    "and that matters to all of us",
    "in ways we did not expect",
    "street by street",
    "while the enemy keeps losing ground",
    "",
)
TOPICS = (
    "Partners Review Progress",
    "Advisers Mark Training Milestone",
    "Engineers Restore Bridge",
    "Leaders Meet to Plan Next Phase",
    "Forces Secure Border Crossing",
    "Medics Train Local Teams",
    "Coalition Hands Over Base",
    "Units Complete River Crossing Exercise",
)
FILLER_SUBJECTS = (
    "The meeting",
    "The visit",
    "The exercise",
    "The program",
    "The handover",
    "The course",
    "The ceremony",
    "The working group",
    "The advisory team",
    "The new checkpoint",
)
FILLER_VERBS = (
    "focused on",
    "brought together officers responsible for",
    "marked a step forward for",
    "covered",
    "was planned around",
    "drew attention to",
    "set out the next steps for",
)
FILLER_OBJECTS = (
    "logistics and maintenance",
    "the protection of civilians",
    "communication between units",
    "medical evacuation procedures",
    "the clearing of explosive hazards",
    "border security",
    "the coordination of air support",
    "training for new recruits",
    "the repair of roads and bridges",
)

BANNERS = (
    [
        "An official website of the United States government",
        "Here's how you know",
        "A .mil website belongs to an official U.S. Department of Defense organization in the United States.",
        "A lock (lock ) or https:// means you’ve safely connected to the .mil website. Share sensitive information only on official, secure websites.",
    ],
    ["An official website of the United States government", "Here's how you know"],
    [],
)
TRAILERS = (
    ["-30-"],
    ["###"],
    ["Related Links", "Coalition Strikes Continue", "Partners Train Together"],
    ["For more information, contact the CJTF-OIR Public Affairs Office."],
    [],
)
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
FULL_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def ap_day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def ap_date(d: date) -> str:
    return f"{ap_day(d)}, {d.year}"


def count_words(n: int, rng: random.Random) -> str:
    # "nine strikes" or "9 strikes" as the releases write them; 10 and over always in digits.
    return NUMBER_WORDS[n] if n < 10 and rng.random() < 0.6 else f"{n:,}"


# ------------------------------------------------------------------------------------------------ documents
@dataclass
class Document:
    """One release: its text as a person reads it (chrome included) and its gold annotation."""

    kind: str
    header: list[str]  # chrome and title lines before the body
    paragraphs: list[str]
    trailer: list[str]
    gold: dict
    title: str | None
    published: date | None

    def text(self) -> str:
        return (
            "\n".join(self.header)
            + "\n\n"
            + "\n\n".join(self.paragraphs)
            + ("\n\n" + "\n".join(self.trailer) if self.trailer else "")
            + "\n"
        )


@dataclass
class Builder:
    rng: random.Random
    quotes: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)
    entities: dict[str, dict] = field(default_factory=dict)
    curly: bool = True

    def entity(self, gold: dict) -> None:
        self.entities.setdefault(gold["type"] + ":" + gold["name"], gold)

    def present_entities(self, paragraphs: list[str]) -> list[dict]:
        """The recorded entities the body really names (ISIS only where a strike line says "ISIS tactical units")."""
        body = "\n".join(paragraphs).casefold()
        return [
            e for e in self.entities.values() if any(n.casefold() in body for n in [e["name"], *e.get("aliases", [])])
        ]

    def metric(self, name: str, value: float, **fields) -> None:
        self.metrics.append({"name": name, "value": value, **fields})

    def marks(self, text: str) -> str:
        return f"“{text}”" if self.curly else f'"{text}"'

    def sentence(self) -> str:
        r = self.rng
        words = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"
        adjunct = r.choice(ADJUNCTS)
        return f"{words} {adjunct}".strip() if adjunct else words

    def quote_text(self) -> str:
        # One or two sentences; starts are made unique within the document so gold prefixes are unambiguous.
        for _ in range(20):
            text = self.sentence()
            if self.rng.random() < 0.4:
                text += ". " + self.sentence()
            start = " ".join(text.split()[:7])
            if all(q["text_start"] != start for q in self.quotes):
                return text
        return text + " " + " ".join(self.rng.sample(FILLER_OBJECTS, 2))

    def quote(self, text: str, speaker: str, anonymous: bool = False, role: str | None = None) -> None:
        row = {"speaker": speaker, "anonymous": anonymous, "text_start": " ".join(text.split()[:7])}
        if role:
            row["role"] = role
        self.quotes.append(row)

    def filler(self) -> str:
        r = self.rng
        sentences = [
            f"{r.choice(FILLER_SUBJECTS)} {r.choice(FILLER_VERBS)} {r.choice(FILLER_OBJECTS)}."
            for _ in range(r.randint(2, 4))
        ]
        return " ".join(sentences)


def _enemy(year: int, rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "Daesh"
    return "ISIL" if year <= 2016 else "ISIS"


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _chrome(rng: random.Random, label: str, published: date, title: str | None, byline: str | None) -> list[str]:
    lines = list(rng.choice(BANNERS))
    if rng.random() < 0.1:
        lines.append("HOME : NEWSROOM : PRESS RELEASES")
    lines += ["", f"{label} | {ap_date(published) if rng.random() < 0.8 else published.strftime('%B %-d, %Y')}", ""]
    if title:
        lines += [title, ""]
    if byline:
        lines += [byline, ""]
    return lines


def _strike_lines(
    b: Builder, towns: tuple[str, ...], day: date, enemy: str, bullet: str, near: str = "Near"
) -> list[str]:
    """Per-town lines; returns the lines and records one gold metric per count."""
    r = b.rng
    lines = []
    for town in r.sample(towns, r.randint(1, min(4, len(towns)))):
        strikes = r.randint(1, 9)
        strike_words = (
            "a strike"
            if strikes == 1 and r.random() < 0.5
            else f"{count_words(strikes, r)} strike{'s' * (strikes > 1)}"
        )
        b.metric(
            "strikes",
            strikes,
            location=town,
            period_start=day.isoformat(),
            period_end=day.isoformat(),
            qualifier="exact",
            is_cumulative=False,
        )
        parts = []
        for single, plural, name, verb, action in r.sample(TARGETS, r.randint(1, 3)):
            n = r.randint(1, 14)
            thing = (
                (f"an {single}" if single[0] in "aeiou" else f"a {single}")
                if n == 1
                else f"{count_words(n, r)} {plural}"
            )
            if name == "tactical_units":
                thing = thing.replace("tactical", f"{enemy} tactical", 1)
            parts.append(f"{verb} {thing}")
            b.metric(
                name,
                n,
                location=town,
                period_start=day.isoformat(),
                period_end=day.isoformat(),
                action=action,
                qualifier="exact",
                is_cumulative=False,
            )
        b.entity({"name": town, "type": "location"})
        lines.append(f"{bullet}{near} {town}, {strike_words} {'; '.join(parts)}.".lstrip())
    return lines


DEFINITION = (
    "Task force officials define a strike as one or more kinetic events that occur in roughly the same "
    "geographic location to produce a single, sometimes cumulative, effect. For example, task force "
    "officials would count a single aircraft delivering a single weapon against a lone enemy vehicle as "
    "one strike."
)


def daily_strike_report(rng: random.Random) -> Document:
    b = Builder(rng)
    day = _random_date(rng, date(2014, 9, 1), date(2017, 12, 20))
    published = day + timedelta(days=1)
    enemy = _enemy(day.year, rng)
    b.entity(ISIS)
    b.entity({"name": "Iraq", "type": "location"})
    b.entity({"name": "Syria", "type": "location"})
    bullet = rng.choice(("* ", "-- ", "- ", ""))
    syria = _strike_lines(b, SYRIA_TOWNS, day, enemy, bullet)
    syria_strikes = sum(m["value"] for m in b.metrics if m["name"] == "strikes")
    mark = len(b.metrics)
    iraq = _strike_lines(b, IRAQ_TOWNS, day, enemy, bullet)
    iraq_strikes = sum(m["value"] for m in b.metrics[mark:] if m["name"] == "strikes")
    towns_metrics = b.metrics
    b.metrics = []
    total, s_eng, i_eng = (
        syria_strikes + iraq_strikes,
        syria_strikes + rng.randint(0, 9),
        iraq_strikes + rng.randint(0, 9),
    )
    span = {
        "period_start": day.isoformat(),
        "period_end": day.isoformat(),
        "qualifier": "exact",
        "is_cumulative": False,
    }
    dateline = f"SOUTHWEST ASIA, {ap_date(published)} —" if rng.random() < 0.5 else "SOUTHWEST ASIA —"
    paragraphs = [
        f"{dateline} On {ap_day(day)}, Coalition military forces conducted {total} strikes consisting of "
        f"{s_eng + i_eng} engagements against {enemy} targets in Syria and Iraq."
    ]
    b.metric("strikes", total, location="Syria and Iraq", action="conduct", **span)
    b.metric("engagements", s_eng + i_eng, location="Syria and Iraq", **span)
    paragraphs.append(
        f"In Syria, Coalition military forces conducted {count_words(syria_strikes, rng)} strikes consisting "
        f"of {s_eng} engagements against {enemy} targets."
    )
    b.metric("strikes", syria_strikes, location="Syria", action="conduct", **span)
    b.metric("engagements", s_eng, location="Syria", **span)
    paragraphs += syria
    paragraphs.append(
        f"In Iraq, Coalition military forces conducted {count_words(iraq_strikes, rng)} strikes consisting of "
        f"{i_eng} engagements coordinated with and in support of the Government of Iraq against {enemy} targets."
    )
    b.metric("strikes", iraq_strikes, location="Iraq", action="conduct", **span)
    b.metric("engagements", i_eng, location="Iraq", **span)
    b.entity(GOI)
    paragraphs += iraq
    b.metrics += towns_metrics
    if rng.random() < 0.4:
        before = day - timedelta(days=1)
        country = rng.choice(("Syria", "Iraq"))
        paragraphs.append(f"There were no reported strikes in {country} on {ap_day(before)}.")
        b.metric(
            "strikes",
            0,
            location=country,
            period_start=before.isoformat(),
            period_end=before.isoformat(),
            qualifier="exact",
            is_cumulative=False,
        )
    paragraphs.append(DEFINITION)
    title = f"{ap_day(day)}: Military airstrikes continue against {enemy} terrorists in Syria and Iraq"
    publisher = CJTF if day.year >= 2015 else CENTCOM
    byline = "By CJTF - Operation Inherent Resolve News Release" if publisher is CJTF else None
    header = _chrome(rng, "Press Release", published, title, byline)
    if rng.random() < 0.5:
        header += [publisher[0], f"Release # {published:%Y%m%d}-{rng.randint(1, 9):02d}", "FOR IMMEDIATE RELEASE", ""]
    elif byline is None:
        header += [publisher[0], ""]
    gold = {
        "title": title,
        "published_date": published.isoformat(),
        "dateline": "SOUTHWEST ASIA",
        "publisher": publisher,
        "kind": "strike_report",
        "quotes": [],
        "metrics": b.metrics,
        "entities": b.present_entities(paragraphs),
        "optional_entities": OPTIONAL,
    }
    return Document("strike_report", header, paragraphs, list(rng.choice(TRAILERS)), gold, title, published)


def weekly_strike_report(rng: random.Random) -> Document:
    b = Builder(rng)
    end = _random_date(rng, date(2018, 1, 10), date(2021, 12, 20))
    start = end - timedelta(days=6)
    published = end + timedelta(days=1)
    b.entity(ISIS)
    b.entity({"name": "Iraq", "type": "location"})
    b.entity({"name": "Syria", "type": "location"})
    days = sorted(rng.sample(range(7), rng.randint(2, 4)))
    day_paragraphs = []
    for offset in days:
        day = start + timedelta(days=offset)
        towns = SYRIA_TOWNS if rng.random() < 0.6 else IRAQ_TOWNS
        lines = _strike_lines(b, towns, day, "ISIS", "", near="near")
        opener = "Yesterday" if day == end and rng.random() < 0.5 else f"On {ap_day(day)}"
        day_paragraphs.append(
            f"{opener}, "
            + " ".join(
                line[0].lower() + line[1:] if i == 0 else line[0].upper() + line[1:] for i, line in enumerate(lines)
            )
        )
    total = sum(m["value"] for m in b.metrics if m["name"] == "strikes")
    engagements = total + rng.randint(0, 12)
    week = {
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "qualifier": "exact",
        "is_cumulative": False,
    }
    range_text = f"{ap_day(start)}-{end.day}" if start.month == end.month else f"{ap_day(start)} - {ap_day(end)}"
    paragraphs = [
        f"SOUTHWEST ASIA — Between {range_text}, Coalition military forces conducted {total} strikes "
        f"consisting of {engagements} engagements in Syria and Iraq."
    ]
    b.metrics[:0] = [
        {"name": "strikes", "value": total, "location": "Syria and Iraq", "action": "conduct", **week},
        {"name": "engagements", "value": engagements, "location": "Syria and Iraq", **week},
    ]
    paragraphs += day_paragraphs
    quiet = [start + timedelta(days=o) for o in range(7) if o not in days]
    if quiet and rng.random() < 0.7:
        day = rng.choice(quiet)
        country = rng.choice(("Syria", "Iraq"))
        paragraphs.append(f"There were no reported strikes in {country} on {ap_day(day)}.")
        b.metric(
            "strikes",
            0,
            location=country,
            period_start=day.isoformat(),
            period_end=day.isoformat(),
            qualifier="exact",
            is_cumulative=False,
        )
    paragraphs.append(DEFINITION)
    title = f"Coalition strikes continue against ISIS in Syria and Iraq, {ap_day(start)}-{ap_day(end)}"
    header = _chrome(rng, "Press Release", published, title, "By CJTF - Operation Inherent Resolve News Release")
    gold = {
        "title": title,
        "published_date": published.isoformat(),
        "dateline": "SOUTHWEST ASIA",
        "publisher": CJTF,
        "kind": "strike_report",
        "quotes": [],
        "metrics": b.metrics,
        "entities": b.present_entities(paragraphs),
        "optional_entities": OPTIONAL,
    }
    return Document("strike_report", header, paragraphs, list(rng.choice(TRAILERS)), gold, title, published)


def _person(rng: random.Random, taken: set[str]) -> tuple[str, str, str, str]:
    """(rank, first, last, spoken rank) with a surname not used yet in this document."""
    while True:
        last = rng.choice(LAST)
        if last not in taken:
            taken.add(last)
            rank, spoken = rng.choice(RANKS)
            return rank, rng.choice(FIRST), last, spoken


def _news_quote(b: Builder, rng: random.Random, speaker: tuple, role: str | None, first_time: bool) -> list[str]:
    """The paragraphs of one quotation by speaker: introduced in full the first time, by surname later."""
    rank, first, last, _ = speaker
    full = f"{rank} {first} {last}"
    b.entity({"name": f"{first} {last}", "type": "person"})
    verb = rng.choice(SAID)
    q1, q2 = b.quote_text(), b.quote_text()
    style = rng.random()
    if first_time:
        role = role if rng.random() < 0.7 else None
        b.quote(q1, full, role=role)
        b.quote(q2, full)
        paragraphs = [f"{b.marks(q1 + ',')} {verb} {full}{', ' + role if role else ''}. {b.marks(q2 + '.')}"]
    elif style < 0.5:
        b.quote(q1, full)
        paragraphs = [f"{rank} {last} {verb}, {b.marks(q1 + '.')}"]
    else:
        b.quote(q1, full)
        b.quote(q2, full)
        paragraphs = [f"{b.marks(q1 + ',')} {last} {verb}. {b.marks(q2 + '.')}"]
    if rng.random() < 0.3:  # a paragraph that is entirely a quote continues the same speaker's words
        q3 = b.quote_text()
        paragraphs.append(b.marks(q3 + "."))
        b.quote(q3, full)
    if rng.random() < 0.4:
        paragraphs.append(b.filler())
    return paragraphs


def _news_quotes(b: Builder, rng: random.Random, speakers: list[tuple], roles: list[str]) -> list[str]:
    """Two to five quotations, each by one of the speakers."""
    introduced: set[int] = set()
    paragraphs: list[str] = []
    for _ in range(rng.randint(2, 5)):
        who = rng.randrange(len(speakers))
        paragraphs += _news_quote(b, rng, speakers[who], roles[who], who not in introduced)
        introduced.add(who)
    return paragraphs


def news(rng: random.Random) -> Document:
    b = Builder(rng, curly=rng.random() < 0.7)
    published = _random_date(rng, date(2014, 9, 1), date(2023, 6, 30))
    place, dateline = rng.choice(
        (
            ("BAGHDAD, Iraq", "BAGHDAD, Iraq"),
            ("MIDDLE EAST", "MIDDLE EAST"),
            ("Erbil, Kurdistan Region, Iraq", "Erbil, Kurdistan Region, Iraq"),
            ("SOUTHWEST ASIA", "SOUTHWEST ASIA"),
        )
    )
    dash = rng.choice(("—", "–", "-", "--"))
    org_text, org = rng.choice(ORGS)
    town = rng.choice(IRAQ_TOWNS + SYRIA_TOWNS)
    country = "Iraq" if town in IRAQ_TOWNS else "Syria"
    b.entity(org)
    b.entity({"name": town, "type": "location"})
    b.entity({"name": country, "type": "location"})
    if "Iraq" in place:
        b.entity({"name": "Iraq", "type": "location"})
    paragraphs = [
        f"{place} {dash} Members of the {org_text} and coalition advisers met near {town}, {country}, "
        f"on {ap_day(published - timedelta(days=rng.randint(1, 5)))}. {b.filler()}"
    ]
    taken: set[str] = set()
    speakers = [_person(rng, taken) for _ in range(rng.randint(1, 2))]
    paragraphs += _news_quotes(b, rng, speakers, rng.sample(ROLES, 2))
    if rng.random() < 0.5:
        q, who = b.quote_text(), rng.choice(ANONYMOUS)
        paragraphs.append(f"{b.marks(q + ',')} said {who}.")
        b.quote(q, who, anonymous=True)
    for figure in rng.sample(range(5), rng.randint(0, 3)):
        paragraphs.append(_news_figure(b, figure, published))
    for _ in range(rng.randint(1, 4)):
        paragraphs.insert(rng.randint(1, len(paragraphs)), b.filler())
    title = f"{rng.choice(TOPICS)} in {town}"
    cjtf = rng.random() < 0.8
    byline = "By CJTF - Operation Inherent Resolve News Release" if cjtf else None
    header = _chrome(rng, rng.choice(("News", "NEWS", "Feature", "News Release")), published, title, byline)
    gold = {
        "title": title,
        "published_date": published.isoformat(),
        "dateline": dateline,
        "kind": "news",
        "quotes": b.quotes,
        "metrics": b.metrics,
        "entities": b.present_entities(paragraphs),
        "optional_entities": OPTIONAL,
    }
    if cjtf:
        gold["publisher"] = CJTF
    return Document("news", header, paragraphs, list(rng.choice(TRAILERS)), gold, title, published)


def _news_figure(b: Builder, which: int, published: date) -> str:
    r = b.rng
    if which == 0:
        n = r.randrange(2000, 30000, 100)
        b.metric(
            "airstrikes",
            n,
            qualifier="over",
            location="Iraq and Syria",
            is_cumulative=True,
            period_start=None,
            period_end=None,
        )
        b.entity({"name": "Iraq", "type": "location"})
        b.entity({"name": "Syria", "type": "location"})
        return f"Coalition forces have conducted more than {n:,} airstrikes in Iraq and Syria since the beginning of the campaign."
    if which == 1:
        n = r.randrange(5000, 90000, 500)
        b.metric("soldiers", n, qualifier="over", is_cumulative=True, action="train")
        return f"More than {n:,} Iraqi soldiers have been trained to date."
    if which == 2:
        n = r.randint(12, 40)
        b.metric("nations", n, qualifier="approximately", is_cumulative=False)
        return f"Military leaders from approximately {n} nations attended the conference."
    if which == 3:
        n = r.randrange(500, 5000, 100)
        b.entity(GOI)
        b.metric("anti_tank_rockets", n, qualifier="exact", action="provide")
        return f"The Coalition expects to provide {n:,} additional anti-tank rockets to the Government of Iraq."
    n = r.randint(60, 85)
    b.metric("coalition_members", n, qualifier="exact")
    return f"The {n}-member coalition remains united in its resolve."


def briefing(rng: random.Random) -> Document:
    b = Builder(rng)
    published = _random_date(rng, date(2015, 1, 1), date(2020, 12, 31))
    taken: set[str] = set()
    rank, first, last, spoken = _person(rng, taken)
    m_rank, m_first, m_last, m_spoken = _person(rng, taken)
    b.entity({"name": f"{first} {last}", "type": "person"})
    b.entity({"name": f"{m_first} {m_last}", "type": "person"})
    paragraphs = []
    opening = f"Good morning, everyone, and thank you for joining us. {b.filler()}"
    paragraphs.append(f"{m_spoken} {m_first.upper()} {m_last.upper()}: {opening}")
    b.quote(opening, f"{m_rank} {m_first} {m_last}")
    label, short = f"{spoken} {first.upper()} {last.upper()}", f"{rank.upper()} {last.upper()}"
    for turn in range(rng.randint(4, 9)):
        answer = ". ".join(b.sentence() for _ in range(rng.randint(2, 4))) + "."
        paragraphs.append(f"{label if turn == 0 else short}: {answer}")
        b.quote(answer, f"{rank} {first} {last}")
        if rng.random() < 0.5:
            paragraphs.append(b.filler())  # the same turn runs on into another paragraph
        paragraphs.append(
            rng.choice(
                (
                    "Q: Thank you. Can you say more about how the training is going?",
                    "Q: What is the situation near the river now?",
                    "STAFF: (Off mic.)",
                    "Q: Is the coalition changing its approach?",
                )
            )
        )
        if rng.random() < 0.2:
            paragraphs.append("(Laughter.)")
    title = f"Department of Defense Press Briefing by {rank} {first} {last} via Teleconference"
    dated = rng.random() < 0.8
    header = _chrome(rng, "Transcript", published, title, None) if dated else ["", title, ""]
    gold = {
        "title": title,
        "published_date": published.isoformat() if dated else None,
        "kind": "briefing",
        "quotes": b.quotes,
        "metrics": [],
        "entities": b.present_entities(paragraphs),
        "optional_entities": OPTIONAL,
    }
    return Document("briefing", header, paragraphs, [], gold, title, published if dated else None)


def statement(rng: random.Random) -> Document:
    b = Builder(rng)
    published = _random_date(rng, date(2015, 1, 1), date(2023, 6, 30))
    town = rng.choice(IRAQ_TOWNS + SYRIA_TOWNS)
    country = "Iraq" if town in IRAQ_TOWNS else "Syria"
    b.entity({"name": town, "type": "location"})
    b.entity({"name": country, "type": "location"})
    b.entity(ISIS)
    b.entity(CENTCOM_ENTITY)
    enemy = _enemy(published.year, rng)
    paragraphs = [
        f"TAMPA, Fla. — U.S. Central Command condemns the attack by {enemy} near {town}, {country}. {b.filler()}",
        b.filler(),
        "U.S. Central Command stands with its partners and will continue to support them.",
    ]
    title = f"Statement on the attack near {town}"
    header = _chrome(rng, "Statement", published, title, None) + ["U.S. Central Command", "FOR IMMEDIATE RELEASE", ""]
    gold = {
        "title": title,
        "published_date": published.isoformat(),
        "dateline": "TAMPA, Fla.",
        "publisher": CENTCOM,
        "kind": "statement",
        "quotes": [],
        "metrics": [],
        "entities": b.present_entities(paragraphs),
        "optional_entities": OPTIONAL,
    }
    return Document("statement", header, paragraphs, list(rng.choice(TRAILERS)), gold, title, published)


SHAPES = ((daily_strike_report, 0.30), (weekly_strike_report, 0.10), (news, 0.42), (briefing, 0.09), (statement, 0.09))


def document(seed: int, index: int) -> Document:
    rng = random.Random(f"{seed}:{index}")
    pick, acc = rng.random(), 0.0
    for make, share in SHAPES:
        acc += share
        if pick < acc:
            return make(rng)
    return SHAPES[-1][0](rng)


# -------------------------------------------------------------------------------------------------- files
@dataclass
class RawFile:
    path: str  # relative to the raw folder
    data: bytes
    gold: list[dict]  # one object per document in the file ("file" included)


def _encode(text: str, rng: random.Random) -> bytes:
    if rng.random() < 0.15:
        text = text.replace("\n", "\r\n")
    pick = rng.random()
    if pick < 0.10:
        return text.encode("cp1252", errors="replace")
    if pick < 0.17:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def _html(doc: Document) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in doc.paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(doc.title or '')} &gt; Operation Inherent Resolve &gt; News</title>"
        f"<script>window.dataLayer = [];</script></head><body><nav><a href='/'>Home</a> <a href='/News'>News</a></nav>"
        f"<main><article><h1>{html.escape(doc.title or '')}</h1>"
        f"<p class='date'>{ap_date(doc.published) if doc.published else ''}</p>\n{body}</article></main>"
        f"<footer>Share Print Email. Official website of the task force.</footer></body></html>\n"
    )


def _bad_file(index: int, rng: random.Random) -> RawFile:
    which = index % 3
    path = f"bad/{index:06d}.txt"
    if which == 0:
        return RawFile(path, b"", [{"file": path, "rejected": True}])
    if which == 1:
        return RawFile(
            path,
            bytes(rng.randrange(256) for _ in range(2048)).replace(b"\x00", b"") + b"\x00\x00PNG",
            [{"file": path, "rejected": True}],
        )
    chrome = "\n".join(BANNERS[0] + ["", "Related Links", "Share Print Email"]) + "\n"
    return RawFile(path, chrome.encode(), [{"file": path, "rejected": True}])


def _rechrome(doc: Document) -> Document:
    """The same article as another site saved it: breadcrumbs and an archive notice instead of the banner."""
    labels = [i for i, line in enumerate(doc.header) if " | " in line]
    kept = doc.header[labels[0] :] if labels else doc.header
    header = ["HOME : NEWSROOM : PRESS RELEASES", "This page is provided for historical purposes only.", ""] + kept
    return Document(
        doc.kind, header, doc.paragraphs, ["Share Print Email", "Related Links"], doc.gold, doc.title, doc.published
    )


def generate(n: int, seed: int = 0, start: int = 0) -> Iterator[RawFile]:
    """Files for documents start..start+n-1; a few are copies, bad files or lines of a JSON Lines export."""
    export: list[tuple[int, Document]] = []
    previous: tuple[RawFile, Document] | None = None
    for index in range(start, start + n):
        rng = random.Random(f"{seed}:{index}:file")
        fate = rng.random()
        folder = f"{index // 1000:03d}"
        if fate < 0.01:
            yield _bad_file(index, rng)
            continue
        if fate < 0.04 and previous is not None:
            last_file, last_doc = previous
            if fate < 0.025:  # byte-identical: stored once, under the path seen first
                path = f"{folder}/{index:06d}_copy.txt"
                yield RawFile(path, last_file.data, [{**last_file.gold[0], "file": path}])
                continue
            doc = _rechrome(last_doc)
        else:
            doc = document(seed, index)
        if 0.04 <= fate < 0.07:
            export.append((index, doc))
            if len(export) == 5:
                yield _export(export, seed)
                export = []
            continue
        as_html = 0.07 <= fate < 0.12
        path = f"{folder}/{index:06d}_{doc.kind}." + ("html" if as_html else "txt")
        gold = {"file": path, **doc.gold}
        if as_html:
            gold.pop("publisher", None)  # the saved page keeps the headline and date, not the byline
        item = RawFile(path, _encode(_html(doc) if as_html else doc.text(), rng), [gold])
        if not as_html:
            previous = (item, doc)
        yield item
    if export:
        yield _export(export, seed)


def _export(items: list[tuple[int, Document]], seed: int) -> RawFile:
    path = f"exports/export_{items[0][0]:06d}.jsonl"
    lines, gold = [], []
    for number, (index, doc) in enumerate(items, start=1):
        record = {
            "url": f"https://example.mil/News/Article/{seed}{index:07d}/",
            "title": doc.title,
            "date": doc.published.isoformat() if doc.published else None,
            "text": "\n\n".join(doc.paragraphs),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
        # An export carries the article text only: no byline nor issuer line, so the publisher is not scored.
        gold.append({"file": f"{path}#{number}", **{k: v for k, v in doc.gold.items() if k != "publisher"}})
    return RawFile(path, ("\n".join(lines) + "\n").encode("utf-8"), gold)


def write_corpus(out: Path, n: int, seed: int = 0, start: int = 0, gold_name: str = "gold.jsonl") -> dict:
    """Writes out/raw/** and out/<gold_name>; returns counts (files, documents, bytes, words)."""
    raw = Path(out) / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    stats = {"files": 0, "documents": 0, "bytes": 0}
    with (Path(out) / gold_name).open("w", encoding="utf-8") as gold:
        for item in generate(n, seed, start):
            path = raw / item.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item.data)
            for obj in item.gold:
                gold.write(json.dumps(obj, ensure_ascii=False) + "\n")
            stats["files"] += 1
            stats["documents"] += len(item.gold)
            stats["bytes"] += len(item.data)
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a made-up corpus of press releases with gold annotations.")
    parser.add_argument("out", type=Path, help="folder to write raw/ and gold.jsonl into")
    parser.add_argument("--n", type=int, default=1000, help="number of documents (up to 100,000 and beyond)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    stats = write_corpus(args.out, args.n, args.seed)
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
