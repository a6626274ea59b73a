#include "cache_db.h"

#include "absl/strings/str_cat.h"

namespace welkom::sdk {
namespace {

absl::Status Failed(sqlite3* db, absl::string_view what) {
  return absl::InternalError(
      absl::StrCat("local cache: ", what, ": ", sqlite3_errmsg(db)));
}

}  // namespace

Query::~Query() {
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

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

CacheDb::~CacheDb() {
  for (auto& [sql, cached] : statements_) sqlite3_finalize(cached.stmt);
  sqlite3_close(db_);
}

absl::StatusOr<std::unique_ptr<Query>> CacheDb::Prepare(absl::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return std::make_unique<Query>(db_, it->second.stmt, &it->second.in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    return Failed(db_, "prepare");
  }
  if (it != statements_.end()) return std::make_unique<Query>(db_, stmt);
  Cached& cached = statements_[std::string(sql)];
  cached.stmt = stmt;
  cached.in_use = true;
  return std::make_unique<Query>(db_, stmt, &cached.in_use);
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

absl::Status CacheDb::Run(const char* sql) {
  auto q = Prepare(sql);
  return q.ok() ? (*q)->Exec() : q.status();
}

absl::Status CacheDb::InTransaction(const std::function<absl::Status()>& body) {
  if (absl::Status s = Run("BEGIN IMMEDIATE"); !s.ok()) return s;
  absl::Status status = body();
  if (status.ok()) status = Run("COMMIT");
  if (!status.ok()) Run("ROLLBACK").IgnoreError();
  return status;
}

absl::Status WriteBatch::Add(const std::function<absl::Status()>& unit) {
  if (!open_) {
    if (absl::Status s = db_->Run("BEGIN IMMEDIATE"); !s.ok()) return s;
    open_ = true;
  }
  if (absl::Status s = unit(); !s.ok()) {
    db_->Run("ROLLBACK").IgnoreError();
    open_ = false;
    units_ = 0;
    return s;
  }
  return ++units_ >= every_ ? Commit() : absl::OkStatus();
}

absl::Status WriteBatch::Commit() {
  if (!open_) return absl::OkStatus();
  open_ = false;
  units_ = 0;
  absl::Status s = db_->Run("COMMIT");
  if (!s.ok()) db_->Run("ROLLBACK").IgnoreError();
  return s;
}

}  // namespace welkom::sdk
