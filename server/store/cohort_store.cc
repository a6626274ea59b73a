#include "server/store/cohort_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<std::string> ArrivalCohortOf(Connection& c,
                                            const std::string& newcomer_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT IFNULL(substr(arrival_date, 1, 7), '') FROM journeys "
                "WHERE newcomer_id = ?"));
  st->Bind(1, newcomer_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::string();
  return st->Text(0);
}

absl::StatusOr<std::vector<CohortMemberRow>> ListCohortMembers(
    Connection& c, const std::string& key) {
  // The range on arrival_date ('YYYY-MM-DD') is the calendar month `key`.
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT j.newcomer_id, u.display_name, IFNULL(s.shown, 0) "
                "FROM journeys j JOIN users u ON u.id = j.newcomer_id "
                "LEFT JOIN cohort_name_shown s ON s.user_id = j.newcomer_id "
                "WHERE j.arrival_date >= ?1 || '-01' AND "
                "j.arrival_date <= ?1 || '-31' "
                "ORDER BY u.display_name, j.newcomer_id"));
  st->Bind(1, key);
  std::vector<CohortMemberRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({st->Text(0), st->Text(1), st->Int(2) != 0});
  }
  return out;
}

absl::Status SetCohortNameShown(Connection& c, const std::string& user_id,
                                bool shown, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO cohort_name_shown (user_id, shown, updated_at) "
                "VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET "
                "shown = excluded.shown, updated_at = excluded.updated_at"));
  st->Bind(1, user_id).Bind(2, shown ? 1 : 0).Bind(3, now);
  return st->Run();
}

absl::StatusOr<bool> CohortNameShown(Connection& c,
                                     const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT shown FROM cohort_name_shown WHERE user_id = ?"));
  st->Bind(1, user_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  return row != Row::kDone && st->Int(0) != 0;
}

}  // namespace welkom::store
