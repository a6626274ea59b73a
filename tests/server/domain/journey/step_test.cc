#include "server/domain/journey/step.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "server/base/clock.h"
#include "server/domain/journey/plan.h"

namespace welkom::journey {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::CivilDay kMay1(2026, 5, 1);

absl::Time NoonOf(absl::CivilDay day) {
  return absl::FromCivil(
      absl::CivilHour(day.year(), day.month(), day.day(), 12),
      absl::UTCTimeZone());
}

int64_t Seconds(const Clock& clock) { return absl::ToUnixSeconds(clock.Now()); }

v1::StepDefinition Definition(const std::string& key,
                              std::vector<std::string> depends_on = {}) {
  v1::StepDefinition def;
  def.set_key(key);
  for (const std::string& d : depends_on) def.add_depends_on(d);
  return def;
}

Step OpenStep(const std::string& key) {
  Step s;
  s.key = key;
  return s;
}

TEST(StepStatusTest, FinishedAndOpenStatusesCoverEveryStatusOnce) {
  for (int status = v1::StepStatus_MIN + 1; status <= v1::StepStatus_MAX;
       ++status) {
    int in_finished = 0;
    int in_open = 0;
    for (int s : kFinishedStatuses) in_finished += s == status;
    for (int s : kOpenStatuses) in_open += s == status;
    EXPECT_EQ(in_finished + in_open, 1) << v1::StepStatus_Name(status);
    EXPECT_EQ(IsFinished(status), in_finished == 1);
  }
  EXPECT_TRUE(IsFinished(v1::STEP_STATUS_DONE));
  EXPECT_TRUE(IsFinished(v1::STEP_STATUS_NOT_APPLICABLE));
  EXPECT_FALSE(IsFinished(v1::STEP_STATUS_BLOCKED));
}

TEST(DaysOverdueTest, AnOpenStepIsOverdueFromTheDayAfterItsDueDate) {
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_TODO, kMay1, kMay1), std::nullopt);
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_TODO, kMay1, kMay1 + 1), 1);
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_IN_PROGRESS, kMay1, kMay1 + 30), 30);
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_BLOCKED, kMay1, kMay1 + 10), 10);
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_TODO, kMay1, kMay1 - 3), std::nullopt);
}

TEST(DaysOverdueTest, FinishedAndPendingStepsAreNeverOverdue) {
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_DONE, kMay1, kMay1 + 40), std::nullopt);
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_NOT_APPLICABLE, kMay1, kMay1 + 40),
            std::nullopt);
  EXPECT_EQ(DaysOverdue(v1::STEP_STATUS_TODO, std::nullopt, kMay1 + 40),
            std::nullopt);
}

TEST(ApplyStepUpdateTest, CompletingAStepRecordsTheClocksTimeAndKeepsIt) {
  FakeClock clock(NoonOf(kMay1));
  Step step = OpenStep("bsn");
  StepUpdate done;
  done.status = v1::STEP_STATUS_DONE;
  ASSERT_TRUE(ApplyStepUpdate(done, nullptr, {}, Seconds(clock), &step).ok());
  EXPECT_EQ(step.status, v1::STEP_STATUS_DONE);
  EXPECT_EQ(step.done_at, Seconds(clock));
  const int64_t first = Seconds(clock);

  clock.Advance(absl::Hours(48));
  ASSERT_TRUE(ApplyStepUpdate(done, nullptr, {}, Seconds(clock), &step).ok());
  EXPECT_EQ(step.done_at,
            first);  // done again: still done since the first time
}

TEST(ApplyStepUpdateTest, CompletingBeforeAPrerequisiteFailsAndChangesNothing) {
  FakeClock clock(NoonOf(kMay1));
  v1::StepDefinition digid = Definition("digid", {"bsn"});
  Step step = OpenStep("digid");
  step.note = "waiting";
  StepUpdate done;
  done.status = v1::STEP_STATUS_DONE;
  done.note = "changed";
  absl::Status s = ApplyStepUpdate(
      done, &digid,
      {{"bsn", v1::STEP_STATUS_TODO}, {"digid", v1::STEP_STATUS_TODO}},
      Seconds(clock), &step);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("bsn"));
  EXPECT_EQ(step.status, v1::STEP_STATUS_TODO);
  EXPECT_EQ(step.done_at, std::nullopt);
  EXPECT_EQ(step.note, "waiting");
}

TEST(ApplyStepUpdateTest, FinishedOrAbsentPrerequisitesDoNotBlock) {
  v1::StepDefinition bank = Definition("bank_account", {"bsn", "permit"});
  Step step = OpenStep("bank_account");
  StepUpdate done;
  done.status = v1::STEP_STATUS_DONE;
  // "permit" is not part of this journey (an EU citizen's).
  EXPECT_TRUE(ApplyStepUpdate(done, &bank,
                              {{"bsn", v1::STEP_STATUS_NOT_APPLICABLE}}, 1000,
                              &step)
                  .ok());
  EXPECT_EQ(step.status, v1::STEP_STATUS_DONE);
}

