-- Check-ins: the newcomer's answer to "how are you settling in?" at day 30,
-- 60 and 90 of the journey, once each. A score of 6 or lower in the latest
-- one sets journeys.flagged.
CREATE TABLE journey_check_ins (
  journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  day INTEGER NOT NULL CHECK (day IN (30, 60, 90)),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment TEXT NOT NULL DEFAULT '',
  submitted_at INTEGER NOT NULL,
  PRIMARY KEY (journey_id, day)
) STRICT, WITHOUT ROWID;
