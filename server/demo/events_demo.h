// File: events_demo.h
// Demo data for events and Dutch classes in Twente, dated relative to the
// seeding time: a welcome reception at Enschede city hall, the Dutch
// Conversation Club, a campus café at the University of Twente, Business
// Days Twente, a cohort meet-up, an employer lunch, and Dutch courses from
// regional providers.
#ifndef WELKOM_SERVER_DEMO_EVENTS_DEMO_H_
#define WELKOM_SERVER_DEMO_EVENTS_DEMO_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/demo/demo_region.h"
#include "server/store/sqlite.h"

namespace welkom::demo {

// A DemoHook: runs inside the seeding transaction.
absl::Status SeedEventsAndClasses(store::Connection& c,
                                  const DemoRegion& region, absl::Time now);

}  // namespace welkom::demo

#endif  // WELKOM_SERVER_DEMO_EVENTS_DEMO_H_
