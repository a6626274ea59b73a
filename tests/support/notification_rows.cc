#include "tests/support/notification_rows.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace welkom::testing {

int64_t InsertNotification(const std::string& db_path,
                           const std::string& recipient_id,
                           const std::string& kind, const std::string& title_en,
                           const std::string& title_nl) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO notifications (recipient_id, "
                               "kind, title_en, title_nl, created_at) VALUES "
                               "(?, ?, ?, ?, 1795000000)",
                               -1, &st, nullptr),
            SQLITE_OK);
  sqlite3_bind_text(st, 1, recipient_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, title_en.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 4, title_nl.c_str(), -1, SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  int64_t id = sqlite3_last_insert_rowid(db);
  sqlite3_close(db);
  return id;
}

}  // namespace welkom::testing
