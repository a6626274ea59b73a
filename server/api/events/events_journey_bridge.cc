#include "server/api/events/events_journey_bridge.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "server/base/status_macros.h"
#include "server/domain/journey/step.h"
#include "server/store/cohort_store.h"
#include "server/store/journey_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::api {
namespace {

// One all-day entry per open step with a known due date.
absl::Status AddJourneyDeadlines(flows::JourneyDefinitions& definitions,
                                 store::Connection& c,
                                 const std::string& user_id,
                                 std::vector<calendar::CalendarEntry>* out) {
  absl::StatusOr<store::JourneyRow> journey =
      store::GetJourneyByNewcomer(c, user_id);
  if (absl::IsNotFound(journey.status())) return absl::OkStatus();
  if (!journey.ok()) return journey.status();
  if (journey->closed_at.has_value()) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          definitions.ForJourney(c, *journey));
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                          store::ListSteps(c, journey->id));
  for (const store::StepRow& step : steps) {
    absl::CivilDay due;
    if (journey::IsFinished(step.status) || !step.due_date.has_value() ||
        !absl::ParseCivilTime(*step.due_date, &due)) {
      continue;
    }
    calendar::CalendarEntry entry;
    entry.uid =
        absl::StrCat("step-", journey->id, "-", step.step_key, "@welkom");
    const v1::StepDefinition* def = catalogue->Find(step.step_key);
    std::string title = def != nullptr ? def->title().en() : step.step_key;
    entry.summary = absl::StrCat("Due: ", title);
    if (def != nullptr) entry.description = def->help().en();
    entry.all_day = due;
    out->push_back(std::move(entry));
  }
  return absl::OkStatus();
}

}  // namespace

void ConnectEventsToJourneys(flows::JourneyDefinitions* definitions,
                             EventService* events, LanguageService* language,
                             calendar::CalendarFeed* feed) {
  events->SetCohortLookup(store::ArrivalCohortOf);
  events->AddAttendanceHook([](rpc::Call& call, const store::EventRow&,
                               const std::string& member_id) {
    return store::MarkStepDoneByKey(*call.conn, member_id,
                                    kFirstSocialEventStep, call.now_seconds);
  });
  language->AddSeatHook([](rpc::Call& call, const store::CourseRow&,
                           const std::string& member_id) {
    return store::MarkStepDoneByKey(*call.conn, member_id, kDutchCourseStep,
                                    call.now_seconds);
  });
  feed->AddSource([definitions](store::Connection& c,
                                const std::string& user_id, absl::Time,
                                std::vector<calendar::CalendarEntry>* out) {
    return AddJourneyDeadlines(*definitions, c, user_id, out);
  });
}

}  // namespace welkom::api
