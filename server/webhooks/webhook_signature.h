// File: webhook_signature.h
// Standard Webhooks signatures (https://www.standardwebhooks.com, "Signature
// scheme"): the secret is "whsec_" and the base64 of random bytes; a
// delivery's `webhook-signature` is "v1," and the base64 of the
// HMAC-SHA256, keyed with the secret's decoded bytes, of
// "<webhook-id>.<webhook-timestamp>.<body>".
//
//   std::string secret = NewWebhookSecret();  // shown once, never logged
//   std::string header = SignWebhook(secret, "msg_1", 1674087231, body);
#ifndef WELKOM_SERVER_WEBHOOKS_WEBHOOK_SIGNATURE_H_
#define WELKOM_SERVER_WEBHOOKS_WEBHOOK_SIGNATURE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace welkom::webhooks {

// "whsec_" + base64 (with padding) of 32 random bytes from OpenSSL.
std::string NewWebhookSecret();

// The `webhook-signature` value for one attempt; std::nullopt when `secret`
// is not "whsec_" followed by base64.
std::optional<std::string> SignWebhook(absl::string_view secret,
                                       absl::string_view webhook_id,
                                       int64_t timestamp,
                                       absl::string_view body);

}  // namespace welkom::webhooks

#endif  // WELKOM_SERVER_WEBHOOKS_WEBHOOK_SIGNATURE_H_
