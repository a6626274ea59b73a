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

}  // namespace
}  // namespace welkom::journey
