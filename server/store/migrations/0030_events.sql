-- Social events, RSVPs with a first-come waitlist, and cohort name sharing.
-- Times are Unix seconds (UTC).
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  organizer_org_id TEXT NOT NULL REFERENCES organizations(id),
  created_by TEXT NOT NULL REFERENCES users(id),
  title_en TEXT NOT NULL,
  title_nl TEXT NOT NULL,
  description_en TEXT NOT NULL DEFAULT '',
  description_nl TEXT NOT NULL DEFAULT '',
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL CHECK (end_at > start_at),
  venue TEXT NOT NULL,
  municipality TEXT NOT NULL REFERENCES municipalities(key),
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  -- Lower-case tags joined by ',' with a leading and trailing ',' so that
  -- a tag is matched with LIKE '%,tag,%'.
  tags TEXT NOT NULL DEFAULT ',',
  audience INTEGER NOT NULL CHECK (audience BETWEEN 1 AND 3),
  audience_cohort TEXT NOT NULL DEFAULT '',
  audience_org_id TEXT REFERENCES organizations(id),
  cancelled_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX events_by_start ON events(start_at, id);

-- One row per (event, member). `id` gives the arrival order: the waitlist is
-- served lowest id first. A member who cancels and comes back gets a new row
-- at the back of the line.
CREATE TABLE event_rsvps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL REFERENCES events(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 3),
  attended INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (event_id, user_id)
) STRICT;
CREATE INDEX event_rsvps_by_status ON event_rsvps(event_id, status, id);
CREATE INDEX event_rsvps_by_user ON event_rsvps(user_id, status);

-- Newcomers who opted in to show their first name to their arrival cohort.
-- No row means not shared.
CREATE TABLE cohort_sharing (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  share_name INTEGER NOT NULL CHECK (share_name IN (0, 1)),
  updated_at INTEGER NOT NULL
) STRICT;
