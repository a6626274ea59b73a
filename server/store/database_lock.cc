#include "server/store/database_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/store/file_errors.h"

namespace welkom::store {

absl::StatusOr<std::unique_ptr<DatabaseLock>> DatabaseLock::Acquire(
    const std::string& db_path) {
  const std::string path = PathFor(db_path);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return FileError(errno, "create", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
    ::close(fd);
    if (err != EWOULDBLOCK) return FileError(err, "lock", path);
    int pid = 0;
    std::string holder = "another process";
    if (n > 0 && absl::SimpleAtoi(absl::StripAsciiWhitespace(buf), &pid)) {
      holder = absl::StrCat("process ", pid);
    }
    return absl::FailedPreconditionError(absl::StrCat(
        db_path, " is in use: ", holder, " holds ", path,
        " (a welkomd serving it, or a restore). Stop that welkomd first "
        "(systemctl stop welkomd), or give this one another --db."));
  }
  // The holder's pid, for the message above; the lock itself is the flock.
  const std::string pid = absl::StrCat(::getpid(), "\n");
  if (::ftruncate(fd, 0) == 0) {
    ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
    (void)written;
  }
  return std::unique_ptr<DatabaseLock>(new DatabaseLock(fd));
}

DatabaseLock::~DatabaseLock() { ::close(fd_); }

}  // namespace welkom::store
