#include "server/api/journey/journey_check_in.h"

#include "absl/strings/str_cat.h"
#include "server/api/journey/journey_service.h"
#include "server/api/journey/journey_view.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/flows/delivery_outbox.h"
#include "server/flows/journey_access.h"
#include "server/flows/webhook_events.h"
#include "server/store/check_in_store.h"
#include "server/store/notification_store.h"

namespace welkom::api {
namespace {

constexpr size_t kMaxCommentBytes = 1000;

absl::Status Validate(const v1::SubmitCheckInRequest& req) {
  if (req.day() != 30 && req.day() != 60 && req.day() != 90) {
    return absl::InvalidArgumentError("day: must be 30, 60 or 90");
  }
  if (!req.has_score()) return absl::InvalidArgumentError("score: is required");
  if (req.score() < 0 || req.score() > 10) {
    return absl::InvalidArgumentError("score: must be between 0 and 10");
  }
  if (req.comment().size() > kMaxCommentBytes) {
    return absl::InvalidArgumentError("comment: must be at most 1000 bytes");
  }
  return absl::OkStatus();
}

// Tells every advisor of the region that the newcomer is not doing well.
// Once per check-in and advisor (dedupe key).
absl::Status NotifyAdvisors(rpc::Call& call, const store::JourneyRow& row,
                            int day) {
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<std::string> advisors,
      // The region's advisors are members of its Expat Center, whose id
      // is the region's; none for a journey without a region.
      store::ListMemberIds(*call.conn, v1::ROLE_ADVISOR, row.region_id));
  for (const std::string& advisor : advisors) {
    store::NotificationRow n;
    n.recipient_id = advisor;
    n.kind = "checkin_low";
    n.title_en = absl::StrCat(row.newcomer_name, " is not settling in well");
    n.title_nl = absl::StrCat(row.newcomer_name, " voelt zich nog niet thuis");
    n.body_en = absl::StrCat("The day-", day,
                             " check-in scored 6 or lower. Please reach out.");
    n.body_nl = absl::StrCat("De check-in van dag ", day,
                             " scoorde 6 of lager. Neem contact op.");
    n.subject = absl::StrCat("journey:", row.id);
    n.dedupe_key =
        absl::StrCat("jny:", row.id, ":checkin_low:", day, ":", advisor);
    n.created_at = call.now_seconds;
    WELKOM_RETURN_IF_ERROR(flows::StoreNotification(*call.conn, n).status());
  }
  return absl::OkStatus();
}

absl::Status SubmitCheckIn(rpc::Call& call,
                           flows::JourneyDefinitions& definitions,
                           const v1::SubmitCheckInRequest& req,
                           v1::SubmitCheckInResponse* resp) {
  WELKOM_RETURN_IF_ERROR(Validate(req));
  WELKOM_ASSIGN_OR_RETURN(store::JourneyRow row, flows::LoadOwnJourney(call));
  const absl::CivilDay created =
      calendar::AmsterdamDay(absl::FromUnixSeconds(row.created_at));
  const journey::Anchors anchors = flows::AnchorsOf(row);
  const int today = journey::JourneyDay(anchors, created, TodayOf(call));
  if (today < req.day()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "day: the day-", req.day(), " check-in opens on ",
        calendar::FormatDate(TodayOf(call) + (req.day() - today))));
  }
  store::CheckInRow check_in{row.id, req.day(), req.score(), req.comment(),
                             call.now_seconds};
  absl::Status inserted = store::InsertCheckIn(*call.conn, check_in);
  if (absl::IsAlreadyExists(inserted)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "day: the day-", req.day(), " check-in was already submitted"));
  }
  WELKOM_RETURN_IF_ERROR(inserted);
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::CheckInRow> all,
                          store::ListCheckIns(*call.conn, row.id));
  // The latest check-in (highest day) decides; a late day-30 answer after
  // the day-60 one does not override it.
  const bool flagged = all.back().score <= kFlaggingScore;
  if (flagged != row.flagged) {
    WELKOM_RETURN_IF_ERROR(
        store::SetJourneyFlagged(*call.conn, row.id, flagged));
    row.flagged = flagged;
  }
  if (req.score() <= kFlaggingScore && row.advisor_consent) {
    WELKOM_RETURN_IF_ERROR(NotifyAdvisors(call, row, req.day()));
    // Only the Expat Center sees check-ins (auth::CanSeeCheckIns); the
    // score itself is not sent.
    WELKOM_RETURN_IF_ERROR(flows::QueueWebhookEvent(
        *call.conn, {flows::kWebhookCheckInLow,
                     row.region_id,
                     {{"journey_id", row.id},
                      {"newcomer_id", row.newcomer_id},
                      {"check_in_day", absl::StrCat(req.day())}},
                     absl::StrCat("checkin_low:", row.id, ":", req.day()),
                     call.now_seconds}));
  }
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          definitions.ForJourney(*call.conn, row));
  return ViewJourney(call, *catalogue, row, resp->mutable_journey());
}

}  // namespace

void RegisterCheckInMethods(rpc::Dispatcher* dispatcher,
                            flows::JourneyDefinitions* definitions) {
  dispatcher->Register<v1::SubmitCheckInRequest, v1::SubmitCheckInResponse>(
      kSubmitCheckIn, rpc::Mode::kWrite,
      [definitions](rpc::Call& call, const auto& req, auto* resp) {
        return SubmitCheckIn(call, *definitions, req, resp);
      });
  dispatcher->SetReplayGuard(
      kSubmitCheckIn, +[](rpc::Call& call, const google::protobuf::Message&) {
        return flows::LoadOwnJourney(call).status();
      });
}

grpc::ServerUnaryReactor* JourneyService::SubmitCheckIn(
    grpc::CallbackServerContext* ctx, const v1::SubmitCheckInRequest* req,
    v1::SubmitCheckInResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kSubmitCheckIn, req, resp);
}

}  // namespace welkom::api
