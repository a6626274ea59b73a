#include "notification_watch.h"

#include <random>

#include "welkom/v1/notification.grpc.pb.h"

namespace welkom::sdk {

NotificationWatch::NotificationWatch(Client::Impl* impl,
                                     Callback on_notification, StoreFn store)
    : impl_(impl),
      callback_(std::make_shared<Callback>(std::move(on_notification))),
      store_(std::move(store)),
      alive_(std::make_shared<bool>(true)),
      thread_([this] { Loop(); }) {}

NotificationWatch::~NotificationWatch() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    if (active_ != nullptr) active_->TryCancel();
  }
  cv_.notify_all();
  thread_.join();
  // Callbacks already posted check `alive_` on the queue; after this no
  // more of them reach the app.
  impl_->Run<bool>([alive = alive_] {
    *alive = false;
    return true;
  });
}

void NotificationWatch::Loop() {
  Backoff backoff(impl_->options().backoff, std::random_device()());
  int64_t last_id = impl_->Run<int64_t>([this] {
    auto max = impl_->documents().MaxSortKey(kNotificationKind);
    return max.ok() ? *max : int64_t{0};
  });
  while (true) {
    int64_t before = last_id;
    if (!StreamOnce(&last_id)) return;
    if (last_id != before) backoff.Reset();
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, absl::ToChronoNanoseconds(backoff.Next()),
                 [this] { return stopped_; });
    if (stopped_) return;
  }
}

bool NotificationWatch::StreamOnce(int64_t* last_id) {
  grpc::ClientContext ctx;
  impl_->remote().Prepare(
      &ctx, impl_->Run<std::string>([this] { return impl_->token(); }),
      /*with_deadline=*/false);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return false;
    active_ = &ctx;
  }
  auto stub = v1::NotificationService::NewStub(impl_->remote().channel());
  v1::WatchRequest req;
  req.set_after_id(*last_id);
  auto reader = stub->Watch(&ctx, req);
  auto n = std::make_shared<v1::Notification>();
  while (reader->Read(n.get())) {
    if (n->id() <= *last_id) continue;
    *last_id = n->id();
    impl_->queue().Post([this, n, cb = callback_, alive = alive_] {
      if (!*alive) return;
      store_(*n).IgnoreError();  // the app still hears of it
      (*cb)(*n);
    });
    n = std::make_shared<v1::Notification>();
  }
  grpc::Status status = reader->Finish();
  // An id the server never issued: its database is not the one this cache
  // saw. Start over from the whole inbox.
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) *last_id = 0;
  std::lock_guard<std::mutex> lock(mu_);
  active_ = nullptr;
  return !stopped_;
}

}  // namespace welkom::sdk
