// Client::RenewCalendarFeed, CalendarFeedUrl and RevokeCalendarFeed: the
// secret .ics address is shown by the server once, so the SDK keeps it as
// the "calendar" document to show again offline. These calls need the
// server (no outbox): the app needs the new address at once, and a renewal
// has no request_id to make a replay harmless.
#include "absl/strings/str_cat.h"
#include "client_impl.h"
#include "welkom/v1/calendar.pb.h"

namespace welkom::sdk {
namespace {

constexpr char kRenew[] = "/welkom.v1.CalendarService/RenewCalendarFeed";
constexpr char kRevoke[] = "/welkom.v1.CalendarService/RevokeCalendarFeed";
constexpr char kCalendarKind[] = "calendar";
constexpr char kFeed[] = "feed";

std::string Url(const Client::Impl& impl,
                const v1::RenewCalendarFeedResponse& feed) {
  return absl::StrCat(impl.options().web_base_url, feed.path());
}

}  // namespace

absl::StatusOr<std::string> Client::RenewCalendarFeed() {
  using Result = absl::StatusOr<std::string>;
  return impl_->Run<Result>([&]() -> Result {
    v1::RenewCalendarFeedResponse feed;
    absl::Status s =
        impl_->CallServer(kRenew, v1::RenewCalendarFeedRequest(), &feed);
    if (s.ok()) s = impl_->documents().Put(kCalendarKind, kFeed, 0, feed);
    if (!s.ok()) return s;
    return Url(*impl_, feed);
  });
}

absl::StatusOr<std::string> Client::CalendarFeedUrl() {
  using Result = absl::StatusOr<std::string>;
  return impl_->Run<Result>([&]() -> Result {
    v1::RenewCalendarFeedResponse feed;
    auto found = impl_->documents().Get(kCalendarKind, kFeed, &feed);
    if (!found.ok()) return found.status();
    if (!*found) {
      return absl::NotFoundError("no calendar feed made on this device");
    }
    return Url(*impl_, feed);
  });
}

absl::Status Client::RevokeCalendarFeed() {
  return impl_->Run<absl::Status>([&]() -> absl::Status {
    v1::RevokeCalendarFeedResponse resp;
    absl::Status s =
        impl_->CallServer(kRevoke, v1::RevokeCalendarFeedRequest(), &resp);
    if (!s.ok()) return s;
    return impl_->documents().Remove(kCalendarKind, kFeed);
  });
}

}  // namespace welkom::sdk
