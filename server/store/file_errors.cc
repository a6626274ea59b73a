#include "server/store/file_errors.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace welkom::store {
namespace {

constexpr char kRemedyUrl[] = "welkom.remedy";

std::string DirOf(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  return dir.empty() ? std::string(".") : dir.string();
}

std::string DiskFull(const std::string& path) {
  return absl::StrCat("the disk holding ", DirOf(path),
                      " is full: free space there (old backups, logs); "
                      "welkomd writes again once there is room");
}

std::string NoWriteAccess(const std::string& path) {
  return absl::StrCat(
      "welkomd cannot write ", path, " or its directory ", DirOf(path),
      ": the user welkomd runs as must be able to write both (the database "
      "keeps its -wal, -shm, -audit and -lock files beside it); check owner "
      "and mode (e.g. chown -R welkom: ",
      DirOf(path), ") and that the file system is not mounted read-only");
}

std::string RestoreHint(const std::string& path) {
  return absl::StrCat("run `welkomd verify --db ", path,
                      "`, then restore the latest backup with `welkomd "
                      "restore --from BACKUP --db ",
                      path, "` (docs/OPERATIONS.md, \"Restore\")");
}

std::string ForErrno(int err, const std::string& path) {
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return DiskFull(path);
    case EACCES:
    case EPERM:
    case EROFS:
      return NoWriteAccess(path);
    default:
      return "";
  }
}

}  // namespace

std::string DamagedFileRemedy(const std::string& path) {
  return absl::StrCat(
      "stop welkomd, ", RestoreHint(path), ". If an older ", path,
      " was copied back beside newer -wal, -shm and -audit files, that is "
      "the cause: restore puts the backup in place without them");
}

absl::Status FileError(int err, absl::string_view verb,
                       const std::string& path) {
  std::string message = absl::StrCat(verb, " ", path, ": ", std::strerror(err));
  absl::Status status = err == ENOSPC || err == EDQUOT
                            ? absl::ResourceExhaustedError(message)
                            : absl::InternalError(message);
  AttachRemedy(status, ForErrno(err, path));
  return status;
}

std::string SqliteRemedy(sqlite3* db, int rc) {
  const char* name = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  if (name == nullptr || *name == '\0') return "";
  const std::string path = name;
  const int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return DiskFull(path);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return NoWriteAccess(path);
    case SQLITE_NOTADB:
      return absl::StrCat(path,
                          " is not a SQLite database (a wrong --db, or a "
                          "damaged file): check --db; if it is the right "
                          "file, ",
                          RestoreHint(path));
    case SQLITE_CORRUPT:
      return absl::StrCat(path, " is damaged: ", DamagedFileRemedy(path));
    case SQLITE_IOERR: {
      std::string remedy = ForErrno(sys, path);
      if (!remedy.empty()) return remedy;
      return absl::StrCat("reading or writing ", path, " failed",
                          sys != 0 ? absl::StrCat(" (", std::strerror(sys), ")")
                                   : std::string(),
                          ": check the disk (dmesg), then ", RestoreHint(path));
    }
    default:
      return "";
  }
}

void AttachRemedy(absl::Status& status, const std::string& remedy) {
  if (!status.ok() && !remedy.empty()) {
    status.SetPayload(kRemedyUrl, absl::Cord(remedy));
  }
}

std::optional<std::string> RemedyOf(const absl::Status& status) {
  auto remedy = status.GetPayload(kRemedyUrl);
  if (!remedy.has_value()) return std::nullopt;
  return std::string(*remedy);
}

std::string OperatorMessage(const absl::Status& status) {
  std::string out(status.message());
  if (std::optional<std::string> remedy = RemedyOf(status)) {
    absl::StrAppend(&out, ". What to do: ", *remedy);
  }
  return out;
}

}  // namespace welkom::store
