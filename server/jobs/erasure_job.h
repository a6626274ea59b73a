// File: erasure_job.h
// Carries out erasures whose cooling-off period has ended
// (flows::EraseMember), one write transaction per person, then truncates
// the WAL so no page with the erased text stays in the -wal file; also
// after an erasure made at once by a request (--erasure-grace-days 0),
// which its next turn finds by users.erased_at
// (secure_delete takes care of the main file's free space). The audit
// journal holds only journey ids and the actors' ids, never the erased
// person's name, e-mail or text.
//
//   ErasureJob job(db);
//   WELKOM_ASSIGN_OR_RETURN(int erased, job.RunOnce(clock->Now()));
#ifndef WELKOM_SERVER_JOBS_ERASURE_JOB_H_
#define WELKOM_SERVER_JOBS_ERASURE_JOB_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace welkom::jobs {

class ErasureJob {
 public:
  // `db` must outlive the job.
  explicit ErasureJob(store::Database* db) : db_(db) {}

  // Erases everyone whose erase_at has come; how many.
  absl::StatusOr<int> RunOnce(absl::Time now);

 private:
  store::Database* db_;
  int64_t wal_clean_since_ = 0;  // erasures up to this time are out of the WAL
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_ERASURE_JOB_H_
