-- The audit log of a journey: every read or change of it by someone other
-- than its newcomer (HR, advisors, Welkom itself), and the newcomer's own
-- consent changes. The newcomer lists it (JourneyService.ListAuditLog).
-- `actor_id` is a user id, or '' when Welkom itself acted. `action` is
-- welkom.v1.AuditAction; `detail` the step key or anchor concerned.
CREATE TABLE journey_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role INTEGER NOT NULL,
  actor_org_id TEXT NOT NULL DEFAULT '',
  action INTEGER NOT NULL CHECK (action BETWEEN 1 AND 8),
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX journey_audit_by_journey ON journey_audit(journey_id, id);
