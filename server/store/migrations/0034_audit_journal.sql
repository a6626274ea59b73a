-- The audit entries of reads reach journey_audit through the audit journal
-- (<database>-audit, server/store/audit_journal.h), in batches: an entry's id
-- no longer follows the time it happened, so the log is ordered by the time
-- in microseconds (id breaks ties).
ALTER TABLE journey_audit ADD COLUMN at_micros INTEGER NOT NULL DEFAULT 0;
UPDATE journey_audit SET at_micros = at * 1000000;
DROP INDEX journey_audit_by_journey;
CREATE INDEX journey_audit_by_journey ON journey_audit(journey_id, at_micros, id);

-- How far the journal has been copied into journey_audit: the journal's
-- generation and the byte offset after the last record copied. One row.
CREATE TABLE audit_journal_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation TEXT NOT NULL,
  copied_bytes INTEGER NOT NULL
) STRICT;
