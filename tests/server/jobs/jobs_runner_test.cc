#include "server/jobs/jobs_runner.h"

#include <gtest/gtest.h>

#include <vector>

#include "absl/synchronization/mutex.h"

namespace welkom::jobs {
namespace {

TEST(JobsRunnerTest, RunsEveryJobAtTheInjectedClocksTimeUntilStopped) {
  FakeClock clock(absl::FromUnixSeconds(1800000000));
  JobsRunner runner(&clock, absl::Milliseconds(5));
  absl::Mutex mu;
  std::vector<absl::Time> seen;
  int failing_calls = 0;
  runner.Add("record", [&](absl::Time now) {
    absl::MutexLock lock(&mu);
    seen.push_back(now);
    return absl::OkStatus();
  });
  runner.Add("failing", [&](absl::Time) {
    absl::MutexLock lock(&mu);
    ++failing_calls;
    return absl::UnavailableError("database busy");
  });
  runner.Start();
  while (runner.turns() < 3) absl::SleepFor(absl::Milliseconds(1));
  runner.Stop();
  const int turns = runner.turns();
  absl::SleepFor(absl::Milliseconds(20));
  absl::MutexLock lock(&mu);
  EXPECT_EQ(runner.turns(), turns);  // stopped means stopped
  EXPECT_GE(seen.size(), 3u);
  EXPECT_EQ(
      failing_calls,
      static_cast<int>(seen.size()));  // a failure does not stop the others
  EXPECT_EQ(seen[0], absl::FromUnixSeconds(1800000000));
}

TEST(JobsRunnerTest, RunOnceReturnsTheFirstError) {
  FakeClock clock(absl::UnixEpoch());
  JobsRunner runner(&clock, absl::Hours(1));
  runner.Add("ok", [](absl::Time) { return absl::OkStatus(); });
  runner.Add("bad", [](absl::Time) { return absl::InternalError("boom"); });
  EXPECT_EQ(runner.RunOnce().code(), absl::StatusCode::kInternal);
}

TEST(JobsRunnerTest, StopWithoutStartAndTwiceIsHarmless) {
  FakeClock clock(absl::UnixEpoch());
  JobsRunner runner(&clock, absl::Hours(1));
  runner.Stop();
  runner.Start();
  runner.Stop();
  runner.Stop();
  EXPECT_GE(runner.turns(), 1);
}

}  // namespace
}  // namespace welkom::jobs
