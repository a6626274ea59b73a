// File: database_lock.h
// Who serves a database: welkomd holds an exclusive lock (flock) on the file
// `<db>-lock` beside it for as long as it runs, and `welkomd restore` holds
// it while it replaces the files. The kernel drops the lock when the
// process ends, a SIGKILL included, so a crash never leaves it stuck.
//
//   WELKOM_ASSIGN_OR_RETURN(auto lock, DatabaseLock::Acquire("var/welkom.db"));
#ifndef WELKOM_SERVER_STORE_DATABASE_LOCK_H_
#define WELKOM_SERVER_STORE_DATABASE_LOCK_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace welkom::store {

class DatabaseLock {
 public:
  // Takes the lock of the database at `db_path` without waiting. If another
  // process holds it, FAILED_PRECONDITION with a message naming the file and
  // the process id that holds it; if the lock file cannot be created, the
  // error names the directory welkomd needs to write.
  static absl::StatusOr<std::unique_ptr<DatabaseLock>> Acquire(
      const std::string& db_path);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

  static std::string PathFor(const std::string& db_path) {
    return db_path + "-lock";
  }

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_DATABASE_LOCK_H_
