// File: backup.h
// Backup and restore of the embedded database, for `welkomd backup`,
// `welkomd restore` and `welkomd verify` (docs/OPERATIONS.md).
//
// A backup is one self-contained SQLite file (rollback journal mode, no
// -wal beside it): the database as one read snapshot, copied page by page
// with SQLite's online backup API while welkomd goes on serving, plus the
// audit journal's rows (`<db>-audit`) that welkomd had not yet copied into
// journey_audit. Every write welkomd acknowledged before the backup began is
// in it. The copy is checked (integrity_check, foreign_key_check) before it
// takes the name it was asked for; a failed backup leaves no file there.
//
//   WELKOM_ASSIGN_OR_RETURN(BackupReport r,
//       BackupDatabase("var/welkom.db", "/backups/welkom-1.db", {}));
#ifndef WELKOM_SERVER_STORE_BACKUP_H_
#define WELKOM_SERVER_STORE_BACKUP_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/database_check.h"
#include "server/store/sqlite.h"

namespace welkom::store {

// Called after each step of a copy with the bytes copied so far and the
// bytes in all.
using CopyProgress = std::function<void(int64_t done, int64_t total)>;

// Copies the database `source` is open on to `dest` (a connection to a new
// or empty file) with the online backup API. If `source` is in a read
// transaction, the copy is that snapshot, however long it takes and whatever
// others write meanwhile; otherwise each step is a snapshot of its own and
// SQLite starts over when another connection writes in between.
absl::Status CopyPages(Connection& source, Connection& dest,
                       const CopyProgress& progress);

struct BackupReport {
  int64_t pages = 0;
  int64_t page_size = 0;
  int64_t audit_rows = 0;  // rows taken from the audit journal
};

// Backs up the database at `db_path` (welkomd may be serving it) to `dest`,
// which must not exist yet. Writes `dest`.partial first; checks it; then
// renames it to `dest` and syncs both.
absl::StatusOr<BackupReport> BackupDatabase(const std::string& db_path,
                                            const std::string& dest,
                                            const CopyProgress& progress);

struct RestoreReport {
  int64_t pages = 0;
  int64_t page_size = 0;
  // Where the database that was replaced now is (with its -wal and -audit),
  // or empty when there was none.
  std::string replaced;
};

// Replaces the database at `db_path` with the backup `from`. Refuses
// (FAILED_PRECONDITION) while a welkomd holds the database (DatabaseLock),
// and refuses a backup that fails the full check. Moves the old database
// and its -wal and -audit aside to `<db_path>.before-restore` (replacing
// an earlier set there), removes the -shm, so no stale file is ever read
// with the restored one, then checks the result.
absl::StatusOr<RestoreReport> RestoreDatabase(const std::string& from,
                                              const std::string& db_path,
                                              const CopyProgress& progress);

// Opens the file at `path` read-only (NOT_FOUND if there is none) and checks
// it; with the full depth also reads the audit journal beside it, if any.
absl::StatusOr<DatabaseCheck> VerifyDatabase(const std::string& path,
                                             CheckDepth depth);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_BACKUP_H_
