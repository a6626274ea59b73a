// File: journey_creation.h
// Planning and storing a newcomer's journey, shared by CreateJourney, the
// invitation hooks (a journey is created when an invited newcomer accepts)
// and the demo region; and recomputing due dates when an anchor moves.
#ifndef WELKOM_SERVER_FLOWS_JOURNEY_CREATION_H_
#define WELKOM_SERVER_FLOWS_JOURNEY_CREATION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/journey/catalogue.h"
#include "server/domain/journey/plan.h"
#include "server/store/journey_store.h"
#include "welkom/v1/profile.pb.h"

namespace welkom::flows {

// INVALID_ARGUMENT naming `field`.<sub-field> for a profile that is out of
// range, contradicts itself (an EU citizen with a permit type) or names an
// unknown municipality.
absl::Status ValidateProfile(store::Connection& c, absl::string_view field,
                             const v1::NewcomerProfile& profile);

// Plans the journey of `newcomer_id` (employer `employer_org_id`) from the
// catalogue steps that apply to `profile`, with due dates from the profile's
// arrival and start dates, and stores it. ALREADY_EXISTS if the newcomer has
// a journey. The profile must be valid (ValidateProfile).
absl::StatusOr<store::JourneyRow> CreateJourneyRows(
    store::Connection& c, const journey::Catalogue& catalogue,
    const std::string& newcomer_id, const std::string& employer_org_id,
    const v1::NewcomerProfile& profile, int64_t now);

// Sets the due date of every step that is not finished from `anchors`,
// raising the version of each step whose due date changed. Returns the
// indexes of the changed steps.
std::vector<size_t> RecomputeDueDates(const journey::Anchors& anchors,
                                      int64_t now,
                                      std::vector<store::StepRow>* steps);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_JOURNEY_CREATION_H_
