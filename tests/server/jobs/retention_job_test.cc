// The retention job's delivery limit (docs/PRIVACY.md: a sent or failed
// e-mail delivery is kept 90 days after it finished, an erasure's goodbye
// mail not at all) against a real SQLite database with times chosen by the
// test. Sessions, invitations, notifications and remembered answers go
// through welkomd in tests/integration/retention_test.cc and
// app_clock_test.cc.
#include "server/jobs/retention_job.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/store/database.h"
#include "server/store/delivery_store.h"
#include "server/store/identity_store.h"
#include "tests/support/row_count.h"
#include "tests/support/temp_database.h"

namespace welkom::jobs {
namespace {

using store::Connection;
using store::DeliveryStatus;

constexpr absl::Duration kDay = absl::Hours(24);
const absl::Time kSent = absl::FromUnixSeconds(1790000000);

class RetentionJobTest : public welkom::testing::TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(db_->Write([](Connection& c) -> absl::Status {
                     WELKOM_RETURN_IF_ERROR(store::InsertOrganization(
                         c, {"emp", 1, "Employer", "", 10, 0, ""}));
                     return store::InsertUser(
                         c, {"nc", "emp", 1, "nc@example.org", "Ana", "!", 0});
                   })
                    .ok());
  }

  // A delivery to the newcomer of `kind`, finished as `status` at `at`
  // (still pending if `status` is kPending).
  void Deliver(const std::string& kind, DeliveryStatus status, absl::Time at) {
    store::DeliveryRow row;
    row.recipient = "nc@example.org";
    row.user_id = "nc";
    row.org_id = "emp";
    row.kind = kind;
    row.message_id = absl::StrCat("m", ++messages_);
    row.subject = "Your journey";
    row.body = "Hello Ana";
    row.created_at = absl::ToUnixSeconds(at);
    ASSERT_TRUE(db_->Write([&](Connection& c) -> absl::Status {
                     WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> id,
                                             store::InsertDelivery(c, row));
                     if (status == DeliveryStatus::kPending) {
                       return absl::OkStatus();
                     }
                     return store::FinishDelivery(c, *id, status, 1, "",
                                                  absl::ToUnixSeconds(at));
                   })
                    .ok());
  }

  int64_t Count(const std::string& where) {
    const std::string sql =
        absl::StrCat("SELECT COUNT(*) FROM deliveries WHERE ", where);
    return testing::CountRows(*db_, sql.c_str());
  }

  void Run(absl::Time at, RetentionJob::Options options = {}) {
    RetentionJob job(db_.get(), options);
    absl::StatusOr<int> deleted = job.RunOnce(at);
    ASSERT_TRUE(deleted.ok()) << deleted.status();
  }

  int messages_ = 0;
};

TEST_F(RetentionJobTest, AFinishedMailGoesNinetyDaysAfterItFinished) {
  ASSERT_NO_FATAL_FAILURE(Deliver("step_due", DeliveryStatus::kSent, kSent));
  ASSERT_NO_FATAL_FAILURE(
      Deliver("step_overdue", DeliveryStatus::kFailed, kSent));
  ASSERT_NO_FATAL_FAILURE(Deliver("digest", DeliveryStatus::kPending, kSent));
  Run(kSent + 90 * kDay - absl::Seconds(1));
  EXPECT_EQ(Count("1"), 3);
  Run(kSent + 90 * kDay + absl::Seconds(1));
  // The sent and the failed one are gone; the one still to be sent stays,
  // however old.
  EXPECT_EQ(Count("1"), 1);
  EXPECT_EQ(Count("kind = 'digest'"), 1);
}

TEST_F(RetentionJobTest, AnErasuresGoodbyeMailGoesAsSoonAsItIsSent) {
  ASSERT_NO_FATAL_FAILURE(
      Deliver("erasure_done", DeliveryStatus::kPending, kSent));
  Run(kSent + absl::Seconds(1));
  EXPECT_EQ(Count("kind = 'erasure_done'"), 1);  // not sent yet
  ASSERT_TRUE(db_->Write([](Connection& c) {
                   return store::FinishDelivery(c, 1, DeliveryStatus::kSent, 1,
                                                "", 1790000002);
                 })
                  .ok());
  Run(kSent + absl::Seconds(3));
  EXPECT_EQ(Count("1"), 0);
}

TEST_F(RetentionJobTest, AShorterLimitIsHonoured) {
  RetentionJob::Options options;
  options.deliveries = 10 * kDay;  // --retention-deliveries-days=10
  ASSERT_NO_FATAL_FAILURE(Deliver("step_due", DeliveryStatus::kSent, kSent));
  Run(kSent + 10 * kDay - absl::Seconds(1), options);
  EXPECT_EQ(Count("1"), 1);
  Run(kSent + 10 * kDay + absl::Seconds(1), options);
  EXPECT_EQ(Count("1"), 0);
}

}  // namespace
}  // namespace welkom::jobs
