// Regions are tenants (issue 15 item 3), tried from outside against a real
// welkomd: an admin creates a second Expat Center with its own employer,
// advisor, buddy and a consenting newcomer. Neither region's advisor,
// buddy, HR or newcomer reaches the other's buddies, matches, journeys,
// templates, organisations or events; another region's objects answer
// NOT_FOUND, as if they did not exist, over gRPC and the Connect gateway. A
// sweep over every RPC of the contract, generated from the .proto files,
// calls each as every role of the second region with the first region's
// ids and checks that nothing of the first region comes back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/time_util.h"
#include "tests/integration/extra_members.h"
#include "tests/support/raw_call.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/event.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"
#include "welkom/v1/template.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::WelkomdProcess;
using testing::WithToken;

namespace pb = google::protobuf;

// Calls `method` of `stub` with `token`.
template <typename Stub, typename Req, typename Resp>
grpc::Status Call(Stub* stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                               Resp*),
                  const std::string& token, const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  return (stub->*method)(&ctx, req, resp);
}

class RegionIsolationTest : public ::testing::Test {
 protected:
  using Identity = v1::IdentityService::Stub;
  using Journeys = v1::JourneyService::Stub;
  using Buddies = v1::BuddyService::Stub;
  using Events = v1::EventService::Stub;

  void SetUp() override {
    server_ = WelkomdProcess::Start();
    identity_ = v1::IdentityService::NewStub(server_->Channel());
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    buddies_ = v1::BuddyService::NewStub(server_->Channel());
    events_ = v1::EventService::NewStub(server_->Channel());
    templates_ = v1::TemplateService::NewStub(server_->Channel());

    // The first region: the demo.
    advisor1_ = server_->Login("advisor");
    newcomer1_id_ = server_->Account("newcomer").user_id;
    buddy1_id_ = server_->Account("buddy").user_id;
    employer1_id_ = server_->Account("newcomer").org_id;
    v1::GetJourneyResponse j1;
    ASSERT_TRUE(Call(journeys_.get(), &Journeys::GetJourney,
                     server_->Login("newcomer"), v1::GetJourneyRequest(), &j1)
                    .ok());
    journey1_id_ = j1.journey().id();
    v1::ListMatchesResponse m1;
    ASSERT_TRUE(Call(buddies_.get(), &Buddies::ListMatches, advisor1_,
                     v1::ListMatchesRequest(), &m1)
                    .ok());
    ASSERT_GT(m1.matches_size(), 0);
    match1_id_ = m1.matches(0).match_id();

    // The second region, made through the API as an operator would.
    const std::string admin = server_->Login("admin");
    v1::CreateOrganizationRequest center;
    center.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_EXPAT_CENTER);
    center.mutable_organization()->set_name("Expat Center IJsselland (test)");
    v1::CreateOrganizationResponse made;
    grpc::Status s = Call(identity_.get(), &Identity::CreateOrganization, admin,
                          center, &made);
    ASSERT_TRUE(s.ok()) << s.error_message();
    center2_id_ = made.organization().id();
    EXPECT_EQ(made.organization().region_id(), center2_id_);

