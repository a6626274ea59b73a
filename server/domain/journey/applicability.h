// File: applicability.h
// Whether a catalogue step applies to a newcomer, from their profile.
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_APPLICABILITY_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_APPLICABILITY_H_

#include "welkom/v1/catalogue.pb.h"
#include "welkom/v1/profile.pb.h"

namespace welkom::journey {

// True when every condition set in `rule` holds for `profile` (see
// ApplicabilityRule in catalogue.proto); an empty rule applies to everyone.
// A profile with stay_months 0 (unknown) counts as a long stay, so legal
// steps are never silently dropped for lack of information.
bool Applies(const v1::ApplicabilityRule& rule,
             const v1::NewcomerProfile& profile);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_APPLICABILITY_H_
