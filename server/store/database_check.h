// File: database_check.h
// Whether a database file can be trusted: SQLite's own checks of the file's
// structure (quick_check, or the full integrity_check that also compares
// every index with its table) and of its foreign keys.
//
//   WELKOM_ASSIGN_OR_RETURN(DatabaseCheck check,
//                           CheckDatabase(conn, CheckDepth::kFull));
//   if (!check.ok()) ... check.problems ...
#ifndef WELKOM_SERVER_STORE_DATABASE_CHECK_H_
#define WELKOM_SERVER_STORE_DATABASE_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

enum class CheckDepth {
  // PRAGMA quick_check: every page and record well formed; O(size), what
  // welkomd runs at start.
  kQuick,
  // PRAGMA integrity_check and foreign_key_check as well: every index
  // matches its table and every reference points at a row.
  kFull,
};

struct DatabaseCheck {
  // What SQLite found wrong, at most 20 lines; empty when sound.
  std::vector<std::string> problems;
  int64_t pages = 0;
  int64_t page_size = 0;
  bool ok() const { return problems.empty(); }
};

// Checks the database `conn` is open on (not in a transaction), in one read
// transaction. What the check finds, a page SQLite cannot read included,
// comes back in `problems`; an error means the check could not run.
absl::StatusOr<DatabaseCheck> CheckDatabase(Connection& conn, CheckDepth depth);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_DATABASE_CHECK_H_
