// File: step.h
// A journey step as the domain sees it, and the rules that change it: the
// status state machine (ApplyStepUpdate), due dates after an anchor moves
// (MoveAnchor), overdue (DaysOverdue), progress and the anchor a step sets.
// Plain values in, decisions out; time is passed in (`now`, `today`), so the
// rules are tested without a database or the wall clock. Handlers load rows,
// convert them (flows/journey_dates.h), decide here, and save.
//
//   journey::Step step = flows::StepOf(row);
//   WELKOM_RETURN_IF_ERROR(journey::ApplyStepUpdate(update, def, statuses,
//                                                   now, &step));
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_STEP_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_STEP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "server/domain/journey/term.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::journey {

struct Anchors;

// The statuses (welkom.v1.StepStatus numbers, as stored) that count as
// finished: the step needs nothing more and is never overdue. Every other
// valid status is open. Stores bind these as parameters; they are checked
// against the contract here, once.
inline constexpr int kFinishedStatuses[] = {v1::STEP_STATUS_DONE,
                                            v1::STEP_STATUS_NOT_APPLICABLE};
inline constexpr int kOpenStatuses[] = {
    v1::STEP_STATUS_TODO, v1::STEP_STATUS_IN_PROGRESS, v1::STEP_STATUS_BLOCKED};
static_assert(v1::STEP_STATUS_TODO == 1 && v1::STEP_STATUS_IN_PROGRESS == 2 &&
                  v1::STEP_STATUS_DONE == 3 && v1::STEP_STATUS_BLOCKED == 4 &&
                  v1::STEP_STATUS_NOT_APPLICABLE == 5 &&
                  v1::StepStatus_MAX == 5,
              "journey_steps.status stores these numbers (migration 0010's "
              "CHECK and the partial index journey_steps_open_by_due); a new "
              "status needs a migration and a place in one of the lists");

// Done or not applicable.
bool IsFinished(int status);

// Days past `due` of a step with `status` on `today`; std::nullopt when the
// step is not overdue: finished, no due date yet, or due today or later.
std::optional<int> DaysOverdue(int status,
                               const std::optional<absl::CivilDay>& due,
                               absl::CivilDay today);

// The part of a step a journey's rules read and change.
struct Step {
  std::string key;
  int status = v1::STEP_STATUS_TODO;  // welkom.v1.StepStatus
  v1::Anchor anchor = v1::ANCHOR_UNSPECIFIED;
  Term term;                          // after the anchor
  std::optional<absl::CivilDay> due;  // std::nullopt: pending (anchor unknown)
  std::optional<int64_t> done_at;     // unix seconds, only while done
  std::string blocked_reason;         // only while blocked
  std::string note;
};

// What a caller asks to change; an unset field keeps the step's value.
struct StepUpdate {
  int status = v1::STEP_STATUS_UNSPECIFIED;  // UNSPECIFIED: keep
  std::string blocked_reason;                // used when status is BLOCKED
  std::optional<std::string> note;
};

// Applies `update` to `step` at `now` (unix seconds):
//  - to DONE from another status: every prerequisite of `definition` that is
//    part of the journey must be finished (`status_by_key` holds every
//    step's status), else FAILED_PRECONDITION naming them and `step` is left
//    unchanged; done_at becomes `now`;
//  - staying DONE keeps the first done_at; any other status clears it;
//  - blocked_reason is kept only while BLOCKED.
// `definition` may be null (a step no longer in the catalogue: no
// prerequisites). Validation of the request's fields is the caller's.
absl::Status ApplyStepUpdate(
    const StepUpdate& update, const v1::StepDefinition* definition,
    const absl::flat_hash_map<std::string, int>& status_by_key, int64_t now,
    Step* step);

// The steps whose completion sets an anchor.
inline constexpr char kBrpRegistrationStep[] = "brp_registration";
inline constexpr char kRniRegistrationStep[] = "rni_registration";
inline constexpr char kBsnStep[] = "bsn_received";

// The anchors a step sets when it is done, unless known already:
// registering (the BRP or the RNI step) makes `today` the registration
// anchor the BSN deadline hangs off; receiving the BSN (its step, or the
// registration in a journey without one, since a returnee has a BSN for
// life) makes it the BSN anchor that DigiD, bank and GP hang off. Returns
// whether `anchors` changed.
bool AnchorSetBy(const Step& step, absl::CivilDay today,
                 bool journey_has_bsn_step, Anchors* anchors);

// Recomputes the due dates of `steps` for `anchors`: an open step's due date
// follows its anchor (std::nullopt while the anchor is unknown); a finished
// step keeps its date, which is history. Returns the indexes of the steps
// whose due date changed, in order.
std::vector<size_t> MoveAnchor(const Anchors& anchors,
                               std::vector<Step>* steps);

// Whole percent of `steps` finished (0 for no steps), rounded down.
int ProgressPercent(int finished, int total);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_STEP_H_
