// File: language_store.h
// Rows and queries for Dutch language classes: providers, courses with their
// sessions, enrolments (with a waitlist in arrival order) and attendance per
// session. Enrolment decisions are made by the caller inside one write
// transaction, so the counts read here are exact.
#ifndef WELKOM_SERVER_STORE_LANGUAGE_STORE_H_
#define WELKOM_SERVER_STORE_LANGUAGE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct ProviderRow {
  std::string id;
  std::string name;
  std::string municipality;
  std::string website;
  std::string created_by_org_id;
  int64_t created_at = 0;
};

struct CourseSessionRow {
  std::string id;
  int64_t start_at = 0;
  int64_t end_at = 0;
};

struct CourseRow {
  std::string id;
  std::string provider_id;
  std::string provider_name;  // filled by reads
  std::string title_en;
  std::string title_nl;
  int cefr_step = 0;  // welkom.v1.CefrStep
  std::string venue;
  std::string municipality;
  int seats = 0;
  std::string created_by_org_id;
  int64_t created_at = 0;
  std::vector<CourseSessionRow> sessions;  // in start order
  // Filled by reads.
  int enrolled = 0;  // enrolled or completed
  int waitlisted = 0;
};

// Enrolment status values, as welkom.v1.EnrolmentStatus.
inline constexpr int kEnrolled = 1;
inline constexpr int kEnrolWaitlisted = 2;
inline constexpr int kEnrolCompleted = 3;
inline constexpr int kEnrolCancelled = 4;

struct EnrolmentRow {
  int64_t seq = 0;  // arrival order
  std::string course_id;
  std::string user_id;
  int status = 0;
  int64_t created_at = 0;
  std::optional<int64_t> completed_at;
  std::string display_name;
  int sessions_attended = 0;
};

absl::Status InsertProvider(Connection& c, const ProviderRow& row);
absl::StatusOr<ProviderRow> GetProvider(Connection& c, const std::string& id);
absl::StatusOr<std::vector<ProviderRow>> ListProviders(Connection& c);

// Stores the course and its sessions (ids must be set).
absl::Status InsertCourse(Connection& c, const CourseRow& row);
// NOT_FOUND if there is no such course.
absl::StatusOr<CourseRow> GetCourse(Connection& c, const std::string& id);
// Courses whose last session ends at or after `ends_after`, by first start.
// `cefr_step` 0 and `municipality` empty match all.
absl::StatusOr<std::vector<CourseRow>> ListCourses(
    Connection& c, int64_t ends_after, int cefr_step,
    const std::string& municipality);

absl::StatusOr<std::optional<EnrolmentRow>> FindEnrolment(
    Connection& c, const std::string& course_id, const std::string& user_id);
// Stores a new enrolment at the back of the line (replacing a cancelled
// one). ALREADY_EXISTS if the member holds a live one.
absl::StatusOr<EnrolmentRow> InsertEnrolment(Connection& c,
                                             const std::string& course_id,
                                             const std::string& user_id,
                                             int status, int64_t now);
absl::Status SetEnrolmentStatus(Connection& c, int64_t seq, int status,
                                std::optional<int64_t> completed_at);
// Enrolled plus completed.
absl::StatusOr<int> CountSeatsTaken(Connection& c,
                                    const std::string& course_id);
absl::StatusOr<std::optional<EnrolmentRow>> FirstWaitlistedEnrolment(
    Connection& c, const std::string& course_id);
absl::StatusOr<int> EnrolmentWaitlistPosition(Connection& c,
                                              const std::string& course_id,
                                              int64_t seq);
// Every enrolment of the course: enrolled, waitlisted, completed, cancelled,
// each in arrival order, with sessions attended.
absl::StatusOr<std::vector<EnrolmentRow>> ListEnrolments(
    Connection& c, const std::string& course_id);
// Every enrolment of the member in any course, in arrival order, with
// sessions attended.
absl::StatusOr<std::vector<EnrolmentRow>> ListEnrolmentsOfMember(
    Connection& c, const std::string& user_id);

// Records attendance (idempotent).
absl::Status RecordAttendance(Connection& c, const std::string& session_id,
                              const std::string& user_id, int64_t now);
absl::StatusOr<int> CountAttended(Connection& c, const std::string& course_id,
                                  const std::string& user_id);

struct ClassSession {
  std::string course_id;
  std::string session_id;
  std::string title_en;
  std::string title_nl;
  std::string venue;
  int64_t start_at = 0;
  int64_t end_at = 0;
};
// Sessions ending at or after `ends_after` of courses the member is enrolled
// in (not waitlisted or cancelled), in start order.
absl::StatusOr<std::vector<ClassSession>> ListClassSessionsOf(
    Connection& c, const std::string& user_id, int64_t ends_after);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_LANGUAGE_STORE_H_