    // With two Expat Centers an employer must name its region.
    v1::CreateOrganizationRequest employer;
    employer.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_EMPLOYER);
    employer.mutable_organization()->set_name("Zwolle Robotics (test)");
    EXPECT_EQ(Call(identity_.get(), &Identity::CreateOrganization, admin,
                   employer, &made)
                  .error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    employer.mutable_organization()->set_region_id(center2_id_);
    s = Call(identity_.get(), &Identity::CreateOrganization, admin, employer,
             &made);
    ASSERT_TRUE(s.ok()) << s.error_message();
    employer2_id_ = made.organization().id();
    EXPECT_EQ(made.organization().region_id(), center2_id_);

    v1::CreateInvitationRequest invite;
    invite.set_organization_id(center2_id_);
    invite.set_role(v1::ROLE_ADVISOR);
    invite.set_email("advisor2@ijsselland.example");
    invite.set_display_name("Ilse Advisor");
    advisor2_ = server_->InviteAndAccept(admin, invite);
    ASSERT_FALSE(advisor2_.empty());
    invite.set_role(v1::ROLE_BUDDY);
    invite.set_email("buddy2@ijsselland.example");
    invite.set_display_name("Bas Buddy");
    buddy2_ = server_->InviteAndAccept(advisor2_, invite);
    ASSERT_FALSE(buddy2_.empty());
    buddy2_id_ = WhoAmI(buddy2_);
    invite.set_organization_id(employer2_id_);
    invite.set_role(v1::ROLE_HR);
    invite.set_email("hr2@zwolle-robotics.example");
    invite.set_display_name("Hanna HR");
    hr2_ = server_->InviteAndAccept(admin, invite);
    ASSERT_FALSE(hr2_.empty());
    invite.set_role(v1::ROLE_NEWCOMER);
    invite.set_email("newcomer2@zwolle-robotics.example");
    invite.set_display_name("Nadia Newcomer");
    v1::NewcomerProfile* p = invite.mutable_newcomer_profile();
    p->set_eu_citizen(true);
    p->set_permit_type(v1::PERMIT_TYPE_NONE);
    p->set_stay_months(24);
    p->set_occupation(v1::OCCUPATION_PROFESSIONAL);
    p->set_municipality("enschede");
    p->mutable_arrival_date()->set_year(2026);
    p->mutable_arrival_date()->set_month(9);
    p->mutable_arrival_date()->set_day(1);
    p->mutable_start_date()->set_year(2026);
    p->mutable_start_date()->set_month(9);
    p->mutable_start_date()->set_day(7);
    newcomer2_ = server_->InviteAndAccept(hr2_, invite);
    ASSERT_FALSE(newcomer2_.empty());
    newcomer2_id_ = WhoAmI(newcomer2_);
    v1::GrantConsentResponse granted;
    s = Call(journeys_.get(), &Journeys::GrantConsent, newcomer2_,
             v1::GrantConsentRequest(), &granted);
    ASSERT_TRUE(s.ok()) << s.error_message();
    journey2_id_ = granted.journey().id();
  }

  std::string WhoAmI(const std::string& token) {
    v1::WhoAmIResponse me;
    EXPECT_TRUE(Call(identity_.get(), &Identity::WhoAmI, token,
                     v1::WhoAmIRequest(), &me)
                    .ok());
    return me.member().id();
  }

  std::vector<std::string> BuddyIds(const std::string& token) {
    v1::ListBuddiesRequest req;
    req.set_page_size(100);
    v1::ListBuddiesResponse resp;
    grpc::Status s =
        Call(buddies_.get(), &Buddies::ListBuddies, token, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> ids;
    for (const auto& b : resp.buddies()) ids.push_back(b.buddy_id());
    return ids;
  }

  std::vector<std::string> JourneyIds(const std::string& token) {
    v1::ListJourneysRequest req;
    req.set_page_size(500);
    v1::ListJourneysResponse resp;
    grpc::Status s =
        Call(journeys_.get(), &Journeys::ListJourneys, token, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> ids;
    for (const auto& j : resp.journeys()) ids.push_back(j.id());
    return ids;
  }

  grpc::StatusCode GetJourney(const std::string& token, const std::string& id) {
    v1::GetJourneyRequest req;
    req.set_journey_id(id);
    v1::GetJourneyResponse resp;
    return Call(journeys_.get(), &Journeys::GetJourney, token, req, &resp)
        .error_code();
  }

  grpc::StatusCode Override(const std::string& token,
                            const std::string& newcomer,
                            const std::string& buddy) {
    v1::OverrideMatchRequest req;
    req.set_newcomer_id(newcomer);
    req.set_buddy_id(buddy);
    v1::Match resp;
    return Call(buddies_.get(), &Buddies::OverrideMatch, token, req, &resp)
        .error_code();
  }

  std::string EveryoneEvent(const std::string& token) {
    v1::CreateEventRequest req;
    v1::Event* e = req.mutable_event();
    e->mutable_title()->set_en("Welcome drinks");
    e->mutable_title()->set_nl("Welkomstborrel");
    int64_t start = absl::ToUnixSeconds(absl::Now() + absl::Hours(50));
    *e->mutable_start_time() = pb::util::TimeUtil::SecondsToTimestamp(start);
    *e->mutable_end_time() =
        pb::util::TimeUtil::SecondsToTimestamp(start + 3600);
    e->set_venue("Stadhuis");
    e->set_municipality("enschede");
    e->set_capacity(30);
    e->set_audience(v1::EVENT_AUDIENCE_EVERYONE);
    v1::CreateEventResponse resp;
    grpc::Status s =
        Call(events_.get(), &Events::CreateEvent, token, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.event().id();
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::unique_ptr<v1::BuddyService::Stub> buddies_;
  std::unique_ptr<v1::EventService::Stub> events_;
  std::unique_ptr<v1::TemplateService::Stub> templates_;
  std::string advisor1_, newcomer1_id_, buddy1_id_, employer1_id_;
  std::string journey1_id_, match1_id_;
  std::string center2_id_, employer2_id_;
  std::string advisor2_, buddy2_, buddy2_id_, hr2_, newcomer2_;
  std::string newcomer2_id_, journey2_id_;
};

TEST_F(RegionIsolationTest, EachAdvisorListsOnlyItsOwnRegionsBuddyPool) {
  std::vector<std::string> pool2 = BuddyIds(advisor2_);
  EXPECT_EQ(pool2, std::vector<std::string>{buddy2_id_});
  std::vector<std::string> pool1 = BuddyIds(advisor1_);
  EXPECT_THAT(pool1, Contains(buddy1_id_));
  EXPECT_THAT(pool1, Not(Contains(buddy2_id_)));
}

TEST_F(RegionIsolationTest, AnotherRegionsMatchesAreNotFound) {
  v1::ListMatchesResponse listed;
  ASSERT_TRUE(Call(buddies_.get(), &Buddies::ListMatches, advisor2_,
                   v1::ListMatchesRequest(), &listed)
                  .ok());
  for (const auto& m : listed.matches()) {
    EXPECT_NE(m.match_id(), match1_id_);
    EXPECT_NE(m.newcomer_id(), newcomer1_id_);
    EXPECT_NE(m.buddy_id(), buddy1_id_);
  }
  v1::AnswerProposalRequest answer;
  answer.set_match_id(match1_id_);
  answer.set_accept(false);
  v1::Match out;
  EXPECT_EQ(
      Call(buddies_.get(), &Buddies::AnswerProposal, advisor2_, answer, &out)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  v1::RequestRematchRequest rematch;
  rematch.set_match_id(match1_id_);
  EXPECT_EQ(
      Call(buddies_.get(), &Buddies::RequestRematch, advisor2_, rematch, &out)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegionIsolationTest, OverrideMatchReachesOnlyTheAdvisorsOwnRegion) {
  EXPECT_EQ(Override(advisor2_, newcomer1_id_, buddy1_id_),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Override(advisor2_, newcomer2_id_, buddy1_id_),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Override(advisor2_, newcomer1_id_, buddy2_id_),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Override(advisor1_, newcomer2_id_, buddy1_id_),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Override(advisor1_, newcomer1_id_, buddy2_id_),
            grpc::StatusCode::NOT_FOUND);
  // Within its own region it works.
  EXPECT_EQ(Override(advisor2_, newcomer2_id_, buddy2_id_),
            grpc::StatusCode::OK);
}

TEST_F(RegionIsolationTest, JourneysConsentedToOneRegionAreNotFoundInAnother) {
  EXPECT_EQ(GetJourney(advisor2_, journey1_id_), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetJourney(advisor1_, journey2_id_), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetJourney(advisor2_, journey2_id_), grpc::StatusCode::OK);
  EXPECT_EQ(GetJourney(advisor1_, journey1_id_), grpc::StatusCode::OK);
  std::vector<std::string> listed2 = JourneyIds(advisor2_);
  EXPECT_THAT(listed2, Contains(journey2_id_));
  EXPECT_THAT(listed2, Not(Contains(journey1_id_)));
  EXPECT_THAT(JourneyIds(advisor1_), Not(Contains(journey2_id_)));

  v1::ListOverdueRequest overdue;
  overdue.set_page_size(500);
  v1::ListOverdueResponse late;
  ASSERT_TRUE(
      Call(journeys_.get(), &Journeys::ListOverdue, advisor2_, overdue, &late)
          .ok());
  for (const auto& s : late.steps()) EXPECT_NE(s.journey_id(), journey1_id_);

  v1::UpdateStepRequest step;
  step.set_journey_id(journey1_id_);
  step.set_step_key("expat_center_welcome");
  step.set_set_note(true);
  step.set_note("x");
  v1::UpdateStepResponse changed;
  EXPECT_EQ(
      Call(journeys_.get(), &Journeys::UpdateStep, advisor2_, step, &changed)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  v1::CreateJourneyRequest create;
  create.set_newcomer_id(newcomer1_id_);
  v1::CreateJourneyResponse created;
  EXPECT_EQ(Call(journeys_.get(), &Journeys::CreateJourney, advisor2_, create,
                 &created)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegionIsolationTest, AnotherRegionsEmployersAndTemplatesAreNotFound) {
  v1::GetTemplateRequest get;
  get.set_employer_org_id(employer1_id_);
  v1::GetTemplateResponse got;
  EXPECT_EQ(Call(templates_.get(), &v1::TemplateService::Stub::GetTemplate,
                 advisor2_, get, &got)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_employer_org_id(employer2_id_);
  EXPECT_EQ(Call(templates_.get(), &v1::TemplateService::Stub::GetTemplate,
                 advisor1_, get, &got)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::ListOrganizationsRequest list;
  list.set_page_size(500);
  v1::ListOrganizationsResponse orgs;
  ASSERT_TRUE(Call(identity_.get(), &Identity::ListOrganizations, advisor2_,
                   list, &orgs)
                  .ok());
  std::vector<std::string> ids;
  for (const auto& o : orgs.organizations()) {
    ids.push_back(o.id());
    EXPECT_EQ(o.region_id(), center2_id_);
  }
  EXPECT_THAT(ids, Contains(employer2_id_));
  EXPECT_THAT(ids, Not(Contains(employer1_id_)));

  // Inviting into another region's employer: as if it did not exist.
  v1::CreateInvitationRequest invite;
  invite.set_organization_id(employer1_id_);
  invite.set_role(v1::ROLE_NEWCOMER);
  invite.set_email("someone@example.org");
  invite.set_display_name("Someone");
  v1::CreateInvitationResponse invited;
  EXPECT_EQ(Call(identity_.get(), &Identity::CreateInvitation, advisor2_,
                 invite, &invited)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegionIsolationTest, AnotherRegionsEventsAreNotFoundForEveryRole) {
  const std::string event1 = EveryoneEvent(advisor1_);
  for (const std::string& token : {advisor2_, hr2_, newcomer2_, buddy2_}) {
    v1::GetEventRequest get;
    get.set_event_id(event1);
    v1::GetEventResponse got;
    EXPECT_EQ(
        Call(events_.get(), &Events::GetEvent, token, get, &got).error_code(),
        grpc::StatusCode::NOT_FOUND);
    v1::ListEventsRequest list;
    list.set_page_size(100);
    v1::ListEventsResponse listed;
    ASSERT_TRUE(
        Call(events_.get(), &Events::ListEvents, token, list, &listed).ok());
    for (const auto& e : listed.events()) EXPECT_NE(e.id(), event1);
  }
  for (const std::string& token : {newcomer2_, buddy2_}) {
    v1::CreateRsvpRequest rsvp;
    rsvp.set_event_id(event1);
    v1::CreateRsvpResponse joined;
    EXPECT_EQ(Call(events_.get(), &Events::CreateRsvp, token, rsvp, &joined)
                  .error_code(),
              grpc::StatusCode::NOT_FOUND);
    v1::CancelRsvpRequest cancel;
    cancel.set_event_id(event1);
    v1::CancelRsvpResponse cancelled;
    EXPECT_EQ(
        Call(events_.get(), &Events::CancelRsvp, token, cancel, &cancelled)
            .error_code(),
        grpc::StatusCode::NOT_FOUND);
  }
  v1::CancelEventRequest cancel_event;
  cancel_event.set_event_id(event1);
  v1::CancelEventResponse cancelled;
  EXPECT_EQ(Call(events_.get(), &Events::CancelEvent, advisor2_, cancel_event,
                 &cancelled)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  // An event for another region's employer: as for a made-up employer.
  v1::CreateEventRequest for_employer;
  v1::Event* e = for_employer.mutable_event();
  e->mutable_title()->set_en("Lunch");
  e->mutable_title()->set_nl("Lunch");
  int64_t start = absl::ToUnixSeconds(absl::Now() + absl::Hours(60));
  *e->mutable_start_time() = pb::util::TimeUtil::SecondsToTimestamp(start);
  *e->mutable_end_time() = pb::util::TimeUtil::SecondsToTimestamp(start + 60);
  e->set_venue("Canteen");
  e->set_municipality("enschede");
  e->set_capacity(5);
  e->set_audience(v1::EVENT_AUDIENCE_EMPLOYER);
  e->set_employer_id(employer1_id_);
  v1::CreateEventResponse made;
  grpc::Status other =
      Call(events_.get(), &Events::CreateEvent, advisor2_, for_employer, &made);
  e->set_employer_id("org_made_up");
  grpc::Status made_up =
      Call(events_.get(), &Events::CreateEvent, advisor2_, for_employer, &made);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(other.error_code(), made_up.error_code());
  EXPECT_EQ(other.error_message(), made_up.error_message());
}

TEST_F(RegionIsolationTest, TheConnectGatewayKeepsRegionsApartToo) {
  httplib::Client http("127.0.0.1", server_->http_port());
  httplib::Headers auth = {{"Authorization", "Bearer " + advisor2_}};
  auto buddies = http.Post("/welkom.v1.BuddyService/ListBuddies", auth, "{}",
                           "application/json");
  ASSERT_TRUE(buddies);
  EXPECT_EQ(buddies->status, 200);
  EXPECT_THAT(buddies->body, HasSubstr(buddy2_id_));
  EXPECT_THAT(buddies->body, Not(HasSubstr(buddy1_id_)));
  auto matches = http.Post("/welkom.v1.BuddyService/ListMatches", auth, "{}",
                           "application/json");
  ASSERT_TRUE(matches);
  EXPECT_EQ(matches->status, 200);
  EXPECT_THAT(matches->body, Not(HasSubstr(match1_id_)));
  auto journey =
      http.Post("/welkom.v1.JourneyService/GetJourney", auth,
                absl::StrCat(R"({"journeyId":")", journey1_id_, R"("})"),
                "application/json");
  ASSERT_TRUE(journey);
  EXPECT_EQ(journey->status, 404);
  EXPECT_THAT(journey->body, HasSubstr("not_found"));
  auto journeys = http.Post("/welkom.v1.JourneyService/ListJourneys", auth,
                            "{}", "application/json");
  ASSERT_TRUE(journeys);
  EXPECT_EQ(journeys->status, 200);
  EXPECT_THAT(journeys->body, HasSubstr(journey2_id_));
  EXPECT_THAT(journeys->body, Not(HasSubstr(journey1_id_)));
}

// Every RPC of the contract (read from the .proto files, so a new RPC is
// swept without editing this test), called as every role of the second
// region with the first region's ids in every id field it has: no answer
// carries anything of the first region, and a call about one of its objects
// never succeeds.
TEST_F(RegionIsolationTest, EveryRpcAsEveryRoleOfAnotherRegionRevealsNothing) {
  const std::string event1 = EveryoneEvent(advisor1_);
  const std::vector<std::pair<std::string, std::string>> ids = {
      {"journey_id", journey1_id_},       {"newcomer_id", newcomer1_id_},
      {"buddy_id", buddy1_id_},           {"match_id", match1_id_},
      {"employer_org_id", employer1_id_}, {"employer_id", employer1_id_},
      {"organization_id", employer1_id_}, {"event_id", event1},
      {"member_id", newcomer1_id_},
  };
  const std::vector<std::string> secrets = {
      journey1_id_, newcomer1_id_, buddy1_id_, match1_id_, employer1_id_,
      event1,       "Priya",       "Lotte",    "Kanaal"};
  const std::vector<std::pair<std::string, std::string>> roles = {
      {"advisor", advisor2_},
      {"hr", hr2_},
      {"newcomer", newcomer2_},
      {"buddy", buddy2_}};
  std::vector<std::string> methods =
      testing::AllContractMethods(WELKOM_PROTO_DIR);
  ASSERT_GT(methods.size(), 50u);
  int with_ids = 0;
  for (const std::string& method : methods) {
    // "/welkom.v1.JourneyService/GetJourney" -> its descriptor.
    std::string full = method.substr(1);
    std::replace(full.begin(), full.end(), '/', '.');
    const pb::MethodDescriptor* md =
        pb::DescriptorPool::generated_pool()->FindMethodByName(full);
    ASSERT_NE(md, nullptr) << method;
    std::unique_ptr<pb::Message> req(pb::MessageFactory::generated_factory()
                                         ->GetPrototype(md->input_type())
                                         ->New());
    bool has_id = false;
    for (const auto& [field, value] : ids) {
      const pb::FieldDescriptor* f = md->input_type()->FindFieldByName(field);
      if (f == nullptr || f->type() != pb::FieldDescriptor::TYPE_STRING) {
        continue;
      }
      if (f->is_repeated()) {
        req->GetReflection()->AddString(req.get(), f, value);
      } else {
        req->GetReflection()->SetString(req.get(), f, value);
      }
      has_id = true;
    }
    with_ids += has_id ? 1 : 0;
    for (const auto& [role, token] : roles) {
      SCOPED_TRACE(absl::StrCat(method, " as ", role));
      testing::RawResult r =
          testing::CallRaw(server_->Channel(), method, req->SerializeAsString(),
                           token, md->server_streaming() ? 1500 : 5000);
      for (const std::string& bytes : r.responses) {
        for (const std::string& secret : secrets) {
          EXPECT_FALSE(absl::StrContains(bytes, secret)) << "leaks " << secret;
        }
      }
      if (has_id) {
        EXPECT_FALSE(r.status.ok()) << "answered OK about another region";
        EXPECT_NE(r.status.error_code(), grpc::StatusCode::INTERNAL)
            << r.status.error_message();
      }
    }
  }
  EXPECT_GE(with_ids, 15);
}

}  // namespace
}  // namespace welkom
