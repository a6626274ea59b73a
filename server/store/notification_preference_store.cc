#include "server/store/notification_preference_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<std::vector<NotificationPreferenceRow>>
ListNotificationPreferences(Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT kind, channel, delivery FROM notification_preferences "
                "WHERE user_id = ? ORDER BY kind, channel"));
  st->Bind(1, user_id);
  std::vector<NotificationPreferenceRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({st->Text(0), st->Text(1),
                   static_cast<NotificationDelivery>(st->Int(2))});
  }
  return out;
}

absl::Status PutNotificationPreference(Connection& c,
                                       const std::string& user_id,
                                       const NotificationPreferenceRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO notification_preferences (user_id, kind, "
                "channel, delivery) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, "
                "kind, channel) DO UPDATE SET delivery = excluded.delivery"));
  st->Bind(1, user_id).Bind(2, row.kind).Bind(3, row.channel);
  st->Bind(4, static_cast<int>(row.delivery));
  return st->Run();
}

absl::StatusOr<std::string> GetOrPutServerKey(Connection& c,
                                              const std::string& purpose,
                                              const std::string& candidate) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * put,
      c.Prepare("INSERT INTO server_keys (purpose, secret) VALUES (?, ?) "
                "ON CONFLICT (purpose) DO NOTHING"));
  put->Bind(1, purpose).Bind(2, candidate);
  WELKOM_RETURN_IF_ERROR(put->Run());
  WELKOM_ASSIGN_OR_RETURN(
      Statement * get,
      c.Prepare("SELECT secret FROM server_keys WHERE purpose = ?"));
  get->Bind(1, purpose);
  WELKOM_ASSIGN_OR_RETURN(Row row, get->Step());
  if (row == Row::kDone) return absl::InternalError("server key missing");
  return get->Text(0);
}

}  // namespace welkom::store
