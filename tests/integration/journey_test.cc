// JourneyService over gRPC against a real welkomd with the demo region.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/integration/journey_fixture.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WithToken;

TEST_F(JourneyTest, DemoNewcomerHasRealisticJourneyWithOneOverdueStep) {
  v1::Journey j;
  ASSERT_TRUE(Get(server_->Login("newcomer"), "", &j).ok());
  EXPECT_GE(j.steps_size(), 20);
  EXPECT_EQ(j.day(), 21);
  EXPECT_EQ(j.overdue_count(), 1);
  const v1::JourneyStep* bank = FindStep(j, "bank_account");
  ASSERT_NE(bank, nullptr);
  EXPECT_TRUE(bank->overdue());
  EXPECT_EQ(FindStep(j, "brp_registration")->status(), v1::STEP_STATUS_DONE);
  EXPECT_GT(j.progress_percent(), 30);
  EXPECT_LT(j.progress_percent(), 70);
}

TEST_F(JourneyTest, InvitedNewcomerWithProfileGetsJourneyOnAcceptance) {
  std::string token =
      InviteAndAccept("eu.single@example.org", EuSingleProfessional());
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  const v1::JourneyStep* brp = FindStep(j, "brp_registration");
  ASSERT_NE(brp, nullptr);
  // Arrival Tuesday 1 September 2026 + 5 days is Sunday the 6th; the BRP
  // term follows the Algemene termijnenwet (art. 1): Monday 7 September
  // (updated for issue 16, it pinned the Sunday).
  EXPECT_EQ(brp->due_date().day(), 7);
  EXPECT_EQ(brp->due_date().month(), 9);
  EXPECT_EQ(brp->end_of_term(), v1::END_OF_TERM_RULE_NEXT_WORKING_DAY);
  ASSERT_TRUE(brp->has_legal());
  EXPECT_THAT(brp->legal().source_url(), HasSubstr("https://"));
  // The BSN hangs off the BRP registration, which is not known yet.
  const v1::JourneyStep* bsn = FindStep(j, "bsn_received");
  ASSERT_NE(bsn, nullptr);
  EXPECT_TRUE(bsn->pending());
  EXPECT_FALSE(bsn->has_due_date());
  // An EU citizen needs no residence permit; a single one no school.
  EXPECT_EQ(FindStep(j, "residence_permit_collect"), nullptr);
  EXPECT_EQ(FindStep(j, "school_registration"), nullptr);
  const v1::JourneyStep* ruling = FindStep(j, "thirty_percent_ruling");
  ASSERT_NE(ruling, nullptr);
  EXPECT_EQ(ruling->owner(), v1::STEP_OWNER_HR);
  // Received within 4 months of the first working day (Belastingdienst):
  // 7 September 2026 -> 7 January 2027. Updated for issue 16: it pinned
  // the 120-day bug (5 January).
  EXPECT_EQ(ruling->due_date().year(), 2027);
  EXPECT_EQ(ruling->due_date().month(), 1);
  EXPECT_EQ(ruling->due_date().day(), 7);
  EXPECT_EQ(ruling->term().unit(), v1::TERM_UNIT_MONTHS);
  EXPECT_EQ(ruling->term().amount(), 4);
}

