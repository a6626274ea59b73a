#include "server/store/audit_journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/base/status_macros.h"
#include "server/store/file_errors.h"

namespace welkom::store {
namespace {

constexpr char kMagic[] = "welkom-audit-journal 1 ";

absl::Status Errno(absl::string_view what, const std::string& path) {
  return FileError(errno, what, path);
}

std::string NewGeneration() {
  std::random_device rd;
  return absl::StrFormat("%08x%08x", rd(), rd());
}

void EncodeRow(const AuditRow& r, std::string* out) {
  absl::StrAppend(out, absl::CEscape(r.journey_id), "\t", r.at, "\t",
                  absl::CEscape(r.actor_id), "\t", r.actor_role, "\t",
                  absl::CEscape(r.actor_org_id), "\t", r.action, "\t",
                  absl::CEscape(r.detail), "\t", r.at_micros, "\n");
}

bool DecodeRow(absl::string_view line, AuditRow* r) {
  std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
  return f.size() == 8 && absl::CUnescape(f[0], &r->journey_id) &&
         absl::SimpleAtoi(f[1], &r->at) &&
         absl::CUnescape(f[2], &r->actor_id) &&
         absl::SimpleAtoi(f[3], &r->actor_role) &&
         absl::CUnescape(f[4], &r->actor_org_id) &&
         absl::SimpleAtoi(f[5], &r->action) &&
         absl::CUnescape(f[6], &r->detail) &&
         absl::SimpleAtoi(f[7], &r->at_micros);
}

absl::Status WriteAll(int fd, absl::string_view bytes,
                      const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("write", path);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<AuditJournal>> AuditJournal::Open(
    const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("open", path);
  std::unique_ptr<AuditJournal> j(new AuditJournal(path, fd));
  absl::Status header = j->ReadHeader();
  if (header.ok()) return j;
  if (!absl::IsNotFound(header)) return header;
  // New, or its header was cut short: nothing in it was ever acknowledged.
  if (::ftruncate(fd, 0) != 0) return Errno("truncate", path);
  j->size_ = 0;
  j->generation_ = NewGeneration();
  if (absl::Status s = j->WriteHeader(); !s.ok()) return s;
  return j;
}

absl::StatusOr<std::unique_ptr<AuditJournal>> AuditJournal::OpenForReading(
    const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    return absl::NotFoundError(absl::StrCat(path, ": no audit journal"));
  }
  if (fd < 0) return Errno("open", path);
  std::unique_ptr<AuditJournal> j(new AuditJournal(path, fd));
  WELKOM_RETURN_IF_ERROR(j->ReadHeader());
  return j;
}

absl::Status AuditJournal::ReadHeader() {
  struct stat st;
  if (::fstat(fd_, &st) != 0) return Errno("stat", path_);
  size_ = st.st_size;
  std::string head(64, '\0');
  ssize_t n = ::pread(fd_, head.data(), head.size(), 0);
  if (n < 0) return Errno("read", path_);
  head.resize(static_cast<size_t>(n));
  absl::string_view line = head;
  size_t newline = line.find('\n');
  if (newline == absl::string_view::npos) {
    return absl::NotFoundError(absl::StrCat(path_, ": no header"));
  }
  if (!absl::ConsumePrefix(&line, kMagic)) {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, ": not an audit journal"));
  }
  generation_ = std::string(line.substr(0, newline - (sizeof(kMagic) - 1)));
  header_bytes_ = static_cast<int64_t>(newline + 1);
  return absl::OkStatus();
}

AuditJournal::~AuditJournal() { ::close(fd_); }

absl::Status AuditJournal::WriteHeader() {
  std::string header = absl::StrCat(kMagic, generation_, "\n");
  if (absl::Status s = WriteAll(fd_, header, path_); !s.ok()) return s;
  header_bytes_ = static_cast<int64_t>(header.size());
  size_ = header_bytes_;
  return absl::OkStatus();
}

absl::Status AuditJournal::Append(const std::vector<AuditRow>& rows) {
  std::string bytes;
  for (const AuditRow& r : rows) EncodeRow(r, &bytes);
  absl::Status status = WriteAll(fd_, bytes, path_);
  if (!status.ok()) {
    // A write cut short (disk full) must not leave half a record that the
    // next append would run into.
    if (::ftruncate(fd_, size_) != 0) return Errno("truncate", path_);
    return status;
  }
  size_ += static_cast<int64_t>(bytes.size());
  return absl::OkStatus();
}

absl::StatusOr<AuditJournal::Records> AuditJournal::ReadFrom(
    int64_t offset) const {
  offset = std::max(offset, header_bytes_);
  Records out;
  out.end = offset;
  std::string bytes(static_cast<size_t>(std::max<int64_t>(0, size_ - offset)),
                    '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::pread(fd_, bytes.data() + got, bytes.size() - got,
                        offset + static_cast<int64_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("read", path_);
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  absl::string_view rest(bytes.data(), got);
  while (true) {
    size_t newline = rest.find('\n');
    if (newline == absl::string_view::npos) break;  // none, or cut short
    AuditRow row;
    if (!DecodeRow(rest.substr(0, newline), &row)) {
      return absl::DataLossError(
          absl::StrCat(path_, ": unreadable record at byte ", out.end));
    }
    out.rows.push_back(std::move(row));
    out.end += static_cast<int64_t>(newline + 1);
    rest.remove_prefix(newline + 1);
  }
  return out;
}

absl::Status AuditJournal::Restart() {
  if (::ftruncate(fd_, 0) != 0) return Errno("truncate", path_);
  size_ = 0;
  generation_ = NewGeneration();
  return WriteHeader();
}

}  // namespace welkom::store
