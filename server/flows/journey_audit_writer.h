// File: journey_audit_writer.h
// Appends the audit entries of journey reads (GetJourney, ListJourneys,
// ListOverdue by HR and advisors).
//
// Append writes them to the audit journal beside the database
// (store::AuditJournal, one write() per call) and returns: from then on they
// survive a crash of welkomd as a committed transaction does. The writer's
// thread copies them into journey_audit, one transaction per batch (every
// 200 ms, or at 1,000 entries). So a read by others neither waits for a
// write transaction of its own nor changes the database file with every read
// (each change empties the page cache of every reader connection). Flush()
// returns once everything appended before it is in journey_audit; the
// newcomer's ListAuditLog calls it first, so it lists every read answered.
//
// Open() first copies what an earlier run left in the journal (after a crash),
// so entries are copied exactly once.
//
//   WELKOM_ASSIGN_OR_RETURN(auto writer,
//                           JourneyAuditWriter::Open(db, db_path + "-audit"));
//   WELKOM_RETURN_IF_ERROR(writer->Append(trail.rows()));
#ifndef WELKOM_SERVER_FLOWS_JOURNEY_AUDIT_WRITER_H_
#define WELKOM_SERVER_FLOWS_JOURNEY_AUDIT_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/store/audit_journal.h"
#include "server/store/database.h"
#include "server/store/journey_audit_store.h"

namespace welkom::flows {

class JourneyAuditWriter {
 public:
  struct Options {
    absl::Duration interval = absl::Milliseconds(200);  // between copies
    size_t batch = 1000;  // entries that start a copy before the interval
    // Journal size at which it starts over, once all of it is copied.
    int64_t restart_bytes = int64_t{4} << 20;
  };

  // Opens (or creates) the journal at `journal_path`, copies into `db` what
  // an earlier run left in it, and starts the copying thread. `db` must
  // outlive the writer.
  static absl::StatusOr<std::unique_ptr<JourneyAuditWriter>> Open(
      store::Database* db, const std::string& journal_path, Options options);
  static absl::StatusOr<std::unique_ptr<JourneyAuditWriter>> Open(
      store::Database* db, const std::string& journal_path) {
    return Open(db, journal_path, Options{});
  }
  // Copies what is pending, then stops the thread.
  ~JourneyAuditWriter();
  JourneyAuditWriter(const JourneyAuditWriter&) = delete;
  JourneyAuditWriter& operator=(const JourneyAuditWriter&) = delete;

  // Appends `rows` (nothing to do when empty) to the journal. On an error the
  // rows were not kept, and the read they audit must fail.
  absl::Status Append(const std::vector<store::AuditRow>& rows);

  // Returns once every row appended before the call is in journey_audit, or
  // with the error of the copy that failed meanwhile.
  absl::Status Flush();

 private:
  JourneyAuditWriter(store::Database* db,
                     std::unique_ptr<store::AuditJournal> journal,
                     Options options)
      : db_(db), options_(options), journal_(std::move(journal)) {}
  void Loop();
  // Copies all of pending_ in one transaction; releases mu_ meanwhile.
  void CopyPending() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Starts the journal over if it is big and all of it is copied.
  void MaybeRestart() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  store::Database* const db_;
  const Options options_;
  absl::Mutex mu_;
  std::unique_ptr<store::AuditJournal> journal_ ABSL_GUARDED_BY(mu_);
  std::vector<store::AuditRow> pending_ ABSL_GUARDED_BY(mu_);
  int64_t appended_ ABSL_GUARDED_BY(mu_) = 0;  // rows appended, ever
  int64_t copied_ ABSL_GUARDED_BY(mu_) = 0;    // rows copied, ever
  int64_t failures_ ABSL_GUARDED_BY(mu_) = 0;  // copies that failed, ever
  absl::Status last_error_ ABSL_GUARDED_BY(mu_);
  bool flush_requested_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_JOURNEY_AUDIT_WRITER_H_
