// File: check_in_store.h
// The newcomer's check-ins at day 30, 60 and 90 (migration 0012). Runs on
// the connection it is given (callers choose the transaction).
#ifndef WELKOM_SERVER_STORE_CHECK_IN_STORE_H_
#define WELKOM_SERVER_STORE_CHECK_IN_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct CheckInRow {
  std::string journey_id;
  int day = 0;  // 30, 60 or 90
  int score = 0;
  std::string comment;
  int64_t submitted_at = 0;
};

// ALREADY_EXISTS if the journey has a check-in for that day.
absl::Status InsertCheckIn(Connection& c, const CheckInRow& row);

// The journey's check-ins by day.
absl::StatusOr<std::vector<CheckInRow>> ListCheckIns(
    Connection& c, const std::string& journey_id);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_CHECK_IN_STORE_H_
