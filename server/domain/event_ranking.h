// File: event_ranking.h
// The recommended order of events for one person: shared interests first,
// then closeness to home, with a bonus for events aimed at the person's
// arrival cohort. Plain values only, so it is tested without a server.
//
//   std::vector<size_t> order = RecommendedOrder(candidates, viewer);
//   for (size_t i : order) Show(events[i]);
#ifndef WELKOM_SERVER_DOMAIN_EVENT_RANKING_H_
#define WELKOM_SERVER_DOMAIN_EVENT_RANKING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace welkom::domain {

struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

struct RankedEvent {
  std::string id;
  int64_t start_at = 0;
  std::vector<std::string> tags;  // lower-case
  std::optional<GeoPoint> place;  // unknown: no distance term
  bool for_viewers_cohort = false;
};

struct Viewer {
  std::vector<std::string> interests;  // lower-case
  std::optional<GeoPoint> home;
};

// Great-circle distance in kilometres.
double DistanceKm(GeoPoint a, GeoPoint b);

// Higher is better: 3 points per shared interest, 2 for the viewer's
// cohort, minus 1 point per 10 km from home.
double RecommendationScore(const RankedEvent& event, const Viewer& viewer);

// Indexes into `events`, best first; equal scores keep start time order
// (then id), so the result is deterministic.
std::vector<size_t> RecommendedOrder(const std::vector<RankedEvent>& events,
                                     const Viewer& viewer);

}  // namespace welkom::domain

#endif  // WELKOM_SERVER_DOMAIN_EVENT_RANKING_H_
