#include "server/store/migrations.h"

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<int> ApplyMigrations(Connection& conn,
                                    const std::vector<Migration>& migrations) {
  WELKOM_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
  auto fail = [&](absl::Status status) {
    conn.Exec("ROLLBACK").IgnoreError();
    return status;
  };
  absl::StatusOr<Statement*> st = conn.Prepare("PRAGMA user_version");
  if (!st.ok()) return fail(st.status());
  absl::StatusOr<Row> row = (*st)->Step();
  if (!row.ok()) return fail(row.status());
  int version = static_cast<int>((*st)->Int(0));
  conn.ResetStatements();

  int newest = migrations.empty() ? 0 : migrations.back().version;
  if (version > newest) {
    return fail(absl::FailedPreconditionError(absl::StrCat(
        "database schema version ", version,
        " is newer than this welkomd knows (", newest, ")")));
  }
  for (const Migration& m : migrations) {
    if (m.version <= version) continue;
    absl::Status status = conn.Exec(m.sql);
    if (!status.ok()) {
      return fail(absl::FailedPreconditionError(
          absl::StrCat("migration ", m.version, " (", m.name,
                       ") failed: ", status.message())));
    }
    version = m.version;
  }
  absl::Status status =
      conn.Exec(absl::StrCat("PRAGMA user_version=", version));
  if (!status.ok()) return fail(status);
  status = conn.Exec("COMMIT");
  if (!status.ok()) return fail(status);
  return version;
}

}  // namespace welkom::store
