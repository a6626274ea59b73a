// The webhook event types whose producers are not a plain API call
// (issue 19 item 5): match.accepted (a buddy accepts), checkin.low (a
// consenting newcomer answers a check-in low), newcomer.arrived for a
// journey created with an arrival date, and step.overdue (the reminder job,
// run here in-process on a FakeClock). Each reaches a registered
// endpoint of the organisation docs/WEBHOOKS.md names, signed (checked with
// the specification's HMAC, not welkomd's code), with ids, kinds and dates
// only; an endpoint of the same organisation that did not choose the type
// gets nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "server/domain/calendar/civil_date.h"
#include "tests/integration/app_fixture.h"
#include "tests/integration/extra_members.h"
#include "tests/integration/journey_fixture.h"
#include "tests/integration/webhook_fixture.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::WithToken;

// The payload of `r` after checking its signature and type; none of
// `words` (names, comments) is in the body, nor any score or note.
google::protobuf::Struct DataOf(const Received& r, const std::string& secret,
                                const std::string& type,
                                const std::vector<std::string>& words) {
  EXPECT_TRUE(VerifiesWith(secret, r)) << r.signature;
  const google::protobuf::Struct payload = ParseJson(r.body);
  EXPECT_EQ(Field(payload, "type"), type) << r.body;
  for (const std::string& w : words) EXPECT_THAT(r.body, Not(HasSubstr(w)));
  for (const char* w : {"score", "note", "comment", "name"}) {
    EXPECT_THAT(r.body, Not(HasSubstr(w)));
  }
  auto it = payload.fields().find("data");
  return it == payload.fields().end() ? google::protobuf::Struct()
                                      : it->second.struct_value();
}

class WebhookEventsTest : public WebhookTest {
 protected:
  // A newcomer of the demo SME, invited by its HR, who arrived `days_ago`
  // days ago and consents to advisors; returns the session token.
  std::string ConsentingNewcomer(const std::string& hr,
                                 const std::string& email, int days_ago) {
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(email);
    req.set_display_name("Mila Novak");
    v1::NewcomerProfile* p = req.mutable_newcomer_profile();
    *p = EuSingleProfessional();
    const absl::CivilDay arrival =
        calendar::AmsterdamDay(absl::Now()) - days_ago;
    *p->mutable_arrival_date() = MakeDate(static_cast<int>(arrival.year()),
                                          arrival.month(), arrival.day());
    *p->mutable_start_date() = p->arrival_date();
    const std::string token = server_->InviteAndAccept(hr, req);
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GrantConsentResponse granted;
    grpc::Status s = journeys_->GrantConsent(&ctx, {}, &granted);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return token;
  }

  v1::Journey OwnJourney(const std::string& newcomer) {
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer);
    v1::GetJourneyResponse resp;
    grpc::Status s = journeys_->GetJourney(&ctx, {}, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.journey();
  }

  // Deliveries queued for an endpoint, from the outbox itself.
  std::string QueuedFor(const std::string& endpoint_id) {
    return testing::QuerySql(
        *server_, absl::StrCat("SELECT COUNT(*) FROM deliveries WHERE "
                               "endpoint_id = '",
                               endpoint_id, "'"))[0][0];
  }

  Receiver other_;
};

