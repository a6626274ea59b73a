// File: buddy_jobs.h
// The buddy programme's background work, a job on the JobsRunner: each pass
// expires proposals whose 72 hours are over, and once per Europe/Amsterdam
// day, from `daily_hour` on, runs the region-wide matching for every
// unmatched newcomer. Each pass is one write transaction; the notification
// fan-out is woken after it commits.
//
//   BuddyJobs buddy(db, fanout, {});
//   runner.Add("buddies", [&](absl::Time now) {
//     return buddy.RunOnce(now).status();
//   });
// Tests call RunOnce() with the time they choose.
#ifndef WELKOM_SERVER_JOBS_BUDDY_JOBS_H_
#define WELKOM_SERVER_JOBS_BUDDY_JOBS_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/flows/notification_fanout.h"
#include "server/store/database.h"

namespace welkom::jobs {

class BuddyJobs {
 public:
  struct Options {
    int daily_hour = 9;  // Europe/Amsterdam
    bool daily_matching = true;
  };
  struct Pass {
    int expired = 0;
    int proposed = 0;
    bool matched = false;  // the daily run happened in this pass
  };

  // `fanout` may be null. All pointers must outlive the jobs.
  BuddyJobs(store::Database* db, flows::NotificationFanout* fanout,
            Options options);

  // One pass as of `now`. Calls must not overlap (the JobsRunner makes
  // them one at a time).
  absl::StatusOr<Pass> RunOnce(absl::Time now);

 private:
  store::Database* db_;
  flows::NotificationFanout* fanout_;
  Options options_;
  std::optional<absl::CivilDay> last_matching_day_;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_BUDDY_JOBS_H_
