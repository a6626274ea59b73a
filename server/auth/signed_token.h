// File: signed_token.h
// Tokens the server signs instead of storing: "<payload>.<mac>", both
// base64url without padding, where mac is HMAC-SHA256 over the purpose and
// the payload with a server key. The purpose is part of what is signed, so
// a token made for one purpose (e.g. "unsubscribe") is refused for any
// other. Tokens carry no secret of their own: the payload is readable.
//
//   std::string t = SignToken(key, "unsubscribe", "usr_1\nevent_cancelled");
//   std::optional<std::string> payload = VerifyToken(key, "unsubscribe", t);
#ifndef WELKOM_SERVER_AUTH_SIGNED_TOKEN_H_
#define WELKOM_SERVER_AUTH_SIGNED_TOKEN_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace welkom::auth {

std::string SignToken(absl::string_view key, absl::string_view purpose,
                      absl::string_view payload);

// The payload of `token` if `key` signed it for `purpose`; std::nullopt
// otherwise (compared in constant time).
std::optional<std::string> VerifyToken(absl::string_view key,
                                       absl::string_view purpose,
                                       absl::string_view token);

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_SIGNED_TOKEN_H_
