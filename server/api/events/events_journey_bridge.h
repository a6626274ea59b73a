// File: events_journey_bridge.h
// Connects social events, Dutch classes and calendar feeds to the journey
// engine (server/store/journey_store.h), through the hooks those services
// offer, so neither side includes the other:
//   - a newcomer's arrival cohort is the month of their journey's arrival
//     date (cohort events become visible to them);
//   - attendance recorded at an event marks the journey step
//     "first_social_event" done (no change if it already is);
//   - a seat in a Dutch course (enrolled, or promoted from the waitlist)
//     marks "dutch_course" (the course intake) done;
//   - the calendar feed lists the due dates of the journey's open steps as
//     all-day entries.
// Every hook runs inside the caller's transaction or read snapshot.
#ifndef WELKOM_SERVER_API_EVENTS_EVENTS_JOURNEY_BRIDGE_H_
#define WELKOM_SERVER_API_EVENTS_EVENTS_JOURNEY_BRIDGE_H_

#include "server/api/events/event_service.h"
#include "server/api/events/language_service.h"
#include "server/calendar/calendar_feed.h"
#include "server/flows/journey_definitions.h"

namespace welkom::api {

inline constexpr char kFirstSocialEventStep[] = "first_social_event";
inline constexpr char kDutchCourseStep[] = "dutch_course";

// `definitions` gives each journey's steps (its catalogue version with its
// employer template, advisors' edits included) and must outlive the services.
void ConnectEventsToJourneys(flows::JourneyDefinitions* definitions,
                             EventService* events, LanguageService* language,
                             calendar::CalendarFeed* feed);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_EVENTS_EVENTS_JOURNEY_BRIDGE_H_
