// The buddy jobs with a fake clock on a real SQLite file: the 72-hour
// expiry, the once-a-day matching run, and answering after expiry.
#include "server/jobs/buddy_jobs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "absl/time/civil_time.h"
#include "server/base/clock.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/flows/buddy_flow.h"
#include "server/store/buddy_store.h"
#include "server/store/identity_store.h"
#include "server/store/notification_store.h"
#include "welkom/v1/common.pb.h"

namespace welkom::jobs {
namespace {

// 2026-03-02 08:00 in Amsterdam: before the daily run at 09:00.
absl::Time Monday8am() {
  return absl::FromCivil(absl::CivilSecond(2026, 3, 2, 8, 0, 0),
                         calendar::Amsterdam());
}

class BuddyJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-buddy-jobs-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    store::Database::Options options;
    options.path = dir_ + "/test.db";
    auto db = store::Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Connection& c) -> absl::Status {
                     const int64_t t = absl::ToUnixSeconds(Monday8am());
                     WELKOM_RETURN_IF_ERROR(store::InsertOrganization(
                         c, {"org_ec", v1::ORGANIZATION_KIND_EXPAT_CENTER,
                             "Expat Center", "enschede", 5, t, "org_ec"}));
                     WELKOM_RETURN_IF_ERROR(store::InsertOrganization(
                         c, {"org_emp", v1::ORGANIZATION_KIND_EMPLOYER,
                             "Employer", "hengelo", 40, t, "org_ec"}));
                     WELKOM_RETURN_IF_ERROR(store::InsertUser(
                         c, {"usr_adv", "org_ec", v1::ROLE_ADVISOR,
                             "adv@example.org", "Anouk A", "!", t}));
                     WELKOM_RETURN_IF_ERROR(store::InsertUser(
                         c, {"usr_bud", "org_ec", v1::ROLE_BUDDY,
                             "bud@example.org", "Bart B", "!", t}));
                     WELKOM_RETURN_IF_ERROR(store::InsertUser(
                         c, {"usr_new", "org_emp", v1::ROLE_NEWCOMER,
                             "new@example.org", "Nina N", "!", t}));
                     store::BuddyProfileRow b;
                     b.user_id = "usr_bud";
                     b.languages = {"en", "nl"};
                     b.municipality = "enschede";
                     b.updated_at = t;
                     WELKOM_RETURN_IF_ERROR(store::InsertBuddyProfile(c, b));
                     store::PreferencesRow p;
                     p.user_id = "usr_new";
                     p.languages = {"en"};
                     p.municipality = "hengelo";
                     p.updated_at = t;
                     return store::PutPreferences(c, p, 0);
                   })
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::vector<store::MatchRow> AllMatches() {
    std::vector<store::MatchRow> rows;
    EXPECT_TRUE(db_->Read([&](store::Connection& c) -> absl::Status {
                     WELKOM_ASSIGN_OR_RETURN(
                         rows, store::ListMatches(c, {}, "", 100));
                     return absl::OkStatus();
                   })
                    .ok());
    return rows;
  }

  std::vector<std::string> Inbox(const std::string& user) {
    std::vector<std::string> kinds;
    EXPECT_TRUE(db_->Read([&](store::Connection& c) -> absl::Status {
                     WELKOM_ASSIGN_OR_RETURN(
                         auto rows,
                         store::ListNotificationsAfter(c, user, 0, 100));
                     for (const auto& r : rows) kinds.push_back(r.kind);
                     return absl::OkStatus();
                   })
                    .ok());
    return kinds;
  }

  std::string dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(BuddyJobsTest, ProposalExpiresAfterExactly72HoursAndTheJobRunsDaily) {
  FakeClock clock(Monday8am());
  BuddyJobs jobs(db_.get(), nullptr, {});
  auto pass = jobs.RunOnce(clock.Now());
  ASSERT_TRUE(pass.ok());
  EXPECT_FALSE(pass->matched);  // before 09:00
  clock.Advance(absl::Hours(1));
  pass = jobs.RunOnce(clock.Now());
  ASSERT_TRUE(pass.ok());
  EXPECT_TRUE(pass->matched);
  EXPECT_EQ(pass->proposed, 1);
  pass = jobs.RunOnce(clock.Now());  // once a day only
  EXPECT_FALSE(pass->matched);

  clock.Advance(absl::Hours(72) - absl::Seconds(1));
  pass = jobs.RunOnce(clock.Now());
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->expired, 0);
  ASSERT_EQ(AllMatches().size(), 1u);
  EXPECT_EQ(AllMatches()[0].state, store::kMatchProposed);

  clock.Advance(absl::Seconds(1));
  pass = jobs.RunOnce(clock.Now());
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->expired, 1);
  EXPECT_EQ(AllMatches()[0].state, store::kMatchExpired);
  EXPECT_EQ(Inbox("usr_bud"),
            (std::vector<std::string>{"buddy_proposed", "buddy_expired"}));
  // The daily job's proposal has no advisor of its own: every advisor hears.
  EXPECT_EQ(Inbox("usr_adv"), std::vector<std::string>{"buddy_expired"});
  EXPECT_TRUE(Inbox("usr_new").empty());

  // The same pair is never proposed again; the next day's run finds no
  // other buddy, and a second pass at the same time stores nothing twice.
  clock.Advance(absl::Hours(24));
  pass = jobs.RunOnce(clock.Now());
  ASSERT_TRUE(pass.ok());
  EXPECT_TRUE(pass->matched);
  EXPECT_EQ(pass->proposed, 0);
  EXPECT_EQ(AllMatches().size(), 1u);
}

TEST_F(BuddyJobsTest, AnsweringAfter72HoursIsFailedPrecondition) {
  FakeClock clock(Monday8am());
  const int64_t t = absl::ToUnixSeconds(clock.Now());
  ASSERT_TRUE(
      db_->Write([&](store::Connection& c) -> absl::Status {
           return flows::ProposeMatches(c, t, "usr_adv", "org_ec").status();
         })
          .ok());
  ASSERT_EQ(AllMatches().size(), 1u);
  const store::MatchRow m = AllMatches()[0];
  EXPECT_EQ(m.expires_at - m.proposed_at, 72 * 3600);
  absl::Status late = db_->Write([&](store::Connection& c) {
    return flows::AnswerProposal(c, m, true, m.expires_at).status();
  });
  EXPECT_EQ(late.code(), absl::StatusCode::kFailedPrecondition);
  absl::Status in_time = db_->Write([&](store::Connection& c) {
    return flows::AnswerProposal(c, m, true, m.expires_at - 1).status();
  });
  EXPECT_TRUE(in_time.ok()) << in_time;
  EXPECT_EQ(AllMatches()[0].state, store::kMatchAccepted);
  EXPECT_EQ(Inbox("usr_new"), std::vector<std::string>{"buddy_accepted"});
}

}  // namespace
}  // namespace welkom::jobs
