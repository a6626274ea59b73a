// File: delivery_store.h
// The delivery outbox (migration 0040): rows written in the transaction of
// what they deliver, read and updated by the delivery job. A row is
// pending until it is sent or has failed for good; the rendered parts
// (subject, body, link) are cleared then, since an invitation's link
// carries its code.
//
//   WELKOM_ASSIGN_OR_RETURN(auto id, InsertDelivery(c, row));  // in the tx
//   for (DeliveryRow& d : *ListDueDeliveries(c, kEmailChannel, now, 100)) {}
#ifndef WELKOM_SERVER_STORE_DELIVERY_STORE_H_
#define WELKOM_SERVER_STORE_DELIVERY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

enum class DeliveryStatus : int { kPending = 1, kSent = 2, kFailed = 3 };

inline constexpr char kEmailChannel[] = "email";
// Recipient: the endpoint's URL; body: the JSON payload; message_id: the
// webhook-id (flows/webhook_events.h).
inline constexpr char kWebhookChannel[] = "webhook";

struct DeliveryRow {
  int64_t id = 0;  // assigned by InsertDelivery
  std::string channel = kEmailChannel;
  std::string recipient;  // e-mail address (a webhook: the endpoint's URL)
  std::string user_id;    // empty: not a member (an invitee)
  std::string org_id;     // the organisation that may see the row
  std::string kind;
  std::string message_id;  // stable across attempts, unique
  std::string locale = "en";
  std::string subject;
  std::string body;
  std::string link;  // relative to the public base URL; may be empty
  std::string link_label;
  bool unsubscribable = false;
  std::optional<int64_t> notification_id;
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  int64_t next_attempt_ms = 0;
  std::string last_error;
  std::string dedupe_key;  // empty: no deduplication
  int64_t created_at = 0;
  std::optional<int64_t> finished_at;
  // Webhooks only (migration 0044): the endpoint, and the last attempt's
  // HTTP status (0: no answer) and latency.
  std::string endpoint_id;
  int http_status = 0;
  int64_t latency_ms = 0;
};

// Stores `row` as pending and returns its id; std::nullopt (and nothing
// stored) if `dedupe_key` is set and a row with that key exists.
absl::StatusOr<std::optional<int64_t>> InsertDelivery(Connection& c,
                                                      const DeliveryRow& row);

// Pending rows of `channel` with next_attempt_ms <= now_ms, earliest
// first.
absl::StatusOr<std::vector<DeliveryRow>> ListDueDeliveries(
    Connection& c, const std::string& channel, int64_t now_ms, int limit);

// Marks a pending row sent (or failed) at `now` after `attempts` tries and
// clears its rendered parts. A row no longer pending is left alone.
absl::Status FinishDelivery(Connection& c, int64_t id, DeliveryStatus status,
                            int attempts, const std::string& error,
                            int64_t now);

// Records the last attempt's HTTP status and latency (webhooks).
absl::Status RecordDeliveryResponse(Connection& c, int64_t id, int http_status,
                                    int64_t latency_ms);

// Marks every pending row of the webhook endpoint failed with `error`.
absl::Status FailPendingEndpointDeliveries(Connection& c,
                                           const std::string& endpoint_id,
                                           const std::string& error,
                                           int64_t now);

// The endpoint's deliveries, newest first, ids < before_id (0: from the
// newest).
absl::StatusOr<std::vector<DeliveryRow>> ListEndpointDeliveries(
    Connection& c, const std::string& endpoint_id, int64_t before_id,
    int limit);

// Records a failed attempt of a pending row and when to try again.
absl::Status RetryDeliveryLater(Connection& c, int64_t id, int attempts,
                                int64_t next_attempt_ms,
                                const std::string& error);

// An organisation's deliveries, newest first, ids < before_id (0: from the
// newest), only failed ones if `failed_only`.
absl::StatusOr<std::vector<DeliveryRow>> ListOrganizationDeliveries(
    Connection& c, const std::string& org_id, int64_t before_id,
    bool failed_only, int limit);

// How many rows have each status (indexed by DeliveryStatus; [0] unused).
// Every delivery to the member, newest first: rows for `user_id` and rows
// to `email` from before it was a member's (its invitation).
absl::StatusOr<std::vector<DeliveryRow>> ListMemberDeliveries(
    Connection& c, const std::string& user_id, const std::string& email);
absl::StatusOr<std::vector<int64_t>> CountDeliveriesByStatus(Connection& c);

// Whether welkomd sends on `channel` (delivery_channels); false when unset.
absl::StatusOr<bool> DeliveryChannelEnabled(Connection& c,
                                            const std::string& channel);
absl::Status SetDeliveryChannelEnabled(Connection& c,
                                       const std::string& channel,
                                       bool enabled);

// The daily digest's place in a member's inbox: the highest notification
// id already digested and the Amsterdam day ("YYYY-MM-DD") last decided.
struct DigestCursor {
  int64_t last_notification_id = 0;
  std::string last_day;
};
// std::nullopt for a member who never had a digest decided.
absl::StatusOr<std::optional<DigestCursor>> GetDigestCursor(
    Connection& c, const std::string& user_id);
absl::Status SetDigestCursor(Connection& c, const std::string& user_id,
                             const DigestCursor& cursor);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_DELIVERY_STORE_H_
