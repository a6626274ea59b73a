// File: insights_store.h
// What the Talent Observatory reads: every journey of the region with its
// employer's size, every step's status, due date and completion time, and
// the newcomer's check-in scores.
// Read-only; runs on the connection it is given (a read snapshot).
//
//   WELKOM_ASSIGN_OR_RETURN(std::vector<JourneyFactsRow> rows,
//                           store::ListJourneyFacts(*call.conn));
#ifndef WELKOM_SERVER_STORE_INSIGHTS_STORE_H_
#define WELKOM_SERVER_STORE_INSIGHTS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct StepFactsRow {
  std::string step_key;
  int status = 0;                       // welkom.v1.StepStatus
  std::optional<std::string> due_date;  // 'YYYY-MM-DD'
  std::optional<int64_t> done_at;       // Unix seconds
};

struct JourneyFactsRow {
  std::string journey_id;
  std::string municipality;  // may be empty
  std::string profile;       // serialized welkom.v1.NewcomerProfile
  std::optional<std::string> arrival_date;
  bool closed = false;
  int employer_staff_count = 0;  // 0: never given (unknown)
  std::vector<StepFactsRow> steps;
  std::vector<int> checkin_scores;  // journey_check_ins, by day
};

// All journeys (open and closed) in id order, each with its steps and
// check-in scores; with `region_id` set only those of that region's
// employers.
absl::StatusOr<std::vector<JourneyFactsRow>> ListJourneyFacts(
    Connection& c, const std::optional<std::string>& region_id);

// Municipality key -> name ("hof-van-twente" -> "Hof van Twente").
absl::StatusOr<absl::flat_hash_map<std::string, std::string>>
ListMunicipalityNames(Connection& c);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_INSIGHTS_STORE_H_
