-- Offboarding (OffboardingService): when and by whom a member was
-- deactivated. A deactivated member has no sessions and cannot sign in;
-- the row stays so journeys, matches and figures stay whole.
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
ALTER TABLE users ADD COLUMN deactivated_by TEXT;
