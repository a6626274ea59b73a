-- Employer templates: each save of an employer's template is a new version
-- (1, 2, ...); versions are never changed afterwards. `body` is a serialized
-- welkom.v1.EmployerTemplate (its steps and omitted regional steps).
CREATE TABLE employer_templates (
  employer_org_id TEXT NOT NULL REFERENCES organizations(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  body BLOB NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (employer_org_id, version)
) STRICT, WITHOUT ROWID;

-- The template version a journey was planned with; no row means none (the
-- employer had no template when the journey was created).
CREATE TABLE journey_templates (
  journey_id TEXT PRIMARY KEY REFERENCES journeys(id) ON DELETE CASCADE,
  employer_org_id TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  FOREIGN KEY (employer_org_id, template_version)
    REFERENCES employer_templates(employer_org_id, version)
) STRICT, WITHOUT ROWID;
