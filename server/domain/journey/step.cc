#include "server/domain/journey/step.h"

#include "server/domain/journey/plan.h"

namespace welkom::journey {
namespace {}  // namespace

bool IsFinished(int status) {
  for (int finished : kFinishedStatuses) {
    if (status == finished) return true;
  }
  return false;
}

std::optional<int> DaysOverdue(int status,
                               const std::optional<absl::CivilDay>& due,
                               absl::CivilDay today) {
  if (!due.has_value() || *due >= today || IsFinished(status)) {
    return std::nullopt;
  }
  return static_cast<int>(today - *due);
}

absl::Status ApplyStepUpdate(
    const StepUpdate& update, const v1::StepDefinition* definition,
    const absl::flat_hash_map<std::string, int>& status_by_key, int64_t now,
    Step* step) {
  if (update.status == v1::STEP_STATUS_DONE &&
      step->status != v1::STEP_STATUS_DONE) {
    if (definition != nullptr) {
      absl::Status ready = CheckPrerequisites(*definition, status_by_key);
      if (!ready.ok()) return ready;
    }
    step->done_at = now;
  }
  if (update.status != v1::STEP_STATUS_UNSPECIFIED) {
    if (update.status != v1::STEP_STATUS_DONE) step->done_at.reset();
    step->status = update.status;
    step->blocked_reason = update.status == v1::STEP_STATUS_BLOCKED
                               ? update.blocked_reason
                               : std::string();
  }
  if (update.note.has_value()) step->note = *update.note;
  return absl::OkStatus();
}

bool AnchorSetBy(const Step& step, absl::CivilDay today,
                 bool journey_has_bsn_step, Anchors* anchors) {
  if (step.status != v1::STEP_STATUS_DONE) return false;
  bool changed = false;
  const bool registration =
      step.key == kBrpRegistrationStep || step.key == kRniRegistrationStep;
  if (registration && !anchors->brp_registration.has_value()) {
    anchors->brp_registration = today;
    changed = true;
  }
  const bool bsn =
      step.key == kBsnStep || (registration && !journey_has_bsn_step);
  if (bsn && !anchors->bsn_received.has_value()) {
    anchors->bsn_received = today;
    changed = true;
  }
  return changed;
}

std::vector<size_t> MoveAnchor(const Anchors& anchors,
                               std::vector<Step>* steps) {
  std::vector<size_t> changed;
  for (size_t i = 0; i < steps->size(); ++i) {
    Step& s = (*steps)[i];
    if (IsFinished(s.status)) continue;
    std::optional<absl::CivilDay> due = DueDateFor(s.anchor, s.term, anchors);
    if (due == s.due) continue;
    s.due = due;
    changed.push_back(i);
  }
  return changed;
}

int ProgressPercent(int finished, int total) {
  return total <= 0 ? 0 : finished * 100 / total;
}

}  // namespace welkom::journey
