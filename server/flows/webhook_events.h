// File: webhook_events.h
// What an organisation's webhook endpoints are told, and how an endpoint's
// health follows its deliveries. An event becomes one outbox row
// (store/delivery_store.h, channel "webhook") per enabled endpoint of the
// organisation that chose its type, in the transaction of what happened;
// the delivery job signs and sends it (jobs/delivery_job.h).
//
// A payload is {"type", "timestamp", "data"} (Standard Webhooks' shape)
// whose data carries ids, kinds and dates only: never notes, comments,
// scores or names. Journey events go to the newcomer's employer, and to the
// region's Expat Center only while the newcomer consents to advisors
// (who may see what, auth/policy.h).
//
//   WELKOM_RETURN_IF_ERROR(QueueJourneyWebhookEvent(
//       c, journey, kWebhookStepDone, {{"step_key", key}}, dedupe, now));
#ifndef WELKOM_SERVER_FLOWS_WEBHOOK_EVENTS_H_
#define WELKOM_SERVER_FLOWS_WEBHOOK_EVENTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/store/delivery_store.h"
#include "server/store/journey_store.h"
#include "server/store/sqlite.h"
#include "server/store/webhook_store.h"

namespace welkom::flows {

inline constexpr char kWebhookStepDone[] = "step.done";
inline constexpr char kWebhookStepOverdue[] = "step.overdue";
inline constexpr char kWebhookNewcomerArrived[] = "newcomer.arrived";
inline constexpr char kWebhookMatchAccepted[] = "match.accepted";
inline constexpr char kWebhookCheckInLow[] = "checkin.low";
inline constexpr char kWebhookDeliveryFailed[] = "delivery.failed";

// Every event type, in the order the documentation lists them.
const std::vector<std::string>& WebhookEventTypes();
bool IsWebhookEventType(absl::string_view type);

// The notification kind that tells an organisation its endpoint was
// disabled.
inline constexpr char kWebhookDisabledKind[] = "webhook_disabled";

// (key, value) pairs of a payload's "data": ids, kinds and dates only.
using WebhookData = std::vector<std::pair<std::string, std::string>>;

struct WebhookEvent {
  std::string type;    // one of WebhookEventTypes()
  std::string org_id;  // whose endpoints hear it
  WebhookData data;
  // Empty: no deduplication; otherwise one delivery per endpoint and key.
  std::string dedupe_key;
  int64_t now = 0;  // Unix seconds: the event's timestamp
};

// Queues `event` for each enabled endpoint of its organisation that chose
// its type; nothing when there is none.
absl::Status QueueWebhookEvent(store::Connection& c, const WebhookEvent& event);

// Queues a journey event for the employer and, with the newcomer's consent,
// the region's Expat Center; `data` gains journey_id and newcomer_id.
absl::Status QueueJourneyWebhookEvent(store::Connection& c,
                                      const store::JourneyRow& journey,
                                      const std::string& type, WebhookData data,
                                      const std::string& dedupe_key,
                                      int64_t now);

// Queues newcomer.arrived (a journey event) when `journey` has an arrival
// date: when a journey is created with one and whenever it is set later.
absl::Status QueueNewcomerArrived(store::Connection& c,
                                  const store::JourneyRow& journey,
                                  int64_t now);

// The JSON body for `event` (compact, as signed and sent).
std::string WebhookPayload(const WebhookEvent& event);

// After an attempt at one of `endpoint`'s deliveries: a success clears its
// failure clock; a failure starts it, and once it has run for a day (or at
// once when the receiver answered 410 Gone) disables the endpoint, fails
// its pending deliveries and tells the organisation's HR, advisors and
// admins in their inbox. Returns whether the endpoint was disabled now.
absl::StatusOr<bool> RecordWebhookAttempt(
    store::Connection& c, const store::WebhookEndpointRow& endpoint,
    bool delivered, int http_status, int64_t now);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_WEBHOOK_EVENTS_H_
