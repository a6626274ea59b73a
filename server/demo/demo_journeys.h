// File: demo_journeys.h
// Demo data for the journey engine: the demo newcomer's journey in a
// realistic state (arrived three weeks ago, registered in the BRP, several
// steps done, one overdue), so the app, the console and the KPIs have
// something to show.
#ifndef WELKOM_SERVER_DEMO_DEMO_JOURNEYS_H_
#define WELKOM_SERVER_DEMO_DEMO_JOURNEYS_H_

#include "server/demo/demo_region.h"
#include "server/domain/journey/catalogue.h"

namespace welkom::demo {

// A DemoHook (demo_region.h) that plans the demo journeys from `catalogue`,
// which must outlive the hook.
DemoHook DemoJourneysHook(const journey::Catalogue* catalogue);

}  // namespace welkom::demo

#endif  // WELKOM_SERVER_DEMO_DEMO_JOURNEYS_H_
