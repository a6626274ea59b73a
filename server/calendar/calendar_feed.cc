#include "server/calendar/calendar_feed.h"

#include "absl/strings/str_cat.h"
#include "server/auth/tokens.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/store/calendar_feed_store.h"
#include "server/store/event_store.h"
#include "server/store/language_store.h"

namespace welkom::calendar {
namespace {

constexpr absl::Duration kHistory = absl::Hours(24 * 30);
constexpr size_t kMaxSecretChars = 128;

absl::Status AddEvents(store::Connection& c, const std::string& user_id,
                       absl::Time now, std::vector<CalendarEntry>* out) {
  WELKOM_ASSIGN_OR_RETURN(auto events,
                          store::ListConfirmedEventsOf(
                              c, user_id, absl::ToUnixSeconds(now - kHistory)));
  for (const store::EventRow& e : events) {
    CalendarEntry entry;
    entry.uid = absl::StrCat("event-", e.id, "@welkom");
    entry.summary = e.title_en;
    entry.description = e.description_en;
    entry.location = e.venue;
    entry.start_at = e.start_at;
    entry.end_at = e.end_at;
    out->push_back(std::move(entry));
  }
  return absl::OkStatus();
}

absl::Status AddClassSessions(store::Connection& c, const std::string& user_id,
                              absl::Time now, std::vector<CalendarEntry>* out) {
  WELKOM_ASSIGN_OR_RETURN(auto sessions,
                          store::ListClassSessionsOf(
                              c, user_id, absl::ToUnixSeconds(now - kHistory)));
  for (const store::ClassSession& s : sessions) {
    CalendarEntry entry;
    entry.uid = absl::StrCat("class-", s.session_id, "@welkom");
    entry.summary = s.title_en;
    entry.location = s.venue;
    entry.start_at = s.start_at;
    entry.end_at = s.end_at;
    out->push_back(std::move(entry));
  }
  return absl::OkStatus();
}

}  // namespace

std::string FeedPath(absl::string_view secret) {
  return absl::StrCat("/calendar/", secret, ".ics");
}

CalendarFeed::CalendarFeed(store::Database* db, const Clock* clock)
    : db_(db), clock_(clock) {
  sources_.push_back(AddEvents);
  sources_.push_back(AddClassSessions);
}

absl::StatusOr<std::string> CalendarFeed::Render(
    absl::string_view secret) const {
  if (secret.empty() || secret.size() > kMaxSecretChars) {
    return absl::NotFoundError("no such calendar");
  }
  absl::Time now = clock_->Now();
  std::vector<CalendarEntry> entries;
  WELKOM_RETURN_IF_ERROR(db_->Read([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(
        std::optional<std::string> owner,
        store::FindCalendarFeedOwner(c, auth::HashSecret(secret)));
    if (!owner.has_value()) return absl::NotFoundError("no such calendar");
    for (const Source& source : sources_) {
      WELKOM_RETURN_IF_ERROR(source(c, *owner, now, &entries));
    }
    return absl::OkStatus();
  }));
  return RenderICalendar("Welkom", entries, now);
}

void CalendarFeed::AddRoute(gateway::HttpServer& http) const {
  http.routes().Get(
      R"(/calendar/([A-Za-z0-9_-]+)\.ics)",
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<std::string> ics = Render(req.matches[1].str());
        if (absl::IsNotFound(ics.status())) {
          res.status = 404;
          res.set_content("no such calendar\n", "text/plain");
          return;
        }
        if (!ics.ok()) {
          Log(LogLevel::kError, "calendar_feed_failed",
              {{"error", std::string(ics.status().message())}});
          res.status = 500;
          res.set_content("calendar unavailable\n", "text/plain");
          return;
        }
        res.set_header("Cache-Control", "private, no-store");
        res.set_content(*ics, "text/calendar; charset=utf-8");
      });
}

}  // namespace welkom::calendar
