// File: notification_store.h
// The inbox table shared by every producer of notifications (journey
// reminders, escalations, check-ins, buddy matches, events) and by
// NotificationService, which lists and streams it.
#ifndef WELKOM_SERVER_STORE_NOTIFICATION_STORE_H_
#define WELKOM_SERVER_STORE_NOTIFICATION_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct NotificationRow {
  int64_t id = 0;  // assigned by InsertNotification; increases with time
  std::string recipient_id;
  std::string kind;  // e.g. "step_due", "step_overdue", "buddy_proposed"
  std::string title_en;
  std::string title_nl;
  std::string body_en;
  std::string body_nl;
  std::string subject;
  std::string dedupe_key;  // empty: no deduplication
  int64_t created_at = 0;
  std::optional<int64_t> read_at;
};

// Stores `row` and returns its id. If `dedupe_key` is set and a notification
// with that key exists, stores nothing and returns std::nullopt.
absl::StatusOr<std::optional<int64_t>> InsertNotification(
    Connection& c, const NotificationRow& row);

// The recipient's notifications with id > after_id, oldest first.
absl::StatusOr<std::vector<NotificationRow>> ListNotificationsAfter(
    Connection& c, const std::string& recipient_id, int64_t after_id,
    int limit);

// The recipient's inbox, newest first: ids < before_id (0: from the newest),
// only unread ones if `unread_only`.
absl::StatusOr<std::vector<NotificationRow>> ListInbox(
    Connection& c, const std::string& recipient_id, int64_t before_id,
    bool unread_only, int limit);

absl::StatusOr<int64_t> CountUnread(Connection& c,
                                    const std::string& recipient_id);

// How many of `ids` belong to `recipient_id` (duplicates counted once).
absl::StatusOr<int64_t> CountOwnedNotifications(
    Connection& c, const std::string& recipient_id,
    const std::vector<int64_t>& ids);

// Sets read_at = now on the recipient's unread notifications that are in
// `ids` or have id <= up_to_id; returns how many changed.
absl::StatusOr<int64_t> MarkNotificationsRead(Connection& c,
                                              const std::string& recipient_id,
                                              const std::vector<int64_t>& ids,
                                              int64_t up_to_id, int64_t now);

// Every recipient's notifications with id > after_id, oldest first (for the
// live fan-out).
absl::StatusOr<std::vector<NotificationRow>> ListAllNotificationsAfter(
    Connection& c, int64_t after_id, int limit);

// The highest id ever issued (0 if none), deleted rows included.
absl::StatusOr<int64_t> MaxIssuedNotificationId(Connection& c);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_NOTIFICATION_STORE_H_
