-- The BSN anchor (issue 16): the day the newcomer's citizen service number
-- became known ('YYYY-MM-DD', Europe/Amsterdam; NULL while unknown). DigiD,
-- the bank account and the GP hang off it, since the BSN letter can take up
-- to four weeks after the BRP registration. Set when the BSN step is done
-- (or, without one, with the registration: a returnee has a BSN for life).
ALTER TABLE journeys ADD COLUMN bsn_date TEXT;

-- A moved BSN date owes reminders again, as the other anchors do.
DROP TRIGGER journeys_recheck;
CREATE TRIGGER journeys_recheck AFTER UPDATE OF advisor_consent, arrival_date,
  start_date, brp_date, permit_date, bsn_date ON journeys
BEGIN
  UPDATE journeys SET reminder_check_at = 0
    WHERE id = NEW.id AND reminder_check_at <> 0;
END;
