"""Near-duplicate releases: syndicated and re-scraped copies linked to the earliest; daily reports kept apart."""

from __future__ import annotations

from pathlib import Path

from pipelines.extract.copies.dedup import find_duplicates
from pipelines.extract.reading.decode import decode_bytes
from pipelines.extract.release.parse import parse_release

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"

ARTICLE = (
    "BAGHDAD, Iraq — Coalition engineers and Iraqi army sappers reopened a floating bridge across the Tigris "
    "River south of Qayyarah this week, restoring the main supply route for farmers in the area.\n\n"
    "“The bridge carries more than grain trucks; it carries the confidence of every village on the east bank,” "
    "said Col. Harold Vance, the engineer brigade commander. “Our partners did the heavy lifting.”\n\n"
    "Iraqi engineers completed the final spans in nine days, two days ahead of the plan agreed in December. "
    "The bridge can carry trucks of up to 40 tons and will stay open through the flood season, officials said."
)


def _daily_report(day: int, total: int, engagements: int, syria: int, towns: tuple[str, str]) -> str:
    iraq = total - syria
    return (
        f"SOUTHWEST ASIA — On Apr. {day}, Coalition military forces conducted {total} strikes consisting of "
        f"{engagements} engagements against ISIS targets in Syria and Iraq.\n\n"
        f"In Syria, Coalition military forces conducted {syria} strikes consisting of {syria + 2} engagements "
        "against ISIS targets.\n\n"
        f"* Near {towns[0]}, {syria} strikes engaged two ISIS tactical units and destroyed a fighting position.\n\n"
        f"In Iraq, Coalition military forces conducted {iraq} strikes consisting of {engagements - syria - 2} "
        "engagements coordinated with and in support of the Government of Iraq against ISIS targets.\n\n"
        f"* Near {towns[1]}, {iraq} strikes engaged an ISIS tactical unit and destroyed a tunnel.\n\n"
        "Task force officials define a strike as one or more kinetic events that occur in roughly the same "
        "geographic location to produce a single, sometimes cumulative, effect. Therefore, officials explained, "
        "a single aircraft delivering a single weapon against a lone ISIS vehicle is one strike."
    )


def test_identical_bodies_link_to_the_first() -> None:
    assert find_duplicates([("a", ARTICLE), ("b", ARTICLE), ("c", ARTICLE)]) == {"b": "a", "c": "a"}


def test_lightly_edited_copy_links_to_the_existing_release() -> None:
    edited = ARTICLE.replace("this week", "on Tuesday").replace("officials said", "an official said")
    edited = edited.replace("BAGHDAD, Iraq —", "BAGHDAD —")
    assert find_duplicates([("copy", edited)], existing=[("orig", ARTICLE)]) == {"copy": "orig"}


def test_copy_links_to_the_earliest_even_through_a_later_copy() -> None:
    edited = ARTICLE.replace("this week", "on Tuesday")
    result = find_duplicates(
        [("second", edited), ("third", ARTICLE)], existing=[("first", ARTICLE), ("other", "Text.")]
    )
    assert result == {"second": "first", "third": "first"}


def test_same_release_id_twice_is_not_a_duplicate_of_itself() -> None:
    assert find_duplicates([("a", ARTICLE)], existing=[("a", ARTICLE)]) == {}


def test_daily_strike_reports_with_the_same_template_are_not_linked() -> None:
    monday = _daily_report(2, 14, 31, 9, ("Ar Raqqah", "Mosul"))
    tuesday = _daily_report(3, 12, 27, 7, ("Ar Raqqah", "Mosul"))
    same_counts_next_day = _daily_report(4, 14, 31, 9, ("Ar Raqqah", "Mosul"))
    assert find_duplicates([("mon", monday), ("tue", tuesday), ("wed", same_counts_next_day)]) == {}


def test_rescraped_strike_report_is_linked() -> None:
    report = _daily_report(2, 14, 31, 9, ("Ar Raqqah", "Mosul"))
    rescraped = report.replace("SOUTHWEST ASIA —", "SOUTHWEST ASIA, April 2, 2017 —")
    assert find_duplicates([("again", rescraped)], existing=[("first", report)]) == {"again": "first"}


def test_different_articles_are_not_linked() -> None:
    other = (
        "MIDDLE EAST – Military planners from 19 partner nations met this week to review the progress of the "
        "training mission for Iraqi Security Forces, and agreed to meet again in the spring."
    )
    assert find_duplicates([("a", ARTICLE), ("b", other)]) == {}


def test_fixture_syndicated_under_other_chrome_is_linked() -> None:
    bodies = []
    for name in ("news_banner_label.txt", "news_banner_label_syndicated.txt", "news_first_sentence_date.txt"):
        text, _ = decode_bytes((FIXTURES / name).read_bytes())
        bodies.append((name, parse_release(text, name).body))
    assert find_duplicates(bodies) == {"news_banner_label_syndicated.txt": "news_banner_label.txt"}


def test_copy_with_straight_quotes_is_linked() -> None:
    straight = ARTICLE.replace("“", '"').replace("”", '"').replace("’", "'")
    assert find_duplicates([("copy", straight)], existing=[("orig", ARTICLE)]) == {"copy": "orig"}


