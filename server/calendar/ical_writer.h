// File: ical_writer.h
// Renders calendar entries as an iCalendar (RFC 5545) document with libical
// (folded by our own FoldContentLines, as libical 3.0 folds inside a CRLF):
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

// The whole document, its content lines folded by FoldContentLines. INTERNAL
// if libical or the time zone data fail.
absl::StatusOr<std::string> RenderICalendar(
    absl::string_view calendar_name, const std::vector<CalendarEntry>& entries,
    absl::Time now);

// RFC 5545 section 3.1 folding of a whole document: every content line is
// first unfolded (a CRLF followed by a space or tab is removed, also where
// libical wrongly put one inside a line ending), then written as physical
// lines of at most 75 octets each, not counting the CRLF that ends every
// one; a continuation line starts with one space, which counts. A fold never
// splits a UTF-8 character, so each physical line is valid UTF-8 on its own
// when the input is. Bare CR and LF never appear in the output.
std::string FoldContentLines(absl::string_view document);

}  // namespace welkom::calendar

#endif  // WELKOM_SERVER_CALENDAR_ICAL_WRITER_H_
