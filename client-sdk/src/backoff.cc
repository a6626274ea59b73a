#include "backoff.h"

#include <algorithm>

namespace welkom::sdk {

Backoff::Backoff(const BackoffPolicy& policy, uint64_t seed)
    : policy_(policy), base_(policy.initial), rng_(seed) {}

absl::Duration Backoff::Next() {
  std::uniform_real_distribution<double> spread(-policy_.jitter,
                                                policy_.jitter);
  absl::Duration delay = base_ * (1.0 + spread(rng_));
  base_ = std::min(base_ * policy_.multiplier, policy_.max);
  ++attempts_;
  return std::max(delay, absl::ZeroDuration());
}

void Backoff::Reset() {
  base_ = policy_.initial;
  attempts_ = 0;
}

}  // namespace welkom::sdk
