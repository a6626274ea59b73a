#include "server/store/journey_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

// Columns of a journey with its newcomer's display name (alias j, u).
constexpr char kJourneyColumns[] =
    "j.id, j.newcomer_id, j.employer_org_id, IFNULL(j.municipality, ''), "
    "j.profile, j.arrival_date, j.start_date, j.brp_date, j.permit_date, "
    "j.advisor_consent, j.flagged, j.catalogue_version, j.created_at, "
    "j.closed_at, u.display_name, "
    "IFNULL((SELECT t.template_version FROM journey_templates t "
    "WHERE t.journey_id = j.id), 0), j.bsn_date, "
    "IFNULL((SELECT o.region_id FROM organizations o "
    "WHERE o.id = j.employer_org_id), '')";
constexpr int kJourneyColumnCount = 18;
constexpr char kJourneyFrom[] =
    " FROM journeys j JOIN users u ON u.id = j.newcomer_id ";
// Columns of a step (alias s).
constexpr char kStepColumns[] =
    "s.journey_id, s.step_key, s.position, s.owner, s.anchor, s.offset_days, "
    "s.due_date, s.status, s.blocked_reason, s.note, s.version, s.updated_at, "
    "s.updated_by, s.done_at, s.term_unit, s.end_of_term";

JourneyRow ReadJourney(const Statement& st) {
  JourneyRow r;
  r.id = st.Text(0);
  r.newcomer_id = st.Text(1);
  r.employer_org_id = st.Text(2);
  r.municipality = st.Text(3);
  r.profile = st.Text(4);
  r.arrival_date = st.OptionalText(5);
  r.start_date = st.OptionalText(6);
  r.brp_date = st.OptionalText(7);
  r.permit_date = st.OptionalText(8);
  r.advisor_consent = st.Int(9) != 0;
  r.flagged = st.Int(10) != 0;
  r.catalogue_version = static_cast<int>(st.Int(11));
  r.created_at = st.Int(12);
  r.closed_at = st.OptionalInt(13);
  r.newcomer_name = st.Text(14);
  r.template_version = static_cast<int>(st.Int(15));
  r.bsn_date = st.OptionalText(16);
  r.region_id = st.Text(17);
  return r;
}

StepRow ReadStep(const Statement& st, int first) {
  StepRow r;
  r.journey_id = st.Text(first + 0);
  r.step_key = st.Text(first + 1);
  r.position = static_cast<int>(st.Int(first + 2));
  r.owner = static_cast<int>(st.Int(first + 3));
  r.anchor = static_cast<int>(st.Int(first + 4));
  r.offset_days = static_cast<int>(st.Int(first + 5));
  r.due_date = st.OptionalText(first + 6);
  r.status = static_cast<int>(st.Int(first + 7));
  r.blocked_reason = st.Text(first + 8);
  r.note = st.Text(first + 9);
  r.version = st.Int(first + 10);
  r.updated_at = st.Int(first + 11);
  r.updated_by = st.Text(first + 12);
  r.done_at = st.OptionalInt(first + 13);
  r.term_unit = static_cast<int>(st.Int(first + 14));
  r.end_of_term = static_cast<int>(st.Int(first + 15));
  return r;
}

// Steps `st` to the end, reading rows selected with kJourneyColumns.
absl::StatusOr<std::vector<JourneyRow>> ReadJourneys(Statement* st) {
  std::vector<JourneyRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadJourney(*st));
  }
  return out;
}

absl::StatusOr<JourneyRow> GetJourneyWhere(Connection& c,
                                           const std::string& sql,
                                           const std::string& value) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, value);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("journey not found");
  return ReadJourney(*st);
}

