#include "server/domain/journey/step_change.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace welkom::journey {
namespace {

bool IsClosedStatus(int status) {
  return status == v1::STEP_STATUS_DONE ||
         status == v1::STEP_STATUS_NOT_APPLICABLE;
}

}  // namespace

absl::StatusOr<StepStatusChange> DecideStatusChange(
    const StepStatusRequest& r) {
  const bool staff =
      r.actor_role == v1::ROLE_HR || r.actor_role == v1::ROLE_ADVISOR;
  const absl::string_view reason = absl::StripAsciiWhitespace(r.reason);
  StepStatusChange out;
  if (r.to_status == v1::STEP_STATUS_NOT_APPLICABLE && r.legal) {
    // A legal obligation is waived only by the people who answer for it.
    if (!staff) {
      return absl::PermissionDeniedError(absl::StrCat(
          "step '", r.step_key,
          "' is a legal obligation: only your employer's HR or the Expat "
          "Center can mark it not applicable, with a reason"));
    }
    if (reason.empty()) {
      return absl::InvalidArgumentError(
          "blocked_reason: say why this legal step does not apply");
    }
  } else if (!r.owner_may_change) {
    return absl::PermissionDeniedError(
        absl::StrCat("step '", r.step_key,
                     "' belongs to its owner; your role may not change it"));
  }
  if (r.to_status == v1::STEP_STATUS_UNSPECIFIED) {
    out.changes_status = false;  // only the note changes
    return out;
  }
  if (r.to_status == v1::STEP_STATUS_BLOCKED && reason.empty()) {
    return absl::InvalidArgumentError(
        "blocked_reason: say what blocks the step");
  }
  out.status = r.to_status;
  if (r.to_status == v1::STEP_STATUS_BLOCKED ||
      (r.to_status == v1::STEP_STATUS_NOT_APPLICABLE && !reason.empty())) {
    out.reason = std::string(reason);
  }
  out.reopened = IsClosedStatus(r.from_status) && !IsClosedStatus(r.to_status);
  out.becomes_done = r.to_status == v1::STEP_STATUS_DONE &&
                     r.from_status != v1::STEP_STATUS_DONE;
  return out;
}

}  // namespace welkom::journey
