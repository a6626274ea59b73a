// Due dates of the legal steps of the built-in Twente catalogue for the
// profiles the region sees. Every expected date is worked out by hand from
// the rule in the comment beside it (sources checked 2026-12-02), never from
// the code under test:
//   [BRP]  Wet BRP art. 2.38: register within 5 days of arrival,
//          https://www.netherlandsworldwide.nl/government-services-in-the-netherlands/registering-with-the-municipality-in-the-netherlands
//   [ATW]  Algemene termijnenwet art. 1-4 (a statutory term ending on a
//          Saturday, Sunday or holiday runs to the next working day; not
//          for terms over three months), https://wetten.overheid.nl/BWBR0002448
//   [ZVW]  health insurance no later than 4 months after arriving,
//          https://www.government.nl/topics/immigration-to-the-netherlands/question-and-answer/when-do-i-need-to-take-out-health-insurance-if-i-come-to-live-in-the-netherlands
//   [30%]  the application received within 4 months of the first working
//          day,
//          https://www.belastingdienst.nl/wps/wcm/connect/bldcontenten/belastingdienst/individuals/living_and_working/working_in_another_country_temporarily/you_are_coming_to_work_in_the_netherlands/30_facility_for_incoming_employees/
//   [MON]  a term of months ends on the same date, or on the last day of a
//          shorter month (Reg. 1182/71 art. 3(2)(c)).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server/domain/journey/catalogue.h"
#include "server/domain/journey/plan.h"
#include "server/domain/journey/step.h"

namespace welkom::journey {
namespace {

using absl::CivilDay;

std::optional<CivilDay> Due(const std::string& key, const Anchors& anchors) {
  const v1::StepDefinition* s = Catalogue::BuiltinTwente().Find(key);
  EXPECT_NE(s, nullptr) << key;
  if (s == nullptr) return std::nullopt;
  return DueDateFor(*s, anchors);
}

Anchors Arriving(CivilDay arrival, CivilDay start) {
  Anchors a;
  a.arrival = arrival;
  a.start_of_work = start;
  return a;
}

TEST(LegalDueDatesTest, EveryLegalStepStatesItsEndOfTermRule) {
  for (const auto& s : Catalogue::BuiltinTwente().proto().steps()) {
    if (!s.has_legal()) continue;
    EXPECT_NE(s.end_of_term(), v1::END_OF_TERM_RULE_UNSPECIFIED) << s.key();
  }
  // [ATW] the 5-day BRP term follows it; the 4-month terms are too long.
  EXPECT_EQ(Catalogue::BuiltinTwente().Find("brp_registration")->end_of_term(),
            v1::END_OF_TERM_RULE_NEXT_WORKING_DAY);
  EXPECT_EQ(Catalogue::BuiltinTwente().Find("health_insurance")->end_of_term(),
            v1::END_OF_TERM_RULE_CALENDAR_DAY);
}

TEST(LegalDueDatesTest, EuProfessional) {
  // Arrives Monday 2 March 2026, starts Monday 9 March.
  Anchors a = Arriving(CivilDay(2026, 3, 2), CivilDay(2026, 3, 9));
  // [BRP][ATW] 2 March + 5 = Saturday 7 March -> Monday 9 March.
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 3, 9));
  // [ZVW][MON] 2 March + 4 months = 2 July (120 days gave 30 June).
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2026, 7, 2));
  // [30%][MON] 9 March + 4 months = 9 July (120 days gave 7 July).
  EXPECT_EQ(Due("thirty_percent_ruling", a), CivilDay(2026, 7, 9));
}

