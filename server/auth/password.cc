#include "server/auth/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace welkom::auth {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

bool Scrypt(absl::string_view password, absl::string_view salt,
            const ScryptParams& params, unsigned char* out) {
  uint64_t n = uint64_t{1} << params.log2_n;
  // scrypt needs 128 * N * r bytes; allow twice that.
  uint64_t maxmem = 256 * n * static_cast<uint64_t>(params.r);
  return EVP_PBE_scrypt(password.data(), password.size(),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        salt.size(), n, params.r, params.p, maxmem, out,
                        kHashBytes) == 1;
}

}  // namespace

absl::Status ValidatePasswordPolicy(absl::string_view field,
                                    absl::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be at least ", kMinPasswordLength, " characters"));
  }
  if (password.size() > kMaxPasswordLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be at most ", kMaxPasswordLength, " characters"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> HashPassword(absl::string_view password,
                                         const ScryptParams& params) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) {
    return absl::InternalError("random generator failed");
  }
  absl::string_view salt_view(reinterpret_cast<char*>(salt), sizeof salt);
  unsigned char hash[kHashBytes];
  if (!Scrypt(password, salt_view, params, hash)) {
    return absl::InternalError("scrypt failed");
  }
  return absl::StrCat("scrypt$", params.log2_n, "$", params.r, "$", params.p,
                      "$", absl::Base64Escape(salt_view), "$",
                      absl::Base64Escape(absl::string_view(
                          reinterpret_cast<char*>(hash), sizeof hash)));
}

bool VerifyPassword(absl::string_view password, absl::string_view stored) {
  std::vector<absl::string_view> parts = absl::StrSplit(stored, '$');
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  ScryptParams params;
  if (!absl::SimpleAtoi(parts[1], &params.log2_n) ||
      !absl::SimpleAtoi(parts[2], &params.r) ||
      !absl::SimpleAtoi(parts[3], &params.p) || params.log2_n < 1 ||
      params.log2_n > 20 || params.r < 1 || params.r > 32 || params.p < 1 ||
      params.p > 16) {
    return false;
  }
  std::string salt, expected;
  if (!absl::Base64Unescape(parts[4], &salt) ||
      !absl::Base64Unescape(parts[5], &expected) ||
      expected.size() != kHashBytes) {
    return false;
  }
  unsigned char actual[kHashBytes];
  if (!Scrypt(password, salt, params, actual)) return false;
  return CRYPTO_memcmp(actual, expected.data(), kHashBytes) == 0;
}

void VerifyPasswordDecoy(absl::string_view password) {
  unsigned char out[kHashBytes];
  Scrypt(password, "welkom-decoy-salt", ScryptParams{}, out);
}

}  // namespace welkom::auth
