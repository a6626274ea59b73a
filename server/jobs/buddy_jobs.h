// File: buddy_jobs.h
// The buddy programme's background work, on one thread with an injectable
// clock: every tick it expires proposals whose 72 hours are over, and once
// per Europe/Amsterdam day, from `daily_hour` on, it runs the region-wide
// matching for every unmatched newcomer. Each pass is one write
// transaction; the notification fan-out is woken after it commits.
//
//   BuddyJobs jobs(db, &clock, fanout, {});
//   jobs.RunOnce();  // optional: a first pass before serving
//   jobs.Start();    // then a pass every tick, the first one tick later
//   jobs.Stop();
// Tests call RunOnce() with a FakeClock instead of starting the thread.
#ifndef WELKOM_SERVER_JOBS_BUDDY_JOBS_H_
#define WELKOM_SERVER_JOBS_BUDDY_JOBS_H_

#include <optional>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/flows/notification_fanout.h"
#include "server/base/clock.h"
#include "server/store/database.h"

namespace welkom::jobs {

class BuddyJobs {
 public:
  struct Options {
    absl::Duration tick = absl::Seconds(30);
    int daily_hour = 9;  // Europe/Amsterdam
    bool daily_matching = true;
  };
  struct Pass {
    int expired = 0;
    int proposed = 0;
    bool matched = false;  // the daily run happened in this pass
  };

  // `fanout` may be null. All pointers must outlive the jobs.
  BuddyJobs(store::Database* db, const Clock* clock,
            flows::NotificationFanout* fanout, Options options);
  ~BuddyJobs();

  void Start();
  // Idempotent; joins the thread.
  void Stop();

  // One pass at the clock's now.
  absl::StatusOr<Pass> RunOnce();

 private:
  void Loop();

  store::Database* db_;
  const Clock* clock_;
  flows::NotificationFanout* fanout_;
  Options options_;
  std::thread thread_;
  std::optional<absl::CivilDay> last_matching_day_;  // RunOnce's caller only

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_BUDDY_JOBS_H_
