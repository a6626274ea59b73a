// File: retention_job.h
// Keeps personal data only as long as it serves its purpose (GDPR art.
// 5(1)(e)), with the limits of docs/PRIVACY.md (each a welkomd flag):
// ended sessions, spent invitations, read notifications, finished
// deliveries and remembered answers (idempotency: a phone's outbox replays
// within minutes to days; a replay later runs as a new call, which an etag
// or the step's state makes harmless) are deleted after their limit, and a
// newcomer whose journey closed (after day 90) is scheduled for erasure
// `after_close` later, with the notice `notice` before it that names the
// export; jobs::ErasureJob then carries it out. Short write transactions of
// `batch` rows.
//
//   RetentionJob job(db, RetentionJob::Options{});
//   WELKOM_ASSIGN_OR_RETURN(auto deleted, job.RunOnce(clock->Now()));
#ifndef WELKOM_SERVER_JOBS_RETENTION_JOB_H_
#define WELKOM_SERVER_JOBS_RETENTION_JOB_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace welkom::jobs {

class RetentionJob {
 public:
  struct Options {
    absl::Duration sessions = absl::Hours(24 * 30);
    absl::Duration invitations = absl::Hours(24 * 30);
    absl::Duration read_notifications = absl::Hours(24 * 180);
    absl::Duration deliveries = absl::Hours(24 * 90);
    absl::Duration idempotency = absl::Hours(24 * 7);
    absl::Duration after_close = absl::Hours(24 * 30);
    absl::Duration notice = absl::Hours(24 * 7);
    int batch = 1000;
  };

  // `db` must outlive the job.
  RetentionJob(store::Database* db, Options options);

  // Rows deleted and erasures scheduled, in all.
  absl::StatusOr<int> RunOnce(absl::Time now);

 private:
  store::Database* db_;
  Options options_;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_RETENTION_JOB_H_
