-- Identity: municipalities of the region, organisations, members, sessions,
-- invitations, and the idempotency memory for retried mutations.
-- Times are Unix seconds (UTC). Ids are opaque strings made by welkomd.

CREATE TABLE municipalities (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL
) STRICT;

-- The 14 municipalities of Twente, with the coordinates of their seat.
INSERT INTO municipalities (key, name, latitude, longitude) VALUES
  ('almelo', 'Almelo', 52.3567, 6.6625),
  ('borne', 'Borne', 52.2997, 6.7528),
  ('dinkelland', 'Dinkelland', 52.3772, 7.0061),
  ('enschede', 'Enschede', 52.2215, 6.8937),
  ('haaksbergen', 'Haaksbergen', 52.1567, 6.7389),
  ('hellendoorn', 'Hellendoorn', 52.3622, 6.4647),
  ('hengelo', 'Hengelo', 52.2658, 6.7931),
  ('hof-van-twente', 'Hof van Twente', 52.2333, 6.5833),
  ('losser', 'Losser', 52.2608, 7.0042),
  ('oldenzaal', 'Oldenzaal', 52.3125, 6.9292),
  ('rijssen-holten', 'Rijssen-Holten', 52.3067, 6.5194),
  ('tubbergen', 'Tubbergen', 52.4075, 6.7847),
  ('twenterand', 'Twenterand', 52.4089, 6.6222),
  ('wierden', 'Wierden', 52.3592, 6.5931);

CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
  name TEXT NOT NULL,
  municipality TEXT REFERENCES municipalities(key),
  staff_count INTEGER NOT NULL DEFAULT 0 CHECK (staff_count >= 0),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 5),
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX users_by_org ON users(org_id, id);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Only the SHA-256 of an invitation code is stored. `payload` carries what
-- a later service needs at acceptance (e.g. a newcomer's profile).
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  code_hash BLOB NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 5),
  email TEXT NOT NULL COLLATE NOCASE,
  display_name TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_user_id TEXT REFERENCES users(id),
  payload BLOB
) STRICT;

-- A replayed mutation (same caller, method and request_id) answers with the
-- response stored here, inside the same transaction as the first attempt.
CREATE TABLE idempotency (
  principal_id TEXT NOT NULL,
  method TEXT NOT NULL,
  request_id TEXT NOT NULL,
  response BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (principal_id, method, request_id)
) STRICT, WITHOUT ROWID;
