// File: row_count.h
// For store-level tests: the single integer a query such as
// "SELECT COUNT(*) FROM t" answers, read in a read transaction of `db`
// (-1 and a test failure if the query fails).
#ifndef WELKOM_TESTS_SUPPORT_ROW_COUNT_H_
#define WELKOM_TESTS_SUPPORT_ROW_COUNT_H_

#include <gtest/gtest.h>

#include <cstdint>

#include "server/store/database.h"

namespace welkom::testing {

inline int64_t CountRows(store::Database& db, const char* sql) {
  int64_t n = -1;
  EXPECT_TRUE(db.Read([&](store::Connection& c) -> absl::Status {
                  auto st = c.Prepare(sql);
                  if (!st.ok()) return st.status();
                  auto row = (*st)->Step();
                  if (!row.ok()) return row.status();
                  n = (*st)->Int(0);
                  return absl::OkStatus();
                }).ok());
  return n;
}

}  // namespace welkom::testing

#endif  // WELKOM_TESTS_SUPPORT_ROW_COUNT_H_
