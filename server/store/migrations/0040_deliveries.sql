-- The delivery outbox: what should leave Welkom (e-mail today; webhooks and
-- push later ride the same table). A row is written in the same
-- transaction as what it delivers (a notification, an invitation, a
-- digest), so a committed notification is never lost to a crash; the
-- delivery job sends due rows at least once, each attempt with the same
-- message_id, so a second copy after a crash is recognisable.
-- The rendered parts (subject, body, link) are kept only until the row is
-- sent or has failed: an invitation's link carries its code.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL CHECK (channel IN ('email')),
  recipient TEXT NOT NULL,           -- an e-mail address
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,  -- NULL: not a member yet
  org_id TEXT NOT NULL REFERENCES organizations(id),    -- who may see the row
  kind TEXT NOT NULL,                -- a notification kind, 'invitation', 'digest'
  message_id TEXT NOT NULL UNIQUE,   -- stable across attempts
  locale TEXT NOT NULL CHECK (locale IN ('en', 'nl')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,                -- plain text paragraphs, blank-line separated
  link TEXT NOT NULL DEFAULT '',     -- relative to the public base URL
  link_label TEXT NOT NULL DEFAULT '',
  unsubscribable INTEGER NOT NULL DEFAULT 0,
  notification_id INTEGER REFERENCES notifications(id) ON DELETE SET NULL,
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 3),  -- pending, sent, failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,   -- Unix milliseconds: backoff is finer than seconds
  last_error TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE INDEX deliveries_due ON deliveries(next_attempt_ms, id) WHERE status = 1;
CREATE INDEX deliveries_by_org ON deliveries(org_id, id);

-- Which channels this installation sends (welkomd writes it at start from
-- its flags): without a row for 'email', nothing is queued for e-mail.
CREATE TABLE delivery_channels (
  channel TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL
) STRICT;

-- The language mail is written in; the invitation's carries over to the
-- member it creates.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE invitations ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';

-- How far each console member's daily digest has read their inbox, and the
-- Amsterdam day (YYYY-MM-DD) of the last digest decided.
CREATE TABLE digest_cursors (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_notification_id INTEGER NOT NULL,
  last_day TEXT NOT NULL
) STRICT;
