// TemplateService and CatalogueService over gRPC against a real welkomd with
// the demo region: employer templates (versions, etags, legal steps that
// cannot be removed, tenant isolation) and advisors' catalogue edits, and
// how both plan new journeys while existing ones keep their versions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "tests/support/welkomd_process.h"
#include "welkom/v1/calendar.grpc.pb.h"
#include "welkom/v1/catalogue_service.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"
#include "welkom/v1/template.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WelkomdProcess;
using testing::WithToken;

const v1::JourneyStep* FindStep(const v1::Journey& j, const std::string& key) {
  for (const auto& s : j.steps()) {
    if (s.key() == key) return &s;
  }
  return nullptr;
}

v1::CompanyStep LaptopStep() {
  v1::CompanyStep s;
  s.set_key("company_laptop_pickup");
  s.set_owner(v1::STEP_OWNER_NEWCOMER);
  s.set_anchor(v1::ANCHOR_START_OF_WORK);
  s.set_offset_days(2);
  s.add_depends_on("bsn_received");
  s.mutable_title()->set_en("Pick up your laptop at the service desk");
  s.mutable_title()->set_nl("Haal je laptop op bij de servicedesk");
  return s;
}

class TemplateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    templates_ = v1::TemplateService::NewStub(server_->Channel());
    catalogue_ = v1::CatalogueService::NewStub(server_->Channel());
    hr_ = server_->Login("hr");
    advisor_ = server_->Login("advisor");
  }

  grpc::Status Save(const std::string& token, v1::SaveTemplateRequest req,
                    v1::EmployerTemplate* out = nullptr) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::SaveTemplateResponse resp;
    grpc::Status s = templates_->SaveTemplate(&ctx, req, &resp);
    if (out != nullptr) *out = resp.template_();
    return s;
  }

  grpc::Status GetTemplate(const std::string& token, const std::string& org,
                           v1::EmployerTemplate* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetTemplateRequest req;
    req.set_employer_org_id(org);
    v1::GetTemplateResponse resp;
    grpc::Status s = templates_->GetTemplate(&ctx, req, &resp);
    *out = resp.template_();
    return s;
  }

  // Invites an EU professional (arrival 2026-09-01, start 2026-09-07) as
  // the demo SME's HR, accepts, and returns the newcomer's journey.
  v1::Journey NewJourney(const std::string& email) {
    v1::NewcomerProfile p;
    p.set_eu_citizen(true);
    p.set_permit_type(v1::PERMIT_TYPE_NONE);
    p.set_stay_months(24);
    p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
    p.mutable_arrival_date()->set_year(2026);
    p.mutable_arrival_date()->set_month(9);
    p.mutable_arrival_date()->set_day(1);
    *p.mutable_start_date() = p.arrival_date();
    p.mutable_start_date()->set_day(7);
    v1::CreateInvitationRequest invitation;
    invitation.set_role(v1::ROLE_NEWCOMER);
    invitation.set_email(email);
    invitation.set_display_name("Jonas Weber");
    *invitation.mutable_newcomer_profile() = p;
    newcomer_token_ = server_->InviteAndAccept(hr_, invitation);
    grpc::ClientContext ctx3;
    WithToken(ctx3, newcomer_token_);
    v1::GetJourneyResponse resp;
    grpc::Status s = journeys_->GetJourney(&ctx3, {}, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.journey();
  }

  v1::StepCatalogue Catalogue(int version = 0) {
    grpc::ClientContext ctx;
    WithToken(ctx, hr_);
    v1::GetCatalogueRequest req;
    req.set_version(version);
    v1::GetCatalogueResponse resp;
    grpc::Status s = catalogue_->GetCatalogue(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.catalogue();
  }

  grpc::Status EditCatalogue(const std::string& token,
                             v1::UpdateCatalogueStepRequest req,
                             v1::StepCatalogue* out = nullptr) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::UpdateCatalogueStepResponse resp;
    grpc::Status s = catalogue_->UpdateCatalogueStep(&ctx, req, &resp);
    if (out != nullptr) *out = resp.catalogue();
    return s;
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::unique_ptr<v1::TemplateService::Stub> templates_;
  std::unique_ptr<v1::CatalogueService::Stub> catalogue_;
  std::string hr_;
  std::string advisor_;
  std::string newcomer_token_;
};

TEST_F(TemplateTest, CompanyStepsJoinNewJourneysWithDueDatesAndPrerequisites) {
  v1::SaveTemplateRequest req;
  *req.add_steps() = LaptopStep();
  v1::EmployerTemplate saved;
  grpc::Status s = Save(hr_, req, &saved);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(saved.version(), 1);
  EXPECT_EQ(saved.etag(), "1");
  EXPECT_EQ(saved.employer_org_id(), server_->Account("hr").org_id);

  v1::Journey j = NewJourney("laptop@example.org");
  const v1::JourneyStep* laptop = FindStep(j, "company_laptop_pickup");
  ASSERT_NE(laptop, nullptr);
  EXPECT_TRUE(laptop->employer_step());
  EXPECT_FALSE(FindStep(j, "brp_registration")->employer_step());
  EXPECT_EQ(laptop->title(), "Pick up your laptop at the service desk");
  EXPECT_EQ(laptop->due_date().day(), 9);  // start 7 Sept + 2
  EXPECT_EQ(laptop->category(), v1::STEP_CATEGORY_WORK);

  // Its prerequisite among the regional steps is enforced.
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer_token_);
  v1::UpdateStepRequest done;
  done.set_step_key("company_laptop_pickup");
  done.set_status(v1::STEP_STATUS_DONE);
  v1::UpdateStepResponse resp;
  s = journeys_->UpdateStep(&ctx, done, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("bsn_received"));
}

