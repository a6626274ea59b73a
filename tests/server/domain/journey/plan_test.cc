#include "server/domain/journey/plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "server/domain/journey/applicability.h"
#include "server/domain/journey/catalogue.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::journey {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Keys(const v1::NewcomerProfile& profile) {
  std::vector<std::string> keys;
  for (const auto* s : ApplicableSteps(Catalogue::BuiltinTwente(), profile)) {
    keys.push_back(s->key());
  }
  return keys;
}

std::optional<absl::CivilDay> Due(const std::string& key,
                                  const Anchors& anchors) {
  const v1::StepDefinition* s = Catalogue::BuiltinTwente().Find(key);
  return DueDateFor(*s, anchors);
}

TEST(CatalogueTest, BuiltinTwenteIsValidAndBilingualWithSources) {
  const Catalogue& c = Catalogue::BuiltinTwente();
  EXPECT_GE(c.proto().steps_size(), 20);
  for (const char* key :
       {"brp_registration", "bsn_received", "residence_permit_collect",
        "digid_apply", "digid_activate", "bank_account", "health_insurance",
        "thirty_percent_ruling", "gp_registration", "permanent_housing_search",
        "school_registration", "childcare", "dutch_course", "buddy_introduced",
        "first_social_event", "workplace_ready", "it_account",
        "first_week_checkin"}) {
    EXPECT_NE(c.Find(key), nullptr) << key;
  }
  EXPECT_THAT(c.Find("permanent_housing_search")->help().en(),
              HasSubstr("Roomspot"));
  EXPECT_THAT(c.Find("permanent_housing_search")->help().en(),
              HasSubstr("woninghuren.nl"));
  EXPECT_THAT(c.Find("permanent_housing_search")->help().en(),
              HasSubstr("scam"));
}

TEST(CatalogueTest,
     RejectsCyclesUnknownDependenciesAndLegalStepsWithoutSource) {
  v1::StepCatalogue cat = Catalogue::BuiltinTwente().proto();
  v1::StepCatalogue cycle = cat;
  for (auto& s : *cycle.mutable_steps()) {
    if (s.key() == "temporary_housing") s.add_depends_on("bank_account");
  }
  EXPECT_THAT(std::string(ValidateCatalogue(cycle).message()),
              HasSubstr("cycle"));
  v1::StepCatalogue unknown = cat;
  unknown.mutable_steps(0)->add_depends_on("no_such_step");
  EXPECT_THAT(std::string(ValidateCatalogue(unknown).message()),
              HasSubstr("no_such_step"));
  v1::StepCatalogue no_source = cat;
  for (auto& s : *no_source.mutable_steps()) {
    if (s.has_legal()) s.mutable_legal()->clear_source_url();
  }
  EXPECT_FALSE(ValidateCatalogue(no_source).ok());
  EXPECT_FALSE(Catalogue::FromJson("{\"region\": 5").ok());
}

TEST(PlanTest, EuSingleProfessionalDueDates) {
  v1::NewcomerProfile p;
  p.set_eu_citizen(true);
  p.set_permit_type(v1::PERMIT_TYPE_NONE);
  p.set_stay_months(24);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  auto keys = Keys(p);
  EXPECT_THAT(keys, Not(Contains("residence_permit_collect")));
  EXPECT_THAT(keys, Not(Contains("ind_permit_application")));
  EXPECT_THAT(keys, Not(Contains("school_registration")));
  EXPECT_THAT(keys, Not(Contains("partner_programme")));
  EXPECT_THAT(keys, Contains("health_insurance"));
  Anchors a;
  a.arrival = absl::CivilDay(2026, 3, 2);
  a.start_of_work = absl::CivilDay(2026, 3, 9);
  // Updated for issue 16: 2 March + 5 days is Saturday 7 March, and the
  // BRP term follows the Algemene termijnenwet (art. 1) -> Monday 9 March.
  EXPECT_EQ(Due("brp_registration", a), absl::CivilDay(2026, 3, 9));
  // Updated for issue 16: these pinned the bug of "4 months" as 120 days
  // (30 June, 7 July). The law counts calendar months: 2 March -> 2 July
  // (government.nl), 9 March -> 9 July (Belastingdienst).
  EXPECT_EQ(Due("health_insurance", a), absl::CivilDay(2026, 7, 2));
  EXPECT_EQ(Due("thirty_percent_ruling", a), absl::CivilDay(2026, 7, 9));
  // BSN, bank and GP wait for the BRP registration: pending, not guessed.
  EXPECT_FALSE(Due("bsn_received", a).has_value());
  EXPECT_FALSE(Due("bank_account", a).has_value());
  a.brp_registration = absl::CivilDay(2026, 3, 5);
  // Updated for issue 16: the BSN letter comes within about 4 weeks of the
  // BRP registration (it pinned BRP + 5 days, which raised false overdue
  // flags): 5 March + 4 weeks = 2 April.
  EXPECT_EQ(Due("bsn_received", a), absl::CivilDay(2026, 4, 2));
  // The bank hangs off the BSN itself now: pending until it is known, then
  // 2 weeks (it pinned BRP + 14 days).
  EXPECT_FALSE(Due("bank_account", a).has_value());
  a.bsn_received = absl::CivilDay(2026, 3, 24);
  EXPECT_EQ(Due("bank_account", a), absl::CivilDay(2026, 4, 7));
}

