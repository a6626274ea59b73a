#include "server/api/events/event_service.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/api/events/event_input.h"
#include "server/auth/policy.h"
#include "server/auth/tokens.h"
#include "server/base/etag.h"
#include "server/base/status_macros.h"
#include "server/domain/event_ranking.h"
#include "server/flows/delivery_outbox.h"
#include "server/rpc/validation.h"
#include "server/store/identity_store.h"
#include "server/store/notification_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kMaxCandidates = 2000;

bool HasAnyTag(const store::EventRow& e,
               const google::protobuf::RepeatedPtrField<std::string>& tags) {
  if (tags.empty()) return true;
  for (const std::string& want : tags) {
    for (const std::string& have : e.tags) {
      if (absl::AsciiStrToLower(want) == have) return true;
    }
  }
  return false;
}

auth::EventAccess AccessOf(const store::EventRow& e) {
  return {e.organizer_org_id, e.region_id, e.audience, e.audience_org_id,
          e.audience_cohort};
}

bool IsLive(int status) {
  return status == store::kRsvpConfirmed || status == store::kRsvpWaitlisted;
}

store::NotificationRow EventNotice(const store::EventRow& e,
                                   const std::string& recipient,
                                   absl::string_view kind, int64_t now) {
  store::NotificationRow n;
  n.recipient_id = recipient;
  n.kind = std::string(kind);
  n.subject = absl::StrCat("event:", e.id);
  n.created_at = now;
  return n;
}

}  // namespace

void ToProto(const store::EventRow& row, v1::Event* out) {
  out->set_id(row.id);
  out->mutable_title()->set_en(row.title_en);
  out->mutable_title()->set_nl(row.title_nl);
  out->mutable_description()->set_en(row.description_en);
  out->mutable_description()->set_nl(row.description_nl);
  *out->mutable_start_time() = TimeUtil::SecondsToTimestamp(row.start_at);
  *out->mutable_end_time() = TimeUtil::SecondsToTimestamp(row.end_at);
  out->set_venue(row.venue);
  out->set_municipality(row.municipality);
  out->set_capacity(row.capacity);
  for (const std::string& tag : row.tags) out->add_tags(tag);
  out->set_audience(static_cast<v1::EventAudience>(row.audience));
  out->set_cohort(row.audience_cohort);
  out->set_employer_id(row.audience_org_id);
  out->set_organizer_id(row.organizer_org_id);
  out->set_confirmed_count(row.confirmed);
  out->set_waitlist_count(row.waitlisted);
  out->set_cancelled(row.cancelled_at.has_value());
  out->set_etag(FormatEtag(row.version));
}

void ToProto(const store::RsvpRow& row, int position, v1::Rsvp* out) {
  out->set_event_id(row.event_id);
  out->set_member_id(row.user_id);
  out->set_status(static_cast<v1::RsvpStatus>(row.status));
  out->set_waitlist_position(row.status == store::kRsvpWaitlisted ? position
                                                                  : 0);
  out->set_attended(row.attended);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
}