TEST(LegalDueDatesTest, KnowledgeMigrantWithPartnerAndChildren) {
  // Arrives Thursday 20 August 2026, starts Tuesday 1 September.
  Anchors a = Arriving(CivilDay(2026, 8, 20), CivilDay(2026, 9, 1));
  // The sponsor applies 30 days ahead, counted back: Sunday 2 August stays
  // (a planning lead time, not a statutory term; ATW art. 1(2)).
  EXPECT_EQ(Due("ind_permit_application", a), CivilDay(2026, 8, 2));
  // [BRP] 20 August + 5 = Tuesday 25 August, a working day.
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 8, 25));
  // [ZVW][MON][ATW art. 4] 20 December 2026 is a Sunday, and stays.
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2026, 12, 20));
  // [30%][MON][ATW art. 4] 1 January 2027, New Year's Day, stays.
  EXPECT_EQ(Due("thirty_percent_ruling", a), CivilDay(2027, 1, 1));
}

TEST(LegalDueDatesTest, Student) {
  // Arrives Monday 24 August 2026.
  Anchors a = Arriving(CivilDay(2026, 8, 24), CivilDay(2026, 8, 31));
  // [BRP][ATW] Saturday 29 August -> Monday 31 August.
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 8, 31));
}

TEST(LegalDueDatesTest, ChristmasArrival) {
  // Arrives Monday 21 December 2026, starts Monday 4 January 2027.
  Anchors a = Arriving(CivilDay(2026, 12, 21), CivilDay(2027, 1, 4));
  // [BRP][ATW] 26 December is Boxing Day and a Saturday, 27th a Sunday:
  // Monday 28 December.
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 12, 28));
  // [ZVW][MON] 21 April 2027.
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2027, 4, 21));
  // [30%][MON] 4 May 2027.
  EXPECT_EQ(Due("thirty_percent_ruling", a), CivilDay(2027, 5, 4));
  // Arriving on Christmas Eve (Thursday): 29 December is a Tuesday, and
  // 25-29 December hold two working days (28th, 29th; ATW art. 2).
  a.arrival = CivilDay(2026, 12, 24);
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 12, 29));
  // Arriving Sunday 28 December 2025: Friday 2 January 2026 is equated
  // with a holiday by decree (ATW art. 3(3)) -> Monday 5 January.
  a.arrival = CivilDay(2025, 12, 28);
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 1, 5));
}

TEST(LegalDueDatesTest, EuBlueCardHolder) {
  // Arrives Saturday 31 October 2026, starts Monday 2 November.
  Anchors a = Arriving(CivilDay(2026, 10, 31), CivilDay(2026, 11, 2));
  // [BRP] Thursday 5 November.
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 11, 5));
  // [ZVW][MON] 31 October + 4 months: February has no 31st -> 28 February
  // 2027 (a Sunday; ATW art. 4 leaves it).
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2027, 2, 28));
  // [30%][MON] 2 March 2027.
  EXPECT_EQ(Due("thirty_percent_ruling", a), CivilDay(2027, 3, 2));
  // Counted back 30 days from 2 November: Saturday 3 October.
  EXPECT_EQ(Due("ind_permit_application", a), CivilDay(2026, 10, 3));
}

TEST(LegalDueDatesTest, MonthEndArrivals) {
  Anchors a;
  // 31 January 2027 (Sunday): [BRP] Friday 5 February; [ZVW][MON] 31 May.
  a.arrival = CivilDay(2027, 1, 31);
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2027, 2, 5));
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2027, 5, 31));
  // 30 November 2026: [BRP][ATW] Saturday 5 December -> Monday 7th;
  // [ZVW][MON] 30 March 2027.
  a.arrival = CivilDay(2026, 11, 30);
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 12, 7));
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2027, 3, 30));
  // 29 February 2028 (leap year): [BRP][ATW] Sunday 5 March -> Monday 6th;
  // [ZVW][MON] 29 June 2028 (120 days gave 28 June).
  a.arrival = CivilDay(2028, 2, 29);
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2028, 3, 6));
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2028, 6, 29));
}

TEST(LegalDueDatesTest, TermEndingOnKingsDay) {
  Anchors a;
  // [BRP][ATW] Thursday 22 April 2027 + 5 = King's Day, Tuesday 27 April
  // -> Wednesday 28 April.
  a.arrival = CivilDay(2027, 4, 22);
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2027, 4, 28));
  // 27 April 2031 is a Sunday, so King's Day is Saturday 26 April: arrival
  // Monday 21 April + 5 = the 26th -> Monday 28 April.
  a.arrival = CivilDay(2031, 4, 21);
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2031, 4, 28));
}