absl::Status InsertStep(Connection& c, const StepRow& s) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO journey_steps (journey_id, step_key, position, "
                "owner, anchor, offset_days, due_date, status, blocked_reason, "
                "note, version, updated_at, updated_by, done_at, term_unit, "
                "end_of_term) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, s.journey_id).Bind(2, s.step_key).Bind(3, s.position);
  st->Bind(4, s.owner).Bind(5, s.anchor).Bind(6, s.offset_days);
  st->Bind(7, s.due_date).Bind(8, s.status).Bind(9, s.blocked_reason);
  st->Bind(10, s.note).Bind(11, s.version).Bind(12, s.updated_at);
  st->Bind(13, s.updated_by).Bind(14, s.done_at).Bind(15, s.term_unit);
  st->Bind(16, s.end_of_term);
  return st->Run();
}

}  // namespace

absl::Status InsertJourney(Connection& c, const JourneyRow& j,
                           const std::vector<StepRow>& steps) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "INSERT INTO journeys (id, newcomer_id, employer_org_id, "
          "municipality, profile, arrival_date, start_date, brp_date, "
          "permit_date, bsn_date, advisor_consent, flagged, catalogue_version, "
          "created_at, closed_at) "
          "VALUES (?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, j.id).Bind(2, j.newcomer_id).Bind(3, j.employer_org_id);
  st->Bind(4, j.municipality).BindBlob(5, j.profile);
  st->Bind(6, j.arrival_date).Bind(7, j.start_date).Bind(8, j.brp_date);
  st->Bind(9, j.permit_date).Bind(10, j.bsn_date);
  st->Bind(11, j.advisor_consent ? 1 : 0).Bind(12, j.flagged ? 1 : 0);
  st->Bind(13, j.catalogue_version).Bind(14, j.created_at);
  st->Bind(15, j.closed_at);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError("newcomer_id: this newcomer has a journey");
  }
  WELKOM_RETURN_IF_ERROR(status);
  for (const StepRow& s : steps) WELKOM_RETURN_IF_ERROR(InsertStep(c, s));
  return absl::OkStatus();
}

absl::StatusOr<JourneyRow> GetJourney(Connection& c, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kJourneyColumns +
                                 kJourneyFrom + "WHERE j.id = ?";
  return GetJourneyWhere(c, sql, id);
}

absl::StatusOr<JourneyRow> GetJourneyByNewcomer(
    Connection& c, const std::string& newcomer_id) {
  static const std::string sql = std::string("SELECT ") + kJourneyColumns +
                                 kJourneyFrom + "WHERE j.newcomer_id = ?";
  return GetJourneyWhere(c, sql, newcomer_id);
}

absl::StatusOr<std::vector<StepRow>> ListSteps(Connection& c,
                                               const std::string& journey_id) {
  // In key order from the primary key, then sorted here: an ORDER BY would
  // make SQLite sort through a sorter, a memory allocation per row.
  static const std::string sql = std::string("SELECT ") + kStepColumns +
                                 " FROM journey_steps s WHERE s.journey_id = ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, journey_id);
  std::vector<StepRow> out;
  out.reserve(32);  // a journey has ~25 steps
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadStep(*st, 0));
  }
  std::sort(out.begin(), out.end(), [](const StepRow& a, const StepRow& b) {
    return a.position < b.position;
  });
  return out;
}

absl::Status UpdateStep(Connection& c, const StepRow& s,
                        int64_t expected_version) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE journey_steps SET due_date = ?, status = ?, "
                "blocked_reason = ?, note = ?, version = ?, updated_at = ?, "
                "updated_by = ?, done_at = ?, offset_days = ?, term_unit = ?, "
                "end_of_term = ? "
                "WHERE journey_id = ? AND step_key = ? AND version = ?"));
  st->Bind(1, s.due_date).Bind(2, s.status).Bind(3, s.blocked_reason);
  st->Bind(4, s.note).Bind(5, s.version).Bind(6, s.updated_at);
  st->Bind(7, s.updated_by).Bind(8, s.done_at).Bind(9, s.offset_days);
  st->Bind(10, s.term_unit).Bind(11, s.end_of_term).Bind(12, s.journey_id);
  st->Bind(13, s.step_key).Bind(14, expected_version);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) {
    return absl::AbortedError(absl::StrCat(
        "step '", s.step_key, "' was changed meanwhile; read it again"));
  }
  return absl::OkStatus();
}

