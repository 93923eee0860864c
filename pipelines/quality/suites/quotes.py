"""quotes: keys, links to releases and speakers, offsets (blocking); length and duplicate spans (warnings)."""

from __future__ import annotations

from pipelines.quality.spec import Check, Suite, expect
from pipelines.quality.suites.common import offsets, primary_key, release_link

MIN_WORDS = 4  # the contract: a quote is a span of at least four words

integrity = Suite(
    name="quotes.integrity",
    sql="quotes_integrity.sql",
    key_columns=(
        "quote_id",
        "release_id",
        "speaker_entity_id",
        "char_start",
        "char_end",
        "body_length",
        "quote_text_head",
    ),
    expectations=(
        *primary_key("quote_id"),
        release_link(),
        expect(
            "column_values_to_be_in_set",
            "speaker_entity_id, when set, names a row of entities",
            column="speaker_entity_found",
            value_set=[True],
        ),
        *offsets("quote_text"),
    ),
)

profile = Suite(
    name="quotes.profile",
    sql="quotes_profile.sql",
    expectations=(
        expect(
            "column_values_to_be_between",
            f"a quote is at least {MIN_WORDS} words; shorter spans are titles or scare quotes",
            column="word_count",
            min_value=MIN_WORDS,
        ),
        expect(
            "column_values_to_be_in_set",
            "one span is one quote (duplicates flagged)",
            column="duplicate_span",
            value_set=[False],
        ),
    ),
)

CHECKS = (
    Check(
        name="quotes_integrity",
        asset="quotes",
        table="quotes",
        blocking=True,
        description="quote_id unique and set, every quote in an existing release, named speakers linked to existing "
        "entities, offsets inside the body and cutting out exactly `quote_text`.",
        suites=(integrity,),
    ),
    Check(
        name="quotes_plausibility",
        asset="quotes",
        table="quotes",
        blocking=False,
        description=f"Quotes of at least {MIN_WORDS} words; no span recorded twice.",
        suites=(profile,),
    ),
)
