#include "server/jobs/retention_job.h"

#include <algorithm>
#include <functional>

#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/erasure.h"
#include "server/store/identity_store.h"
#include "server/store/retention_store.h"

namespace welkom::jobs {
namespace {

using Deletion =
    std::function<absl::StatusOr<int>(store::Connection&, int64_t, int)>;

}  // namespace

RetentionJob::RetentionJob(store::Database* db, Options options)
    : db_(db), options_(options) {}

absl::StatusOr<int> RetentionJob::RunOnce(absl::Time now) {
  const struct {
    const char* what;
    absl::Duration keep;
    Deletion deletion;
  } kinds[] = {
      {"sessions", options_.sessions, store::DeleteEndedSessions},
      {"invitations", options_.invitations, store::DeleteSpentInvitations},
      {"read_notifications", options_.read_notifications,
       store::DeleteReadNotifications},
      {"deliveries", options_.deliveries, store::DeleteFinishedDeliveries},
      {"idempotency", options_.idempotency,
       store::DeleteIdempotentResponsesBefore},
  };
  int total = 0;
  for (const auto& kind : kinds) {
    const int64_t before = absl::ToUnixSeconds(now - kind.keep);
    int deleted = 0;
    do {
      WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) {
        WELKOM_ASSIGN_OR_RETURN(deleted,
                                kind.deletion(c, before, options_.batch));
        return absl::OkStatus();
      }));
      total += deleted;
      if (deleted > 0) {
        Log(LogLevel::kInfo, "retention_deleted",
            {{"what", kind.what}, {"rows", absl::StrCat(deleted)}});
      }
    } while (deleted == options_.batch);
  }
  // Closed journeys: the notice goes `notice` before the erasure.
  const int64_t seconds = absl::ToUnixSeconds(now);
  const int64_t closed_before =
      absl::ToUnixSeconds(now - (options_.after_close - options_.notice));
  const int64_t after_close = absl::ToInt64Seconds(options_.after_close);
  int scheduled = 0;
  WELKOM_RETURN_IF_ERROR(db_->Write([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(
        std::vector<store::ClosedJourneyRow> closed,
        store::ListClosedJourneysToErase(c, closed_before, options_.batch));
    for (const store::ClosedJourneyRow& j : closed) {
      WELKOM_RETURN_IF_ERROR(flows::ScheduleErasureAfterClose(
          c, j.newcomer_id, seconds,
          std::max(seconds, j.closed_at + after_close)));
    }
    scheduled = static_cast<int>(closed.size());
    return absl::OkStatus();
  }));
  if (scheduled > 0) {
    Log(LogLevel::kInfo, "retention_erasures_scheduled",
        {{"newcomers", absl::StrCat(scheduled)}});
  }
  return total + scheduled;
}

}  // namespace welkom::jobs
