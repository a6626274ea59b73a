#include "tests/integration/extra_members.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/auth/tokens.h"
#include "server/store/database.h"
#include "server/store/identity_store.h"

namespace welkom::testing {

std::vector<ExtraMember> AddMembers(const WelkomdProcess& server,
                                    const std::string& org_id, int role,
                                    int count, const std::string& name_prefix) {
  std::vector<ExtraMember> out;
  store::Database::Options options;
  options.path = server.db_path();
  options.readers = 1;
  auto db = store::Database::Open(options);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return out;
  int64_t now = absl::ToUnixSeconds(absl::Now());
  absl::Status status = (*db)->Write([&](store::Connection& c) -> absl::Status {
    for (int i = 0; i < count; ++i) {
      ExtraMember m{auth::NewId("usr"), auth::NewSecret(),
                    absl::StrCat(name_prefix, i, " Tester")};
      store::UserRow user{m.user_id,
                          org_id,
                          role,
                          absl::StrCat(m.user_id, "@test.example"),
                          m.display_name,
                          "not-a-password-hash",
                          now};
      absl::Status s = store::InsertUser(c, user);
      if (!s.ok()) return s;
      s = store::InsertSession(c, auth::HashSecret(m.token), m.user_id, now,
                               now + 3600);
      if (!s.ok()) return s;
      out.push_back(std::move(m));
    }
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

std::vector<std::vector<std::string>> QuerySql(const WelkomdProcess& server,
                                               const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(server.db_path().c_str(), &db, SQLITE_OPEN_READONLY,
                            nullptr),
            SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* text = sqlite3_column_text(st, i);
      row.push_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

}  // namespace welkom::testing
