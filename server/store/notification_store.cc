#include "server/store/notification_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr char kColumns[] =
    "id, recipient_id, kind, title_en, title_nl, body_en, body_nl, subject, "
    "IFNULL(dedupe_key, ''), created_at, read_at";

// Steps `st` to the end, reading rows selected with kColumns.
absl::StatusOr<std::vector<NotificationRow>> ReadRows(Statement* st) {
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

absl::StatusOr<int64_t> SingleInt(Statement* st) {
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone || st->IsNull(0)) return int64_t{0};
  return st->Int(0);
}

}  // namespace

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
      c.Prepare(absl::StrCat("SELECT ", kColumns,
                             " FROM notifications WHERE recipient_id = ? AND "
                             "id > ? ORDER BY id LIMIT ?")));
  st->Bind(1, recipient_id).Bind(2, after_id).Bind(3, limit);
  return ReadRows(st);
}

absl::StatusOr<std::vector<NotificationRow>> ListInbox(
    Connection& c, const std::string& recipient_id, int64_t before_id,
    bool unread_only, int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat(
          "SELECT ", kColumns,
          " FROM notifications WHERE recipient_id = ? AND (? = 0 OR id < ?) "
          "AND (? = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT ?")));
  st->Bind(1, recipient_id).Bind(2, before_id).Bind(3, before_id);
  st->Bind(4, unread_only ? 1 : 0).Bind(5, limit);
  return ReadRows(st);
}

absl::StatusOr<int64_t> CountUnread(Connection& c,
                                    const std::string& recipient_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? "
                "AND read_at IS NULL"));
  st->Bind(1, recipient_id);
  return SingleInt(st);
}

absl::StatusOr<int64_t> CountOwnedNotifications(
    Connection& c, const std::string& recipient_id,
    const std::vector<int64_t>& ids) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? "
                "AND id IN (SELECT DISTINCT value FROM json_each(?))"));
  st->Bind(1, recipient_id)
      .Bind(2, absl::StrCat("[", absl::StrJoin(ids, ","), "]"));
  return SingleInt(st);
}

absl::StatusOr<int64_t> MarkNotificationsRead(Connection& c,
                                              const std::string& recipient_id,
                                              const std::vector<int64_t>& ids,
                                              int64_t up_to_id, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE notifications SET read_at = ? WHERE recipient_id = ? "
                "AND read_at IS NULL AND (id <= ? OR id IN "
                "(SELECT value FROM json_each(?)))"));
  st->Bind(1, now).Bind(2, recipient_id).Bind(3, up_to_id);
  st->Bind(4, absl::StrCat("[", absl::StrJoin(ids, ","), "]"));
  WELKOM_RETURN_IF_ERROR(st->Run());
  return int64_t{c.Changes()};
}

absl::StatusOr<std::vector<NotificationRow>> ListAllNotificationsAfter(
    Connection& c, int64_t after_id, int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kColumns,
                             " FROM notifications WHERE id > ? ORDER BY id "
                             "LIMIT ?")));
  st->Bind(1, after_id).Bind(2, limit);
  return ReadRows(st);
}

absl::StatusOr<int64_t> MaxIssuedNotificationId(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "SELECT seq FROM sqlite_sequence WHERE name = 'notifications'"));
  return SingleInt(st);
}

}  // namespace welkom::store
