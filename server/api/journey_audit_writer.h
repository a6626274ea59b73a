// File: journey_audit_writer.h
// Appends the audit entries of journey reads (GetJourney, ListJourneys,
// ListOverdue by HR and advisors) with group commit: calls that arrive
// while a write is running are written together in the next single write
// transaction, so concurrent reads by others do not queue for one writer
// transaction each. Append returns only once the entries are committed (or
// with the error that stopped them): a read is never answered unaudited.
//
//   JourneyAuditWriter writer(db);
//   WELKOM_RETURN_IF_ERROR(writer.Append(trail));
#ifndef WELKOM_SERVER_API_JOURNEY_AUDIT_WRITER_H_
#define WELKOM_SERVER_API_JOURNEY_AUDIT_WRITER_H_

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "server/store/database.h"
#include "server/store/journey_audit_store.h"

namespace welkom::api {

class JourneyAuditWriter {
 public:
  // `db` must outlive the writer.
  explicit JourneyAuditWriter(store::Database* db) : db_(db) {}

  // Writes `rows` (nothing to do when empty) in a write transaction shared
  // with the other calls waiting meanwhile; blocks until it committed. An
  // error of that transaction is returned to every call in it.
  absl::Status Append(const std::vector<store::AuditRow>& rows);

 private:
  struct Batch {
    std::vector<store::AuditRow> rows;
    bool done = false;
    absl::Status status;
  };
  struct Waiting;

  store::Database* db_;
  absl::Mutex mu_;
  std::shared_ptr<Batch> open_ ABSL_GUARDED_BY(mu_);  // collecting entries
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_JOURNEY_AUDIT_WRITER_H_
