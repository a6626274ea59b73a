#include "server/domain/journey/reminders.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/plan.h"
#include "welkom/v1/catalogue.pb.h"

namespace welkom::journey {
namespace {

void Consider(absl::CivilDay day, absl::CivilDay today,
              std::optional<absl::CivilDay>* next) {
  if (day > today && (!next->has_value() || day < **next)) *next = day;
}

Notice StepNotice(NoticeKind kind, Audience audience, const StepState& s,
                  absl::string_view stage) {
  Notice n{kind, audience, s.key, s.due, s.owner, 0, ""};
  n.dedupe_key = absl::StrCat(s.key, ":", stage);
  // A moved due date owes its reminders again.
  if (kind != NoticeKind::kActionable) {
    absl::StrAppend(&n.dedupe_key, ":", calendar::FormatDate(*s.due));
  }
  return n;
}

void PlanStep(const StepState& s, absl::CivilDay today, ReminderPlan* plan) {
  if (IsFinished(s.status) || !s.due.has_value()) return;
  const absl::CivilDay due = *s.due;
  const auto overdue_days = today - due;
  if (s.starts_later && s.prerequisites_finished && overdue_days <= 0) {
    plan->notices.push_back(StepNotice(NoticeKind::kActionable,
                                       Audience::kStepOwner, s, "actionable"));
  }
  if (overdue_days >= 1) {
    plan->notices.push_back(
        StepNotice(NoticeKind::kOverdue, Audience::kStepOwner, s, "overdue"));
  } else if (overdue_days >= -1) {
    plan->notices.push_back(
        StepNotice(NoticeKind::kDueTomorrow, Audience::kStepOwner, s, "due1"));
  } else if (overdue_days >= -7) {
    plan->notices.push_back(
        StepNotice(NoticeKind::kDueIn7Days, Audience::kStepOwner, s, "due7"));
  }
  if (overdue_days >= kEscalateToHrAfterDays && s.owner != v1::STEP_OWNER_HR) {
    plan->notices.push_back(
        StepNotice(NoticeKind::kEscalateToHr, Audience::kHr, s, "escalate_hr"));
  }
  if (overdue_days >= kEscalateToAdvisorAfterDays &&
      s.owner != v1::STEP_OWNER_ADVISOR) {
    plan->notices.push_back(StepNotice(NoticeKind::kEscalateToAdvisor,
                                       Audience::kAdvisors, s,
                                       "escalate_advisor"));
  }
  for (int offset :
       {-7, -1, 1, kEscalateToHrAfterDays, kEscalateToAdvisorAfterDays}) {
    Consider(due + offset, today, &plan->next_check);
  }
}

}  // namespace

ReminderPlan PlanReminders(const std::vector<StepState>& steps,
                           absl::CivilDay today, int journey_day,
                           const std::vector<int>& check_ins_done) {
  ReminderPlan plan;
  for (const StepState& s : steps) PlanStep(s, today, &plan);

  const absl::CivilDay day0 = today - journey_day;
  int latest = 0;
  for (int day : kCheckInDays) {
    if (day <= journey_day) latest = day;
    Consider(day0 + day, today, &plan.next_check);
  }
  const bool answered = std::find(check_ins_done.begin(), check_ins_done.end(),
                                  latest) != check_ins_done.end();
  if (latest != 0 && !answered) {
    Notice n{NoticeKind::kCheckIn,
             Audience::kNewcomer,
             "",
             std::nullopt,
             0,
             latest,
             absl::StrCat("checkin:", latest)};
    plan.notices.push_back(std::move(n));
  }
  plan.close = journey_day > kLastDay;
  Consider(day0 + kLastDay + 1, today, &plan.next_check);
  return plan;
}

}  // namespace welkom::journey
