// Erasure (GDPR art. 17, PrivacyService) through welkomd in-process with a
// FakeClock: the cooling-off period (7 days by default), the first request
// standing, calling it off, and after the erasure: the person's name,
// e-mail, note and check-in comment in none of the database's files, the
// account signed out and unable to sign in, HR seeing "erased newcomer",
// and every Talent Observatory figure as it was (art. 5(1)(e): only
// anonymous aggregates stay).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/integration/app_fixture.h"
#include "welkom/v1/insights.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"
#include "welkom/v1/privacy.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WithToken;

constexpr char kName[] = "Ingrid Vergeetmij";
constexpr char kEmail[] = "ingrid.vergeetmij@example.org";
constexpr char kNote[] = "viewing at Oldenzaalsestraat 9e1c";
constexpr char kComment[] = "homesick in the evenings 4d27";
constexpr char kPassword[] = "a good long password";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ErasureTest : public InProcessAppTest {
 protected:
  void SetUp() override {
    InProcessAppTest::SetUp();
    privacy_ = v1::PrivacyService::NewStub(channel_);
    insights_ = v1::InsightsService::NewStub(channel_);
  }

  // HR invites the newcomer (arrived 1 September 2026, so the day-30
  // check-in is open on 5 October) and the newcomer accepts.
  std::string Newcomer() {
    grpc::ClientContext ctx;
    WithToken(ctx, Login("hr"));
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(kEmail);
    req.set_display_name(kName);
    v1::NewcomerProfile* p = req.mutable_newcomer_profile();
    p->set_eu_citizen(false);
    p->set_permit_type(v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);
    p->set_stay_months(36);
    p->set_has_partner(true);
    p->add_children_ages(4);
    p->set_municipality("hengelo");
    p->mutable_arrival_date()->set_year(2026);
    p->mutable_arrival_date()->set_month(9);
    p->mutable_arrival_date()->set_day(1);
    *p->mutable_start_date() = p->arrival_date();
    v1::CreateInvitationResponse created;
    EXPECT_TRUE(identity_->CreateInvitation(&ctx, req, &created).ok());
    grpc::ClientContext accept_ctx;
    v1::AcceptInvitationRequest accept;
    accept.set_code(created.invitation().code());
    accept.set_password(kPassword);
    v1::AcceptInvitationResponse accepted;
    EXPECT_TRUE(
        identity_->AcceptInvitation(&accept_ctx, accept, &accepted).ok());
    return accepted.session().token();
  }

  void WriteNoteAndCheckIn(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::UpdateStepRequest note;
    note.set_step_key("bank_account");
    note.set_note(kNote);
    note.set_set_note(true);
    v1::UpdateStepResponse updated;
    ASSERT_TRUE(journeys_->UpdateStep(&ctx, note, &updated).ok());
    grpc::ClientContext check_ctx;
    WithToken(check_ctx, token);
    v1::SubmitCheckInRequest check_in;
    check_in.set_day(30);
    check_in.set_score(4);  // low: the journey is flagged, a notice to HR
    check_in.set_comment(kComment);
    v1::SubmitCheckInResponse checked;
    grpc::Status s = journeys_->SubmitCheckIn(&check_ctx, check_in, &checked);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status Request(const std::string& token, v1::ErasureStatus* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::RequestErasureResponse resp;
    grpc::Status s = privacy_->RequestErasure(&ctx, {}, &resp);
    *out = resp.status();
    return s;
  }
  grpc::Status Cancel(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::CancelErasureResponse resp;
    return privacy_->CancelErasure(&ctx, {}, &resp);
  }
  // Every cut of GetKpis and ExportKpisCsv, as the advisor reads them.
  std::string Kpis() {
    const std::string advisor = Login("advisor");
    std::string out;
    for (v1::KpiCut cut :
         {v1::KPI_CUT_REGION, v1::KPI_CUT_MUNICIPALITY,
          v1::KPI_CUT_EMPLOYER_SIZE, v1::KPI_CUT_EU_CITIZENSHIP}) {
      grpc::ClientContext ctx;
      WithToken(ctx, advisor);
      v1::GetKpisRequest req;
      req.set_cut(cut);
      v1::GetKpisResponse kpis;
      EXPECT_TRUE(insights_->GetKpis(&ctx, req, &kpis).ok());
      grpc::ClientContext csv_ctx;
      WithToken(csv_ctx, advisor);
      v1::ExportKpisCsvRequest csv_req;
      csv_req.set_cut(cut);
      v1::ExportKpisCsvResponse csv;
      EXPECT_TRUE(insights_->ExportKpisCsv(&csv_ctx, csv_req, &csv).ok());
      absl::StrAppend(&out, kpis.DebugString(), csv.csv());
    }
    return out;
  }

  std::unique_ptr<v1::PrivacyService::Stub> privacy_;
  std::unique_ptr<v1::InsightsService::Stub> insights_;
};

TEST_F(ErasureTest, TheFirstRequestStandsAndCanBeCalledOff) {
  const std::string token = Newcomer();
  v1::ErasureStatus first;
  ASSERT_TRUE(Request(token, &first).ok());
  EXPECT_EQ(first.state(), v1::ERASURE_STATE_SCHEDULED);
  // The cooling-off period: 7 days (welkomd --erasure-grace-days).
  EXPECT_EQ(first.erase_time().seconds() - first.request_time().seconds(),
            7 * 86400);
  clock_.Advance(absl::Hours(30));
  v1::ErasureStatus again;
  ASSERT_TRUE(Request(token, &again).ok());
  EXPECT_EQ(again.erase_time().seconds(), first.erase_time().seconds());
  // The person is told, with the day.
  auto inbox = v1::NotificationService::NewStub(channel_);
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  v1::ListNotificationsResponse notes;
  ASSERT_TRUE(inbox->ListNotifications(&ctx, {}, &notes).ok());
  int told = 0;
  for (const v1::Notification& n : notes.notifications()) {
    if (n.kind() == "erasure_scheduled") {
      ++told;
      EXPECT_THAT(n.title().en(), HasSubstr("2026-10-12"));
    }
  }
  EXPECT_EQ(told, 1);

  ASSERT_TRUE(Cancel(token).ok());
  EXPECT_EQ(Cancel(token).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  clock_.Advance(absl::Hours(24 * 8));
  RunJobs();
  EXPECT_TRUE(WhoAmI(token).ok());  // called off: nothing was erased

  // Staff leave by offboarding, not by erasure.
  v1::ErasureStatus staff;
  EXPECT_EQ(Request(Login("hr"), &staff).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ErasureTest, AfterTheGracePeriodThePersonIsGoneAndTheFiguresStay) {
  const std::string token = Newcomer();
  ASSERT_NO_FATAL_FAILURE(WriteNoteAndCheckIn(token));
  v1::Journey own;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetJourneyResponse resp;
    ASSERT_TRUE(journeys_->GetJourney(&ctx, {}, &resp).ok());
    own = resp.journey();
  }
  v1::ErasureStatus status;
  ASSERT_TRUE(Request(token, &status).ok());

  clock_.Advance(absl::Hours(7 * 24) - absl::Seconds(1));
  RunJobs();
  EXPECT_TRUE(WhoAmI(token).ok());  // not yet
  clock_.Advance(absl::Seconds(1));
  const std::string before = Kpis();
  RunJobs();

  EXPECT_EQ(Kpis(), before);
  EXPECT_EQ(WhoAmI(token).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  std::string ignored;
  EXPECT_EQ(TryLogin(kEmail, kPassword, &ignored).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  // HR still has the journey, without the person.
  grpc::ClientContext ctx;
  WithToken(ctx, Login("hr"));
  v1::GetJourneyRequest req;
  req.set_journey_id(own.id());
  v1::GetJourneyResponse seen;
  ASSERT_TRUE(journeys_->GetJourney(&ctx, req, &seen).ok());
  EXPECT_EQ(seen.journey().newcomer_name(), "erased newcomer");
  EXPECT_EQ(seen.journey().steps_size(), own.steps_size());
  for (const v1::JourneyStep& s : seen.journey().steps()) {
    EXPECT_TRUE(s.note().empty()) << s.key();
  }

  // Nothing of the person in any of welkomd's files.
  for (const char* suffix : {"", "-wal", "-audit"}) {
    const std::filesystem::path file = dir_ / absl::StrCat("welkom.db", suffix);
    const std::string bytes = ReadFile(file);
    for (const char* theirs : {kName, kEmail, kNote, kComment}) {
      EXPECT_EQ(bytes.find(theirs), std::string::npos)
          << theirs << " in " << file;
    }
  }
}

// Retention (docs/PRIVACY.md): the journey closes from day 91; 30 days
// later (--retention-days-after-close) the newcomer is erased, told 7 days
// before with the way to the export; this erasure cannot be called off.
TEST_F(ErasureTest, AClosedJourneysNewcomerIsToldAWeekBeforeAndErased) {
  const std::string token = Newcomer();  // arrived Tuesday 1 September 2026
  // The arrival is day 0, so day 91 is 1 December 2026: the reminder job
  // closes the journey.
  clock_.Advance(absl::Hours(24 * 57));  // Tuesday 1 December
  RunJobs();
  ASSERT_EQ(CountRows("journeys WHERE closed_at IS NOT NULL AND newcomer_id "
                      "IN (SELECT id FROM users WHERE email = '" +
                      std::string(kEmail) + "')"),
            1);
  clock_.Advance(absl::Hours(24 * 23) - absl::Seconds(1));
  RunJobs();
  const std::string mine =
      "erasure_requests WHERE reason = 2 AND user_id IN (SELECT id FROM "
      "users WHERE email = '" +
      std::string(kEmail) + "')";
  EXPECT_EQ(CountRows(mine), 0);  // not yet: 23 days after
  clock_.Advance(absl::Seconds(1));
  RunJobs();
  ASSERT_EQ(CountRows(mine), 1);
  auto inbox = v1::NotificationService::NewStub(channel_);
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  v1::ListNotificationsResponse notes;
  ASSERT_TRUE(inbox->ListNotifications(&ctx, {}, &notes).ok());
  bool told = false;
  for (const v1::Notification& n : notes.notifications()) {
    if (n.kind() != "erasure_scheduled") continue;
    told = true;
    EXPECT_THAT(n.title().en(), HasSubstr("2026-12-31"));  // close + 30 days
    EXPECT_THAT(n.body().en(), HasSubstr("Your data"));
  }
  EXPECT_TRUE(told);
  EXPECT_EQ(Cancel(token).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  clock_.Advance(absl::Hours(24 * 7) - absl::Seconds(1));
  RunJobs();
  EXPECT_TRUE(WhoAmI(token).ok());
  clock_.Advance(absl::Seconds(1));
  RunJobs();
  EXPECT_EQ(WhoAmI(token).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CountRows("users WHERE email = '" + std::string(kEmail) + "'"), 0);
}

// With --erasure-grace-days 0 the request erases at once: the answer says
// so, the session is gone and the open Watch stream ends.
TEST(ErasureAtOnceTest, TheRequestErasesAndEndsTheOpenStream) {
  testing::WelkomdProcess::Options options;
  options.extra_args = {"--erasure-grace-days=0"};
  auto server = testing::WelkomdProcess::Start(options);
  const std::string token = server->Login("newcomer");
  auto inbox = v1::NotificationService::NewStub(server->Channel());
  grpc::ClientContext watch_ctx;
  WithToken(watch_ctx, token);
  watch_ctx.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(20));
  auto watch = inbox->Watch(&watch_ctx, v1::WatchRequest());

  auto privacy = v1::PrivacyService::NewStub(server->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  v1::RequestErasureResponse resp;
  ASSERT_TRUE(privacy->RequestErasure(&ctx, {}, &resp).ok());
  EXPECT_EQ(resp.status().state(), v1::ERASURE_STATE_ERASED);

  v1::Notification n;
  while (watch->Read(&n)) {
  }
  EXPECT_EQ(watch->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  auto identity = v1::IdentityService::NewStub(server->Channel());
  grpc::ClientContext who_ctx;
  WithToken(who_ctx, token);
  v1::WhoAmIResponse who;
  EXPECT_EQ(identity->WhoAmI(&who_ctx, {}, &who).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext login_ctx;
  v1::LoginRequest login;
  login.set_email(server->Account("newcomer").email);
  login.set_password(server->Account("newcomer").password);
  v1::LoginResponse session;
  EXPECT_EQ(identity->Login(&login_ctx, login, &session).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace welkom
