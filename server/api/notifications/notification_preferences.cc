// NotificationService.Get/SetNotificationPreferences: how each kind of
// notification reaches the caller outside the app
// (flows/notification_preferences.h). The etag is the content's: a client
// that read the set sends it back, and a change meanwhile answers ABORTED.
#include "server/flows/notification_preferences.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "server/api/notifications/notification_service.h"
#include "server/base/etag.h"
#include "server/base/status_macros.h"
#include "server/rpc/validation.h"
#include "server/store/identity_store.h"
#include "server/store/notification_preference_store.h"

namespace welkom::api {
namespace {

constexpr char kGet[] =
    "/welkom.v1.NotificationService/GetNotificationPreferences";
constexpr char kSet[] =
    "/welkom.v1.NotificationService/SetNotificationPreferences";

static_assert(static_cast<int>(store::NotificationDelivery::kImmediate) ==
              v1::NOTIFICATION_DELIVERY_IMMEDIATE);
static_assert(static_cast<int>(store::NotificationDelivery::kDigest) ==
              v1::NOTIFICATION_DELIVERY_DIGEST);
static_assert(static_cast<int>(store::NotificationDelivery::kOff) ==
              v1::NOTIFICATION_DELIVERY_OFF);

absl::Status Fill(store::Connection& c, const store::UserRow& user,
                  v1::NotificationPreferences* out) {
  out->Clear();
  WELKOM_ASSIGN_OR_RETURN(auto prefs, flows::EffectivePreferences(c, user));
  for (const std::string& kind : flows::PreferenceKinds()) {
    v1::NotificationPreference* p = out->add_preferences();
    p->set_kind(kind);
    p->set_channel(store::kEmailChannel);
    p->set_delivery(static_cast<v1::NotificationDelivery>(prefs[kind]));
    p->set_required(flows::IsRequiredKind(user.role, kind));
  }
  out->set_etag(ContentEtag(out->SerializeAsString()));
  return absl::OkStatus();
}

absl::Status DoGet(rpc::Call& call,
                   const v1::GetNotificationPreferencesRequest&,
                   v1::NotificationPreferences* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::UserRow user,
                          store::GetUser(*call.conn, call.principal->user_id));
  return Fill(*call.conn, user, resp);
}

absl::Status Validate(const store::UserRow& user,
                      const v1::SetNotificationPreferencesRequest& req) {
  if (req.preferences_size() >
      static_cast<int>(flows::PreferenceKinds().size())) {
    return absl::InvalidArgumentError(
        "preferences: at most one per kind of notification");
  }
  std::set<std::string> seen;
  for (int i = 0; i < req.preferences_size(); ++i) {
    const v1::NotificationPreference& p = req.preferences(i);
    const std::string field = absl::StrCat("preferences[", i, "]");
    if (!flows::IsPreferenceKind(p.kind())) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".kind: not a kind of notification"));
    }
    if (!seen.insert(p.kind()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".kind: named twice"));
    }
    if (!p.channel().empty() && p.channel() != store::kEmailChannel) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".channel: must be \"email\""));
    }
    if (p.delivery() == v1::NOTIFICATION_DELIVERY_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".delivery: is required"));
    }
    WELKOM_RETURN_IF_ERROR(
        rpc::RequireEnum(absl::StrCat(field, ".delivery"),
                         v1::NotificationDelivery_descriptor(), p.delivery()));
    if (p.delivery() == v1::NOTIFICATION_DELIVERY_OFF &&
        flows::IsRequiredKind(user.role, p.kind())) {
      return absl::FailedPreconditionError(absl::StrCat(
          field, ".kind: ", p.kind(),
          " cannot be turned off: HR is told of every overdue legal step"));
    }
  }
  return absl::OkStatus();
}

absl::Status DoSet(rpc::Call& call,
                   const v1::SetNotificationPreferencesRequest& req,
                   v1::NotificationPreferences* resp) {
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> expected,
                          ParseEtag("etag", req.etag()));
  WELKOM_ASSIGN_OR_RETURN(store::UserRow user,
                          store::GetUser(*call.conn, call.principal->user_id));
  WELKOM_RETURN_IF_ERROR(Validate(user, req));
  if (expected.has_value()) {
    v1::NotificationPreferences current;
    WELKOM_RETURN_IF_ERROR(Fill(*call.conn, user, &current));
    if (current.etag() != FormatEtag(*expected)) {
      return absl::AbortedError("etag: the preferences were changed meanwhile");
    }
  }
  for (const v1::NotificationPreference& p : req.preferences()) {
    WELKOM_RETURN_IF_ERROR(store::PutNotificationPreference(
        *call.conn, user.id,
        {p.kind(), store::kEmailChannel,
         static_cast<store::NotificationDelivery>(p.delivery())}));
  }
  return Fill(*call.conn, user, resp);
}

}  // namespace

void NotificationService::RegisterPreferences() {
  dispatcher_->Register<v1::GetNotificationPreferencesRequest,
                        v1::NotificationPreferences>(kGet, rpc::Mode::kRead,
                                                     DoGet);
  dispatcher_->Register<v1::SetNotificationPreferencesRequest,
                        v1::NotificationPreferences>(kSet, rpc::Mode::kWrite,
                                                     DoSet);
}

grpc::ServerUnaryReactor* NotificationService::GetNotificationPreferences(
    grpc::CallbackServerContext* ctx,
    const v1::GetNotificationPreferencesRequest* req,
    v1::NotificationPreferences* resp) {
  return dispatcher_->ServeGrpc(ctx, kGet, req, resp);
}

grpc::ServerUnaryReactor* NotificationService::SetNotificationPreferences(
    grpc::CallbackServerContext* ctx,
    const v1::SetNotificationPreferencesRequest* req,
    v1::NotificationPreferences* resp) {
  return dispatcher_->ServeGrpc(ctx, kSet, req, resp);
}

}  // namespace welkom::api
