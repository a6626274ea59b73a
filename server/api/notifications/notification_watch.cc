#include "server/api/notifications/notification_watch.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/rpc/status.h"
#include "server/auth/policy.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kReplayChunk = 500;

}  // namespace

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

WatchReactor::WatchReactor(grpc::CallbackServerContext* ctx,
                           const v1::WatchRequest& req, rpc::Dispatcher* dispatcher,
                           flows::NotificationFanout* fanout)
    : dispatcher_(dispatcher), fanout_(fanout), live_(&dispatcher->metrics()) {
  Ref();  // for Begin
  dispatcher_->executor()->Submit(
      [this, meta = rpc::Dispatcher::MetaFromGrpc(*ctx), after = req.after_id()] {
        Begin(meta, after);
        Unref();
      });
}

void WatchReactor::Begin(const rpc::RequestMeta& meta, int64_t after_id) {
  absl::StatusOr<auth::Principal> principal =
      dispatcher_->Authenticate(meta.bearer_token);
  absl::Status status = principal.status();
  if (status.ok()) status = auth::AuthorizeMethod(kWatchMethod, &*principal);
  if (status.ok() && after_id < 0) {
    status = absl::InvalidArgumentError("after_id: must not be negative");
  }
  if (status.ok()) {
    status = dispatcher_->db()->Read([&](store::Connection& c) -> absl::Status {
      WELKOM_ASSIGN_OR_RETURN(int64_t max_id, store::MaxIssuedNotificationId(c));
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
    RequestFinish(rpc::ToGrpcStatus(status));
    return;
  }
  recipient_id_ = principal->user_id;
  bool subscribed;
  {
    absl::MutexLock lock(&mu_);
    if (finish_.has_value() || done_) return;
    cursor_ = after_id;
    subscribed = subscribed_ = fanout_->Subscribe(recipient_id_, this);
  }
  if (!subscribed) {
    RequestFinish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "server is shutting down; reconnect"));
    return;
  }
  status = Replay(after_id);
  if (!status.ok()) {
    RequestFinish(rpc::ToGrpcStatus(status));
    return;
  }
  Step step;
  {
    absl::MutexLock lock(&mu_);
    replaying_ = false;
    AppendLocked(std::move(held_));
    held_.clear();
    step = NextStepLocked();
  }
  Act(step);
}

absl::Status WatchReactor::Replay(int64_t after_id) {
  while (true) {
    std::vector<store::NotificationRow> rows;
    WELKOM_RETURN_IF_ERROR(
        dispatcher_->db()->Read([&](store::Connection& c) -> absl::Status {
          WELKOM_ASSIGN_OR_RETURN(rows, store::ListNotificationsAfter(
                                            c, recipient_id_, after_id,
                                            kReplayChunk));
          return absl::OkStatus();
        }));
    if (rows.empty()) return absl::OkStatus();
    after_id = rows.back().id;
    std::vector<v1::Notification> batch(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) ToProto(rows[i], &batch[i]);
    Step step;
    {
      absl::MutexLock lock(&mu_);
      if (finish_.has_value()) return absl::OkStatus();
      AppendLocked(std::move(batch));
      step = NextStepLocked();
    }
    Act(step);
    if (rows.size() < static_cast<size_t>(kReplayChunk)) {
      return absl::OkStatus();
    }
  }
}

void WatchReactor::Deliver(
    const std::vector<const store::NotificationRow*>& rows) {
  std::vector<v1::Notification> batch(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) ToProto(*rows[i], &batch[i]);
  Step step;
  {
    absl::MutexLock lock(&mu_);
    if (replaying_) {
      // The replay may not have reached these yet; they go out after it, in
      // order, and the cursor drops whatever the replay already sent.
      for (auto& n : batch) held_.push_back(std::move(n));
      return;
    }
    AppendLocked(std::move(batch));
    step = NextStepLocked();
  }
  Act(step);
}

void WatchReactor::Close(const absl::Status& status) {
  RequestFinish(rpc::ToGrpcStatus(status));
}

void WatchReactor::AppendLocked(std::vector<v1::Notification> batch) {
  for (v1::Notification& n : batch) {
    if (n.id() <= cursor_) continue;
    cursor_ = n.id();
    queue_.push_back(std::move(n));
  }
  if (queue_.size() > kMaxQueued && !finish_.has_value()) {
    finish_ = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                           "too far behind; resume from your last id");
  }
}

WatchReactor::Step WatchReactor::NextStepLocked() {
  Step step;
  if (writing_ || finish_called_) return step;
  if (finish_.has_value()) {
    finish_called_ = true;
    step.finish = *finish_;
  } else if (!queue_.empty()) {
    writing_ = true;
    step.write = &queue_.front();
  }
  return step;
}

void WatchReactor::Act(const Step& step) {
  // Outside mu_: gRPC may run OnWriteDone or OnDone inline.
  if (step.write != nullptr) StartWrite(step.write);
  if (step.finish.has_value()) Finish(*step.finish);
}

void WatchReactor::RequestFinish(const grpc::Status& status) {
  Step step;
  {
    absl::MutexLock lock(&mu_);
    if (!finish_.has_value()) finish_ = status;
    step = NextStepLocked();
  }
  Act(step);
}

void WatchReactor::OnWriteDone(bool ok) {
  Step step;
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    queue_.pop_front();
    if (!ok && !finish_.has_value()) {
      finish_ = grpc::Status(grpc::StatusCode::CANCELLED, "stream closed");
    }
    step = NextStepLocked();
  }
  Act(step);
}

void WatchReactor::OnCancel() {
  RequestFinish(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
}

void WatchReactor::OnDone() {
  bool subscribed;
  {
    absl::MutexLock lock(&mu_);
    done_ = true;
    subscribed = subscribed_;
  }
  if (subscribed) fanout_->Unsubscribe(recipient_id_, this);
  Unref();
}

}  // namespace welkom::api