def test_copy_cut_off_by_the_scraper_is_linked_but_a_fragment_is_not() -> None:
    cut = ARTICLE[: int(len(ARTICLE) * 0.7)]
    fragment = ARTICLE[: int(len(ARTICLE) * 0.3)]
    assert find_duplicates([("cut", cut), ("fragment", fragment)], existing=[("orig", ARTICLE)]) == {"cut": "orig"}


def test_shorter_strike_report_of_another_day_is_not_linked_as_cut_off() -> None:
    full = _daily_report(2, 14, 31, 9, ("Ar Raqqah", "Mosul"))
    other_day_cut = _daily_report(3, 14, 31, 9, ("Ar Raqqah", "Mosul"))[: int(len(full) * 0.8)]
    assert find_duplicates([("cut", other_day_cut)], existing=[("full", full)]) == {}


def test_same_links_whatever_the_hash_seed() -> None:
    # Word ids depend on set order, which PYTHONHASHSEED changes; the shingle hashes and so the links must not.
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from tests.extract.test_dedup import ARTICLE, _daily_report\n"
        "from pipelines.extract.copies.dedup import find_duplicates\n"
        "bodies = [('orig', ARTICLE), ('cut', ARTICLE[: int(len(ARTICLE) * 0.7)])]\n"
        "bodies += [(f'r{d}', _daily_report(d, 10 + d, 20 + d, 5, ('Hajin', 'Qaim'))) for d in range(1, 8)]\n"
        "print(json.dumps(find_duplicates(bodies), sort_keys=True))\n"
    )
    root = Path(__file__).resolve().parents[2]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {'{"cut": "orig"}\n'}


def _bodies_with_copies() -> list[tuple[str, str]]:
    bodies = [("orig", ARTICLE), ("cut", ARTICLE[: int(len(ARTICLE) * 0.7)]), ("same", ARTICLE)]
    bodies += [(f"r{d}", _daily_report(d, 10 + d, 20 + d, 5, ("Hajin", "Qaim"))) for d in range(1, 8)]
    bodies += [("r3again", _daily_report(3, 13, 23, 5, ("Hajin", "Qaim"))), ("orig", ARTICLE)]
    return bodies


def test_verification_in_the_worker_pool_links_as_in_one_process(monkeypatch) -> None:
    from pipelines import parallel
    from pipelines.extract.copies.dedup import copy_keys, link_copies

    monkeypatch.setattr(parallel, "MIN_ITEMS_FOR_POOL", 1)  # the pool even for a handful of candidates
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    bodies = _bodies_with_copies()
    existing, new = bodies[:2], bodies[2:]
    keys = [key for batch in parallel.map_batches(copy_keys, [body for _, body in bodies]) for key in batch]
    pooled = link_copies(
        [(rid, body, key) for (rid, body), key in zip(new, keys[2:], strict=True)],
        [(rid, body, key) for (rid, body), key in zip(existing, keys[:2], strict=True)],
        map_items=parallel.map_chunks,
    )

    assert pooled == find_duplicates(new, existing=existing)
    assert pooled == {"same": "orig", "r3again": "r3"}


def test_copy_keys_are_the_same_in_every_process() -> None:
    from pipelines import parallel
    from pipelines.extract.copies.dedup import copy_keys

    bodies = [body for _, body in _bodies_with_copies()]
    here = copy_keys(bodies)
    # Computed in chunks (one vocabulary each) by a worker, as parse_chunk does.
    there = [key for batch in parallel._get_pool().map(copy_keys, [bodies[:4], bodies[4:]]) for key in batch]
    assert [(k.digest, k.signature.tolist(), k.opening) for k in here] == [
        (k.digest, k.signature.tolist(), k.opening) for k in there
    ]


def test_sketch_values_never_change() -> None:
    # Stored in release_sketches and joined with the sketches of later runs: a change would hide copies.
    from pipelines.extract.copies.sketch import sketch

    assert sketch("On Apr. 2 — the “bridge” ... opened.") == [
        1176327445464113979,
        3398028400321792545,
        2524491474292296789,
        5335412014278064532,
    ]
    assert sketch(ARTICLE)[:3] == [2321032025279167101, 517835168916348260, 931460673886489049]
    assert sketch(ARTICLE)[-1] == 5735698456648274688


def test_the_one_pass_gives_each_release_its_copy_keys() -> None:
    from pipelines.assets.rows import DocumentForParsing, parse_chunk
    from pipelines.extract.copies.dedup import copy_keys

    texts = [
        "Bridge reopened on the Tigris\n\nMarch 3, 2017\n\n" + ARTICLE,
        "",  # rejected: no key for it
        "Strike report\n\nApril 3, 2017\n\n" + _daily_report(2, 14, 31, 9, ("Ar Raqqah", "Mosul")),
    ]
    chunk = parse_chunk([DocumentForParsing(f"{i:064x}", f"{i}.txt", len(t), t) for i, t in enumerate(texts)])

    bodies = chunk.releases.column("body").to_pylist()
    assert len(bodies) == 2 and [index for index, _ in chunk.rejections] == [1]
    assert [k.digest for k in chunk.copy_keys] == [k.digest for k in copy_keys(bodies)]