// Issue 14: the calendar feed read its deadlines' titles from the catalogue
// shipped in welkomd, so company steps showed as bare keys and advisors'
// edits were missing. It reads the journey's own definitions.
TEST_F(TemplateTest, CalendarFeedTitlesCompanyStepsAndAdvisorsEdits) {
  v1::SaveTemplateRequest req;
  *req.add_steps() = LaptopStep();
  ASSERT_TRUE(Save(hr_, req).ok());
  v1::UpdateCatalogueStepRequest edit;
  edit.set_step_key("brp_registration");
  edit.mutable_title()->set_en(
      "Register at the town hall of your municipality");
  edit.mutable_title()->set_nl("Inschrijven bij het gemeentehuis");
  edit.set_expected_version(Catalogue().version());
  grpc::Status edited = EditCatalogue(advisor_, edit);
  ASSERT_TRUE(edited.ok()) << edited.error_message();
  NewJourney("feed@example.org");

  auto calendar = v1::CalendarService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, newcomer_token_);
  v1::RenewCalendarFeedResponse feed;
  grpc::Status s = calendar->RenewCalendarFeed(&ctx, {}, &feed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  httplib::Client http("127.0.0.1", server_->http_port());
  httplib::Result res = http.Get(feed.path());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  // Unfolded (RFC 5545 3.1) before searching.
  std::string body = res->body;
  for (size_t at; (at = body.find("\r\n ")) != std::string::npos;) {
    body.erase(at, 3);
  }
  EXPECT_NE(body.find("SUMMARY:Due: Pick up your laptop at the service desk"),
            std::string::npos);
  EXPECT_NE(
      body.find("SUMMARY:Due: Register at the town hall of your municipality"),
      std::string::npos);
}