EventService::EventService(rpc::Dispatcher* dispatcher)
    : dispatcher_(dispatcher) {
  rpc::Dispatcher& d = *dispatcher;
  d.Register<v1::CreateEventRequest, v1::CreateEventResponse>(
      WELKOM_METHOD_PATH(EventService, CreateEvent), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCreateEvent(call, req, resp);
      });
  d.Register<v1::GetEventRequest, v1::GetEventResponse>(
      WELKOM_METHOD_PATH(EventService, GetEvent), rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::EventRow e,
                                VisibleEvent(call, req.event_id()));
        ToProto(e, resp->mutable_event());
        WELKOM_ASSIGN_OR_RETURN(
            auto mine,
            store::FindRsvp(*call.conn, e.id, call.principal->user_id));
        if (mine.has_value()) {
          resp->mutable_event()->set_my_rsvp(
              static_cast<v1::RsvpStatus>(mine->status));
        }
        return absl::OkStatus();
      });
  d.Register<v1::ListEventsRequest, v1::ListEventsResponse>(
      WELKOM_METHOD_PATH(EventService, ListEvents), rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoListEvents(call, req, resp);
      });
  d.Register<v1::CancelEventRequest, v1::CancelEventResponse>(
      WELKOM_METHOD_PATH(EventService, CancelEvent), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCancelEvent(call, req, resp);
      });
  d.Register<v1::CreateRsvpRequest, v1::CreateRsvpResponse>(
      WELKOM_METHOD_PATH(EventService, CreateRsvp), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCreateRsvp(call, req, resp);
      });
  d.Register<v1::CancelRsvpRequest, v1::CancelRsvpResponse>(
      WELKOM_METHOD_PATH(EventService, CancelRsvp), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCancelRsvp(call, req, resp);
      });
  d.Register<v1::ListRsvpsRequest, v1::ListRsvpsResponse>(
      WELKOM_METHOD_PATH(EventService, ListRsvps), rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::EventRow e,
                                ManagedEvent(call, req.event_id()));
        WELKOM_ASSIGN_OR_RETURN(auto rows, store::ListRsvps(*call.conn, e.id));
        int position = 0;
        for (const store::RsvpRow& row : rows) {
          if (row.status == store::kRsvpWaitlisted) ++position;
          v1::Rsvp* out = resp->add_rsvps();
          ToProto(row, position, out);
          out->set_display_name(row.display_name);
        }
        return absl::OkStatus();
      });
  d.Register<v1::RecordAttendanceRequest, v1::RecordAttendanceResponse>(
      WELKOM_METHOD_PATH(EventService, RecordAttendance), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoRecordAttendance(call, req, resp);
      });
  // Replays answer under today's access decision, as a new call would. A
  // new event's audience rule rests on organisations and regions, which do
  // not change.
  d.SetReplayGuard(WELKOM_METHOD_PATH(EventService, CreateEvent),
                   &rpc::Dispatcher::MethodRuleDecides);
  auto managed = [this](rpc::Call& call, const std::string& id) {
    return ManagedEvent(call, id).status();
  };
  auto visible = [this](rpc::Call& call, const std::string& id) {
    return VisibleEvent(call, id).status();
  };
  d.SetReplayGuard<v1::CancelEventRequest>(
      WELKOM_METHOD_PATH(EventService, CancelEvent),
      [managed](rpc::Call& call, const auto& req) {
        return managed(call, req.event_id());
      });
  d.SetReplayGuard<v1::RecordAttendanceRequest>(
      WELKOM_METHOD_PATH(EventService, RecordAttendance),
      [managed](rpc::Call& call, const auto& req) {
        return managed(call, req.event_id());
      });
  d.SetReplayGuard<v1::CreateRsvpRequest>(
      WELKOM_METHOD_PATH(EventService, CreateRsvp),
      [visible](rpc::Call& call, const auto& req) {
        return visible(call, req.event_id());
      });
  d.SetReplayGuard<v1::CancelRsvpRequest>(
      WELKOM_METHOD_PATH(EventService, CancelRsvp),
      [visible](rpc::Call& call, const auto& req) {
        return visible(call, req.event_id());
      });
}

absl::StatusOr<std::string> EventService::ViewerCohort(rpc::Call& call) const {
  if (!cohort_lookup_ || call.principal->role != v1::ROLE_NEWCOMER) {
    return std::string();
  }
  return cohort_lookup_(*call.conn, call.principal->user_id);
}

absl::StatusOr<store::EventRow> EventService::VisibleEvent(
    rpc::Call& call, const std::string& id) const {
  if (id.empty()) return absl::InvalidArgumentError("event_id: is required");
  absl::StatusOr<store::EventRow> e = store::GetEvent(*call.conn, id);
  if (!e.ok()) return e.status();
  WELKOM_ASSIGN_OR_RETURN(std::string cohort, ViewerCohort(call));
  if (!auth::CanSeeEvent(*call.principal, AccessOf(*e), cohort)) {
    return absl::NotFoundError("event not found");
  }
  return e;
}

