// Client::Inbox, MarkRead and WatchNotifications: the inbox cached as
// "notification" documents keyed by id; read marks go through the outbox.
#include <algorithm>

#include "absl/time/clock.h"
#include "client_impl.h"
#include "google/protobuf/util/time_util.h"
#include "notification_watch.h"

namespace welkom::sdk {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kList[] = "/welkom.v1.NotificationService/ListNotifications";
constexpr char kMarkRead[] = "/welkom.v1.NotificationService/MarkRead";
constexpr int kInboxLimit = 500;

// Marks `n` read (now) if `request` covers it; true if it changed.
bool ApplyMarkRead(const v1::MarkReadRequest& request, v1::Notification* n) {
  if (n->has_read_time()) return false;
  bool covered = n->id() <= request.up_to_id() ||
                 std::find(request.ids().begin(), request.ids().end(),
                           n->id()) != request.ids().end();
  if (covered) *n->mutable_read_time() = TimeUtil::GetCurrentTime();
  return covered;
}

absl::StatusOr<std::vector<v1::Notification>> Cached(Client::Impl& impl) {
  auto rows = impl.documents().List(kNotificationKind);
  if (!rows.ok()) return rows.status();
  std::vector<v1::Notification> out(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    // Stored oldest first; the inbox shows newest first.
    out[rows->size() - 1 - i].ParseFromString((*rows)[i]);
  }
  return out;
}

absl::Status Store(Client::Impl& impl, const v1::Notification& n) {
  return impl.documents().Put(kNotificationKind, std::to_string(n.id()), n.id(),
                              n);
}

// Replaces the cached inbox with the server's newest kInboxLimit.
absl::Status FetchInbox(Client::Impl& impl) {
  std::vector<v1::Notification> all;
  v1::ListNotificationsRequest req;
  req.set_page_size(kInboxLimit);
  do {
    v1::ListNotificationsResponse resp;
    absl::Status s = impl.CallServer(kList, req, &resp);
    if (!s.ok()) return s;
    all.insert(all.end(), resp.notifications().begin(),
               resp.notifications().end());
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty() && all.size() < kInboxLimit);
  return ReplaceCachedKind<v1::Notification>(impl, kNotificationKind, all,
                                             Store);
}

// Read marks waiting in the outbox, laid over `inbox`.
absl::Status OverlayPending(Client::Impl& impl,
                            std::vector<v1::Notification>* inbox) {
  return ForEachPending<v1::MarkReadRequest>(
      impl, kMarkRead, [&](int64_t, v1::MarkReadRequest& req) {
        for (v1::Notification& n : *inbox) ApplyMarkRead(req, &n);
        return absl::OkStatus();
      });
}

}  // namespace

const char kNotificationKind[] = "notification";

void RegisterInboxChanges(Client::Impl& impl) {
  ChangeKind kind;
  kind.new_request = [] { return std::make_unique<v1::MarkReadRequest>(); };
  kind.new_response = [] { return std::make_unique<v1::MarkReadResponse>(); };
  kind.naturally_idempotent = true;
  kind.applied = [&impl](const Message& request, const Message&) {
    const auto& req = static_cast<const v1::MarkReadRequest&>(request);
    auto inbox = Cached(impl);
    if (!inbox.ok()) return inbox.status();
    for (v1::Notification& n : *inbox) {
      if (!ApplyMarkRead(req, &n)) continue;
      if (absl::Status s = Store(impl, n); !s.ok()) return s;
    }
    return absl::OkStatus();
  };
  kind.refetch = [&impl](const Message&) { FetchInbox(impl).IgnoreError(); };
  impl.RegisterChange(kMarkRead, std::move(kind));
}

absl::StatusOr<std::vector<v1::Notification>> Client::Inbox(Source source) {
  using Result = absl::StatusOr<std::vector<v1::Notification>>;
  return impl_->Run<Result>([&]() -> Result {
    if (source == Source::kDefault) {
      absl::Status s = FetchInbox(*impl_);
      if (!s.ok() && !IsTransient(s)) return s;
    }
    auto inbox = Cached(*impl_);
    if (!inbox.ok()) return inbox.status();
    if (absl::Status s = OverlayPending(*impl_, &*inbox); !s.ok()) return s;
    return inbox;
  });
}

absl::Status Client::MarkRead(const std::vector<int64_t>& ids) {
  return impl_->Run<absl::Status>([&] {
    v1::MarkReadRequest req;
    req.mutable_ids()->Add(ids.begin(), ids.end());
    return impl_->Enqueue(kMarkRead, req);
  });
}

std::unique_ptr<Subscription> Client::WatchNotifications(
    std::function<void(const v1::Notification&)> on_notification) {
  return std::make_unique<NotificationWatch>(
      impl_.get(), std::move(on_notification),
      [impl = impl_.get()](const v1::Notification& n) {
        return Store(*impl, n);
      });
}

}  // namespace welkom::sdk