TEST_F(TemplateTest, EverySaveIsANewVersionAndAStaleEtagIsAborted) {
  v1::SaveTemplateRequest req;
  *req.add_steps() = LaptopStep();
  ASSERT_TRUE(Save(hr_, req).ok());
  // Saving again without the etag of version 1 would overwrite it unseen.
  EXPECT_EQ(Save(hr_, req).error_code(), grpc::StatusCode::ABORTED);
  req.set_etag("1");
  req.add_omitted_steps("first_week_checkin");
  v1::EmployerTemplate second;
  ASSERT_TRUE(Save(hr_, req, &second).ok());
  EXPECT_EQ(second.version(), 2);
  // A writer still holding version 1 is stale now.
  EXPECT_EQ(Save(hr_, req).error_code(), grpc::StatusCode::ABORTED);

  grpc::ClientContext ctx;
  WithToken(ctx, hr_);
  v1::ListTemplateVersionsResponse versions;
  ASSERT_TRUE(templates_->ListTemplateVersions(&ctx, {}, &versions).ok());
  ASSERT_EQ(versions.versions_size(), 2);
  EXPECT_EQ(versions.versions(0).version(), 2);
  EXPECT_EQ(versions.versions(1).version(), 1);

  // The same request_id replays the first answer instead of saving again.
  req.set_etag("2");
  req.set_request_id("save-3");
  v1::EmployerTemplate third, replay;
  ASSERT_TRUE(Save(hr_, req, &third).ok());
  ASSERT_TRUE(Save(hr_, req, &replay).ok());
  EXPECT_EQ(third.version(), 3);
  EXPECT_EQ(replay.version(), 3);
}

TEST_F(TemplateTest,
       ExistingJourneysKeepTheTemplateVersionTheyWerePlannedWith) {
  v1::SaveTemplateRequest req;
  *req.add_steps() = LaptopStep();
  ASSERT_TRUE(Save(hr_, req).ok());
  v1::Journey before = NewJourney("before@example.org");

  req.clear_steps();
  req.set_etag("1");
  req.add_omitted_steps("first_week_checkin");
  ASSERT_TRUE(Save(hr_, req).ok());
  v1::Journey after = NewJourney("after@example.org");

  EXPECT_NE(FindStep(before, "company_laptop_pickup"), nullptr);
  EXPECT_NE(FindStep(before, "first_week_checkin"), nullptr);
  EXPECT_EQ(FindStep(after, "company_laptop_pickup"), nullptr);
  EXPECT_EQ(FindStep(after, "first_week_checkin"), nullptr);
  // Read again later, the earlier journey still shows its company step.
  grpc::ClientContext ctx;
  WithToken(ctx, hr_);
  v1::GetJourneyRequest get;
  get.set_journey_id(before.id());
  v1::GetJourneyResponse again;
  ASSERT_TRUE(journeys_->GetJourney(&ctx, get, &again).ok());
  const v1::JourneyStep* laptop =
      FindStep(again.journey(), "company_laptop_pickup");
  ASSERT_NE(laptop, nullptr);
  EXPECT_EQ(laptop->title(), "Pick up your laptop at the service desk");
}

TEST_F(TemplateTest, EmployersCannotRemoveOrChangeRegionalLegalSteps) {
  v1::SaveTemplateRequest req;
  req.add_omitted_steps("brp_registration");
  grpc::Status s = Save(hr_, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("brp_registration"));

  req.clear_omitted_steps();
  v1::CompanyStep redefined = LaptopStep();
  redefined.set_key("thirty_percent_ruling");
  *req.add_steps() = redefined;
  s = Save(hr_, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("thirty_percent_ruling"));

  req.mutable_steps(0)->set_key("laptop");
  s = Save(hr_, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("steps[0].key"));

  req.mutable_steps(0)->set_key("company_laptop");
  req.mutable_steps(0)->set_owner(v1::STEP_OWNER_ADVISOR);
  s = Save(hr_, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("steps[0].owner"));

  req.mutable_steps(0)->set_owner(v1::STEP_OWNER_HR);
  req.mutable_steps(0)->add_depends_on("company_laptop");
  s = Save(hr_, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("cycle"));

  // Nothing was saved by any of these.
  v1::EmployerTemplate current;
  ASSERT_TRUE(GetTemplate(hr_, "", &current).ok());
  EXPECT_EQ(current.version(), 0);
}

