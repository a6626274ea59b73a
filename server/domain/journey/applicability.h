// File: applicability.h
// Whether a catalogue step applies to a newcomer, from their profile, and
// the facts the rules read from it (nationality group, registration path).
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_APPLICABILITY_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_APPLICABILITY_H_

#include "welkom/v1/catalogue.pb.h"
#include "welkom/v1/profile.pb.h"

namespace welkom::journey {

// The profile's nationality group; UNSPECIFIED reads from eu_citizen:
// EU_EEA_SWISS, or NON_EU (a TB-test exemption that is not known does not
// drop the TB step). Never UNSPECIFIED.
v1::NationalityGroup NationalityGroupOf(const v1::NewcomerProfile& profile);

// Dutch or another EU/EEA/Swiss national (by the group when set).
bool IsEuCitizen(const v1::NewcomerProfile& profile);

// NON_RESIDENT (the RNI) for a cross-border worker or a known stay under 4
// months; RESIDENT (the BRP) otherwise, an unknown stay (0) included, so
// the legal registration is never dropped for lack of information.
v1::RegistrationPath RegistrationPathOf(const v1::NewcomerProfile& profile);

// A stay of this many months or more is registered in the BRP as resident.
inline constexpr int kResidentStayMonths = 4;

// True when every condition set in `rule` holds for `profile` (see
// ApplicabilityRule in catalogue.proto); an empty rule applies to everyone.
// A profile with stay_months 0 (unknown) counts as a long stay, so legal
// steps are never silently dropped for lack of information.
bool Applies(const v1::ApplicabilityRule& rule,
             const v1::NewcomerProfile& profile);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_APPLICABILITY_H_
