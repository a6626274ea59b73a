#include "server/demo/demo_journeys.h"

#include "server/base/status_macros.h"
#include "server/demo/demo_journey_plan.h"

namespace welkom::demo {

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
      progress.done = {
          "ind_permit_application", "temporary_housing", "brp_registration",
          "bsn_received",           "digid_apply",       "school_registration",
          "workplace_ready",        "it_account",        "first_week_checkin",
          "expat_center_welcome",   "buddy_introduced"};
      WELKOM_RETURN_IF_ERROR(PlanDemoJourney(c, *catalogue, a.user_id, a.org_id,
                                             profile, progress, now));
    }
    return absl::OkStatus();
  };
}

}  // namespace welkom::demo
