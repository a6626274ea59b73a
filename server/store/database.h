// File: database.h
// The embedded SQLite database: one writer connection and a pool of readers
// over one file in WAL mode, with numbered migrations applied at open.
// Checkpoints (copying the WAL back into the main file, with its fsync) run
// on a thread of their own, so no request waits for one: the writer wakes it
// once the WAL holds `checkpoint_frames` frames since the last checkpoint.
//
//   WELKOM_ASSIGN_OR_RETURN(auto db, Database::Open({.path =
//   "var/welkom.db"})); WELKOM_RETURN_IF_ERROR(db->Write([&](Connection& c) {
//   ... }));
#ifndef WELKOM_SERVER_STORE_DATABASE_H_
#define WELKOM_SERVER_STORE_DATABASE_H_

#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "server/store/migrations.h"
#include "server/store/sqlite.h"

namespace welkom::store {

class Database {
 public:
  struct Options {
    std::string path;
    int readers = 4;
    // Migrations to apply; empty means the ones built into welkomd.
    std::vector<Migration> migrations = {};
    // WAL frames (pages) written before the checkpoint thread runs; 1000 is
    // SQLite's own auto-checkpoint default.
    int checkpoint_frames = 1000;
    // Writes that may share one transaction (see Write); 1 commits each
    // write on its own.
    int max_write_group = 64;
    // Run SQLite's quick check before anything else (welkomd's start).
    bool check_at_open = true;
  };

  // Opens or creates the file, checks it (quick_check, unless told not to)
  // and applies every pending migration in one transaction. A file that
  // fails the check is refused with DATA_LOSS, untouched, its WAL included.
  // If any migration fails, the file is left exactly as it was and the error
  // names the migration. Errors of the file itself carry the operator's
  // remedy (file_errors.h).
  static absl::StatusOr<std::unique_ptr<Database>> Open(Options options);
  ~Database();

  // Runs `fn` in BEGIN IMMEDIATE ... COMMIT on the single writer connection.
  // If `fn` returns an error, or the commit fails, everything it wrote is
  // rolled back and the error returned: a change fully happens or not at all.
  //
  // Concurrent writes commit in groups: callers that arrive while a
  // transaction is open queue up, and the first of them then runs the queued
  // `fn`s one after the other in one transaction, each inside a SAVEPOINT
  // (an `fn` that fails rolls back only its own changes). Each `fn` sees the
  // changes of those before it, as if run alone in that order, and every
  // caller returns only after the COMMIT that holds its change: the
  // durability of a single write, with one BEGIN/COMMIT and one hand-over
  // of the writer for the whole group.
  absl::Status Write(absl::FunctionRef<absl::Status(Connection&)> fn);

  // Runs `fn` in a read transaction (one consistent snapshot) on one of the
  // reader connections; waits while all readers are busy.
  absl::Status Read(absl::FunctionRef<absl::Status(Connection&)> fn) const;

  // The schema version (the highest migration applied).
  int schema_version() const { return schema_version_; }
  const std::string& path() const { return path_; }

  // Copies the live database, as one read snapshot, to `dest` with SQLite's
  // online backup API (store/backup.h has the whole backup of welkomd's
  // files, for another process).
  absl::Status Backup(const std::string& dest) const;

  // Copies the whole WAL into the main file and truncates the WAL to zero
  // bytes, waiting for readers (up to the busy timeout): after an erasure,
  // no old page with erased text stays in the -wal file. Holds off writes
  // while it runs. UNAVAILABLE if a reader kept it from finishing.
  absl::Status TruncateWal();

  // Checkpoints the checkpoint thread has run (for tests).
  int64_t checkpoints_run() const;
  // Transactions Write has committed or rolled back, each holding one or
  // more writes (for tests).
  int64_t write_groups() const;

 private:
  Database() = default;
  // sqlite3_wal_hook: after each commit, with the frames now in the WAL.
  static int OnCommit(void* self, sqlite3* db, const char* name, int frames);
  void CheckpointLoop();

  // A caller of Write waiting in the queue.
  struct QueuedWrite {
    absl::FunctionRef<absl::Status(Connection&)> fn;
    absl::Status status;
    bool done = false;
  };
  // Runs `group` in one transaction and sets each one's status.
  void CommitGroup(absl::Span<QueuedWrite* const> group)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  std::string path_;
  int schema_version_ = 0;
  mutable absl::Mutex queue_mu_;
  std::deque<QueuedWrite*> queue_ ABSL_GUARDED_BY(queue_mu_);
  bool leading_ ABSL_GUARDED_BY(queue_mu_) = false;  // a caller runs a group
  int64_t write_groups_ ABSL_GUARDED_BY(queue_mu_) = 0;
  absl::Mutex write_mu_;
  std::unique_ptr<Connection> writer_ ABSL_GUARDED_BY(write_mu_);
  mutable absl::Mutex read_mu_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_
      ABSL_GUARDED_BY(read_mu_);

  size_t max_write_group_ = 64;
  int checkpoint_frames_ = 1000;
  mutable absl::Mutex checkpoint_mu_;
  bool checkpoint_due_ ABSL_GUARDED_BY(checkpoint_mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(checkpoint_mu_) = false;
  int64_t checkpoints_run_ ABSL_GUARDED_BY(checkpoint_mu_) = 0;
  std::unique_ptr<Connection> checkpointer_;  // used by checkpoint_thread_
  std::thread checkpoint_thread_;
};

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_DATABASE_H_
