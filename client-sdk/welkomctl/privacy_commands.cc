// welkomctl export: the person's copy of everything Welkom holds about them,
// saved as a JSON file only they can read.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
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

}  // namespace

absl::Status RunPrivacyCommand(Client& client,
                               const std::vector<std::string>& args) {
  if (args[0] == "export") return Export(client, args);
  return UsageError();
}

}  // namespace welkomctl
