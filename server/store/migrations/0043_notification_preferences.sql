-- How each member wants each kind of notification to reach them outside
-- the app (NotificationService.SetNotificationPreferences, the one-click
-- unsubscribe link): 1 at once, 2 in the daily digest, 3 not at all. A kind
-- without a row has its role's default (newcomers and buddies at once, staff
-- in the digest).
CREATE TABLE notification_preferences (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email')),
  delivery INTEGER NOT NULL CHECK (delivery BETWEEN 1 AND 3),
  PRIMARY KEY (user_id, kind, channel)
) STRICT;

-- Keys welkomd signs its own tokens with, one per purpose, made on first
-- use: 'unsubscribe' signs the one-click unsubscribe links in mail (HMAC-
-- SHA256), so a link works without a login and without a stored token.
CREATE TABLE server_keys (
  purpose TEXT PRIMARY KEY,
  secret TEXT NOT NULL
) STRICT;