TEST_F(WebhookEventsTest, AnAcceptedMatchReachesTheRegionsExpatCenter) {
  const std::string advisor = server_->Login("advisor");
  const std::string region = server_->Account("advisor").org_id;
  v1::CreateWebhookEndpointResponse hears, deaf;
  ASSERT_TRUE(
      Create(advisor, receiver_.url(), {"match.accepted"}, &hears).ok());
  ASSERT_TRUE(
      Create(advisor, other_.url(), {"checkin.low", "step.overdue"}, &deaf)
          .ok());

  const std::string newcomer =
      ConsentingNewcomer(server_->Login("hr"), "mila.match@example.org", 3);
  const v1::Journey journey = OwnJourney(newcomer);
  const std::string buddy_id = server_->Account("buddy").user_id;
  auto buddies = v1::BuddyService::NewStub(server_->Channel());
  v1::Match proposal, answered;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor);
    v1::OverrideMatchRequest req;
    req.set_newcomer_id(journey.newcomer_id());
    req.set_buddy_id(buddy_id);
    grpc::Status s = buddies->OverrideMatch(&ctx, req, &proposal);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // Proposed is not accepted: nothing yet.
  EXPECT_EQ(QueuedFor(hears.endpoint().id()), "0");
  {
    grpc::ClientContext ctx;
    WithToken(ctx, server_->Login("buddy"));
    v1::AnswerProposalRequest req;
    req.set_match_id(proposal.match_id());
    req.set_accept(true);
    grpc::Status s = buddies->AnswerProposal(&ctx, req, &answered);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  ASSERT_TRUE(receiver_.WaitForCount(1));
  const google::protobuf::Struct data =
      DataOf(receiver_.received()[0], hears.secret(), "match.accepted",
             {"Mila", "Novak", "Lotte"});
  EXPECT_EQ(Field(data, "match_id"), proposal.match_id());
  EXPECT_EQ(Field(data, "newcomer_id"), journey.newcomer_id());
  EXPECT_EQ(Field(data, "buddy_id"), buddy_id);
  EXPECT_EQ(Field(data, "organization_id"), region);
  EXPECT_EQ(data.fields_size(), 4) << receiver_.received()[0].body;
  EXPECT_EQ(QueuedFor(deaf.endpoint().id()), "0");
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(receiver_.received().size(), 1u);
  EXPECT_TRUE(other_.received().empty());
}

