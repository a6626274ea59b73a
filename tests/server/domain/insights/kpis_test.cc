#include "server/domain/insights/kpis.h"

#include <gtest/gtest.h>

namespace welkom::insights {
namespace {

const absl::CivilDay kToday(2026, 11, 23);

// A newcomer who arrived `days_ago` days ago, had the BSN after `bsn_after`
// days and a buddy after `buddy_after` days (nullopt: not yet).
JourneyFacts Newcomer(int days_ago, std::optional<int> bsn_after,
                      std::optional<int> buddy_after,
                      const std::string& municipality = "enschede",
                      bool eu = false, EmployerSize size = EmployerSize::kSme) {
  JourneyFacts j;
  j.municipality = municipality;
  j.eu_citizen = eu;
  j.employer_size = size;
  j.arrival = kToday - days_ago;
  StepFacts bsn{"bsn_received", false, true, false, std::nullopt};
  if (bsn_after) bsn.done_day = *j.arrival + *bsn_after;
  StepFacts buddy{"buddy_introduced", false, true, false, std::nullopt};
  if (buddy_after) buddy.done_day = *j.arrival + *buddy_after;
  j.steps = {bsn, buddy};
  return j;
}

TEST(KpisTest, MedianAndNearestRankPercentile) {
  EXPECT_DOUBLE_EQ(Median({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(Percentile90({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), 9);
  EXPECT_DOUBLE_EQ(Percentile90({7}), 7);
  EXPECT_DOUBLE_EQ(Percentile90({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), 10);
}

TEST(KpisTest, ArrivalToBsnOverNewcomersWithABsn) {
  std::vector<JourneyFacts> facts;
  for (int d : {3, 5, 7, 9, 20}) facts.push_back(Newcomer(40, d, 3));
  facts.push_back(Newcomer(40, std::nullopt, 3));  // no BSN yet: not counted
  KpiReport r = ComputeKpis(facts, Cut::kRegion, kToday);
  ASSERT_EQ(r.groups.size(), 1u);
  const KpiGroup& all = r.groups[0];
  EXPECT_EQ(all.key, "all");
  EXPECT_EQ(all.newcomers, 6);
  EXPECT_FALSE(all.arrival_to_bsn.suppressed);
  EXPECT_EQ(all.arrival_to_bsn.newcomers, 5);
  EXPECT_DOUBLE_EQ(all.arrival_to_bsn.median, 7);
  EXPECT_DOUBLE_EQ(all.arrival_to_bsn.p90, 20);
}

TEST(KpisTest, FewerThanFiveNewcomersAreSuppressed) {
  std::vector<JourneyFacts> facts;
  for (int i = 0; i < 4; ++i) facts.push_back(Newcomer(40, 5, 3));
  KpiReport r = ComputeKpis(facts, Cut::kRegion, kToday);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_TRUE(r.groups[0].suppressed);
  EXPECT_EQ(r.groups[0].newcomers, 0);
  EXPECT_TRUE(r.groups[0].arrival_to_bsn.suppressed);
  EXPECT_EQ(r.groups[0].arrival_to_bsn.median, 0);
  EXPECT_TRUE(r.groups[0].buddy_within_14_days.suppressed);
  EXPECT_EQ(r.groups[0].buddy_within_14_days.numerator, 0);
}

TEST(KpisTest, BuddyWithinFourteenDaysCountsOnlyThoseArrivedLongEnough) {
  std::vector<JourneyFacts> facts;
  facts.push_back(Newcomer(30, 5, 14));            // in time
  facts.push_back(Newcomer(30, 5, 15));            // too late
  facts.push_back(Newcomer(30, 5, std::nullopt));  // none
  facts.push_back(Newcomer(30, 5, 2));
  facts.push_back(Newcomer(30, 5, 10));
  facts.push_back(Newcomer(5, std::nullopt, std::nullopt));  // too recent
  KpiReport r = ComputeKpis(facts, Cut::kRegion, kToday);
  const Share& s = r.groups[0].buddy_within_14_days;
  EXPECT_FALSE(s.suppressed);
  EXPECT_EQ(s.denominator, 5);
  EXPECT_EQ(s.numerator, 3);
  EXPECT_DOUBLE_EQ(s.percent(), 60);
}

TEST(KpisTest, CompletionByDayPoolsApplicableSteps) {
  std::vector<JourneyFacts> facts;
  for (int i = 0; i < 5; ++i) {
    JourneyFacts j = Newcomer(65, 20, 40);  // bsn by day 30, buddy by 60
    j.steps.push_back({"school_registration", true, false, false, {}});
    facts.push_back(j);
  }
  facts.push_back(Newcomer(10, 5, 5));  // has not reached day 30
  KpiReport r = ComputeKpis(facts, Cut::kRegion, kToday);
  const KpiGroup& g = r.groups[0];
  EXPECT_EQ(g.completion_by_day[0].newcomers, 5);
  EXPECT_EQ(g.completion_by_day[0].denominator, 10);  // N/A step left out
  EXPECT_EQ(g.completion_by_day[0].numerator, 5);
  EXPECT_EQ(g.completion_by_day[1].numerator, 10);
  EXPECT_TRUE(g.completion_by_day[2].suppressed);  // nobody at day 90 yet
}

TEST(KpisTest, OneHiddenGroupHidesTheNextSmallestToo) {
  std::vector<JourneyFacts> facts;
  for (int i = 0; i < 9; ++i) facts.push_back(Newcomer(40, 5, 3, "enschede"));
  for (int i = 0; i < 6; ++i) facts.push_back(Newcomer(40, 5, 3, "hengelo"));
  for (int i = 0; i < 2; ++i) facts.push_back(Newcomer(40, 5, 3, "almelo"));
  KpiReport r = ComputeKpis(facts, Cut::kMunicipality, kToday);
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.groups[0].key, "enschede");
  EXPECT_EQ(r.groups[0].newcomers, 9);
  EXPECT_FALSE(r.groups[0].suppressed);
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_TRUE(r.groups[i].suppressed) << r.groups[i].key;
    EXPECT_EQ(r.groups[i].newcomers, 0);
  }
}

TEST(KpisTest, CutsByEmployerSizeAndCitizenship) {
  std::vector<JourneyFacts> facts;
  for (int i = 0; i < 5; ++i) {
    facts.push_back(Newcomer(40, 5, 3, "x", true, EmployerSize::kSme));
  }
  for (int i = 0; i < 7; ++i) {
    facts.push_back(Newcomer(40, 9, 3, "x", false, EmployerSize::kLarge));
  }
  KpiReport size = ComputeKpis(facts, Cut::kEmployerSize, kToday);
  ASSERT_EQ(size.groups.size(), 2u);
  EXPECT_EQ(size.groups[0].key, "large");
  EXPECT_EQ(size.groups[1].key, "sme");
  EXPECT_DOUBLE_EQ(size.groups[1].arrival_to_bsn.median, 5);
  KpiReport eu = ComputeKpis(facts, Cut::kEuCitizenship, kToday);
  EXPECT_EQ(eu.groups[0].key, "non_eu");
  EXPECT_DOUBLE_EQ(eu.groups[0].arrival_to_bsn.median, 9);
}

TEST(KpisTest, EmployersOfUnknownSizeAreTheirOwnGroupNotSme) {
  std::vector<JourneyFacts> facts;
  for (int i = 0; i < 5; ++i) {
    facts.push_back(Newcomer(40, 5, 3, "x", true, EmployerSize::kSme));
  }
  for (int i = 0; i < 6; ++i) {
    facts.push_back(Newcomer(40, 9, 3, "x", true, EmployerSize::kUnknown));
  }
  for (int i = 0; i < 7; ++i) {
    facts.push_back(Newcomer(40, 2, 3, "x", true, EmployerSize::kLarge));
  }
  KpiReport r = ComputeKpis(facts, Cut::kEmployerSize, kToday);
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.groups[0].key, "large");
  EXPECT_EQ(r.groups[1].key, "size_unknown");
  EXPECT_EQ(r.groups[1].newcomers, 6);
  EXPECT_DOUBLE_EQ(r.groups[1].arrival_to_bsn.median, 9);
  EXPECT_EQ(r.groups[2].key, "sme");
  EXPECT_EQ(r.groups[2].newcomers, 5);
  EXPECT_DOUBLE_EQ(r.groups[2].arrival_to_bsn.median, 5);
}

TEST(KpisTest, StaffCountZeroIsUnknownAndBelow250IsSme) {
  EXPECT_EQ(EmployerSizeOf(0), EmployerSize::kUnknown);
  EXPECT_EQ(EmployerSizeOf(1), EmployerSize::kSme);
  EXPECT_EQ(EmployerSizeOf(249), EmployerSize::kSme);
  EXPECT_EQ(EmployerSizeOf(250), EmployerSize::kLarge);
}

TEST(KpisTest, CheckInScoresFallIntoBuckets) {
  std::vector<JourneyFacts> facts;
  for (int i = 0; i < 5; ++i) {
    JourneyFacts j = Newcomer(40, 5, 3);
    j.checkin_scores = {i * 2 + 1, 10};  // 1, 3, 5, 7, 9 and five 10s
    facts.push_back(j);
  }
  KpiReport r = ComputeKpis(facts, Cut::kRegion, kToday);
  const KpiGroup& g = r.groups[0];
  EXPECT_FALSE(g.checkin_suppressed);
  EXPECT_EQ(g.checkin_buckets, (std::vector<int>{2, 1, 1, 6}));
}

TEST(KpisTest, OverdueRatePerStepOverOpenJourneys) {
  std::vector<JourneyFacts> facts;
  for (int i = 0; i < 6; ++i) {
    JourneyFacts j = Newcomer(40, 5, 3);
    j.steps.push_back({"bank_account", false, true, i < 2, std::nullopt});
    facts.push_back(j);
  }
  JourneyFacts closed = Newcomer(200, 5, 3);
  closed.closed = true;
  closed.steps.push_back({"bank_account", false, true, true, std::nullopt});
  facts.push_back(closed);
  KpiReport r = ComputeKpis(facts, Cut::kRegion, kToday);
  const StepOverdue* bank = nullptr;
  for (const StepOverdue& s : r.overdue_by_step) {
    if (s.step_key == "bank_account") bank = &s;
  }
  ASSERT_NE(bank, nullptr);
  EXPECT_FALSE(bank->overdue.suppressed);
  EXPECT_EQ(bank->overdue.denominator, 6);
  EXPECT_EQ(bank->overdue.numerator, 2);
}

}  // namespace
}  // namespace welkom::insights
