#include "server/auth/tokens.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "server/auth/random_bytes.h"

namespace welkom::auth {

std::string NewSecret() { return absl::WebSafeBase64Escape(RandomBytes(32)); }

std::string HashSecret(absl::string_view secret) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
         digest);
  return std::string(reinterpret_cast<char*>(digest), sizeof digest);
}

std::string NewId(absl::string_view prefix) {
  return absl::StrCat(prefix, "_", absl::BytesToHexString(RandomBytes(16)));
}

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace welkom::auth
