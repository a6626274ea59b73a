#include "server/store/journey_audit_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

void BindRow(Statement& st, const AuditRow& row) {
  st.Bind(1, row.journey_id).Bind(2, row.at).Bind(3, row.actor_id);
  st.Bind(4, row.actor_role).Bind(5, row.actor_org_id).Bind(6, row.action);
  st.Bind(7, row.detail);
  st.Bind(8, row.at_micros != 0 ? row.at_micros : row.at * 1000000);
}

}  // namespace

absl::Status InsertAuditEntry(Connection& c, const AuditRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO journey_audit (journey_id, at, actor_id, "
                "actor_role, actor_org_id, action, detail, at_micros) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  BindRow(*st, row);
  return st->Run();
}

absl::Status InsertAuditEntryIfJourneyExists(Connection& c,
                                             const AuditRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO journey_audit (journey_id, at, actor_id, "
                "actor_role, actor_org_id, action, detail, at_micros) "
                "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
                "WHERE EXISTS (SELECT 1 FROM journeys WHERE id = ?1)"));
  BindRow(*st, row);
  return st->Run();
}

absl::StatusOr<AuditJournalState> GetAuditJournalState(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT generation, copied_bytes FROM audit_journal_state"));
  AuditJournalState out;
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kRow) {
    out.generation = st->Text(0);
    out.copied_bytes = st->Int(1);
  }
  return out;
}

absl::Status SetAuditJournalState(Connection& c, const AuditJournalState& s) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "INSERT INTO audit_journal_state (id, generation, copied_bytes) "
          "VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET "
          "generation = excluded.generation, "
          "copied_bytes = excluded.copied_bytes"));
  st->Bind(1, s.generation).Bind(2, s.copied_bytes);
  return st->Run();
}

absl::StatusOr<std::vector<AuditRow>> ListAuditEntries(
    Connection& c, const std::string& journey_id, const AuditCursor& before,
    int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "SELECT a.id, a.journey_id, a.at, a.actor_id, a.actor_role, "
          "a.actor_org_id, a.action, a.detail, IFNULL(u.display_name, ''), "
          "IFNULL(o.name, ''), a.at_micros FROM journey_audit a "
          "LEFT JOIN users u ON u.id = a.actor_id "
          "LEFT JOIN organizations o ON o.id = a.actor_org_id "
          "WHERE a.journey_id = ?1 AND "
          "(?3 = 0 OR (a.at_micros, a.id) < (?2, ?3)) "
          "ORDER BY a.at_micros DESC, a.id DESC LIMIT ?4"));
  st->Bind(1, journey_id).Bind(2, before.at_micros).Bind(3, before.id);
  st->Bind(4, limit);
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
    r.at_micros = st->Int(10);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace welkom::store
