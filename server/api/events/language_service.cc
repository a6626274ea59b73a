#include "server/api/events/language_service.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/api/events/event_input.h"
#include "server/auth/policy.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/flows/delivery_outbox.h"
#include "server/rpc/validation.h"
#include "server/store/notification_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kMaxSessions = 200;

bool IsLive(int status) {
  return status == store::kEnrolled || status == store::kEnrolWaitlisted;
}

absl::StatusOr<store::CourseRow> CourseFor(rpc::Call& call,
                                           const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("course_id: is required");
  return store::GetCourse(*call.conn, id);
}

absl::StatusOr<store::CourseRow> ManagedCourse(rpc::Call& call,
                                               const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(store::CourseRow course, CourseFor(call, id));
  if (!auth::CanManageCourse(*call.principal, course.created_by_org_id)) {
    return absl::PermissionDeniedError(
        "only the Expat Center that published this course manages it");
  }
  return course;
}

int64_t LastEnd(const store::CourseRow& course) {
  int64_t last = 0;
  for (const auto& s : course.sessions) last = std::max(last, s.end_at);
  return last;
}

store::NotificationRow CourseNotice(const store::CourseRow& course,
                                    const std::string& recipient,
                                    absl::string_view kind, int64_t now) {
  store::NotificationRow n;
  n.recipient_id = recipient;
  n.kind = std::string(kind);
  n.subject = absl::StrCat("course:", course.id);
  n.created_at = now;
  return n;
}

}  // namespace

bool AttendanceCompletesCourse(int attended, int total) {
  return total > 0 && attended * 5 >= total * 4;
}

void ToProto(const store::ProviderRow& row, v1::LanguageProvider* out) {
  out->set_id(row.id);
  out->set_name(row.name);
  out->set_municipality(row.municipality);
  out->set_website(row.website);
}

void ToProto(const store::CourseRow& row, v1::Course* out) {
  out->set_id(row.id);
  out->set_provider_id(row.provider_id);
  out->set_provider_name(row.provider_name);
  out->mutable_title()->set_en(row.title_en);
  out->mutable_title()->set_nl(row.title_nl);
  out->set_step(static_cast<v1::CefrStep>(row.cefr_step));
  out->set_venue(row.venue);
  out->set_municipality(row.municipality);
  out->set_seats(row.seats);
  for (const auto& s : row.sessions) {
    v1::CourseSession* session = out->add_sessions();
    session->set_id(s.id);
    *session->mutable_start_time() = TimeUtil::SecondsToTimestamp(s.start_at);
    *session->mutable_end_time() = TimeUtil::SecondsToTimestamp(s.end_at);
  }
  out->set_enrolled_count(row.enrolled);
  out->set_waitlist_count(row.waitlisted);
}

void ToProto(const store::EnrolmentRow& row, int position, int total_sessions,
             v1::Enrolment* out) {
  out->set_course_id(row.course_id);
  out->set_member_id(row.user_id);
  out->set_status(static_cast<v1::EnrolmentStatus>(row.status));
  out->set_waitlist_position(row.status == store::kEnrolWaitlisted ? position
                                                                   : 0);
  out->set_sessions_attended(row.sessions_attended);
  out->set_sessions_total(total_sessions);
  if (row.completed_at.has_value()) {
    *out->mutable_completion_time() =
        TimeUtil::SecondsToTimestamp(*row.completed_at);
  }
}

