#include "server/flows/webhook_events.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/auth/tokens.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/delivery_outbox.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::flows {
namespace {

constexpr int64_t kFailingDaySeconds = 24 * 60 * 60;
constexpr int kGone = 410;

std::string Rfc3339(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds),
                          absl::UTCTimeZone());
}

bool Subscribed(const store::WebhookEndpointRow& e, absl::string_view type) {
  return e.enabled && std::find(e.event_types.begin(), e.event_types.end(),
                                type) != e.event_types.end();
}

// Tells the organisation's console members that `endpoint` stopped.
absl::Status NoticeDisabled(store::Connection& c,
                            const store::WebhookEndpointRow& endpoint,
                            const std::string& reason_en,
                            const std::string& reason_nl, int64_t now) {
  for (int role : {v1::ROLE_HR, v1::ROLE_ADVISOR, v1::ROLE_ADMIN}) {
    WELKOM_ASSIGN_OR_RETURN(std::vector<std::string> members,
                            store::ListMemberIds(c, role, endpoint.org_id));
    for (const std::string& member : members) {
      store::NotificationRow n;
      n.recipient_id = member;
      n.kind = kWebhookDisabledKind;
      n.title_en = "A webhook endpoint was turned off";
      n.title_nl = "Een webhook-endpoint is uitgezet";
      n.body_en = absl::StrCat(reason_en,
                               " Check the receiver, then turn it on again "
                               "under Settings, Webhooks.");
      n.body_nl = absl::StrCat(reason_nl,
                               " Controleer de ontvanger en zet het weer aan "
                               "via Instellingen, Webhooks.");
      n.subject = absl::StrCat("webhook:", endpoint.id);
      n.dedupe_key =
          absl::StrCat("webhook_disabled:", endpoint.id, ":", now, ":", member);
      n.created_at = now;
      WELKOM_RETURN_IF_ERROR(StoreNotification(c, n).status());
    }
  }
  return absl::OkStatus();
}

}  // namespace

const std::vector<std::string>& WebhookEventTypes() {
  static const auto* types = new std::vector<std::string>{
      kWebhookStepDone,      kWebhookStepOverdue, kWebhookNewcomerArrived,
      kWebhookMatchAccepted, kWebhookCheckInLow,  kWebhookDeliveryFailed};
  return *types;
}

bool IsWebhookEventType(absl::string_view type) {
  const auto& all = WebhookEventTypes();
  return std::find(all.begin(), all.end(), type) != all.end();
}

std::string WebhookPayload(const WebhookEvent& event) {
  google::protobuf::Struct payload;
  auto& fields = *payload.mutable_fields();
  fields["type"].set_string_value(event.type);
  fields["timestamp"].set_string_value(Rfc3339(event.now));
  auto& data = *fields["data"].mutable_struct_value()->mutable_fields();
  data["organization_id"].set_string_value(event.org_id);
  for (const auto& [key, value] : event.data) data[key].set_string_value(value);
  std::string json;
  // A Struct of strings always prints.
  (void)google::protobuf::util::MessageToJsonString(payload, &json);
  return json;
}

absl::Status QueueWebhookEvent(store::Connection& c,
                               const WebhookEvent& event) {
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::WebhookEndpointRow> endpoints,
                          store::ListWebhookEndpoints(c, event.org_id));
  std::string body;
  for (const store::WebhookEndpointRow& e : endpoints) {
    if (!Subscribed(e, event.type)) continue;
    if (body.empty()) body = WebhookPayload(event);
    store::DeliveryRow row;
    row.channel = store::kWebhookChannel;
    row.recipient = e.url;
    row.org_id = e.org_id;
    row.kind = event.type;
    row.message_id = auth::NewId("msg");
    row.body = body;
    row.endpoint_id = e.id;
    row.dedupe_key =
        event.dedupe_key.empty()
            ? ""
            : absl::StrCat("webhook:", e.id, ":", event.dedupe_key);
    row.next_attempt_ms = event.now * 1000;
    row.created_at = event.now;
    WELKOM_RETURN_IF_ERROR(store::InsertDelivery(c, row).status());
  }
  return absl::OkStatus();
}

absl::Status QueueJourneyWebhookEvent(store::Connection& c,
                                      const store::JourneyRow& journey,
                                      const std::string& type, WebhookData data,
                                      const std::string& dedupe_key,
                                      int64_t now) {
  data.insert(data.begin(), {{"journey_id", journey.id},
                             {"newcomer_id", journey.newcomer_id}});
  WebhookEvent event{type, journey.employer_org_id, data, dedupe_key, now};
  WELKOM_RETURN_IF_ERROR(QueueWebhookEvent(c, event));
  // The region's advisors see the journey only with consent; their
  // Expat Center's id is the region's.
  if (journey.advisor_consent && !journey.region_id.empty() &&
      journey.region_id != journey.employer_org_id) {
    event.org_id = journey.region_id;
    WELKOM_RETURN_IF_ERROR(QueueWebhookEvent(c, event));
  }
  return absl::OkStatus();
}

absl::Status QueueNewcomerArrived(store::Connection& c,
                                  const store::JourneyRow& journey,
                                  int64_t now) {
  if (!journey.arrival_date.has_value()) return absl::OkStatus();
  return QueueJourneyWebhookEvent(c, journey, kWebhookNewcomerArrived,
                                  {{"arrival_date", *journey.arrival_date}}, "",
                                  now);
}

absl::StatusOr<bool> RecordWebhookAttempt(
    store::Connection& c, const store::WebhookEndpointRow& endpoint,
    bool delivered, int http_status, int64_t now) {
  if (delivered) {
    if (!endpoint.failing_since.has_value()) return false;
    WELKOM_RETURN_IF_ERROR(store::SetWebhookEndpointHealth(
        c, endpoint.id, endpoint.enabled, endpoint.disabled_reason,
        std::nullopt));
    return false;
  }
  const int64_t since = endpoint.failing_since.value_or(now);
  const bool gone = http_status == kGone;
  if (!endpoint.enabled || (!gone && now - since < kFailingDaySeconds)) {
    WELKOM_RETURN_IF_ERROR(store::SetWebhookEndpointHealth(
        c, endpoint.id, endpoint.enabled, endpoint.disabled_reason, since));
    return false;
  }
  const std::string reason =
      gone ? "the receiver answered 410 Gone" : "deliveries failed for a day";
  WELKOM_RETURN_IF_ERROR(
      store::SetWebhookEndpointHealth(c, endpoint.id, false, reason, since));
  WELKOM_RETURN_IF_ERROR(store::FailPendingEndpointDeliveries(
      c, endpoint.id, absl::StrCat("endpoint disabled: ", reason), now));
  WELKOM_RETURN_IF_ERROR(NoticeDisabled(
      c, endpoint,
      gone ? "Its receiver answered 410 Gone, so Welkom stopped sending."
           : "Its deliveries failed for a day, so Welkom stopped sending.",
      gone ? "De ontvanger antwoordde 410 Gone, dus Welkom stopt met "
             "verzenden."
           : "De leveringen mislukten een dag lang, dus Welkom stopt met "
             "verzenden.",
      now));
  Log(LogLevel::kWarning, "webhook_endpoint_disabled",
      {{"endpoint", endpoint.id}, {"reason", reason}});
  return true;
}

}  // namespace welkom::flows
