// File: journey_view.h
// Turns stored journeys and steps into welkom.v1 messages: texts from the
// catalogue in the caller's locale, due dates, overdue flags and progress
// as of "today" in Europe/Amsterdam. Also the Date <-> CivilDay mapping.
#ifndef WELKOM_SERVER_API_JOURNEY_VIEW_H_
#define WELKOM_SERVER_API_JOURNEY_VIEW_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "server/api/dispatcher.h"
#include "server/domain/journey/catalogue.h"
#include "server/domain/journey/plan.h"
#include "server/store/journey_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::api {

v1::Date ToProtoDate(absl::CivilDay day);
// INVALID_ARGUMENT naming `field` unless `date` is a real calendar date.
absl::StatusOr<absl::CivilDay> FromProtoDate(absl::string_view field,
                                             const v1::Date& date);

// The anchor dates stored with a journey.
journey::Anchors AnchorsOf(const store::JourneyRow& row);
// Writes `anchors` into the row's date columns.
void SetAnchors(const journey::Anchors& anchors, store::JourneyRow* row);

// Fills `out` with the step: definition texts from `catalogue` in `locale`
// ("nl" or English), overdue as of `today`.
void ToProtoStep(const store::StepRow& row, const journey::Catalogue& catalogue,
                 absl::string_view locale, absl::CivilDay today,
                 v1::JourneyStep* out);

// Fills `out` with the journey; with `with_steps` false only the summary
// (progress and overdue count are still computed from `steps`).
void ToProtoJourney(const store::JourneyRow& row,
                    const std::vector<store::StepRow>& steps,
                    const journey::Catalogue& catalogue,
                    absl::string_view locale, absl::CivilDay today,
                    bool with_steps, v1::Journey* out);

// "Today" in Europe/Amsterdam as of the call.
absl::CivilDay TodayOf(const Call& call);

// Fills `out` with the whole journey (steps included) as the caller sees it
// now, in the caller's locale: check-ins and the flag only for those who
// may see them (auth::CanSeeCheckIns). Reads on `call.conn`.
absl::Status ViewJourney(Call& call, const journey::Catalogue& catalogue,
                         const store::JourneyRow& row, v1::Journey* out);
// The same with the journey's steps already read.
absl::Status ViewJourney(Call& call, const journey::Catalogue& catalogue,
                         const store::JourneyRow& row,
                         const std::vector<store::StepRow>& steps,
                         v1::Journey* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_JOURNEY_VIEW_H_
