#include "server/store/webhook_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr char kColumns[] =
    "id, org_id, url, event_types, secret, enabled, disabled_reason, "
    "failing_since, created_at, secret_rotated_at";

WebhookEndpointRow ReadRow(Statement* st) {
  WebhookEndpointRow r;
  r.id = st->Text(0);
  r.org_id = st->Text(1);
  r.url = st->Text(2);
  r.event_types = absl::StrSplit(st->Text(3), ',', absl::SkipEmpty());
  r.secret = st->Text(4);
  r.enabled = st->Int(5) != 0;
  r.disabled_reason = st->Text(6);
  r.failing_since = st->OptionalInt(7);
  r.created_at = st->Int(8);
  r.secret_rotated_at = st->OptionalInt(9);
  return r;
}

}  // namespace

absl::Status InsertWebhookEndpoint(Connection& c,
                                   const WebhookEndpointRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO webhook_endpoints (id, org_id, url, "
                "event_types, secret, enabled, created_at) VALUES (?, ?, ?, "
                "?, ?, ?, ?)"));
  st->Bind(1, row.id).Bind(2, row.org_id).Bind(3, row.url);
  st->Bind(4, absl::StrJoin(row.event_types, ",")).Bind(5, row.secret);
  st->Bind(6, row.enabled ? 1 : 0).Bind(7, row.created_at);
  return st->Run();
}

absl::StatusOr<WebhookEndpointRow> GetWebhookEndpoint(Connection& c,
                                                      const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kColumns,
                             " FROM webhook_endpoints WHERE id = ?")));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("webhook endpoint");
  return ReadRow(st);
}

absl::StatusOr<std::vector<WebhookEndpointRow>> ListWebhookEndpoints(
    Connection& c, const std::string& org_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kColumns,
                             " FROM webhook_endpoints WHERE org_id = ? ORDER "
                             "BY created_at DESC, id DESC")));
  st->Bind(1, org_id);
  std::vector<WebhookEndpointRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadRow(st));
  }
  return out;
}

absl::Status SetWebhookSecret(Connection& c, const std::string& id,
                              const std::string& secret, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE webhook_endpoints SET secret = ?, secret_rotated_at "
                "= ? WHERE id = ?"));
  st->Bind(1, secret).Bind(2, now).Bind(3, id);
  return st->Run();
}

absl::Status SetWebhookEndpointHealth(Connection& c, const std::string& id,
                                      bool enabled, const std::string& reason,
                                      std::optional<int64_t> failing_since) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE webhook_endpoints SET enabled = ?, disabled_reason = "
                "?, failing_since = ? WHERE id = ?"));
  st->Bind(1, enabled ? 1 : 0).Bind(2, reason).Bind(3, failing_since);
  st->Bind(4, id);
  return st->Run();
}

absl::Status DeleteWebhookEndpoint(Connection& c, const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("DELETE FROM webhook_endpoints WHERE id = ?"));
  st->Bind(1, id);
  return st->Run();
}

}  // namespace welkom::store
