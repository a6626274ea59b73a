// File: file_errors.h
// Errors of the files behind the store (the database, its -wal, -shm,
// -audit and -lock files) carry what an operator should do about them: the
// remedy names the file and the fix (free space, give welkomd write access,
// restore a backup). It rides on the Status as a payload, not in the
// message, so a caller's answer never shows server paths; the start-up error
// and the log put it in front of the operator (OperatorMessage, RemedyOf).
//
//   absl::Status s = FileError(errno, "open", path);
//   Log(..., {{"error", OperatorMessage(s)}});
#ifndef WELKOM_SERVER_STORE_FILE_ERRORS_H_
#define WELKOM_SERVER_STORE_FILE_ERRORS_H_

#include <sqlite3.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace welkom::store {

// `verb path: strerror(err)`; RESOURCE_EXHAUSTED for a full disk, INTERNAL
// otherwise, with the remedy attached when there is one.
absl::Status FileError(int err, absl::string_view verb,
                       const std::string& path);

// What to do about SQLite's `rc` on `db` (its file, its system errno), or
// empty when the error is not about the file (a constraint, a busy lock).
std::string SqliteRemedy(sqlite3* db, int rc);

// What to do about a damaged database file at `path`: verify, restore.
std::string DamagedFileRemedy(const std::string& path);

// Attaches `remedy` (nothing when empty).
void AttachRemedy(absl::Status& status, const std::string& remedy);
std::optional<std::string> RemedyOf(const absl::Status& status);

// The message, then the remedy: for the start-up error and the log.
std::string OperatorMessage(const absl::Status& status);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_FILE_ERRORS_H_
