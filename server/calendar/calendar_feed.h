// File: calendar_feed.h
// The personal calendar feeds on welkomd's HTTP port:
//   GET /calendar/<secret>.ics  ->  200 text/calendar, or 404 for an address
//                                   that was never issued or was revoked.
// A feed lists the member's confirmed event RSVPs and Dutch class sessions
// from 30 days ago onward, plus whatever the added sources contribute (e.g.
// journey deadlines). The secret itself is never stored; the address is
// issued and revoked through CalendarService.
#ifndef WELKOM_SERVER_CALENDAR_CALENDAR_FEED_H_
#define WELKOM_SERVER_CALENDAR_CALENDAR_FEED_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/base/clock.h"
#include "server/calendar/ical_writer.h"
#include "server/gateway/http_server.h"
#include "server/store/database.h"

namespace welkom::calendar {

// The path of the feed for `secret`.
std::string FeedPath(absl::string_view secret);

class CalendarFeed {
 public:
  // Adds the entries of member `user_id` to `out`, inside the feed's read
  // snapshot.
  using Source = std::function<absl::Status(
      store::Connection&, const std::string& user_id, absl::Time now,
      std::vector<CalendarEntry>* out)>;

  CalendarFeed(store::Database* db, const Clock* clock);

  void AddSource(Source source) { sources_.push_back(std::move(source)); }

  // The iCalendar document for the address `secret`; NOT_FOUND if no member
  // holds that address.
  absl::StatusOr<std::string> Render(absl::string_view secret) const;

  // Serves GET /calendar/<secret>.ics on `http` (before it starts).
  void AddRoute(gateway::HttpServer& http) const;

 private:
  store::Database* db_;
  const Clock* clock_;
  std::vector<Source> sources_;
};

}  // namespace welkom::calendar

#endif  // WELKOM_SERVER_CALENDAR_CALENDAR_FEED_H_