TEST_F(WebhookEventsTest, ALowCheckInReachesTheExpatCenterWithoutItsScore) {
  const std::string advisor = server_->Login("advisor");
  const std::string hr = server_->Login("hr");
  v1::CreateWebhookEndpointResponse hears, deaf, employer;
  ASSERT_TRUE(Create(advisor, receiver_.url(), {"checkin.low"}, &hears).ok());
  ASSERT_TRUE(Create(advisor, other_.url(), {"match.accepted"}, &deaf).ok());
  // The employer never sees check-ins, so it is not told either.
  ASSERT_TRUE(Create(hr, other_.url(), {"checkin.low"}, &employer).ok());

  const std::string newcomer =
      ConsentingNewcomer(hr, "mila.checkin@example.org", 35);
  const v1::Journey journey = OwnJourney(newcomer);
  {
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer);
    v1::SubmitCheckInRequest req;
    req.set_day(30);
    req.set_score(2);
    req.set_comment("Finding a house is hard");
    v1::SubmitCheckInResponse resp;
    grpc::Status s = journeys_->SubmitCheckIn(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  ASSERT_TRUE(receiver_.WaitForCount(1));
  const google::protobuf::Struct data =
      DataOf(receiver_.received()[0], hears.secret(), "checkin.low",
             {"Mila", "Novak", "house", "Finding"});
  EXPECT_EQ(Field(data, "journey_id"), journey.id());
  EXPECT_EQ(Field(data, "newcomer_id"), journey.newcomer_id());
  EXPECT_EQ(Field(data, "check_in_day"), "30");
  EXPECT_EQ(Field(data, "organization_id"), server_->Account("advisor").org_id);
  EXPECT_EQ(data.fields_size(), 4) << receiver_.received()[0].body;
  EXPECT_EQ(QueuedFor(deaf.endpoint().id()), "0");
  EXPECT_EQ(QueuedFor(employer.endpoint().id()), "0");
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_TRUE(other_.received().empty());
}

TEST_F(WebhookEventsTest, AJourneyCreatedWithAnArrivalDateTellsTheEmployer) {
  const std::string hr = server_->Login("hr");
  v1::CreateWebhookEndpointResponse hears, deaf;
  ASSERT_TRUE(Create(hr, receiver_.url(), {"newcomer.arrived"}, &hears).ok());
  ASSERT_TRUE(Create(hr, other_.url(), {"step.done"}, &deaf).ok());

  // Accepting the invitation creates the journey, arrival date included.
  const std::string newcomer =
      ConsentingNewcomer(hr, "mila.arrived@example.org", 3);
  const v1::Journey journey = OwnJourney(newcomer);
  const absl::CivilDay arrival = calendar::AmsterdamDay(absl::Now()) - 3;

  ASSERT_TRUE(receiver_.WaitForCount(1));
  const google::protobuf::Struct data =
      DataOf(receiver_.received()[0], hears.secret(), "newcomer.arrived",
             {"Mila", "Novak"});
  EXPECT_EQ(Field(data, "journey_id"), journey.id());
  EXPECT_EQ(Field(data, "newcomer_id"), journey.newcomer_id());
  EXPECT_EQ(Field(data, "arrival_date"), calendar::FormatDate(arrival));
  EXPECT_EQ(Field(data, "organization_id"), server_->Account("hr").org_id);
  EXPECT_EQ(data.fields_size(), 4) << receiver_.received()[0].body;
  EXPECT_EQ(QueuedFor(hears.endpoint().id()), "1");
  EXPECT_EQ(QueuedFor(deaf.endpoint().id()), "0");
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(receiver_.received().size(), 1u);
  EXPECT_TRUE(other_.received().empty());
}

// The reminder job runs on the App's clock: welkomd in-process with a
// FakeClock, the jobs (reminders, then deliveries) run by the test.
class WebhookJobsTest : public InProcessAppTest {
 protected:
  void Configure(AppOptions& options) override {
    options.webhooks_allow_loopback_http = true;
    options.delivery_interval = absl::ZeroDuration();  // only in RunJobs
  }

  Receiver receiver_, other_;
};

TEST_F(WebhookJobsTest, AnOverdueStepReachesTheEmployerWithItsDueDate) {
  const std::string hr = Login("hr");
  auto webhooks = v1::WebhookService::NewStub(channel_);
  v1::CreateWebhookEndpointResponse hears, deaf;
  ASSERT_TRUE(
      CreateEndpoint(*webhooks, hr, receiver_.url(), {"step.overdue"}, &hears)
          .ok());
  ASSERT_TRUE(CreateEndpoint(*webhooks, hr, other_.url(),
                             {"step.done", "newcomer.arrived"}, &deaf)
                  .ok());

  // Monday 10:00 in Amsterdam: the reminder job sends, and the demo
  // journeys have overdue steps; the deliveries go in the same run.
  RunJobs();
  const std::vector<Received> got = receiver_.received();
  ASSERT_FALSE(got.empty());
  for (const Received& r : got) {
    const google::protobuf::Struct data =
        DataOf(r, hears.secret(), "step.overdue", {});
    EXPECT_EQ(Field(data, "organization_id"),
              hears.endpoint().organization_id());
    EXPECT_EQ(data.fields_size(), 5) << r.body;
    // The step is overdue, and due on that date, as the journey says.
    grpc::ClientContext ctx;
    WithToken(ctx, hr);
    v1::GetJourneyRequest req;
    req.set_journey_id(Field(data, "journey_id"));
    v1::GetJourneyResponse resp;
    ASSERT_TRUE(journeys_->GetJourney(&ctx, req, &resp).ok()) << r.body;
    EXPECT_EQ(resp.journey().newcomer_id(), Field(data, "newcomer_id"));
    for (absl::string_view part :
         absl::StrSplit(resp.journey().newcomer_name(), ' ')) {
      EXPECT_THAT(r.body, Not(HasSubstr(std::string(part))));
    }
    bool found = false;
    for (const v1::JourneyStep& step : resp.journey().steps()) {
      if (step.key() != Field(data, "step_key")) continue;
      found = true;
      EXPECT_TRUE(step.overdue()) << step.key();
      EXPECT_EQ(Field(data, "due_date"),
                calendar::FormatDate(absl::CivilDay(step.due_date().year(),
                                                    step.due_date().month(),
                                                    step.due_date().day())));
    }
    EXPECT_TRUE(found) << r.body;
  }
  // The same overdue step is told once; the other endpoint hears nothing.
  RunJobs();
  EXPECT_EQ(receiver_.received().size(), got.size());
  EXPECT_TRUE(other_.received().empty());
}

}  // namespace
}  // namespace welkom
