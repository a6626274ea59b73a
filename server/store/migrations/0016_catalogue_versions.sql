-- Versions of the regional step catalogue. The catalogue file shipped with
-- welkomd is recorded at start-up (source 'file'; the first one keeps the
-- file's own version number, so journeys planned before this table existed
-- still find theirs); every advisor edit adds a version (source 'edit').
-- The highest version is current. `body` is a serialized
-- welkom.v1.StepCatalogue whose `version` equals the row's.
CREATE TABLE catalogue_versions (
  version INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('file', 'edit')),
  file_version INTEGER NOT NULL,
  body BLOB NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;