TEST(PlanTest, KnowledgeMigrantWithPartnerAndChildrenThreeAndSeven) {
  v1::NewcomerProfile p;
  p.set_permit_type(v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);
  p.set_stay_months(60);
  p.set_has_partner(true);
  p.add_children_ages(3);
  p.add_children_ages(7);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  auto keys = Keys(p);
  EXPECT_THAT(keys, Contains("ind_permit_application"));
  EXPECT_THAT(keys, Contains("residence_permit_collect"));
  EXPECT_THAT(keys, Contains("school_registration"));  // the 7-year-old
  EXPECT_THAT(keys, Contains("childcare"));            // the 3-year-old
  EXPECT_THAT(keys, Contains("partner_programme"));
  Anchors a;
  a.arrival = absl::CivilDay(2026, 8, 20);
  a.start_of_work = absl::CivilDay(2026, 9, 1);
  EXPECT_EQ(Due("ind_permit_application", a), absl::CivilDay(2026, 8, 2));
  EXPECT_EQ(Due("school_registration", a), absl::CivilDay(2026, 9, 3));
  EXPECT_EQ(Due("childcare", a), absl::CivilDay(2026, 9, 15));
  // The permit can be collected once the IND letter says so.
  EXPECT_FALSE(Due("residence_permit_collect", a).has_value());
  a.permit_ready = absl::CivilDay(2026, 9, 10);
  EXPECT_EQ(Due("residence_permit_collect", a), absl::CivilDay(2026, 9, 24));
}

TEST(PlanTest, StudentGetsStudentStepsAndNoEmployerSteps) {
  v1::NewcomerProfile p;
  p.set_permit_type(v1::PERMIT_TYPE_STUDENT);
  p.set_stay_months(24);
  p.set_occupation(v1::OCCUPATION_STUDENT);
  auto keys = Keys(p);
  EXPECT_THAT(keys, Contains("student_insurance_check"));
  EXPECT_THAT(keys, Contains("residence_permit_collect"));
  EXPECT_THAT(keys, Not(Contains("health_insurance")));
  EXPECT_THAT(keys, Not(Contains("thirty_percent_ruling")));
  EXPECT_THAT(keys, Not(Contains("workplace_ready")));
  EXPECT_THAT(keys, Not(Contains("ind_permit_application")));
  Anchors a;
  a.arrival = absl::CivilDay(2026, 8, 24);
  EXPECT_EQ(Due("student_insurance_check", a), absl::CivilDay(2026, 9, 23));
}

TEST(PlanTest, ShortStayNeedsNoBrpRegistration) {
  v1::NewcomerProfile p;
  p.set_eu_citizen(true);
  p.set_stay_months(3);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  EXPECT_THAT(Keys(p), Not(Contains("brp_registration")));
  p.set_stay_months(0);  // unknown: keep the legal step
  EXPECT_THAT(Keys(p), Contains("brp_registration"));
}

TEST(ApplicabilityTest, MunicipalityRuleMatchesOnlyListedMunicipalities) {
  v1::ApplicabilityRule rule;
  rule.add_municipalities("enschede");
  v1::NewcomerProfile p;
  p.set_municipality("hengelo");
  EXPECT_FALSE(Applies(rule, p));
  p.set_municipality("enschede");
  EXPECT_TRUE(Applies(rule, p));
}

TEST(PrerequisiteTest, UnfinishedPrerequisitesAreNamed) {
  const v1::StepDefinition* bank =
      Catalogue::BuiltinTwente().Find("bank_account");
  absl::flat_hash_map<std::string, int> status = {{"bsn_received", 1}};
  absl::Status s = CheckPrerequisites(*bank, status);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()), HasSubstr("bsn_received"));
  status["bsn_received"] = v1::STEP_STATUS_DONE;
  EXPECT_TRUE(CheckPrerequisites(*bank, status).ok());
  // A prerequisite that is not part of the journey does not block.
  EXPECT_TRUE(CheckPrerequisites(*bank, {}).ok());
}

TEST(JourneyDayTest, CountsFromArrivalElseStartElseCreation) {
  Anchors a;
  absl::CivilDay created(2026, 1, 1);
  EXPECT_EQ(JourneyDay(a, created, absl::CivilDay(2026, 1, 31)), 30);
  a.start_of_work = absl::CivilDay(2026, 1, 11);
  EXPECT_EQ(JourneyDay(a, created, absl::CivilDay(2026, 1, 31)), 20);
  a.arrival = absl::CivilDay(2026, 1, 6);
  EXPECT_EQ(JourneyDay(a, created, absl::CivilDay(2026, 1, 31)), 25);
}

// Twelve days before the arrival the day is -12, which the clients show as
// "arrives in 12 days" (never "day -12").
TEST(JourneyDayTest, IsNegativeBeforeTheArrival) {
  Anchors a;
  a.arrival = absl::CivilDay(2026, 3, 13);
  EXPECT_EQ(
      JourneyDay(a, absl::CivilDay(2026, 2, 20), absl::CivilDay(2026, 3, 1)),
      -12);
}

}  // namespace
}  // namespace welkom::journey
