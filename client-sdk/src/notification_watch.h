// File: notification_watch.h
// A live NotificationService.Watch stream on a thread of its own, resumed
// after the last id seen whenever it breaks (with backoff and jitter while
// the server is away). Each new notification is stored and handed to the
// app on the serial queue, once, in id order.
#ifndef WELKOM_CLIENT_SDK_SRC_NOTIFICATION_WATCH_H_
#define WELKOM_CLIENT_SDK_SRC_NOTIFICATION_WATCH_H_

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "client_impl.h"
#include "welkom/v1/notification.pb.h"

namespace welkom::sdk {

// The document kind of cached notifications (sort key: id).
extern const char kNotificationKind[];

class NotificationWatch final : public Subscription {
 public:
  using Callback = std::function<void(const v1::Notification&)>;
  using StoreFn = std::function<absl::Status(const v1::Notification&)>;

  // Starts streaming at once. `impl` must outlive this object.
  NotificationWatch(Client::Impl* impl, Callback on_notification,
                    StoreFn store);
  // Ends the stream; no callback runs after this returns.
  ~NotificationWatch() override;

 private:
  void Loop();
  // False once stopped.
  bool StreamOnce(int64_t* last_id);

  Client::Impl* impl_;
  std::shared_ptr<Callback> callback_;
  StoreFn store_;
  std::shared_ptr<bool> alive_;  // read and written on the serial queue only
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
  grpc::ClientContext* active_ = nullptr;
  std::thread thread_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_NOTIFICATION_WATCH_H_
