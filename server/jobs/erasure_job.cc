#include "server/jobs/erasure_job.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/erasure.h"
#include "server/store/erasure_store.h"

namespace welkom::jobs {
namespace {

constexpr int kBatch = 100;

}  // namespace

absl::StatusOr<int> ErasureJob::RunOnce(absl::Time now) {
  const int64_t seconds = absl::ToUnixSeconds(now);
  int total = 0;
  while (true) {
    std::vector<std::string> due;
    WELKOM_RETURN_IF_ERROR(db_->Read([&](store::Connection& c) -> absl::Status {
      WELKOM_ASSIGN_OR_RETURN(due, store::ListDueErasures(c, seconds, kBatch));
      return absl::OkStatus();
    }));
    for (const std::string& user_id : due) {
      WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) {
        return flows::EraseMember(c, user_id, seconds);
      }));
    }
    total += static_cast<int>(due.size());
    if (due.size() < static_cast<size_t>(kBatch)) break;
  }
  int64_t latest = 0;
  WELKOM_RETURN_IF_ERROR(db_->Read([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(latest, store::LatestErasureTime(c));
    return absl::OkStatus();
  }));
  if (latest > wal_clean_since_) {
    WELKOM_RETURN_IF_ERROR(db_->TruncateWal());
    wal_clean_since_ = latest;
  }
  if (total > 0) {
    // No personal data in the log: only how many.
    Log(LogLevel::kInfo, "members_erased", {{"count", absl::StrCat(total)}});
  }
  return total;
}

}  // namespace welkom::jobs
