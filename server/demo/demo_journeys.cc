#include "server/demo/demo_journeys.h"

#include "absl/container/flat_hash_set.h"
#include "server/api/journey_creation.h"
#include "server/api/journey_view.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/store/journey_store.h"

namespace welkom::demo {
namespace {

// How far one demo newcomer has come.
struct DemoProgress {
  int arrived_days_ago = 0;
  int started_days_ago = 0;
  std::optional<int> brp_days_ago;     // registered in the BRP
  std::optional<int> permit_days_ago;  // IND letter received
  std::vector<const char*> done;       // step keys done
  bool consent = true;
};

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
      api::ToProtoDate(days_ago(progress.arrived_days_ago));
  *profile.mutable_start_date() =
      api::ToProtoDate(days_ago(progress.started_days_ago));
  WELKOM_ASSIGN_OR_RETURN(
      store::JourneyRow row,
      api::CreateJourneyRows(c, catalogue, newcomer_id, employer_id, profile,
                             t - 86400 * progress.arrived_days_ago));
  journey::Anchors anchors = api::AnchorsOf(row);
  if (progress.brp_days_ago) {
    anchors.brp_registration = days_ago(*progress.brp_days_ago);
  }
  if (progress.permit_days_ago) {
    anchors.permit_ready = days_ago(*progress.permit_days_ago);
  }
  api::SetAnchors(anchors, &row);
  WELKOM_RETURN_IF_ERROR(store::UpdateJourneyAnchors(c, row));
  WELKOM_RETURN_IF_ERROR(store::SetAdvisorConsent(c, row.id, progress.consent));
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::StepRow> steps,
                          store::ListSteps(c, row.id));
  absl::flat_hash_set<std::string> done(progress.done.begin(),
                                        progress.done.end());
  for (store::StepRow& s : steps) {
    if (!done.contains(s.step_key)) continue;
    s.status = v1::STEP_STATUS_DONE;
    s.done_at = t - 86400;
  }
  api::RecomputeDueDates(anchors, t, &steps);
  // Every row was just inserted at version 1; write each once as version 2.
  for (store::StepRow& s : steps) {
    s.version = 2;
    WELKOM_RETURN_IF_ERROR(store::UpdateStep(c, s, 1));
  }
  return absl::OkStatus();
}

}  // namespace

DemoHook DemoJourneysHook(const journey::Catalogue* catalogue) {
  return [catalogue](store::Connection& c, const DemoRegion& region,
                     absl::Time now) -> absl::Status {
    for (const DemoAccount& a : region.accounts) {
      if (a.role != "newcomer") continue;
      // A knowledge migrant with a partner and a child of 7, three weeks in.
      v1::NewcomerProfile profile;
      profile.set_permit_type(v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);
      profile.set_stay_months(36);
      profile.set_has_partner(true);
      profile.add_children_ages(7);
      profile.set_occupation(v1::OCCUPATION_PROFESSIONAL);
      profile.set_municipality("enschede");
      DemoProgress progress;
      progress.arrived_days_ago = 21;
      progress.started_days_ago = 14;
      progress.brp_days_ago = 18;
      progress.permit_days_ago = 10;
      // Left open on purpose: bank_account (due 4 days ago: overdue).
      progress.done = {"ind_permit_application", "temporary_housing",
                       "brp_registration",       "bsn_received",
                       "digid_apply",            "school_registration",
                       "workplace_ready",        "it_account",
                       "first_week_checkin",     "expat_center_welcome",
                       "buddy_introduced"};
      WELKOM_RETURN_IF_ERROR(PlanDemoJourney(c, *catalogue, a.user_id, a.org_id,
                                             profile, progress, now));
    }
    return absl::OkStatus();
  };
}

}  // namespace welkom::demo