// [BSN]  a BSN is assigned with the first registration in the BRP, as
//        resident or in the RNI; after a resident registration it comes by
//        letter, usually within 4 weeks (government.nl BSN page; Enschede
//        about three weeks), at an RNI desk at once (almelo.nl RNI page).
// [RNI]  a stay under 4 months, or living abroad: register as non-resident
//        (https://www.almelo.nl/en/verhuizen/registratie-niet-ingezetenen-rni)
// [TB]   a TB test at the GGD within 3 months of arrival unless the
//        nationality is on the IND's exemption list
//        (https://www.expatcentereastnetherlands.nl/expats/just-arrived/formalities/tbc-check/)
// [GRENS] a cross-border worker who lives in Germany and works only in the
//        Netherlands takes out Dutch basic insurance within 4 months of the
//        first working day, S1 form for care in Germany
//        (https://www.grensinfo.nl/nl/deonnl/zorg/zorgverzekerd_in_nederland?situatie=deonnl)
// [DIGID] the activation code is valid for 20 days
//        (https://www.netherlandsworldwide.nl/digid-abroad/activate)

// Marks `key` done on `today` (AnchorSetBy).
bool MarkDone(const std::string& key, CivilDay today, bool journey_has_bsn_step,
              Anchors* anchors) {
  Step step;
  step.key = key;
  step.status = v1::STEP_STATUS_DONE;
  return AnchorSetBy(step, today, journey_has_bsn_step, anchors);
}

std::vector<std::string> Keys(const v1::NewcomerProfile& profile) {
  std::vector<std::string> keys;
  for (const auto* s : ApplicableSteps(Catalogue::BuiltinTwente(), profile)) {
    keys.push_back(s->key());
  }
  return keys;
}

using ::testing::Contains;
using ::testing::Not;

TEST(LegalDueDatesTest,
     BsnIsDueWithinFourWeeksOfTheRegistrationAndTheBankWaitsForIt) {
  Anchors a = Arriving(CivilDay(2026, 9, 1), CivilDay(2026, 9, 7));
  // Registered in the BRP on Thursday 3 September 2026.
  ASSERT_TRUE(MarkDone("brp_registration", CivilDay(2026, 9, 3),
                       /*journey_has_bsn_step=*/true, &a));
  // [BSN] 3 September + 4 weeks = 1 October (BRP + 5 days flagged 8
  // September as overdue while the letter was still on its way).
  EXPECT_EQ(Due("bsn_received", a), CivilDay(2026, 10, 1));
  // Bank, DigiD and GP need the BSN: pending, not overdue, until it comes.
  EXPECT_FALSE(Due("bank_account", a).has_value());
  EXPECT_FALSE(Due("digid_apply", a).has_value());
  EXPECT_FALSE(Due("gp_registration", a).has_value());
  // The letter arrives on Wednesday 23 September.
  ASSERT_TRUE(MarkDone("bsn_received", CivilDay(2026, 9, 23), true, &a));
  EXPECT_EQ(Due("digid_apply", a), CivilDay(2026, 9, 30));  // 1 week
  // [DIGID] apply within a week, letter within 3 working days, 20 days to
  // activate: 4 weeks from the BSN, 21 October.
  EXPECT_EQ(Due("digid_activate", a), CivilDay(2026, 10, 21));
  EXPECT_EQ(Due("bank_account", a), CivilDay(2026, 10, 7));      // 2 weeks
  EXPECT_EQ(Due("gp_registration", a), CivilDay(2026, 10, 23));  // 30 days
}

