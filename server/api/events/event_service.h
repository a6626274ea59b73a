// File: event_service.h
// welkom.v1.EventService: social events, RSVPs with a first-come waitlist,
// attendance. Every RSVP is decided inside the dispatcher's single write
// transaction, so seats are never overbooked and the waitlist keeps the
// order in which the writes ran.
#ifndef WELKOM_SERVER_API_EVENTS_EVENT_SERVICE_H_
#define WELKOM_SERVER_API_EVENTS_EVENT_SERVICE_H_

#include <functional>
#include <string>
#include <vector>

#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "server/store/event_store.h"
#include "welkom/v1/event.grpc.pb.h"

namespace welkom::api {

// Attendance is recorded from this long before an event starts (doors open).
inline constexpr int64_t kAttendanceOpensBeforeSeconds = 3600;

class EventService final : public v1::EventService::CallbackService {
 public:
  // The caller's arrival cohort ("YYYY-MM"), or empty when unknown. Without
  // a lookup, cohort events are visible to their organisers and advisors.
  using CohortLookup = std::function<absl::StatusOr<std::string>(
      store::Connection&, const std::string& user_id)>;
  // Runs in RecordAttendance's transaction for each member recorded as
  // attending (e.g. to complete a journey step); an error undoes it all.
  using AttendanceHook = std::function<absl::Status(
      rpc::Call&, const store::EventRow&, const std::string& member_id)>;

  explicit EventService(rpc::Dispatcher* dispatcher);

  void SetCohortLookup(CohortLookup lookup) {
    cohort_lookup_ = std::move(lookup);
  }
  void AddAttendanceHook(AttendanceHook hook) {
    attendance_hooks_.push_back(std::move(hook));
  }

  WELKOM_UNARY_OVERRIDE(CreateEvent);
  WELKOM_UNARY_OVERRIDE(GetEvent);
  WELKOM_UNARY_OVERRIDE(ListEvents);
  WELKOM_UNARY_OVERRIDE(CancelEvent);
  WELKOM_UNARY_OVERRIDE(CreateRsvp);
  WELKOM_UNARY_OVERRIDE(CancelRsvp);
  WELKOM_UNARY_OVERRIDE(ListRsvps);
  WELKOM_UNARY_OVERRIDE(RecordAttendance);

 private:
  absl::Status DoCreateEvent(rpc::Call& call, const v1::CreateEventRequest& req,
                             v1::CreateEventResponse* resp);
  absl::Status DoListEvents(rpc::Call& call, const v1::ListEventsRequest& req,
                            v1::ListEventsResponse* resp);
  absl::Status DoCancelEvent(rpc::Call& call, const v1::CancelEventRequest& req,
                             v1::CancelEventResponse* resp);
  absl::Status DoCreateRsvp(rpc::Call& call, const v1::CreateRsvpRequest& req,
                            v1::CreateRsvpResponse* resp);
  absl::Status DoCancelRsvp(rpc::Call& call, const v1::CancelRsvpRequest& req,
                            v1::CancelRsvpResponse* resp);
  absl::Status DoRecordAttendance(rpc::Call& call,
                                  const v1::RecordAttendanceRequest& req,
                                  v1::RecordAttendanceResponse* resp);

  absl::StatusOr<std::string> ViewerCohort(rpc::Call& call) const;
  // The event if the caller may see it; NOT_FOUND otherwise.
  absl::StatusOr<store::EventRow> VisibleEvent(rpc::Call& call,
                                               const std::string& id) const;
  // The event if the caller organises it; NOT_FOUND if the caller may not
  // see it, PERMISSION_DENIED if it may see but not manage it.
  absl::StatusOr<store::EventRow> ManagedEvent(rpc::Call& call,
                                               const std::string& id) const;

  rpc::Dispatcher* dispatcher_;
  CohortLookup cohort_lookup_;
  std::vector<AttendanceHook> attendance_hooks_;
};

void ToProto(const store::EventRow& row, v1::Event* out);
// `position`: the place on the waitlist (0 when not waitlisted).
void ToProto(const store::RsvpRow& row, int position, v1::Rsvp* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_EVENTS_EVENT_SERVICE_H_
