// File: random_instance.h
// Random but reproducible buddy-matching instances for tests and the
// benchmark: Twente municipalities, a realistic mix of languages, interests,
// professions and households, buddies with 1..max_slots slots.
#ifndef WELKOM_TESTS_SERVER_DOMAIN_MATCHING_RANDOM_INSTANCE_H_
#define WELKOM_TESTS_SERVER_DOMAIN_MATCHING_RANDOM_INSTANCE_H_

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/domain/matching/candidates.h"

namespace welkom::matching::testing {

struct Instance {
  std::vector<NewcomerCandidate> newcomers;
  std::vector<BuddyCandidate> buddies;
};

inline Instance RandomInstance(int newcomers, int buddies, int max_slots,
                               uint32_t seed) {
  static const std::vector<Place> kPlaces = {
      {"almelo", 52.3567, 6.6625},    {"borne", 52.2997, 6.7528},
      {"enschede", 52.2215, 6.8937},  {"haaksbergen", 52.1567, 6.7389},
      {"hengelo", 52.2658, 6.7931},   {"losser", 52.2608, 7.0042},
      {"oldenzaal", 52.3125, 6.9292}, {"rijssen-holten", 52.3067, 6.5194},
      {"tubbergen", 52.4075, 6.7847}, {"wierden", 52.3592, 6.5931}};
  static const std::vector<std::string> kLanguages = {
      "en", "nl", "de", "hi", "zh", "es", "tr", "ar", "fr", "it", "pt", "pl"};
  static const std::vector<std::string> kInterests = {
      "cycling", "cooking",     "football",   "hiking",
      "music",   "photography", "boardgames", "running",
      "theatre", "gardening",   "climbing",   "chess",
      "yoga",    "film",        "reading",    "volunteering"};
  static const std::vector<std::string> kProfessions = {
      "engineering", "research",  "software",
      "healthcare",  "education", "finance"};
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  auto fill = [&](auto& p) {
    // English is common but not universal, so the language rule bites.
    if (pick(10) < 7) p.languages.push_back("en");
    int extra = 1 + pick(2);
    for (int k = 0; k < extra; ++k) {
      const std::string& l = kLanguages[1 + pick(kLanguages.size() - 1)];
      if (std::find(p.languages.begin(), p.languages.end(), l) ==
          p.languages.end()) {
        p.languages.push_back(l);
      }
    }
    int interests = pick(5);
    for (int k = 0; k < interests; ++k) {
      const std::string& s = kInterests[pick(kInterests.size())];
      if (std::find(p.interests.begin(), p.interests.end(), s) ==
          p.interests.end()) {
        p.interests.push_back(s);
      }
    }
    p.place = kPlaces[pick(kPlaces.size())];
    p.profession_field = kProfessions[pick(kProfessions.size())];
    p.household = static_cast<Household>(pick(4));
    p.employer_id = absl::StrCat("org", pick(20));
  };
  Instance inst;
  for (int i = 0; i < newcomers; ++i) {
    NewcomerCandidate n;
    n.id = absl::StrCat("n", i);
    fill(n);
    n.allow_colleague = pick(3) == 0;
    n.prefer_same_profession = pick(2) == 0;
    n.prefer_family = n.household == Household::kChildren && pick(2) == 0;
    inst.newcomers.push_back(std::move(n));
  }
  for (int j = 0; j < buddies; ++j) {
    BuddyCandidate b;
    b.id = absl::StrCat("b", j);
    fill(b);
    if (pick(2) == 0) b.employer_id.clear();
    b.slots = 1 + pick(max_slots);
    inst.buddies.push_back(std::move(b));
  }
  if (newcomers > 0 && buddies > 0) {
    inst.newcomers[0].excluded_buddy_ids.push_back(inst.buddies[0].id);
  }
  return inst;
}

}  // namespace welkom::matching::testing

#endif  // WELKOM_TESTS_SERVER_DOMAIN_MATCHING_RANDOM_INSTANCE_H_
