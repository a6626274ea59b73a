#include "server/auth/login_throttle.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace welkom::auth {
namespace {

LoginThrottle::Limits PeerDefaults() {
  LoginThrottle::Limits limits;
  limits.max_failures = 30;
  return limits;
}

}  // namespace

LoginThrottle::LoginThrottle(const Clock* clock, Limits account_limits,
                             Limits peer_limits)
    : clock_(clock),
      account_limits_(account_limits),
      peer_limits_(peer_limits) {}

LoginThrottle::LoginThrottle(const Clock* clock)
    : LoginThrottle(clock, Limits{}, PeerDefaults()) {}

absl::Status LoginThrottle::Check(absl::string_view account,
                                  absl::string_view peer) {
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  Prune(now);
  absl::Time until = absl::InfinitePast();
  if (auto it = accounts_.find(absl::AsciiStrToLower(account));
      it != accounts_.end()) {
    until = std::max(until, it->second.locked_until);
  }
  if (auto it = peers_.find(peer); it != peers_.end()) {
    until = std::max(until, it->second.locked_until);
  }
  if (until > now) {
    int64_t seconds =
        absl::ToInt64Seconds(absl::Ceil(until - now, absl::Seconds(1)));
    return absl::ResourceExhaustedError(absl::StrCat(
        "too many failed logins; try again in ", seconds, " seconds"));
  }
  return absl::OkStatus();
}

void LoginThrottle::RecordFailure(absl::string_view account,
                                  absl::string_view peer) {
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  Fail(accounts_, absl::AsciiStrToLower(account), account_limits_, now);
  Fail(peers_, peer, peer_limits_, now);
}

void LoginThrottle::RecordSuccess(absl::string_view account) {
  absl::MutexLock lock(&mu_);
  accounts_.erase(absl::AsciiStrToLower(account));
}

void LoginThrottle::Fail(absl::flat_hash_map<std::string, Entry>& map,
                         absl::string_view key, const Limits& limits,
                         absl::Time now) {
  Entry& e = map[key];
  if (e.failures == 0 || now - e.first_failure > limits.window) {
    if (e.locked_until <= now) e = Entry{0, now, absl::InfinitePast()};
  }
  ++e.failures;
  if (e.failures >= limits.max_failures) {
    int extra = std::min(e.failures - limits.max_failures, 16);
    absl::Duration lock =
        std::min(limits.lockout * (int64_t{1} << extra), limits.max_lockout);
    e.locked_until = now + lock;
  }
}

void LoginThrottle::Prune(absl::Time now) {
  if (now - last_prune_ < absl::Minutes(1)) return;
  last_prune_ = now;
  auto stale = [&](const Limits& limits) {
    return [&, now](const auto& kv) {
      return kv.second.locked_until <= now &&
             now - kv.second.first_failure > limits.window;
    };
  };
  absl::erase_if(accounts_, stale(account_limits_));
  absl::erase_if(peers_, stale(peer_limits_));
}

}  // namespace welkom::auth