absl::StatusOr<store::EventRow> EventService::ManagedEvent(
    rpc::Call& call, const std::string& id) const {
  WELKOM_ASSIGN_OR_RETURN(store::EventRow e, VisibleEvent(call, id));
  if (!auth::CanManageEvent(*call.principal, e.organizer_org_id)) {
    return absl::PermissionDeniedError(
        "only the organising organisation manages this event");
  }
  return e;
}

absl::Status EventService::DoCreateEvent(rpc::Call& call,
                                         const v1::CreateEventRequest& req,
                                         v1::CreateEventResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::EventRow row,
                          EventRowFromRequest(*call.conn, *call.principal,
                                              req.event(), call.now_seconds));
  std::string audience_region;
  if (!row.audience_org_id.empty()) {
    WELKOM_ASSIGN_OR_RETURN(audience_region,
                            store::RegionOf(*call.conn, row.audience_org_id));
  }
  if (!auth::CanCreateEvent(*call.principal, row.audience, row.audience_org_id,
                            audience_region)) {
    // Another tenant's employer answers as one that does not exist.
    if (row.audience == v1::EVENT_AUDIENCE_EMPLOYER &&
        row.audience_org_id != call.principal->org_id) {
      return absl::InvalidArgumentError(
          "event.employer_id: is not the id of an employer");
    }
    return absl::PermissionDeniedError(
        "event.audience: HR organises events for its own employer only");
  }
  row.id = auth::NewId("evt");
  row.organizer_org_id = call.principal->org_id;
  row.created_by = call.principal->user_id;
  row.created_at = call.now_seconds;
  WELKOM_RETURN_IF_ERROR(store::InsertEvent(*call.conn, row));
  ToProto(row, resp->mutable_event());
  return absl::OkStatus();
}

absl::Status EventService::DoListEvents(rpc::Call& call,
                                        const v1::ListEventsRequest& req,
                                        v1::ListEventsResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
  WELKOM_ASSIGN_OR_RETURN(std::string token,
                          rpc::DecodePageToken(req.page_token()));
  size_t offset = 0;
  if (!token.empty() && !absl::SimpleAtoi(token, &offset)) {
    return absl::InvalidArgumentError("page_token: is not a page token");
  }
  if (!req.municipality().empty()) {
    WELKOM_RETURN_IF_ERROR(
        RequireMunicipality(*call.conn, "municipality", req.municipality()));
  }
  int64_t from =
      req.has_start_after() ? req.start_after().seconds() : call.now_seconds;
  int64_t until = req.has_start_before() ? req.start_before().seconds()
                                         : std::numeric_limits<int64_t>::max();
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::EventRow> rows,
      store::ListEventsStarting(*call.conn, from, until, req.municipality(),
                                kMaxCandidates));
  WELKOM_ASSIGN_OR_RETURN(std::string cohort, ViewerCohort(call));
  std::vector<store::EventRow> visible;
  for (store::EventRow& e : rows) {
    if (HasAnyTag(e, req.tags()) &&
        auth::CanSeeEvent(*call.principal, AccessOf(e), cohort)) {
      visible.push_back(std::move(e));
    }
  }
  std::vector<size_t> order(visible.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (req.order() == v1::EVENT_ORDER_RECOMMENDED) {
    WELKOM_ASSIGN_OR_RETURN(auto places, store::MunicipalityPlaces(*call.conn));
    std::string home = req.home_municipality();
    if (home.empty()) {
      WELKOM_ASSIGN_OR_RETURN(
          store::OrganizationRow org,
          store::GetOrganization(*call.conn, call.principal->org_id));
      home = org.municipality;
    }
    domain::Viewer viewer;
    for (const std::string& interest : req.interests()) {
      viewer.interests.push_back(absl::AsciiStrToLower(interest));
    }
    if (auto it = places.find(home); it != places.end()) {
      viewer.home = domain::GeoPoint{it->second.latitude, it->second.longitude};
    }
    std::vector<domain::RankedEvent> ranked;
    for (const store::EventRow& e : visible) {
      domain::RankedEvent r{e.id, e.start_at, e.tags, std::nullopt,
                            !cohort.empty() && e.audience_cohort == cohort};
      if (auto it = places.find(e.municipality); it != places.end()) {
        r.place = domain::GeoPoint{it->second.latitude, it->second.longitude};
      }
      ranked.push_back(std::move(r));
    }
    order = domain::RecommendedOrder(ranked, viewer);
  }
  for (size_t i = offset; i < order.size(); ++i) {
    if (resp->events_size() == size) {
      resp->set_next_page_token(rpc::EncodePageToken(absl::StrCat(i)));
      break;
    }
    const store::EventRow& e = visible[order[i]];
    v1::Event* out = resp->add_events();
    ToProto(e, out);
    WELKOM_ASSIGN_OR_RETURN(
        auto mine, store::FindRsvp(*call.conn, e.id, call.principal->user_id));
    if (mine.has_value()) {
      out->set_my_rsvp(static_cast<v1::RsvpStatus>(mine->status));
    }
  }
  return absl::OkStatus();
}

