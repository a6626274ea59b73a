// The Algemene termijnenwet (Atw, https://wetten.overheid.nl/BWBR0002448)
// with dates worked out by hand from its articles; checked 2026-12-02.
#include "server/domain/calendar/termijnenwet.h"

#include <gtest/gtest.h>

namespace welkom::calendar {
namespace {

using absl::CivilDay;

TEST(TermijnenwetTest, HolidaysOfArticleThreeAndTheDecreeDays) {
  // Art. 3(1): King's Day, celebrated on Tuesday 27 April 2027.
  EXPECT_TRUE(IsAtwHoliday(CivilDay(2027, 4, 27)));
  // 27 April 2025 was a Sunday, so King's Day was Saturday the 26th.
  EXPECT_TRUE(IsAtwHoliday(CivilDay(2025, 4, 26)));
  // Art. 3(2): Good Friday (Easter 2026 is 5 April, so 3 April).
  EXPECT_TRUE(IsAtwHoliday(CivilDay(2026, 4, 3)));
  // Art. 3(3), "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026,
  // 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende
  // feestdag": equated for terms, yet a working day for everything else.
  EXPECT_TRUE(IsAtwHoliday(CivilDay(2026, 1, 2)));
  EXPECT_TRUE(IsAtwHoliday(CivilDay(2026, 5, 15)));
  EXPECT_TRUE(IsAtwHoliday(CivilDay(2027, 5, 7)));
  EXPECT_FALSE(IsAtwWorkingDay(CivilDay(2026, 1, 2)));
  // An ordinary Wednesday.
  EXPECT_FALSE(IsAtwHoliday(CivilDay(2026, 12, 2)));
  EXPECT_TRUE(IsAtwWorkingDay(CivilDay(2026, 12, 2)));
}

TEST(TermijnenwetTest, ATermEndingOnASundayRunsToMonday) {
  // Art. 1(1): ends Sunday 6 September 2026 -> Monday 7 September.
  EXPECT_EQ(ExtendToAtwWorkingDay(CivilDay(2026, 9, 1), CivilDay(2026, 9, 6)),
            CivilDay(2026, 9, 7));
  // A term ending on a working day stays.
  EXPECT_EQ(ExtendToAtwWorkingDay(CivilDay(2026, 9, 2), CivilDay(2026, 9, 7)),
            CivilDay(2026, 9, 7));
}

TEST(TermijnenwetTest, KingsDayAndTheDayAfterAscensionAreSkipped) {
  // Ends on King's Day, Tuesday 27 April 2027 -> Wednesday 28 April.
  EXPECT_EQ(ExtendToAtwWorkingDay(CivilDay(2027, 4, 22), CivilDay(2027, 4, 27)),
            CivilDay(2027, 4, 28));
  // Ends on Ascension Day, Thursday 14 May 2026; Friday 15 May is equated
  // by decree; then the weekend -> Monday 18 May.
  EXPECT_EQ(ExtendToAtwWorkingDay(CivilDay(2026, 5, 9), CivilDay(2026, 5, 14)),
            CivilDay(2026, 5, 18));
}

TEST(TermijnenwetTest, ThreeDayTermHoldsTwoWorkingDays) {
  // Art. 2: a 3-day term from Thursday 24 December 2026 would end Sunday
  // 27th; art. 1 gives Monday 28th, but 25-28 December hold one working
  // day only, so it runs to Tuesday 29 December.
  EXPECT_EQ(
      ExtendToAtwWorkingDay(CivilDay(2026, 12, 24), CivilDay(2026, 12, 27)),
      CivilDay(2026, 12, 29));
}

}  // namespace
}  // namespace welkom::calendar
