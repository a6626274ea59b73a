// File: termijnenwet.h
// The Algemene termijnenwet (Atw, BWBR0002448): how a term set in a Dutch
// law or general administrative order ends when it would end on a
// Saturday, Sunday or generally recognised holiday.
//
//   absl::CivilDay end = ExtendToAtwWorkingDay(arrival, arrival + 5);
//
// Holidays are those of art. 3(1) (New Year's Day, Easter Monday, Whit
// Monday, Christmas and Boxing Day, Ascension Day, the day the King's
// birthday is celebrated, 5 May), Good Friday (art. 3(2)) and the days a
// decree under art. 3(3) equates with them (e.g. the Friday after Ascension
// Day). Those equated days are not public holidays for anything else: they
// stay working days for reminders (dutch_holidays.h).
#ifndef WELKOM_SERVER_DOMAIN_CALENDAR_TERMIJNENWET_H_
#define WELKOM_SERVER_DOMAIN_CALENDAR_TERMIJNENWET_H_

#include "absl/time/civil_time.h"

namespace welkom::calendar {

// A holiday of Atw art. 3, or a day equated with one by decree. The decrees
// are known up to 2028 ("Besluit gelijkstelling van 2 januari 2026, 15 mei
// 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende
// feestdag"); add the next decree's days to termijnenwet.cc when published.
bool IsAtwHoliday(absl::CivilDay day);

// Neither a Saturday, a Sunday nor an Atw holiday.
bool IsAtwWorkingDay(absl::CivilDay day);

// The end of a statutory term that starts on `start` and would end on
// `end` (end >= start): moved to the next Atw working day if it is none
// (art. 1(1)), and, for a term of 3 days or more, moved on until the days
// after `start` up to the end hold at least two Atw working days (art. 2).
// A term counted back from an event is not extended (art. 1(2)): callers
// pass only forward terms.
absl::CivilDay ExtendToAtwWorkingDay(absl::CivilDay start, absl::CivilDay end);

}  // namespace welkom::calendar

#endif  // WELKOM_SERVER_DOMAIN_CALENDAR_TERMIJNENWET_H_
