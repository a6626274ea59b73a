// File: idempotency_pruning.h
// Keeps the idempotency memory bounded: a job on the JobsRunner that deletes
// remembered responses older than `keep` (default 7 days, documented in
// docs/OPERATIONS.md), in batches of short write transactions so no request
// waits long for the writer. A phone's outbox replays its changes within
// minutes to days of making them; a replay after `keep` runs as a new call
// (an etag or the step's state makes most of them harmless).
//
//   IdempotencyPruning pruning(db);
//   WELKOM_ASSIGN_OR_RETURN(int deleted, pruning.RunOnce(clock->Now()));
#ifndef WELKOM_SERVER_JOBS_IDEMPOTENCY_PRUNING_H_
#define WELKOM_SERVER_JOBS_IDEMPOTENCY_PRUNING_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace welkom::jobs {

class IdempotencyPruning {
 public:
  struct Options {
    absl::Duration keep = absl::Hours(7 * 24);
    int batch = 1000;
  };

  // `db` must outlive the job.
  explicit IdempotencyPruning(store::Database* db)
      : IdempotencyPruning(db, Options()) {}
  IdempotencyPruning(store::Database* db, Options options);

  // Deletes every remembered response stored before `now - keep`; how many.
  absl::StatusOr<int> RunOnce(absl::Time now);

 private:
  store::Database* db_;
  Options options_;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_IDEMPOTENCY_PRUNING_H_
