#include "server/auth/random_bytes.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace welkom::auth {

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()),
                 static_cast<int>(n)) != 1) {
    std::abort();
  }
  return out;
}

}  // namespace welkom::auth
