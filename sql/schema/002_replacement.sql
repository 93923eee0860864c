-- extra (issue 20): every path accounted for, and edits, renames and deletions of raw files replayed on releases.
-- Statements that only add: a warehouse made before them gains the columns on its next run.

-- Every document path now in raw/ (a file, or a member `feed.jsonl#3` of an export) and the bytes it holds:
-- what tells an edited file (its path holds other bytes) from a renamed one (its bytes moved to another path).
CREATE TABLE IF NOT EXISTS raw_paths (
    source_path    VARCHAR PRIMARY KEY,
    file_path      VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    size_bytes     BIGINT
);

-- The file name's exact bytes (hex) when they are not valid UTF-8; source_path then shows them as `\xff`.
ALTER TABLE raw_files ADD COLUMN IF NOT EXISTS name_hex VARCHAR;

-- The release that replaced this one: its file was edited (the same path now holds other text). Kept for provenance.
ALTER TABLE releases ADD COLUMN IF NOT EXISTS superseded_by VARCHAR;

-- Whether marts count this release: the earliest live release of its copy group (itself and the releases whose
-- duplicate_of names it, or the release it names), where live means not superseded and, unless
-- COMMUNIQUE_MARTS_INCLUDE_MISSING is set, its raw file still in raw/. NULL until a run replays raw/ (rows written
-- by hand): marts then count the originals, `coalesce(counted_in_marts, duplicate_of IS NULL)`.
ALTER TABLE releases ADD COLUMN IF NOT EXISTS counted_in_marts BOOLEAN;
