// File: database.h
// The embedded SQLite database: one writer connection and a pool of readers
// over one file in WAL mode, with numbered migrations applied at open.
//
//   WELKOM_ASSIGN_OR_RETURN(auto db, Database::Open({.path = "var/welkom.db"}));
//   WELKOM_RETURN_IF_ERROR(db->Write([&](Connection& c) { ... }));
#ifndef WELKOM_SERVER_STORE_DATABASE_H_
#define WELKOM_SERVER_STORE_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
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
  };

  // Opens or creates the file and applies every pending migration in one
  // transaction. If any migration fails, the file is left exactly as it was
  // and the error names the migration.
  static absl::StatusOr<std::unique_ptr<Database>> Open(Options options);
  ~Database();

  // Runs `fn` in BEGIN IMMEDIATE ... COMMIT on the single writer connection.
  // If `fn` returns an error, or the commit fails, everything it wrote is
  // rolled back and the error returned: a change fully happens or not at all.
  absl::Status Write(absl::FunctionRef<absl::Status(Connection&)> fn);

  // Runs `fn` in a read transaction (one consistent snapshot) on one of the
  // reader connections; waits while all readers are busy.
  absl::Status Read(absl::FunctionRef<absl::Status(Connection&)> fn) const;

  // The schema version (the highest migration applied).
  int schema_version() const { return schema_version_; }
  const std::string& path() const { return path_; }

  // Copies the live database to `dest` with SQLite's online backup API.
  absl::Status Backup(const std::string& dest) const;

 private:
  Database() = default;

  std::string path_;
  int schema_version_ = 0;
  absl::Mutex write_mu_;
  std::unique_ptr<Connection> writer_ ABSL_GUARDED_BY(write_mu_);
  mutable absl::Mutex read_mu_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_
      ABSL_GUARDED_BY(read_mu_);
};

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_DATABASE_H_
