#include "client-sdk/src/backoff.h"

#include <gtest/gtest.h>

namespace welkom::sdk {
namespace {

BackoffPolicy Policy() {
  BackoffPolicy p;
  p.initial = absl::Milliseconds(100);
  p.max = absl::Seconds(1);
  p.multiplier = 2.0;
  p.jitter = 0.2;
  return p;
}

TEST(BackoffTest, DelaysGrowExponentiallyWithinJitterUpToTheCap) {
  Backoff backoff(Policy(), 7);
  double base_ms = 100;
  for (int i = 0; i < 10; ++i) {
    double ms = absl::ToDoubleMilliseconds(backoff.Next());
    EXPECT_GE(ms, base_ms * 0.8) << "attempt " << i;
    EXPECT_LE(ms, base_ms * 1.2) << "attempt " << i;
    base_ms = std::min(base_ms * 2, 1000.0);
  }
  EXPECT_EQ(backoff.attempts(), 10);
}

TEST(BackoffTest, JitterSpreadsClientsThatFailedTogether) {
  Backoff a(Policy(), 1), b(Policy(), 2);
  int differ = 0;
  for (int i = 0; i < 5; ++i) differ += a.Next() != b.Next();
  EXPECT_GT(differ, 0);
}

TEST(BackoffTest, ResetStartsAgainAtTheInitialDelay) {
  Backoff backoff(Policy(), 3);
  for (int i = 0; i < 6; ++i) backoff.Next();
  backoff.Reset();
  EXPECT_EQ(backoff.attempts(), 0);
  EXPECT_LE(backoff.Next(), absl::Milliseconds(120));
}

}  // namespace
}  // namespace welkom::sdk
