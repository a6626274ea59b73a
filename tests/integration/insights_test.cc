// InsightsService over gRPC against a real welkomd with the demo region:
// who may read the Observatory, k >= 5 suppression end to end, and the CSV.
// Newcomers are added in Tubbergen and Dinkelland, where the demo region
// has none, so their groups hold exactly what the test made.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/catalogue_service.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/insights.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::WelkomdProcess;
using testing::WithToken;

v1::Date DaysAgo(int days) {
  absl::TimeZone amsterdam;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &amsterdam));
  absl::CivilDay day = absl::ToCivilDay(absl::Now(), amsterdam) - days;
  v1::Date out;
  out.set_year(static_cast<int>(day.year()));
  out.set_month(day.month());
  out.set_day(day.day());
  return out;
}

const v1::KpiGroup* FindGroup(const v1::GetKpisResponse& r,
                              const std::string& key) {
  for (const v1::KpiGroup& g : r.groups()) {
    if (g.key() == key) return &g;
  }
  return nullptr;
}

class InsightsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    identity_ = v1::IdentityService::NewStub(server_->Channel());
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    insights_ = v1::InsightsService::NewStub(server_->Channel());
  }

  // A newcomer who arrived 40 days ago in `municipality`, invited by
  // `hr_token` (default: the demo HR); with `bsn` the newcomer ticks
  // housing, BRP and BSN today. The newcomer's session lands in tokens_.
  void AddNewcomer(const std::string& email, const std::string& municipality,
                   bool bsn, std::string hr_token = "") {
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(email);
    req.set_display_name("Test Newcomer");
    v1::NewcomerProfile* p = req.mutable_newcomer_profile();
    p->set_permit_type(v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);
    p->set_stay_months(24);
    p->set_occupation(v1::OCCUPATION_PROFESSIONAL);
    p->set_municipality(municipality);
    *p->mutable_arrival_date() = DaysAgo(40);
    *p->mutable_start_date() = DaysAgo(35);
    if (hr_token.empty()) hr_token = server_->Login("hr");
    std::string token = server_->InviteAndAccept(hr_token, req);
    ASSERT_FALSE(token.empty());
    tokens_.push_back(token);
    if (!bsn) return;
    for (const char* key :
         {"temporary_housing", "brp_registration", "bsn_received"}) {
      grpc::ClientContext c;
      WithToken(c, token);
      v1::UpdateStepRequest step;
      step.set_step_key(key);
      step.set_status(v1::STEP_STATUS_DONE);
      v1::UpdateStepResponse resp;
      grpc::Status s = journeys_->UpdateStep(&c, step, &resp);
      ASSERT_TRUE(s.ok()) << key << ": " << s.error_message();
    }
  }

  grpc::Status Kpis(const std::string& token, v1::KpiCut cut,
                    v1::GetKpisResponse* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::GetKpisRequest req;
    req.set_cut(cut);
    return insights_->GetKpis(&ctx, req, out);
  }

  // `count` newcomers <prefix><i>@example.org, as AddNewcomer.
  void AddNewcomers(const std::string& prefix, const std::string& municipality,
                    int count, bool bsn, const std::string& hr_token = "") {
    for (int i = 0; i < count; ++i) {
      AddNewcomer(prefix + std::to_string(i) + "@example.org", municipality,
                  bsn, hr_token);
    }
  }

  // The advisor's view of `cut`; fails the test on an error.
  v1::GetKpisResponse AdvisorKpis(v1::KpiCut cut) {
    v1::GetKpisResponse r;
    grpc::Status s = Kpis(server_->Login("advisor"), cut, &r);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return r;
  }

  // The newcomer answers the day-30 check-in with `score`.
  void CheckIn(const std::string& token, int score) {
    grpc::ClientContext c;
    WithToken(c, token);
    v1::SubmitCheckInRequest req;
    req.set_day(30);
    req.set_score(score);
    v1::SubmitCheckInResponse resp;
    grpc::Status s = journeys_->SubmitCheckIn(&c, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // A new employer with `staff_count` (0: not given) and a signed-in HR
  // member of it; returns the HR token.
  std::string NewEmployerHr(int staff_count) {
    v1::CreateOrganizationRequest req;
    req.mutable_organization()->set_name("Onbekend Formaat B.V.");
    req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_EMPLOYER);
    req.mutable_organization()->set_municipality("tubbergen");
    req.mutable_organization()->set_staff_count(staff_count);
    v1::CreateOrganizationResponse resp;
    grpc::ClientContext ctx;
    WithToken(ctx, server_->Login("admin"));
    grpc::Status s = identity_->CreateOrganization(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    v1::CreateInvitationRequest invite;
    invite.set_organization_id(resp.organization().id());
    invite.set_role(v1::ROLE_HR);
    invite.set_email("hr@onbekend.example");
    invite.set_display_name("HR Onbekend");
    return server_->InviteAndAccept(server_->Login("admin"), invite);
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::vector<std::string> tokens_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::unique_ptr<v1::InsightsService::Stub> insights_;
};

TEST_F(InsightsTest, AdvisorsReadTheObservatoryAndHrDoesNot) {
  v1::GetKpisResponse r;
  grpc::Status s = Kpis(server_->Login("advisor"), v1::KPI_CUT_REGION, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(r.cut(), v1::KPI_CUT_REGION);
  EXPECT_EQ(r.min_cell(), 5);
  ASSERT_EQ(r.groups_size(), 1);
  EXPECT_EQ(r.groups(0).key(), "all");
  EXPECT_EQ(r.checkin_bucket_labels_size(), 4);
  EXPECT_TRUE(Kpis(server_->Login("admin"), v1::KPI_CUT_REGION, &r).ok());
  EXPECT_EQ(Kpis(server_->Login("hr"), v1::KPI_CUT_REGION, &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      Kpis(server_->Login("newcomer"), v1::KPI_CUT_REGION, &r).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Kpis(server_->Login("advisor"), static_cast<v1::KpiCut>(99), &r)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(InsightsTest, GroupsOfFiveArePublishedAndSmallerOnesSuppressed) {
  AddNewcomers("tubbergen", "tubbergen", 5, /*bsn=*/true);
  AddNewcomer("tubbergen5@example.org", "tubbergen", /*bsn=*/false);
  AddNewcomers("dinkelland", "dinkelland", 2, /*bsn=*/true);
  v1::GetKpisResponse r = AdvisorKpis(v1::KPI_CUT_MUNICIPALITY);
  const v1::KpiGroup* tubbergen = FindGroup(r, "tubbergen");
  ASSERT_NE(tubbergen, nullptr);
  EXPECT_FALSE(tubbergen->suppressed());
  EXPECT_EQ(tubbergen->label(), "Tubbergen");
  EXPECT_EQ(tubbergen->newcomers(), 6);
  // Five of six have their BSN, all ticked today, 40 days after arrival.
  EXPECT_FALSE(tubbergen->arrival_to_bsn().suppressed());
  EXPECT_DOUBLE_EQ(tubbergen->arrival_to_bsn().median(), 40);
  EXPECT_DOUBLE_EQ(tubbergen->arrival_to_bsn().p90(), 40);
  // Buddy within 14 days: nobody was introduced, out of six.
  EXPECT_FALSE(tubbergen->buddy_within_14_days().suppressed());
  EXPECT_EQ(tubbergen->buddy_within_14_days().numerator(), 0);
  EXPECT_EQ(tubbergen->buddy_within_14_days().denominator(), 6);
  // Day 30: arrived 40 days ago, but the BSN steps were done on day 40.
  ASSERT_EQ(tubbergen->completion_size(), 3);
  EXPECT_EQ(tubbergen->completion(0).day(), 30);
  EXPECT_FALSE(tubbergen->completion(0).share().suppressed());
  EXPECT_EQ(tubbergen->completion(0).share().numerator(), 0);
  EXPECT_TRUE(tubbergen->completion(1).share().suppressed());  // nobody at 60
  // No check-ins yet: fewer than five newcomers answered.
  EXPECT_TRUE(tubbergen->checkin_suppressed());
  EXPECT_EQ(tubbergen->checkin_buckets_size(), 0);

  const v1::KpiGroup* dinkelland = FindGroup(r, "dinkelland");
  ASSERT_NE(dinkelland, nullptr);
  EXPECT_TRUE(dinkelland->suppressed());
  EXPECT_EQ(dinkelland->newcomers(), 0);
  EXPECT_TRUE(dinkelland->arrival_to_bsn().suppressed());
  EXPECT_EQ(dinkelland->arrival_to_bsn().median(), 0);
  for (const v1::KpiGroup& g : r.groups()) {
    if (!g.suppressed()) {
      EXPECT_GE(g.newcomers(), 5) << g.key();
    }
  }
  for (const v1::KpiStepOverdue& s : r.overdue_by_step()) {
    if (!s.overdue().suppressed()) {
      EXPECT_GE(s.overdue().denominator(), 5) << s.step_key();
    }
    EXPECT_FALSE(s.title().empty()) << s.step_key();
  }
}

// An advisor's edit of a step's title shows in the Observatory at once.
TEST_F(InsightsTest, OverdueStepsAreTitledAsTheCatalogueIsNow) {
  auto catalogue = v1::CatalogueService::NewStub(server_->Channel());
  const std::string advisor = server_->Login("advisor");
  v1::UpdateCatalogueStepRequest edit;
  edit.set_step_key("brp_registration");
  edit.mutable_title()->set_en("Register at the town hall (BRP)");
  edit.mutable_title()->set_nl("Inschrijven bij de gemeente (BRP)");
  {
    grpc::ClientContext read;
    WithToken(read, advisor);
    v1::GetCatalogueResponse current;
    ASSERT_TRUE(catalogue->GetCatalogue(&read, {}, &current).ok());
    edit.set_expected_version(current.catalogue().version());
  }
  grpc::ClientContext ctx;
  WithToken(ctx, advisor);
  v1::UpdateCatalogueStepResponse edited;
  grpc::Status s = catalogue->UpdateCatalogueStep(&ctx, edit, &edited);
  ASSERT_TRUE(s.ok()) << s.error_message();

  v1::GetKpisResponse r = AdvisorKpis(v1::KPI_CUT_REGION);
  const v1::KpiStepOverdue* brp = nullptr;
  for (const v1::KpiStepOverdue& step : r.overdue_by_step()) {
    if (step.step_key() == "brp_registration") brp = &step;
  }
  ASSERT_NE(brp, nullptr);
  EXPECT_EQ(brp->title(), "Register at the town hall (BRP)");
}

TEST_F(InsightsTest, CheckInScoreDistributionCountsTheSubmittedCheckIns) {
  AddNewcomers("checkin", "tubbergen", 6, /*bsn=*/false);
  // Five of six answer: 3 | 5 | 7 8 | 10 (one stays silent).
  const int scores[] = {3, 5, 7, 8, 10};
  for (int i = 0; i < 5; ++i) CheckIn(tokens_[i], scores[i]);
  v1::GetKpisResponse r = AdvisorKpis(v1::KPI_CUT_MUNICIPALITY);
  const v1::KpiGroup* tubbergen = FindGroup(r, "tubbergen");
  ASSERT_NE(tubbergen, nullptr);
  EXPECT_FALSE(tubbergen->checkin_suppressed());
  EXPECT_THAT(tubbergen->checkin_buckets(), ::testing::ElementsAre(1, 1, 2, 1));
  EXPECT_THAT(r.checkin_bucket_labels(),
              ::testing::ElementsAre("0-4", "5-6", "7-8", "9-10"));
}

TEST_F(InsightsTest, CheckInsOfFewerThanFiveNewcomersStaySuppressed) {
  AddNewcomers("few", "tubbergen", 5, /*bsn=*/false);
  for (int i = 0; i < 4; ++i) CheckIn(tokens_[i], 9);
  v1::GetKpisResponse r = AdvisorKpis(v1::KPI_CUT_MUNICIPALITY);
  const v1::KpiGroup* tubbergen = FindGroup(r, "tubbergen");
  ASSERT_NE(tubbergen, nullptr);
  EXPECT_FALSE(tubbergen->suppressed());
  EXPECT_TRUE(tubbergen->checkin_suppressed());
  EXPECT_EQ(tubbergen->checkin_buckets_size(), 0);
}

TEST_F(InsightsTest, EmployersWithoutAStaffCountAreSizeUnknownNotSme) {
  v1::GetKpisResponse before = AdvisorKpis(v1::KPI_CUT_EMPLOYER_SIZE);
  EXPECT_EQ(FindGroup(before, "size_unknown"), nullptr);
  const v1::KpiGroup* sme_before = FindGroup(before, "sme");
  const int sme_newcomers = sme_before ? sme_before->newcomers() : 0;

  std::string hr = NewEmployerHr(/*staff_count=*/0);
  ASSERT_FALSE(hr.empty());
  AddNewcomers("unknown-size", "tubbergen", 5, /*bsn=*/true, hr);
  v1::GetKpisResponse r = AdvisorKpis(v1::KPI_CUT_EMPLOYER_SIZE);
  const v1::KpiGroup* unknown = FindGroup(r, "size_unknown");
  ASSERT_NE(unknown, nullptr);
  EXPECT_FALSE(unknown->suppressed());
  EXPECT_EQ(unknown->newcomers(), 5);
  EXPECT_EQ(unknown->label(), "Size unknown");
  EXPECT_DOUBLE_EQ(unknown->arrival_to_bsn().median(), 40);
  const v1::KpiGroup* sme = FindGroup(r, "sme");
  EXPECT_EQ(sme ? sme->newcomers() : 0, sme_newcomers);
}

TEST_F(InsightsTest, CsvExportLeavesSuppressedCellsEmpty) {
  AddNewcomers("csv", "tubbergen", 5, /*bsn=*/true);
  AddNewcomer("alone@example.org", "dinkelland", true);
  grpc::ClientContext ctx;
  WithToken(ctx, server_->Login("advisor"));
  v1::ExportKpisCsvRequest req;
  req.set_cut(v1::KPI_CUT_MUNICIPALITY);
  v1::ExportKpisCsvResponse resp;
  grpc::Status s = insights_->ExportKpisCsv(&ctx, req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(resp.filename(), HasSubstr("welkom-kpis-municipality-"));
  EXPECT_THAT(resp.csv(),
              HasSubstr("group,label,newcomers,figure,value,numerator,"
                        "denominator,note\r\n"));
  EXPECT_THAT(resp.csv(),
              HasSubstr("tubbergen,Tubbergen,5,arrival_to_bsn_days_median,"
                        "40.0,,,\r\n"));
  EXPECT_THAT(resp.csv(),
              HasSubstr("dinkelland,Dinkelland,,newcomers,,,,suppressed\r\n"));
  EXPECT_THAT(resp.csv(), Not(HasSubstr("dinkelland,Dinkelland,1")));
}

}  // namespace
}  // namespace welkom
