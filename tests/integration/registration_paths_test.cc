// The registration paths through a real welkomd: the RNI for a stay under 4
// months and for a cross-border worker, the BSN window after the BRP, a
// returnee who has a BSN for life, and the profile's nationality inputs.
// Rules and sources (checked 2026-12-02):
//   RNI:  a stay under 4 months, or living abroad: register as non-resident,
//         the BSN given at the appointment
//         (https://www.almelo.nl/en/verhuizen/registratie-niet-ingezetenen-rni)
//   BSN:  after a resident registration by letter, usually within 4 weeks
//         (https://www.government.nl/topics/personal-data/citizen-service-number-bsn)
//   GRENS: a cross-border worker insures in the Netherlands within 4 months
//         of the first working day, S1 form for care in Germany
//         (https://www.grensinfo.nl/nl/deonnl/zorg/zorgverzekerd_in_nederland?situatie=deonnl)
// Steps marked done today anchor on the server's today, so expected dates
// are today (Europe/Amsterdam) plus the rule's term.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "tests/integration/journey_fixture.h"

namespace welkom {
namespace {

absl::CivilDay TodayInAmsterdam() {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &tz));
  return absl::ToCivilDay(absl::Now(), tz);
}

absl::CivilDay DayOf(const v1::Date& d) {
  return absl::CivilDay(d.year(), d.month(), d.day());
}

bool HasAnchor(const v1::Journey& j, v1::Anchor anchor) {
  for (const auto& a : j.anchors()) {
    if (a.anchor() == anchor) return true;
  }
  return false;
}

TEST_F(JourneyTest, ThreeMonthStayRegistersInTheRniAndGetsTheBsnThere) {
  v1::NewcomerProfile p = EuSingleProfessional();
  p.set_stay_months(3);
  std::string token = InviteAndAccept("short.stay@example.org", p);
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  EXPECT_EQ(FindStep(j, "brp_registration"), nullptr);
  EXPECT_EQ(FindStep(j, "digid_apply"), nullptr);
  const v1::JourneyStep* rni = FindStep(j, "rni_registration");
  ASSERT_NE(rni, nullptr);
  ASSERT_TRUE(rni->has_legal());
  // RNI by the first working day, Monday 7 September 2026.
  EXPECT_EQ(DayOf(rni->due_date()), absl::CivilDay(2026, 9, 7));
  // Bank and GP wait for the BSN: pending, never overdue.
  EXPECT_TRUE(FindStep(j, "bank_account")->pending());
  EXPECT_TRUE(FindStep(j, "gp_registration")->pending());
  EXPECT_TRUE(FindStep(j, "bsn_received")->pending());

  ASSERT_TRUE(Update(token, Done("rni_registration"), &j).ok());
  EXPECT_TRUE(HasAnchor(j, v1::ANCHOR_BRP_REGISTRATION));
  const absl::CivilDay today = TodayInAmsterdam();
  // BSN: at most 4 weeks after the registration.
  EXPECT_EQ(DayOf(FindStep(j, "bsn_received")->due_date()), today + 28);
  EXPECT_TRUE(FindStep(j, "bank_account")->pending());

  grpc::Status s = Update(token, Done("bsn_received"), &j);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(HasAnchor(j, v1::ANCHOR_BSN_RECEIVED));
  // The bank within 2 weeks and the GP within 30 days of the BSN.
  EXPECT_EQ(DayOf(FindStep(j, "bank_account")->due_date()), today + 14);
  EXPECT_EQ(DayOf(FindStep(j, "gp_registration")->due_date()), today + 30);
  EXPECT_FALSE(FindStep(j, "bank_account")->overdue());
}

