#include "server/auth/signed_token.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "server/auth/tokens.h"

namespace welkom::auth {
namespace {

std::string Mac(absl::string_view key, absl::string_view purpose,
                absl::string_view payload) {
  // The purpose cannot contain NUL, so "purpose\0payload" is unambiguous.
  const std::string data = absl::StrCat(purpose, std::string(1, '\0'), payload);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
       &len);
  return std::string(reinterpret_cast<char*>(out), len);
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