absl::Status UpdateJourneyAnchors(Connection& c, const JourneyRow& j) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE journeys SET arrival_date = ?, start_date = ?, "
                "brp_date = ?, permit_date = ?, bsn_date = ? WHERE id = ?"));
  st->Bind(1, j.arrival_date).Bind(2, j.start_date).Bind(3, j.brp_date);
  st->Bind(4, j.permit_date).Bind(5, j.bsn_date).Bind(6, j.id);
  return st->Run();
}

absl::Status SetAdvisorConsent(Connection& c, const std::string& journey_id,
                               bool consent) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE journeys SET advisor_consent = ? WHERE id = ?"));
  st->Bind(1, consent ? 1 : 0).Bind(2, journey_id);
  return st->Run();
}

absl::Status SetJourneyFlagged(Connection& c, const std::string& journey_id,
                               bool flagged) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE journeys SET flagged = ? WHERE id = ?"));
  st->Bind(1, flagged ? 1 : 0).Bind(2, journey_id);
  return st->Run();
}

absl::StatusOr<std::vector<std::string>> ListMemberIds(
    Connection& c, int role, const std::optional<std::string>& org_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("SELECT id FROM users WHERE role = ?1 "
                                "AND (?2 IS NULL OR org_id = ?2) ORDER BY id"));
  st->Bind(1, role).Bind(2, org_id);
  return st->FirstColumnTexts();
}

absl::Status MarkStepDoneByKey(Connection& c, const std::string& newcomer_id,
                               absl::string_view step_key, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "UPDATE journey_steps SET status = ?4, done_at = ?1, "
          "updated_at = ?1, updated_by = 'system', version = version + 1 "
          "WHERE step_key = ?2 AND status NOT IN (?4, ?5) AND journey_id = "
          "(SELECT id FROM journeys WHERE newcomer_id = ?3)"));
  st->Bind(1, now).Bind(2, step_key).Bind(3, newcomer_id);
  st->Bind(4, kStepDone).Bind(5, kStepNotApplicable);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) return absl::OkStatus();
  // Welkom itself changed the journey: the newcomer sees it in the audit log
  // (actor '', action STEP_CHANGED).
  WELKOM_ASSIGN_OR_RETURN(
      Statement * audit,
      c.Prepare("INSERT INTO journey_audit (journey_id, at, actor_id, "
                "actor_role, action, detail, at_micros) "
                "SELECT id, ?1, '', 0, 4, ?2, ?1 * 1000000 FROM journeys "
                "WHERE newcomer_id = ?3"));
  audit->Bind(1, now).Bind(2, step_key).Bind(3, newcomer_id);
  return audit->Run();
}

absl::StatusOr<std::vector<JourneyRow>> ListJourneys(
    Connection& c, const JourneyScope& scope, const std::string& after_id,
    int limit, const SearchWords& words) {
  // A search reads the newcomer's name, the municipality's name and, for
  // callers who see several employers, the employer's name.
  static const std::string sql =
      std::string("SELECT ") + kJourneyColumns + kJourneyFrom +
      "LEFT JOIN municipalities m ON m.key = j.municipality "
      "JOIN organizations o ON o.id = j.employer_org_id "
      "WHERE j.id > ?1 AND (?2 IS NULL OR j.employer_org_id = ?2) "
      "AND (?3 = 0 OR j.advisor_consent = 1) "
      "AND (?5 IS NULL OR o.region_id = ?5) AND " +
      MatchesAllWords(
          "u.display_name || ' ' || IFNULL(m.name, '') || ' ' || "
          "CASE WHEN ?2 IS NULL THEN o.name ELSE '' END",
          6) +
      " ORDER BY j.id LIMIT ?4";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, after_id).Bind(2, scope.employer_org_id);
  st->Bind(3, scope.consented_only ? 1 : 0).Bind(4, limit);
  st->Bind(5, scope.region_id);
  BindWords(st, 6, words);
  return ReadJourneys(st);
}

