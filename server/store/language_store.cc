#include "server/store/language_store.h"

#include <algorithm>

#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

#define WELKOM_COURSE_COLUMNS                                             \
  "k.id, k.provider_id, p.name, k.title_en, k.title_nl, k.cefr_step, "    \
  "k.venue, k.municipality, k.seats, k.created_by_org_id, k.created_at, " \
  "(SELECT COUNT(*) FROM enrolments n WHERE n.course_id = k.id AND "      \
  "n.status IN (1, 3)), "                                                 \
  "(SELECT COUNT(*) FROM enrolments n WHERE n.course_id = k.id AND "      \
  "n.status = 2) FROM courses k JOIN language_providers p ON "            \
  "p.id = k.provider_id "

#define WELKOM_ENROLMENT_COLUMNS                                              \
  "n.id, n.course_id, n.user_id, n.status, n.created_at, n.completed_at, "    \
  "u.display_name, (SELECT COUNT(*) FROM session_attendance a JOIN "          \
  "course_sessions s ON s.id = a.session_id WHERE s.course_id = n.course_id " \
  "AND a.user_id = n.user_id) FROM enrolments n JOIN users u ON "             \
  "u.id = n.user_id "

ProviderRow ReadProvider(const Statement& st) {
  return {st.Text(0), st.Text(1), st.Text(2),
          st.Text(3), st.Text(4), st.Int(5)};
}

CourseRow ReadCourse(const Statement& st) {
  CourseRow k;
  k.id = st.Text(0);
  k.provider_id = st.Text(1);
  k.provider_name = st.Text(2);
  k.title_en = st.Text(3);
  k.title_nl = st.Text(4);
  k.cefr_step = static_cast<int>(st.Int(5));
  k.venue = st.Text(6);
  k.municipality = st.Text(7);
  k.seats = static_cast<int>(st.Int(8));
  k.created_by_org_id = st.Text(9);
  k.created_at = st.Int(10);
  k.enrolled = static_cast<int>(st.Int(11));
  k.waitlisted = static_cast<int>(st.Int(12));
  return k;
}

EnrolmentRow ReadEnrolment(const Statement& st) {
  EnrolmentRow n;
  n.seq = st.Int(0);
  n.course_id = st.Text(1);
  n.user_id = st.Text(2);
  n.status = static_cast<int>(st.Int(3));
  n.created_at = st.Int(4);
  n.completed_at = st.OptionalInt(5);
  n.display_name = st.Text(6);
  n.sessions_attended = static_cast<int>(st.Int(7));
  return n;
}

absl::Status LoadSessions(Connection& c, CourseRow* course) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT id, start_at, end_at FROM course_sessions WHERE "
                "course_id = ? ORDER BY start_at, id"));
  st->Bind(1, course->id);
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    course->sessions.push_back({st->Text(0), st->Int(1), st->Int(2)});
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<EnrolmentRow>> OptionalEnrolment(Statement* st) {
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<EnrolmentRow>();
  return std::optional<EnrolmentRow>(ReadEnrolment(*st));
}

absl::StatusOr<std::vector<EnrolmentRow>> CollectEnrolments(Statement* st) {
  std::vector<EnrolmentRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadEnrolment(*st));
  }
  return out;
}

absl::StatusOr<int> CountOne(Statement* st) {
  WELKOM_RETURN_IF_ERROR(st->Step().status());
  return static_cast<int>(st->Int(0));
}

}  // namespace

absl::Status InsertProvider(Connection& c, const ProviderRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO language_providers (id, name, municipality, "
                "website, created_by_org_id, created_at) VALUES "
                "(?, ?, ?, ?, ?, ?)"));
  st->Bind(1, row.id).Bind(2, row.name).Bind(3, row.municipality);
  st->Bind(4, row.website).Bind(5, row.created_by_org_id);
  st->Bind(6, row.created_at);
  return st->Run();
}

