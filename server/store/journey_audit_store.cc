#include "server/store/journey_audit_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::Status InsertAuditEntry(Connection& c, const AuditRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO journey_audit (journey_id, at, actor_id, "
                "actor_role, actor_org_id, action, detail) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, row.journey_id).Bind(2, row.at).Bind(3, row.actor_id);
  st->Bind(4, row.actor_role).Bind(5, row.actor_org_id).Bind(6, row.action);
  st->Bind(7, row.detail);
  return st->Run();
}

absl::StatusOr<std::vector<AuditRow>> ListAuditEntries(
    Connection& c, const std::string& journey_id, int64_t before_id,
    int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT a.id, a.journey_id, a.at, a.actor_id, a.actor_role, "
                "a.actor_org_id, a.action, a.detail, IFNULL(u.display_name, ''), "
                "IFNULL(o.name, '') FROM journey_audit a "
                "LEFT JOIN users u ON u.id = a.actor_id "
                "LEFT JOIN organizations o ON o.id = a.actor_org_id "
                "WHERE a.journey_id = ?1 AND (?2 = 0 OR a.id < ?2) "
                "ORDER BY a.id DESC LIMIT ?3"));
  st->Bind(1, journey_id).Bind(2, before_id).Bind(3, limit);
  std::vector<AuditRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    AuditRow r;
    r.id = st->Int(0);
    r.journey_id = st->Text(1);
    r.at = st->Int(2);
    r.actor_id = st->Text(3);
    r.actor_role = static_cast<int>(st->Int(4));
    r.actor_org_id = st->Text(5);
    r.action = static_cast<int>(st->Int(6));
    r.detail = st->Text(7);
    r.actor_name = st->Text(8);
    r.actor_org_name = st->Text(9);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace welkom::store
