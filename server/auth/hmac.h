// File: hmac.h
// HMAC-SHA256 (OpenSSL), the one MAC Welkom signs with: its own tokens
// (signed_token.h) and webhook deliveries (webhooks/webhook_signature.h).
//
//   std::string mac = HmacSha256(key, data);  // 32 raw bytes
#ifndef WELKOM_SERVER_AUTH_HMAC_H_
#define WELKOM_SERVER_AUTH_HMAC_H_

#include <string>

#include "absl/strings/string_view.h"

namespace welkom::auth {

// The raw 32-byte HMAC-SHA256 of `data` keyed with `key`.
std::string HmacSha256(absl::string_view key, absl::string_view data);

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_HMAC_H_
