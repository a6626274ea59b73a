// File: journey_view.h
// Turns stored journeys and steps into welkom.v1 messages: texts from the
// catalogue in the caller's locale, due dates, overdue flags and progress
// as of "today" in Europe/Amsterdam (the Date <-> CivilDay mapping is in
// server/flows/journey_dates.h).
#ifndef WELKOM_SERVER_API_JOURNEY_JOURNEY_VIEW_H_
#define WELKOM_SERVER_API_JOURNEY_JOURNEY_VIEW_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "server/domain/journey/catalogue.h"
#include "server/domain/journey/plan.h"
#include "server/flows/journey_dates.h"
#include "server/rpc/call.h"
#include "server/store/journey_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::api {

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
absl::CivilDay TodayOf(const rpc::Call& call);

// Fills `out` with the whole journey (steps included) as the caller sees it
// now, in the caller's locale: check-ins and the flag only for those who
// may see them (auth::CanSeeCheckIns), and its etag (SetJourneyEtag).
// Reads on `call.conn`.
absl::Status ViewJourney(rpc::Call& call, const journey::Catalogue& catalogue,
                         const store::JourneyRow& row, v1::Journey* out);
// The same with the journey's steps already read.
absl::Status ViewJourney(rpc::Call& call, const journey::Catalogue& catalogue,
                         const store::JourneyRow& row,
                         const std::vector<store::StepRow>& steps,
                         v1::Journey* out);

// A change's `view`: INVALID_ARGUMENT when out of range.
absl::Status RequireView(v1::JourneyView view);

// `client_etag` if the client's copy is the journey as the caller sees it
// before a change (`steps`: the rows before it), else empty. Only asked when
// the answer carries changes, since it builds the view once more.
absl::StatusOr<std::string> BaseEtag(rpc::Call& call,
                                     const journey::Catalogue& catalogue,
                                     const store::JourneyRow& row,
                                     const std::vector<store::StepRow>& steps,
                                     v1::JourneyView view,
                                     absl::string_view client_etag);

// Fills `out` with the steps of `changed_keys` (the rows a change wrote), the
// anchors, totals, day and etag of `journey` (the caller's view after the
// change) and `base_etag` (BaseEtag).
void FillChanges(v1::Journey journey,
                 const std::vector<std::string>& changed_keys,
                 std::string base_etag, v1::JourneyChanges* out);

// Answers a change (UpdateStepResponse, SetAnchorDateResponse) in `view`:
// FULL the whole journey, CHANGES (the default) FillChanges.
template <typename Response>
void AnswerChange(v1::JourneyView view, v1::Journey journey,
                  const std::vector<std::string>& changed_keys,
                  std::string base_etag, Response* resp) {
  if (view == v1::JOURNEY_VIEW_FULL) {
    *resp->mutable_journey() = std::move(journey);
  } else {
    FillChanges(std::move(journey), changed_keys, std::move(base_etag),
                resp->mutable_changes());
  }
}

// Sets `journey->etag` from everything else in it (ContentEtag of its
// deterministic serialisation): the id, steps, anchors, consent, check-ins
// and texts all count, so any change the caller could see changes it.
void SetJourneyEtag(v1::Journey* journey);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_JOURNEY_JOURNEY_VIEW_H_
