#include "server/store/delivery_store.h"

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr char kColumns[] =
    "id, channel, recipient, IFNULL(user_id, ''), org_id, kind, message_id, "
    "locale, subject, body, link, link_label, unsubscribable, "
    "notification_id, status, attempts, next_attempt_ms, last_error, "
    "IFNULL(dedupe_key, ''), created_at, finished_at, IFNULL(endpoint_id, ''), "
    "http_status, latency_ms";

absl::StatusOr<std::vector<DeliveryRow>> ReadRows(Statement* st) {
  std::vector<DeliveryRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    DeliveryRow d;
    d.id = st->Int(0);
    d.channel = st->Text(1);
    d.recipient = st->Text(2);
    d.user_id = st->Text(3);
    d.org_id = st->Text(4);
    d.kind = st->Text(5);
    d.message_id = st->Text(6);
    d.locale = st->Text(7);
    d.subject = st->Text(8);
    d.body = st->Text(9);
    d.link = st->Text(10);
    d.link_label = st->Text(11);
    d.unsubscribable = st->Int(12) != 0;
    d.notification_id = st->OptionalInt(13);
    d.status = static_cast<DeliveryStatus>(st->Int(14));
    d.attempts = static_cast<int>(st->Int(15));
    d.next_attempt_ms = st->Int(16);
    d.last_error = st->Text(17);
    d.dedupe_key = st->Text(18);
    d.created_at = st->Int(19);
    d.finished_at = st->OptionalInt(20);
    d.endpoint_id = st->Text(21);
    d.http_status = static_cast<int>(st->Int(22));
    d.latency_ms = st->Int(23);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::optional<int64_t>> InsertDelivery(Connection& c,
                                                      const DeliveryRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "INSERT INTO deliveries (channel, recipient, user_id, org_id, "
          "kind, message_id, locale, subject, body, link, link_label, "
          "unsubscribable, notification_id, status, next_attempt_ms, "
          "dedupe_key, created_at, endpoint_id) VALUES (?, ?, NULLIF(?, ''), "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, "
          "NULLIF(?, '')) "
          "ON CONFLICT (dedupe_key) DO NOTHING"));
  st->Bind(1, row.channel).Bind(2, row.recipient).Bind(3, row.user_id);
  st->Bind(4, row.org_id).Bind(5, row.kind).Bind(6, row.message_id);
  st->Bind(7, row.locale).Bind(8, row.subject).Bind(9, row.body);
  st->Bind(10, row.link).Bind(11, row.link_label);
  st->Bind(12, row.unsubscribable ? 1 : 0).Bind(13, row.notification_id);
  st->Bind(14, static_cast<int>(DeliveryStatus::kPending));
  st->Bind(15, row.next_attempt_ms).Bind(16, row.dedupe_key);
  st->Bind(17, row.created_at).Bind(18, row.endpoint_id);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) return std::optional<int64_t>();
  return std::optional<int64_t>(c.LastInsertRowId());
}

absl::StatusOr<std::vector<DeliveryRow>> ListDueDeliveries(
    Connection& c, const std::string& channel, int64_t now_ms, int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kColumns,
                             " FROM deliveries WHERE status = ? AND channel = "
                             "? AND next_attempt_ms <= ? ORDER BY "
                             "next_attempt_ms, id LIMIT ?")));
  st->Bind(1, static_cast<int>(DeliveryStatus::kPending)).Bind(2, channel);
  st->Bind(3, now_ms).Bind(4, limit);
  return ReadRows(st);
}

absl::Status RecordDeliveryResponse(Connection& c, int64_t id, int http_status,
                                    int64_t latency_ms) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE deliveries SET http_status = ?, latency_ms = ? "
                "WHERE id = ?"));
  st->Bind(1, http_status).Bind(2, latency_ms).Bind(3, id);
  return st->Run();
}

absl::Status FailPendingEndpointDeliveries(Connection& c,
                                           const std::string& endpoint_id,
                                           const std::string& error,
                                           int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE deliveries SET status = ?, last_error = ?, "
                "finished_at = ?, body = '' WHERE endpoint_id = ? AND "
                "status = ?"));
  st->Bind(1, static_cast<int>(DeliveryStatus::kFailed)).Bind(2, error);
  st->Bind(3, now).Bind(4, endpoint_id);
  st->Bind(5, static_cast<int>(DeliveryStatus::kPending));
  return st->Run();
}