TEST_F(JourneyTest, BrpRegistrationGivesTheBsnFourWeeksNotFiveDays) {
  std::string token =
      InviteAndAccept("bsn.window@example.org", EuSingleProfessional());
  ASSERT_TRUE(Update(token, Done("temporary_housing")).ok());
  v1::Journey j;
  ASSERT_TRUE(Update(token, Done("brp_registration"), &j).ok());
  const absl::CivilDay today = TodayInAmsterdam();
  EXPECT_EQ(DayOf(FindStep(j, "bsn_received")->due_date()), today + 28);
  EXPECT_FALSE(HasAnchor(j, v1::ANCHOR_BSN_RECEIVED));
  EXPECT_TRUE(FindStep(j, "digid_apply")->pending());
  EXPECT_TRUE(FindStep(j, "bank_account")->pending());
}

TEST_F(JourneyTest, CrossBorderWorkerGetsTheRniAndTheCrossBorderInsurance) {
  v1::NewcomerProfile p;
  p.set_nationality_group(v1::NATIONALITY_GROUP_EU_EEA_SWISS);
  p.set_cross_border_worker(true);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  *p.mutable_start_date() = MakeDate(2027, 1, 4);
  std::string token = InviteAndAccept("grenswerker@example.org", p);
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  EXPECT_NE(FindStep(j, "rni_registration"), nullptr);
  for (const char* key :
       {"brp_registration", "health_insurance", "bank_account",
        "gp_registration", "thirty_percent_ruling", "temporary_housing"}) {
    EXPECT_EQ(FindStep(j, key), nullptr) << key;
  }
  const v1::JourneyStep* insurance =
      FindStep(j, "cross_border_health_insurance");
  ASSERT_NE(insurance, nullptr);
  // GRENS: Monday 4 January 2027 + 4 months = Tuesday 4 May 2027.
  EXPECT_EQ(DayOf(insurance->due_date()), absl::CivilDay(2027, 5, 4));
  EXPECT_THAT(insurance->help_text().en(), ::testing::HasSubstr("S1"));
}

TEST_F(JourneyTest, DutchReturneeHasNoBsnStepAndTheRegistrationAnchorsTheBank) {
  v1::NewcomerProfile p = EuSingleProfessional();
  p.set_nationality_group(v1::NATIONALITY_GROUP_DUTCH);
  p.set_returnee(true);
  std::string token = InviteAndAccept("terug@example.org", p);
  v1::Journey j;
  ASSERT_TRUE(Get(token, "", &j).ok());
  EXPECT_EQ(FindStep(j, "bsn_received"), nullptr);
  EXPECT_EQ(FindStep(j, "dutch_course"), nullptr);
  EXPECT_EQ(FindStep(j, "tb_test"), nullptr);
  ASSERT_TRUE(Update(token, Done("temporary_housing")).ok());
  ASSERT_TRUE(Update(token, Done("brp_registration"), &j).ok());
  EXPECT_TRUE(HasAnchor(j, v1::ANCHOR_BSN_RECEIVED));
  EXPECT_EQ(DayOf(FindStep(j, "bank_account")->due_date()),
            TodayInAmsterdam() + 14);
  // The bank needs no BSN step first: there is none in this journey.
  EXPECT_TRUE(Update(token, Done("bank_account")).ok());
}

TEST_F(JourneyTest, ANonEuGroupForAnEuCitizenIsRefusedNamingTheField) {
  v1::CreateInvitationRequest req;
  req.set_role(v1::ROLE_NEWCOMER);
  req.set_email("contradiction@example.org");
  req.set_display_name("Jonas Weber");
  v1::NewcomerProfile p = EuSingleProfessional();
  p.set_nationality_group(v1::NATIONALITY_GROUP_NON_EU);
  *req.mutable_newcomer_profile() = p;
  grpc::ClientContext ctx;
  WithToken(ctx, hr_);
  v1::CreateInvitationResponse resp;
  grpc::Status s = identity_->CreateInvitation(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(),
              ::testing::HasSubstr("newcomer_profile.nationality_group"));
}

}  // namespace
}  // namespace welkom
