// File: journey_check_in.h
// SubmitCheckIn (part of welkom.v1.JourneyService): the newcomer answers
// "how are you settling in?" (0-10) at day 30, 60 and 90 of the journey,
// once each and not before that day. The journey is flagged while its
// latest check-in scored 6 or lower; a low score also notifies the Expat
// Center's advisors when the newcomer consents to their access.
#ifndef WELKOM_SERVER_API_JOURNEY_JOURNEY_CHECK_IN_H_
#define WELKOM_SERVER_API_JOURNEY_JOURNEY_CHECK_IN_H_

#include "server/flows/journey_definitions.h"
#include "server/rpc/dispatcher.h"

namespace welkom::api {

inline constexpr char kSubmitCheckIn[] =
    "/welkom.v1.JourneyService/SubmitCheckIn";

// The highest score that flags a journey.
inline constexpr int kFlaggingScore = 6;

// Registers SubmitCheckIn; `definitions` must outlive the dispatcher.
void RegisterCheckInMethods(rpc::Dispatcher* dispatcher,
                            flows::JourneyDefinitions* definitions);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_JOURNEY_JOURNEY_CHECK_IN_H_
