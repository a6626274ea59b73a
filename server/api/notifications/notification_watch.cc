#include "server/api/notifications/notification_watch.h"

#include <optional>
#include <utility>

#include "server/rpc/status.h"

namespace welkom::api {

WatchReactor::WatchReactor(grpc::CallbackServerContext* ctx,
                           const v1::WatchRequest& req,
                           rpc::Dispatcher* dispatcher,
                           flows::NotificationFanout* fanout)
    : NotificationStream(dispatcher, fanout) {
  Ref();  // for Begin
  dispatcher->executor()->Submit([this,
                                  meta = rpc::Dispatcher::MetaFromGrpc(*ctx),
                                  after = req.after_id()] {
    Begin(meta, after);
    Unref();
  });
}

void WatchReactor::Pump() {
  const v1::Notification* write = nullptr;
  std::optional<grpc::Status> finish;
  {
    absl::MutexLock lock(&mu_);
    if (writing_ || finish_called_) return;
    Next next = Take();
    if (next.end.has_value()) {
      finish_called_ = true;
      finish = rpc::ToGrpcStatus(*next.end);
    } else if (next.notification.has_value()) {
      writing_ = true;
      writing_message_ = std::move(*next.notification);
      write = &writing_message_;
    }
  }
  // Outside mu_: gRPC may run OnWriteDone or OnDone inline.
  if (write != nullptr) StartWrite(write);
  if (finish.has_value()) Finish(*finish);
}

void WatchReactor::OnWriteDone(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
  }
  if (!ok) End(absl::CancelledError("stream closed"));
  Pump();
}

void WatchReactor::OnCancel() { End(absl::CancelledError("cancelled")); }

void WatchReactor::OnDone() {
  Stop();
  Unref();
}

}  // namespace welkom::api
