// File: kpis.h
// The Talent Observatory's figures (DESIGN.md, recommendation 5): how
// newcomers in the region are doing, computed from per-journey facts, with
// every figure about fewer than kMinCell newcomers suppressed so that no one
// newcomer can be singled out. Plain values in, plain values out: no SQL, no
// gRPC; the caller gathers the facts and passes today's date.
//
//   std::vector<JourneyFacts> facts = ...;   // one per journey
//   KpiReport report = ComputeKpis(facts, Cut::kMunicipality, today);
//
// Definitions (docs/CONSOLE.md repeats them for readers of the page):
//  - arrival to BSN: calendar days from the arrival date to the day the
//    `bsn_received` step was marked done; median and 90th percentile
//    (nearest rank) over newcomers who have their BSN.
//  - buddy within 14 days: newcomers whose `buddy_introduced` step was done
//    at most 14 days after arrival, out of newcomers who arrived at least 14
//    days ago.
//  - completion by day N (30, 60, 90): steps done by arrival + N days out of
//    the steps that apply (not "not applicable"), pooled over newcomers who
//    arrived at least N days ago.
//  - check-in scores: how many check-in answers (journey_check_ins, day 30,
//    60 and 90) scored 0-4, 5-6, 7-8, 9-10; the base is the newcomers who
//    answered at least once.
//  - employer size cut: SME (1-249 staff), large (250 or more) and "size
//    unknown" (an employer whose staff count was never given, stored as 0),
//    which is never counted as SME.
//  - overdue rate per step: open journeys where the step is overdue, out of
//    open journeys where the step applies and has a due date.
// Suppression: a figure whose denominator (newcomers, or journeys for the
// overdue rate) is below kMinCell is reported as suppressed with no value.
// A group with fewer than kMinCell newcomers is suppressed whole, and when
// exactly one group of a cut is suppressed the next smallest is suppressed
// as well, so that it cannot be recovered by subtracting from the total.
#ifndef WELKOM_SERVER_DOMAIN_INSIGHTS_KPIS_H_
#define WELKOM_SERVER_DOMAIN_INSIGHTS_KPIS_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace welkom::insights {

inline constexpr int kMinCell = 5;
inline constexpr int kBuddyWithinDays = 14;
inline constexpr std::array<int, 3> kCompletionDays = {30, 60, 90};
// Check-in score buckets: [0,4], [5,6], [7,8], [9,10].
inline constexpr std::array<int, 4> kScoreBucketHigh = {4, 6, 8, 10};

// Employers with fewer staff count as SME (EU definition).
inline constexpr int kSmeStaffLimit = 250;

enum class EmployerSize { kUnknown, kSme, kLarge };

// From organizations.staff_count: 0 (never given) is unknown.
EmployerSize EmployerSizeOf(int staff_count);

struct StepFacts {
  std::string key;
  bool not_applicable = false;
  bool has_due_date = false;
  bool overdue = false;
  std::optional<absl::CivilDay> done_day;
};

struct JourneyFacts {
  std::string municipality;  // key, e.g. "enschede"; empty if unknown
  bool eu_citizen = false;
  EmployerSize employer_size = EmployerSize::kUnknown;
  bool closed = false;
  std::optional<absl::CivilDay> arrival;
  std::vector<StepFacts> steps;
  std::vector<int> checkin_scores;  // 0..10
};

enum class Cut { kRegion, kMunicipality, kEmployerSize, kEuCitizenship };

// A share: numerator out of denominator. `suppressed` hides both.
struct Share {
  int numerator = 0;
  int denominator = 0;
  // Newcomers behind the figure (what suppression looks at).
  int newcomers = 0;
  bool suppressed = true;
  double percent() const {
    return denominator == 0 ? 0 : 100.0 * numerator / denominator;
  }
};

struct DaysFigure {
  double median = 0;
  double p90 = 0;
  int newcomers = 0;
  bool suppressed = true;
};

struct KpiGroup {
  // "all", a municipality key or "unknown", "sme", "large", "size_unknown",
  // "eu", "non_eu".
  std::string key;
  int newcomers = 0;  // 0 when suppressed
  bool suppressed = false;
  DaysFigure arrival_to_bsn;
  Share buddy_within_14_days;
  std::array<Share, kCompletionDays.size()> completion_by_day;
  // Answers per bucket of kScoreBucketHigh; empty when suppressed.
  std::vector<int> checkin_buckets;
  int checkin_newcomers = 0;
  bool checkin_suppressed = true;
};

struct StepOverdue {
  std::string step_key;
  Share overdue;  // newcomers == denominator (one journey per newcomer)
};

struct KpiReport {
  Cut cut = Cut::kRegion;
  std::vector<KpiGroup> groups;              // largest first; region: one "all"
  std::vector<StepOverdue> overdue_by_step;  // region-wide, by step key
};

KpiReport ComputeKpis(const std::vector<JourneyFacts>& journeys, Cut cut,
                      absl::CivilDay today);

// Median and nearest-rank 90th percentile of `values` (not empty).
double Median(std::vector<int> values);
double Percentile90(std::vector<int> values);

}  // namespace welkom::insights

#endif  // WELKOM_SERVER_DOMAIN_INSIGHTS_KPIS_H_