absl::Status EventService::DoCancelEvent(rpc::Call& call,
                                         const v1::CancelEventRequest& req,
                                         v1::CancelEventResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::EventRow e,
                          ManagedEvent(call, req.event_id()));
  if (e.cancelled_at.has_value()) {
    return absl::FailedPreconditionError(
        "event_id: the event is already cancelled");
  }
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> expected,
                          ParseEtag("etag", req.etag()));
  WELKOM_RETURN_IF_ERROR(
      store::CancelEvent(*call.conn, e.id, expected, call.now_seconds));
  WELKOM_ASSIGN_OR_RETURN(auto rsvps, store::ListRsvps(*call.conn, e.id));
  for (const store::RsvpRow& r : rsvps) {
    if (!IsLive(r.status)) continue;
    store::NotificationRow n =
        EventNotice(e, r.user_id, "event_cancelled", call.now_seconds);
    n.title_en = absl::StrCat("Cancelled: ", e.title_en);
    n.title_nl = absl::StrCat("Geannuleerd: ", e.title_nl);
    n.dedupe_key = absl::StrCat("event_cancelled:", e.id, ":", r.user_id);
    WELKOM_RETURN_IF_ERROR(flows::StoreNotification(*call.conn, n).status());
  }
  WELKOM_ASSIGN_OR_RETURN(store::EventRow after,
                          store::GetEvent(*call.conn, e.id));
  ToProto(after, resp->mutable_event());
  return absl::OkStatus();
}

absl::Status EventService::DoCreateRsvp(rpc::Call& call,
                                        const v1::CreateRsvpRequest& req,
                                        v1::CreateRsvpResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::EventRow e,
                          VisibleEvent(call, req.event_id()));
  if (e.cancelled_at.has_value()) {
    return absl::FailedPreconditionError("event_id: the event was cancelled");
  }
  if (e.start_at <= call.now_seconds) {
    return absl::FailedPreconditionError(
        "event_id: the event has already started");
  }
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(auto existing, store::FindRsvp(*call.conn, e.id, me));
  if (existing.has_value() && IsLive(existing->status)) {
    return absl::AlreadyExistsError(
        "event_id: you already replied to this event");
  }
  // Decided here, inside the single write transaction: no other RSVP can
  // change the count between this read and the insert below.
  WELKOM_ASSIGN_OR_RETURN(
      int confirmed,
      store::CountRsvps(*call.conn, e.id, store::kRsvpConfirmed));
  int status =
      confirmed < e.capacity ? store::kRsvpConfirmed : store::kRsvpWaitlisted;
  WELKOM_ASSIGN_OR_RETURN(
      store::RsvpRow row,
      store::InsertRsvp(*call.conn, e.id, me, status, call.now_seconds));
  int position = 0;
  if (status == store::kRsvpWaitlisted) {
    WELKOM_ASSIGN_OR_RETURN(position,
                            store::WaitlistPosition(*call.conn, e.id, row.seq));
  }
  ToProto(row, position, resp->mutable_rsvp());
  return absl::OkStatus();
}

