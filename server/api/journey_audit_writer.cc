#include "server/api/journey_audit_writer.h"

#include "server/base/status_macros.h"

namespace welkom::api {

// A call waits until its batch is written or nobody is writing.
struct JourneyAuditWriter::Waiting {
  const Batch* batch;
  const bool* writing;
  bool Ready() const { return batch->done || !*writing; }
};

absl::Status JourneyAuditWriter::Append(
    const std::vector<store::AuditRow>& rows) {
  if (rows.empty()) return absl::OkStatus();
  absl::MutexLock lock(&mu_);
  if (open_ == nullptr) open_ = std::make_shared<Batch>();
  std::shared_ptr<Batch> mine = open_;
  mine->rows.insert(mine->rows.end(), rows.begin(), rows.end());
  while (!mine->done) {
    if (writing_) {
      // Another call is writing; ours goes with the next transaction.
      Waiting waiting{mine.get(), &writing_};
      mu_.Await(absl::Condition(&waiting, &Waiting::Ready));
      continue;
    }
    // Not written and nobody writing: `mine` is still the open batch, and
    // this call writes it with everything that joined it.
    writing_ = true;
    std::shared_ptr<Batch> batch = std::move(open_);
    open_ = nullptr;
    mu_.Unlock();
    absl::Status status = db_->Write([&](store::Connection& c) -> absl::Status {
      for (const store::AuditRow& row : batch->rows) {
        WELKOM_RETURN_IF_ERROR(store::InsertAuditEntry(c, row));
      }
      return absl::OkStatus();
    });
    mu_.Lock();
    batch->status = std::move(status);
    batch->done = true;
    writing_ = false;
  }
  return mine->status;
}

}  // namespace welkom::api
