-- An invitation can be revoked by whoever manages its organisation's
-- invitations; a revoked code no longer signs anyone up. Resending replaces
-- code_hash (and expires_at), so the old code stops working at once.
ALTER TABLE invitations ADD COLUMN revoked_at INTEGER;
CREATE INDEX invitations_open_by_org ON invitations (org_id, id)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
