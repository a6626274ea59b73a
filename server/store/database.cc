#include "server/store/database.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/store/backup.h"
#include "server/store/database_check.h"
#include "server/store/file_errors.h"

namespace welkom::store {
namespace {

// Refuses a file SQLite's quick check finds damaged, before anything is
// written to it.
absl::Status CheckAtOpen(Connection& writer, const std::string& path) {
  WELKOM_ASSIGN_OR_RETURN(DatabaseCheck check,
                          CheckDatabase(writer, CheckDepth::kQuick));
  if (check.ok()) return absl::OkStatus();
  // Closing must not fold the WAL into the file: with an older file copied
  // back beside a newer WAL, the file alone may still be sound.
  sqlite3_db_config(writer.raw(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  absl::Status status = absl::DataLossError(absl::StrCat(
      path, " failed SQLite's quick check, so welkomd will not serve it: ",
      check.problems.front(),
      check.problems.size() > 1
          ? absl::StrCat(" (and ", check.problems.size() - 1, " more)")
          : std::string()));
  AttachRemedy(status, DamagedFileRemedy(path));
  return status;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> Database::Open(Options options) {
  std::unique_ptr<Database> db(new Database());
  db->path_ = options.path;
  WELKOM_ASSIGN_OR_RETURN(auto writer,
                          Connection::Open(options.path, /*read_only=*/false));
  if (options.check_at_open) {
    WELKOM_RETURN_IF_ERROR(CheckAtOpen(*writer, options.path));
  }
  const std::vector<Migration>& migrations =
      options.migrations.empty() ? BuiltinMigrations() : options.migrations;
  WELKOM_ASSIGN_OR_RETURN(db->schema_version_,
                          ApplyMigrations(*writer, migrations));
  {
    absl::MutexLock lock(&db->write_mu_);
    db->writer_ = std::move(writer);
  }
  {
    absl::MutexLock lock(&db->read_mu_);
    for (int i = 0; i < std::max(1, options.readers); ++i) {
      WELKOM_ASSIGN_OR_RETURN(
          auto reader, Connection::Open(options.path, /*read_only=*/true));
      db->idle_readers_.push_back(std::move(reader));
    }
  }
  // The writer no longer checkpoints in its commits (the hook replaces
  // SQLite's auto-checkpoint); the checkpoint thread does, on its own
  // connection.
  WELKOM_ASSIGN_OR_RETURN(db->checkpointer_,
                          Connection::Open(options.path, /*read_only=*/false));
  db->checkpoint_frames_ = std::max(1, options.checkpoint_frames);
  db->max_write_group_ =
      static_cast<size_t>(std::max(1, options.max_write_group));
  {
    absl::MutexLock lock(&db->write_mu_);
    sqlite3_wal_hook(db->writer_->raw(), &Database::OnCommit, db.get());
  }
  db->checkpoint_thread_ = std::thread([d = db.get()] { d->CheckpointLoop(); });
  return db;
}

Database::~Database() {
  if (checkpoint_thread_.joinable()) {
    {
      absl::MutexLock lock(&checkpoint_mu_);
      stopping_ = true;
    }
    checkpoint_thread_.join();
  }
  // Let SQLite fold the WAL back into the main file on a clean close.
  absl::MutexLock lock(&write_mu_);
  if (writer_ != nullptr) {
    writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)").IgnoreError();
  }
}

int Database::OnCommit(void* self, sqlite3*, const char*, int frames) {
  auto* db = static_cast<Database*>(self);
  if (frames >= db->checkpoint_frames_) {
    absl::MutexLock lock(&db->checkpoint_mu_);
    db->checkpoint_due_ = true;
  }
  return SQLITE_OK;
}

void Database::CheckpointLoop() {
  while (true) {
    {
      absl::MutexLock lock(&checkpoint_mu_);
      checkpoint_mu_.Await(absl::Condition(
          +[](Database* d) ABSL_EXCLUSIVE_LOCKS_REQUIRED(d->checkpoint_mu_) {
            return d->checkpoint_due_ || d->stopping_;
          },
          this));
      if (stopping_) return;
      checkpoint_due_ = false;
    }
    // PASSIVE: copies what no reader still needs, never waits for or blocks
    // the writer or a reader. Frames it could not copy go with the next run,
    // and SQLite starts the WAL over once a run has copied it all.
    int log_frames = 0;
    int copied = 0;
    sqlite3_wal_checkpoint_v2(checkpointer_->raw(), "main",
                              SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied);
    absl::MutexLock lock(&checkpoint_mu_);
    ++checkpoints_run_;
  }
}

absl::Status Database::TruncateWal() {
  absl::MutexLock lock(&write_mu_);
  int log_frames = 0;
  int copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(
      writer_->raw(), "main", SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &copied);
  if (rc == SQLITE_BUSY) {
    return absl::UnavailableError("the WAL is still read; truncated later");
  }
  if (rc != SQLITE_OK) {
    return absl::InternalError(absl::StrCat("wal_checkpoint(TRUNCATE): ",
                                            sqlite3_errmsg(writer_->raw())));
  }
  return absl::OkStatus();
}

int64_t Database::write_groups() const {
  absl::MutexLock lock(&queue_mu_);
  return write_groups_;
}

int64_t Database::checkpoints_run() const {
  absl::MutexLock lock(&checkpoint_mu_);
  return checkpoints_run_;
}

absl::Status Database::Write(absl::FunctionRef<absl::Status(Connection&)> fn) {
  QueuedWrite me{fn, absl::OkStatus(), false};
  absl::MutexLock lock(&queue_mu_);
  queue_.push_back(&me);
  struct Turn {
    Database* db;
    QueuedWrite* me;
    bool operator()() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(db->queue_mu_) {
      return me->done || !db->leading_;
    }
  } turn{this, &me};
  queue_mu_.Await(absl::Condition(&turn));
  if (me.done) return me.status;
  // Lead: commit groups from the front of the queue until ours is done.
  leading_ = true;
  while (!me.done) {
    const size_t n = std::min(queue_.size(), max_write_group_);
    std::vector<QueuedWrite*> group(queue_.begin(), queue_.begin() + n);
    queue_.erase(queue_.begin(), queue_.begin() + n);
    queue_mu_.Unlock();
    {
      absl::MutexLock write_lock(&write_mu_);
      CommitGroup(group);
    }
    queue_mu_.Lock();
    ++write_groups_;
    for (QueuedWrite* w : group) w->done = true;
  }
  leading_ = false;
  return me.status;
}

void Database::CommitGroup(absl::Span<QueuedWrite* const> group) {
  if (group.empty()) return;
  Connection& conn = *writer_;
  absl::Status begin = conn.RunCached("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (QueuedWrite* w : group) w->status = begin;
    return;
  }
  // A write alone needs no savepoint: if it fails, the whole transaction
  // is rolled back below.
  const bool savepoints = group.size() > 1;
  std::vector<QueuedWrite*> applied;
  for (size_t i = 0; i < group.size(); ++i) {
    QueuedWrite* w = group[i];
    absl::Status status =
        savepoints ? conn.RunCached("SAVEPOINT group_write") : absl::OkStatus();
    if (status.ok()) status = w->fn(conn);
    conn.ResetStatements();
    if (savepoints && status.ok()) {
      status = conn.RunCached("RELEASE group_write");
    } else if (savepoints) {
      conn.RunCached("ROLLBACK TO group_write").IgnoreError();
      conn.RunCached("RELEASE group_write").IgnoreError();
    }
    w->status = status;
    if (sqlite3_get_autocommit(conn.raw())) {
      // SQLite ended the transaction itself (an I/O error, a full disk):
      // the writes applied before this one are gone with it.
      absl::Status lost =
          status.ok() ? absl::InternalError("write transaction ended") : status;
      for (QueuedWrite* a : applied) a->status = lost;
      w->status = lost;
      CommitGroup(group.subspan(i + 1));
      return;
    }
    if (status.ok()) applied.push_back(w);
  }
  if (applied.empty()) {
    conn.RunCached("ROLLBACK").IgnoreError();
    return;
  }
  absl::Status commit = conn.RunCached("COMMIT");
  if (!commit.ok()) {
    conn.RunCached("ROLLBACK").IgnoreError();
    for (QueuedWrite* a : applied) a->status = commit;
  }
}

absl::Status Database::Read(
    absl::FunctionRef<absl::Status(Connection&)> fn) const {
  std::unique_ptr<Connection> conn;
  {
    absl::MutexLock lock(&read_mu_);
    read_mu_.Await(absl::Condition(
        +[](std::vector<std::unique_ptr<Connection>>* v) {
          return !v->empty();
        },
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
  return Read([&](Connection& source) -> absl::Status {
    // The first read fixes the snapshot that every step then copies.
    WELKOM_ASSIGN_OR_RETURN(
        Statement * st, source.Prepare("SELECT COUNT(*) FROM sqlite_master"));
    WELKOM_RETURN_IF_ERROR(st->Step().status());
    return CopyPages(source, *target, nullptr);
  });
}

}  // namespace welkom::store
