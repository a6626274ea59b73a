#include "server/store/buddy_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr char kOpenStates[] = "(1, 2)";

std::vector<std::string> SplitList(const std::string& text) {
  return absl::StrSplit(text, ',', absl::SkipEmpty());
}
std::string JoinList(const std::vector<std::string>& list) {
  return absl::StrJoin(list, ",");
}

constexpr char kBuddyColumns[] =
    "b.user_id, b.languages, b.interests, IFNULL(b.municipality, ''), "
    "b.profession_field, b.household, b.capacity, b.available_from, "
    "b.available_until, b.paused, IFNULL(b.employer_id, ''), b.version, "
    "b.updated_at, u.display_name, (SELECT COUNT(*) FROM buddy_matches m "
    "WHERE m.buddy_id = b.user_id AND m.state IN (1, 2))";

BuddyProfileRow ReadBuddy(const Statement& st) {
  BuddyProfileRow r;
  r.user_id = st.Text(0);
  r.languages = SplitList(st.Text(1));
  r.interests = SplitList(st.Text(2));
  r.municipality = st.Text(3);
  r.profession_field = st.Text(4);
  r.household = static_cast<int>(st.Int(5));
  r.capacity = static_cast<int>(st.Int(6));
  r.available_from = st.OptionalText(7);
  r.available_until = st.OptionalText(8);
  r.paused = st.Int(9) != 0;
  r.employer_id = st.Text(10);
  r.version = st.Int(11);
  r.updated_at = st.Int(12);
  r.display_name = st.Text(13);
  r.active_matches = static_cast<int>(st.Int(14));
  return r;
}

constexpr char kPreferenceColumns[] =
    "p.user_id, p.languages, p.interests, IFNULL(p.municipality, ''), "
    "p.profession_field, p.household, p.prefer_same_profession, "
    "p.prefer_family, p.allow_colleague, p.version, p.updated_at, "
    "u.display_name, u.org_id, IFNULL(j.municipality, '')";
constexpr char kPreferenceJoin[] =
    " FROM newcomer_preferences p JOIN users u ON u.id = p.user_id "
    "LEFT JOIN journeys j ON j.newcomer_id = p.user_id";

PreferencesRow ReadPreferences(const Statement& st) {
  PreferencesRow r;
  r.user_id = st.Text(0);
  r.languages = SplitList(st.Text(1));
  r.interests = SplitList(st.Text(2));
  r.municipality = st.Text(3);
  r.profession_field = st.Text(4);
  r.household = static_cast<int>(st.Int(5));
  r.prefer_same_profession = st.Int(6) != 0;
  r.prefer_family = st.Int(7) != 0;
  r.allow_colleague = st.Int(8) != 0;
  r.version = st.Int(9);
  r.updated_at = st.Int(10);
  r.display_name = st.Text(11);
  r.employer_id = st.Text(12);
  r.journey_municipality = st.Text(13);
  return r;
}

constexpr char kMatchColumns[] =
    "id, newcomer_id, buddy_id, state, score_languages, score_interests, "
    "score_distance, score_profession, score_household, overridden, "
    "IFNULL(created_by, ''), proposed_at, expires_at, answered_at, ended_at, "
    "IFNULL((SELECT o.region_id FROM users ru JOIN organizations o "
    "ON o.id = ru.org_id WHERE ru.id = buddy_matches.buddy_id), '')";

absl::StatusOr<std::vector<MatchRow>> ReadMatches(Statement* st) {
  std::vector<MatchRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    MatchRow m;
    m.id = st->Text(0);
    m.newcomer_id = st->Text(1);
    m.buddy_id = st->Text(2);
    m.state = static_cast<int>(st->Int(3));
    m.languages = static_cast<int>(st->Int(4));
    m.interests = static_cast<int>(st->Int(5));
    m.distance = static_cast<int>(st->Int(6));
    m.profession = static_cast<int>(st->Int(7));
    m.household = static_cast<int>(st->Int(8));
    m.overridden = st->Int(9) != 0;
    m.created_by = st->Text(10);
    m.proposed_at = st->Int(11);
    m.expires_at = st->Int(12);
    m.answered_at = st->OptionalInt(13);
    m.ended_at = st->OptionalInt(14);
    m.region_id = st->Text(15);
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<std::string> NullIfEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

absl::Status InsertBuddyProfile(Connection& c, const BuddyProfileRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO buddy_profiles (user_id, languages, interests, "
                "municipality, profession_field, household, capacity, "
                "available_from, available_until, paused, employer_id, "
                "version, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  st->Bind(1, row.user_id).Bind(2, JoinList(row.languages));
  st->Bind(3, JoinList(row.interests)).Bind(4, NullIfEmpty(row.municipality));
  st->Bind(5, row.profession_field).Bind(6, row.household);
  st->Bind(7, row.capacity).Bind(8, row.available_from);
  st->Bind(9, row.available_until).Bind(10, row.paused ? 1 : 0);
  st->Bind(11, NullIfEmpty(row.employer_id)).Bind(12, row.version);
  st->Bind(13, row.updated_at);
  return st->Run();
}

absl::StatusOr<BuddyProfileRow> GetBuddyProfile(Connection& c,
                                                const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kBuddyColumns,
                             " FROM buddy_profiles b JOIN users u ON u.id = "
                             "b.user_id WHERE b.user_id = ?")));
  st->Bind(1, user_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("buddy profile not found");
  return ReadBuddy(*st);
}

