// File: dutch_holidays.h
// Dutch public holidays (the days most employers and public offices close):
// New Year's Day, Good Friday, Easter Sunday and Monday, King's Day (27 April,
// the 26th when the 27th is a Sunday), Liberation Day (5 May, every year),
// Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day. The
// Easter-based ones are computed (Gregorian computus), so any year works.
#ifndef WELKOM_SERVER_DOMAIN_CALENDAR_DUTCH_HOLIDAYS_H_
#define WELKOM_SERVER_DOMAIN_CALENDAR_DUTCH_HOLIDAYS_H_

#include "absl/time/civil_time.h"

namespace welkom::calendar {

// Easter Sunday of `year` (Gregorian calendar).
absl::CivilDay EasterSunday(int year);

bool IsDutchPublicHoliday(absl::CivilDay day);

// Monday to Friday and not a public holiday.
bool IsWorkingDay(absl::CivilDay day);

}  // namespace welkom::calendar

#endif  // WELKOM_SERVER_DOMAIN_CALENDAR_DUTCH_HOLIDAYS_H_
