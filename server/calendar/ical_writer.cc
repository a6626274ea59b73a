#include "server/calendar/ical_writer.h"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace welkom::calendar {
namespace {

// libical keeps its built-in time zones in shared state; one render at a
// time keeps that safe whatever libical was built with.
absl::Mutex& LibicalMutex() {
  static absl::Mutex* mu = new absl::Mutex();
  return *mu;
}

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype UtcTime(absl::Time t) {
  return icaltime_from_timet_with_zone(absl::ToTimeT(t), 0,
                                       icaltimezone_get_utc_timezone());
}

icaltimetype LocalTime(int64_t unix_seconds, const absl::TimeZone& zone) {
  absl::CivilSecond cs =
      absl::ToCivilSecond(absl::FromUnixSeconds(unix_seconds), zone);
  icaltimetype t = icaltime_null_time();
  t.year = static_cast<int>(cs.year());
  t.month = cs.month();
  t.day = cs.day();
  t.hour = cs.hour();
  t.minute = cs.minute();
  t.second = cs.second();
  t.is_date = 0;
  return t;
}

icaltimetype DateOf(absl::CivilDay day) {
  icaltimetype t = icaltime_null_date();
  t.year = static_cast<int>(day.year());
  t.month = day.month();
  t.day = day.day();
  return t;
}

icalproperty* WithTzid(icalproperty* p) {
  icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
  icalproperty_add_parameter(p, icalparameter_new_tzid(kCalendarTzid));
  return p;
}

// The Europe/Amsterdam VTIMEZONE from the system tz database, from a year
// before `now` onward, with the plain TZID that the events refer to.
absl::StatusOr<Component> AmsterdamTimezone(absl::Time now) {
  icaltimezone* tz = icaltimezone_get_builtin_timezone(kCalendarTzid);
  if (tz == nullptr) {
    return absl::InternalError("libical has no Europe/Amsterdam time zone");
  }
  icalcomponent* source = icaltimezone_get_component(tz);
  if (source == nullptr) {
    return absl::InternalError("libical cannot build the VTIMEZONE");
  }
  Component vtz(icalcomponent_new_clone(source));
  icaltimezone_truncate_vtimezone(
      vtz.get(), UtcTime(now - absl::Hours(24 * 400)), icaltime_null_time(), 1);
  icalproperty* id =
      icalcomponent_get_first_property(vtz.get(), ICAL_TZID_PROPERTY);
  if (id == nullptr) return absl::InternalError("VTIMEZONE without TZID");
  icalproperty_set_tzid(id, kCalendarTzid);
  return vtz;
}

void AddEntry(icalcomponent* cal, const CalendarEntry& e,
              const absl::TimeZone& zone, absl::Time now) {
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(UtcTime(now)));
  icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
  if (!e.description.empty()) {
    icalcomponent_add_property(
        ev, icalproperty_new_description(e.description.c_str()));
  }
  if (!e.location.empty()) {
    icalcomponent_add_property(ev,
                               icalproperty_new_location(e.location.c_str()));
  }
  if (e.all_day.has_value()) {
    icalcomponent_add_property(ev,
                               icalproperty_new_dtstart(DateOf(*e.all_day)));
    icalcomponent_add_property(ev,
                               icalproperty_new_dtend(DateOf(*e.all_day + 1)));
  } else {
    icalcomponent_add_property(
        ev, WithTzid(icalproperty_new_dtstart(LocalTime(e.start_at, zone))));
    icalcomponent_add_property(
        ev, WithTzid(icalproperty_new_dtend(LocalTime(e.end_at, zone))));
  }
  icalcomponent_add_component(cal, ev);
}

// RFC 5545 section 3.1: "Lines of text SHOULD NOT be longer than 75
// octets, excluding the line break."
constexpr size_t kMaxLineOctets = 75;

bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

void AppendFolded(absl::string_view line, std::string* out) {
  size_t pos = 0;
  bool first = true;
  do {
    // A continuation line's leading space is one of its 75 octets.
    size_t end = pos + (first ? kMaxLineOctets : kMaxLineOctets - 1);
    if (end >= line.size()) {
      end = line.size();
    } else {
      // Back up to the first byte of the character that would be cut; a
      // character is at most 4 octets, so the part is never empty.
      while (end > pos && IsUtf8Continuation(line[end])) --end;
    }
    if (!first) out->push_back(' ');
    out->append(line.data() + pos, end - pos);
    out->append("\r\n");
    pos = end;
    first = false;
  } while (pos < line.size());
}

}  // namespace

std::string FoldContentLines(absl::string_view document) {
  std::string out;
  out.reserve(document.size() + document.size() / 64);
  std::string line;
  const size_t n = document.size();
  for (size_t i = 0; i < n; ++i) {
    char c = document[i];
    if (c != '\r' && c != '\n') {
      line.push_back(c);
      continue;
    }
    // A line break: CRLF, or a bare CR or LF (what a fold inside a CRLF
    // leaves behind). Followed by a space or tab it is a fold, and the break
    // and that one character go.
    size_t next = i + 1;
    if (c == '\r' && next < n && document[next] == '\n') ++next;
    if (next < n && (document[next] == ' ' || document[next] == '\t')) {
      i = next;
      continue;
    }
    if (!line.empty()) AppendFolded(line, &out);
    line.clear();
    i = next - 1;
  }
  if (!line.empty()) AppendFolded(line, &out);
  return out;
}

absl::StatusOr<std::string> RenderICalendar(
    absl::string_view calendar_name, const std::vector<CalendarEntry>& entries,
    absl::Time now) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(kCalendarTzid, &zone)) {
    return absl::InternalError("cannot load time zone Europe/Amsterdam");
  }
  absl::MutexLock lock(&LibicalMutex());
  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(
      cal.get(), icalproperty_new_prodid("-//Welkom//Welkom Twente//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(),
                             icalproperty_new_method(ICAL_METHOD_PUBLISH));
  std::string name(calendar_name);
  icalproperty* x_name = icalproperty_new_x(name.c_str());
  icalproperty_set_x_name(x_name, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), x_name);
  icalproperty* x_tz = icalproperty_new_x(kCalendarTzid);
  icalproperty_set_x_name(x_tz, "X-WR-TIMEZONE");
  icalcomponent_add_property(cal.get(), x_tz);
  absl::StatusOr<Component> vtz = AmsterdamTimezone(now);
  if (!vtz.ok()) return vtz.status();
  icalcomponent_add_component(cal.get(), vtz->release());
  for (const CalendarEntry& e : entries) AddEntry(cal.get(), e, zone, now);
  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (text == nullptr) return absl::InternalError("libical could not render");
  std::string out = FoldContentLines(text);
  std::free(text);
  return out;
}

}  // namespace welkom::calendar
