// File: migrations.h
// Numbered schema migrations. Each lives in server/store/migrations/ as
// NNNN_name.sql and is compiled into welkomd; they run in number order, and a
// database remembers the last one applied in PRAGMA user_version.
#ifndef WELKOM_SERVER_STORE_MIGRATIONS_H_
#define WELKOM_SERVER_STORE_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations built from server/store/migrations/*.sql, sorted by version.
const std::vector<Migration>& BuiltinMigrations();

// Applies the migrations newer than the database's user_version, all in one
// transaction, and returns the resulting version. On failure nothing is
// applied and the error names the failing migration. A database newer than
// the newest migration is refused (FAILED_PRECONDITION): an older welkomd
// must not write to a schema it does not know.
absl::StatusOr<int> ApplyMigrations(Connection& conn,
                                    const std::vector<Migration>& migrations);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_MIGRATIONS_H_