LanguageService::LanguageService(rpc::Dispatcher* dispatcher)
    : dispatcher_(dispatcher) {
  rpc::Dispatcher& d = *dispatcher;
  d.Register<v1::CreateProviderRequest, v1::CreateProviderResponse>(
      WELKOM_METHOD_PATH(LanguageService, CreateProvider), rpc::Mode::kWrite,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        const v1::LanguageProvider& in = req.provider();
        WELKOM_RETURN_IF_ERROR(rpc::RequireText("provider.name", in.name()));
        WELKOM_RETURN_IF_ERROR(RequireMunicipality(
            *call.conn, "provider.municipality", in.municipality()));
        if (!in.website().empty() &&
            (!absl::StartsWith(in.website(), "https://") ||
             in.website().size() > 300)) {
          return absl::InvalidArgumentError(
              "provider.website: must be an https:// address");
        }
        store::ProviderRow row{
            auth::NewId("prv"),
            std::string(absl::StripAsciiWhitespace(in.name())),
            in.municipality(),
            in.website(),
            call.principal->org_id,
            call.now_seconds};
        WELKOM_RETURN_IF_ERROR(store::InsertProvider(*call.conn, row));
        ToProto(row, resp->mutable_provider());
        return absl::OkStatus();
      });
  d.Register<v1::ListProvidersRequest, v1::ListProvidersResponse>(
      WELKOM_METHOD_PATH(LanguageService, ListProviders), rpc::Mode::kRead,
      [](rpc::Call& call, const auto&, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(auto rows, store::ListProviders(*call.conn));
        for (const auto& row : rows) ToProto(row, resp->add_providers());
        return absl::OkStatus();
      });
  d.Register<v1::CreateCourseRequest, v1::CreateCourseResponse>(
      WELKOM_METHOD_PATH(LanguageService, CreateCourse), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCreateCourse(call, req, resp);
      });
  auto fill_mine = [](rpc::Call& call, const store::CourseRow& row,
                      v1::Course* out) -> absl::Status {
    ToProto(row, out);
    WELKOM_ASSIGN_OR_RETURN(
        auto mine,
        store::FindEnrolment(*call.conn, row.id, call.principal->user_id));
    if (mine.has_value()) {
      out->set_my_enrolment(static_cast<v1::EnrolmentStatus>(mine->status));
    }
    return absl::OkStatus();
  };
  d.Register<v1::ListCoursesRequest, v1::ListCoursesResponse>(
      WELKOM_METHOD_PATH(LanguageService, ListCourses), rpc::Mode::kRead,
      [fill_mine](rpc::Call& call, const auto& req,
                  auto* resp) -> absl::Status {
        if (req.step() != v1::CEFR_STEP_UNSPECIFIED) {
          WELKOM_RETURN_IF_ERROR(
              rpc::RequireEnum("step", v1::CefrStep_descriptor(), req.step()));
        }
        if (!req.municipality().empty()) {
          WELKOM_RETURN_IF_ERROR(RequireMunicipality(*call.conn, "municipality",
                                                     req.municipality()));
        }
        WELKOM_ASSIGN_OR_RETURN(
            auto rows, store::ListCourses(*call.conn, call.now_seconds,
                                          req.step(), req.municipality()));
        for (const auto& row : rows) {
          WELKOM_RETURN_IF_ERROR(fill_mine(call, row, resp->add_courses()));
        }
        return absl::OkStatus();
      });
  d.Register<v1::GetCourseRequest, v1::GetCourseResponse>(
      WELKOM_METHOD_PATH(LanguageService, GetCourse), rpc::Mode::kRead,
      [fill_mine](rpc::Call& call, const auto& req,
                  auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::CourseRow row,
                                CourseFor(call, req.course_id()));
        return fill_mine(call, row, resp->mutable_course());
      });
  d.Register<v1::EnrollRequest, v1::EnrollResponse>(
      WELKOM_METHOD_PATH(LanguageService, Enroll), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoEnroll(call, req, resp);
      });
  d.Register<v1::CancelEnrolmentRequest, v1::CancelEnrolmentResponse>(
      WELKOM_METHOD_PATH(LanguageService, CancelEnrolment), rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoCancelEnrolment(call, req, resp);
      });
  d.Register<v1::ListEnrolmentsRequest, v1::ListEnrolmentsResponse>(
      WELKOM_METHOD_PATH(LanguageService, ListEnrolments), rpc::Mode::kRead,
      [](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::CourseRow course,
                                ManagedCourse(call, req.course_id()));
        WELKOM_ASSIGN_OR_RETURN(auto rows,
                                store::ListEnrolments(*call.conn, course.id));
        int position = 0;
        for (const auto& row : rows) {
          if (row.status == store::kEnrolWaitlisted) ++position;
          v1::Enrolment* out = resp->add_enrolments();
          ToProto(row, position, static_cast<int>(course.sessions.size()), out);
          out->set_display_name(row.display_name);
        }
        return absl::OkStatus();
      });
  d.Register<v1::RecordSessionAttendanceRequest,
             v1::RecordSessionAttendanceResponse>(
      WELKOM_METHOD_PATH(LanguageService, RecordSessionAttendance),
      rpc::Mode::kWrite, [this](rpc::Call& call, const auto& req, auto* resp) {
        return DoRecordSessionAttendance(call, req, resp);
      });
  // Replays answer under today's access decision, as a new call would. New
  // providers and courses are advisors' own, decided by the method table.
  d.SetReplayGuard(WELKOM_METHOD_PATH(LanguageService, CreateProvider),
                   &rpc::Dispatcher::MethodRuleDecides);
  d.SetReplayGuard(WELKOM_METHOD_PATH(LanguageService, CreateCourse),
                   &rpc::Dispatcher::MethodRuleDecides);
  d.SetReplayGuard<v1::EnrollRequest>(
      WELKOM_METHOD_PATH(LanguageService, Enroll),
      [](rpc::Call& call, const auto& req) {
        return CourseFor(call, req.course_id()).status();
      });
  d.SetReplayGuard<v1::CancelEnrolmentRequest>(
      WELKOM_METHOD_PATH(LanguageService, CancelEnrolment),
      [](rpc::Call& call, const auto& req) {
        return CourseFor(call, req.course_id()).status();
      });
  d.SetReplayGuard<v1::RecordSessionAttendanceRequest>(
      WELKOM_METHOD_PATH(LanguageService, RecordSessionAttendance),
      [](rpc::Call& call, const auto& req) {
        return ManagedCourse(call, req.course_id()).status();
      });
}

