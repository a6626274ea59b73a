#include "server/domain/event_ranking.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace welkom::domain {
namespace {

constexpr double kEarthRadiusKm = 6371.0;
constexpr double kPointsPerInterest = 3.0;
constexpr double kPointsForCohort = 2.0;
constexpr double kKmPerPointLost = 10.0;

double Radians(double degrees) { return degrees * M_PI / 180.0; }

}  // namespace

double DistanceKm(GeoPoint a, GeoPoint b) {
  double dlat = Radians(b.latitude - a.latitude);
  double dlon = Radians(b.longitude - a.longitude);
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(Radians(a.latitude)) * std::cos(Radians(b.latitude)) *
                 std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double RecommendationScore(const RankedEvent& event, const Viewer& viewer) {
  double score = 0;
  for (const std::string& tag : event.tags) {
    if (std::find(viewer.interests.begin(), viewer.interests.end(), tag) !=
        viewer.interests.end()) {
      score += kPointsPerInterest;
    }
  }
  if (event.for_viewers_cohort) score += kPointsForCohort;
  if (event.place.has_value() && viewer.home.has_value()) {
    score -= DistanceKm(*event.place, *viewer.home) / kKmPerPointLost;
  }
  return score;
}

std::vector<size_t> RecommendedOrder(const std::vector<RankedEvent>& events,
                                     const Viewer& viewer) {
  std::vector<double> scores;
  scores.reserve(events.size());
  for (const RankedEvent& e : events) {
    scores.push_back(RecommendationScore(e, viewer));
  }
  std::vector<size_t> order(events.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (scores[a] != scores[b]) return scores[a] > scores[b];
    if (events[a].start_at != events[b].start_at) {
      return events[a].start_at < events[b].start_at;
    }
    return events[a].id < events[b].id;
  });
  return order;
}

}  // namespace welkom::domain
