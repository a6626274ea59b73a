// File: reminders.h
// Which notices a journey is owed on a given day (issue 3, point 7). Pure:
// the reminder job (server/jobs/reminder_job.h) feeds it stored state, sends
// what it returns only at delivery times (calendar/working_hours.h) and
// relies on each notice's dedupe key so nothing is sent twice.
//
// For an open step (todo, in progress, blocked) with a due date D:
//   - "actionable" once, when a step that could not start on day 0 (it has
//     prerequisites in the journey, or hangs off the BRP registration or the
//     permit) has all prerequisites finished and a due date, unless overdue;
//   - a reminder to the owner from D-7 and from D-1, then "overdue" from
//     D+1; only the latest of these is owed, so a step planned 3 days
//     before its due date gets one reminder, not two;
//   - escalation to the employer's HR from D+3 and to the Expat Center's
//     advisors from D+5 (the job sends the latter only with consent); not to
//     the owner's own group again.
// Check-in prompts to the newcomer from day 30, 60 and 90 (the latest one
// not answered); the journey closes from day 91.
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_REMINDERS_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_REMINDERS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace welkom::journey {

// A step as the reminder planner sees it.
struct StepState {
  std::string key;
  int owner = 0;   // welkom.v1.StepOwner
  int status = 0;  // welkom.v1.StepStatus
  std::optional<absl::CivilDay> due;
  // It could not be started on day 0 (prerequisites, or a BRP / permit
  // anchor), so becoming actionable is news.
  bool starts_later = false;
  // Every prerequisite in the journey is done or not applicable.
  bool prerequisites_finished = true;
};

enum class NoticeKind {
  kActionable,
  kDueIn7Days,
  kDueTomorrow,
  kOverdue,
  kEscalateToHr,
  kEscalateToAdvisor,
  kCheckIn,
};

// Who receives a notice.
enum class Audience { kStepOwner, kHr, kAdvisors, kNewcomer };

struct Notice {
  NoticeKind kind;
  Audience audience;
  std::string step_key;               // empty for check-ins
  std::optional<absl::CivilDay> due;  // the step's due date
  int step_owner = 0;
  int check_in_day = 0;  // 30, 60 or 90 for kCheckIn
  // Unique for this journey; the job adds journey and recipient.
  std::string dedupe_key;
};

struct ReminderPlan {
  std::vector<Notice> notices;
  bool close = false;
  // The first later day on which a new notice (or the closing) may become
  // owed without anything else changing; std::nullopt if none.
  std::optional<absl::CivilDay> next_check;
};

// Check-in days and the last day of a journey.
inline constexpr int kCheckInDays[] = {30, 60, 90};
inline constexpr int kLastDay = 90;
inline constexpr int kEscalateToHrAfterDays = 3;
inline constexpr int kEscalateToAdvisorAfterDays = 5;

// The notices owed on `today`, which is day `journey_day` of the journey;
// `check_ins_done` holds the check-in days already answered.
ReminderPlan PlanReminders(const std::vector<StepState>& steps,
                           absl::CivilDay today, int journey_day,
                           const std::vector<int>& check_ins_done);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_REMINDERS_H_
