// The step rules the flows exposed, against a real welkomd: a newcomer
// cannot mark a legal step "not applicable"; HR can, with a reason, and it
// shows in the newcomer's audit log; a done step can be reopened by its
// owner, which clears its done time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/journey_fixture.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;

v1::UpdateStepRequest Status(const std::string& key, v1::StepStatus status,
                             const std::string& reason = "") {
  v1::UpdateStepRequest req;
  req.set_step_key(key);
  req.set_status(status);
  req.set_blocked_reason(reason);
  return req;
}

TEST_F(JourneyTest, ANewcomerCannotWaiveALegalStepButHrCanWithAReason) {
  std::string token =
      InviteAndAccept("waive@example.org", EuSingleProfessional());
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  const v1::JourneyStep* brp = FindStep(j, "brp_registration");
  ASSERT_NE(brp, nullptr);
  ASSERT_TRUE(brp->has_legal());
  ASSERT_EQ(brp->owner(), v1::STEP_OWNER_NEWCOMER);

  grpc::Status own = Update(
      token, Status("brp_registration", v1::STEP_STATUS_NOT_APPLICABLE, "no"));
  EXPECT_EQ(own.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(own.error_message(), HasSubstr("legal obligation"));
  // An ordinary step of their own they may still skip.
  EXPECT_TRUE(
      Update(token, Status("temporary_housing", v1::STEP_STATUS_NOT_APPLICABLE))
          .ok());

  v1::UpdateStepRequest waive =
      Status("brp_registration", v1::STEP_STATUS_NOT_APPLICABLE);
  waive.set_journey_id(j.id());
  grpc::Status no_reason = Update(hr_, waive);
  EXPECT_EQ(no_reason.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(no_reason.error_message(), HasSubstr("blocked_reason"));
  waive.set_blocked_reason("Registered in Enschede since 2019 (returning)");
  v1::Journey after;
  ASSERT_TRUE(Update(hr_, waive, &after).ok());
  const v1::JourneyStep* waived = FindStep(after, "brp_registration");
  EXPECT_EQ(waived->status(), v1::STEP_STATUS_NOT_APPLICABLE);
  EXPECT_EQ(waived->blocked_reason(),
            "Registered in Enschede since 2019 (returning)");

  v1::ListAuditLogResponse log;
  ASSERT_TRUE(Rpc(token, &v1::JourneyService::Stub::ListAuditLog,
                  v1::ListAuditLogRequest(), &log)
                  .ok());
  bool audited = false;
  for (const auto& e : log.entries()) {
    audited |= e.action() == v1::AUDIT_ACTION_STEP_CHANGED &&
               e.step_key() == "brp_registration" &&
               e.actor_role() == v1::ROLE_HR;
  }
  EXPECT_TRUE(audited);
}

TEST_F(JourneyTest, ADoneStepIsReopenedByItsOwner) {
  std::string token =
      InviteAndAccept("reopen@example.org", EuSingleProfessional());
  v1::Journey done;
  ASSERT_TRUE(Update(token, Done("temporary_housing"), &done).ok());
  ASSERT_TRUE(FindStep(done, "temporary_housing")->has_done_time());
  v1::Journey reopened;
  ASSERT_TRUE(Update(token, Status("temporary_housing", v1::STEP_STATUS_TODO),
                     &reopened)
                  .ok());
  const v1::JourneyStep* step = FindStep(reopened, "temporary_housing");
  EXPECT_EQ(step->status(), v1::STEP_STATUS_TODO);
  EXPECT_FALSE(step->has_done_time());
  EXPECT_LT(reopened.progress_percent(), done.progress_percent());
  // HR may not reopen the newcomer's step.
  ASSERT_TRUE(Update(token, Done("temporary_housing")).ok());
  v1::UpdateStepRequest by_hr =
      Status("temporary_housing", v1::STEP_STATUS_TODO);
  by_hr.set_journey_id(reopened.id());
  EXPECT_EQ(Update(hr_, by_hr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace welkom
