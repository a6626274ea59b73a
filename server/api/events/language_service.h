// File: language_service.h
// welkom.v1.LanguageService: Dutch course providers, courses with sessions,
// enrolment with a first-come waitlist, attendance per session. Attending
// 80% of a course's sessions completes the enrolment. Enrolments are decided
// inside the dispatcher's single write transaction, so seats are never
// overbooked.
#ifndef WELKOM_SERVER_API_EVENTS_LANGUAGE_SERVICE_H_
#define WELKOM_SERVER_API_EVENTS_LANGUAGE_SERVICE_H_

#include <functional>
#include <string>
#include <vector>

#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "server/store/language_store.h"
#include "welkom/v1/language.grpc.pb.h"

namespace welkom::api {

// True when `attended` of `total` sessions is at least 80%.
bool AttendanceCompletesCourse(int attended, int total);

class LanguageService final : public v1::LanguageService::CallbackService {
 public:
  // Runs in the transaction that gives a member a seat in a course: an
  // enrolment with a free seat, or a promotion from the waitlist when a seat
  // comes free (e.g. to tick the journey's course intake step). An error
  // undoes the whole call.
  using SeatHook = std::function<absl::Status(
      rpc::Call&, const store::CourseRow&, const std::string& member_id)>;

  explicit LanguageService(rpc::Dispatcher* dispatcher);

  void AddSeatHook(SeatHook hook) { seat_hooks_.push_back(std::move(hook)); }

  WELKOM_UNARY_OVERRIDE(CreateProvider);
  WELKOM_UNARY_OVERRIDE(ListProviders);
  WELKOM_UNARY_OVERRIDE(CreateCourse);
  WELKOM_UNARY_OVERRIDE(ListCourses);
  WELKOM_UNARY_OVERRIDE(GetCourse);
  WELKOM_UNARY_OVERRIDE(Enroll);
  WELKOM_UNARY_OVERRIDE(CancelEnrolment);
  WELKOM_UNARY_OVERRIDE(ListEnrolments);
  WELKOM_UNARY_OVERRIDE(RecordSessionAttendance);

 private:
  absl::Status DoCreateCourse(rpc::Call& call,
                              const v1::CreateCourseRequest& req,
                              v1::CreateCourseResponse* resp);
  absl::Status DoEnroll(rpc::Call& call, const v1::EnrollRequest& req,
                        v1::EnrollResponse* resp);
  absl::Status DoCancelEnrolment(rpc::Call& call,
                                 const v1::CancelEnrolmentRequest& req,
                                 v1::CancelEnrolmentResponse* resp);
  absl::Status DoRecordSessionAttendance(
      rpc::Call& call, const v1::RecordSessionAttendanceRequest& req,
      v1::RecordSessionAttendanceResponse* resp);

  absl::Status RunSeatHooks(rpc::Call& call, const store::CourseRow& course,
                            const std::string& member_id);

  rpc::Dispatcher* dispatcher_;
  std::vector<SeatHook> seat_hooks_;
};

void ToProto(const store::ProviderRow& row, v1::LanguageProvider* out);
void ToProto(const store::CourseRow& row, v1::Course* out);
void ToProto(const store::EnrolmentRow& row, int position, int total_sessions,
             v1::Enrolment* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_EVENTS_LANGUAGE_SERVICE_H_
