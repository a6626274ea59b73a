-- Every notification is a row in its recipient's inbox first; live delivery
-- (NotificationService.Watch) reads from here, resuming after the last id a
-- client saw. `dedupe_key` makes producers idempotent: a reminder or
-- escalation with the same key is stored once, never sent twice.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recipient_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title_en TEXT NOT NULL,
  title_nl TEXT NOT NULL,
  body_en TEXT NOT NULL DEFAULT '',
  body_nl TEXT NOT NULL DEFAULT '',
  -- What it is about, e.g. 'journey:<id>/step:<key>' or 'match:<id>'.
  subject TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  read_at INTEGER
) STRICT;
CREATE INDEX notifications_by_recipient ON notifications(recipient_id, id);
