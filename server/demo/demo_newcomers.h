// File: demo_newcomers.h
// The demo caseload: two dozen newcomers of both demo employers, spread over
// several Twente municipalities and over the first 100 days (arrived 2 to
// 100 days ago), EU and non-EU, single, with partner and children, students;
// several with an overdue legal step (BRP, DigiD, permit collection, school
// registration, student insurance), most with advisor consent. They exist so
// the advisor console, the employer views and the KPI page have realistic
// data. Their password hash is "!", which no password matches: nobody can
// log in as them, and they are not listed in the demo accounts file.
#ifndef WELKOM_SERVER_DEMO_DEMO_NEWCOMERS_H_
#define WELKOM_SERVER_DEMO_DEMO_NEWCOMERS_H_

#include "server/demo/demo_region.h"
#include "server/domain/journey/catalogue.h"

namespace welkom::demo {

// A DemoHook (demo_region.h) that creates the caseload's users and plans
// their journeys from `catalogue`, which must outlive the hook.
DemoHook DemoNewcomersHook(const journey::Catalogue* catalogue);

// How many newcomers DemoNewcomersHook creates.
int DemoNewcomerCount();

}  // namespace welkom::demo

#endif  // WELKOM_SERVER_DEMO_DEMO_NEWCOMERS_H_
