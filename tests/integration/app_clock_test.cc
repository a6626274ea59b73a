// welkomd in-process with a FakeClock (App takes its Clock): behaviour that
// depends on time, across every layer, without waiting on the wall clock.
#include <gtest/gtest.h>

#include "tests/integration/app_fixture.h"

namespace welkom {
namespace {

using testing::WithToken;

class AppClockTest : public InProcessAppTest {};

// A console session lasts 12 hours (IdentityService, docs/SECURITY.md),
// measured on the App's clock.
TEST_F(AppClockTest, ConsoleSessionEndsAfterTwelveHoursOfTheInjectedClock) {
  std::string hr = Login("hr");
  EXPECT_TRUE(WhoAmI(hr).ok());
  clock_.Advance(absl::Hours(12) - absl::Seconds(1));
  EXPECT_TRUE(WhoAmI(hr).ok());
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(WhoAmI(hr).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

// Issue 14: the idempotency memory is kept 7 days (docs/OPERATIONS.md),
// then the jobs runner prunes it.
TEST_F(AppClockTest, IdempotencyMemoryIsPrunedAfterSevenDays) {
  std::string newcomer = Login("newcomer");
  const int64_t before = CountRows("idempotency");
  {
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer);
    v1::UpdateStepRequest req;
    req.set_step_key("bank_account");
    req.set_note("Appointment at the bank on Thursday");
    req.set_set_note(true);
    req.set_request_id("phone-change-1");
    v1::UpdateStepResponse resp;
    grpc::Status s = journeys_->UpdateStep(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(CountRows("idempotency"), before + 1);
  clock_.Advance(absl::Hours(7 * 24) - absl::Seconds(1));
  ASSERT_TRUE(app_->RunJobsOnce().ok());
  EXPECT_EQ(CountRows("idempotency"), before + 1);
  clock_.Advance(absl::Seconds(2));
  ASSERT_TRUE(app_->RunJobsOnce().ok());
  EXPECT_EQ(CountRows("idempotency"), 0);
}

}  // namespace
}  // namespace welkom
