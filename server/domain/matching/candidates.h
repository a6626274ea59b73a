// File: candidates.h
// What the matching knows about the people it pairs: plain values, no ids
// beyond opaque strings, no storage. The caller (the buddy service) builds
// these from the buddy pool and the unmatched newcomers; only buddies with a
// free slot today are passed in (see BuddyFreeSlots).
#ifndef WELKOM_SERVER_DOMAIN_MATCHING_CANDIDATES_H_
#define WELKOM_SERVER_DOMAIN_MATCHING_CANDIDATES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace welkom::matching {

enum class Household { kUnknown = 0, kSingle = 1, kPartner = 2, kChildren = 3 };

// A municipality of the region with the coordinates of its seat. An empty
// key means unknown; distance then adds nothing.
struct Place {
  std::string key;
  double latitude = 0;
  double longitude = 0;
};

struct BuddyCandidate {
  std::string id;
  std::vector<std::string> languages;  // ISO 639-1, lower case
  std::vector<std::string> interests;  // lower case keywords
  Place place;
  std::string profession_field;
  Household household = Household::kUnknown;
  int slots = 1;            // newcomers this buddy can take now, >= 1
  std::string employer_id;  // empty: not staff of an employer we know
};

struct NewcomerCandidate {
  std::string id;
  std::vector<std::string> languages;
  std::vector<std::string> interests;
  Place place;
  std::string profession_field;
  Household household = Household::kUnknown;
  std::string employer_id;
  bool allow_colleague = false;         // a buddy from the same employer is ok
  bool prefer_same_profession = false;  // weighs profession more
  bool prefer_family = false;           // weighs a buddy with children more
  // Buddies who declined or were rematched away from this newcomer.
  std::vector<std::string> excluded_buddy_ids;
};

// Free slots of a buddy on `today`: 0 when paused or outside the
// availability window [from, until] (each end optional), else capacity minus
// the newcomers the buddy has now (never negative).
int BuddyFreeSlots(int capacity, int active_matches, bool paused,
                   std::optional<absl::CivilDay> available_from,
                   std::optional<absl::CivilDay> available_until,
                   absl::CivilDay today);

}  // namespace welkom::matching

#endif  // WELKOM_SERVER_DOMAIN_MATCHING_CANDIDATES_H_
