// File: notification_watch.h
// One NotificationService.Watch call over gRPC: a server-streaming reactor
// (as in grpc's route_guide) over a NotificationStream, which authenticates,
// replays after the client's last id and queues the live notifications; the
// reactor writes them one at a time, each exactly once, in id order.
#ifndef WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_WATCH_H_
#define WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_WATCH_H_

#include <grpcpp/grpcpp.h>

#include "absl/synchronization/mutex.h"
#include "server/api/notifications/notification_stream.h"
#include "server/flows/notification_fanout.h"
#include "server/rpc/dispatcher.h"
#include "welkom/v1/notification.pb.h"

namespace welkom::api {

class WatchReactor final : public grpc::ServerWriteReactor<v1::Notification>,
                           public NotificationStream {
 public:
  // Starts the call; the work that touches the database runs on the
  // dispatcher's executor. Deletes itself when the call is done.
  WatchReactor(grpc::CallbackServerContext* ctx, const v1::WatchRequest& req,
               rpc::Dispatcher* dispatcher, flows::NotificationFanout* fanout);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 protected:
  void OnReady() override { Pump(); }

 private:
  // Starts the next write, or the finish, unless a write is running
  // (OnWriteDone pumps again then). Only one write runs at a time and
  // nothing is written after Finish.
  void Pump();

  absl::Mutex mu_;
  v1::Notification writing_message_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finish_called_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_WATCH_H_