absl::Status LanguageService::DoCreateCourse(rpc::Call& call,
                                             const v1::CreateCourseRequest& req,
                                             v1::CreateCourseResponse* resp) {
  const v1::Course& in = req.course();
  if (in.provider_id().empty()) {
    return absl::InvalidArgumentError("course.provider_id: is required");
  }
  absl::StatusOr<store::ProviderRow> provider =
      store::GetProvider(*call.conn, in.provider_id());
  if (absl::IsNotFound(provider.status())) {
    return absl::InvalidArgumentError("course.provider_id: unknown provider");
  }
  WELKOM_RETURN_IF_ERROR(provider.status());
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("course.title.en", in.title().en()));
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("course.title.nl", in.title().nl()));
  WELKOM_RETURN_IF_ERROR(
      rpc::RequireEnum("course.step", v1::CefrStep_descriptor(), in.step()));
  WELKOM_RETURN_IF_ERROR(rpc::RequireText("course.venue", in.venue()));
  WELKOM_RETURN_IF_ERROR(RequireMunicipality(*call.conn, "course.municipality",
                                             in.municipality()));
  WELKOM_RETURN_IF_ERROR(RequireSeats("course.seats", in.seats()));
  if (in.sessions().empty() || in.sessions_size() > kMaxSessions) {
    return absl::InvalidArgumentError(
        "course.sessions: give between 1 and 200 sessions");
  }
  store::CourseRow row;
  for (const v1::CourseSession& s : in.sessions()) {
    store::CourseSessionRow session;
    WELKOM_ASSIGN_OR_RETURN(session.start_at,
                            RequireTime("course.sessions.start_time",
                                        s.has_start_time(), s.start_time()));
    WELKOM_ASSIGN_OR_RETURN(session.end_at,
                            RequireTime("course.sessions.end_time",
                                        s.has_end_time(), s.end_time()));
    WELKOM_RETURN_IF_ERROR(RequireFutureSpan(
        "course.sessions.start_time", "course.sessions.end_time",
        session.start_at, session.end_at, call.now_seconds));
    session.id = auth::NewId("ses");
    row.sessions.push_back(std::move(session));
  }
  std::sort(
      row.sessions.begin(), row.sessions.end(),
      [](const auto& a, const auto& b) { return a.start_at < b.start_at; });
  row.id = auth::NewId("crs");
  row.provider_id = provider->id;
  row.provider_name = provider->name;
  row.title_en = std::string(absl::StripAsciiWhitespace(in.title().en()));
  row.title_nl = std::string(absl::StripAsciiWhitespace(in.title().nl()));
  row.cefr_step = in.step();
  row.venue = std::string(absl::StripAsciiWhitespace(in.venue()));
  row.municipality = in.municipality();
  row.seats = in.seats();
  row.created_by_org_id = call.principal->org_id;
  row.created_at = call.now_seconds;
  WELKOM_RETURN_IF_ERROR(store::InsertCourse(*call.conn, row));
  ToProto(row, resp->mutable_course());
  return absl::OkStatus();
}