absl::StatusOr<std::vector<OverdueRow>> ListOverdueSteps(
    Connection& c, const JourneyScope& scope, const std::string& before,
    const std::optional<OverdueCursor>& after, int limit) {
  // The status and due_date terms match the partial index
  // journey_steps_open_by_due, which also yields the order. The open
  // statuses are literal here, unlike elsewhere, because SQLite uses a
  // partial index only for a query whose terms imply the index's WHERE at
  // prepare time: with `s.status IN (?8, ?9, ?10)` it scans the table and
  // sorts (EXPLAIN QUERY PLAN, SQLite 3.40). They are the complement of
  // kStepDone and kStepNotApplicable, checked in flows/journey_dates.cc.
  static const std::string sql =
      std::string("SELECT ") + kJourneyColumns + ", " + kStepColumns +
      " FROM journey_steps s JOIN journeys j ON j.id = s.journey_id "
      "JOIN users u ON u.id = j.newcomer_id "
      "WHERE s.status IN (1, 2, 4) AND s.due_date IS NOT NULL "
      "AND s.due_date < ?1 AND (s.due_date, s.journey_id, s.step_key) > "
      "(?2, ?3, ?4) AND j.closed_at IS NULL "
      "AND (?5 IS NULL OR j.employer_org_id = ?5) "
      "AND (?6 = 0 OR j.advisor_consent = 1) "
      "AND (?8 IS NULL OR j.employer_org_id IN "
      "(SELECT o.id FROM organizations o WHERE o.region_id = ?8)) "
      "ORDER BY s.due_date, s.journey_id, s.step_key LIMIT ?7";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  OverdueCursor from = after.value_or(OverdueCursor{});
  st->Bind(1, before).Bind(2, from.due_date).Bind(3, from.journey_id);
  st->Bind(4, from.step_key).Bind(5, scope.employer_org_id);
  st->Bind(6, scope.consented_only ? 1 : 0).Bind(7, limit);
  st->Bind(8, scope.region_id);
  std::vector<OverdueRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({ReadJourney(*st), ReadStep(*st, kJourneyColumnCount)});
  }
  return out;
}

absl::StatusOr<std::vector<JourneyRow>> ListJourneysToRemind(Connection& c,
                                                             int64_t now,
                                                             int limit) {
  // The terms match the partial index journeys_reminder_due.
  static const std::string sql =
      std::string("SELECT ") + kJourneyColumns + kJourneyFrom +
      "WHERE j.closed_at IS NULL AND j.reminder_check_at <= ?1 "
      "ORDER BY j.reminder_check_at LIMIT ?2";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, now).Bind(2, limit);
  return ReadJourneys(st);
}

absl::Status SetReminderCheck(Connection& c, const std::string& journey_id,
                              int64_t at) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE journeys SET reminder_check_at = ? WHERE id = ?"));
  st->Bind(1, at).Bind(2, journey_id);
  return st->Run();
}

absl::Status CloseJourney(Connection& c, const std::string& journey_id,
                          int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE journeys SET closed_at = ? WHERE id = ? AND "
                "closed_at IS NULL"));
  st->Bind(1, now).Bind(2, journey_id);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) return absl::OkStatus();
  // Action 8: welkom.v1.AUDIT_ACTION_CLOSED, by Welkom itself.
  WELKOM_ASSIGN_OR_RETURN(
      Statement * audit,
      c.Prepare("INSERT INTO journey_audit (journey_id, at, actor_id, "
                "actor_role, action, at_micros) "
                "VALUES (?1, ?2, '', 0, 8, ?2 * 1000000)"));
  audit->Bind(1, journey_id).Bind(2, now);
  return audit->Run();
}

}  // namespace welkom::store
