-- Webhook endpoints (issue 19 item 5): an organisation's own systems that
-- are told, signed as the Standard Webhooks specification describes, when
-- events of the types they chose happen. The secret ("whsec_" + base64)
-- signs every delivery, so it is stored as is (a hash could not sign); it
-- is shown to people once, at creation and at rotation, and never logged.
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  event_types TEXT NOT NULL,         -- comma-separated, e.g. 'step.done,checkin.low'
  secret TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT NOT NULL DEFAULT '',
  failing_since INTEGER,             -- Unix seconds of the first failure in a row
  created_at INTEGER NOT NULL,
  secret_rotated_at INTEGER
) STRICT;
CREATE INDEX webhook_endpoints_by_org ON webhook_endpoints(org_id, created_at);

-- The delivery outbox gains the webhook channel, so webhook deliveries ride
-- the e-mail deliveries' queue, retries with backoff and failure marking
-- (jobs/delivery_job.h). A SQLite CHECK cannot be altered: the table is
-- rebuilt with its rows. For a webhook, recipient is the endpoint's URL,
-- body its JSON payload and message_id its webhook-id; the last attempt's
-- HTTP status and latency are the endpoint's delivery log.
CREATE TABLE deliveries_v44 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  recipient TEXT NOT NULL,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  kind TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  locale TEXT NOT NULL CHECK (locale IN ('en', 'nl')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  link_label TEXT NOT NULL DEFAULT '',
  unsubscribable INTEGER NOT NULL DEFAULT 0,
  notification_id INTEGER REFERENCES notifications(id) ON DELETE SET NULL,
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 3),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  endpoint_id TEXT REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  http_status INTEGER NOT NULL DEFAULT 0,
  latency_ms INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO deliveries_v44 (id, channel, recipient, user_id, org_id, kind,
  message_id, locale, subject, body, link, link_label, unsubscribable,
  notification_id, status, attempts, next_attempt_ms, last_error, dedupe_key,
  created_at, finished_at)
SELECT id, channel, recipient, user_id, org_id, kind, message_id, locale,
  subject, body, link, link_label, unsubscribable, notification_id, status,
  attempts, next_attempt_ms, last_error, dedupe_key, created_at, finished_at
FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_v44 RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries(channel, next_attempt_ms, id) WHERE status = 1;
CREATE INDEX deliveries_by_org ON deliveries(org_id, id);
CREATE INDEX deliveries_by_endpoint ON deliveries(endpoint_id, id) WHERE endpoint_id IS NOT NULL;
