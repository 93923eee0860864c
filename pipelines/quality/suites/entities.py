"""entities: keys, type and the mentions' links to them (blocking); counts and dates (warnings)."""

from __future__ import annotations

from pipelines.extract.records import ENTITY_TYPES
from pipelines.quality.spec import Check, Suite, expect, no_rows
from pipelines.quality.suites.common import primary_key

keys = Suite(
    name="entities.keys",
    sql="entities_keys.sql",
    expectations=(
        *primary_key("entity_id"),
        expect("column_values_to_not_be_null", "every entity has a canonical name", column="name"),
        expect(
            "column_values_to_be_in_set",
            f"type is one of {', '.join(ENTITY_TYPES)}",
            column="type",
            value_set=list(ENTITY_TYPES),
        ),
    ),
)

dangling_mentions = Suite(
    name="entity_mentions.entity_link",
    sql="mentions_dangling_entity.sql",
    expectations=(no_rows("every entity_mentions.entity_id names a row of entities (lists the mentions that do not)"),),
)

profile = Suite(
    name="entities.profile",
    sql="entities_profile.sql",
    expectations=(
        expect(
            "column_values_to_be_between",
            "an entity exists because it was mentioned at least once",
            column="mention_count",
            min_value=1,
        ),
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "an entity is mentioned at least once per release it appears in",
            column_A="mention_count",
            column_B="release_count",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        expect(
            "column_pair_values_a_to_be_greater_than_b",
            "last seen on or after first seen",
            column_A="last_seen",
            column_B="first_seen",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        expect(
            "column_values_to_be_in_set", "only persons carry a rank", column="rank_on_non_person", value_set=[False]
        ),
    ),
)

CHECKS = (
    Check(
        name="entities_integrity",
        asset="entities",
        table="entities",
        blocking=True,
        description="entity_id unique and set, type within its set, and every mention's entity_id found here.",
        suites=(keys, dangling_mentions),
    ),
    Check(
        name="entities_plausibility",
        asset="entities",
        table="entities",
        blocking=False,
        description="Mention and release counts consistent, first seen before last seen, ranks only on persons.",
        suites=(profile,),
    ),
)
