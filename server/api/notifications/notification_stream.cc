#include "server/api/notifications/notification_stream.h"

#include <utility>

#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "server/auth/policy.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/rpc/status.h"
#include "server/store/notification_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kReplayChunk = 500;

class PulledWatch final : public rpc::ServerStream {
 public:
  explicit PulledWatch(NotificationStream* stream) : stream_(stream) {}
  ~PulledWatch() override {
    // Counts the call if it ended without the transport taking the end.
    stream_->End(absl::CancelledError("stream closed"));
    stream_->Take();
    stream_->Stop();
    stream_->Unref();
  }

  Next Pull(absl::Duration wait) override {
    NotificationStream::Next taken = stream_->TakeWithin(wait);
    Next next;
    next.end = std::move(taken.end);
    if (taken.notification.has_value()) {
      next.message =
          std::make_unique<v1::Notification>(std::move(*taken.notification));
    }
    return next;
  }

  void Cancel(const absl::Status& status) override { stream_->End(status); }

 private:
  NotificationStream* stream_;  // one reference, ours
};

}  // namespace

std::unique_ptr<rpc::ServerStream> OpenPulledWatch(
    rpc::Dispatcher* dispatcher, flows::NotificationFanout* fanout,
    const rpc::RequestMeta& meta, const v1::WatchRequest& request) {
  auto* stream = new NotificationStream(dispatcher, fanout);
  stream->Begin(meta, request.after_id());
  return std::make_unique<PulledWatch>(stream);
}

void ToProto(const store::NotificationRow& row, v1::Notification* out) {
  out->set_id(row.id);
  out->set_kind(row.kind);
  out->mutable_title()->set_en(row.title_en);
  out->mutable_title()->set_nl(row.title_nl);
  out->mutable_body()->set_en(row.body_en);
  out->mutable_body()->set_nl(row.body_nl);
  out->set_subject(row.subject);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  if (row.read_at.has_value()) {
    *out->mutable_read_time() = TimeUtil::SecondsToTimestamp(*row.read_at);
  }
}

NotificationStream::NotificationStream(rpc::Dispatcher* dispatcher,
                                       flows::NotificationFanout* fanout)
    : dispatcher_(dispatcher),
      fanout_(fanout),
      live_(&dispatcher->metrics()),
      started_(absl::Now()) {}

void NotificationStream::Begin(const rpc::RequestMeta& meta, int64_t after_id) {
  absl::StatusOr<auth::Principal> principal =
      dispatcher_->Authenticate(meta.bearer_token);
  absl::Status status = principal.status();
  if (status.ok()) status = auth::AuthorizeMethod(kWatchMethod, &*principal);
  if (status.ok() && after_id < 0) {
    status = absl::InvalidArgumentError("after_id: must not be negative");
  }
  if (status.ok()) {
    status = dispatcher_->db()->Read([&](store::Connection& c) -> absl::Status {
      WELKOM_ASSIGN_OR_RETURN(int64_t max_id,
                              store::MaxIssuedNotificationId(c));
      if (after_id > max_id) {
        return absl::InvalidArgumentError(
            "after_id: no notification with this id was ever issued");
      }
      return absl::OkStatus();
    });
  }
  Log(LogLevel::kDebug, "watch_start",
      {{"code", std::string(rpc::ConnectCodeName(status.code()))},
       {"user", principal.ok() ? principal->user_id : "-"}});
  if (!status.ok()) {
    End(status);
    return;
  }
  recipient_id_ = principal->user_id;
  bool subscribed;
  {
    absl::MutexLock lock(&mu_);
    if (end_.has_value() || stopped_) return;
    cursor_ = after_id;
    subscribed = subscribed_ =
        fanout_->Subscribe(recipient_id_, principal->session_hash, this);
  }
  if (!subscribed) {
    End(absl::UnavailableError("server is shutting down; reconnect"));
    return;
  }
  status = Replay(after_id);
  if (!status.ok()) {
    End(status);
    return;
  }
  {
    absl::MutexLock lock(&mu_);
    replaying_ = false;
    AppendLocked(std::move(held_));
    held_.clear();
  }
  OnReady();
}

absl::Status NotificationStream::Replay(int64_t after_id) {
  while (true) {
    std::vector<store::NotificationRow> rows;
    WELKOM_RETURN_IF_ERROR(
        dispatcher_->db()->Read([&](store::Connection& c) -> absl::Status {
          WELKOM_ASSIGN_OR_RETURN(
              rows, store::ListNotificationsAfter(c, recipient_id_, after_id,
                                                  kReplayChunk));
          return absl::OkStatus();
        }));
    if (rows.empty()) return absl::OkStatus();
    after_id = rows.back().id;
    std::vector<v1::Notification> batch(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) ToProto(rows[i], &batch[i]);
    {
      absl::MutexLock lock(&mu_);
      if (end_.has_value()) return absl::OkStatus();
      AppendLocked(std::move(batch));
    }
    OnReady();
    if (rows.size() < static_cast<size_t>(kReplayChunk)) {
      return absl::OkStatus();
    }
  }
}

void NotificationStream::Deliver(
    const std::vector<const store::NotificationRow*>& rows) {
  std::vector<v1::Notification> batch(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) ToProto(*rows[i], &batch[i]);
  {
    absl::MutexLock lock(&mu_);
    if (replaying_) {
      // The replay may not have reached these yet; they go out after it, in
      // order, and the cursor drops whatever the replay already sent.
      for (auto& n : batch) held_.push_back(std::move(n));
      return;
    }
    AppendLocked(std::move(batch));
  }
  OnReady();
}

void NotificationStream::Close(const absl::Status& status) { End(status); }

void NotificationStream::AppendLocked(std::vector<v1::Notification> batch) {
  for (v1::Notification& n : batch) {
    if (n.id() <= cursor_) continue;
    cursor_ = n.id();
    queue_.push_back(std::move(n));
  }
  if (queue_.size() > kMaxQueued && !end_.has_value()) {
    end_ = absl::ResourceExhaustedError(
        "too far behind; resume from your last id");
  }
}

NotificationStream::Next NotificationStream::Take() {
  return TakeWithin(absl::ZeroDuration());
}

NotificationStream::Next NotificationStream::TakeWithin(absl::Duration wait) {
  Next next;
  absl::MutexLock lock(&mu_);
  if (wait > absl::ZeroDuration()) {
    mu_.AwaitWithTimeout(
        absl::Condition(this, &NotificationStream::HasNextLocked), wait);
  }
  if (end_.has_value()) {
    next.end = *end_;
    if (!end_counted_) {
      end_counted_ = true;
      dispatcher_->metrics().RecordCall(kWatchMethod, end_->code(),
                                        absl::Now() - started_);
    }
  } else if (!queue_.empty()) {
    next.notification = std::move(queue_.front());
    queue_.pop_front();
  }
  return next;
}

void NotificationStream::End(const absl::Status& status) {
  {
    absl::MutexLock lock(&mu_);
    if (!end_.has_value()) end_ = status;
  }
  OnReady();
}

void NotificationStream::Stop() {
  bool subscribed;
  {
    absl::MutexLock lock(&mu_);
    stopped_ = true;
    subscribed = subscribed_;
    subscribed_ = false;
  }
  if (subscribed) fanout_->Unsubscribe(recipient_id_, this);
}

}  // namespace welkom::api
