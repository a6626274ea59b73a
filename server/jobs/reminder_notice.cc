#include "server/jobs/reminder_notice.h"

#include "absl/strings/str_cat.h"
#include "server/domain/calendar/civil_date.h"

namespace welkom::jobs {
namespace {

using journey::NoticeKind;

void Set(store::NotificationRow* row, const char* kind, std::string title_en,
         std::string title_nl, std::string body_en, std::string body_nl) {
  row->kind = kind;
  row->title_en = std::move(title_en);
  row->title_nl = std::move(title_nl);
  row->body_en = std::move(body_en);
  row->body_nl = std::move(body_nl);
}

}  // namespace

store::NotificationRow ComposeNotice(const journey::Notice& notice,
                                     const v1::StepDefinition* step,
                                     const store::JourneyRow& journey,
                                     absl::CivilDay today) {
  store::NotificationRow row;
  const std::string en = step != nullptr ? step->title().en() : notice.step_key;
  const std::string nl =
      step != nullptr && !step->title().nl().empty() ? step->title().nl() : en;
  const std::string due =
      notice.due.has_value() ? calendar::FormatDate(*notice.due) : "";
  const std::string who = journey.newcomer_name;
  row.subject = absl::StrCat("journey:", journey.id, "/step:", notice.step_key);
  // HR, advisors and buddies follow many newcomers: their notices name the
  // newcomer first ("Priya Raman: Due in 6 days: ..."). Escalations already do.
  const bool to_newcomer = notice.audience == journey::Audience::kNewcomer ||
                           (notice.audience == journey::Audience::kStepOwner &&
                            notice.step_owner == v1::STEP_OWNER_NEWCOMER);
  const std::string about =
      to_newcomer || who.empty() ? "" : absl::StrCat(who, ": ");
  switch (notice.kind) {
    case NoticeKind::kActionable:
      Set(&row, "step_actionable", absl::StrCat(about, "You can start: ", en),
          absl::StrCat(about, "Je kunt beginnen: ", nl),
          absl::StrCat("Everything it needs is done. Due on ", due, "."),
          absl::StrCat("Alles wat nodig is, is klaar. Uiterlijk ", due, "."));
      break;
    case NoticeKind::kDueIn7Days:
    case NoticeKind::kDueTomorrow: {
      const int64_t days = *notice.due - today;
      Set(&row, "step_due",
          days <= 0 ? absl::StrCat(about, "Due today: ", en)
                    : absl::StrCat(about, "Due in ", days,
                                   days == 1 ? " day: " : " days: ", en),
          days <= 0 ? absl::StrCat(about, "Vandaag: ", nl)
                    : absl::StrCat(about, "Nog ", days,
                                   days == 1 ? " dag: " : " dagen: ", nl),
          absl::StrCat("Due on ", due, "."),
          absl::StrCat("Uiterlijk ", due, "."));
      break;
    }
    case NoticeKind::kOverdue:
      Set(&row, "step_overdue", absl::StrCat(about, "Overdue: ", en),
          absl::StrCat(about, "Te laat: ", nl),
          absl::StrCat("It was due on ", due, "."),
          absl::StrCat("Dit moest uiterlijk ", due, "."));
      break;
    case NoticeKind::kEscalateToHr:
    case NoticeKind::kEscalateToAdvisor: {
      const int64_t late = today - *notice.due;
      Set(&row, "escalation",
          absl::StrCat(who, ": overdue ", late, " days: ", en),
          absl::StrCat(who, ": ", late, " dagen te laat: ", nl),
          absl::StrCat("It was due on ", due, ". Please check in with ", who,
                       "."),
          absl::StrCat("Dit moest uiterlijk ", due, ". Neem contact op met ",
                       who, "."));
      break;
    }
    case NoticeKind::kCheckIn:
      row.subject = absl::StrCat("journey:", journey.id,
                                 "/checkin:", notice.check_in_day);
      Set(&row, "checkin_due", "How are you settling in?",
          "Hoe gaat het met je?",
          absl::StrCat("Day ", notice.check_in_day,
                       " of your first 90 days: give a score from 0 to 10 in "
                       "the app."),
          absl::StrCat("Dag ", notice.check_in_day,
                       " van je eerste 90 dagen: geef een cijfer van 0 tot 10 "
                       "in de app."));
      break;
  }
  return row;
}

}  // namespace welkom::jobs