absl::Status LanguageService::DoEnroll(rpc::Call& call,
                                       const v1::EnrollRequest& req,
                                       v1::EnrollResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::CourseRow course,
                          CourseFor(call, req.course_id()));
  if (LastEnd(course) <= call.now_seconds) {
    return absl::FailedPreconditionError("course_id: the course has ended");
  }
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(auto existing,
                          store::FindEnrolment(*call.conn, course.id, me));
  if (existing.has_value() && existing->status != store::kEnrolCancelled) {
    return absl::AlreadyExistsError(
        "course_id: you are already enrolled in this course");
  }
  // Decided inside the single write transaction: the count cannot change
  // between this read and the insert.
  WELKOM_ASSIGN_OR_RETURN(int taken,
                          store::CountSeatsTaken(*call.conn, course.id));
  int status =
      taken < course.seats ? store::kEnrolled : store::kEnrolWaitlisted;
  WELKOM_ASSIGN_OR_RETURN(store::EnrolmentRow row,
                          store::InsertEnrolment(*call.conn, course.id, me,
                                                 status, call.now_seconds));
  int position = 0;
  if (status == store::kEnrolWaitlisted) {
    WELKOM_ASSIGN_OR_RETURN(position, store::EnrolmentWaitlistPosition(
                                          *call.conn, course.id, row.seq));
  } else {
    WELKOM_RETURN_IF_ERROR(RunSeatHooks(call, course, me));
  }
  ToProto(row, position, static_cast<int>(course.sessions.size()),
          resp->mutable_enrolment());
  return absl::OkStatus();
}

absl::Status LanguageService::RunSeatHooks(rpc::Call& call,
                                           const store::CourseRow& course,
                                           const std::string& member_id) {
  for (const SeatHook& hook : seat_hooks_) {
    WELKOM_RETURN_IF_ERROR(hook(call, course, member_id));
  }
  return absl::OkStatus();
}

absl::Status LanguageService::DoCancelEnrolment(
    rpc::Call& call, const v1::CancelEnrolmentRequest& req,
    v1::CancelEnrolmentResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::CourseRow course,
                          CourseFor(call, req.course_id()));
  WELKOM_ASSIGN_OR_RETURN(
      auto mine,
      store::FindEnrolment(*call.conn, course.id, call.principal->user_id));
  if (!mine.has_value() || !IsLive(mine->status)) {
    return absl::NotFoundError("you are not enrolled in this course");
  }
  WELKOM_RETURN_IF_ERROR(store::SetEnrolmentStatus(
      *call.conn, mine->seq, store::kEnrolCancelled, std::nullopt));
  bool freed_seat =
      mine->status == store::kEnrolled && LastEnd(course) > call.now_seconds;
  mine->status = store::kEnrolCancelled;
  const int total = static_cast<int>(course.sessions.size());
  ToProto(*mine, 0, total, resp->mutable_enrolment());
  if (!freed_seat) return absl::OkStatus();
  WELKOM_ASSIGN_OR_RETURN(
      auto next, store::FirstWaitlistedEnrolment(*call.conn, course.id));
  if (!next.has_value()) return absl::OkStatus();
  WELKOM_RETURN_IF_ERROR(store::SetEnrolmentStatus(
      *call.conn, next->seq, store::kEnrolled, std::nullopt));
  WELKOM_RETURN_IF_ERROR(RunSeatHooks(call, course, next->user_id));
  store::NotificationRow n = CourseNotice(
      course, next->user_id, "waitlist_promoted", call.now_seconds);
  n.title_en = absl::StrCat("You have a place: ", course.title_en);
  n.title_nl = absl::StrCat("Je hebt een plek: ", course.title_nl);
  n.body_en = "A place came free and you are now enrolled.";
  n.body_nl = "Er kwam een plek vrij en je bent nu ingeschreven.";
  n.dedupe_key = absl::StrCat("waitlist_promoted:enrolment:", next->seq);
  WELKOM_RETURN_IF_ERROR(flows::StoreNotification(*call.conn, n).status());
  resp->set_promoted_member_id(next->user_id);
  return absl::OkStatus();
}

