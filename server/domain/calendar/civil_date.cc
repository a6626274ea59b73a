#include "server/domain/calendar/civil_date.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace welkom::calendar {

const absl::TimeZone& Amsterdam() {
  static const absl::TimeZone* tz = [] {
    auto* zone = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/Amsterdam", zone)) {
      std::fprintf(stderr, "tzdata has no Europe/Amsterdam\n");
      std::abort();
    }
    return zone;
  }();
  return *tz;
}

absl::CivilDay AmsterdamDay(absl::Time t) {
  return absl::ToCivilDay(t, Amsterdam());
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::optional<absl::CivilDay> ParseDate(absl::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int y = 0, m = 0, d = 0;
  if (!absl::SimpleAtoi(text.substr(0, 4), &y) ||
      !absl::SimpleAtoi(text.substr(5, 2), &m) ||
      !absl::SimpleAtoi(text.substr(8, 2), &d)) {
    return std::nullopt;
  }
  absl::CivilDay day(y, m, d);
  // CivilDay normalises 2026-02-30 to March; a real date survives unchanged.
  if (day.year() != y || day.month() != m || day.day() != d)
    return std::nullopt;
  return day;
}

}  // namespace welkom::calendar
