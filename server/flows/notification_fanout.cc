#include "server/flows/notification_fanout.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/store/identity_store.h"

namespace welkom::flows {

NotificationFanout::NotificationFanout(store::Database* db, const Clock* clock,
                                       Options options)
    : db_(db),
      clock_(clock),
      options_(options),
      next_session_check_(absl::Now() + options.session_check_interval) {}

NotificationFanout::~NotificationFanout() { Stop(); }

absl::Status NotificationFanout::Start() {
  WELKOM_RETURN_IF_ERROR(db_->Read([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(last_id_, store::MaxIssuedNotificationId(c));
    return absl::OkStatus();
  }));
  absl::MutexLock lock(&mu_);
  running_ = true;
  thread_ = std::thread([this] { Loop(); });
  return absl::OkStatus();
}

void NotificationFanout::Stop() {
  std::vector<NotificationSubscriber*> all;
  {
    absl::MutexLock lock(&mu_);
    if (!running_) return;
    stopping_ = true;
    for (auto& [recipient, subs] : subscribers_) {
      for (Subscription& sub : subs) {
        sub.subscriber->Ref();
        all.push_back(sub.subscriber);
      }
    }
  }
  thread_.join();
  for (NotificationSubscriber* s : all) {
    s->Close(absl::UnavailableError("server is shutting down; reconnect"));
    s->Unref();
  }
  absl::MutexLock lock(&mu_);
  running_ = false;
}

void NotificationFanout::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

bool NotificationFanout::Subscribe(const std::string& recipient_id,
                                   const std::string& session_hash,
                                   NotificationSubscriber* s) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || !running_) return false;
  subscribers_[recipient_id].push_back({s, recipient_id, session_hash});
  ++count_;
  return true;
}

void NotificationFanout::Unsubscribe(const std::string& recipient_id,
                                     NotificationSubscriber* s) {
  absl::MutexLock lock(&mu_);
  auto it = subscribers_.find(recipient_id);
  if (it == subscribers_.end()) return;
  auto& subs = it->second;
  auto pos = std::find_if(subs.begin(), subs.end(), [s](const Subscription& x) {
    return x.subscriber == s;
  });
  if (pos == subs.end()) return;
  subs.erase(pos);
  --count_;
  if (subs.empty()) subscribers_.erase(it);
}

size_t NotificationFanout::subscriber_count() const {
  absl::MutexLock lock(&mu_);
  return count_;
}

void NotificationFanout::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto wake = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return woken_ || stopping_;
      };
      mu_.AwaitWithTimeout(absl::Condition(&wake), options_.poll_interval);
      if (stopping_) return;
      woken_ = false;
    }
    // A full batch means more rows are waiting: read again at once.
    while (Pump() == static_cast<size_t>(options_.batch)) {
    }
  }
}

size_t NotificationFanout::Pump() {
  std::vector<store::NotificationRow> rows;
  absl::Status status = db_->Read([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(
        rows, store::ListAllNotificationsAfter(c, last_id_, options_.batch));
    return absl::OkStatus();
  });
  if (!status.ok()) {
    Log(LogLevel::kWarning, "fanout_read_failed",
        {{"code", absl::StrCat(static_cast<int>(status.code()))}});
    return 0;
  }
  if (!rows.empty()) last_id_ = rows.back().id;
  const bool check_all = absl::Now() >= next_session_check_;
  if (rows.empty() && !check_all) return 0;

  // Every subscriber that gets rows, and on the interval every subscriber,
  // with a reference each so they may end while we call them.
  std::vector<Subscription> involved;
  {
    absl::MutexLock lock(&mu_);
    absl::flat_hash_set<NotificationSubscriber*> seen;
    auto take = [&](const Subscription& sub) {
      if (!seen.insert(sub.subscriber).second) return;
      sub.subscriber->Ref();
      involved.push_back(sub);
    };
    if (check_all) {
      for (const auto& [recipient, subs] : subscribers_) {
        for (const Subscription& sub : subs) take(sub);
      }
    } else {
      for (const store::NotificationRow& row : rows) {
        auto it = subscribers_.find(row.recipient_id);
        if (it == subscribers_.end()) continue;
        for (const Subscription& sub : it->second) take(sub);
      }
    }
  }
  if (check_all) {
    next_session_check_ = absl::Now() + options_.session_check_interval;
  }
  // Checked in a snapshot taken after the rows were read: a row stored after
  // its session was revoked is never delivered to it.
  std::vector<Subscription> live = DropEndedSessions(std::move(involved));

  // Group by subscriber, keeping id order.
  std::vector<std::pair<NotificationSubscriber*,
                        std::vector<const store::NotificationRow*>>>
      deliveries;
  {
    absl::MutexLock lock(&mu_);
    absl::flat_hash_map<NotificationSubscriber*, size_t> index;
    absl::flat_hash_set<NotificationSubscriber*> checked;
    for (const Subscription& sub : live) checked.insert(sub.subscriber);
    for (const store::NotificationRow& row : rows) {
      auto it = subscribers_.find(row.recipient_id);
      if (it == subscribers_.end()) continue;
      for (const Subscription& sub : it->second) {
        NotificationSubscriber* s = sub.subscriber;
        // One that subscribed after the check authenticated after the rows
        // were stored; it replays them itself.
        if (!checked.contains(s)) continue;
        auto [slot, inserted] = index.try_emplace(s, deliveries.size());
        if (inserted) {
          deliveries.emplace_back(s,
                                  std::vector<const store::NotificationRow*>());
        }
        deliveries[slot->second].second.push_back(&row);
      }
    }
  }
  for (auto& [s, mine] : deliveries) s->Deliver(mine);
  for (const Subscription& sub : live) sub.subscriber->Unref();
  return rows.size();
}

std::vector<NotificationFanout::Subscription>
NotificationFanout::DropEndedSessions(std::vector<Subscription> subs) {
  if (subs.empty()) return subs;
  const int64_t now = absl::ToUnixSeconds(clock_->Now());
  absl::flat_hash_map<std::string, bool> live_by_hash;
  absl::Status status = db_->Read([&](store::Connection& c) -> absl::Status {
    for (const Subscription& sub : subs) {
      if (live_by_hash.contains(sub.session_hash)) continue;
      absl::StatusOr<store::SessionRow> session =
          store::FindSession(c, sub.session_hash);
      if (!session.ok() && !absl::IsNotFound(session.status())) {
        return session.status();
      }
      live_by_hash[sub.session_hash] = session.ok() &&
                                       !session->revoked_at.has_value() &&
                                       session->expires_at > now;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) {
    // Nothing is delivered on a failed check; the next look tries again.
    Log(LogLevel::kWarning, "fanout_session_check_failed",
        {{"code", absl::StrCat(static_cast<int>(status.code()))}});
    for (const Subscription& sub : subs) sub.subscriber->Unref();
    return {};
  }
  std::vector<Subscription> live;
  for (Subscription& sub : subs) {
    if (live_by_hash[sub.session_hash]) {
      live.push_back(std::move(sub));
      continue;
    }
    Unsubscribe(sub.recipient_id, sub.subscriber);
    sub.subscriber->Close(
        absl::UnauthenticatedError("session ended; sign in again"));
    sub.subscriber->Unref();
  }
  return live;
}

}  // namespace welkom::flows