absl::Status LanguageService::DoRecordSessionAttendance(
    rpc::Call& call, const v1::RecordSessionAttendanceRequest& req,
    v1::RecordSessionAttendanceResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(store::CourseRow course,
                          ManagedCourse(call, req.course_id()));
  auto session =
      std::find_if(course.sessions.begin(), course.sessions.end(),
                   [&](const auto& s) { return s.id == req.session_id(); });
  if (session == course.sessions.end()) {
    return absl::InvalidArgumentError(
        "session_id: is not a session of this course");
  }
  if (call.now_seconds < session->start_at - 3600) {
    return absl::FailedPreconditionError(
        "session_id: attendance opens one hour before the session");
  }
  if (req.member_ids().empty()) {
    return absl::InvalidArgumentError("member_ids: name at least one member");
  }
  const int total = static_cast<int>(course.sessions.size());
  for (const std::string& member : req.member_ids()) {
    WELKOM_ASSIGN_OR_RETURN(
        auto enrolment, store::FindEnrolment(*call.conn, course.id, member));
    if (!enrolment.has_value() ||
        (enrolment->status != store::kEnrolled &&
         enrolment->status != store::kEnrolCompleted)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "member_ids: ", member, " is not enrolled in this course"));
    }
    WELKOM_RETURN_IF_ERROR(store::RecordAttendance(*call.conn, session->id,
                                                   member, call.now_seconds));
    WELKOM_ASSIGN_OR_RETURN(
        enrolment->sessions_attended,
        store::CountAttended(*call.conn, course.id, member));
    if (enrolment->status == store::kEnrolled &&
        AttendanceCompletesCourse(enrolment->sessions_attended, total)) {
      enrolment->status = store::kEnrolCompleted;
      enrolment->completed_at = call.now_seconds;
      WELKOM_RETURN_IF_ERROR(
          store::SetEnrolmentStatus(*call.conn, enrolment->seq,
                                    store::kEnrolCompleted, call.now_seconds));
      store::NotificationRow n =
          CourseNotice(course, member, "course_completed", call.now_seconds);
      n.title_en = absl::StrCat("Course completed: ", course.title_en);
      n.title_nl = absl::StrCat("Cursus afgerond: ", course.title_nl);
      n.dedupe_key = absl::StrCat("course_completed:", enrolment->seq);
      WELKOM_RETURN_IF_ERROR(flows::StoreNotification(*call.conn, n).status());
    }
    ToProto(*enrolment, 0, total, resp->add_enrolments());
  }
  return absl::OkStatus();
}

WELKOM_UNARY_FORWARD(LanguageService, CreateProvider)
WELKOM_UNARY_FORWARD(LanguageService, ListProviders)
WELKOM_UNARY_FORWARD(LanguageService, CreateCourse)
WELKOM_UNARY_FORWARD(LanguageService, ListCourses)
WELKOM_UNARY_FORWARD(LanguageService, GetCourse)
WELKOM_UNARY_FORWARD(LanguageService, Enroll)
WELKOM_UNARY_FORWARD(LanguageService, CancelEnrolment)
WELKOM_UNARY_FORWARD(LanguageService, ListEnrolments)
WELKOM_UNARY_FORWARD(LanguageService, RecordSessionAttendance)

}  // namespace welkom::api
