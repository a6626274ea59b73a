#include "server/store/journey_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "server/store/database.h"
#include "server/store/identity_store.h"
#include "server/store/journey_audit_store.h"

namespace welkom::store {
namespace {

class JourneyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-journey-store-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = Database::Open({dir_ + "/test.db"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](Connection& c) -> absl::Status {
                     auto s = InsertOrganization(
                         c, {"org1", 1, "Employer", "", 10, 0, ""});
                     if (!s.ok()) return s;
                     s = InsertUser(
                         c, {"usr1", "org1", 1, "a@example.org", "A", "!", 0});
                     if (!s.ok()) return s;
                     JourneyRow j;
                     j.id = "jny1";
                     j.newcomer_id = "usr1";
                     j.employer_org_id = "org1";
                     j.catalogue_version = 1;
                     std::vector<StepRow> steps(2);
                     steps[0].journey_id = steps[1].journey_id = "jny1";
                     steps[0].step_key = "buddy_introduced";
                     steps[1].step_key = "dutch_course";
                     steps[1].position = 1;
                     steps[1].status = 5;  // not applicable
                     return InsertJourney(c, j, steps);
                   })
                    .ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<StepRow> Steps() {
    std::vector<StepRow> out;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                     auto rows = ListSteps(c, "jny1");
                     if (!rows.ok()) return rows.status();
                     out = *rows;
                     return absl::OkStatus();
                   })
                    .ok());
    return out;
  }

  absl::Status Mark(const std::string& newcomer, const char* key, int64_t now) {
    return db_->Write([&](Connection& c) {
      return MarkStepDoneByKey(c, newcomer, key, now);
    });
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(JourneyStoreTest, MarkStepDoneByKeyMarksOnceAndKeepsTheFirstTime) {
  ASSERT_TRUE(Mark("usr1", "buddy_introduced", 100).ok());
  ASSERT_TRUE(Mark("usr1", "buddy_introduced", 200).ok());
  StepRow s = Steps()[0];
  EXPECT_EQ(s.status, 3);
  EXPECT_EQ(s.done_at, 100);
  EXPECT_EQ(s.version, 2);
}

TEST_F(JourneyStoreTest, MarkStepDoneByKeyLeavesOneAuditEntryByWelkomItself) {
  ASSERT_TRUE(Mark("usr1", "buddy_introduced", 100).ok());
  ASSERT_TRUE(Mark("usr1", "buddy_introduced", 200).ok());
  ASSERT_TRUE(Mark("usr1", "dutch_course", 300).ok());  // not applicable
  std::vector<AuditRow> log;
  ASSERT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                   auto rows = ListAuditEntries(c, "jny1", {}, 10);
                   if (!rows.ok()) return rows.status();
                   log = *rows;
                   return absl::OkStatus();
                 })
                  .ok());
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].actor_id, "");
  EXPECT_EQ(log[0].action, 4);  // AUDIT_ACTION_STEP_CHANGED
  EXPECT_EQ(log[0].detail, "buddy_introduced");
  EXPECT_EQ(log[0].at, 100);
}

TEST_F(JourneyStoreTest,
       MarkStepDoneByKeyIsANoOpWithoutJourneyStepOrWhenNotApplicable) {
  EXPECT_TRUE(Mark("nobody", "buddy_introduced", 100).ok());
  EXPECT_TRUE(Mark("usr1", "first_social_event", 100).ok());
  EXPECT_TRUE(Mark("usr1", "dutch_course", 100).ok());
  std::vector<StepRow> steps = Steps();
  EXPECT_EQ(steps[0].status, 1);
  EXPECT_EQ(steps[1].status, 5);
}

TEST_F(JourneyStoreTest, SecondJourneyForTheSameNewcomerIsAlreadyExists) {
  absl::Status s = db_->Write([&](Connection& c) {
    JourneyRow j;
    j.id = "jny2";
    j.newcomer_id = "usr1";
    j.employer_org_id = "org1";
    return InsertJourney(c, j, {});
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(JourneyStoreTest, StaleVersionUpdateIsAborted) {
  StepRow s = Steps()[0];
  s.version = 2;
  ASSERT_TRUE(
      db_->Write([&](Connection& c) { return UpdateStep(c, s, 1); }).ok());
  s.version = 3;
  absl::Status stale =
      db_->Write([&](Connection& c) { return UpdateStep(c, s, 1); });
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted);
}

}  // namespace
}  // namespace welkom::store
