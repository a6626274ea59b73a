// File: backoff.h
// Exponential backoff with jitter for retries while the server is
// unavailable: the n-th delay is initial * multiplier^n, capped at `max`,
// then spread by +/- jitter (a fraction) so many phones that lost the same
// Wi-Fi do not come back in lock-step.
#ifndef WELKOM_CLIENT_SDK_SRC_BACKOFF_H_
#define WELKOM_CLIENT_SDK_SRC_BACKOFF_H_

#include <cstdint>
#include <random>

#include "absl/time/time.h"
#include "welkom/client.h"

namespace welkom::sdk {

class Backoff {
 public:
  Backoff(const BackoffPolicy& policy, uint64_t seed);

  // The delay before the next attempt; each call grows the base delay.
  absl::Duration Next();
  // After a success: the next failure starts again at `initial`.
  void Reset();
  // Failures since the last Reset.
  int attempts() const { return attempts_; }

 private:
  BackoffPolicy policy_;
  absl::Duration base_;
  int attempts_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_BACKOFF_H_
