// File: tokens.h
// Secrets handed to clients (session tokens, invitation codes) and the ids
// of stored objects. A secret is 256 random bits; the server stores only its
// SHA-256, so a copy of the database cannot be used to log in.
#ifndef WELKOM_SERVER_AUTH_TOKENS_H_
#define WELKOM_SERVER_AUTH_TOKENS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace welkom::auth {

// 32 random bytes, base64url without padding (43 characters).
std::string NewSecret();
// The raw 32-byte SHA-256 of `secret`, the form stored in the database.
std::string HashSecret(absl::string_view secret);
// An opaque id: `prefix` + "_" + 16 random bytes in lower-case hex.
std::string NewId(absl::string_view prefix);
// Equality that takes the same time wherever the inputs differ.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_TOKENS_H_
