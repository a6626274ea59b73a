// File: civil_date.h
// Calendar dates as the store keeps them ('YYYY-MM-DD', which sorts as
// text) and "today" in Europe/Amsterdam, where every Welkom deadline lives.
#ifndef WELKOM_SERVER_DOMAIN_CALENDAR_CIVIL_DATE_H_
#define WELKOM_SERVER_DOMAIN_CALENDAR_CIVIL_DATE_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace welkom::calendar {

// Europe/Amsterdam, loaded once. Aborts at start-up if tzdata lacks it,
// since every deadline would otherwise be wrong.
const absl::TimeZone& Amsterdam();

// The calendar date of `t` in Europe/Amsterdam.
absl::CivilDay AmsterdamDay(absl::Time t);

// "2026-03-05". Years outside 0..9999 are not produced by Welkom.
std::string FormatDate(absl::CivilDay day);
// std::nullopt unless `text` is exactly a valid 'YYYY-MM-DD' date.
std::optional<absl::CivilDay> ParseDate(absl::string_view text);

}  // namespace welkom::calendar

#endif  // WELKOM_SERVER_DOMAIN_CALENDAR_CIVIL_DATE_H_
