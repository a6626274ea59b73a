-- The buddy programme: buddy profiles, newcomer preferences and matches.
-- Lists (languages, interests) are stored as comma-separated lower-case
-- values; dates as 'YYYY-MM-DD' (Europe/Amsterdam).

CREATE TABLE buddy_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  languages TEXT NOT NULL DEFAULT '',
  interests TEXT NOT NULL DEFAULT '',
  municipality TEXT REFERENCES municipalities(key),
  profession_field TEXT NOT NULL DEFAULT '',
  household INTEGER NOT NULL DEFAULT 0 CHECK (household BETWEEN 0 AND 3),
  capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 5),
  available_from TEXT,
  available_until TEXT,
  paused INTEGER NOT NULL DEFAULT 0,
  employer_id TEXT REFERENCES organizations(id),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE newcomer_preferences (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  languages TEXT NOT NULL DEFAULT '',
  interests TEXT NOT NULL DEFAULT '',
  municipality TEXT REFERENCES municipalities(key),
  profession_field TEXT NOT NULL DEFAULT '',
  household INTEGER NOT NULL DEFAULT 0 CHECK (household BETWEEN 0 AND 3),
  prefer_same_profession INTEGER NOT NULL DEFAULT 0,
  prefer_family INTEGER NOT NULL DEFAULT 0,
  allow_colleague INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL
) STRICT;

-- state: welkom.v1.MatchState (1 proposed, 2 accepted, 3 declined,
-- 4 expired, 5 ended). Declined, expired and ended matches keep the pair
-- from being proposed again.
CREATE TABLE buddy_matches (
  id TEXT PRIMARY KEY,
  newcomer_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  buddy_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 5),
  score_languages INTEGER NOT NULL,
  score_interests INTEGER NOT NULL,
  score_distance INTEGER NOT NULL,
  score_profession INTEGER NOT NULL,
  score_household INTEGER NOT NULL,
  overridden INTEGER NOT NULL DEFAULT 0,
  created_by TEXT,  -- the advisor, or NULL for the daily job
  proposed_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER
) STRICT;
CREATE INDEX buddy_matches_by_newcomer ON buddy_matches(newcomer_id);
CREATE INDEX buddy_matches_by_buddy ON buddy_matches(buddy_id, id);
CREATE INDEX buddy_matches_due ON buddy_matches(state, expires_at);
-- At most one open (proposed or accepted) match per newcomer.
CREATE UNIQUE INDEX buddy_matches_one_open ON buddy_matches(newcomer_id)
  WHERE state IN (1, 2);
