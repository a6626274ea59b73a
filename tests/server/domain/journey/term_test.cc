// Terms in days, weeks and calendar months, with the end-of-term rules.
// Expected dates are worked out by hand from the rule named beside each.
#include "server/domain/journey/term.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace welkom::journey {
namespace {

using absl::CivilDay;
using ::testing::HasSubstr;

constexpr auto kMonths = v1::TERM_UNIT_MONTHS;
constexpr auto kCalendar = v1::END_OF_TERM_RULE_CALENDAR_DAY;
constexpr auto kAtw = v1::END_OF_TERM_RULE_NEXT_WORKING_DAY;

TEST(TermTest, CalendarMonthsKeepTheDayOrEndOnTheLastDayOfAShortMonth) {
  // Reg. (EEC, Euratom) 1182/71 art. 3(2)(c): the same date N months on;
  // when that month has no such date, its last day.
  EXPECT_EQ(AddTerm(CivilDay(2026, 10, 31), 4, kMonths), CivilDay(2027, 2, 28));
  EXPECT_EQ(AddTerm(CivilDay(2027, 10, 31), 4, kMonths),
            CivilDay(2028, 2, 29));  // 2028 is a leap year
  EXPECT_EQ(AddTerm(CivilDay(2027, 1, 31), 1, kMonths), CivilDay(2027, 2, 28));
  EXPECT_EQ(AddTerm(CivilDay(2028, 1, 31), 1, kMonths), CivilDay(2028, 2, 29));
  EXPECT_EQ(AddTerm(CivilDay(2027, 1, 31), 4, kMonths), CivilDay(2027, 5, 31));
  EXPECT_EQ(AddTerm(CivilDay(2026, 11, 30), 4, kMonths), CivilDay(2027, 3, 30));
  EXPECT_EQ(AddTerm(CivilDay(2026, 11, 30), 3, kMonths), CivilDay(2027, 2, 28));
  EXPECT_EQ(AddTerm(CivilDay(2028, 2, 29), 4, kMonths), CivilDay(2028, 6, 29));
  EXPECT_EQ(AddTerm(CivilDay(2028, 2, 29), 12, kMonths), CivilDay(2029, 2, 28));
  // Arrival 2 March: "within 4 months" ends on 2 July, where 120 days
  // ended on 30 June.
  EXPECT_EQ(AddTerm(CivilDay(2026, 3, 2), 4, kMonths), CivilDay(2026, 7, 2));
  EXPECT_EQ(AddTerm(CivilDay(2026, 3, 31), -1, kMonths), CivilDay(2026, 2, 28));
}

TEST(TermTest, DaysAndWeeks) {
  EXPECT_EQ(AddTerm(CivilDay(2026, 12, 2), 4, v1::TERM_UNIT_WEEKS),
            CivilDay(2026, 12, 30));
  EXPECT_EQ(AddTerm(CivilDay(2026, 12, 2), -30, v1::TERM_UNIT_DAYS),
            CivilDay(2026, 11, 2));
}

TEST(TermTest, TheTermijnenwetMovesOnlyTermsThatFollowIt) {
  // Wet BRP art. 2.38 (5 days) under the Atw: arrival Tuesday 1 September
  // 2026 + 5 days = Sunday 6th -> Monday 7 September.
  EXPECT_EQ(EndOfTerm(CivilDay(2026, 9, 1), {5, v1::TERM_UNIT_DAYS, kAtw}),
            CivilDay(2026, 9, 7));
  // The same dates as a calendar-day term stay on the Sunday.
  EXPECT_EQ(EndOfTerm(CivilDay(2026, 9, 1), {5, v1::TERM_UNIT_DAYS, kCalendar}),
            CivilDay(2026, 9, 6));
  // 31 October 2026 + 4 months is Sunday 28 February 2027; a term of more
  // than three months is outside the Atw (art. 4), so it stays.
  EXPECT_EQ(EndOfTerm(CivilDay(2026, 10, 31), {4, kMonths, kCalendar}),
            CivilDay(2027, 2, 28));
  // Counted back from the anchor, a term is never extended (Atw art. 1(2)):
  // 1 February 2027 - 30 days is Saturday 2 January.
  EXPECT_EQ(EndOfTerm(CivilDay(2027, 2, 1), {-30, v1::TERM_UNIT_DAYS, kAtw}),
            CivilDay(2027, 1, 2));
}

TEST(TermTest, ValidationNamesTheFieldAndKeepsTheAtwToShortForwardTerms) {
  EXPECT_TRUE(ValidateTerm("term", {4, kMonths, kCalendar}).ok());
  EXPECT_TRUE(ValidateTerm("term", {3, kMonths, kAtw}).ok());
  absl::Status long_atw = ValidateTerm("term", {4, kMonths, kAtw});
  EXPECT_EQ(long_atw.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(long_atw.message()), HasSubstr("art. 4"));
  EXPECT_FALSE(ValidateTerm("term", {13, kMonths, kCalendar}).ok());
  EXPECT_FALSE(ValidateTerm("term", {53, v1::TERM_UNIT_WEEKS, kCalendar}).ok());
  EXPECT_FALSE(
      ValidateTerm("term", {1, v1::TERM_UNIT_UNSPECIFIED, kCalendar}).ok());
  EXPECT_EQ(DescribeTerm({4, kMonths, kCalendar}), "4 months");
  EXPECT_EQ(DescribeTerm({1, v1::TERM_UNIT_DAYS, kCalendar}), "1 day");
}

TEST(TermTest, DefinitionsWithoutATermCountOffsetDays) {
  v1::StepDefinition old_style;
  old_style.set_offset_days(120);
  EXPECT_EQ(TermOf(old_style), (Term{120, v1::TERM_UNIT_DAYS, kCalendar}));
  v1::StepDefinition with_term;
  with_term.mutable_term()->set_amount(4);
  with_term.mutable_term()->set_unit(kMonths);
  with_term.set_end_of_term(kCalendar);
  EXPECT_EQ(TermOf(with_term), (Term{4, kMonths, kCalendar}));
}

}  // namespace
}  // namespace welkom::journey
