// File: offboarding.h
// Members leaving (OffboardingService): a deactivated member is signed out
// everywhere at once and cannot sign in; a leaving buddy's open matches end
// with a notice to each newcomer (flows::EndMatch), who is in the next
// matching run; steps belong to roles, not people, so nothing is handed
// over. An employer offboarded by the admin loses its HR access; its
// newcomers keep their journeys. The member row records when and by whom.
#ifndef WELKOM_SERVER_FLOWS_OFFBOARDING_H_
#define WELKOM_SERVER_FLOWS_OFFBOARDING_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "server/auth/principal.h"
#include "server/store/sqlite.h"

namespace welkom::flows {

struct Deactivation {
  int matches_ended = 0;
};

// Deactivates `member_id` as `by`. NOT_FOUND unless `by` may deactivate
// members of its organisation (auth::CanDeactivateMembers);
// FAILED_PRECONDITION for oneself or the last admin. A member deactivated
// before: nothing changes.
absl::StatusOr<Deactivation> DeactivateMember(store::Connection& c,
                                              const auth::Principal& by,
                                              const std::string& member_id,
                                              int64_t now);

// Deactivates every HR member of employer `org_id`; how many. NOT_FOUND for
// no such employer.
absl::StatusOr<int> DeactivateEmployer(store::Connection& c,
                                       const auth::Principal& by,
                                       const std::string& org_id, int64_t now);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_OFFBOARDING_H_
