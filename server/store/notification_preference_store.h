// File: notification_preference_store.h
// Members' notification preferences (migration 0043): one row per member,
// kind and channel that differs from the role's default; and the server's
// signing keys (server_keys), one per purpose.
//
//   WELKOM_ASSIGN_OR_RETURN(auto prefs, ListNotificationPreferences(c, id));
//   WELKOM_RETURN_IF_ERROR(PutNotificationPreference(c, id, row));
#ifndef WELKOM_SERVER_STORE_NOTIFICATION_PREFERENCE_STORE_H_
#define WELKOM_SERVER_STORE_NOTIFICATION_PREFERENCE_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

// As NotificationDelivery in notification.proto.
enum class NotificationDelivery : int { kImmediate = 1, kDigest = 2, kOff = 3 };

struct NotificationPreferenceRow {
  std::string kind;
  std::string channel;  // "email"
  NotificationDelivery delivery = NotificationDelivery::kImmediate;
};

// The member's stored preferences, by kind and channel.
absl::StatusOr<std::vector<NotificationPreferenceRow>>
ListNotificationPreferences(Connection& c, const std::string& user_id);

// Stores (or replaces) one preference of the member.
absl::Status PutNotificationPreference(Connection& c,
                                       const std::string& user_id,
                                       const NotificationPreferenceRow& row);

// The key for `purpose`; stores `candidate` as that key first if there is
// none yet.
absl::StatusOr<std::string> GetOrPutServerKey(Connection& c,
                                              const std::string& purpose,
                                              const std::string& candidate);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_NOTIFICATION_PREFERENCE_STORE_H_
