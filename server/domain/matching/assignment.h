// File: assignment.h
// The region-wide buddy assignment: every newcomer gets at most one buddy,
// every buddy at most `slots` newcomers, only pairs that pass the hard
// constraints (affinity.h), and the total affinity is the maximum possible.
//
// OptimalAssignment solves it as a min-cost flow (LEMON's network simplex):
// newcomer -> buddy arcs cost minus the pair's points, each newcomer may
// also stay unmatched at cost 0, buddies drain to the sink with their slots
// as capacity. To stay fast with thousands on both sides it starts from each
// newcomer's best `candidates_per_newcomer` buddies and then prices every
// other feasible pair against the dual solution; pairs that could improve
// the total are added and it solves again. It stops only when no pair has a
// negative reduced cost, which proves the result optimal for the full graph.
//
// Deterministic: the same newcomers and buddies (in any order) give the
// same proposals.
//
//   auto result = OptimalAssignment(newcomers, buddies);
//   for (const Proposal& p : result->proposals) ...newcomers[p.newcomer]...
#ifndef WELKOM_SERVER_DOMAIN_MATCHING_ASSIGNMENT_H_
#define WELKOM_SERVER_DOMAIN_MATCHING_ASSIGNMENT_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/matching/affinity.h"
#include "server/domain/matching/candidates.h"

namespace welkom::matching {

struct Proposal {
  int newcomer = 0;  // index into the newcomers given
  int buddy = 0;     // index into the buddies given
  ScoreBreakdown score;
};

struct AssignmentResult {
  // Sorted by newcomer id.
  std::vector<Proposal> proposals;
  int64_t total_affinity = 0;
  // How much of the pair graph the solver needed (for benchmarks).
  int64_t arcs = 0;
  int rounds = 0;
};

struct AssignmentOptions {
  int candidates_per_newcomer = 12;
  // Pairs added per newcomer per pricing round.
  int added_per_round = 4;
};

// INVALID_ARGUMENT for a buddy with slots < 1 or duplicate ids.
absl::StatusOr<AssignmentResult> OptimalAssignment(
    const std::vector<NewcomerCandidate>& newcomers,
    const std::vector<BuddyCandidate>& buddies,
    const AssignmentOptions& options = {});

// The baseline: newcomers in id order each take the best buddy with a free
// slot left. Fast, never better than the optimum.
AssignmentResult GreedyAssignment(
    const std::vector<NewcomerCandidate>& newcomers,
    const std::vector<BuddyCandidate>& buddies);

}  // namespace welkom::matching

#endif  // WELKOM_SERVER_DOMAIN_MATCHING_ASSIGNMENT_H_
