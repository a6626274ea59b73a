// File: migrations.h
// Numbered schema migrations. Each lives in server/store/migrations/ as
// NNNN_name.sql and is compiled into welkomd. A database records every
// migration applied to it in its schema_migrations table (the ledger), so a
// migration that lands on main after a higher-numbered one is still applied
// to databases created in between. PRAGMA user_version mirrors the highest
// applied number, for tools that read it.
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

// Applies, in number order and all in one transaction, every migration the
// ledger does not list, and returns the highest applied number. A database
// from before the ledger is taken to hold every migration up to its
// user_version. On failure nothing is applied and the error names the failing
// migration. A database holding a migration this build does not know is
// refused (FAILED_PRECONDITION): an older welkomd must not write to a schema
// it does not know.
absl::StatusOr<int> ApplyMigrations(Connection& conn,
                                    const std::vector<Migration>& migrations);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_MIGRATIONS_H_
