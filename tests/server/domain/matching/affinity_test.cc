#include "server/domain/matching/affinity.h"

#include <gtest/gtest.h>

namespace welkom::matching {
namespace {

const Place kEnschede{"enschede", 52.2215, 6.8937};
const Place kHengelo{"hengelo", 52.2658, 6.7931};

NewcomerCandidate Priya() {
  NewcomerCandidate n;
  n.id = "n1";
  n.languages = {"en", "hi"};
  n.interests = {"cycling", "cooking"};
  n.place = kEnschede;
  n.profession_field = "engineering";
  n.household = Household::kChildren;
  n.employer_id = "org-kanaal";
  n.prefer_family = true;
  return n;
}

BuddyCandidate Lotte() {
  BuddyCandidate b;
  b.id = "b1";
  b.languages = {"nl", "en", "hi"};
  b.interests = {"cooking", "chess"};
  b.place = kHengelo;
  b.profession_field = "engineering";
  b.household = Household::kChildren;
  return b;
}

TEST(AffinityTest, BreakdownAddsEveryComponent) {
  auto s = Affinity(Priya(), Lotte());
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->languages, 25);     // two shared
  EXPECT_EQ(s->interests, 5);      // cooking
  EXPECT_EQ(s->distance, 25 - 4);  // about 8 km
  EXPECT_EQ(s->profession, 5);     // same field, not asked for
  EXPECT_EQ(s->household, 15);     // both families, asked for
  EXPECT_EQ(s->total(), 25 + 5 + 21 + 5 + 15);
}

TEST(AffinityTest, NoSharedLanguageRulesThePairOut) {
  BuddyCandidate b = Lotte();
  b.languages = {"nl", "de"};
  EXPECT_FALSE(Affinity(Priya(), b).has_value());
}

TEST(AffinityTest, ColleagueOnlyWhenTheNewcomerAllowsIt) {
  BuddyCandidate b = Lotte();
  b.employer_id = "org-kanaal";
  NewcomerCandidate n = Priya();
  EXPECT_FALSE(Affinity(n, b).has_value());
  n.allow_colleague = true;
  EXPECT_TRUE(Affinity(n, b).has_value());
}

TEST(AffinityTest, ExcludedBuddyIsRuledOut) {
  NewcomerCandidate n = Priya();
  n.excluded_buddy_ids = {"b1"};
  EXPECT_FALSE(Affinity(n, Lotte()).has_value());
}

TEST(AffinityTest, DistanceEnschedeHengeloIsAboutEightKm) {
  EXPECT_NEAR(DistanceKm(kEnschede, kHengelo), 8.4, 0.5);
}

TEST(BuddyFreeSlotsTest, PauseWindowAndActiveMatchesCount) {
  absl::CivilDay today(2026, 11, 23);
  EXPECT_EQ(BuddyFreeSlots(3, 1, false, {}, {}, today), 2);
  EXPECT_EQ(BuddyFreeSlots(3, 1, true, {}, {}, today), 0);
  EXPECT_EQ(BuddyFreeSlots(3, 0, false, absl::CivilDay(2026, 12, 1), {}, today),
            0);
  EXPECT_EQ(
      BuddyFreeSlots(3, 0, false, {}, absl::CivilDay(2026, 11, 22), today), 0);
  EXPECT_EQ(BuddyFreeSlots(3, 0, false, absl::CivilDay(2026, 11, 23),
                           absl::CivilDay(2026, 11, 23), today),
            3);
  EXPECT_EQ(BuddyFreeSlots(1, 2, false, {}, {}, today), 0);
}

}  // namespace
}  // namespace welkom::matching
