-- Erasure (GDPR art. 17, PrivacyService): a newcomer's or buddy's request
-- to be forgotten, waiting out its cooling-off period (reason 1), or the
-- retention of a closed journey running out (reason 2, not called off).
-- The row goes when the request is called off or carried out.
CREATE TABLE erasure_requests (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  requested_at INTEGER NOT NULL,
  erase_at INTEGER NOT NULL,
  reason INTEGER NOT NULL DEFAULT 1 CHECK (reason IN (1, 2))
) STRICT;
CREATE INDEX erasure_requests_due ON erasure_requests(erase_at);

-- When the member's personal data was erased; the row stays (as
-- "erased newcomer") so the anonymous journey keeps its employer and every
-- KPI reads the same. An erased member cannot sign in.
ALTER TABLE users ADD COLUMN erased_at INTEGER;

-- journey_audit gains action 9, AUDIT_ACTION_ERASED (an erasure happened;
-- the entry names no one). SQLite changes a CHECK only by rebuilding the
-- table.
CREATE TABLE journey_audit_v9 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role INTEGER NOT NULL,
  actor_org_id TEXT NOT NULL DEFAULT '',
  action INTEGER NOT NULL CHECK (action BETWEEN 1 AND 9),
  detail TEXT NOT NULL DEFAULT '',
  at_micros INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO journey_audit_v9 (id, journey_id, at, actor_id, actor_role,
                              actor_org_id, action, detail, at_micros)
  SELECT id, journey_id, at, actor_id, actor_role, actor_org_id, action,
         detail, at_micros FROM journey_audit;
DROP TABLE journey_audit;
ALTER TABLE journey_audit_v9 RENAME TO journey_audit;
CREATE INDEX journey_audit_by_journey ON journey_audit(journey_id, at_micros, id);
