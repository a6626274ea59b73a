// File: jobs_runner.h
// Runs background jobs (e.g. the reminder job) on one thread of its own:
// every job once right after Start(), then again every `interval`, its own
// or the runner's. The time each job is given comes from the injected
// Clock, so tests decide what "now" is; intervals are waited in real time.
// A failing job is logged and tried again at its next turn.
//
//   JobsRunner runner(&clock, absl::Minutes(1));
//   runner.Add("reminders", [&](absl::Time now) { return
//   job.RunOnce(now).status(); });
//   runner.Add("deliveries", ..., absl::Seconds(1));  // its own interval
//   runner.Start();  ...  runner.Stop();
#ifndef WELKOM_SERVER_JOBS_JOBS_RUNNER_H_
#define WELKOM_SERVER_JOBS_JOBS_RUNNER_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/base/clock.h"

namespace welkom::jobs {

class JobsRunner {
 public:
  using Job = std::function<absl::Status(absl::Time now)>;

  // `clock` must outlive the runner.
  JobsRunner(const Clock* clock, absl::Duration interval);
  // Stops if still running.
  ~JobsRunner();

  // Adds a job run every `interval` (zero: the runner's); only before
  // Start(). A job whose interval is not positive runs only in RunOnce().
  void Add(std::string name, Job job,
           absl::Duration interval = absl::ZeroDuration());
  // Whether Start() would run anything.
  bool HasPeriodicJobs() const;
  void Start();
  // Lets a running job finish, then joins the thread. Idempotent.
  void Stop();
  // Runs every job once on the calling thread, at the clock's now; returns
  // the first error.
  absl::Status RunOnce();
  // How many turns the thread has completed, each running the jobs that
  // were due (for tests and /metrics).
  int turns() const;

 private:
  struct Entry {
    std::string name;
    Job job;
    absl::Duration interval;
    absl::Time next;  // real time; only the runner's thread touches it
  };

  void Loop();
  absl::Status RunJob(const Entry& entry);

  const Clock* clock_;
  absl::Duration interval_;
  std::vector<Entry> jobs_;
  std::thread thread_;
  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int turns_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace welkom::jobs

#endif  // WELKOM_SERVER_JOBS_JOBS_RUNNER_H_
