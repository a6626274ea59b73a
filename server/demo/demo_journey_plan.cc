#include "server/demo/demo_journey_plan.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/step.h"
#include "server/flows/journey_creation.h"
#include "server/flows/journey_dates.h"
#include "server/store/journey_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::demo {
namespace {

// True if every prerequisite of `key` that is part of the journey is in
// `done` (steps come in catalogue order, prerequisites first).
bool PrerequisitesDone(const journey::Catalogue& catalogue,
                       const std::string& key,
                       const absl::flat_hash_set<std::string>& in_journey,
                       const absl::flat_hash_set<std::string>& done) {
  const v1::StepDefinition* def = catalogue.Find(key);
  if (def == nullptr) return true;
  for (const std::string& dep : def->depends_on()) {
    if (in_journey.contains(dep) && !done.contains(dep)) return false;
  }
  return true;
}

}  // namespace

absl::Status PlanDemoJourney(store::Connection& c,
                             const journey::Catalogue& catalogue,
                             const std::string& newcomer_id,
                             const std::string& employer_id,
                             v1::NewcomerProfile profile,
                             const DemoProgress& progress, absl::Time now) {
  const int64_t t = absl::ToUnixSeconds(now);
  const absl::CivilDay today = calendar::AmsterdamDay(now);
  auto days_ago = [&](int n) { return today - n; };
  *profile.mutable_arrival_date() =
      flows::ToProtoDate(days_ago(progress.arrived_days_ago));
  *profile.mutable_start_date() =
      flows::ToProtoDate(days_ago(progress.started_days_ago));
  WELKOM_ASSIGN_OR_RETURN(
      store::JourneyRow row,
      flows::CreateJourneyRows(c, catalogue, newcomer_id, employer_id, profile,
                               t - 86400 * progress.arrived_days_ago));
  journey::Anchors anchors = flows::AnchorsOf(row);
  if (progress.brp_days_ago) {
    anchors.brp_registration = days_ago(*progress.brp_days_ago);
  }
  if (progress.permit_days_ago) {
    anchors.permit_ready = days_ago(*progress.permit_days_ago);
  }
  const std::optional<int> bsn_days_ago =
      progress.bsn_days_ago ? progress.bsn_days_ago : progress.brp_days_ago;
  if (bsn_days_ago) anchors.bsn_received = days_ago(*bsn_days_ago);
  flows::SetAnchors(anchors, &row);
  WELKOM_RETURN_IF_ERROR(store::UpdateJourneyAnchors(c, row));
  WELKOM_RETURN_IF_ERROR(store::SetAdvisorConsent(c, row.id, progress.consent));
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                          store::ListSteps(c, row.id));
  // Due dates from all anchors first: "done ahead" compares against them.
  flows::RecomputeDueDates(anchors, t, &steps);
  absl::flat_hash_set<std::string> in_journey;
  for (const store::StepRow& s : steps) in_journey.insert(s.step_key);
  const absl::flat_hash_set<std::string> open(progress.open.begin(),
                                              progress.open.end());
  absl::flat_hash_set<std::string> done(progress.done.begin(),
                                        progress.done.end());
  // A known BSN anchor means the BSN step is done (on that day, below).
  if (anchors.bsn_received.has_value()) done.insert(journey::kBsnStep);
  if (progress.done_ahead_days.has_value()) {
    const std::string limit =
        calendar::FormatDate(today + *progress.done_ahead_days);
    for (const store::StepRow& s : steps) {
      if (open.contains(s.step_key) || !s.due_date.has_value() ||
          *s.due_date > limit ||
          !PrerequisitesDone(catalogue, s.step_key, in_journey, done)) {
        continue;
      }
      done.insert(s.step_key);
    }
  }
  for (store::StepRow& s : steps) {
    if (!done.contains(s.step_key)) continue;
    s.status = v1::STEP_STATUS_DONE;
    // Done on its due date, or yesterday if that is still to come.
    int64_t done_at = t - 86400;
    if (s.due_date.has_value()) {
      std::optional<absl::CivilDay> due = calendar::ParseDate(*s.due_date);
      if (due.has_value() && *due < today) {
        done_at = std::min(done_at, t - 86400 * (today - *due));
      }
    }
    if (s.step_key == journey::kBsnStep && anchors.bsn_received.has_value()) {
      done_at = t - 86400 * (today - *anchors.bsn_received);
    }
    s.done_at = done_at;
  }
  // Every row was just inserted at version 1; write each once as version 2.
  for (store::StepRow& s : steps) {
    s.version = 2;
    WELKOM_RETURN_IF_ERROR(store::UpdateStep(c, s, 1));
  }
  return absl::OkStatus();
}

}  // namespace welkom::demo
