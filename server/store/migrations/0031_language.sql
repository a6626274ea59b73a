-- Dutch language classes: providers, courses with sessions, enrolments with
-- a first-come waitlist, attendance per session.
CREATE TABLE language_providers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  municipality TEXT NOT NULL REFERENCES municipalities(key),
  website TEXT NOT NULL DEFAULT '',
  created_by_org_id TEXT NOT NULL REFERENCES organizations(id),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE courses (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES language_providers(id),
  title_en TEXT NOT NULL,
  title_nl TEXT NOT NULL,
  cefr_step INTEGER NOT NULL CHECK (cefr_step BETWEEN 1 AND 4),
  venue TEXT NOT NULL,
  municipality TEXT NOT NULL REFERENCES municipalities(key),
  seats INTEGER NOT NULL CHECK (seats >= 1),
  first_start_at INTEGER NOT NULL,
  last_end_at INTEGER NOT NULL,
  created_by_org_id TEXT NOT NULL REFERENCES organizations(id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX courses_by_end ON courses(last_end_at);

CREATE TABLE course_sessions (
  id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES courses(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL CHECK (end_at > start_at)
) STRICT;
CREATE INDEX course_sessions_by_course ON course_sessions(course_id, start_at);

-- `id` gives the arrival order, as for event RSVPs.
CREATE TABLE enrolments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  course_id TEXT NOT NULL REFERENCES courses(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- 1 enrolled, 2 waitlisted, 3 completed, 4 cancelled
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
  created_at INTEGER NOT NULL,
  completed_at INTEGER,
  UNIQUE (course_id, user_id)
) STRICT;
CREATE INDEX enrolments_by_status ON enrolments(course_id, status, id);
CREATE INDEX enrolments_by_user ON enrolments(user_id, status);

CREATE TABLE session_attendance (
  session_id TEXT NOT NULL REFERENCES course_sessions(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, user_id)
) STRICT, WITHOUT ROWID;