TEST_F(JourneyTest, CompletingStepBeforeItsPrerequisitesFailsNamingThem) {
  std::string token =
      InviteAndAccept("deps@example.org", EuSingleProfessional());
  grpc::Status s = Update(token, Done("bank_account"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("bsn_received"));
  s = Update(token, Done("brp_registration"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("temporary_housing"));
}

TEST_F(JourneyTest, RegisteringInTheBrpGivesTheBsnStepADueDate) {
  std::string token =
      InviteAndAccept("brp@example.org", EuSingleProfessional());
  ASSERT_TRUE(Update(token, Done("temporary_housing")).ok());
  v1::Journey j;
  grpc::Status s = Update(token, Done("brp_registration"), &j);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const v1::JourneyStep* bsn = FindStep(j, "bsn_received");
  EXPECT_FALSE(bsn->pending());
  EXPECT_TRUE(bsn->has_due_date());
  bool has_brp_anchor = false;
  for (const auto& a : j.anchors()) {
    has_brp_anchor |= a.anchor() == v1::ANCHOR_BRP_REGISTRATION;
  }
  EXPECT_TRUE(has_brp_anchor);
}

TEST_F(JourneyTest, StaleEtagIsAbortedAndRequestIdReplaysFirstResult) {
  std::string token =
      InviteAndAccept("etag@example.org", EuSingleProfessional());
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  std::string etag = FindStep(j, "temporary_housing")->etag();
  v1::UpdateStepRequest req;
  req.set_step_key("temporary_housing");
  req.set_set_note(true);
  req.set_note("Room at the campus, ends 30 November");
  req.set_etag(etag);
  req.set_request_id("note-1");
  v1::Journey first;
  ASSERT_TRUE(Update(token, req, &first).ok());
  // The same request again is a replay: same answer, no second change.
  v1::Journey replay;
  ASSERT_TRUE(Update(token, req, &replay).ok());
  EXPECT_EQ(FindStep(replay, "temporary_housing")->etag(),
            FindStep(first, "temporary_housing")->etag());
  // A new request with the old etag is stale.
  req.set_request_id("note-2");
  EXPECT_EQ(Update(token, req).error_code(), grpc::StatusCode::ABORTED);
}

TEST_F(JourneyTest, HrNeverTicksTheNewcomersOwnSteps) {
  std::string token =
      InviteAndAccept("owner@example.org", EuSingleProfessional());
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  v1::UpdateStepRequest req = Done("temporary_housing");
  req.set_journey_id(j.id());
  EXPECT_EQ(Update(hr_, req).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  req = Done("workplace_ready");
  req.set_journey_id(j.id());
  EXPECT_TRUE(Update(hr_, req).ok());
  // The newcomer may not tick HR's step either.
  req = Done("it_account");
  EXPECT_EQ(Update(token, req).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(JourneyTest, OtherEmployersAndUnconsentedJourneysAreNotFound) {
  std::string token =
      InviteAndAccept("tenant@example.org", EuSingleProfessional());
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  v1::Journey seen;
  EXPECT_TRUE(Get(hr_, j.id(), &seen).ok());
  EXPECT_EQ(Get(server_->Login("hr", 1), j.id(), &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // No consent given: the advisor does not see it.
  EXPECT_EQ(Get(server_->Login("advisor"), j.id(), &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get(server_->Login("admin"), j.id(), &seen).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(JourneyTest, SettingTheArrivalDateTurnsPendingStepsIntoDeadlines) {
  v1::NewcomerProfile p = EuSingleProfessional();
  p.clear_arrival_date();
  std::string token = InviteAndAccept("anchor@example.org", p);
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  EXPECT_TRUE(FindStep(j, "brp_registration")->pending());
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  v1::SetAnchorDateRequest req;
  req.set_anchor(v1::ANCHOR_ARRIVAL);
  *req.mutable_date() = MakeDate(2026, 12, 28);
  req.set_view(v1::JOURNEY_VIEW_FULL);
  v1::SetAnchorDateResponse resp;
  ASSERT_TRUE(journeys_->SetAnchorDate(&ctx, req, &resp).ok());
  const v1::JourneyStep* brp = FindStep(resp.journey(), "brp_registration");
  EXPECT_FALSE(brp->pending());
  // Monday 28 December 2026 + 5 days is Saturday 2 January 2027; the BRP
  // term follows the Algemene termijnenwet (art. 1): Monday 4 January
  // (updated for issue 16, it pinned the Saturday).
  EXPECT_EQ(brp->due_date().year(), 2027);
  EXPECT_EQ(brp->due_date().month(), 1);
  EXPECT_EQ(brp->due_date().day(), 4);
}

TEST_F(JourneyTest, ListsShowEmployersJourneysAndOverdueStepsMostOverdueFirst) {
  grpc::ClientContext ctx;
  WithToken(ctx, hr_);
  v1::ListJourneysResponse list;
  ASSERT_TRUE(journeys_->ListJourneys(&ctx, {}, &list).ok());
  ASSERT_GE(list.journeys_size(), 1);
  for (const auto& j : list.journeys()) {
    EXPECT_EQ(j.employer_org_id(), server_->Account("hr").org_id);
  }
  grpc::ClientContext ctx2;
  WithToken(ctx2, hr_);
  v1::ListOverdueResponse overdue;
  ASSERT_TRUE(journeys_->ListOverdue(&ctx2, {}, &overdue).ok());
  ASSERT_GE(overdue.steps_size(), 1);
  for (int i = 1; i < overdue.steps_size(); ++i) {
    EXPECT_GE(overdue.steps(i - 1).step().days_overdue(),
              overdue.steps(i).step().days_overdue());
  }
  // The other employer sees none of them.
  grpc::ClientContext ctx3;
  WithToken(ctx3, server_->Login("hr", 1));
  v1::ListOverdueResponse other;
  ASSERT_TRUE(journeys_->ListOverdue(&ctx3, {}, &other).ok());
  for (const auto& s : other.steps()) {
    EXPECT_NE(s.employer_org_id(), server_->Account("hr").org_id);
  }
}

TEST_F(JourneyTest, ListOverdueAlsoListsStepsDueWithinTheNextDays) {
  // Arrived 3 days ago: the BRP registration (5 days from arrival, moved
  // past a weekend or holiday at most a few days; Algemene termijnenwet) is
  // due within the coming 7 days, not overdue yet.
  const absl::TimeZone amsterdam = [] {
    absl::TimeZone tz;
    EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &tz));
    return tz;
  }();
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), amsterdam);
  const absl::CivilDay arrival = today - 3;
  v1::NewcomerProfile p = EuSingleProfessional();
  *p.mutable_arrival_date() =
      MakeDate(arrival.year(), arrival.month(), arrival.day());
  *p.mutable_start_date() =
      MakeDate(arrival.year(), arrival.month(), arrival.day());
  std::string token = InviteAndAccept("due.soon@example.org", p);
  v1::Journey mine;
  ASSERT_TRUE(Get(token, "", &mine).ok());
  auto list = [&](int days, v1::ListOverdueResponse* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, hr_);
    v1::ListOverdueRequest req;
    req.set_due_within_days(days);
    req.set_page_size(500);
    return journeys_->ListOverdue(&ctx, req, out);
  };
  auto has_brp = [&](const v1::ListOverdueResponse& r) {
    for (const auto& s : r.steps()) {
      if (s.journey_id() == mine.id() && s.step().key() == "brp_registration")
        return true;
    }
    return false;
  };
  v1::ListOverdueResponse overdue_only, week;
  ASSERT_TRUE(list(0, &overdue_only).ok());
  EXPECT_FALSE(has_brp(overdue_only));
  for (const auto& s : overdue_only.steps()) EXPECT_TRUE(s.step().overdue());
  ASSERT_TRUE(list(7, &week).ok());
  EXPECT_TRUE(has_brp(week));
  EXPECT_GT(week.steps_size(), overdue_only.steps_size());
  const absl::CivilDay last = today + 6;
  for (const auto& s : week.steps()) {
    const v1::Date& d = s.step().due_date();
    EXPECT_LE(absl::CivilDay(d.year(), d.month(), d.day()), last)
        << s.step().key();
  }
  v1::ListOverdueResponse bad;
  EXPECT_EQ(list(32, &bad).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(JourneyJobsTest, WelkomdRunsTheReminderJobOnItsInterval) {
  WelkomdProcess::Options options;
  options.jobs = true;
  options.extra_args = {"--jobs-interval=1"};
  std::unique_ptr<WelkomdProcess> server = WelkomdProcess::Start(options);
  auto runs = [&] {
    std::string log = server->Log();
    int n = 0;
    for (size_t at = log.find("job=reminders"); at != std::string::npos;
         at = log.find("job=reminders", at + 1)) {
      ++n;
    }
    return n;
  };
  for (int i = 0; i < 100 && runs() < 2; ++i)
    absl::SleepFor(absl::Milliseconds(100));
  EXPECT_GE(runs(), 2);
  EXPECT_EQ(server->Log().find("ok=false"), std::string::npos) << server->Log();
  EXPECT_EQ(server->Stop(), 0);
}

}  // namespace
}  // namespace welkom
