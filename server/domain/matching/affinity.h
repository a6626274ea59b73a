// File: affinity.h
// Why this buddy: the affinity of a newcomer–buddy pair as a breakdown of
// integer points, and the hard constraints that rule a pair out.
//
// Points (all integers, so optimal totals compare exactly):
//   languages   20 for the first shared language, +5 per further one (max 35)
//   interests    5 per shared interest (max 25)
//   distance    25 minus one point per 2 km between the municipalities'
//               seats (0 if unknown, never negative)
//   profession  same field: 15 if the newcomer asked for it, else 5
//   household   both with children: 15 if the newcomer asked for a family,
//               else 8; partner with partner or family, single with single: 4
// Hard constraints: at least one shared language; not a buddy the newcomer
// excluded; not staff of the newcomer's employer unless the newcomer allows
// colleagues. Capacity and availability are the caller's (slots).
#ifndef WELKOM_SERVER_DOMAIN_MATCHING_AFFINITY_H_
#define WELKOM_SERVER_DOMAIN_MATCHING_AFFINITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "server/domain/matching/candidates.h"

namespace welkom::matching {

struct ScoreBreakdown {
  int languages = 0;
  int interests = 0;
  int distance = 0;
  int profession = 0;
  int household = 0;
  int total() const {
    return languages + interests + distance + profession + household;
  }
};

// Great-circle distance in kilometres.
double DistanceKm(const Place& a, const Place& b);

// The pair's score, or std::nullopt if a hard constraint rules it out.
std::optional<ScoreBreakdown> Affinity(const NewcomerCandidate& n,
                                       const BuddyCandidate& b);

// Scores many pairs fast: languages and interests become bit sets, distances
// a table per pair of places. Holds references to the inputs.
class AffinityModel {
 public:
  AffinityModel(const std::vector<NewcomerCandidate>& newcomers,
                const std::vector<BuddyCandidate>& buddies);

  // Same result as Affinity(newcomers[n], buddies[b]).
  std::optional<ScoreBreakdown> Score(int n, int b) const;
  // Only the total, or -1 if ruled out; the hot path of the assignment.
  int Total(int n, int b) const;

 private:
  // Up to 64 distinct values fit in `first`, the common case; `more` holds
  // the words beyond.
  struct Bits {
    uint64_t first = 0;
    std::vector<uint64_t> more;
  };
  struct Person {
    Bits languages;
    Bits interests;
    int place = -1;
    int profession = -1;
    int employer = -1;
    Household household = Household::kUnknown;
  };
  static int Shared(const Bits& a, const Bits& b);
  Person Encode(const std::vector<std::string>& languages,
                const std::vector<std::string>& interests, const Place& place,
                const std::string& profession, const std::string& employer,
                Household household);
  static int Index(absl::flat_hash_map<std::string, int>& index,
                   const std::string& key);

  const std::vector<NewcomerCandidate>& newcomers_;
  absl::flat_hash_map<std::string, int> languages_, interests_, places_,
      professions_, employers_;
  std::vector<Place> place_list_;
  std::vector<int> distance_points_;  // [place_a * places + place_b]
  std::vector<Person> n_, b_;
  // Sorted excluded buddy indexes per newcomer.
  std::vector<std::vector<int>> excluded_;
};

}  // namespace welkom::matching

#endif  // WELKOM_SERVER_DOMAIN_MATCHING_AFFINITY_H_
