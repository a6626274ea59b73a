// File: password.h
// Password hashing with scrypt (OpenSSL's EVP_PBE_scrypt) and a random
// 16-byte salt per password. The stored form carries its own parameters:
//   scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>
// so the cost can be raised later without breaking existing hashes.
#ifndef WELKOM_SERVER_AUTH_PASSWORD_H_
#define WELKOM_SERVER_AUTH_PASSWORD_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace welkom::auth {

struct ScryptParams {
  int log2_n = 15;  // N = 32768: about 32 MiB and tens of ms per hash
  int r = 8;
  int p = 1;
};

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 1024;

// INVALID_ARGUMENT naming `field` if the password is too short or too long.
absl::Status ValidatePasswordPolicy(absl::string_view field,
                                    absl::string_view password);

absl::StatusOr<std::string> HashPassword(absl::string_view password,
                                         const ScryptParams& params = {});

// True only if `password` matches `stored`. Compares in constant time. A
// malformed `stored` never matches.
bool VerifyPassword(absl::string_view password, absl::string_view stored);

// Burns the same time as a real verification; used when the account does
// not exist, so timing does not reveal which e-mail addresses are registered.
void VerifyPasswordDecoy(absl::string_view password);

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_PASSWORD_H_
