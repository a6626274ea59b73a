#include "server/webhooks/webhook_signature.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/auth/hmac.h"
#include "server/auth/random_bytes.h"

namespace welkom::webhooks {
namespace {

constexpr absl::string_view kSecretPrefix = "whsec_";

}  // namespace

std::string NewWebhookSecret() {
  return absl::StrCat(kSecretPrefix, absl::Base64Escape(auth::RandomBytes(32)));
}

std::optional<std::string> SignWebhook(absl::string_view secret,
                                       absl::string_view webhook_id,
                                       int64_t timestamp,
                                       absl::string_view body) {
  std::string key;
  if (!absl::ConsumePrefix(&secret, kSecretPrefix) ||
      !absl::Base64Unescape(secret, &key) || key.empty()) {
    return std::nullopt;
  }
  const std::string content =
      absl::StrCat(webhook_id, ".", timestamp, ".", body);
  return absl::StrCat("v1,",
                      absl::Base64Escape(auth::HmacSha256(key, content)));
}

}  // namespace welkom::webhooks
