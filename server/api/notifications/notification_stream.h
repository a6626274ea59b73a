// File: notification_stream.h
// The transport-neutral half of one NotificationService.Watch call: it
// authenticates, subscribes to the fan-out, replays the caller's
// notifications after the client's last id from the database, then queues
// what the fan-out hands it. Every notification is queued exactly once, in
// id order, whichever transport takes them: the gRPC reactor
// (notification_watch.h) or the Connect stream of the HTTP gateway
// (NotificationService registers it with the dispatcher).
//
//   auto* stream = new NotificationStream(dispatcher, fanout);
//   stream->Begin(meta, after_id);                 // may block
//   NotificationStream::Next next = stream->TakeWithin(absl::Seconds(1));
//   ...
//   stream->Stop();  stream->Unref();
#ifndef WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_STREAM_H_
#define WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_STREAM_H_

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/flows/notification_fanout.h"
#include "server/rpc/dispatcher.h"
#include "server/rpc/server_stream.h"
#include "welkom/v1/notification.pb.h"

namespace welkom::api {

inline constexpr char kWatchMethod[] = "/welkom.v1.NotificationService/Watch";

void ToProto(const store::NotificationRow& row, v1::Notification* out);

class NotificationStream : public flows::NotificationSubscriber {
 public:
  // A client further behind than this many unsent notifications is ended
  // with RESOURCE_EXHAUSTED; it resumes from its last id.
  static constexpr size_t kMaxQueued = 10000;

  // What the transport writes next: at most one of the two is set.
  struct Next {
    std::optional<v1::Notification> notification;
    // The call's final status (OK never: a Watch ends only by an error,
    // a cancellation or a deadline).
    std::optional<absl::Status> end;
  };

  NotificationStream(rpc::Dispatcher* dispatcher,
                     flows::NotificationFanout* fanout);

  // Authenticates `meta`, checks `after_id`, subscribes and replays. Blocks
  // on the database: call it on the executor or another thread that may
  // block, once. A failure becomes the end of the stream.
  void Begin(const rpc::RequestMeta& meta, int64_t after_id);

  // The end once requested (even with notifications still queued), else the
  // oldest queued notification, else nothing. The first end taken is
  // counted in the dispatcher's metrics as the call's code.
  Next Take();
  // Take(), waiting up to `wait` while it would answer nothing.
  Next TakeWithin(absl::Duration wait);

  // Requests the end with `status` (not OK); the first request wins.
  void End(const absl::Status& status);
  // Unsubscribes from the fan-out; idempotent. Call it before the last
  // Unref. Nothing is delivered after it returns.
  void Stop();

  void Deliver(const std::vector<const store::NotificationRow*>& rows) override;
  void Close(const absl::Status& status) override;

 protected:
  // Called without the lock whenever Take() may answer something new.
  virtual void OnReady() {}

 private:
  absl::Status Replay(int64_t after_id);
  // Queues rows with id above the cursor; a queue over kMaxQueued requests
  // the end.
  void AppendLocked(std::vector<v1::Notification> batch)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HasNextLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return end_.has_value() || !queue_.empty();
  }

  rpc::Dispatcher* dispatcher_;
  flows::NotificationFanout* fanout_;
  rpc::CallMetrics::LiveStream
      live_;  // welkom_live_streams while the call lasts
  const absl::Time started_;
  std::string recipient_id_;  // set before subscribing, then constant

  absl::Mutex mu_;
  std::deque<v1::Notification> queue_ ABSL_GUARDED_BY(mu_);
  // Live rows that arrived while the replay ran.
  std::vector<v1::Notification> held_ ABSL_GUARDED_BY(mu_);
  int64_t cursor_ ABSL_GUARDED_BY(mu_) = 0;  // highest id queued
  bool replaying_ ABSL_GUARDED_BY(mu_) = true;
  bool subscribed_ ABSL_GUARDED_BY(mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  bool end_counted_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<absl::Status> end_ ABSL_GUARDED_BY(mu_);
};

// One Watch call for a transport that pulls (the Connect gateway): begins
// the stream on the calling thread (which may block), and ends it,
// unsubscribed, when destroyed.
std::unique_ptr<rpc::ServerStream> OpenPulledWatch(
    rpc::Dispatcher* dispatcher, flows::NotificationFanout* fanout,
    const rpc::RequestMeta& meta, const v1::WatchRequest& request);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_STREAM_H_