TEST_F(TemplateTest, HrSeesOnlyItsOwnTemplateAndAdvisorsOnlyRead) {
  v1::SaveTemplateRequest req;
  *req.add_steps() = LaptopStep();
  ASSERT_TRUE(Save(hr_, req).ok());
  const std::string sme = server_->Account("hr", 0).org_id;
  std::string other_hr = server_->Login("hr", 1);
  v1::EmployerTemplate seen;
  EXPECT_EQ(GetTemplate(other_hr, sme, &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  req.set_employer_org_id(sme);
  req.set_etag("1");
  EXPECT_EQ(Save(other_hr, req).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(GetTemplate(other_hr, "", &seen).ok());
  EXPECT_EQ(seen.version(), 0);  // its own employer has none

  ASSERT_TRUE(GetTemplate(advisor_, sme, &seen).ok());
  EXPECT_EQ(seen.steps_size(), 1);
  EXPECT_EQ(Save(advisor_, req).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // An organisation that is not an employer has no template.
  EXPECT_EQ(GetTemplate(advisor_, server_->Account("advisor").org_id, &seen)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(TemplateTest, AdvisorsCatalogueEditPlansNewJourneysOnly) {
  v1::StepCatalogue shipped = Catalogue();
  // The shipped file's version (2 since issue 16's calendar-month terms).
  const int base = shipped.version();
  EXPECT_GE(base, 2);
  EXPECT_GE(shipped.steps_size(), 20);
  v1::Journey before = NewJourney("cat-before@example.org");

  v1::UpdateCatalogueStepRequest edit;
  edit.set_step_key("brp_registration");
  edit.set_offset_days(7);
  edit.set_legal_source_url("https://www.enschede.nl/inschrijven");
  edit.set_expected_version(base);
  v1::StepCatalogue edited;
  grpc::Status s = EditCatalogue(advisor_, edit, &edited);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(edited.version(), base + 1);
  EXPECT_EQ(Catalogue().version(), base + 1);
  EXPECT_EQ(Catalogue(base).version(), base);

  v1::Journey after = NewJourney("cat-after@example.org");
  // Arrival Tuesday 1 September 2026: + 5 days is Sunday the 6th, which the
  // Algemene termijnenwet (art. 1) moves to Monday 7 September (updated for
  // issue 16); + 7 days is Tuesday 8 September, a working day.
  EXPECT_EQ(FindStep(before, "brp_registration")->due_date().day(), 7);
  EXPECT_EQ(FindStep(after, "brp_registration")->due_date().day(), 8);
  EXPECT_EQ(FindStep(after, "brp_registration")->legal().source_url(),
            "https://www.enschede.nl/inschrijven");

  // Stale, unauthorised and invalid edits change nothing.
  EXPECT_EQ(EditCatalogue(advisor_, edit).error_code(),
            grpc::StatusCode::ABORTED);
  edit.set_expected_version(base + 1);
  EXPECT_EQ(EditCatalogue(hr_, edit).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  edit.set_legal_source_url("http://insecure.example");
  s = EditCatalogue(advisor_, edit);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("https"));
  edit.clear_legal_source_url();
  edit.set_step_key("bank_account");
  edit.mutable_legal_rule()->set_en("A rule");
  EXPECT_EQ(EditCatalogue(advisor_, edit).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Catalogue().version(), base + 1);
}

TEST_F(TemplateTest, CatalogueEditsSurviveARestart) {
  v1::UpdateCatalogueStepRequest edit;
  edit.set_step_key("gp_registration");
  edit.mutable_title()->set_en("Register with a GP (huisarts)");
  edit.mutable_title()->set_nl("Inschrijven bij een huisarts");
  const int base = Catalogue().version();
  edit.set_expected_version(base);
  ASSERT_TRUE(EditCatalogue(advisor_, edit).ok());
  ASSERT_EQ(server_->Stop(), 0);
  WelkomdProcess::Options again;
  again.dir = server_->dir();
  auto restarted = WelkomdProcess::Start(again);
  auto stub = v1::CatalogueService::NewStub(restarted->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, restarted->Login("hr"));
  v1::GetCatalogueResponse resp;
  ASSERT_TRUE(stub->GetCatalogue(&ctx, {}, &resp).ok());
  EXPECT_EQ(resp.catalogue().version(), base + 1);
  bool found = false;
  for (const auto& s : resp.catalogue().steps()) {
    if (s.key() != "gp_registration") continue;
    found = true;
    EXPECT_EQ(s.title().en(), "Register with a GP (huisarts)");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace welkom
