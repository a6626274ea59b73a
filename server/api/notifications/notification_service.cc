#include "server/api/notifications/notification_service.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/api/notifications/notification_watch.h"
#include "server/base/status_macros.h"
#include "server/rpc/validation.h"
#include "server/store/notification_store.h"

namespace welkom::api {
namespace {

constexpr char kList[] = "/welkom.v1.NotificationService/ListNotifications";
constexpr char kMarkRead[] = "/welkom.v1.NotificationService/MarkRead";

constexpr int kMaxMarkIds = 1000;

absl::Status DoList(rpc::Call& call, const v1::ListNotificationsRequest& req,
                    v1::ListNotificationsResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
  WELKOM_ASSIGN_OR_RETURN(int64_t before,
                          rpc::DecodeIdPageToken(req.page_token()));
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(
      auto rows,
      store::ListInbox(*call.conn, me, before, req.unread_only(), size + 1));
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size); ++i) {
    ToProto(rows[i], resp->add_notifications());
  }
  if (rows.size() > static_cast<size_t>(size)) {
    resp->set_next_page_token(
        rpc::EncodePageToken(absl::StrCat(rows[size - 1].id)));
  }
  WELKOM_ASSIGN_OR_RETURN(int64_t unread, store::CountUnread(*call.conn, me));
  resp->set_unread_count(static_cast<int32_t>(unread));
  return absl::OkStatus();
}

absl::Status DoMarkRead(rpc::Call& call, const v1::MarkReadRequest& req,
                        v1::MarkReadResponse* resp) {
  if (req.ids_size() > kMaxMarkIds) {
    return absl::InvalidArgumentError(
        absl::StrCat("ids: at most ", kMaxMarkIds, " per call"));
  }
  if (req.up_to_id() < 0) {
    return absl::InvalidArgumentError("up_to_id: must not be negative");
  }
  std::vector<int64_t> ids(req.ids().begin(), req.ids().end());
  for (int64_t id : ids) {
    if (id <= 0) return absl::InvalidArgumentError("ids: must be positive");
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const std::string& me = call.principal->user_id;
  if (!ids.empty()) {
    WELKOM_ASSIGN_OR_RETURN(
        int64_t owned, store::CountOwnedNotifications(*call.conn, me, ids));
    if (owned != static_cast<int64_t>(ids.size())) {
      return absl::NotFoundError("ids: notification not found");
    }
  }
  WELKOM_ASSIGN_OR_RETURN(
      int64_t marked,
      store::MarkNotificationsRead(*call.conn, me, ids, req.up_to_id(),
                                   call.now_seconds));
  resp->set_marked(static_cast<int32_t>(marked));
  return absl::OkStatus();
}

}  // namespace

NotificationService::NotificationService(rpc::Dispatcher* dispatcher,
                                         flows::NotificationFanout* fanout)
    : dispatcher_(dispatcher), fanout_(fanout) {
  dispatcher
      ->Register<v1::ListNotificationsRequest, v1::ListNotificationsResponse>(
          kList, rpc::Mode::kRead, DoList);
  dispatcher->Register<v1::MarkReadRequest, v1::MarkReadResponse>(
      kMarkRead, rpc::Mode::kWrite, DoMarkRead);
  dispatcher->RegisterServerStream<v1::WatchRequest, v1::Notification>(
      kWatchMethod, [dispatcher, fanout](const rpc::RequestMeta& meta,
                                         const google::protobuf::Message& req) {
        return OpenPulledWatch(dispatcher, fanout, meta,
                               static_cast<const v1::WatchRequest&>(req));
      });
  RegisterDeliveryLog();
  RegisterPreferences();
}

grpc::ServerUnaryReactor* NotificationService::ListNotifications(
    grpc::CallbackServerContext* ctx, const v1::ListNotificationsRequest* req,
    v1::ListNotificationsResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kList, req, resp);
}

grpc::ServerUnaryReactor* NotificationService::MarkRead(
    grpc::CallbackServerContext* ctx, const v1::MarkReadRequest* req,
    v1::MarkReadResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kMarkRead, req, resp);
}

grpc::ServerWriteReactor<v1::Notification>* NotificationService::Watch(
    grpc::CallbackServerContext* ctx, const v1::WatchRequest* req) {
  return new WatchReactor(ctx, *req, dispatcher_, fanout_);
}

}  // namespace welkom::api
