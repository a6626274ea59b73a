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

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_NOTIFICATION_STORE_H_
