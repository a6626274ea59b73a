#include "server/store/migrations.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr char kCreateLedger[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";

absl::StatusOr<int64_t> ScalarInt(Connection& conn, absl::string_view sql) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st, conn.Prepare(sql));
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  int64_t value = row == Row::kRow ? st->Int(0) : 0;
  st->Reset();
  return value;
}

absl::StatusOr<std::set<int>> AppliedVersions(Connection& conn) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, conn.Prepare("SELECT version FROM schema_migrations"));
  std::set<int> applied;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    applied.insert(static_cast<int>(st->Int(0)));
  }
  st->Reset();
  return applied;
}

absl::Status Record(Connection& conn, const Migration& m) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      conn.Prepare("INSERT INTO schema_migrations (version, name) "
                   "VALUES (?, ?)"));
  return st->Bind(1, m.version).Bind(2, m.name).Run();
}

// A database migrated before the ledger existed knows only its
// user_version: the old runner applied every migration up to it.
absl::Status AdoptLegacyVersion(Connection& conn,
                                const std::vector<Migration>& migrations) {
  WELKOM_ASSIGN_OR_RETURN(
      int64_t ledger_rows,
      ScalarInt(conn, "SELECT COUNT(*) FROM schema_migrations"));
  if (ledger_rows > 0) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(int64_t legacy,
                          ScalarInt(conn, "PRAGMA user_version"));
  for (const Migration& m : migrations) {
    if (m.version > legacy) break;
    WELKOM_RETURN_IF_ERROR(Record(conn, m));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> Apply(Connection& conn,
                          const std::vector<Migration>& migrations) {
  WELKOM_RETURN_IF_ERROR(conn.Exec(kCreateLedger));
  WELKOM_RETURN_IF_ERROR(AdoptLegacyVersion(conn, migrations));
  WELKOM_ASSIGN_OR_RETURN(std::set<int> applied, AppliedVersions(conn));

  std::set<int> known;
  for (const Migration& m : migrations) known.insert(m.version);
  std::vector<int> unknown;
  std::set_difference(applied.begin(), applied.end(), known.begin(),
                      known.end(), std::back_inserter(unknown));
  if (!unknown.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database has migration(s) ", absl::StrJoin(unknown, ", "),
        " that this welkomd does not know; it is newer than this build"));
  }
  for (const Migration& m : migrations) {
    if (applied.count(m.version) > 0) continue;
    absl::Status status = conn.Exec(m.sql);
    if (status.ok()) status = Record(conn, m);
    if (!status.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("migration ", m.version, " (", m.name,
                       ") failed: ", status.message()));
    }
    applied.insert(m.version);
  }
  int newest = applied.empty() ? 0 : *applied.rbegin();
  WELKOM_RETURN_IF_ERROR(
      conn.Exec(absl::StrCat("PRAGMA user_version=", newest)));
  return newest;
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Connection& conn,
                                    const std::vector<Migration>& migrations) {
  WELKOM_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
  absl::StatusOr<int> version = Apply(conn, migrations);
  conn.ResetStatements();
  absl::Status status = version.ok() ? conn.Exec("COMMIT") : version.status();
  if (!status.ok()) {
    conn.Exec("ROLLBACK").IgnoreError();
    return status;
  }
  return version;
}

}  // namespace welkom::store
