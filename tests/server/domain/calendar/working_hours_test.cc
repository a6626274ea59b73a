#include "server/domain/calendar/working_hours.h"

#include <gtest/gtest.h>

#include "server/domain/calendar/civil_date.h"

namespace welkom::calendar {
namespace {

absl::Time Local(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), Amsterdam());
}

TEST(WorkingHoursTest, DaytimeOnAWorkingDayIsSentAtOnce) {
  absl::Time t = Local(2026, 11, 24, 10, 30);
  EXPECT_TRUE(IsDeliveryTime(t));
  EXPECT_EQ(NextDeliveryTime(t), t);
}

TEST(WorkingHoursTest, LateEveningWaitsForTheNextMorning) {
  EXPECT_EQ(NextDeliveryTime(Local(2026, 11, 24, 22, 0)),
            Local(2026, 11, 25, 8, 0));
  EXPECT_EQ(NextDeliveryTime(Local(2026, 11, 25, 6, 59)),
            Local(2026, 11, 25, 8, 0));
}

TEST(WorkingHoursTest, FridayNightWaitsForMonday) {
  EXPECT_EQ(NextDeliveryTime(Local(2026, 11, 27, 23, 0)),
            Local(2026, 11, 30, 8, 0));
}

TEST(WorkingHoursTest, EasterWeekendWaitsForTuesday) {
  // Good Friday 3 April 2026 to Easter Monday 6 April.
  EXPECT_EQ(NextDeliveryTime(Local(2026, 4, 2, 21, 59)),
            Local(2026, 4, 2, 21, 59));
  EXPECT_EQ(NextDeliveryTime(Local(2026, 4, 2, 22, 0)),
            Local(2026, 4, 7, 8, 0));
}

TEST(WorkingHoursTest, MorningAfterDstChangeIsEightLocal) {
  // Clocks go forward on Sunday 29 March 2026: Monday 08:00 is 06:00 UTC.
  absl::Time next = NextDeliveryTime(Local(2026, 3, 27, 23, 0));
  EXPECT_EQ(next, absl::FromCivil(absl::CivilSecond(2026, 3, 30, 6, 0, 0),
                                  absl::UTCTimeZone()));
  // Clocks go back on Sunday 25 October 2026: Monday 08:00 is 07:00 UTC.
  next = NextDeliveryTime(Local(2026, 10, 23, 23, 0));
  EXPECT_EQ(next, absl::FromCivil(absl::CivilSecond(2026, 10, 26, 7, 0, 0),
                                  absl::UTCTimeZone()));
}

TEST(CivilDateTest, ParsesOnlyRealDates) {
  EXPECT_EQ(ParseDate("2026-02-28"), absl::CivilDay(2026, 2, 28));
  EXPECT_FALSE(ParseDate("2026-02-30").has_value());
  EXPECT_FALSE(ParseDate("2026-2-3").has_value());
  EXPECT_EQ(FormatDate(absl::CivilDay(2026, 3, 5)), "2026-03-05");
}

}  // namespace
}  // namespace welkom::calendar
