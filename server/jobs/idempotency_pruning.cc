#include "server/jobs/idempotency_pruning.h"

#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/store/identity_store.h"

namespace welkom::jobs {

IdempotencyPruning::IdempotencyPruning(store::Database* db, Options options)
    : db_(db), options_(options) {}

absl::StatusOr<int> IdempotencyPruning::RunOnce(absl::Time now) {
  const int64_t before = absl::ToUnixSeconds(now - options_.keep);
  int total = 0;
  while (true) {
    int deleted = 0;
    WELKOM_RETURN_IF_ERROR(
        db_->Write([&](store::Connection& c) -> absl::Status {
          WELKOM_ASSIGN_OR_RETURN(
              deleted, store::DeleteIdempotentResponsesBefore(c, before,
                                                              options_.batch));
          return absl::OkStatus();
        }));
    total += deleted;
    if (deleted < options_.batch) break;
  }
  if (total > 0) {
    Log(LogLevel::kInfo, "idempotency_pruned",
        {{"deleted", absl::StrCat(total)}});
  }
  return total;
}

}  // namespace welkom::jobs
