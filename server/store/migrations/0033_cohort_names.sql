-- Newcomers who show their first name to their arrival cohort. No row (or
-- shown = 0) means the name stays hidden; cohort membership itself comes
-- from journeys.arrival_date.
CREATE TABLE cohort_name_shown (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  shown INTEGER NOT NULL CHECK (shown IN (0, 1)),
  updated_at INTEGER NOT NULL
) STRICT;
