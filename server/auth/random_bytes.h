// File: random_bytes.h
// Randomness for secrets and ids, from OpenSSL's RAND_bytes. Without
// randomness no secret is safe to hand out, so a failure aborts.
//
//   std::string key = RandomBytes(32);
#ifndef WELKOM_SERVER_AUTH_RANDOM_BYTES_H_
#define WELKOM_SERVER_AUTH_RANDOM_BYTES_H_

#include <cstddef>
#include <string>

namespace welkom::auth {

// `n` bytes from a cryptographically secure generator.
std::string RandomBytes(size_t n);

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_RANDOM_BYTES_H_
