#include "server/store/check_in_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::Status InsertCheckIn(Connection& c, const CheckInRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO journey_check_ins (journey_id, day, score, "
                "comment, submitted_at) VALUES (?, ?, ?, ?, ?)"));
  st->Bind(1, row.journey_id).Bind(2, row.day).Bind(3, row.score);
  st->Bind(4, row.comment).Bind(5, row.submitted_at);
  return st->Run();
}

absl::StatusOr<std::vector<CheckInRow>> ListCheckIns(
    Connection& c, const std::string& journey_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT journey_id, day, score, comment, submitted_at "
                "FROM journey_check_ins WHERE journey_id = ? ORDER BY day"));
  st->Bind(1, journey_id);
  std::vector<CheckInRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({st->Text(0), static_cast<int>(st->Int(1)),
                   static_cast<int>(st->Int(2)), st->Text(3), st->Int(4)});
  }
  return out;
}

}  // namespace welkom::store
