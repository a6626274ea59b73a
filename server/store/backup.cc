#include "server/store/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/store/audit_journal.h"
#include "server/store/database_lock.h"
#include "server/store/file_errors.h"
#include "server/store/journey_audit_store.h"

namespace welkom::store {
namespace {

namespace fs = std::filesystem;

// 4 MiB at SQLite's default page size: a step holds no lock of the source
// (a read snapshot needs none in WAL mode), so the size only paces progress.
constexpr int kPagesPerStep = 1024;

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

void RemoveQuietly(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

// A database file and what SQLite keeps beside it.
void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    RemoveQuietly(path + suffix);
  }
}

absl::Status Sync(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(),
                  (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  if (fd < 0) return FileError(errno, "open", path);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return FileError(err, "fsync", path);
  return absl::OkStatus();
}

std::string DirOf(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  return dir.empty() ? std::string(".") : dir.string();
}

absl::Status Rename(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    return FileError(errno, absl::StrCat("rename ", from, " to"), to);
  }
  return absl::OkStatus();
}

absl::Status Rollback(Connection& c, absl::Status status) {
  c.ResetStatements();
  c.RunCached("ROLLBACK").IgnoreError();
  return status;
}

// Opens a read transaction on `source` and returns the audit journal's rows
// that are not in that snapshot's journey_audit. The journal is read after
// the snapshot began, so a row copied into the database after it is still
// in the journal, past the offset the snapshot records. Only a journal that
// starts over between the two reads (once every 4 MiB of audit rows) could
// take rows away: then the generations differ, and the snapshot is taken
// again.
absl::StatusOr<std::vector<AuditRow>> BeginSnapshot(
    Connection& source, const std::string& journal_path) {
  for (int attempt = 0;; ++attempt) {
    WELKOM_RETURN_IF_ERROR(source.RunCached("BEGIN"));
    absl::StatusOr<AuditJournalState> state = GetAuditJournalState(source);
    source.ResetStatements();
    if (!state.ok()) return Rollback(source, state.status());
    absl::StatusOr<std::unique_ptr<AuditJournal>> journal =
        AuditJournal::OpenForReading(journal_path);
    if (absl::IsNotFound(journal.status())) return std::vector<AuditRow>{};
    if (!journal.ok()) return Rollback(source, journal.status());
    const bool same = state->generation == (*journal)->generation();
    // A state that stays on another generation was left by a restart whose
    // write failed: then, as at welkomd's start, all of the journal counts.
    if (!same && attempt < 20) {
      Rollback(source, absl::OkStatus()).IgnoreError();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    absl::StatusOr<AuditJournal::Records> records = (*journal)->ReadFrom(
        same ? state->copied_bytes : (*journal)->header_bytes());
    if (!records.ok()) return Rollback(source, records.status());
    return std::move(records->rows);
  }
}

absl::Status AddAuditRows(Connection& c, const std::vector<AuditRow>& rows) {
  WELKOM_RETURN_IF_ERROR(c.RunCached("BEGIN IMMEDIATE"));
  absl::Status status = [&]() -> absl::Status {
    for (const AuditRow& row : rows) {
      WELKOM_RETURN_IF_ERROR(InsertAuditEntryIfJourneyExists(c, row));
    }
    // The backup has no journal: a restored database starts a new one.
    return SetAuditJournalState(c, {});
  }();
  c.ResetStatements();
  if (!status.ok()) return Rollback(c, status);
  return c.RunCached("COMMIT");
}

// One self-contained file: no -wal to carry along or lose.
absl::Status Seal(std::unique_ptr<Connection> conn, const std::string& path) {
  WELKOM_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode=DELETE"));
  conn.reset();
  return Sync(path, /*directory=*/false);
}

std::string FirstProblems(const DatabaseCheck& check) {
  std::string out = check.problems.front();
  if (check.problems.size() > 1) {
    absl::StrAppend(&out, " (and ", check.problems.size() - 1, " more)");
  }
  return out;
}

}  // namespace

absl::Status CopyPages(Connection& source, Connection& dest,
                       const CopyProgress& progress) {
  int64_t page_size = 0;
  {
    WELKOM_ASSIGN_OR_RETURN(Statement * st, source.Prepare("PRAGMA page_size"));
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kRow) page_size = st->Int(0);
    st->Reset();
  }
  sqlite3_backup* backup =
      sqlite3_backup_init(dest.raw(), "main", source.raw(), "main");
  if (backup == nullptr) {
    return SqliteError(dest.raw(), sqlite3_errcode(dest.raw()), "backup init");
  }
  int rc = SQLITE_OK;
  int busy = 0;
  while (true) {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (progress) {
      const int64_t total = sqlite3_backup_pagecount(backup);
      progress((total - sqlite3_backup_remaining(backup)) * page_size,
               total * page_size);
    }
    if (rc == SQLITE_OK) continue;
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy < 500) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteError(dest.raw(), rc, "backup");
  return absl::OkStatus();
}

