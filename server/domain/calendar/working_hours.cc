#include "server/domain/calendar/working_hours.h"

#include "server/domain/calendar/civil_date.h"
#include "server/domain/calendar/dutch_holidays.h"

namespace welkom::calendar {

bool IsDeliveryTime(absl::Time t) {
  absl::CivilSecond local = absl::ToCivilSecond(t, Amsterdam());
  return IsWorkingDay(absl::CivilDay(local)) &&
         local.hour() >= kQuietHoursEnd && local.hour() < kQuietHoursStart;
}

absl::Time NextDeliveryTime(absl::Time t) {
  if (IsDeliveryTime(t)) return t;
  absl::CivilSecond local = absl::ToCivilSecond(t, Amsterdam());
  absl::CivilDay day(local);
  // Before 08:00 on a working day the same morning counts.
  if (!(IsWorkingDay(day) && local.hour() < kQuietHoursEnd)) {
    do {
      ++day;
    } while (!IsWorkingDay(day));
  }
  return absl::FromCivil(
      absl::CivilHour(day.year(), day.month(), day.day(), kQuietHoursEnd),
      Amsterdam());
}

std::optional<absl::CivilDay> DigestDay(absl::Time t) {
  absl::CivilSecond local = absl::ToCivilSecond(t, Amsterdam());
  absl::CivilDay day(local);
  if (!IsWorkingDay(day) || local.hour() < kQuietHoursEnd) return std::nullopt;
  return day;
}

}  // namespace welkom::calendar
