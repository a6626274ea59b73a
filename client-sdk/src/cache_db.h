// File: cache_db.h
// The SDK's own small layer over SQLite (the SDK may not depend on the
// server's store): one connection, statements with bound parameters only,
// and a transaction helper. Used from the serial queue only, so it has no
// locks of its own.
#ifndef WELKOM_CLIENT_SDK_SRC_CACHE_DB_H_
#define WELKOM_CLIENT_SDK_SRC_CACHE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace welkom::sdk {

// A prepared statement. Bind with 1-based indexes, then Next() row by row.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& Int(int index, int64_t value);
  Query& Text(int index, absl::string_view value);
  Query& Blob(int index, absl::string_view value);

  // True while there is a row; false at the end. Errors end the loop and
  // are kept for status().
  bool Next();
  // Steps to the end and returns the first error, if any.
  absl::Status Exec();
  absl::Status status() const { return status_; }

  int64_t ColumnInt(int col) const;
  std::string ColumnText(int col) const;  // text or blob bytes

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  absl::Status status_;
};

class CacheDb {
 public:
  // Opens (creating) the file in WAL mode; ":memory:" keeps nothing.
  static absl::StatusOr<std::unique_ptr<CacheDb>> Open(const std::string& path);
  ~CacheDb();

  absl::StatusOr<std::unique_ptr<Query>> Prepare(absl::string_view sql);
  // Runs SQL text without parameters (schema).
  absl::Status ExecScript(const char* sql);
  // Runs `body` in one transaction; commits if it returns OK.
  absl::Status InTransaction(const std::function<absl::Status()>& body);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

 private:
  explicit CacheDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_CACHE_DB_H_
