#include "server/jobs/jobs_runner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/base/log.h"

namespace welkom::jobs {

JobsRunner::JobsRunner(const Clock* clock, absl::Duration interval)
    : clock_(clock), interval_(interval) {}

JobsRunner::~JobsRunner() { Stop(); }

void JobsRunner::Add(std::string name, Job job, absl::Duration interval) {
  if (interval == absl::ZeroDuration()) interval = interval_;
  jobs_.push_back({std::move(name), std::move(job), interval, absl::Now()});
}

bool JobsRunner::HasPeriodicJobs() const {
  for (const Entry& e : jobs_) {
    if (e.interval > absl::ZeroDuration()) return true;
  }
  return false;
}

void JobsRunner::Start() {
  if (thread_.joinable()) return;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void JobsRunner::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status JobsRunner::RunJob(const Entry& entry) {
  absl::Time start = absl::Now();
  absl::Status status = entry.job(clock_->Now());
  Log(status.ok() ? LogLevel::kDebug : LogLevel::kWarning, "job",
      {{"job", entry.name},
       {"ok", status.ok() ? "true" : "false"},
       {"error", std::string(status.message())},
       {"ms", absl::StrCat(absl::ToDoubleMilliseconds(absl::Now() - start))}});
  return status;
}

absl::Status JobsRunner::RunOnce() {
  absl::Status first;
  for (const Entry& entry : jobs_) {
    absl::Status status = RunJob(entry);
    if (first.ok()) first = status;
  }
  return first;
}

int JobsRunner::turns() const {
  absl::MutexLock lock(&mu_);
  return turns_;
}

void JobsRunner::Loop() {
  for (Entry& e : jobs_) e.next = absl::Now();
  while (true) {
    absl::Time wake = absl::InfiniteFuture();
    // Due times count from the turn's start, so jobs of the same interval
    // stay in the same turns (measured from each job's own end they drift
    // apart by its run time).
    const absl::Time turn = absl::Now();
    for (Entry& e : jobs_) {
      if (e.interval <= absl::ZeroDuration()) continue;
      if (e.next <= turn) {
        (void)RunJob(e);  // failures are logged; the next turn tries again
        e.next = turn + e.interval;
      }
      wake = std::min(wake, e.next);
    }
    absl::MutexLock lock(&mu_);
    ++turns_;
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return stopping_;
    };
    if (mu_.AwaitWithTimeout(
            absl::Condition(&stopping),
            std::max(absl::ZeroDuration(), wake - absl::Now()))) {
      return;
    }
  }
}

}  // namespace welkom::jobs
