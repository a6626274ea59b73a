#include "server/domain/calendar/termijnenwet.h"

#include <algorithm>
#include <iterator>

#include "server/domain/calendar/dutch_holidays.h"

namespace welkom::calendar {
namespace {

// Days equated with a generally recognised holiday by decree (Atw art.
// 3(3)), from the decrees for 2023-2025 and for 2026-2028. Sorted.
const absl::CivilDay kEquatedDays[] = {
    absl::CivilDay(2023, 4, 28), absl::CivilDay(2023, 5, 19),
    absl::CivilDay(2024, 5, 10), absl::CivilDay(2024, 12, 27),
    absl::CivilDay(2025, 5, 30), absl::CivilDay(2026, 1, 2),
    absl::CivilDay(2026, 5, 15), absl::CivilDay(2027, 5, 7),
    absl::CivilDay(2028, 4, 28), absl::CivilDay(2028, 5, 26),
};

bool IsWeekend(absl::CivilDay day) {
  absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

}  // namespace

bool IsAtwHoliday(absl::CivilDay day) {
  // Art. 3(1) and (2) name the same days as dutch_holidays.h; the Easter
  // and Whit Sundays it adds are Sundays anyway.
  if (IsDutchPublicHoliday(day)) return true;
  return std::binary_search(std::begin(kEquatedDays), std::end(kEquatedDays),
                            day);
}

bool IsAtwWorkingDay(absl::CivilDay day) {
  return !IsWeekend(day) && !IsAtwHoliday(day);
}

absl::CivilDay ExtendToAtwWorkingDay(absl::CivilDay start, absl::CivilDay end) {
  const bool art2 = end - start >= 3;
  int working = 0;
  for (absl::CivilDay d = start + 1; d <= end; ++d) {
    if (IsAtwWorkingDay(d)) ++working;
  }
  while (!IsAtwWorkingDay(end) || (art2 && working < 2)) {
    ++end;
    if (IsAtwWorkingDay(end)) ++working;
  }
  return end;
}

}  // namespace welkom::calendar