absl::StatusOr<BackupReport> BackupDatabase(const std::string& db_path,
                                            const std::string& dest,
                                            const CopyProgress& progress) {
  if (!Exists(db_path)) {
    return absl::NotFoundError(absl::StrCat("no database at ", db_path));
  }
  if (Exists(dest)) {
    return absl::AlreadyExistsError(absl::StrCat(
        dest,
        " exists already: a backup never overwrites one; give --to a "
        "new name"));
  }
  const std::string partial = dest + ".partial";
  RemoveDatabaseFiles(partial);
  BackupReport report;
  absl::Status status = [&]() -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(auto source, Connection::Open(db_path, false));
    WELKOM_ASSIGN_OR_RETURN(auto target, Connection::Open(partial, false));
    WELKOM_ASSIGN_OR_RETURN(std::vector<AuditRow> journal_rows,
                            BeginSnapshot(*source, db_path + "-audit"));
    absl::Status copied = CopyPages(*source, *target, progress);
    source->ResetStatements();
    source->RunCached("COMMIT").IgnoreError();
    WELKOM_RETURN_IF_ERROR(copied);
    source.reset();
    WELKOM_RETURN_IF_ERROR(AddAuditRows(*target, journal_rows));
    report.audit_rows = static_cast<int64_t>(journal_rows.size());
    WELKOM_RETURN_IF_ERROR(Seal(std::move(target), partial));
    WELKOM_ASSIGN_OR_RETURN(DatabaseCheck check,
                            VerifyDatabase(partial, CheckDepth::kFull));
    if (!check.ok()) {
      return absl::DataLossError(
          absl::StrCat("the copy failed its check: ", FirstProblems(check),
                       "; run `welkomd verify --db ", db_path, "`"));
    }
    report.pages = check.pages;
    report.page_size = check.page_size;
    WELKOM_RETURN_IF_ERROR(Rename(partial, dest));
    return Sync(DirOf(dest), /*directory=*/true);
  }();
  if (!status.ok()) {
    RemoveDatabaseFiles(partial);
    return status;
  }
  return report;
}

absl::StatusOr<RestoreReport> RestoreDatabase(const std::string& from,
                                              const std::string& db_path,
                                              const CopyProgress& progress) {
  WELKOM_ASSIGN_OR_RETURN(std::unique_ptr<DatabaseLock> lock,
                          DatabaseLock::Acquire(db_path));
  WELKOM_ASSIGN_OR_RETURN(DatabaseCheck check,
                          VerifyDatabase(from, CheckDepth::kFull));
  if (!check.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(from, " failed its check, so nothing was restored: ",
                     FirstProblems(check), ". Try an older backup."));
  }
  const std::string restoring = db_path + ".restoring";
  RemoveDatabaseFiles(restoring);
  RestoreReport report;
  absl::Status status = [&]() -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(auto source, Connection::Open(from, true));
    WELKOM_ASSIGN_OR_RETURN(
        Statement * ledger,
        source->Prepare("SELECT COUNT(*) FROM sqlite_master "
                        "WHERE name = 'schema_migrations'"));
    WELKOM_ASSIGN_OR_RETURN(Row row, ledger->Step());
    if (row != Row::kRow || ledger->Int(0) != 1) {
      return absl::FailedPreconditionError(
          absl::StrCat(from,
                       " is a SQLite database but not Welkom's (no "
                       "schema_migrations): nothing was restored"));
    }
    source->ResetStatements();
    WELKOM_ASSIGN_OR_RETURN(auto target, Connection::Open(restoring, false));
    WELKOM_RETURN_IF_ERROR(CopyPages(*source, *target, progress));
    source.reset();
    return Seal(std::move(target), restoring);
  }();
  if (!status.ok()) {
    RemoveDatabaseFiles(restoring);
    return status;
  }
  // The replaced files go aside together, so they still open as one
  // database; a -shm is only an index of its -wal and never kept.
  if (Exists(db_path)) {
    report.replaced = db_path + ".before-restore";
    for (const char* suffix : {"", "-wal", "-shm", "-audit", "-journal"}) {
      RemoveQuietly(report.replaced + suffix);
    }
    for (const char* suffix : {"", "-wal", "-audit", "-journal"}) {
      if (!Exists(db_path + suffix)) continue;
      WELKOM_RETURN_IF_ERROR(
          Rename(db_path + suffix, report.replaced + suffix));
    }
  }
  for (const char* suffix : {"-wal", "-shm", "-audit", "-journal"}) {
    RemoveQuietly(db_path + suffix);
  }
  WELKOM_RETURN_IF_ERROR(Rename(restoring, db_path));
  WELKOM_RETURN_IF_ERROR(Sync(DirOf(db_path), /*directory=*/true));
  WELKOM_ASSIGN_OR_RETURN(DatabaseCheck after,
                          VerifyDatabase(db_path, CheckDepth::kQuick));
  if (!after.ok()) {
    return absl::DataLossError(absl::StrCat(
        db_path, " failed its check after the restore: ", FirstProblems(after),
        ". The database it replaced is ", report.replaced));
  }
  report.pages = after.pages;
  report.page_size = after.page_size;
  return report;
}

absl::StatusOr<DatabaseCheck> VerifyDatabase(const std::string& path,
                                             CheckDepth depth) {
  if (!Exists(path)) {
    return absl::NotFoundError(absl::StrCat("no database at ", path));
  }
  DatabaseCheck check;
  {
    absl::StatusOr<std::unique_ptr<Connection>> conn =
        Connection::Open(path, /*read_only=*/true);
    if (absl::IsDataLoss(conn.status())) {
      check.problems.push_back(OperatorMessage(conn.status()));
      return check;
    }
    if (!conn.ok()) return conn.status();
    WELKOM_ASSIGN_OR_RETURN(check, CheckDatabase(**conn, depth));
  }
  if (depth == CheckDepth::kFull) {
    absl::StatusOr<std::unique_ptr<AuditJournal>> journal =
        AuditJournal::OpenForReading(path + "-audit");
    absl::Status read = journal.status();
    if (journal.ok()) read = (*journal)->ReadFrom(0).status();
    if (!read.ok() && !absl::IsNotFound(read)) {
      check.problems.push_back(absl::StrCat("audit journal: ", read.message()));
    }
  }
  return check;
}

}  // namespace welkom::store
