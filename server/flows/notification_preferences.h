// File: notification_preferences.h
// How each kind of notification reaches a member outside the app: at once
// (a mail per notification), in the daily digest, or not at all (only the
// inbox). Newcomers and buddies get every kind at once and staff in the
// digest until they choose otherwise; escalations of overdue legal steps
// cannot be turned off for HR. The delivery outbox (delivery_outbox.h) and
// the digest (jobs/digest_job.h) obey these.
//
// Every mail of a kind the member may turn off carries a one-click
// unsubscribe link (RFC 8058): /unsubscribe/<token>, the token signed with
// the server's "unsubscribe" key (auth/signed_token.h) for that member and
// kind, so it works without a login and does nothing else.
//
//   WELKOM_ASSIGN_OR_RETURN(auto d, DeliveryOf(c, user, "event_cancelled"));
//   if (d == store::NotificationDelivery::kImmediate) ...queue a mail...
#ifndef WELKOM_SERVER_FLOWS_NOTIFICATION_PREFERENCES_H_
#define WELKOM_SERVER_FLOWS_NOTIFICATION_PREFERENCES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/identity_store.h"
#include "server/store/notification_preference_store.h"
#include "server/store/sqlite.h"

namespace welkom::flows {

// The kinds a member may choose for, in a fixed order.
const std::vector<std::string>& PreferenceKinds();
bool IsPreferenceKind(absl::string_view kind);

// Whether `role` may not turn `kind` off (HR: "escalation").
bool IsRequiredKind(int role, absl::string_view kind);

// The member's choice for every PreferenceKinds() kind, defaults filled in.
absl::StatusOr<std::map<std::string, store::NotificationDelivery>>
EffectivePreferences(store::Connection& c, const store::UserRow& user);

// How a notification of `kind` reaches `user`; kinds without a choice
// (e.g. an erasure notice) follow the role's default.
absl::StatusOr<store::NotificationDelivery> DeliveryOf(
    store::Connection& c, const store::UserRow& user, absl::string_view kind);

// The key unsubscribe links are signed with (made on first use).
absl::StatusOr<std::string> UnsubscribeKey(store::Connection& c);

// "/unsubscribe/<token>" for `user_id` and `kind` ("digest": the digest).
std::string UnsubscribePath(absl::string_view key, absl::string_view user_id,
                            absl::string_view kind);

struct UnsubscribeTarget {
  std::string user_id;
  std::string kind;
};
// What a token from UnsubscribePath names; std::nullopt if `key` did not
// sign it for unsubscribing.
std::optional<UnsubscribeTarget> ReadUnsubscribeToken(absl::string_view key,
                                                      absl::string_view token);

// Turns `kind` off for `user` ("digest": every kind that went to the digest
// and may be turned off, so the digest stops unless a required kind is in
// it). Returns the kinds turned off.
absl::StatusOr<std::vector<std::string>> Unsubscribe(store::Connection& c,
                                                     const store::UserRow& user,
                                                     absl::string_view kind);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_NOTIFICATION_PREFERENCES_H_
