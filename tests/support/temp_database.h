// File: temp_database.h
// A test fixture with a real SQLite database (store::Database, migrated) in
// a fresh directory under /tmp, removed after the test. Derived fixtures
// call TempDatabaseTest::SetUp() first, then seed their rows.
#ifndef WELKOM_TESTS_SUPPORT_TEMP_DATABASE_H_
#define WELKOM_TESTS_SUPPORT_TEMP_DATABASE_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "server/store/database.h"

namespace welkom::testing {

class TempDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-test-db-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Database::Open({dir_ + "/test.db"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace welkom::testing

#endif  // WELKOM_TESTS_SUPPORT_TEMP_DATABASE_H_
