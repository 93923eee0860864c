-- The warehouse contract (../shared/docs/warehouse-contract.md). Columns beyond the contract are
-- marked "extra"; contract columns are never renamed, retyped or dropped without a migration.

CREATE TABLE IF NOT EXISTS raw_documents (
    content_sha256 VARCHAR PRIMARY KEY,
    source_path    VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    encoding       VARCHAR,
    text           VARCHAR,
    first_seen_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS rejected_files (
    source_path    VARCHAR NOT NULL,
    content_sha256 VARCHAR,
    size_bytes     BIGINT,
    reason         VARCHAR NOT NULL,
    seen_at        TIMESTAMP NOT NULL,
    extractor_version VARCHAR  -- extra: set when the release parser (not the file reader) rejected it
);

CREATE TABLE IF NOT EXISTS releases (
    release_id        VARCHAR PRIMARY KEY,
    content_sha256    VARCHAR NOT NULL,
    source_path       VARCHAR,
    url               VARCHAR,
    title             VARCHAR,
    published_date    DATE,
    dateline          VARCHAR,
    publisher         VARCHAR,
    release_number    VARCHAR,
    kind              VARCHAR NOT NULL,
    body              VARCHAR NOT NULL,
    word_count        INTEGER NOT NULL,
    duplicate_of      VARCHAR,
    extractor_version VARCHAR NOT NULL,
    ingested_at       TIMESTAMP NOT NULL,
    source_missing    BOOLEAN NOT NULL DEFAULT FALSE, -- extra: the raw file is no longer in raw/
    kind_reason       VARCHAR  -- extra: why the release got its kind ("62% of sentences report strike counts")
);
-- Warehouses created before kind_reason existed get the column (NULL until their releases are re-extracted).
ALTER TABLE releases ADD COLUMN IF NOT EXISTS kind_reason VARCHAR;

CREATE TABLE IF NOT EXISTS quotes (
    quote_id          VARCHAR PRIMARY KEY,
    release_id        VARCHAR NOT NULL,
    quote_text        VARCHAR NOT NULL,
    speaker           VARCHAR,
    speaker_role      VARCHAR,
    speaker_entity_id VARCHAR,
    is_anonymous      BOOLEAN NOT NULL,
    char_start        INTEGER,
    char_end          INTEGER
);

CREATE TABLE IF NOT EXISTS metrics (
    metric_id     VARCHAR PRIMARY KEY,
    release_id    VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    value         DOUBLE NOT NULL,
    qualifier     VARCHAR NOT NULL,
    action        VARCHAR,
    location      VARCHAR,
    period_start  DATE,
    period_end    DATE,
    is_cumulative BOOLEAN NOT NULL,
    text          VARCHAR NOT NULL,
    char_start    INTEGER,
    char_end      INTEGER
);

CREATE TABLE IF NOT EXISTS entities (
    entity_id     VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    type          VARCHAR NOT NULL,
    aliases       VARCHAR[],
    rank          VARCHAR,
    mention_count INTEGER,
    release_count INTEGER,
    first_seen    DATE,
    last_seen     DATE,
    latitude      DOUBLE,  -- extra: places, from the offline gazetteer
    longitude     DOUBLE   -- extra
);

CREATE TABLE IF NOT EXISTS entity_mentions (
    mention_id  VARCHAR PRIMARY KEY,
    release_id  VARCHAR NOT NULL,
    entity_id   VARCHAR NOT NULL,
    text        VARCHAR,
    char_start  INTEGER,
    char_end    INTEGER,
    entity_name VARCHAR,  -- extra: canonical name, type, rank and coordinates as this mention resolved them;
    entity_type VARCHAR,  --        the entities table is aggregated from these
    rank        VARCHAR,
    latitude    DOUBLE,
    longitude   DOUBLE
);

-- extra: how far each raw file has been read, so unchanged files (path, size, mtime) are not read again.
CREATE TABLE IF NOT EXISTS raw_files (
    source_path    VARCHAR PRIMARY KEY,
    size_bytes     BIGINT NOT NULL,
    mtime_ns       BIGINT NOT NULL,
    content_sha256 VARCHAR,
    last_seen_at   TIMESTAMP NOT NULL
);

-- extra: one row per pipeline run that published this warehouse, with what each asset reported.
CREATE TABLE IF NOT EXISTS runs (
    run_id       VARCHAR NOT NULL,
    published_at TIMESTAMP NOT NULL,
    summary      JSON
);

-- extra: which releases each extraction stage has processed, and from which release row (fingerprint),
-- so quotes/metrics/mentions are re-extracted only for new or re-extracted releases.
CREATE TABLE IF NOT EXISTS extraction_state (
    stage       VARCHAR NOT NULL,
    release_id  VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL,
    PRIMARY KEY (stage, release_id)
);

-- extra: each release's bottom-k content sketch (pipelines/extract/sketch.py), so duplicate detection compares a
-- new release only with the few earlier ones that share its sketch.
CREATE TABLE IF NOT EXISTS release_sketches (
    release_id VARCHAR NOT NULL,
    hash       BIGINT NOT NULL,
    is_digest  BOOLEAN NOT NULL  -- the hash of the whole body rather than a positional minimum
);
