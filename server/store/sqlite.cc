#include "server/store/sqlite.h"

#include "absl/strings/str_cat.h"
#include "server/store/file_errors.h"

namespace welkom::store {

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  absl::Status status = SqliteCodeError(db, rc, what);
  AttachRemedy(status, SqliteRemedy(db, rc));
  return status;
}

absl::Status SqliteCodeError(sqlite3* db, int rc, absl::string_view what) {
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string text = absl::StrCat(what, ": ", msg);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: {
      int ext = db != nullptr ? sqlite3_extended_errcode(db) : rc;
      if (ext == SQLITE_CONSTRAINT_UNIQUE ||
          ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(text);
      }
      return absl::FailedPreconditionError(text);
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(text);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(text);
    default:
      return absl::InternalError(text);
  }
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, absl::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindBlob(int index, absl::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

absl::StatusOr<Row> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return Row::kRow;
  if (rc == SQLITE_DONE) return Row::kDone;
  absl::Status status = SqliteError(db_, rc, "sqlite step");
  sqlite3_reset(stmt_);
  return status;
}

absl::Status Statement::Run() {
  while (true) {
    absl::StatusOr<Row> row = Step();
    if (!row.ok()) return row.status();
    if (*row == Row::kDone) return absl::OkStatus();
  }
}

absl::StatusOr<std::vector<std::string>> Statement::FirstColumnTexts() {
  std::vector<std::string> out;
  while (true) {
    absl::StatusOr<Row> row = Step();
    if (!row.ok()) return row.status();
    if (*row == Row::kDone) return out;
    out.push_back(Text(0));
  }
}

bool Statement::IsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
int64_t Statement::Int(int col) const {
  return sqlite3_column_int64(stmt_, col);
}
double Statement::Double(int col) const {
  return sqlite3_column_double(stmt_, col);
}
std::string Statement::Text(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string()
                      : std::string(static_cast<const char*>(p), n);
}
std::optional<std::string> Statement::OptionalText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}
std::optional<int64_t> Statement::OptionalInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(
    const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteCodeError(db, rc, absl::StrCat("open ", path));
    // The handle of a failed open may not know its file name yet.
    const int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
    status = sys != 0 ? FileError(sys, "open", path) : status;
    if (!RemedyOf(status).has_value()) {
      AttachRemedy(status, SqliteRemedy(db, rc));
    }
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<Connection> conn(new Connection(db));
  // secure_delete: deleted and overwritten content is zeroed in the file
  // (also on freed pages), so an erased person's text does not survive in
  // free space (docs/PRIVACY.md).
  absl::Status status = conn->Exec(
      "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
      "PRAGMA temp_store=MEMORY; PRAGMA secure_delete=ON;");
  if (status.ok() && !read_only)
    status = conn->Exec("PRAGMA journal_mode=WAL;");
  if (!status.ok()) return status;
  return conn;
}

Connection::~Connection() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

absl::StatusOr<Statement*> Connection::Prepare(absl::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    in_use_.push_back(it->second.get());
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "sqlite prepare");
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* raw = owned.get();
  cache_.emplace(std::string(sql), std::move(owned));
  in_use_.push_back(raw);
  return raw;
}

absl::Status Connection::RunCached(absl::string_view sql) {
  absl::StatusOr<Statement*> st = Prepare(sql);
  if (!st.ok()) return st.status();
  in_use_.pop_back();  // rewound below, not left for ResetStatements
  absl::Status status = (*st)->Run();
  (*st)->Reset();
  return status;
}

void Connection::ResetStatements() {
  for (Statement* st : in_use_) st->Reset();
  in_use_.clear();
}

absl::Status Connection::Exec(absl::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(db_, rc, "sqlite exec");
    sqlite3_free(err);
    return status;
  }
  return absl::OkStatus();
}

int64_t Connection::LastInsertRowId() const {
  return sqlite3_last_insert_rowid(db_);
}
int Connection::Changes() const { return sqlite3_changes(db_); }

}  // namespace welkom::store
