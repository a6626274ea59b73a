-- Journeys: one per newcomer, planned from the regional step catalogue (and
-- the employer's template) and the newcomer's profile. Dates are calendar
-- dates in Europe/Amsterdam as 'YYYY-MM-DD' (they sort as text); NULL means
-- not known yet. Times are Unix seconds (UTC).
CREATE TABLE journeys (
  id TEXT PRIMARY KEY,
  newcomer_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  employer_org_id TEXT NOT NULL REFERENCES organizations(id),
  municipality TEXT REFERENCES municipalities(key),
  -- welkom.v1.NewcomerProfile, serialized; never holds identity numbers.
  profile BLOB NOT NULL,
  arrival_date TEXT,
  start_date TEXT,
  brp_date TEXT,
  permit_date TEXT,
  -- The newcomer lets the Expat Center see this journey.
  advisor_consent INTEGER NOT NULL DEFAULT 0 CHECK (advisor_consent IN (0, 1)),
  -- A check-in scored 6 or lower.
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  catalogue_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  closed_at INTEGER
) STRICT;
CREATE INDEX journeys_by_employer ON journeys(employer_org_id, id);

-- The steps of a journey. The definition (titles, help, dependencies, legal
-- basis) comes from the catalogue or template by `step_key`; the row holds
-- what is specific to this newcomer. `status` is welkom.v1.StepStatus.
CREATE TABLE journey_steps (
  journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  step_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  owner INTEGER NOT NULL,
  anchor INTEGER NOT NULL,
  offset_days INTEGER NOT NULL,
  due_date TEXT,
  status INTEGER NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 5),
  blocked_reason TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  done_at INTEGER,
  PRIMARY KEY (journey_id, step_key)
) STRICT, WITHOUT ROWID;
-- Open steps by due date, for overdue lists and reminders.
CREATE INDEX journey_steps_open_by_due ON journey_steps(due_date, journey_id)
  WHERE status IN (1, 2, 4) AND due_date IS NOT NULL;
