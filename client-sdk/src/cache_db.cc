#include "cache_db.h"

#include "absl/strings/str_cat.h"

namespace welkom::sdk {
namespace {

absl::Status Failed(sqlite3* db, absl::string_view what) {
  return absl::InternalError(
      absl::StrCat("local cache: ", what, ": ", sqlite3_errmsg(db)));
}

}  // namespace

Query& Query::Int(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Query& Query::Text(int index, absl::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Query& Query::Blob(int index, absl::string_view value) {
  sqlite3_bind_blob(stmt_, index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

bool Query::Next() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status_.ok()) status_ = Failed(db_, "step");
  return false;
}

absl::Status Query::Exec() {
  while (Next()) {
  }
  return status_;
}

int64_t Query::ColumnInt(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::string Query::ColumnText(int col) const {
  const void* data = sqlite3_column_blob(stmt_, col);
  int size = sqlite3_column_bytes(stmt_, col);
  return data == nullptr ? std::string()
                         : std::string(static_cast<const char*>(data), size);
}

absl::StatusOr<std::unique_ptr<CacheDb>> CacheDb::Open(
    const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = Failed(db, absl::StrCat("open ", path));
    sqlite3_close(db);
    return status;
  }
  std::unique_ptr<CacheDb> cache(new CacheDb(db));
  // WAL + NORMAL: a committed outbox entry survives the app being killed.
  if (absl::Status s = cache->ExecScript(
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
          "PRAGMA busy_timeout=2000;");
      !s.ok()) {
    return s;
  }
  return cache;
}

CacheDb::~CacheDb() { sqlite3_close(db_); }

absl::StatusOr<std::unique_ptr<Query>> CacheDb::Prepare(absl::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt,
                         nullptr) != SQLITE_OK) {
    return Failed(db_, "prepare");
  }
  return std::make_unique<Query>(db_, stmt);
}

absl::Status CacheDb::ExecScript(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    absl::Status status =
        absl::InternalError(absl::StrCat("local cache: ", error));
    sqlite3_free(error);
    return status;
  }
  return absl::OkStatus();
}

absl::Status CacheDb::InTransaction(const std::function<absl::Status()>& body) {
  if (absl::Status s = ExecScript("BEGIN IMMEDIATE"); !s.ok()) return s;
  absl::Status status = body();
  if (status.ok()) status = ExecScript("COMMIT");
  if (!status.ok()) ExecScript("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace welkom::sdk