absl::StatusOr<std::vector<DeliveryRow>> ListEndpointDeliveries(
    Connection& c, const std::string& endpoint_id, int64_t before_id,
    int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kColumns,
                             " FROM deliveries WHERE endpoint_id = ? AND "
                             "(? = 0 OR id < ?) ORDER BY id DESC LIMIT ?")));
  st->Bind(1, endpoint_id).Bind(2, before_id).Bind(3, before_id);
  st->Bind(4, limit);
  return ReadRows(st);
}

absl::Status FinishDelivery(Connection& c, int64_t id, DeliveryStatus status,
                            int attempts, const std::string& error,
                            int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE deliveries SET status = ?, attempts = ?, "
                "last_error = ?, finished_at = ?, subject = '', body = '', "
                "link = '' WHERE id = ? AND status = ?"));
  st->Bind(1, static_cast<int>(status)).Bind(2, attempts).Bind(3, error);
  st->Bind(4, now).Bind(5, id);
  st->Bind(6, static_cast<int>(DeliveryStatus::kPending));
  return st->Run();
}

absl::Status RetryDeliveryLater(Connection& c, int64_t id, int attempts,
                                int64_t next_attempt_ms,
                                const std::string& error) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE deliveries SET attempts = ?, next_attempt_ms = ?, "
                "last_error = ? WHERE id = ? AND status = ?"));
  st->Bind(1, attempts).Bind(2, next_attempt_ms).Bind(3, error).Bind(4, id);
  st->Bind(5, static_cast<int>(DeliveryStatus::kPending));
  return st->Run();
}

absl::StatusOr<std::vector<DeliveryRow>> ListOrganizationDeliveries(
    Connection& c, const std::string& org_id, int64_t before_id,
    bool failed_only, int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat(
          "SELECT ", kColumns,
          " FROM deliveries WHERE org_id = ? AND (? = 0 OR id < ?) AND "
          "(? = 0 OR status = ?) ORDER BY id DESC LIMIT ?")));
  st->Bind(1, org_id).Bind(2, before_id).Bind(3, before_id);
  st->Bind(4, failed_only ? 1 : 0);
  st->Bind(5, static_cast<int>(DeliveryStatus::kFailed)).Bind(6, limit);
  return ReadRows(st);
}

absl::StatusOr<std::vector<DeliveryRow>> ListMemberDeliveries(
    Connection& c, const std::string& user_id, const std::string& email) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kColumns,
                             " FROM deliveries WHERE user_id = ? OR (user_id "
                             "IS NULL AND recipient = ?) ORDER BY id DESC")));
  st->Bind(1, user_id).Bind(2, email);
  return ReadRows(st);
}

absl::StatusOr<std::vector<int64_t>> CountDeliveriesByStatus(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT status, COUNT(*) FROM deliveries GROUP BY status"));
  std::vector<int64_t> out(4, 0);
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    int64_t status = st->Int(0);
    if (status >= 1 && status <= 3) out[status] = st->Int(1);
  }
  return out;
}

absl::StatusOr<bool> DeliveryChannelEnabled(Connection& c,
                                            const std::string& channel) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT enabled FROM delivery_channels WHERE channel = ?"));
  st->Bind(1, channel);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  return row == Row::kRow && st->Int(0) != 0;
}

absl::Status SetDeliveryChannelEnabled(Connection& c,
                                       const std::string& channel,
                                       bool enabled) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO delivery_channels (channel, enabled) VALUES "
                "(?, ?) ON CONFLICT (channel) DO UPDATE SET enabled = "
                "excluded.enabled"));
  st->Bind(1, channel).Bind(2, enabled ? 1 : 0);
  return st->Run();
}

absl::StatusOr<std::optional<DigestCursor>> GetDigestCursor(
    Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT last_notification_id, last_day FROM digest_cursors "
                "WHERE user_id = ?"));
  st->Bind(1, user_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<DigestCursor>();
  return std::optional<DigestCursor>(DigestCursor{st->Int(0), st->Text(1)});
}

absl::Status SetDigestCursor(Connection& c, const std::string& user_id,
                             const DigestCursor& cursor) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO digest_cursors (user_id, last_notification_id, "
                "last_day) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE "
                "SET last_notification_id = excluded.last_notification_id, "
                "last_day = excluded.last_day"));
  st->Bind(1, user_id).Bind(2, cursor.last_notification_id);
  st->Bind(3, cursor.last_day);
  return st->Run();
}

}  // namespace welkom::store
