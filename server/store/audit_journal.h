// File: audit_journal.h
// An append-only file of audit rows, beside the database (`<db>-audit`).
// A row appended here survives a crash of welkomd exactly as a committed
// SQLite transaction does under synchronous=NORMAL: the bytes are in the
// kernel once write() returns; a power cut may lose the last few.
//
// flows::JourneyAuditWriter appends the audit rows of reads here (one write()
// per call) and copies them into journey_audit in batches, so a read by HR
// or an advisor does not need a write transaction of its own, and the main
// database file does not change with every read (each change empties every
// reader connection's page cache).
//
// Format: a header line "welkom-audit-journal 1 <generation>\n", then one
// line per row, its fields tab-separated and C-escaped. A line without its
// newline (a write cut short) is ignored. Restart() empties the file and
// gives it a new generation, so a copy offset stored for the old one is
// never applied to the new one.
#ifndef WELKOM_SERVER_STORE_AUDIT_JOURNAL_H_
#define WELKOM_SERVER_STORE_AUDIT_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/journey_audit_store.h"

namespace welkom::store {

class AuditJournal {
 public:
  // Opens `path`, or creates it (mode 0600) with a new generation.
  static absl::StatusOr<std::unique_ptr<AuditJournal>> Open(
      const std::string& path);
  // Opens `path` to read only, while the welkomd that appends to it may run
  // (for a backup): NOT_FOUND if there is no file, or no whole header yet.
  // ReadFrom then reads up to the size the file had here; Append and Restart
  // fail.
  static absl::StatusOr<std::unique_ptr<AuditJournal>> OpenForReading(
      const std::string& path);
  ~AuditJournal();
  AuditJournal(const AuditJournal&) = delete;
  AuditJournal& operator=(const AuditJournal&) = delete;

  // Appends `rows` with one write(). On an error nothing of them stays in
  // the file.
  absl::Status Append(const std::vector<AuditRow>& rows);

  struct Records {
    std::vector<AuditRow> rows;
    int64_t end = 0;  // offset after the last whole record read
  };
  // The whole records from `offset` (at least header_bytes()) to the end.
  absl::StatusOr<Records> ReadFrom(int64_t offset) const;

  // Empties the file and starts a new generation.
  absl::Status Restart();

  const std::string& generation() const { return generation_; }
  int64_t header_bytes() const { return header_bytes_; }
  int64_t size() const { return size_; }

 private:
  AuditJournal(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  absl::Status WriteHeader();
  // Reads the size and the header. NOT_FOUND: no whole header line.
  absl::Status ReadHeader();

  std::string path_;
  int fd_;
  std::string generation_;
  int64_t header_bytes_ = 0;
  int64_t size_ = 0;  // bytes written so far
};

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_AUDIT_JOURNAL_H_
