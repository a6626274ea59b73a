// Client::Get/SetNotificationPreferences: how each kind of notification
// reaches the member outside the app. Online only: a choice about mail is
// the server's to apply, and its answer (or refusal) is shown at once.
#include "client_impl.h"
#include "welkom/v1/notification.pb.h"

namespace welkom::sdk {
namespace {

constexpr char kGet[] =
    "/welkom.v1.NotificationService/GetNotificationPreferences";
constexpr char kSet[] =
    "/welkom.v1.NotificationService/SetNotificationPreferences";

}  // namespace

absl::StatusOr<v1::NotificationPreferences>
Client::GetNotificationPreferences() {
  using Result = absl::StatusOr<v1::NotificationPreferences>;
  return impl_->Run<Result>([&]() -> Result {
    v1::NotificationPreferences resp;
    absl::Status s =
        impl_->CallServer(kGet, v1::GetNotificationPreferencesRequest(), &resp);
    if (!s.ok()) return s;
    return resp;
  });
}

absl::StatusOr<v1::NotificationPreferences> Client::SetNotificationPreferences(
    const std::vector<v1::NotificationPreference>& changes,
    const std::string& etag) {
  using Result = absl::StatusOr<v1::NotificationPreferences>;
  return impl_->Run<Result>([&]() -> Result {
    v1::SetNotificationPreferencesRequest req;
    for (const v1::NotificationPreference& p : changes) {
      *req.add_preferences() = p;
    }
    req.set_etag(etag);
    v1::NotificationPreferences resp;
    absl::Status s = impl_->CallServer(kSet, req, &resp);
    if (!s.ok()) return s;
    return resp;
  });
}

}  // namespace welkom::sdk
