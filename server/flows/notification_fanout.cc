#include "server/flows/notification_fanout.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"

namespace welkom::flows {

NotificationFanout::NotificationFanout(store::Database* db, Options options)
    : db_(db), options_(options) {}

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
      for (NotificationSubscriber* s : subs) {
        s->Ref();
        all.push_back(s);
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
                                   NotificationSubscriber* s) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || !running_) return false;
  subscribers_[recipient_id].push_back(s);
  ++count_;
  return true;
}

void NotificationFanout::Unsubscribe(const std::string& recipient_id,
                                     NotificationSubscriber* s) {
  absl::MutexLock lock(&mu_);
  auto it = subscribers_.find(recipient_id);
  if (it == subscribers_.end()) return;
  auto& subs = it->second;
  auto pos = std::find(subs.begin(), subs.end(), s);
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
  if (rows.empty()) return 0;
  last_id_ = rows.back().id;

  // Group by subscriber, keeping id order, and hold a reference to each so
  // they may end while we call them.
  std::vector<std::pair<NotificationSubscriber*,
                        std::vector<const store::NotificationRow*>>>
      deliveries;
  {
    absl::MutexLock lock(&mu_);
    absl::flat_hash_map<NotificationSubscriber*, size_t> index;
    for (const store::NotificationRow& row : rows) {
      auto it = subscribers_.find(row.recipient_id);
      if (it == subscribers_.end()) continue;
      for (NotificationSubscriber* s : it->second) {
        auto [slot, inserted] = index.try_emplace(s, deliveries.size());
        if (inserted) {
          s->Ref();
          deliveries.emplace_back(s,
                                  std::vector<const store::NotificationRow*>());
        }
        deliveries[slot->second].second.push_back(&row);
      }
    }
  }
  for (auto& [s, mine] : deliveries) {
    s->Deliver(mine);
    s->Unref();
  }
  return rows.size();
}

}  // namespace welkom::flows
