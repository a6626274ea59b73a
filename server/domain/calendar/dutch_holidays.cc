#include "server/domain/calendar/dutch_holidays.h"

namespace welkom::calendar {

absl::CivilDay EasterSunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = ((h + l - 7 * m + 114) % 31) + 1;
  return absl::CivilDay(year, month, day);
}

bool IsDutchPublicHoliday(absl::CivilDay day) {
  const int y = static_cast<int>(day.year());
  const int m = day.month();
  const int d = day.day();
  if (m == 1 && d == 1) return true;
  if (m == 12 && (d == 25 || d == 26)) return true;
  if (m == 5 && d == 5) return true;
  // King's Day moves to Saturday the 26th when the 27th is a Sunday.
  absl::CivilDay kings(y, 4, 27);
  if (absl::GetWeekday(kings) == absl::Weekday::sunday) kings -= 1;
  if (day == kings) return true;
  const absl::CivilDay easter = EasterSunday(y);
  const auto offset = day - easter;
  return offset == -2 || offset == 0 || offset == 1 ||  // Good Friday, Easter
         offset == 39 ||                                // Ascension Day
         offset == 49 || offset == 50;                  // Whitsun
}

bool IsWorkingDay(absl::CivilDay day) {
  absl::Weekday w = absl::GetWeekday(day);
  if (w == absl::Weekday::saturday || w == absl::Weekday::sunday) return false;
  return !IsDutchPublicHoliday(day);
}

}  // namespace welkom::calendar