TEST(LegalDueDatesTest, ThreeMonthStayGoesThroughTheRni) {
  v1::NewcomerProfile p;
  p.set_eu_citizen(true);
  p.set_stay_months(3);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  auto keys = Keys(p);
  // [RNI] no BRP registration, no DigiD (it needs a BRP address), but the
  // RNI, the BSN from it, the bank and the GP.
  EXPECT_THAT(keys, Not(Contains("brp_registration")));
  EXPECT_THAT(keys, Not(Contains("digid_apply")));
  for (const char* key : {"rni_registration", "bsn_received", "bank_account",
                          "gp_registration", "health_insurance"}) {
    EXPECT_THAT(keys, Contains(key));
  }
  // Arrives Sunday 31 January 2027, starts Monday 1 February.
  Anchors a = Arriving(CivilDay(2027, 1, 31), CivilDay(2027, 2, 1));
  // The BSN is needed for the first salary: the RNI by the first working day.
  EXPECT_EQ(Due("rni_registration", a), CivilDay(2027, 2, 1));
  EXPECT_FALSE(Due("bank_account", a).has_value());  // waits for the BSN
  // At the RNI desk on 1 February, the BSN given at the appointment.
  ASSERT_TRUE(MarkDone("rni_registration", CivilDay(2027, 2, 1), true, &a));
  EXPECT_EQ(Due("bsn_received", a),
            CivilDay(2027, 3, 1));  // [BSN] 4 weeks at most
  ASSERT_TRUE(MarkDone("bsn_received", CivilDay(2027, 2, 1), true, &a));
  EXPECT_EQ(Due("bank_account", a), CivilDay(2027, 2, 15));    // BSN + 2 weeks
  EXPECT_EQ(Due("gp_registration", a), CivilDay(2027, 3, 3));  // BSN + 30 days
  // [ZVW] working here: insurance within 4 months of arrival, 31 May.
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2027, 5, 31));
}

TEST(LegalDueDatesTest, ReturneeHasABsnForLifeAndNoNewcomerFormalities) {
  v1::NewcomerProfile p;
  p.set_nationality_group(v1::NATIONALITY_GROUP_DUTCH);
  p.set_returnee(true);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  auto keys = Keys(p);
  EXPECT_THAT(keys, Contains("brp_registration"));   // [BRP] still 5 days
  EXPECT_THAT(keys, Not(Contains("bsn_received")));  // [BSN] for life
  for (const char* key : {"ind_permit_application", "residence_permit_collect",
                          "tb_test", "rni_registration", "dutch_course"}) {
    EXPECT_THAT(keys, Not(Contains(key))) << key;
  }
  // Back on Friday 4 December 2026; registered Monday 7 December: without a
  // BSN step the registration fixes the BSN anchor too.
  Anchors a = Arriving(CivilDay(2026, 12, 4), CivilDay(2027, 1, 4));
  // [BRP][ATW] Wednesday 9 December.
  EXPECT_EQ(Due("brp_registration", a), CivilDay(2026, 12, 9));
  ASSERT_TRUE(MarkDone("brp_registration", CivilDay(2026, 12, 7),
                       /*journey_has_bsn_step=*/false, &a));
  EXPECT_EQ(a.bsn_received, CivilDay(2026, 12, 7));
  EXPECT_EQ(Due("bank_account", a), CivilDay(2026, 12, 21));
  // [ZVW] 4 April 2027; [30%] 4 May 2027 (the 150 km rule decides).
  EXPECT_EQ(Due("health_insurance", a), CivilDay(2027, 4, 4));
  EXPECT_EQ(Due("thirty_percent_ruling", a), CivilDay(2027, 5, 4));
}

TEST(LegalDueDatesTest, CrossBorderWorkerLivingInGermany) {
  v1::NewcomerProfile p;
  p.set_nationality_group(v1::NATIONALITY_GROUP_EU_EEA_SWISS);
  p.set_cross_border_worker(true);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  auto keys = Keys(p);
  // [RNI] lives abroad: the RNI, not the BRP; [GRENS] insured here with an
  // S1 form; no Dutch housing, bank, GP or 30% ruling (within 150 km).
  EXPECT_THAT(keys, Contains("rni_registration"));
  EXPECT_THAT(keys, Contains("bsn_received"));
  EXPECT_THAT(keys, Contains("cross_border_health_insurance"));
  for (const char* key :
       {"brp_registration", "digid_apply", "health_insurance", "bank_account",
        "gp_registration", "temporary_housing", "thirty_percent_ruling",
        "school_registration"}) {
    EXPECT_THAT(keys, Not(Contains(key))) << key;
  }
  // Starts Monday 4 January 2027: [GRENS] 4 May 2027.
  Anchors a;
  a.start_of_work = CivilDay(2027, 1, 4);
  EXPECT_EQ(Due("cross_border_health_insurance", a), CivilDay(2027, 5, 4));
  EXPECT_EQ(Due("rni_registration", a), CivilDay(2027, 1, 4));
}

