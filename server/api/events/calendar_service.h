// File: calendar_service.h
// welkom.v1.CalendarService: issues and revokes a member's secret calendar
// address (see server/calendar/calendar_feed.h for what the address serves).
#ifndef WELKOM_SERVER_API_EVENTS_CALENDAR_SERVICE_H_
#define WELKOM_SERVER_API_EVENTS_CALENDAR_SERVICE_H_

#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "welkom/v1/calendar.grpc.pb.h"

namespace welkom::api {

class CalendarService final : public v1::CalendarService::CallbackService {
 public:
  explicit CalendarService(rpc::Dispatcher* dispatcher);

  WELKOM_UNARY_OVERRIDE(RenewCalendarFeed);
  WELKOM_UNARY_OVERRIDE(RevokeCalendarFeed);

 private:
  rpc::Dispatcher* dispatcher_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_EVENTS_CALENDAR_SERVICE_H_
