// File: working_hours.h
// When Welkom may send a notice: on working days (calendar/dutch_holidays.h)
// between 08:00 and 22:00 Europe/Amsterdam. Anything due outside that window
// waits for the next working morning at 08:00.
#ifndef WELKOM_SERVER_DOMAIN_CALENDAR_WORKING_HOURS_H_
#define WELKOM_SERVER_DOMAIN_CALENDAR_WORKING_HOURS_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace welkom::calendar {

inline constexpr int kQuietHoursEnd = 8;     // 08:00 local
inline constexpr int kQuietHoursStart = 22;  // 22:00 local

// True if a notice may go out at `t`.
bool IsDeliveryTime(absl::Time t);

// `t` itself if it is a delivery time, otherwise the next working day's
// 08:00 in Europe/Amsterdam (DST-correct: 08:00 local, whatever the offset).
absl::Time NextDeliveryTime(absl::Time t);

// The Europe/Amsterdam day whose daily digest is due at `t`: that day if it
// is a working day and 08:00 local has passed; std::nullopt otherwise
// (weekends, public holidays, before 08:00). After 22:00 the day's digest
// is still due: a digest is one mail a day, not a notice at night.
std::optional<absl::CivilDay> DigestDay(absl::Time t);

}  // namespace welkom::calendar

#endif  // WELKOM_SERVER_DOMAIN_CALENDAR_WORKING_HOURS_H_