TEST(LegalDueDatesTest, TbTestForNonExemptNationalitiesOnly) {
  v1::NewcomerProfile p;
  p.set_permit_type(v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);
  p.set_occupation(v1::OCCUPATION_PROFESSIONAL);
  p.set_stay_months(36);
  p.set_nationality_group(v1::NATIONALITY_GROUP_NON_EU);
  EXPECT_THAT(Keys(p), Contains("tb_test"));
  // [TB] arrival Thursday 20 August 2026 + 3 months = 20 November.
  Anchors a = Arriving(CivilDay(2026, 8, 20), CivilDay(2026, 9, 1));
  EXPECT_EQ(Due("tb_test", a), CivilDay(2026, 11, 20));
  // Exempt (e.g. a US citizen): no test.
  p.set_nationality_group(v1::NATIONALITY_GROUP_NON_EU_TB_EXEMPT);
  EXPECT_THAT(Keys(p), Not(Contains("tb_test")));
  // Not known: kept, so a legal step is never dropped for lack of it.
  p.set_nationality_group(v1::NATIONALITY_GROUP_UNSPECIFIED);
  EXPECT_THAT(Keys(p), Contains("tb_test"));
  // EU citizens and short stays (no residence permit) never.
  p.set_permit_type(v1::PERMIT_TYPE_NONE);
  p.set_eu_citizen(true);
  EXPECT_THAT(Keys(p), Not(Contains("tb_test")));
}

TEST(LegalDueDatesTest,
     ThirtyPercentRulingTextStatesThe2027ChangeTheNormsAnd150Km) {
  // Belastingdienst (checked 2026-12-02): at most 27% from 1 January 2027
  // for rulings that started after 2023; 2026 norm EUR 48,013 (36,497 under
  // 30 with a master's); the 150 km condition.
  const v1::StepDefinition* r =
      Catalogue::BuiltinTwente().Find("thirty_percent_ruling");
  ASSERT_NE(r, nullptr);
  for (const std::string& text : {r->help().en(), r->legal().rule().en()}) {
    EXPECT_THAT(text, ::testing::HasSubstr("27%"));
    EXPECT_THAT(text, ::testing::HasSubstr("48,013"));
  }
  EXPECT_THAT(r->help().en(), ::testing::HasSubstr("150 km"));
  EXPECT_THAT(r->help().en(), ::testing::HasSubstr("50,436"));
  EXPECT_THAT(r->help().nl(), ::testing::HasSubstr("27%"));
  // The BRP text no longer promises the BSN at the desk.
  const v1::StepDefinition* brp =
      Catalogue::BuiltinTwente().Find("brp_registration");
  EXPECT_THAT(brp->help().en(), ::testing::HasSubstr("not given at the desk"));
  EXPECT_THAT(brp->help().en(),
              ::testing::Not(::testing::HasSubstr(
                  "You receive your citizen service number (BSN) here")));
  // DigiD: the code is valid 20 days; insurance: the CAK's letter and fines.
  EXPECT_THAT(Catalogue::BuiltinTwente().Find("digid_activate")->help().en(),
              ::testing::HasSubstr("20 days"));
  const std::string& insurance =
      Catalogue::BuiltinTwente().Find("health_insurance")->help().en();
  EXPECT_THAT(insurance, ::testing::HasSubstr("CAK"));
  EXPECT_THAT(insurance,
              ::testing::HasSubstr("registered in the BRP) or started work"));
}

}  // namespace
}  // namespace welkom::journey
