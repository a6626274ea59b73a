#include "server/auth/login_throttle.h"

#include <gtest/gtest.h>

namespace welkom::auth {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  FakeClock clock_{absl::FromUnixSeconds(1'800'000'000)};
  LoginThrottle throttle_{&clock_};
};

TEST_F(LoginThrottleTest, LocksAnAccountAfterFiveFailures) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(throttle_.Check("a@x.nl", "10.0.0.1").ok());
    throttle_.RecordFailure("a@x.nl", "10.0.0.1");
  }
  EXPECT_TRUE(throttle_.Check("a@x.nl", "10.0.0.1").ok());
  throttle_.RecordFailure("a@x.nl", "10.0.0.1");
  absl::Status locked = throttle_.Check("a@x.nl", "10.0.0.2");
  EXPECT_EQ(locked.code(), absl::StatusCode::kResourceExhausted);
  // Another account from the same peer is not locked yet.
  EXPECT_TRUE(throttle_.Check("b@x.nl", "10.0.0.1").ok());
}

TEST_F(LoginThrottleTest, AccountKeyIgnoresCase) {
  for (int i = 0; i < 5; ++i) throttle_.RecordFailure("A@X.nl", "p");
  EXPECT_FALSE(throttle_.Check("a@x.NL", "q").ok());
}

TEST_F(LoginThrottleTest, LockoutPassesAndGrowsWithFurtherFailures) {
  for (int i = 0; i < 5; ++i) throttle_.RecordFailure("a", "p");
  clock_.Advance(absl::Seconds(61));
  EXPECT_TRUE(throttle_.Check("a", "p").ok());
  throttle_.RecordFailure("a", "p");  // sixth: two minutes
  clock_.Advance(absl::Seconds(61));
  EXPECT_FALSE(throttle_.Check("a", "p").ok());
  clock_.Advance(absl::Seconds(60));
  EXPECT_TRUE(throttle_.Check("a", "p").ok());
}

TEST_F(LoginThrottleTest, SuccessClearsTheAccount) {
  for (int i = 0; i < 4; ++i) throttle_.RecordFailure("a", "p");
  throttle_.RecordSuccess("a");
  throttle_.RecordFailure("a", "p");
  EXPECT_TRUE(throttle_.Check("a", "other").ok());
}

TEST_F(LoginThrottleTest, FailuresOutsideTheWindowAreForgotten) {
  for (int i = 0; i < 4; ++i) throttle_.RecordFailure("a", "p");
  clock_.Advance(absl::Minutes(16));
  throttle_.RecordFailure("a", "p");
  EXPECT_TRUE(throttle_.Check("a", "p").ok());
}

TEST_F(LoginThrottleTest, APeerIsLockedAfterManyAccounts) {
  for (int i = 0; i < 30; ++i) {
    throttle_.RecordFailure("user" + std::to_string(i), "10.9.9.9");
  }
  EXPECT_FALSE(throttle_.Check("fresh@x.nl", "10.9.9.9").ok());
  EXPECT_TRUE(throttle_.Check("fresh@x.nl", "10.9.9.8").ok());
}

}  // namespace
}  // namespace welkom::auth