absl::StatusOr<ProviderRow> GetProvider(Connection& c, const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT id, name, municipality, website, created_by_org_id, "
                "created_at FROM language_providers WHERE id = ?"));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("provider not found");
  return ReadProvider(*st);
}

absl::StatusOr<std::vector<ProviderRow>> ListProviders(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT id, name, municipality, website, created_by_org_id, "
                "created_at FROM language_providers ORDER BY name, id"));
  std::vector<ProviderRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadProvider(*st));
  }
  return out;
}

absl::Status InsertCourse(Connection& c, const CourseRow& row) {
  int64_t first = row.sessions.front().start_at;
  int64_t last = row.sessions.front().end_at;
  for (const CourseSessionRow& s : row.sessions) {
    first = std::min(first, s.start_at);
    last = std::max(last, s.end_at);
  }
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO courses (id, provider_id, title_en, title_nl, "
                "cefr_step, venue, municipality, seats, first_start_at, "
                "last_end_at, created_by_org_id, created_at) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, row.id).Bind(2, row.provider_id).Bind(3, row.title_en);
  st->Bind(4, row.title_nl).Bind(5, row.cefr_step).Bind(6, row.venue);
  st->Bind(7, row.municipality).Bind(8, row.seats).Bind(9, first);
  st->Bind(10, last).Bind(11, row.created_by_org_id).Bind(12, row.created_at);
  WELKOM_RETURN_IF_ERROR(st->Run());
  WELKOM_ASSIGN_OR_RETURN(
      Statement * ins,
      c.Prepare("INSERT INTO course_sessions (id, course_id, start_at, end_at) "
                "VALUES (?, ?, ?, ?)"));
  for (const CourseSessionRow& s : row.sessions) {
    ins->Reset();
    ins->Bind(1, s.id).Bind(2, row.id).Bind(3, s.start_at).Bind(4, s.end_at);
    WELKOM_RETURN_IF_ERROR(ins->Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<CourseRow> GetCourse(Connection& c, const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_COURSE_COLUMNS "WHERE k.id = ?"));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("course not found");
  CourseRow course = ReadCourse(*st);
  WELKOM_RETURN_IF_ERROR(LoadSessions(c, &course));
  return course;
}

absl::StatusOr<std::vector<CourseRow>> ListCourses(
    Connection& c, int64_t ends_after, int cefr_step,
    const std::string& municipality) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_COURSE_COLUMNS
                "WHERE k.last_end_at >= ? AND (? = 0 OR k.cefr_step = ?) AND "
                "(? = '' OR k.municipality = ?) "
                "ORDER BY k.first_start_at, k.id"));
  st->Bind(1, ends_after).Bind(2, cefr_step).Bind(3, cefr_step);
  st->Bind(4, municipality).Bind(5, municipality);
  std::vector<CourseRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadCourse(*st));
  }
  for (CourseRow& course : out) {
    WELKOM_RETURN_IF_ERROR(LoadSessions(c, &course));
  }
  return out;
}

absl::StatusOr<std::optional<EnrolmentRow>> FindEnrolment(
    Connection& c, const std::string& course_id, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare("SELECT " WELKOM_ENROLMENT_COLUMNS
                                    "WHERE n.course_id = ? AND n.user_id = ?"));
  st->Bind(1, course_id).Bind(2, user_id);
  return OptionalEnrolment(st);
}

absl::StatusOr<EnrolmentRow> InsertEnrolment(Connection& c,
                                             const std::string& course_id,
                                             const std::string& user_id,
                                             int status, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * del,
      c.Prepare("DELETE FROM enrolments WHERE course_id = ? AND user_id = ? "
                "AND status = 4"));
  del->Bind(1, course_id).Bind(2, user_id);
  WELKOM_RETURN_IF_ERROR(del->Run());
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO enrolments (course_id, user_id, status, "
                "created_at) VALUES (?, ?, ?, ?)"));
  st->Bind(1, course_id).Bind(2, user_id).Bind(3, status).Bind(4, now);
  absl::Status inserted = st->Run();
  if (absl::IsAlreadyExists(inserted)) {
    return absl::AlreadyExistsError(
        "course_id: you are already enrolled in this course");
  }
  WELKOM_RETURN_IF_ERROR(inserted);
  EnrolmentRow row;
  row.seq = c.LastInsertRowId();
  row.course_id = course_id;
  row.user_id = user_id;
  row.status = status;
  row.created_at = now;
  return row;
}

