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
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace welkom::sdk {

// A prepared statement. Bind with 1-based indexes, then Next() row by row.
// A statement from CacheDb's cache goes back to it (reset) when the Query
// is destroyed; any other is finalized.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt, bool* in_use = nullptr)
      : db_(db), stmt_(stmt), in_use_(in_use) {}
  ~Query();
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
  bool* in_use_;  // the cache's flag for a cached statement, else null
  absl::Status status_;
};

class CacheDb {
 public:
  // Opens (creating) the file in WAL mode; ":memory:" keeps nothing.
  static absl::StatusOr<std::unique_ptr<CacheDb>> Open(const std::string& path);
  ~CacheDb();

  // Statements are compiled once per connection and reused (SQL text is
  // the key); a statement still in use is compiled afresh for the caller.
  absl::StatusOr<std::unique_ptr<Query>> Prepare(absl::string_view sql);
  // Runs SQL text without parameters (schema).
  absl::Status ExecScript(const char* sql);
  // Runs `body` in one transaction; commits if it returns OK.
  absl::Status InTransaction(const std::function<absl::Status()>& body);
  // Plain statements without parameters, compiled once (BEGIN, COMMIT...).
  absl::Status Run(const char* sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  explicit CacheDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  // Node-based: the in_use flags keep their address.
  std::map<std::string, Cached, std::less<>> statements_;
};

// One transaction over a run of small units of writes (e.g. one per applied
// outbox entry), so a run of N costs N/`every` commits instead of N: opened
// by the first Add, committed every `every` units, by Commit() and on
// destruction. A unit that fails rolls back the whole open batch: use it
// only for work that is safe to do again (outbox replays are, by
// request_id). Commit() before anything else writes in its own transaction.
class WriteBatch {
 public:
  WriteBatch(CacheDb* db, int every) : db_(db), every_(every) {}
  ~WriteBatch() { Commit().IgnoreError(); }
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  absl::Status Add(const std::function<absl::Status()>& unit);
  absl::Status Commit();

 private:
  CacheDb* db_;
  int every_;
  int units_ = 0;
  bool open_ = false;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_CACHE_DB_H_
