#include "server/api/events/calendar_service.h"

#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/calendar/calendar_feed.h"
#include "server/store/calendar_feed_store.h"

namespace welkom::api {

CalendarService::CalendarService(rpc::Dispatcher* dispatcher)
    : dispatcher_(dispatcher) {
  // No request_id: a retried renewal simply issues another address, and the
  // secret is never stored, not even for replays.
  dispatcher
      ->Register<v1::RenewCalendarFeedRequest, v1::RenewCalendarFeedResponse>(
          WELKOM_METHOD_PATH(CalendarService, RenewCalendarFeed),
          rpc::Mode::kWrite,
          [](rpc::Call& call, const auto&, auto* resp) -> absl::Status {
            std::string secret = auth::NewSecret();
            WELKOM_RETURN_IF_ERROR(store::ReplaceCalendarFeed(
                *call.conn, call.principal->user_id, auth::HashSecret(secret),
                call.now_seconds));
            resp->set_path(calendar::FeedPath(secret));
            return absl::OkStatus();
          });
  dispatcher
      ->Register<v1::RevokeCalendarFeedRequest, v1::RevokeCalendarFeedResponse>(
          WELKOM_METHOD_PATH(CalendarService, RevokeCalendarFeed),
          rpc::Mode::kWrite,
          [](rpc::Call& call, const auto&, auto* resp) -> absl::Status {
            WELKOM_ASSIGN_OR_RETURN(
                bool revoked,
                store::DeleteCalendarFeed(*call.conn, call.principal->user_id));
            resp->set_revoked(revoked);
            return absl::OkStatus();
          });
}

WELKOM_UNARY_FORWARD(CalendarService, RenewCalendarFeed)
WELKOM_UNARY_FORWARD(CalendarService, RevokeCalendarFeed)

}  // namespace welkom::api
