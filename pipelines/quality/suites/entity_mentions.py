"""entity_mentions: keys, release link, entity type and offsets (blocking). The link to entities is checked on
`entities`, which is rebuilt from the mentions after them."""

from __future__ import annotations

from pipelines.extract.records import ENTITY_TYPES
from pipelines.quality.spec import Check, Suite, expect
from pipelines.quality.suites.common import offsets, primary_key, release_link

integrity = Suite(
    name="entity_mentions.integrity",
    sql="entity_mentions_integrity.sql",
    key_columns=(
        "mention_id",
        "release_id",
        "entity_id",
        "entity_type",
        "text",
        "char_start",
        "char_end",
        "body_length",
    ),
    expectations=(
        *primary_key("mention_id"),
        release_link(),
        expect("column_values_to_not_be_null", "every mention resolves to an entity id", column="entity_id"),
        expect(
            "column_values_to_be_in_set",
            f"entity type is one of {', '.join(ENTITY_TYPES)}",
            column="entity_type",
            value_set=list(ENTITY_TYPES),
        ),
        *offsets("text"),
    ),
)

CHECKS = (
    Check(
        name="entity_mentions_integrity",
        asset="entity_mentions",
        table="entity_mentions",
        blocking=True,
        description="mention_id unique and set, every mention in an existing release, entity type within its set, "
        "offsets inside the body and cutting out exactly `text`.",
        suites=(integrity,),
    ),
)
