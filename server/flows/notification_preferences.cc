#include "server/flows/notification_preferences.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/auth/signed_token.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/store/delivery_store.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::flows {
namespace {

using store::NotificationDelivery;

constexpr char kUnsubscribe[] = "unsubscribe";

NotificationDelivery DefaultDelivery(int role) {
  return role == v1::ROLE_NEWCOMER || role == v1::ROLE_BUDDY
             ? NotificationDelivery::kImmediate
             : NotificationDelivery::kDigest;
}

}  // namespace

const std::vector<std::string>& PreferenceKinds() {
  static const auto* kinds = new std::vector<std::string>{
      "step_due",        "step_overdue",      "step_actionable",
      "escalation",      "checkin_due",       "checkin_low",
      "buddy_proposed",  "buddy_accepted",    "buddy_declined",
      "buddy_expired",   "buddy_ended",       "buddy_introduced",
      "event_cancelled", "waitlist_promoted", "course_completed",
  };
  return *kinds;
}

bool IsPreferenceKind(absl::string_view kind) {
  const auto& kinds = PreferenceKinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

bool IsRequiredKind(int role, absl::string_view kind) {
  return role == v1::ROLE_HR && kind == "escalation";
}

absl::StatusOr<std::map<std::string, NotificationDelivery>>
EffectivePreferences(store::Connection& c, const store::UserRow& user) {
  std::map<std::string, NotificationDelivery> out;
  for (const std::string& kind : PreferenceKinds()) {
    out[kind] = DefaultDelivery(user.role);
  }
  WELKOM_ASSIGN_OR_RETURN(auto rows,
                          store::ListNotificationPreferences(c, user.id));
  for (const store::NotificationPreferenceRow& r : rows) {
    if (r.channel == store::kEmailChannel && out.count(r.kind) > 0) {
      out[r.kind] = r.delivery;
    }
  }
  return out;
}

absl::StatusOr<NotificationDelivery> DeliveryOf(store::Connection& c,
                                                const store::UserRow& user,
                                                absl::string_view kind) {
  if (!IsPreferenceKind(kind)) return DefaultDelivery(user.role);
  WELKOM_ASSIGN_OR_RETURN(auto prefs, EffectivePreferences(c, user));
  return prefs[std::string(kind)];
}

absl::StatusOr<std::string> UnsubscribeKey(store::Connection& c) {
  return store::GetOrPutServerKey(c, kUnsubscribe, auth::NewSecret());
}

std::string UnsubscribePath(absl::string_view key, absl::string_view user_id,
                            absl::string_view kind) {
  return absl::StrCat(
      "/unsubscribe/",
      auth::SignToken(key, kUnsubscribe, absl::StrCat(user_id, "\n", kind)));
}

std::optional<UnsubscribeTarget> ReadUnsubscribeToken(absl::string_view key,
                                                      absl::string_view token) {
  std::optional<std::string> payload =
      auth::VerifyToken(key, kUnsubscribe, token);
  if (!payload.has_value()) return std::nullopt;
  size_t nl = payload->find('\n');
  if (nl == std::string::npos) return std::nullopt;
  return UnsubscribeTarget{payload->substr(0, nl), payload->substr(nl + 1)};
}

absl::StatusOr<std::vector<std::string>> Unsubscribe(store::Connection& c,
                                                     const store::UserRow& user,
                                                     absl::string_view kind) {
  WELKOM_ASSIGN_OR_RETURN(auto prefs, EffectivePreferences(c, user));
  std::vector<std::string> off;
  for (const auto& [k, delivery] : prefs) {
    const bool named = kind == "digest"
                           ? delivery == NotificationDelivery::kDigest
                           : k == kind;
    if (!named || IsRequiredKind(user.role, k)) continue;
    if (delivery == NotificationDelivery::kOff) continue;
    WELKOM_RETURN_IF_ERROR(store::PutNotificationPreference(
        c, user.id, {k, store::kEmailChannel, NotificationDelivery::kOff}));
    off.push_back(k);
  }
  return off;
}

}  // namespace welkom::flows
