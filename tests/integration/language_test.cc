// LanguageService over gRPC against a real welkomd: courses, enrolment with
// a waitlist, promotion with its notification, and 80% attendance
// completing a course.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "tests/integration/extra_members.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/language.grpc.pb.h"

namespace welkom {
namespace {

using google::protobuf::util::TimeUtil;
using testing::AddMembers;
using testing::ExtraMember;
using ::testing::HasSubstr;
using testing::QuerySql;
using testing::WelkomdProcess;
using testing::WithToken;

class LanguageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    stub_ = v1::LanguageService::NewStub(server_->Channel());
    advisor_ = server_->Login("advisor");
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::ListProvidersResponse providers;
    ASSERT_TRUE(stub_->ListProviders(&ctx, {}, &providers).ok());
    ASSERT_GE(providers.providers_size(), 1);
    provider_id_ = providers.providers(0).id();
  }

  // `sessions` sessions of 5 minutes, 10 minutes apart, starting soon: all
  // open for attendance now.
  v1::Course NewCourse(int seats, int sessions) {
    v1::Course c;
    c.set_provider_id(provider_id_);
    c.mutable_title()->set_en("Dutch for beginners");
    c.mutable_title()->set_nl("Nederlands voor beginners");
    c.set_step(v1::CEFR_STEP_A0_A1);
    c.set_venue("Bibliotheek Almelo");
    c.set_municipality("almelo");
    c.set_seats(seats);
    int64_t start = absl::ToUnixSeconds(absl::Now()) + 300;
    for (int i = 0; i < sessions; ++i) {
      v1::CourseSession* s = c.add_sessions();
      *s->mutable_start_time() = TimeUtil::SecondsToTimestamp(start + 600 * i);
      *s->mutable_end_time() =
          TimeUtil::SecondsToTimestamp(start + 600 * i + 300);
    }
    return c;
  }

  grpc::Status CreateCourse(const v1::Course& course, v1::Course* out) {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::CreateCourseRequest req;
    *req.mutable_course() = course;
    v1::CreateCourseResponse resp;
    grpc::Status s = stub_->CreateCourse(&ctx, req, &resp);
    if (out != nullptr) *out = resp.course();
    return s;
  }

  grpc::Status Enroll(const std::string& token, const std::string& course_id,
                      v1::Enrolment* out = nullptr) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::EnrollRequest req;
    req.set_course_id(course_id);
    v1::EnrollResponse resp;
    grpc::Status s = stub_->Enroll(&ctx, req, &resp);
    if (out != nullptr) *out = resp.enrolment();
    return s;
  }

  grpc::Status Attend(const v1::Course& course, int session,
                      const std::string& member,
                      v1::RecordSessionAttendanceResponse* resp) {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor_);
    v1::RecordSessionAttendanceRequest req;
    req.set_course_id(course.id());
    req.set_session_id(course.sessions(session).id());
    req.add_member_ids(member);
    return stub_->RecordSessionAttendance(&ctx, req, resp);
  }

  std::vector<ExtraMember> Newcomers(int n) {
    return AddMembers(*server_, server_->Account("newcomer").org_id,
                      v1::ROLE_NEWCOMER, n, "Learner");
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::LanguageService::Stub> stub_;
  std::string advisor_;
  std::string provider_id_;
};

