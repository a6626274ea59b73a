#include "server/store/database.h"

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<std::unique_ptr<Database>> Database::Open(Options options) {
  std::unique_ptr<Database> db(new Database());
  db->path_ = options.path;
  WELKOM_ASSIGN_OR_RETURN(auto writer,
                          Connection::Open(options.path, /*read_only=*/false));
  const std::vector<Migration>& migrations =
      options.migrations.empty() ? BuiltinMigrations() : options.migrations;
  WELKOM_ASSIGN_OR_RETURN(db->schema_version_,
                          ApplyMigrations(*writer, migrations));
  {
    absl::MutexLock lock(&db->write_mu_);
    db->writer_ = std::move(writer);
  }
  absl::MutexLock lock(&db->read_mu_);
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    WELKOM_ASSIGN_OR_RETURN(auto reader,
                            Connection::Open(options.path, /*read_only=*/true));
    db->idle_readers_.push_back(std::move(reader));
  }
  return db;
}

Database::~Database() {
  // Let SQLite fold the WAL back into the main file on a clean close.
  absl::MutexLock lock(&write_mu_);
  if (writer_ != nullptr) {
    writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)").IgnoreError();
  }
}

absl::Status Database::Write(absl::FunctionRef<absl::Status(Connection&)> fn) {
  absl::MutexLock lock(&write_mu_);
  Connection& conn = *writer_;
  WELKOM_RETURN_IF_ERROR(conn.RunCached("BEGIN IMMEDIATE"));
  absl::Status status = fn(conn);
  conn.ResetStatements();
  if (status.ok()) status = conn.RunCached("COMMIT");
  if (!status.ok()) conn.RunCached("ROLLBACK").IgnoreError();
  return status;
}

absl::Status Database::Read(
    absl::FunctionRef<absl::Status(Connection&)> fn) const {
  std::unique_ptr<Connection> conn;
  {
    absl::MutexLock lock(&read_mu_);
    read_mu_.Await(absl::Condition(
        +[](std::vector<std::unique_ptr<Connection>>* v) { return !v->empty(); },
        &idle_readers_));
    conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  absl::Status status = conn->RunCached("BEGIN");
  if (status.ok()) {
    status = fn(*conn);
    conn->ResetStatements();
    absl::Status end = conn->RunCached("COMMIT");
    if (status.ok()) status = end;
  }
  absl::MutexLock lock(&read_mu_);
  idle_readers_.push_back(std::move(conn));
  return status;
}

absl::Status Database::Backup(const std::string& dest) const {
  WELKOM_ASSIGN_OR_RETURN(auto target, Connection::Open(dest, false));
  absl::MutexLock lock(&read_mu_);
  read_mu_.Await(absl::Condition(
      +[](std::vector<std::unique_ptr<Connection>>* v) { return !v->empty(); },
      &idle_readers_));
  Connection& source = *idle_readers_.back();
  sqlite3_backup* backup =
      sqlite3_backup_init(target->raw(), "main", source.raw(), "main");
  if (backup == nullptr) {
    return SqliteError(target->raw(), sqlite3_errcode(target->raw()),
                       "backup init");
  }
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteError(target->raw(), rc, "backup");
  return absl::OkStatus();
}

}  // namespace welkom::store
