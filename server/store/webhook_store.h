// File: webhook_store.h
// Organisations' webhook endpoints (migration 0044). Their deliveries are
// rows of the delivery outbox (delivery_store.h) with channel "webhook".
//
//   WELKOM_RETURN_IF_ERROR(InsertWebhookEndpoint(c, row));
//   WELKOM_ASSIGN_OR_RETURN(auto mine, ListWebhookEndpoints(c, org_id));
#ifndef WELKOM_SERVER_STORE_WEBHOOK_STORE_H_
#define WELKOM_SERVER_STORE_WEBHOOK_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct WebhookEndpointRow {
  std::string id;
  std::string org_id;
  std::string url;
  std::vector<std::string> event_types;
  std::string secret;  // "whsec_..."; never logged
  bool enabled = true;
  std::string disabled_reason;
  std::optional<int64_t> failing_since;
  int64_t created_at = 0;
  std::optional<int64_t> secret_rotated_at;
};

absl::Status InsertWebhookEndpoint(Connection& c,
                                   const WebhookEndpointRow& row);

// NOT_FOUND when there is no endpoint `id`.
absl::StatusOr<WebhookEndpointRow> GetWebhookEndpoint(Connection& c,
                                                      const std::string& id);

// The organisation's endpoints, newest first.
absl::StatusOr<std::vector<WebhookEndpointRow>> ListWebhookEndpoints(
    Connection& c, const std::string& org_id);

absl::Status SetWebhookSecret(Connection& c, const std::string& id,
                              const std::string& secret, int64_t now);

// Stores whether the endpoint is enabled, why not, and since when its
// deliveries fail (std::nullopt: the last one succeeded).
absl::Status SetWebhookEndpointHealth(Connection& c, const std::string& id,
                                      bool enabled, const std::string& reason,
                                      std::optional<int64_t> failing_since);

// Removes the endpoint; its deliveries go with it (ON DELETE CASCADE).
absl::Status DeleteWebhookEndpoint(Connection& c, const std::string& id);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_WEBHOOK_STORE_H_
