// File: buddy_store.h
// Rows and queries of the buddy programme (migration 0020): buddy profiles,
// newcomer preferences and matches. Every function runs on the connection
// it is given, so callers choose the transaction. Dates are 'YYYY-MM-DD'
// Europe/Amsterdam; times Unix seconds.
#ifndef WELKOM_SERVER_STORE_BUDDY_STORE_H_
#define WELKOM_SERVER_STORE_BUDDY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

// welkom.v1.MatchState numbers, as stored.
inline constexpr int kMatchProposed = 1;
inline constexpr int kMatchAccepted = 2;
inline constexpr int kMatchDeclined = 3;
inline constexpr int kMatchExpired = 4;
inline constexpr int kMatchEnded = 5;

struct BuddyProfileRow {
  std::string user_id;
  std::vector<std::string> languages;
  std::vector<std::string> interests;
  std::string municipality;  // empty: unknown
  std::string profession_field;
  int household = 0;  // welkom.v1.Household
  int capacity = 1;
  std::optional<std::string> available_from;
  std::optional<std::string> available_until;
  bool paused = false;
  std::string employer_id;  // empty: none
  int64_t version = 1;
  int64_t updated_at = 0;
  // Read only: from users and buddy_matches.
  std::string display_name;
  int active_matches = 0;  // proposed + accepted
};

struct PreferencesRow {
  std::string user_id;
  std::vector<std::string> languages;
  std::vector<std::string> interests;
  std::string municipality;  // empty: the journey's
  std::string profession_field;
  int household = 0;
  bool prefer_same_profession = false;
  bool prefer_family = false;
  bool allow_colleague = false;
  int64_t version = 1;
  int64_t updated_at = 0;
  // Read only (ListUnmatchedNewcomers): from users and journeys.
  std::string display_name;
  std::string employer_id;
  std::string journey_municipality;
};

struct MatchRow {
  std::string id;
  std::string newcomer_id;
  std::string buddy_id;
  int state = kMatchProposed;
  int languages = 0, interests = 0, distance = 0, profession = 0, household = 0;
  bool overridden = false;
  std::string created_by;  // empty: the daily job
  int64_t proposed_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> answered_at;
  std::optional<int64_t> ended_at;
  // The buddy's region (the pool it was matched from); read only.
  std::string region_id;
};

// ALREADY_EXISTS if the member has a profile.
absl::Status InsertBuddyProfile(Connection& c, const BuddyProfileRow& row);
// NOT_FOUND if the member has no buddy profile.
absl::StatusOr<BuddyProfileRow> GetBuddyProfile(Connection& c,
                                                const std::string& user_id);
// Writes `row` (version + 1) if the stored version is `expected_version`;
// ABORTED otherwise.
absl::Status UpdateBuddyProfile(Connection& c, const BuddyProfileRow& row,
                                int64_t expected_version);
// Profiles with user_id > after_id in id order, at most `limit`.
// Buddies with user_id > after_id in id order, at most `limit`; with
// `region_id` set only those of that region's pool.
absl::StatusOr<std::vector<BuddyProfileRow>> ListBuddyProfiles(
    Connection& c, const std::optional<std::string>& region_id,
    const std::string& after_id, int limit);

// std::nullopt if the newcomer never set preferences.
absl::StatusOr<std::optional<PreferencesRow>> GetPreferences(
    Connection& c, const std::string& user_id);
// Inserts (expected_version 0) or replaces (ABORTED if the stored version
// differs) the newcomer's preferences; the stored version becomes
// expected_version + 1.
absl::Status PutPreferences(Connection& c, const PreferencesRow& row,
                            int64_t expected_version);
// Newcomers with at least one language in their preferences, no open
// (proposed or accepted) match and no closed journey, in id order.
absl::StatusOr<std::vector<PreferencesRow>> ListUnmatchedNewcomers(
    Connection& c, const std::string& region_id);

// (newcomer_id, buddy_id) of every declined, expired or ended match.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
ListExcludedPairs(Connection& c);

// FAILED_PRECONDITION if the newcomer already has an open match.
absl::Status InsertMatch(Connection& c, const MatchRow& row);
// NOT_FOUND if there is no such match.
absl::StatusOr<MatchRow> GetMatch(Connection& c, const std::string& id);
// Moves the match from `from_state` to `to_state` at `now` (answered_at for
// accepted/declined, ended_at for expired/ended). FAILED_PRECONDITION if it
// is no longer in `from_state`.
absl::Status SetMatchState(Connection& c, const std::string& id, int from_state,
                           int to_state, int64_t now);
// The newcomer's open match, if any.
absl::StatusOr<std::optional<MatchRow>> FindOpenMatch(
    Connection& c, const std::string& newcomer_id);

struct MatchFilter {
  std::optional<std::string> newcomer_id;
  std::optional<std::string> buddy_id;
  int state = 0;                         // 0: any
  std::optional<std::string> region_id;  // set: buddies of this region only
};
// Matches passing `filter` with id > after_id in id order, at most `limit`.
absl::StatusOr<std::vector<MatchRow>> ListMatches(Connection& c,
                                                  const MatchFilter& filter,
                                                  const std::string& after_id,
                                                  int limit);
// Proposals still open whose expires_at <= now.
absl::StatusOr<std::vector<MatchRow>> ListDueProposals(Connection& c,
                                                       int64_t now);

struct MunicipalityRow {
  std::string key;
  double latitude = 0;
  double longitude = 0;
};
// The municipalities of the region with the coordinates of their seats.
absl::StatusOr<std::vector<MunicipalityRow>> ListMunicipalities(Connection& c);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_BUDDY_STORE_H_
