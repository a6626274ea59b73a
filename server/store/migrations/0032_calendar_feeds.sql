-- One secret calendar address per member; only its SHA-256 is stored.
-- Renewing replaces the row, revoking deletes it.
CREATE TABLE calendar_feeds (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;
