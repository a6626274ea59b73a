#include "server/domain/event_ranking.h"

#include <gtest/gtest.h>

#include "server/domain/cohort.h"

namespace welkom::domain {
namespace {

constexpr GeoPoint kEnschede{52.2215, 6.8937};
constexpr GeoPoint kHengelo{52.2658, 6.7931};

TEST(EventRankingTest, DistanceBetweenEnschedeAndHengeloIsAboutEightKm) {
  EXPECT_NEAR(DistanceKm(kEnschede, kHengelo), 8.2, 0.5);
  EXPECT_NEAR(DistanceKm(kEnschede, kEnschede), 0.0, 1e-9);
}

TEST(EventRankingTest, SharedInterestsBeatDistanceAndCohortBreaksTies) {
  std::vector<RankedEvent> events = {
      {"near", 100, {"business"}, kEnschede, false},
      {"language", 300, {"language"}, kHengelo, false},
      {"cohort", 200, {"business"}, kEnschede, true},
  };
  Viewer viewer{{"language"}, kEnschede};
  std::vector<size_t> order = RecommendedOrder(events, viewer);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(events[order[0]].id, "language");
  EXPECT_EQ(events[order[1]].id, "cohort");
  EXPECT_EQ(events[order[2]].id, "near");
}

TEST(EventRankingTest, EqualScoresKeepStartTimeOrder) {
  std::vector<RankedEvent> events = {
      {"b", 200, {}, std::nullopt, false},
      {"a", 100, {}, std::nullopt, false},
  };
  std::vector<size_t> order = RecommendedOrder(events, Viewer{});
  EXPECT_EQ(events[order[0]].id, "a");
}

TEST(CohortTest, ArrivalMonthNamesTheCohortInEnglishAndDutch) {
  EXPECT_EQ(CohortKey(absl::CivilDay(2026, 11, 23)), "2026-11");
  absl::StatusOr<absl::CivilMonth> month = ParseCohortKey("cohort", "2026-11");
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(CohortNameEn(*month), "November 2026 arrivals");
  EXPECT_EQ(CohortNameNl(*month), "Aankomst november 2026");
  EXPECT_FALSE(ParseCohortKey("cohort", "2026-13").ok());
  EXPECT_FALSE(ParseCohortKey("cohort", "26-11").ok());
  EXPECT_EQ(FirstName("  Priya Raman "), "Priya");
}

}  // namespace
}  // namespace welkom::domain
