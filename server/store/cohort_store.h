// File: cohort_store.h
// Arrival cohorts in SQLite: membership is read from journeys.arrival_date
// ('YYYY-MM-DD'); whether a member shows their name lives in
// cohort_name_shown (migration 0033). Every function runs on the connection
// it is given.
#ifndef WELKOM_SERVER_STORE_COHORT_STORE_H_
#define WELKOM_SERVER_STORE_COHORT_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

// The arrival month "YYYY-MM" of the newcomer's journey; empty when the
// newcomer has no journey or it has no arrival date yet.
absl::StatusOr<std::string> ArrivalCohortOf(Connection& c,
                                            const std::string& newcomer_id);

struct CohortMemberRow {
  std::string user_id;
  std::string display_name;
  bool name_shown = false;
};

// Every newcomer whose journey's arrival date lies in month `key`
// ("YYYY-MM"), in display name order.
absl::StatusOr<std::vector<CohortMemberRow>> ListCohortMembers(
    Connection& c, const std::string& key);

// Records whether the member shows their name to the cohort.
absl::Status SetCohortNameShown(Connection& c, const std::string& user_id,
                                bool shown, int64_t now);
// Whether the member shows their name to the cohort (false until chosen).
absl::StatusOr<bool> CohortNameShown(Connection& c, const std::string& user_id);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_COHORT_STORE_H_
