#include "server/auth/signed_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "server/auth/hmac.h"
#include "server/auth/tokens.h"

namespace welkom::auth {
namespace {

std::string Mac(absl::string_view key, absl::string_view purpose,
                absl::string_view payload) {
  // The purpose cannot contain NUL, so "purpose\0payload" is unambiguous.
  return HmacSha256(key, absl::StrCat(purpose, std::string(1, '\0'), payload));
}

}  // namespace

std::string SignToken(absl::string_view key, absl::string_view purpose,
                      absl::string_view payload) {
  return absl::StrCat(absl::WebSafeBase64Escape(payload), ".",
                      absl::WebSafeBase64Escape(Mac(key, purpose, payload)));
}

std::optional<std::string> VerifyToken(absl::string_view key,
                                       absl::string_view purpose,
                                       absl::string_view token) {
  size_t dot = token.find('.');
  if (dot == absl::string_view::npos || key.empty()) return std::nullopt;
  std::string payload, mac;
  if (!absl::WebSafeBase64Unescape(token.substr(0, dot), &payload) ||
      !absl::WebSafeBase64Unescape(token.substr(dot + 1), &mac)) {
    return std::nullopt;
  }
  if (!ConstantTimeEquals(mac, Mac(key, purpose, payload))) {
    return std::nullopt;
  }
  return payload;
}

}  // namespace welkom::auth
