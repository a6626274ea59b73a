#include "server/domain/matching/affinity.h"

#include <algorithm>
#include <cmath>

namespace welkom::matching {
namespace {

constexpr double kEarthRadiusKm = 6371.0;

int LanguagePoints(int shared) {
  return shared == 0 ? 0 : 20 + 5 * std::min(shared - 1, 3);
}
int InterestPoints(int shared) { return 5 * std::min(shared, 5); }

int ProfessionPoints(bool same, bool preferred) {
  if (!same) return 0;
  return preferred ? 15 : 5;
}

int HouseholdPoints(Household n, Household b, bool prefer_family) {
  if (n == Household::kChildren && b == Household::kChildren) {
    return prefer_family ? 15 : 8;
  }
  if (n == Household::kPartner &&
      (b == Household::kPartner || b == Household::kChildren)) {
    return 4;
  }
  if (n == Household::kSingle && b == Household::kSingle) return 4;
  return 0;
}

}  // namespace

int BuddyFreeSlots(int capacity, int active_matches, bool paused,
                   std::optional<absl::CivilDay> available_from,
                   std::optional<absl::CivilDay> available_until,
                   absl::CivilDay today) {
  if (paused) return 0;
  if (available_from.has_value() && today < *available_from) return 0;
  if (available_until.has_value() && today > *available_until) return 0;
  return std::max(0, capacity - active_matches);
}

double DistanceKm(const Place& a, const Place& b) {
  constexpr double kRad = M_PI / 180.0;
  double dlat = (b.latitude - a.latitude) * kRad;
  double dlon = (b.longitude - a.longitude) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.latitude * kRad) * std::cos(b.latitude * kRad) *
                 std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::optional<ScoreBreakdown> Affinity(const NewcomerCandidate& n,
                                       const BuddyCandidate& b) {
  std::vector<NewcomerCandidate> ns = {n};
  std::vector<BuddyCandidate> bs = {b};
  return AffinityModel(ns, bs).Score(0, 0);
}

int AffinityModel::Index(absl::flat_hash_map<std::string, int>& index,
                         const std::string& key) {
  if (key.empty()) return -1;
  auto [it, inserted] = index.try_emplace(key, static_cast<int>(index.size()));
  return it->second;
}

AffinityModel::AffinityModel(const std::vector<NewcomerCandidate>& newcomers,
                             const std::vector<BuddyCandidate>& buddies)
    : newcomers_(newcomers) {
  // First pass: number every language, interest and place, so the bit sets
  // all have the same width.
  auto index_person = [&](const auto& p) {
    for (const auto& l : p.languages) Index(languages_, l);
    for (const auto& i : p.interests) Index(interests_, i);
    if (!p.place.key.empty() &&
        Index(places_, p.place.key) == static_cast<int>(place_list_.size())) {
      place_list_.push_back(p.place);
    }
  };
  for (const auto& n : newcomers) index_person(n);
  for (const auto& b : buddies) index_person(b);
  size_t places = place_list_.size();
  distance_points_.resize(places * places);
  for (size_t i = 0; i < places; ++i) {
    for (size_t j = 0; j < places; ++j) {
      double km = DistanceKm(place_list_[i], place_list_[j]);
      distance_points_[i * places + j] =
          std::max(0, 25 - static_cast<int>(std::floor(km / 2)));
    }
  }
  for (const auto& n : newcomers) {
    n_.push_back(Encode(n.languages, n.interests, n.place, n.profession_field,
                        n.employer_id, n.household));
  }
  for (const auto& b : buddies) {
    b_.push_back(Encode(b.languages, b.interests, b.place, b.profession_field,
                        b.employer_id, b.household));
  }
  absl::flat_hash_map<absl::string_view, int> buddy_index;
  for (size_t j = 0; j < buddies.size(); ++j) {
    buddy_index.try_emplace(buddies[j].id, static_cast<int>(j));
  }
  excluded_.resize(newcomers.size());
  for (size_t i = 0; i < newcomers.size(); ++i) {
    for (const std::string& id : newcomers[i].excluded_buddy_ids) {
      auto it = buddy_index.find(id);
      if (it != buddy_index.end()) excluded_[i].push_back(it->second);
    }
    std::sort(excluded_[i].begin(), excluded_[i].end());
  }
}

AffinityModel::Person AffinityModel::Encode(
    const std::vector<std::string>& languages,
    const std::vector<std::string>& interests, const Place& place,
    const std::string& profession, const std::string& employer,
    Household household) {
  Person p;
  auto set = [](Bits& bits, size_t width, int i) {
    if (i < 64) {
      bits.first |= uint64_t{1} << i;
      return;
    }
    bits.more.resize((width - 1) / 64, 0);
    bits.more[i / 64 - 1] |= uint64_t{1} << (i % 64);
  };
  for (const auto& l : languages)
    set(p.languages, languages_.size(), languages_.at(l));
  for (const auto& s : interests)
    set(p.interests, interests_.size(), interests_.at(s));
  p.place = place.key.empty() ? -1 : places_.at(place.key);
  p.profession = Index(professions_, profession);
  p.employer = Index(employers_, employer);
  p.household = household;
  return p;
}

int AffinityModel::Shared(const Bits& a, const Bits& b) {
  int shared = __builtin_popcountll(a.first & b.first);
  for (size_t w = 0; w < std::min(a.more.size(), b.more.size()); ++w) {
    shared += __builtin_popcountll(a.more[w] & b.more[w]);
  }
  return shared;
}

std::optional<ScoreBreakdown> AffinityModel::Score(int n, int b) const {
  const Person& pn = n_[n];
  const Person& pb = b_[b];
  const NewcomerCandidate& nc = newcomers_[n];
  if ((pn.languages.first & pb.languages.first) == 0 &&
      pn.languages.more.empty()) {
    return std::nullopt;  // the common refusal, without counting
  }
  int languages = Shared(pn.languages, pb.languages);
  if (languages == 0) return std::nullopt;
  if (pn.employer >= 0 && pn.employer == pb.employer && !nc.allow_colleague) {
    return std::nullopt;
  }
  if (!excluded_[n].empty() &&
      std::binary_search(excluded_[n].begin(), excluded_[n].end(), b)) {
    return std::nullopt;
  }
  ScoreBreakdown s;
  s.languages = LanguagePoints(languages);
  s.interests = InterestPoints(Shared(pn.interests, pb.interests));
  if (pn.place >= 0 && pb.place >= 0) {
    s.distance = distance_points_[pn.place * place_list_.size() + pb.place];
  }
  s.profession =
      ProfessionPoints(pn.profession >= 0 && pn.profession == pb.profession,
                       nc.prefer_same_profession);
  s.household = HouseholdPoints(pn.household, pb.household, nc.prefer_family);
  return s;
}

int AffinityModel::Total(int n, int b) const {
  std::optional<ScoreBreakdown> s = Score(n, b);
  return s.has_value() ? s->total() : -1;
}

}  // namespace welkom::matching
