// File: sqlite.h
// A thin RAII layer over the SQLite C API: connections with a cache of
// prepared statements, and statements that bind parameters by position.
// SQL text is always a constant; input is only ever bound, never spliced.
//
//   WELKOM_ASSIGN_OR_RETURN(auto* st, conn.Prepare("SELECT x FROM t WHERE
//   id=?")); st->Bind(1, id); while (st->Step() == Row::kRow) Use(st->Text(0));
#ifndef WELKOM_SERVER_STORE_SQLITE_H_
#define WELKOM_SERVER_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace welkom::store {

// Turns a SQLite result code into a Status. Constraint violations become
// ALREADY_EXISTS (unique) or FAILED_PRECONDITION (foreign key, check);
// SQLITE_BUSY becomes UNAVAILABLE, a full disk RESOURCE_EXHAUSTED, a damaged
// file or one that is not a database DATA_LOSS; anything else INTERNAL.
// Errors of the file itself (full, read-only, damaged) carry the operator's
// remedy, naming the file (file_errors.h).
absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what);
// The same code and message, without the remedy.
absl::Status SqliteCodeError(sqlite3* db, int rc, absl::string_view what);

enum class Row { kRow, kDone };

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds 1-based parameters. A std::nullopt binds NULL.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, int64_t{value}); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, absl::string_view text);
  Statement& Bind(int index, const char* text) {
    return Bind(index, absl::string_view(text));
  }
  Statement& Bind(int index, const std::string& text) {
    return Bind(index, absl::string_view(text));
  }
  Statement& BindBlob(int index, absl::string_view bytes);
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Steps once. Errors (constraint violations included) come back as Status.
  absl::StatusOr<Row> Step();
  // Steps to the end, for statements that return no rows.
  absl::Status Run();
  // Steps to the end and returns the first column of every row as text
  // (a list of ids).
  absl::StatusOr<std::vector<std::string>> FirstColumnTexts();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptionalText(int col) const;
  std::optional<int64_t> OptionalInt(int col) const;

  // Clears bindings and rewinds; called by Connection::Prepare on reuse.
  void Reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// One SQLite connection. Not thread-safe: the Database hands a connection to
// one thread at a time.
class Connection {
 public:
  // Opens (creating if needed) the file at `path` with foreign keys on, WAL
  // mode, a busy timeout and synchronous=NORMAL, which in WAL mode keeps every
  // committed transaction across a crash of the process.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(
      const std::string& path, bool read_only);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Returns a cached, reset statement for `sql`. The pointer stays valid for
  // the life of the connection; do not hold it across another Prepare of the
  // same text.
  absl::StatusOr<Statement*> Prepare(absl::string_view sql);
  // Resets every statement handed out by Prepare since the last call. A
  // statement left on a row keeps its snapshot (and blocks COMMIT), so the
  // Database calls this whenever a transaction ends.
  void ResetStatements();
  // Runs one or more statements without parameters (DDL, pragmas).
  absl::Status Exec(absl::string_view sql);
  // Runs one statement without parameters or rows from the statement cache
  // and rewinds it at once: BEGIN, COMMIT and ROLLBACK of every transaction,
  // which Exec would parse again each time.
  absl::Status RunCached(absl::string_view sql);

  int64_t LastInsertRowId() const;
  int Changes() const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  absl::flat_hash_map<std::string, std::unique_ptr<Statement>> cache_;
  std::vector<Statement*> in_use_;
};

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_SQLITE_H_
