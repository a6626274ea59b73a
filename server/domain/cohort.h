// File: cohort.h
// Arrival cohorts: newcomers who arrive in the same calendar month
// (Europe/Amsterdam dates) form one cohort across employers, named like
// "November 2026 arrivals". Keys are "YYYY-MM".
#ifndef WELKOM_SERVER_DOMAIN_COHORT_H_
#define WELKOM_SERVER_DOMAIN_COHORT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace welkom::domain {

// "2026-11" for any day in November 2026.
std::string CohortKey(absl::CivilDay arrival);

// The month of a key; INVALID_ARGUMENT naming `field` if it is not
// "YYYY-MM" with a month 01..12.
absl::StatusOr<absl::CivilMonth> ParseCohortKey(absl::string_view field,
                                                absl::string_view key);

// "November 2026 arrivals" and "Aankomst november 2026".
std::string CohortNameEn(absl::CivilMonth month);
std::string CohortNameNl(absl::CivilMonth month);

// The first word of a display name: what a cohort member who opted in shows
// to the others.
std::string FirstName(absl::string_view display_name);

}  // namespace welkom::domain

#endif  // WELKOM_SERVER_DOMAIN_COHORT_H_