absl::Status UpdateBuddyProfile(Connection& c, const BuddyProfileRow& row,
                                int64_t expected_version) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE buddy_profiles SET languages = ?, interests = ?, "
                "municipality = ?, profession_field = ?, household = ?, "
                "capacity = ?, available_from = ?, available_until = ?, "
                "paused = ?, employer_id = ?, version = version + 1, "
                "updated_at = ? WHERE user_id = ? AND version = ?"));
  st->Bind(1, JoinList(row.languages)).Bind(2, JoinList(row.interests));
  st->Bind(3, NullIfEmpty(row.municipality)).Bind(4, row.profession_field);
  st->Bind(5, row.household).Bind(6, row.capacity);
  st->Bind(7, row.available_from).Bind(8, row.available_until);
  st->Bind(9, row.paused ? 1 : 0).Bind(10, NullIfEmpty(row.employer_id));
  st->Bind(11, row.updated_at).Bind(12, row.user_id);
  st->Bind(13, expected_version);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) {
    return absl::AbortedError("etag: the profile was changed meanwhile");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<BuddyProfileRow>> ListBuddyProfiles(
    Connection& c, const std::optional<std::string>& region_id,
    const std::string& after_id, int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat(
          "SELECT ", kBuddyColumns,
          " FROM buddy_profiles b JOIN users u ON u.id = b.user_id "
          "WHERE b.user_id > ?1 AND (?3 IS NULL OR u.org_id IN (SELECT o.id "
          "FROM organizations o WHERE o.region_id = ?3)) ORDER BY "
          "b.user_id LIMIT ?2")));
  st->Bind(1, after_id).Bind(2, limit).Bind(3, region_id);
  std::vector<BuddyProfileRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadBuddy(*st));
  }
  return out;
}

absl::StatusOr<std::optional<PreferencesRow>> GetPreferences(
    Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kPreferenceColumns, kPreferenceJoin,
                             " WHERE p.user_id = ?")));
  st->Bind(1, user_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<PreferencesRow>();
  return std::optional<PreferencesRow>(ReadPreferences(*st));
}

absl::Status PutPreferences(Connection& c, const PreferencesRow& row,
                            int64_t expected_version) {
  // Both statements take the same 11 parameters; ?11 is the expected version.
  static constexpr char kInsert[] =
      "INSERT INTO newcomer_preferences (user_id, languages, interests, "
      "municipality, profession_field, household, prefer_same_profession, "
      "prefer_family, allow_colleague, version, updated_at) "
      "SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,1,?10 WHERE ?11 = 0 "
      "ON CONFLICT (user_id) DO NOTHING";
  static constexpr char kUpdate[] =
      "UPDATE newcomer_preferences SET languages = ?2, interests = ?3, "
      "municipality = ?4, profession_field = ?5, household = ?6, "
      "prefer_same_profession = ?7, prefer_family = ?8, allow_colleague = ?9, "
      "version = version + 1, updated_at = ?10 "
      "WHERE user_id = ?1 AND version = ?11";
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare(expected_version == 0 ? kInsert : kUpdate));
  st->Bind(1, row.user_id).Bind(2, JoinList(row.languages));
  st->Bind(3, JoinList(row.interests)).Bind(4, NullIfEmpty(row.municipality));
  st->Bind(5, row.profession_field).Bind(6, row.household);
  st->Bind(7, row.prefer_same_profession ? 1 : 0);
  st->Bind(8, row.prefer_family ? 1 : 0).Bind(9, row.allow_colleague ? 1 : 0);
  st->Bind(10, row.updated_at).Bind(11, expected_version);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) {
    return absl::AbortedError("etag: the preferences were changed meanwhile");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PreferencesRow>> ListUnmatchedNewcomers(
    Connection& c, const std::string& region_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat(
          "SELECT ", kPreferenceColumns, kPreferenceJoin,
          " WHERE p.languages != '' AND u.role = 1 AND j.closed_at IS NULL "
          "AND u.org_id IN (SELECT o.id FROM organizations o "
          "WHERE o.region_id = ?1) "
          "AND NOT EXISTS (SELECT 1 FROM buddy_matches m WHERE "
          "m.newcomer_id = p.user_id AND m.state IN ",
          kOpenStates, ") ORDER BY p.user_id")));
  st->Bind(1, region_id);
  std::vector<PreferencesRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadPreferences(*st));
  }
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
ListExcludedPairs(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT newcomer_id, buddy_id FROM buddy_matches WHERE "
                "state IN (3, 4, 5) ORDER BY newcomer_id, buddy_id"));
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.emplace_back(st->Text(0), st->Text(1));
  }
  return out;
}

