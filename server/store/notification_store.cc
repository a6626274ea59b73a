#include "server/store/notification_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<std::optional<int64_t>> InsertNotification(
    Connection& c, const NotificationRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO notifications (recipient_id, kind, title_en, "
                "title_nl, body_en, body_nl, subject, dedupe_key, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?) "
                "ON CONFLICT (dedupe_key) DO NOTHING"));
  st->Bind(1, row.recipient_id).Bind(2, row.kind).Bind(3, row.title_en);
  st->Bind(4, row.title_nl).Bind(5, row.body_en).Bind(6, row.body_nl);
  st->Bind(7, row.subject).Bind(8, row.dedupe_key).Bind(9, row.created_at);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) return std::optional<int64_t>();
  return std::optional<int64_t>(c.LastInsertRowId());
}

absl::StatusOr<std::vector<NotificationRow>> ListNotificationsAfter(
    Connection& c, const std::string& recipient_id, int64_t after_id,
    int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT id, recipient_id, kind, title_en, title_nl, body_en, "
                "body_nl, subject, IFNULL(dedupe_key, ''), created_at, read_at "
                "FROM notifications WHERE recipient_id = ? AND id > ? "
                "ORDER BY id LIMIT ?"));
  st->Bind(1, recipient_id).Bind(2, after_id).Bind(3, limit);
  std::vector<NotificationRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({st->Int(0), st->Text(1), st->Text(2), st->Text(3),
                   st->Text(4), st->Text(5), st->Text(6), st->Text(7),
                   st->Text(8), st->Int(9), st->OptionalInt(10)});
  }
  return out;
}

}  // namespace welkom::store
