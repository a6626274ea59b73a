#include "server/jobs/jobs_runner.h"

#include "absl/strings/str_cat.h"
#include "server/base/log.h"

namespace welkom::jobs {

JobsRunner::JobsRunner(const Clock* clock, absl::Duration interval)
    : clock_(clock), interval_(interval) {}

JobsRunner::~JobsRunner() { Stop(); }

void JobsRunner::Add(std::string name, Job job) {
  jobs_.emplace_back(std::move(name), std::move(job));
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

absl::Status JobsRunner::RunOnce() {
  absl::Status first;
  for (const auto& [name, job] : jobs_) {
    absl::Time start = absl::Now();
    absl::Status status = job(clock_->Now());
    Log(status.ok() ? LogLevel::kDebug : LogLevel::kWarning, "job",
        {{"job", name},
         {"ok", status.ok() ? "true" : "false"},
         {"error", std::string(status.message())},
         {"ms",
          absl::StrCat(absl::ToDoubleMilliseconds(absl::Now() - start))}});
    if (first.ok()) first = status;
  }
  return first;
}

int JobsRunner::turns() const {
  absl::MutexLock lock(&mu_);
  return turns_;
}

void JobsRunner::Loop() {
  while (true) {
    (void)RunOnce();  // failures are logged; the next turn tries again
    absl::MutexLock lock(&mu_);
    ++turns_;
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return stopping_;
    };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), interval_)) return;
  }
}

}  // namespace welkom::jobs
