-- When the reminder job (server/jobs/reminder_job.h) should look at a
-- journey next, in Unix seconds; 0 means at its next pass. The job sets it to
-- the start of the first day a new notice may become owed. Any change of a
-- step, an anchor date or the consent resets it (triggers below), so a step
-- that becomes actionable is noticed at once, whoever changed it.
ALTER TABLE journeys ADD COLUMN reminder_check_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX journeys_reminder_due ON journeys(reminder_check_at)
  WHERE closed_at IS NULL;

CREATE TRIGGER journey_steps_inserted_recheck AFTER INSERT ON journey_steps
BEGIN
  UPDATE journeys SET reminder_check_at = 0
    WHERE id = NEW.journey_id AND reminder_check_at <> 0;
END;

CREATE TRIGGER journey_steps_updated_recheck AFTER UPDATE ON journey_steps
BEGIN
  UPDATE journeys SET reminder_check_at = 0
    WHERE id = NEW.journey_id AND reminder_check_at <> 0;
END;

CREATE TRIGGER journeys_recheck AFTER UPDATE OF advisor_consent, arrival_date,
  start_date, brp_date, permit_date ON journeys
BEGIN
  UPDATE journeys SET reminder_check_at = 0
    WHERE id = NEW.id AND reminder_check_at <> 0;
END;
