// The demo caseload (server/demo/demo_newcomers.h) as the console, the
// employer views and the KPI page see it through a real welkomd.
#include "server/demo/demo_newcomers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom {
namespace {

using testing::WelkomdProcess;
using testing::WithToken;

class DemoNewcomersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
  }

  // Every journey the caller may list, following page tokens.
  std::vector<v1::Journey> AllJourneys(const std::string& token) {
    std::vector<v1::Journey> out;
    v1::ListJourneysRequest req;
    req.set_page_size(10);
    do {
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::ListJourneysResponse resp;
      grpc::Status s = journeys_->ListJourneys(&ctx, req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      out.insert(out.end(), resp.journeys().begin(), resp.journeys().end());
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
    return out;
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
};

TEST_F(DemoNewcomersTest, BothEmployersHaveACaseloadAcrossStagesAndTowns) {
  std::vector<v1::Journey> sme = AllJourneys(server_->Login("hr", 0));
  std::vector<v1::Journey> large = AllJourneys(server_->Login("hr", 1));
  // The region's demo newcomer is one of the SME's journeys.
  EXPECT_EQ(static_cast<int>(sme.size() + large.size()),
            demo::DemoNewcomerCount() + 1);
  EXPECT_GE(sme.size(), 8u);
  EXPECT_GE(large.size(), 8u);
  std::set<std::string> towns;
  int min_day = 1000, max_day = -1, students = 0, non_eu = 0, families = 0;
  for (const auto* list : {&sme, &large}) {
    for (const v1::Journey& j : *list) {
      towns.insert(j.profile().municipality());
      min_day = std::min(min_day, j.day());
      max_day = std::max(max_day, j.day());
      if (j.profile().occupation() == v1::OCCUPATION_STUDENT) ++students;
      if (!j.profile().eu_citizen()) ++non_eu;
      if (j.profile().has_partner() || j.profile().children_ages_size() > 0) {
        ++families;
      }
    }
  }
  EXPECT_GE(towns.size(), 6u);
  EXPECT_EQ(min_day, 2);
  EXPECT_EQ(max_day, 100);
  EXPECT_GE(students, 3);
  EXPECT_GE(non_eu, 8);
  EXPECT_GE(families, 8);
}

TEST_F(DemoNewcomersTest,
       AdvisorSeesOnlyConsentedJourneysWithOverdueLegalSteps) {
  std::string advisor = server_->Login("advisor");
  std::vector<v1::Journey> seen = AllJourneys(advisor);
  EXPECT_GE(seen.size(), 18u);
  EXPECT_LT(static_cast<int>(seen.size()), demo::DemoNewcomerCount() + 1);
  for (const v1::Journey& j : seen) EXPECT_TRUE(j.advisor_consent());

  grpc::ClientContext ctx;
  WithToken(ctx, advisor);
  v1::ListOverdueResponse overdue;
  ASSERT_TRUE(journeys_->ListOverdue(&ctx, {}, &overdue).ok());
  std::set<std::string> legal_overdue;
  for (const v1::OverdueStep& s : overdue.steps()) {
    if (s.step().has_legal()) legal_overdue.insert(s.step().key());
  }
  for (const char* key : {"brp_registration", "digid_apply", "digid_activate",
                          "residence_permit_collect", "school_registration",
                          "student_insurance_check"}) {
    EXPECT_TRUE(legal_overdue.count(key)) << key;
  }
}

TEST_F(DemoNewcomersTest, NobodyCanLogInAsACaseloadNewcomer) {
  auto identity = v1::IdentityService::NewStub(server_->Channel());
  for (const char* password :
       {"a long enough password", "!!!!!!!!!!!!!!!!!!!!"}) {
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_email("mateo.garcia@twentse-systems.example");
    req.set_password(password);
    v1::LoginResponse resp;
    EXPECT_EQ(identity->Login(&ctx, req, &resp).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << password;
  }
}

}  // namespace
}  // namespace welkom
