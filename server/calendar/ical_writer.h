// File: ical_writer.h
// Renders calendar entries as an iCalendar (RFC 5545) document with libical:
// one VCALENDAR holding the VTIMEZONE of Europe/Amsterdam (from the system's
// tz database, truncated to the years in use) and one VEVENT per entry, its
// times in Europe/Amsterdam local time with TZID=Europe/Amsterdam.
//
//   std::vector<CalendarEntry> entries = {...};
//   absl::StatusOr<std::string> ics = RenderICalendar("Welkom", entries, now);
#ifndef WELKOM_SERVER_CALENDAR_ICAL_WRITER_H_
#define WELKOM_SERVER_CALENDAR_ICAL_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace welkom::calendar {

inline constexpr char kCalendarTzid[] = "Europe/Amsterdam";

struct CalendarEntry {
  std::string uid;  // stable across renders, e.g. "event-<id>@welkom"
  std::string summary;
  std::string description;
  std::string location;
  // A timed entry: instants (Unix seconds, UTC).
  int64_t start_at = 0;
  int64_t end_at = 0;
  // When set, an all-day entry on this Europe/Amsterdam date instead.
  std::optional<absl::CivilDay> all_day;
};

// The whole document. INTERNAL if libical or the time zone data fail.
absl::StatusOr<std::string> RenderICalendar(
    absl::string_view calendar_name, const std::vector<CalendarEntry>& entries,
    absl::Time now);

}  // namespace welkom::calendar

#endif  // WELKOM_SERVER_CALENDAR_ICAL_WRITER_H_
