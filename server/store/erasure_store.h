// File: erasure_store.h
// Erasure of a member's personal data (GDPR art. 17): the requests waiting
// out their cooling-off period (erasure_requests, migration 0041), and the
// statements that remove what identifies the person from every table,
// leaving the anonymous journey the Talent Observatory counts. Which table
// holds what, and why it goes or stays, is docs/PRIVACY.md.
#ifndef WELKOM_SERVER_STORE_ERASURE_STORE_H_
#define WELKOM_SERVER_STORE_ERASURE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

inline constexpr int kErasureAsked = 1;      // the person asked
inline constexpr int kErasureRetention = 2;  // the closed journey's limit

struct ErasureRequestRow {
  std::string user_id;
  int64_t requested_at = 0;
  int64_t erase_at = 0;
  int reason = kErasureAsked;
};

// The member's waiting request, if any.
absl::StatusOr<std::optional<ErasureRequestRow>> GetErasureRequest(
    Connection& c, const std::string& user_id);
// ALREADY_EXISTS if the member has one.
absl::Status InsertErasureRequest(Connection& c, const ErasureRequestRow& row);
// Whether there was one to delete.
absl::StatusOr<bool> DeleteErasureRequest(Connection& c,
                                          const std::string& user_id);
// Members whose erase_at <= now, soonest first, at most `limit`.
absl::StatusOr<std::vector<std::string>> ListDueErasures(Connection& c,
                                                         int64_t now,
                                                         int limit);

// Whether the member was erased (users.erased_at). NOT_FOUND for no member.
absl::StatusOr<bool> IsErased(Connection& c, const std::string& user_id);

// The latest erasure's time (users.erased_at); 0 if none.
absl::StatusOr<int64_t> LatestErasureTime(Connection& c);

// Who is erased, as the rows name them before.
struct ErasureSubject {
  std::string user_id;
  std::string email;
  std::string display_name;
  std::string journey_id;  // empty: no journey (a buddy)
  // What stays of the profile (anonymous_profile in flows/erasure.cc).
  std::string anonymous_profile;
  std::string erased_label;  // "erased newcomer" / "erased buddy"
};

// Removes the person from every table, in the caller's transaction: the
// account keeps only its id, organisation and role (no name, e-mail or
// password: it cannot sign in); sessions, calendar feed, inbox, buddy
// profile and preferences, cohort choice, digest cursor, deliveries,
// invitations, the request's memory and the waiting request go; the
// journey keeps its municipality, arrival date, EU/non-EU, permit type,
// steps with their status and dates, and check-in scores, without notes,
// reasons, comments, other dates or the audit log (one AUDIT_ACTION_ERASED
// entry, naming no one, replaces it). Others' notifications and remembered
// answers that carried the person's name or e-mail lose them too.
absl::Status EraseMemberRecords(Connection& c, const ErasureSubject& who,
                                int64_t now);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_ERASURE_STORE_H_
