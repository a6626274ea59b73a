#include "server/api/journey_audit_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "server/store/database.h"
#include "server/store/identity_store.h"
#include "server/store/journey_store.h"
#include "tests/support/row_count.h"

namespace welkom::api {
namespace {

class JourneyAuditWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-audit-writer-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Database::Open({dir_ + "/test.db"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Connection& c) -> absl::Status {
                     auto s = store::InsertOrganization(
                         c, {"org1", 1, "Employer", "", 10, 0});
                     if (!s.ok()) return s;
                     s = store::InsertUser(
                         c, {"usr1", "org1", 1, "a@example.org", "A", "!", 0});
                     if (!s.ok()) return s;
                     store::JourneyRow j;
                     j.id = "jny1";
                     j.newcomer_id = "usr1";
                     j.employer_org_id = "org1";
                     j.catalogue_version = 1;
                     return store::InsertJourney(c, j, {});
                   }).ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  static store::AuditRow Read(const std::string& journey_id) {
    store::AuditRow row;
    row.journey_id = journey_id;
    row.at = 100;
    row.action = 1;
    return row;
  }

  int64_t CountRows() {
    return testing::CountRows(*db_, "SELECT COUNT(*) FROM journey_audit");
  }

  std::string dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(JourneyAuditWriterTest, EveryConcurrentAppendIsCommittedBeforeItReturns) {
  JourneyAuditWriter writer(db_.get());
  constexpr int kThreads = 16;
  constexpr int kAppendsEach = 20;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAppendsEach; ++i) {
        if (!writer.Append({Read("jny1")}).ok()) ++failed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(CountRows(), kThreads * kAppendsEach);
}

TEST_F(JourneyAuditWriterTest, AnAppendThatCannotBeStoredFailsAndStoresNothing) {
  JourneyAuditWriter writer(db_.get());
  // No such journey: the foreign key refuses the row.
  EXPECT_FALSE(writer.Append({Read("jny1"), Read("no-such-journey")}).ok());
  EXPECT_EQ(CountRows(), 0);
  EXPECT_TRUE(writer.Append({}).ok());
  EXPECT_TRUE(writer.Append({Read("jny1")}).ok());
  EXPECT_EQ(CountRows(), 1);
}

}  // namespace
}  // namespace welkom::api