TEST(ApplyStepUpdateTest, ReopeningClearsTheDoneTimeAndUnblockingTheReason) {
  Step step = OpenStep("housing");
  step.status = v1::STEP_STATUS_DONE;
  step.done_at = 1000;
  StepUpdate blocked;
  blocked.status = v1::STEP_STATUS_BLOCKED;
  blocked.blocked_reason = "landlord does not answer";
  ASSERT_TRUE(ApplyStepUpdate(blocked, nullptr, {}, 2000, &step).ok());
  EXPECT_EQ(step.done_at, std::nullopt);
  EXPECT_EQ(step.blocked_reason, "landlord does not answer");

  StepUpdate in_progress;
  in_progress.status = v1::STEP_STATUS_IN_PROGRESS;
  in_progress.blocked_reason = "ignored unless blocked";
  ASSERT_TRUE(ApplyStepUpdate(in_progress, nullptr, {}, 3000, &step).ok());
  EXPECT_EQ(step.status, v1::STEP_STATUS_IN_PROGRESS);
  EXPECT_EQ(step.blocked_reason, "");
}

TEST(ApplyStepUpdateTest, ANoteAloneKeepsTheStatus) {
  Step step = OpenStep("housing");
  step.status = v1::STEP_STATUS_BLOCKED;
  step.blocked_reason = "no answer";
  StepUpdate note;
  note.note = "called twice";
  ASSERT_TRUE(ApplyStepUpdate(note, nullptr, {}, 1000, &step).ok());
  EXPECT_EQ(step.status, v1::STEP_STATUS_BLOCKED);
  EXPECT_EQ(step.blocked_reason, "no answer");
  EXPECT_EQ(step.note, "called twice");

  StepUpdate clear;
  clear.note = "";
  ASSERT_TRUE(ApplyStepUpdate(clear, nullptr, {}, 1000, &step).ok());
  EXPECT_EQ(step.note, "");
}

TEST(AnchorSetByTest, RegisteringInTheBrpSetsTheBrpAnchorToToday) {
  FakeClock clock(NoonOf(kMay1));
  Step brp = OpenStep("brp_registration");
  brp.status = v1::STEP_STATUS_DONE;
  Anchors anchors;
  anchors.arrival = kMay1 - 5;
  absl::CivilDay today = absl::ToCivilDay(clock.Now(), absl::UTCTimeZone());
  EXPECT_TRUE(AnchorSetBy(brp, today, /*journey_has_bsn_step=*/true, &anchors));
  EXPECT_EQ(anchors.brp_registration, kMay1);
  EXPECT_EQ(anchors.arrival, kMay1 - 5);
}

TEST(AnchorSetByTest, AKnownBrpDateOrAnotherStepSetsNothing) {
  Step brp = OpenStep("brp_registration");
  brp.status = v1::STEP_STATUS_DONE;
  Anchors known;
  known.brp_registration = kMay1 - 2;
  EXPECT_FALSE(AnchorSetBy(brp, kMay1, true, &known));
  EXPECT_EQ(known.brp_registration, kMay1 - 2);

  Anchors none;
  Step open_brp = OpenStep("brp_registration");
  EXPECT_FALSE(AnchorSetBy(open_brp, kMay1, true, &none));
  Step bsn = OpenStep("bsn");
  bsn.status = v1::STEP_STATUS_DONE;
  EXPECT_FALSE(AnchorSetBy(bsn, kMay1, true, &none));
  EXPECT_EQ(none.brp_registration, std::nullopt);
}

TEST(MoveAnchorTest, OpenStepsFollowTheirAnchorAndFinishedOnesKeepTheirDate) {
  Step bsn = OpenStep("bsn");  // pending until the BRP date is known
  bsn.anchor = v1::ANCHOR_BRP_REGISTRATION;
  bsn.term.amount = 5;
  Step housing = OpenStep("housing");
  housing.anchor = v1::ANCHOR_ARRIVAL;
  housing.term.amount = 7;
  housing.due = kMay1 + 7;
  Step done_bank = OpenStep("bank");
  done_bank.anchor = v1::ANCHOR_BRP_REGISTRATION;
  done_bank.term.amount = 14;
  done_bank.status = v1::STEP_STATUS_DONE;
  std::vector<Step> steps = {bsn, housing, done_bank};

  Anchors anchors;
  anchors.arrival = kMay1;
  anchors.brp_registration = kMay1 + 3;
  EXPECT_THAT(MoveAnchor(anchors, &steps), ElementsAre(0));
  EXPECT_EQ(steps[0].due, kMay1 + 8);
  EXPECT_EQ(steps[1].due, kMay1 + 7);
  EXPECT_EQ(steps[2].due, std::nullopt);

  anchors.arrival = kMay1 + 1;       // the arrival moved a day
  anchors.brp_registration.reset();  // and the BRP date was withdrawn
  EXPECT_THAT(MoveAnchor(anchors, &steps), ElementsAre(0, 1));
  EXPECT_EQ(steps[0].due, std::nullopt);
  EXPECT_EQ(steps[1].due, kMay1 + 8);
}

TEST(ProgressPercentTest, WholePercentRoundedDown) {
  EXPECT_EQ(ProgressPercent(0, 0), 0);
  EXPECT_EQ(ProgressPercent(1, 3), 33);
  EXPECT_EQ(ProgressPercent(2, 3), 66);
  EXPECT_EQ(ProgressPercent(23, 23), 100);
}

}  // namespace
}  // namespace welkom::journey
