// File: demo_journey_plan.h
// Plans one demo journey in a given state of progress, inside the demo
// seeding transaction: the journey is created from the catalogue as if the
// newcomer arrived `arrived_days_ago`, anchors are set, and the chosen steps
// are marked done. Shared by the demo newcomer of the region and the demo
// caseload (demo_newcomers.h).
#ifndef WELKOM_SERVER_DEMO_DEMO_JOURNEY_PLAN_H_
#define WELKOM_SERVER_DEMO_DEMO_JOURNEY_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/domain/journey/catalogue.h"
#include "server/store/sqlite.h"
#include "welkom/v1/profile.pb.h"

namespace welkom::demo {

// How far one demo newcomer has come. Days are counted back from today
// (Europe/Amsterdam).
struct DemoProgress {
  int arrived_days_ago = 0;
  int started_days_ago = 0;
  std::optional<int> brp_days_ago;     // registered in the BRP
  std::optional<int> permit_days_ago;  // IND letter received
  // BSN received; unset: on the registration day (each demo story's
  // overdue step stays where it was written). The BSN step is then done.
  std::optional<int> bsn_days_ago;
  // Step keys done, whatever their due date.
  std::vector<const char*> done;
  // When set, every step due on or before today + done_ahead_days is done
  // too (negative: the newcomer lags behind), unless it is in `open` or one
  // of its prerequisites is not done. Pending steps (no due date) stay open.
  std::optional<int> done_ahead_days;
  // Step keys left open on purpose (e.g. to make a step overdue).
  std::vector<const char*> open;
  bool consent = true;
};

// Creates the journey of `newcomer_id` (employer `employer_id`) for
// `profile` with the arrival and start dates of `progress`, and brings it
// to that state. The steps written carry version 2.
absl::Status PlanDemoJourney(store::Connection& c,
                             const journey::Catalogue& catalogue,
                             const std::string& newcomer_id,
                             const std::string& employer_id,
                             v1::NewcomerProfile profile,
                             const DemoProgress& progress, absl::Time now);

}  // namespace welkom::demo

#endif  // WELKOM_SERVER_DEMO_DEMO_JOURNEY_PLAN_H_
