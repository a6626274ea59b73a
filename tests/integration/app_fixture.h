// File: app_fixture.h
// welkomd in-process (App takes its Clock) with a FakeClock, the demo
// region and jobs the test runs itself (RunJobsOnce): behaviour that
// depends on days passing, across every layer, without waiting.
//
//   class MyTest : public InProcessAppTest {};
//   TEST_F(MyTest, X) { clock_.Advance(absl::Hours(24)); RunJobs(); }
#ifndef WELKOM_TESTS_INTEGRATION_APP_FIXTURE_H_
#define WELKOM_TESTS_INTEGRATION_APP_FIXTURE_H_

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "server/app.h"
#include "server/base/clock.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom {

class InProcessAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("welkom-in-process-", getpid(), "-",
                        ::testing::UnitTest::GetInstance()->random_seed());
    std::filesystem::remove_all(dir_);
    AppOptions options;
    options.grpc_listen = "127.0.0.1:0";
    options.http_listen = "";
    options.db_path = db_path();
    options.demo = true;
    options.jobs_interval = absl::ZeroDuration();  // the test runs the jobs
    Configure(options);
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

  // A test's own options (e.g. webhooks_allow_loopback_http), before Start.
  virtual void Configure(AppOptions& /*options*/) {}

  std::string db_path() const { return (dir_ / "welkom.db").string(); }

  grpc::Status TryLogin(const std::string& email, const std::string& password,
                        std::string* token) {
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_email(email);
    req.set_password(password);
    v1::LoginResponse resp;
    grpc::Status s = identity_->Login(&ctx, req, &resp);
    *token = resp.session().token();
    return s;
  }
  // Signs in as the first demo account of `role` (staff sessions last 12
  // hours of the clock: sign in again after moving it days).
  std::string Login(const std::string& role) {
    for (const auto& a : app_->demo_accounts()) {
      if (a.role != role) continue;
      std::string token;
      grpc::Status s = TryLogin(a.email, a.password, &token);
      EXPECT_TRUE(s.ok()) << s.error_message();
      return token;
    }
    ADD_FAILURE() << "no demo account " << role;
    return "";
  }

  grpc::Status WhoAmI(const std::string& token) {
    grpc::ClientContext ctx;
    testing::WithToken(ctx, token);
    v1::WhoAmIResponse resp;
    return identity_->WhoAmI(&ctx, {}, &resp);
  }

  // SELECT COUNT(*) FROM `from` (a table, optionally with WHERE ...), read
  // from the database file as another process would.
  int64_t CountRows(const std::string& from) {
    sqlite3* db = nullptr;
    EXPECT_EQ(
        sqlite3_open_v2(db_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
        SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    const std::string sql = absl::StrCat("SELECT COUNT(*) FROM ", from);
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  void RunJobs() { ASSERT_TRUE(app_->RunJobsOnce().ok()); }

  // Monday 5 October 2026, 10:00 in Amsterdam (CEST, UTC+2).
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 10, 5, 8, 0, 0),
                                   absl::UTCTimeZone())};
  std::filesystem::path dir_;
  std::unique_ptr<App> app_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
};

}  // namespace welkom

#endif  // WELKOM_TESTS_INTEGRATION_APP_FIXTURE_H_
