// Matching benchmark (run by hand, not by ctest):
//   build/tests/bench/matching_bench [newcomers buddies max_slots runs
//                                     candidates added_per_round]
// Defaults: 10,000 newcomers x 3,000 buddies with 1..3 slots, 5 runs. Times
// the optimal assignment and the greedy baseline on the same instance in the
// same run, on one thread, and prints medians (thread CPU time, which a
// busy shared machine does not inflate, and wall time) and the affinity of
// each.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "server/domain/matching/assignment.h"
#include "tests/server/domain/matching/random_instance.h"

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double CpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  using welkom::matching::AssignmentResult;
  int newcomers = argc > 1 ? std::atoi(argv[1]) : 10000;
  int buddies = argc > 2 ? std::atoi(argv[2]) : 3000;
  int max_slots = argc > 3 ? std::atoi(argv[3]) : 3;
  int runs = argc > 4 ? std::atoi(argv[4]) : 5;
  welkom::matching::AssignmentOptions options;
  if (argc > 5) options.candidates_per_newcomer = std::atoi(argv[5]);
  if (argc > 6) options.added_per_round = std::atoi(argv[6]);
  auto inst = welkom::matching::testing::RandomInstance(newcomers, buddies,
                                                        max_slots, 2026);
  int64_t slots = 0;
  for (const auto& b : inst.buddies) slots += b.slots;
  std::vector<double> optimal_ms, greedy_ms, optimal_cpu, greedy_cpu;
  AssignmentResult optimal, greedy;
  for (int r = 0; r < runs; ++r) {
    double c0 = CpuMs();
    auto t0 = std::chrono::steady_clock::now();
    auto result = welkom::matching::OptimalAssignment(inst.newcomers,
                                                      inst.buddies, options);
    auto t1 = std::chrono::steady_clock::now();
    double c1 = CpuMs();
    greedy = welkom::matching::GreedyAssignment(inst.newcomers, inst.buddies);
    auto t2 = std::chrono::steady_clock::now();
    double c2 = CpuMs();
    optimal_cpu.push_back(c1 - c0);
    greedy_cpu.push_back(c2 - c1);
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
      return 1;
    }
    optimal = *result;
    optimal_ms.push_back(
        std::chrono::duration<double, std::milli>(t1 - t0).count());
    greedy_ms.push_back(
        std::chrono::duration<double, std::milli>(t2 - t1).count());
  }
  std::printf("instance: %d newcomers x %d buddies, %lld slots, %d runs\n",
              newcomers, buddies, static_cast<long long>(slots), runs);
  std::printf(
      "optimal: median cpu %.0f ms, wall %.0f ms, affinity %lld, "
      "matched %zu, arcs %lld, rounds %d\n",
      Median(optimal_cpu), Median(optimal_ms),
      static_cast<long long>(optimal.total_affinity), optimal.proposals.size(),
      static_cast<long long>(optimal.arcs), optimal.rounds);
  std::printf(
      "greedy:  median cpu %.0f ms, wall %.0f ms, affinity %lld, "
      "matched %zu\n",
      Median(greedy_cpu), Median(greedy_ms),
      static_cast<long long>(greedy.total_affinity), greedy.proposals.size());
  std::printf(
      "ratio: cpu time optimal/greedy %.2f, affinity optimal/greedy "
      "%.4f\n",
      Median(optimal_cpu) / Median(greedy_cpu),
      static_cast<double>(optimal.total_affinity) /
          static_cast<double>(greedy.total_affinity));
  return 0;
}
