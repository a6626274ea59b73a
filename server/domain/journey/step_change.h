// File: step_change.h
// Who may move a journey step to which status, as one rule the handler asks
// before it saves (UpdateStep loads, decides here, saves, maps):
//   - A step's owner changes it (newcomer: own steps; HR: HR steps;
//     advisors: any), as auth::CanChangeStep says; that answer comes in as
//     `owner_may_change`.
//   - A legal step (one with a legal basis) is marked "not applicable" only
//     by the employer's HR or an Expat Center advisor, never by the
//     newcomer, and only with a reason, which is kept with the step (and the
//     change is in the journey's audit log like every change by others).
//   - Blocked needs a reason.
//   - A done (or not applicable) step can be reopened (todo, in progress,
//     blocked) by whoever may change it; reopening clears its done time.
//   - Done needs the step's prerequisites finished (CheckPrerequisites).
//
//   StepStatusChange c;
//   WELKOM_ASSIGN_OR_RETURN(c, DecideStatusChange({...}));
//   step.status = c.status; step.blocked_reason = c.reason;
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_STEP_CHANGE_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_STEP_CHANGE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "welkom/v1/common.pb.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::journey {

struct StepStatusRequest {
  absl::string_view step_key;
  int from_status = 0;  // welkom.v1.StepStatus as stored
  int to_status = 0;    // UNSPECIFIED: keep the status
  bool legal = false;   // the step has a legal basis
  v1::Role actor_role = v1::ROLE_UNSPECIFIED;
  bool owner_may_change = false;  // auth::CanChangeStep for this step
  absl::string_view reason;       // UpdateStepRequest.blocked_reason
};

struct StepStatusChange {
  // False when the request keeps the status (a note only): leave status,
  // reason and done time as they are.
  bool changes_status = true;
  int status = 0;         // the status to store
  std::string reason;     // kept with the step: blocked, or N/A with a reason
  bool reopened = false;  // was done or not applicable, now open
  bool becomes_done = false;  // check prerequisites, set the done time
};

// The change to store, or PERMISSION_DENIED (who), INVALID_ARGUMENT (a
// reason is missing, naming blocked_reason). A request that keeps the
// status (`to_status` UNSPECIFIED) still needs `owner_may_change`.
absl::StatusOr<StepStatusChange> DecideStatusChange(const StepStatusRequest& r);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_STEP_CHANGE_H_