TEST_F(LanguageTest, DemoRegionListsDutchCoursesFromLocalProviders) {
  grpc::ClientContext ctx;
  WithToken(ctx, server_->Login("newcomer"));
  v1::ListCoursesRequest req;
  req.set_step(v1::CEFR_STEP_A0_A1);
  v1::ListCoursesResponse resp;
  ASSERT_TRUE(stub_->ListCourses(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.courses_size(), 1);
  EXPECT_THAT(resp.courses(0).title().en(), HasSubstr("ROC van Twente"));
  EXPECT_EQ(resp.courses(0).sessions_size(), 10);
  EXPECT_EQ(resp.courses(0).provider_name(), "ROC van Twente");
}

TEST_F(LanguageTest, BadCoursesAreRefusedAndNothingIsWritten) {
  v1::Course none = NewCourse(5, 0);
  grpc::Status s = CreateCourse(none, nullptr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("course.sessions"));
  v1::Course backwards = NewCourse(5, 2);
  *backwards.mutable_sessions(1)->mutable_end_time() =
      backwards.sessions(1).start_time();
  EXPECT_EQ(CreateCourse(backwards, nullptr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(CreateCourse(NewCourse(0, 2), nullptr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::Course unstepped = NewCourse(5, 2);
  unstepped.set_step(v1::CEFR_STEP_UNSPECIFIED);
  EXPECT_EQ(CreateCourse(unstepped, nullptr).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(QuerySql(*server_, "SELECT COUNT(*) FROM courses")[0][0], "2");
  EXPECT_EQ(QuerySql(*server_, "SELECT COUNT(*) FROM course_sessions")[0][0],
            "18");
}

TEST_F(LanguageTest, FullCourseWaitlistsAndACancellationPromotesWithANotice) {
  v1::Course course;
  ASSERT_TRUE(CreateCourse(NewCourse(1, 3), &course).ok());
  std::vector<ExtraMember> m = Newcomers(3);
  v1::Enrolment e;
  ASSERT_TRUE(Enroll(m[0].token, course.id(), &e).ok());
  EXPECT_EQ(e.status(), v1::ENROLMENT_STATUS_ENROLLED);
  ASSERT_TRUE(Enroll(m[1].token, course.id(), &e).ok());
  EXPECT_EQ(e.status(), v1::ENROLMENT_STATUS_WAITLISTED);
  EXPECT_EQ(e.waitlist_position(), 1);
  ASSERT_TRUE(Enroll(m[2].token, course.id(), &e).ok());
  EXPECT_EQ(e.waitlist_position(), 2);
  EXPECT_EQ(Enroll(m[0].token, course.id()).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  grpc::ClientContext ctx;
  WithToken(ctx, m[0].token);
  v1::CancelEnrolmentRequest cancel;
  cancel.set_course_id(course.id());
  v1::CancelEnrolmentResponse cancelled;
  ASSERT_TRUE(stub_->CancelEnrolment(&ctx, cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.promoted_member_id(), m[1].user_id);

  auto notes = QuerySql(*server_,
                        "SELECT recipient_id, subject FROM notifications "
                        "WHERE kind = 'waitlist_promoted'");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0][0], m[1].user_id);
  EXPECT_EQ(notes[0][1], "course:" + course.id());

  grpc::ClientContext ctx2;
  WithToken(ctx2, advisor_);
  v1::ListEnrolmentsRequest list;
  list.set_course_id(course.id());
  v1::ListEnrolmentsResponse listed;
  ASSERT_TRUE(stub_->ListEnrolments(&ctx2, list, &listed).ok());
  ASSERT_EQ(listed.enrolments_size(), 3);
  EXPECT_EQ(listed.enrolments(0).member_id(), m[1].user_id);
  EXPECT_EQ(listed.enrolments(1).member_id(), m[2].user_id);
  EXPECT_EQ(listed.enrolments(1).waitlist_position(), 1);
}

TEST_F(LanguageTest, EightyPercentAttendanceCompletesTheCourse) {
  v1::Course course;
  ASSERT_TRUE(CreateCourse(NewCourse(5, 5), &course).ok());
  std::vector<ExtraMember> m = Newcomers(2);
  ASSERT_TRUE(Enroll(m[0].token, course.id()).ok());
  v1::RecordSessionAttendanceResponse resp;
  // Not enrolled: refused, nothing recorded.
  EXPECT_EQ(Attend(course, 0, m[1].user_id, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Attend(course, i, m[0].user_id, &resp).ok());
    EXPECT_EQ(resp.enrolments(0).status(), v1::ENROLMENT_STATUS_ENROLLED);
  }
  ASSERT_TRUE(Attend(course, 3, m[0].user_id, &resp).ok());
  EXPECT_EQ(resp.enrolments(0).status(), v1::ENROLMENT_STATUS_COMPLETED);
  EXPECT_EQ(resp.enrolments(0).sessions_attended(), 4);
  EXPECT_EQ(resp.enrolments(0).sessions_total(), 5);
  EXPECT_TRUE(resp.enrolments(0).has_completion_time());
  auto notes = QuerySql(
      *server_,
      absl::StrCat(
          "SELECT COUNT(*) FROM notifications WHERE kind = 'course_completed' "
          "AND recipient_id = '",
          m[0].user_id, "'"));
  EXPECT_EQ(notes[0][0], "1");
  EXPECT_EQ(QuerySql(*server_, "SELECT COUNT(*) FROM session_attendance")[0][0],
            "4");
}

}  // namespace
}  // namespace welkom
