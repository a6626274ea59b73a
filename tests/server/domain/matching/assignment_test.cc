#include "server/domain/matching/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "tests/server/domain/matching/random_instance.h"

namespace welkom::matching {
namespace {

using testing::Instance;
using testing::RandomInstance;

// The best total by trying every way to give each newcomer one buddy or
// none.
int64_t BruteForceBest(const Instance& inst) {
  const auto& ns = inst.newcomers;
  const auto& bs = inst.buddies;
  std::vector<int> left;
  for (const auto& b : bs) left.push_back(b.slots);
  int64_t best = 0;
  std::function<void(size_t, int64_t)> go = [&](size_t i, int64_t sum) {
    if (i == ns.size()) {
      best = std::max(best, sum);
      return;
    }
    go(i + 1, sum);  // unmatched
    for (size_t j = 0; j < bs.size(); ++j) {
      if (left[j] == 0) continue;
      auto s = Affinity(ns[i], bs[j]);
      if (!s.has_value()) continue;
      --left[j];
      go(i + 1, sum + s->total());
      ++left[j];
    }
  };
  go(0, 0);
  return best;
}

// Every proposal passes the hard constraints; no newcomer twice; no buddy
// over its slots; the total adds up.
void ExpectValid(const Instance& inst, const AssignmentResult& r) {
  std::set<int> newcomers;
  std::vector<int> used(inst.buddies.size(), 0);
  int64_t total = 0;
  for (const Proposal& p : r.proposals) {
    EXPECT_TRUE(newcomers.insert(p.newcomer).second);
    ++used[p.buddy];
    auto s = Affinity(inst.newcomers[p.newcomer], inst.buddies[p.buddy]);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->total(), p.score.total());
    total += p.score.total();
  }
  for (size_t j = 0; j < used.size(); ++j) {
    EXPECT_LE(used[j], inst.buddies[j].slots);
  }
  EXPECT_EQ(total, r.total_affinity);
}

TEST(OptimalAssignmentTest, MatchesBruteForceOnSmallRandomInstances) {
  for (uint32_t seed = 1; seed <= 150; ++seed) {
    std::mt19937 rng(seed);
    Instance inst = RandomInstance(1 + rng() % 6, 1 + rng() % 4, 2, seed);
    int64_t best = BruteForceBest(inst);
    for (AssignmentOptions options :
         {AssignmentOptions{}, AssignmentOptions{1, 1}}) {
      auto r = OptimalAssignment(inst.newcomers, inst.buddies, options);
      ASSERT_TRUE(r.ok()) << r.status();
      ExpectValid(inst, *r);
      EXPECT_EQ(r->total_affinity, best) << "seed " << seed << " candidates "
                                         << options.candidates_per_newcomer;
    }
  }
}

TEST(OptimalAssignmentTest, PricingReachesTheFullGraphOptimum) {
  // One candidate per newcomer to start with forces many pricing rounds; the
  // result must equal a solve that starts from every pair.
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    Instance inst = RandomInstance(120, 40, 3, seed);
    auto narrow = OptimalAssignment(inst.newcomers, inst.buddies, {1, 1});
    auto full = OptimalAssignment(inst.newcomers, inst.buddies, {1000, 1});
    ASSERT_TRUE(narrow.ok() && full.ok());
    EXPECT_GT(narrow->rounds, 1);
    EXPECT_EQ(full->rounds, 1);
    EXPECT_EQ(narrow->total_affinity, full->total_affinity);
    ExpectValid(inst, *narrow);
  }
}

TEST(OptimalAssignmentTest, NeverWorseThanGreedyAndNeverBreaksConstraints) {
  for (uint32_t seed = 10; seed < 16; ++seed) {
    Instance inst = RandomInstance(300, 100, 3, seed);
    auto optimal = OptimalAssignment(inst.newcomers, inst.buddies);
    ASSERT_TRUE(optimal.ok());
    AssignmentResult greedy = GreedyAssignment(inst.newcomers, inst.buddies);
    ExpectValid(inst, *optimal);
    ExpectValid(inst, greedy);
    EXPECT_GE(optimal->total_affinity, greedy.total_affinity);
  }
}

TEST(OptimalAssignmentTest, SameInputInAnyOrderGivesTheSameProposals) {
  Instance inst = RandomInstance(200, 70, 2, 42);
  auto pairs = [](const Instance& in, const AssignmentResult& r) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Proposal& p : r.proposals) {
      out.emplace_back(in.newcomers[p.newcomer].id, in.buddies[p.buddy].id);
    }
    return out;
  };
  auto first = OptimalAssignment(inst.newcomers, inst.buddies);
  ASSERT_TRUE(first.ok());
  Instance shuffled = inst;
  std::mt19937 rng(7);
  std::shuffle(shuffled.newcomers.begin(), shuffled.newcomers.end(), rng);
  std::shuffle(shuffled.buddies.begin(), shuffled.buddies.end(), rng);
  auto second = OptimalAssignment(shuffled.newcomers, shuffled.buddies);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(pairs(inst, *first), pairs(shuffled, *second));
  auto again = OptimalAssignment(inst.newcomers, inst.buddies);
  EXPECT_EQ(pairs(inst, *first), pairs(inst, *again));
}

TEST(OptimalAssignmentTest, RefusesBuddiesWithoutSlotsAndDuplicateIds) {
  Instance inst = RandomInstance(3, 2, 1, 3);
  inst.buddies[1].slots = 0;
  EXPECT_EQ(OptimalAssignment(inst.newcomers, inst.buddies).status().code(),
            absl::StatusCode::kInvalidArgument);
  inst.buddies[1].slots = 1;
  inst.buddies[1].id = inst.buddies[0].id;
  EXPECT_EQ(OptimalAssignment(inst.newcomers, inst.buddies).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(OptimalAssignmentTest, EmptySidesGiveNoProposals) {
  Instance inst = RandomInstance(4, 0, 1, 1);
  auto r = OptimalAssignment(inst.newcomers, inst.buddies);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->proposals.empty());
}

}  // namespace
}  // namespace welkom::matching
