// File: journey_bench_data.h
// Generates the journey benchmark's database: the demo region (seeded by a
// real welkomd with --demo), an employer template of three company steps
// for each demo employer, and `count` newcomers with planned journeys
// (about 25 steps each) spread over both employers, four household types
// and arrivals over the last 200 days. Steps due more than 10 days ago are
// done for two thirds of the journeys; half of the journeys consent to the
// advisor. Writes go through the store layer in batches.
#ifndef WELKOM_TESTS_BENCH_JOURNEY_BENCH_DATA_H_
#define WELKOM_TESTS_BENCH_JOURNEY_BENCH_DATA_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/demo/demo_region.h"

namespace welkom::bench {

struct BenchData {
  // Journeys of the demo SME (employer of demo account "hr", index 0) whose
  // newcomer is a professional, so they have HR's "workplace_ready" step.
  std::vector<std::string> sme_professional_journeys;
  std::vector<std::string> sme_journeys;
  int journeys = 0;
  long steps = 0;
};

// Creates the database under `dir` (which must be empty) with `count`
// journeys. Prints progress to stderr.
absl::StatusOr<BenchData> GenerateBenchData(const std::string& dir, int count);

}  // namespace welkom::bench

#endif  // WELKOM_TESTS_BENCH_JOURNEY_BENCH_DATA_H_
