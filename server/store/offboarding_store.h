// File: offboarding_store.h
// Deactivated members (users.deactivated_at and deactivated_by, migration
// 0042): the statements that sign a member out for good while their records
// stay.
#ifndef WELKOM_SERVER_STORE_OFFBOARDING_STORE_H_
#define WELKOM_SERVER_STORE_OFFBOARDING_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

// Marks the member deactivated by `by` at `now`, clears the password (no
// sign-in), deletes the sessions (open Watch streams end at the fan-out's
// next session check) and the calendar feed, and pauses a buddy profile.
// Returns false, changing nothing, for a member already deactivated.
absl::StatusOr<bool> DeactivateUser(Connection& c, const std::string& user_id,
                                    const std::string& by, int64_t now);

// Admins (role 5) not deactivated.
absl::StatusOr<int64_t> CountActiveAdmins(Connection& c);

// Members of `org_id` with `role` who are not deactivated, in id order.
absl::StatusOr<std::vector<std::string>> ListActiveMemberIds(
    Connection& c, const std::string& org_id, int role);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_OFFBOARDING_STORE_H_
