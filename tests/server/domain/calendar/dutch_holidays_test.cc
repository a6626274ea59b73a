#include "server/domain/calendar/dutch_holidays.h"

#include <gtest/gtest.h>

namespace welkom::calendar {
namespace {

TEST(DutchHolidaysTest, EasterSundayMatchesKnownYears) {
  EXPECT_EQ(EasterSunday(2024), absl::CivilDay(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), absl::CivilDay(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), absl::CivilDay(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2027), absl::CivilDay(2027, 3, 28));
  EXPECT_EQ(EasterSunday(2038), absl::CivilDay(2038, 4, 25));
}

TEST(DutchHolidaysTest, EasterBasedHolidaysOf2026) {
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2026, 4, 3)));  // Good Friday
  EXPECT_TRUE(
      IsDutchPublicHoliday(absl::CivilDay(2026, 4, 6)));  // Easter Monday
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2026, 5, 14)));  // Ascension
  EXPECT_TRUE(
      IsDutchPublicHoliday(absl::CivilDay(2026, 5, 25)));  // Whit Monday
  EXPECT_FALSE(IsDutchPublicHoliday(absl::CivilDay(2026, 4, 7)));
  EXPECT_FALSE(IsDutchPublicHoliday(absl::CivilDay(2026, 5, 15)));
}

TEST(DutchHolidaysTest, KingsDayMovesToSaturdayWhenOnSunday) {
  // 27 April 2025 was a Sunday.
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2025, 4, 26)));
  EXPECT_FALSE(IsDutchPublicHoliday(absl::CivilDay(2025, 4, 27)));
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2026, 4, 27)));
}

TEST(DutchHolidaysTest, FixedHolidays) {
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2026, 1, 1)));
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2026, 5, 5)));
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2026, 12, 25)));
  EXPECT_TRUE(IsDutchPublicHoliday(absl::CivilDay(2026, 12, 26)));
  EXPECT_FALSE(IsDutchPublicHoliday(absl::CivilDay(2026, 12, 24)));
}

TEST(DutchHolidaysTest, WeekendsAndHolidaysAreNotWorkingDays) {
  EXPECT_TRUE(IsWorkingDay(absl::CivilDay(2026, 11, 23)));   // Monday
  EXPECT_FALSE(IsWorkingDay(absl::CivilDay(2026, 11, 21)));  // Saturday
  EXPECT_FALSE(IsWorkingDay(absl::CivilDay(2026, 11, 22)));  // Sunday
  EXPECT_FALSE(IsWorkingDay(absl::CivilDay(2026, 4, 3)));    // Good Friday
}

}  // namespace
}  // namespace welkom::calendar