absl::Status SetEnrolmentStatus(Connection& c, int64_t seq, int status,
                                std::optional<int64_t> completed_at) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE enrolments SET status = ?, completed_at = ? "
                "WHERE id = ?"));
  st->Bind(1, status).Bind(2, completed_at).Bind(3, seq);
  return st->Run();
}

absl::StatusOr<int> CountSeatsTaken(Connection& c,
                                    const std::string& course_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT COUNT(*) FROM enrolments WHERE course_id = ? AND "
                "status IN (1, 3)"));
  st->Bind(1, course_id);
  return CountOne(st);
}

absl::StatusOr<std::optional<EnrolmentRow>> FirstWaitlistedEnrolment(
    Connection& c, const std::string& course_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "SELECT " WELKOM_ENROLMENT_COLUMNS
          "WHERE n.course_id = ? AND n.status = 2 ORDER BY n.id LIMIT 1"));
  st->Bind(1, course_id);
  return OptionalEnrolment(st);
}

absl::StatusOr<int> EnrolmentWaitlistPosition(Connection& c,
                                              const std::string& course_id,
                                              int64_t seq) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT COUNT(*) FROM enrolments WHERE course_id = ? AND "
                "status = 2 AND id <= ?"));
  st->Bind(1, course_id).Bind(2, seq);
  return CountOne(st);
}

absl::StatusOr<std::vector<EnrolmentRow>> ListEnrolments(
    Connection& c, const std::string& course_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT " WELKOM_ENROLMENT_COLUMNS
                "WHERE n.course_id = ? ORDER BY n.status, n.id"));
  st->Bind(1, course_id);
  return CollectEnrolments(st);
}

absl::StatusOr<std::vector<EnrolmentRow>> ListEnrolmentsOfMember(
    Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare("SELECT " WELKOM_ENROLMENT_COLUMNS
                                    "WHERE n.user_id = ? ORDER BY n.id"));
  st->Bind(1, user_id);
  return CollectEnrolments(st);
}

absl::Status RecordAttendance(Connection& c, const std::string& session_id,
                              const std::string& user_id, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO session_attendance (session_id, user_id, "
                "recorded_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
  st->Bind(1, session_id).Bind(2, user_id).Bind(3, now);
  return st->Run();
}

absl::StatusOr<int> CountAttended(Connection& c, const std::string& course_id,
                                  const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT COUNT(*) FROM session_attendance a JOIN "
                "course_sessions s ON s.id = a.session_id WHERE "
                "s.course_id = ? AND a.user_id = ?"));
  st->Bind(1, course_id).Bind(2, user_id);
  return CountOne(st);
}

absl::StatusOr<std::vector<ClassSession>> ListClassSessionsOf(
    Connection& c, const std::string& user_id, int64_t ends_after) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT k.id, s.id, k.title_en, k.title_nl, k.venue, "
                "s.start_at, s.end_at FROM enrolments n JOIN courses k ON "
                "k.id = n.course_id JOIN course_sessions s ON "
                "s.course_id = k.id WHERE n.user_id = ? AND "
                "n.status IN (1, 3) AND s.end_at >= ? "
                "ORDER BY s.start_at, s.id"));
  st->Bind(1, user_id).Bind(2, ends_after);
  std::vector<ClassSession> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Text(3),
                   st->Text(4), st->Int(5), st->Int(6)});
  }
  return out;
}

}  // namespace welkom::store
