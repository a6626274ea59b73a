#include "server/domain/journey/reminders.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "welkom/v1/catalogue.pb.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::journey {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::CivilDay kToday(2026, 10, 14);

StepState Step(const char* key, int owner, int due_in_days) {
  StepState s;
  s.key = key;
  s.owner = owner;
  s.status = v1::STEP_STATUS_TODO;
  s.due = kToday + due_in_days;
  return s;
}

std::vector<NoticeKind> Kinds(const ReminderPlan& plan) {
  std::vector<NoticeKind> out;
  for (const Notice& n : plan.notices) out.push_back(n.kind);
  return out;
}

ReminderPlan PlanOne(const StepState& s, int journey_day = 20) {
  return PlanReminders({s}, kToday, journey_day, {});
}

TEST(RemindersTest, OnlyTheLatestOwnerReminderIsOwed) {
  const int owner = v1::STEP_OWNER_NEWCOMER;
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, 8))), IsEmpty());
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, 7))),
              ElementsAre(NoticeKind::kDueIn7Days));
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, 3))),
              ElementsAre(NoticeKind::kDueIn7Days));
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, 1))),
              ElementsAre(NoticeKind::kDueTomorrow));
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, 0))),
              ElementsAre(NoticeKind::kDueTomorrow));
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, -1))),
              ElementsAre(NoticeKind::kOverdue));
}

TEST(RemindersTest,
     OverdueWorkEscalatesToHrAfterThreeDaysThenAdvisorsAfterFive) {
  const int owner = v1::STEP_OWNER_NEWCOMER;
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, -2))),
              ElementsAre(NoticeKind::kOverdue));
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, -3))),
              ElementsAre(NoticeKind::kOverdue, NoticeKind::kEscalateToHr));
  EXPECT_THAT(Kinds(PlanOne(Step("a", owner, -5))),
              ElementsAre(NoticeKind::kOverdue, NoticeKind::kEscalateToHr,
                          NoticeKind::kEscalateToAdvisor));
  // HR's own step does not escalate to HR again.
  EXPECT_THAT(
      Kinds(PlanOne(Step("a", v1::STEP_OWNER_HR, -5))),
      ElementsAre(NoticeKind::kOverdue, NoticeKind::kEscalateToAdvisor));
}

TEST(RemindersTest, FinishedAndPendingStepsOweNothing) {
  StepState done = Step("a", v1::STEP_OWNER_NEWCOMER, -4);
  done.status = v1::STEP_STATUS_DONE;
  StepState na = Step("b", v1::STEP_OWNER_NEWCOMER, -4);
  na.status = v1::STEP_STATUS_NOT_APPLICABLE;
  StepState pending = Step("c", v1::STEP_OWNER_NEWCOMER, 0);
  pending.due.reset();
  EXPECT_THAT(Kinds(PlanReminders({done, na, pending}, kToday, 20, {})),
              IsEmpty());
}

TEST(RemindersTest,
     AStepThatStartsLaterIsAnnouncedOnceItsPrerequisitesAreDone) {
  StepState bank = Step("bank_account", v1::STEP_OWNER_NEWCOMER, 14);
  bank.starts_later = true;
  bank.prerequisites_finished = false;
  EXPECT_THAT(Kinds(PlanOne(bank)), IsEmpty());
  bank.prerequisites_finished = true;
  ReminderPlan plan = PlanOne(bank);
  ASSERT_THAT(Kinds(plan), ElementsAre(NoticeKind::kActionable));
  EXPECT_EQ(plan.notices[0].dedupe_key, "bank_account:actionable");
  // Steps open from day 0 are not announced one by one.
  bank.starts_later = false;
  EXPECT_THAT(Kinds(PlanOne(bank)), IsEmpty());
}

TEST(RemindersTest, DedupeKeyChangesWhenTheDueDateMoves) {
  ReminderPlan a = PlanOne(Step("a", v1::STEP_OWNER_NEWCOMER, 2));
  ReminderPlan b = PlanOne(Step("a", v1::STEP_OWNER_NEWCOMER, 3));
  EXPECT_EQ(a.notices[0].dedupe_key, "a:due7:2026-10-16");
  EXPECT_NE(a.notices[0].dedupe_key, b.notices[0].dedupe_key);
}

TEST(RemindersTest, CheckInPromptsTheLatestUnansweredDayAndClosesAfterDay90) {
  EXPECT_THAT(Kinds(PlanReminders({}, kToday, 29, {})), IsEmpty());
  ReminderPlan day30 = PlanReminders({}, kToday, 30, {});
  ASSERT_THAT(Kinds(day30), ElementsAre(NoticeKind::kCheckIn));
  EXPECT_EQ(day30.notices[0].check_in_day, 30);
  EXPECT_THAT(Kinds(PlanReminders({}, kToday, 45, {30})), IsEmpty());
  ReminderPlan day65 = PlanReminders({}, kToday, 65, {});
  ASSERT_EQ(day65.notices.size(), 1u);
  EXPECT_EQ(day65.notices[0].check_in_day, 60);
  EXPECT_FALSE(PlanReminders({}, kToday, 90, {}).close);
  EXPECT_TRUE(PlanReminders({}, kToday, 91, {90}).close);
}

TEST(RemindersTest, NextCheckIsTheFirstLaterDayAnythingBecomesOwed) {
  // Due in 10 days: the 7-day reminder is 3 days away.
  EXPECT_EQ(PlanOne(Step("a", v1::STEP_OWNER_NEWCOMER, 10)).next_check,
            kToday + 3);
  // Overdue by 4: the advisor escalation is tomorrow.
  EXPECT_EQ(PlanOne(Step("a", v1::STEP_OWNER_NEWCOMER, -4)).next_check,
            kToday + 1);
  // Nothing but the calendar: the day-30 check-in.
  EXPECT_EQ(PlanReminders({}, kToday, 20, {}).next_check, kToday + 10);
  // After day 90 nothing is left.
  EXPECT_EQ(PlanReminders({}, kToday, 95, {}).next_check, std::nullopt);
}

}  // namespace
}  // namespace welkom::journey
