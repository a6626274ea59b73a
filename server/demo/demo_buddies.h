// File: demo_buddies.h
// Demo data for the buddy programme: a Twente buddy pool of locals, earlier
// newcomers and staff of other employers (varied languages, municipalities
// across the region), a few newcomers waiting for a match, and the demo
// newcomer's accepted match with the demo buddy (whose journey step
// "buddy_introduced" the journey demo already marks done). Only the demo
// buddy account logs in; the others store the unusable password hash "!".
#ifndef WELKOM_SERVER_DEMO_DEMO_BUDDIES_H_
#define WELKOM_SERVER_DEMO_DEMO_BUDDIES_H_

#include "server/demo/demo_region.h"

namespace welkom::demo {

DemoHook DemoBuddiesHook();

}  // namespace welkom::demo

#endif  // WELKOM_SERVER_DEMO_DEMO_BUDDIES_H_
