-- Regions (issue 15): every organisation belongs to the region of one Expat
-- Center, and a region is a tenant like an employer. `region_id` is the id
-- of that region's Expat Center: an Expat Center's is its own id, an
-- employer's the Expat Center of its region, the operator's NULL. Before
-- this migration an installation had one region: every employer joins the
-- oldest Expat Center.
ALTER TABLE organizations ADD COLUMN region_id TEXT REFERENCES organizations(id);
-- 2 = welkom.v1.ORGANIZATION_KIND_EXPAT_CENTER, 1 = EMPLOYER.
UPDATE organizations SET region_id = id WHERE kind = 2;
UPDATE organizations SET region_id = (
  SELECT e.id FROM organizations e WHERE e.kind = 2
  ORDER BY e.created_at, e.id LIMIT 1)
WHERE kind = 1;
CREATE INDEX organizations_by_region ON organizations(region_id, id);
