-- A step's term has a unit (issue 16): `offset_days` now counts
-- `term_unit` (welkom.v1.TermUnit: 1 days, 2 weeks, 3 calendar months) and
-- the due date follows `end_of_term` (welkom.v1.EndOfTermRule: 1 the
-- calendar day, 2 the next working day under the Algemene termijnenwet).
-- Rows planned before keep their day terms.
ALTER TABLE journey_steps ADD COLUMN term_unit INTEGER NOT NULL DEFAULT 1
  CHECK (term_unit BETWEEN 1 AND 3);
ALTER TABLE journey_steps ADD COLUMN end_of_term INTEGER NOT NULL DEFAULT 1
  CHECK (end_of_term BETWEEN 1 AND 2);

-- Catalogue version 1 counted "within 4 months" as 120 days, 1-3 days
-- before the legal date, so newcomers within the law showed as overdue.
-- Open steps of those journeys get the legal term: 4 calendar months from
-- arrival (health insurance) or the first working day (30% ruling), the
-- same day number, or the month's last day when it has none (31 Oct ->
-- 28/29 Feb). Done steps keep their history.
UPDATE journey_steps
SET offset_days = 4, term_unit = 3, version = version + 1,
    due_date = (
      SELECT MIN(
        date(a.day, 'start of month', '+4 months',
             '+' || (CAST(strftime('%d', a.day) AS INTEGER) - 1) || ' days'),
        date(a.day, 'start of month', '+5 months', '-1 day'))
      FROM (SELECT CASE journey_steps.step_key
                     WHEN 'health_insurance' THEN j.arrival_date
                     ELSE j.start_date END AS day
            FROM journeys j WHERE j.id = journey_steps.journey_id) a
      WHERE a.day IS NOT NULL)
WHERE step_key IN ('health_insurance', 'thirty_percent_ruling')
  AND offset_days = 120 AND term_unit = 1 AND status IN (1, 2, 4);
