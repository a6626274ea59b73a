// welkomd in-process with a FakeClock (App takes its Clock): behaviour that
// depends on time, across every layer, without waiting on the wall clock.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "server/app.h"
#include "server/base/clock.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom {
namespace {

using testing::WithToken;

int64_t CountRows(const std::string& db_path, const std::string& table) {
  sqlite3* db = nullptr;
  EXPECT_EQ(
      sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
      SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string sql = absl::StrCat("SELECT COUNT(*) FROM ", table);
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
  int64_t n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

class AppClockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("welkom-app-clock-", getpid(), "-",
                        ::testing::UnitTest::GetInstance()->random_seed());
    std::filesystem::remove_all(dir_);
    AppOptions options;
    options.grpc_listen = "127.0.0.1:0";
    options.http_listen = "";
    options.db_path = (dir_ / "welkom.db").string();
    options.demo = true;
    options.jobs_interval = absl::ZeroDuration();  // the test runs the jobs
    app_ = std::make_unique<App>(options, &clock_);
    ASSERT_TRUE(app_->Start().ok());
    channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", app_->grpc_port()),
                            grpc::InsecureChannelCredentials());
    identity_ = v1::IdentityService::NewStub(channel_);
    journeys_ = v1::JourneyService::NewStub(channel_);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string Login(const std::string& role) {
    for (const auto& a : app_->demo_accounts()) {
      if (a.role != role) continue;
      grpc::ClientContext ctx;
      v1::LoginRequest req;
      req.set_email(a.email);
      req.set_password(a.password);
      v1::LoginResponse resp;
      grpc::Status s = identity_->Login(&ctx, req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      return resp.session().token();
    }
    ADD_FAILURE() << "no demo account " << role;
    return "";
  }

  grpc::Status WhoAmI(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::WhoAmIResponse resp;
    return identity_->WhoAmI(&ctx, {}, &resp);
  }

  // Monday 5 October 2026, 10:00 in Amsterdam (CEST, UTC+2).
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 10, 5, 8, 0, 0),
                                   absl::UTCTimeZone())};
  std::filesystem::path dir_;
  std::unique_ptr<App> app_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
};

// A console session lasts 12 hours (IdentityService, docs/SECURITY.md),
// measured on the App's clock.
TEST_F(AppClockTest, ConsoleSessionEndsAfterTwelveHoursOfTheInjectedClock) {
  std::string hr = Login("hr");
  EXPECT_TRUE(WhoAmI(hr).ok());
  clock_.Advance(absl::Hours(12) - absl::Seconds(1));
  EXPECT_TRUE(WhoAmI(hr).ok());
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(WhoAmI(hr).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

// Issue 14: the idempotency memory is kept 7 days (docs/OPERATIONS.md),
// then the jobs runner prunes it.
TEST_F(AppClockTest, IdempotencyMemoryIsPrunedAfterSevenDays) {
  std::string newcomer = Login("newcomer");
  const std::string db = (dir_ / "welkom.db").string();
  const int64_t before = CountRows(db, "idempotency");
  {
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer);
    v1::UpdateStepRequest req;
    req.set_step_key("bank_account");
    req.set_note("Appointment at the bank on Thursday");
    req.set_set_note(true);
    req.set_request_id("phone-change-1");
    v1::UpdateStepResponse resp;
    grpc::Status s = journeys_->UpdateStep(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(CountRows(db, "idempotency"), before + 1);
  clock_.Advance(absl::Hours(7 * 24) - absl::Seconds(1));
  ASSERT_TRUE(app_->RunJobsOnce().ok());
  EXPECT_EQ(CountRows(db, "idempotency"), before + 1);
  clock_.Advance(absl::Seconds(2));
  ASSERT_TRUE(app_->RunJobsOnce().ok());
  EXPECT_EQ(CountRows(db, "idempotency"), 0);
}

}  // namespace
}  // namespace welkom
