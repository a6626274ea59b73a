// File: digest_job.h
// The daily digest for console roles (HR, advisors): instead of a mail per
// notification, one mail on each working day from 08:00 Europe/Amsterdam
// (calendar::DigestDay: none at weekends or on Dutch public holidays) that
// lists what reached their inbox since the last digest, grouped: overdue
// steps and escalations first, then low check-ins, buddies, the rest. A day
// with nothing new sends nothing. Each member's digest of a day is decided
// once (digest_cursors), in the transaction that queues its delivery, so a
// restart or a second pass never sends it twice.
//
//   DigestJob digest(db);
//   runner.Add("digest", [&](absl::Time now) { return
//   digest.RunOnce(now).status(); });
#ifndef WELKOM_SERVER_JOBS_DIGEST_JOB_H_
#define WELKOM_SERVER_JOBS_DIGEST_JOB_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/database.h"

namespace welkom::jobs {

class DigestJob {
 public:
  // `db` must outlive the job.
  explicit DigestJob(store::Database* db, int batch = 100);

  // Queues the digests due at `now`; returns how many were queued. Does
  // nothing while e-mail is off.
  absl::StatusOr<int> RunOnce(absl::Time now);

 private:
  store::Database* db_;
  int batch_;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_DIGEST_JOB_H_
