// File: notification_watch.h
// One NotificationService.Watch call: a server-streaming reactor (as in
// grpc's route_guide) that authenticates, replays the caller's notifications
// after the client's last id from the database, then streams what the
// fan-out hands it. Every notification goes out exactly once, in id order.
#ifndef WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_WATCH_H_
#define WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_WATCH_H_

#include <grpcpp/grpcpp.h>

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "server/rpc/dispatcher.h"
#include "server/flows/notification_fanout.h"
#include "welkom/v1/notification.pb.h"

namespace welkom::api {

inline constexpr char kWatchMethod[] =
    "/welkom.v1.NotificationService/Watch";

void ToProto(const store::NotificationRow& row, v1::Notification* out);

class WatchReactor final : public grpc::ServerWriteReactor<v1::Notification>,
                           public flows::NotificationSubscriber {
 public:
  // A client further behind than this many unsent notifications is ended
  // with RESOURCE_EXHAUSTED; it resumes from its last id.
  static constexpr size_t kMaxQueued = 10000;

  // Starts the call; the work that touches the database runs on the
  // dispatcher's executor. Deletes itself when the call is done.
  WatchReactor(grpc::CallbackServerContext* ctx, const v1::WatchRequest& req,
               rpc::Dispatcher* dispatcher, flows::NotificationFanout* fanout);

  void Deliver(const std::vector<const store::NotificationRow*>& rows) override;
  void Close(const absl::Status& status) override;

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // Authenticates, subscribes, replays; on the executor.
  void Begin(const rpc::RequestMeta& meta, int64_t after_id);
  absl::Status Replay(int64_t after_id);
  // What to do with the call once mu_ is released: at most one of them.
  struct Step {
    const v1::Notification* write = nullptr;
    std::optional<grpc::Status> finish;
  };
  // Queues rows with id above the cursor; a queue over kMaxQueued requests
  // the finish.
  void AppendLocked(std::vector<v1::Notification> batch)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Starts the next write, or the finish once requested, unless a write is
  // running (OnWriteDone continues then). Only one write runs at a time and
  // nothing is written after Finish.
  Step NextStepLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Act(const Step& step);
  void RequestFinish(const grpc::Status& status);

  rpc::Dispatcher* dispatcher_;
  flows::NotificationFanout* fanout_;
  rpc::CallMetrics::LiveStream live_;  // welkom_live_streams while the call lasts
  std::string recipient_id_;  // set before subscribing, then constant

  absl::Mutex mu_;
  std::deque<v1::Notification> queue_ ABSL_GUARDED_BY(mu_);
  // Live rows that arrived while the replay ran.
  std::vector<v1::Notification> held_ ABSL_GUARDED_BY(mu_);
  int64_t cursor_ ABSL_GUARDED_BY(mu_) = 0;  // highest id queued
  bool replaying_ ABSL_GUARDED_BY(mu_) = true;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool subscribed_ ABSL_GUARDED_BY(mu_) = false;
  bool finish_called_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<grpc::Status> finish_ ABSL_GUARDED_BY(mu_);
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_WATCH_H_
