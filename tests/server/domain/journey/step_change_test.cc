// The status rules of a journey step (step_change.h), from the issue's
// rules: a newcomer cannot waive a legal obligation; HR or an advisor can,
// with a reason; blocked needs a reason; a done step can be reopened by
// whoever may change it.
#include "server/domain/journey/step_change.h"

#include <gtest/gtest.h>

namespace welkom::journey {
namespace {

StepStatusRequest Request(int from, int to, v1::Role role, bool legal,
                          bool owner_may, absl::string_view reason = "") {
  StepStatusRequest r;
  r.step_key = "brp_registration";
  r.from_status = from;
  r.to_status = to;
  r.actor_role = role;
  r.legal = legal;
  r.owner_may_change = owner_may;
  r.reason = reason;
  return r;
}

TEST(StepChangeTest, ANewcomerCannotMarkALegalStepNotApplicable) {
  auto c = DecideStatusChange(Request(v1::STEP_STATUS_TODO,
                                      v1::STEP_STATUS_NOT_APPLICABLE,
                                      v1::ROLE_NEWCOMER, /*legal=*/true,
                                      /*owner_may=*/true, "I am Dutch"));
  EXPECT_EQ(c.status().code(), absl::StatusCode::kPermissionDenied);
}

TEST(StepChangeTest, ANewcomerMayMarkAnOrdinaryOwnStepNotApplicable) {
  auto c = DecideStatusChange(Request(v1::STEP_STATUS_TODO,
                                      v1::STEP_STATUS_NOT_APPLICABLE,
                                      v1::ROLE_NEWCOMER, /*legal=*/false,
                                      /*owner_may=*/true));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->status, v1::STEP_STATUS_NOT_APPLICABLE);
}

TEST(StepChangeTest, HrAndAdvisorsWaiveALegalStepOnlyWithAReason) {
  for (v1::Role role : {v1::ROLE_HR, v1::ROLE_ADVISOR}) {
    // HR may not own the newcomer's legal step, and may still waive it.
    auto missing = DecideStatusChange(
        Request(v1::STEP_STATUS_TODO, v1::STEP_STATUS_NOT_APPLICABLE, role,
                /*legal=*/true, /*owner_may=*/false, "   "));
    EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
    auto c = DecideStatusChange(Request(
        v1::STEP_STATUS_TODO, v1::STEP_STATUS_NOT_APPLICABLE, role,
        /*legal=*/true, /*owner_may=*/false, " Already registered in 2019 "));
    ASSERT_TRUE(c.ok()) << c.status();
    EXPECT_EQ(c->status, v1::STEP_STATUS_NOT_APPLICABLE);
    EXPECT_EQ(c->reason, "Already registered in 2019");
  }
}

TEST(StepChangeTest, BlockedNeedsAReasonAndKeepsIt) {
  EXPECT_EQ(
      DecideStatusChange(Request(v1::STEP_STATUS_TODO, v1::STEP_STATUS_BLOCKED,
                                 v1::ROLE_NEWCOMER, false, true))
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
  auto c = DecideStatusChange(
      Request(v1::STEP_STATUS_TODO, v1::STEP_STATUS_BLOCKED, v1::ROLE_NEWCOMER,
              false, true, "no appointment before the 20th"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->reason, "no appointment before the 20th");
}

TEST(StepChangeTest, ADoneStepIsReopenedByWhoeverMayChangeIt) {
  auto c =
      DecideStatusChange(Request(v1::STEP_STATUS_DONE, v1::STEP_STATUS_TODO,
                                 v1::ROLE_NEWCOMER, true, true));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->reopened);
  EXPECT_FALSE(c->becomes_done);
  EXPECT_EQ(c->status, v1::STEP_STATUS_TODO);
  EXPECT_TRUE(c->reason.empty());
  // Someone who may not change the step may not reopen it either.
  EXPECT_EQ(
      DecideStatusChange(Request(v1::STEP_STATUS_DONE, v1::STEP_STATUS_TODO,
                                 v1::ROLE_HR, true, false))
          .status()
          .code(),
      absl::StatusCode::kPermissionDenied);
}

TEST(StepChangeTest, DoneOnceIsNotDoneAgainAndANoteKeepsTheStatus) {
  auto again =
      DecideStatusChange(Request(v1::STEP_STATUS_DONE, v1::STEP_STATUS_DONE,
                                 v1::ROLE_NEWCOMER, false, true));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->becomes_done);
  auto first = DecideStatusChange(Request(v1::STEP_STATUS_IN_PROGRESS,
                                          v1::STEP_STATUS_DONE,
                                          v1::ROLE_NEWCOMER, false, true));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->becomes_done);
  auto note = DecideStatusChange(Request(v1::STEP_STATUS_BLOCKED,
                                         v1::STEP_STATUS_UNSPECIFIED,
                                         v1::ROLE_NEWCOMER, false, true));
  ASSERT_TRUE(note.ok());
  EXPECT_FALSE(note->changes_status);
}

}  // namespace
}  // namespace welkom::journey
