// File: login_throttle.h
// Slows down password guessing. After `max_failures` failed logins within
// `window`, an account (or a peer address) is locked for `lockout`, doubled
// for each further failure, up to `max_lockout`. A success clears the
// account's count. State is in memory: a restart forgets it, which costs an
// attacker one restart per lockout and keeps the database free of it.
#ifndef WELKOM_SERVER_AUTH_LOGIN_THROTTLE_H_
#define WELKOM_SERVER_AUTH_LOGIN_THROTTLE_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/base/clock.h"

namespace welkom::auth {

class LoginThrottle {
 public:
  struct Limits {
    int max_failures = 5;
    absl::Duration window = absl::Minutes(15);
    absl::Duration lockout = absl::Minutes(1);
    absl::Duration max_lockout = absl::Hours(1);
  };
  // Accounts use `account_limits`; peers get more tries because many people
  // share one address (a campus, an office).
  LoginThrottle(const Clock* clock, Limits account_limits, Limits peer_limits);
  explicit LoginThrottle(const Clock* clock);

  // RESOURCE_EXHAUSTED, saying when to retry, while either key is locked.
  absl::Status Check(absl::string_view account, absl::string_view peer);
  void RecordFailure(absl::string_view account, absl::string_view peer);
  void RecordSuccess(absl::string_view account);

 private:
  struct Entry {
    int failures = 0;
    absl::Time first_failure;
    absl::Time locked_until;
  };
  void Fail(absl::flat_hash_map<std::string, Entry>& map, absl::string_view key,
            const Limits& limits, absl::Time now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Prune(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Clock* clock_;
  const Limits account_limits_;
  const Limits peer_limits_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> accounts_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Entry> peers_ ABSL_GUARDED_BY(mu_);
  absl::Time last_prune_ ABSL_GUARDED_BY(mu_);
};

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_LOGIN_THROTTLE_H_