absl::Status EventService::DoCancelRsvp(rpc::Call& call,
                                        const v1::CancelRsvpRequest& req,
                                        v1::CancelRsvpResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::EventRow e,
                          VisibleEvent(call, req.event_id()));
  WELKOM_ASSIGN_OR_RETURN(
      auto mine, store::FindRsvp(*call.conn, e.id, call.principal->user_id));
  if (!mine.has_value() || !IsLive(mine->status)) {
    return absl::NotFoundError("you have no RSVP for this event");
  }
  if (e.end_at <= call.now_seconds) {
    return absl::FailedPreconditionError("event_id: the event is over");
  }
  WELKOM_RETURN_IF_ERROR(store::SetRsvpStatus(
      *call.conn, mine->seq, store::kRsvpCancelled, call.now_seconds));
  bool freed_seat = mine->status == store::kRsvpConfirmed &&
                    !e.cancelled_at.has_value() &&
                    e.start_at > call.now_seconds;
  mine->status = store::kRsvpCancelled;
  ToProto(*mine, 0, resp->mutable_rsvp());
  if (!freed_seat) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(auto next, store::FirstWaitlisted(*call.conn, e.id));
  if (!next.has_value()) return absl::OkStatus();
  WELKOM_RETURN_IF_ERROR(store::SetRsvpStatus(
      *call.conn, next->seq, store::kRsvpConfirmed, call.now_seconds));
  store::NotificationRow n =
      EventNotice(e, next->user_id, "waitlist_promoted", call.now_seconds);
  n.title_en = absl::StrCat("You have a seat: ", e.title_en);
  n.title_nl = absl::StrCat("Je hebt een plek: ", e.title_nl);
  n.body_en = "A seat came free and your RSVP is now confirmed.";
  n.body_nl = "Er kwam een plek vrij en je aanmelding is nu bevestigd.";
  n.dedupe_key = absl::StrCat("waitlist_promoted:rsvp:", next->seq);
  WELKOM_RETURN_IF_ERROR(flows::StoreNotification(*call.conn, n).status());
  resp->set_promoted_member_id(next->user_id);
  return absl::OkStatus();
}

absl::Status EventService::DoRecordAttendance(
    rpc::Call& call, const v1::RecordAttendanceRequest& req,
    v1::RecordAttendanceResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::EventRow e,
                          ManagedEvent(call, req.event_id()));
  if (e.cancelled_at.has_value()) {
    return absl::FailedPreconditionError("event_id: the event was cancelled");
  }
  if (call.now_seconds < e.start_at - kAttendanceOpensBeforeSeconds) {
    return absl::FailedPreconditionError(
        "event_id: attendance opens one hour before the start");
  }
  if (req.member_ids().empty()) {
    return absl::InvalidArgumentError("member_ids: name at least one member");
  }
  for (const std::string& member : req.member_ids()) {
    WELKOM_ASSIGN_OR_RETURN(auto rsvp,
                            store::FindRsvp(*call.conn, e.id, member));
    if (!rsvp.has_value() || rsvp->status != store::kRsvpConfirmed) {
      return absl::InvalidArgumentError(absl::StrCat(
          "member_ids: ", member, " holds no confirmed RSVP for this event"));
    }
    WELKOM_RETURN_IF_ERROR(
        store::MarkRsvpAttended(*call.conn, rsvp->seq, call.now_seconds));
    for (const AttendanceHook& hook : attendance_hooks_) {
      WELKOM_RETURN_IF_ERROR(hook(call, e, member));
    }
    rsvp->attended = true;
    ToProto(*rsvp, 0, resp->add_rsvps());
  }
  return absl::OkStatus();
}

WELKOM_UNARY_FORWARD(EventService, CreateEvent)
WELKOM_UNARY_FORWARD(EventService, GetEvent)
WELKOM_UNARY_FORWARD(EventService, ListEvents)
WELKOM_UNARY_FORWARD(EventService, CancelEvent)
WELKOM_UNARY_FORWARD(EventService, CreateRsvp)
WELKOM_UNARY_FORWARD(EventService, CancelRsvp)
WELKOM_UNARY_FORWARD(EventService, ListRsvps)
WELKOM_UNARY_FORWARD(EventService, RecordAttendance)

}  // namespace welkom::api