absl::Status InsertMatch(Connection& c, const MatchRow& m) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO buddy_matches (id, newcomer_id, buddy_id, state, "
                "score_languages, score_interests, score_distance, "
                "score_profession, score_household, overridden, created_by, "
                "proposed_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  st->Bind(1, m.id).Bind(2, m.newcomer_id).Bind(3, m.buddy_id);
  st->Bind(4, m.state).Bind(5, m.languages).Bind(6, m.interests);
  st->Bind(7, m.distance).Bind(8, m.profession).Bind(9, m.household);
  st->Bind(10, m.overridden ? 1 : 0).Bind(11, NullIfEmpty(m.created_by));
  st->Bind(12, m.proposed_at).Bind(13, m.expires_at);
  absl::Status s = st->Run();
  if (absl::IsAlreadyExists(s)) {
    return absl::FailedPreconditionError(
        "the newcomer already has an open buddy match");
  }
  return s;
}

absl::StatusOr<MatchRow> GetMatch(Connection& c, const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kMatchColumns,
                             " FROM buddy_matches WHERE id = ?")));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(std::vector<MatchRow> rows, ReadMatches(st));
  if (rows.empty()) return absl::NotFoundError("match not found");
  return rows[0];
}

absl::Status SetMatchState(Connection& c, const std::string& id, int from_state,
                           int to_state, int64_t now) {
  const bool answer = to_state == kMatchAccepted || to_state == kMatchDeclined;
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE buddy_matches SET state = ?1, "
                "answered_at = CASE WHEN ?2 THEN ?3 ELSE answered_at END, "
                "ended_at = CASE WHEN ?2 THEN ended_at ELSE ?3 END "
                "WHERE id = ?4 AND state = ?5"));
  st->Bind(1, to_state).Bind(2, answer ? 1 : 0).Bind(3, now);
  st->Bind(4, id).Bind(5, from_state);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() == 0) {
    return absl::FailedPreconditionError("the match changed meanwhile");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<MatchRow>> FindOpenMatch(
    Connection& c, const std::string& newcomer_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kMatchColumns,
                             " FROM buddy_matches WHERE newcomer_id = ? AND "
                             "state IN ",
                             kOpenStates)));
  st->Bind(1, newcomer_id);
  WELKOM_ASSIGN_OR_RETURN(std::vector<MatchRow> rows, ReadMatches(st));
  if (rows.empty()) return std::optional<MatchRow>();
  return std::optional<MatchRow>(rows[0]);
}

absl::StatusOr<std::vector<MatchRow>> ListMatches(Connection& c,
                                                  const MatchFilter& filter,
                                                  const std::string& after_id,
                                                  int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat(
          "SELECT ", kMatchColumns,
          " FROM buddy_matches WHERE (?1 IS NULL OR newcomer_id = ?1) AND "
          "(?2 IS NULL OR buddy_id = ?2) AND (?3 = 0 OR state = ?3) AND "
          "(?6 IS NULL OR buddy_id IN (SELECT ru.id FROM users ru JOIN "
          "organizations o ON o.id = ru.org_id WHERE o.region_id = ?6)) AND "
          "id > ?4 ORDER BY id LIMIT ?5")));
  st->Bind(1, filter.newcomer_id).Bind(2, filter.buddy_id);
  st->Bind(3, filter.state).Bind(4, after_id).Bind(5, limit);
  st->Bind(6, filter.region_id);
  return ReadMatches(st);
}

absl::StatusOr<std::vector<MatchRow>> ListDueProposals(Connection& c,
                                                       int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(absl::StrCat("SELECT ", kMatchColumns,
                             " FROM buddy_matches WHERE state = 1 AND "
                             "expires_at <= ? ORDER BY id")));
  st->Bind(1, now);
  return ReadMatches(st);
}

absl::StatusOr<std::vector<MunicipalityRow>> ListMunicipalities(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT key, latitude, longitude FROM municipalities "
                "ORDER BY key"));
  std::vector<MunicipalityRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({st->Text(0), st->Double(1), st->Double(2)});
  }
  return out;
}

}  // namespace welkom::store
