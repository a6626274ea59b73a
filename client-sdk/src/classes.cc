// Client::Classes, Enrol and Withdraw: the Dutch courses on offer cached as
// "course" documents (sort key: first session), each with the caller's own
// enrolment, so the newcomer's classes read offline; enrolments go through
// the outbox (SeatList).
#include "client_impl.h"
#include "seat_list.h"
#include "welkom/v1/language.pb.h"

namespace welkom::sdk {
namespace {

struct CourseSeats {
  using Item = v1::Course;
  using Take = v1::EnrollRequest;
  using TakeResponse = v1::EnrollResponse;
  using Give = v1::CancelEnrolmentRequest;
  using GiveResponse = v1::CancelEnrolmentResponse;
  using Place = v1::EnrolmentStatus;
  static constexpr char kKind[] = "course";
  static constexpr char kTake[] = "/welkom.v1.LanguageService/Enroll";
  static constexpr char kGive[] = "/welkom.v1.LanguageService/CancelEnrolment";
  static constexpr char kSubject[] = "course:";
  static constexpr Place kSeat = v1::ENROLMENT_STATUS_ENROLLED;
  static constexpr Place kWaiting = v1::ENROLMENT_STATUS_WAITLISTED;
  static constexpr Place kGivenBack = v1::ENROLMENT_STATUS_CANCELLED;

  // Every course whose last session has not ended.
  static absl::Status Fetch(Client::Impl& impl, std::vector<Item>* all) {
    v1::ListCoursesResponse resp;
    absl::Status s = impl.CallServer("/welkom.v1.LanguageService/ListCourses",
                                     v1::ListCoursesRequest(), &resp);
    if (s.ok()) all->assign(resp.courses().begin(), resp.courses().end());
    return s;
  }
  static int64_t SortKey(const Item& c) {
    return c.sessions().empty() ? 0 : c.sessions(0).start_time().seconds();
  }
  static Place Mine(const Item& c) { return c.my_enrolment(); }
  static void SetMine(Item* c, Place p) { c->set_my_enrolment(p); }
  static int32_t Taken(const Item& c) { return c.enrolled_count(); }
  static void SetTaken(Item* c, int32_t n) { c->set_enrolled_count(n); }
  static int32_t Waiting(const Item& c) { return c.waitlist_count(); }
  static void SetWaiting(Item* c, int32_t n) { c->set_waitlist_count(n); }
  static int32_t Capacity(const Item& c) { return c.seats(); }
  template <typename Req>
  static const std::string& Id(const Req& r) {
    return r.course_id();
  }
  template <typename Req>
  static void SetId(Req* r, const std::string& id) {
    r->set_course_id(id);
  }
  template <typename Resp>
  static Place Answer(const Resp& r) {
    return r.enrolment().status();
  }
};

using CourseList = SeatList<CourseSeats>;

}  // namespace

void RegisterClassChanges(Client::Impl& impl) {
  CourseList::RegisterChanges(impl);
}

absl::StatusOr<std::vector<v1::Course>> Client::Classes(Source source) {
  using Result = absl::StatusOr<std::vector<v1::Course>>;
  return impl_->Run<Result>(
      [&]() -> Result { return CourseList::Read(*impl_, source); });
}

absl::Status Client::Enrol(const std::string& course_id) {
  return CourseList::Enqueue<CourseSeats::Take>(*impl_, CourseSeats::kTake,
                                                course_id);
}

absl::Status Client::Withdraw(const std::string& course_id) {
  return CourseList::Enqueue<CourseSeats::Give>(*impl_, CourseSeats::kGive,
                                                course_id);
}

}  // namespace welkom::sdk
