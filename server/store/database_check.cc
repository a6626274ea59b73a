#include "server/store/database_check.h"

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr int kMaxProblems = 20;

absl::StatusOr<int64_t> PragmaInt(Connection& conn, const char* sql) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st, conn.Prepare(sql));
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  return row == Row::kRow ? st->Int(0) : 0;
}

// integrity_check and quick_check answer "ok" or one line per problem.
absl::Status StructureProblems(Connection& conn, const char* sql,
                               std::vector<std::string>* problems) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st, conn.Prepare(sql));
  st->Bind(1, kMaxProblems);
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) return absl::OkStatus();
    std::string line = st->Text(0);
    if (line != "ok") problems->push_back(std::move(line));
  }
}

absl::Status ForeignKeyProblems(Connection& conn,
                                std::vector<std::string>* problems) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, conn.Prepare("SELECT \"table\", rowid, parent, fkid FROM "
                                   "pragma_foreign_key_check"));
  while (problems->size() < kMaxProblems) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    problems->push_back(absl::StrCat(
        "foreign key: row ", st->IsNull(1) ? "?" : absl::StrCat(st->Int(1)),
        " of ", st->Text(0), " refers to a missing row of ", st->Text(2),
        " (constraint ", st->Int(3), ")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DatabaseCheck> CheckDatabase(Connection& conn,
                                            CheckDepth depth) {
  DatabaseCheck out;
  WELKOM_RETURN_IF_ERROR(conn.RunCached("BEGIN"));
  absl::Status status = [&]() -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(out.pages, PragmaInt(conn, "PRAGMA page_count"));
    WELKOM_ASSIGN_OR_RETURN(out.page_size, PragmaInt(conn, "PRAGMA page_size"));
    if (depth == CheckDepth::kQuick) {
      return StructureProblems(conn, "SELECT * FROM pragma_quick_check(?)",
                               &out.problems);
    }
    WELKOM_RETURN_IF_ERROR(StructureProblems(
        conn, "SELECT * FROM pragma_integrity_check(?)", &out.problems));
    return ForeignKeyProblems(conn, &out.problems);
  }();
  conn.ResetStatements();
  conn.RunCached("COMMIT").IgnoreError();
  // A page SQLite cannot read at all is a finding, not a failure to check.
  if (status.code() == absl::StatusCode::kDataLoss) {
    out.problems.push_back(std::string(status.message()));
    return out;
  }
  if (!status.ok()) return status;
  return out;
}

}  // namespace welkom::store
