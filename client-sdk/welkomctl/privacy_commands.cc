// welkomctl export and erase: the person's copy of everything Welkom holds
// about them, saved as a JSON file only they can read, and the erasure of
// a newcomer's or buddy's data (asked for only after typing "erase").
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "commands.h"

namespace welkomctl {
namespace {

using welkom::sdk::Client;

// Writes `data` to `path` (mode 0600: it is personal data), replacing it.
absl::Status WriteOwnFile(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  ::fchmod(fd, 0600);
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return absl::FailedPreconditionError(
          absl::StrCat("cannot write ", path, ": ", std::strerror(err)));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

// export FILE
absl::Status Export(Client& client, const std::vector<std::string>& args) {
  if (args.size() != 2) return UsageError();
  absl::StatusOr<std::string> json = client.ExportMyData();
  if (!json.ok()) return json.status();
  if (absl::Status s = WriteOwnFile(args[1], *json); !s.ok()) return s;
  std::printf("your data (%zu bytes of JSON) is in %s; only you can read it\n",
              json->size(), args[1].c_str());
  return absl::OkStatus();
}

void PrintErasure(const welkom::v1::ErasureStatus& status) {
  switch (status.state()) {
    case welkom::v1::ERASURE_STATE_SCHEDULED: {
      const std::string day = absl::FormatTime(
          "%Y-%m-%d", absl::FromUnixSeconds(status.erase_time().seconds()),
          absl::LocalTimeZone());
      std::printf(
          "your data will be erased on %s; until then `welkomctl export "
          "FILE` saves a copy and `welkomctl erase cancel` calls it off\n",
          day.c_str());
      break;
    }
    case welkom::v1::ERASURE_STATE_ERASED:
      std::printf("your data has been erased; this account no longer exists\n");
      break;
    default:
      std::printf("no erasure is scheduled\n");
  }
}

// erase [status] | erase request | erase cancel
absl::Status Erase(Client& client, const std::vector<std::string>& args) {
  const std::string what = args.size() > 1 ? args[1] : "status";
  if (args.size() > 2) return UsageError();
  absl::StatusOr<welkom::v1::ErasureStatus> status;
  if (what == "status") {
    status = client.GetErasureStatus();
  } else if (what == "cancel") {
    status = client.CancelErasure();
  } else if (what == "request") {
    std::printf(
        "This erases your name, e-mail address, journey notes, check-in "
        "comments and everything else that is yours, after a few days in "
        "which you can still call it off. Type 'erase' to go on: ");
    std::fflush(stdout);
    char line[64] = {0};
    if (std::fgets(line, sizeof line, stdin) == nullptr ||
        std::string(line).rfind("erase", 0) != 0) {
      std::printf("\nnothing asked\n");
      return absl::CancelledError("not confirmed");
    }
    status = client.RequestErasure();
  } else {
    return UsageError();
  }
  if (!status.ok()) return status.status();
  PrintErasure(*status);
  if (status->state() == welkom::v1::ERASURE_STATE_ERASED) {
    return client.Logout();
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunPrivacyCommand(Client& client,
                               const std::vector<std::string>& args) {
  if (args[0] == "export") return Export(client, args);
  if (args[0] == "erase") return Erase(client, args);
  return UsageError();
}

}  // namespace welkomctl
