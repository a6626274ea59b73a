// File: notification_service.h
// welkom.v1.NotificationService: the caller's inbox (list, mark read),
// the organisation's delivery log, the caller's notification preferences
// and Watch, which replays after the client's last id and then streams live
// (see notification_watch.h and notification_fanout.h).
#ifndef WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_SERVICE_H_
#define WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_SERVICE_H_

#include "server/flows/notification_fanout.h"
#include "server/rpc/dispatcher.h"
#include "server/store/delivery_store.h"
#include "welkom/v1/notification.grpc.pb.h"

namespace welkom::api {

class NotificationService final
    : public v1::NotificationService::CallbackService {
 public:
  // `fanout` must be started and outlive every Watch call.
  NotificationService(rpc::Dispatcher* dispatcher,
                      flows::NotificationFanout* fanout);

  grpc::ServerUnaryReactor* ListNotifications(
      grpc::CallbackServerContext* ctx, const v1::ListNotificationsRequest* req,
      v1::ListNotificationsResponse* resp) override;
  grpc::ServerUnaryReactor* MarkRead(grpc::CallbackServerContext* ctx,
                                     const v1::MarkReadRequest* req,
                                     v1::MarkReadResponse* resp) override;
  grpc::ServerWriteReactor<v1::Notification>* Watch(
      grpc::CallbackServerContext* ctx, const v1::WatchRequest* req) override;
  // delivery_log.cc
  grpc::ServerUnaryReactor* ListDeliveries(
      grpc::CallbackServerContext* ctx, const v1::ListDeliveriesRequest* req,
      v1::ListDeliveriesResponse* resp) override;
  // notification_preferences.cc
  grpc::ServerUnaryReactor* GetNotificationPreferences(
      grpc::CallbackServerContext* ctx,
      const v1::GetNotificationPreferencesRequest* req,
      v1::NotificationPreferences* resp) override;
  grpc::ServerUnaryReactor* SetNotificationPreferences(
      grpc::CallbackServerContext* ctx,
      const v1::SetNotificationPreferencesRequest* req,
      v1::NotificationPreferences* resp) override;

 private:
  void RegisterDeliveryLog();
  void RegisterPreferences();

  rpc::Dispatcher* dispatcher_;
  flows::NotificationFanout* fanout_;
};

// A delivery as its organisation's staff see it (delivery_log.cc): recipient,
// kind, outcome; never the content.
void ToProto(const store::DeliveryRow& row, v1::Delivery* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_NOTIFICATIONS_NOTIFICATION_SERVICE_H_
