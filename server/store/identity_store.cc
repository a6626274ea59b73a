#include "server/store/identity_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr char kOrgColumns[] =
    "id, kind, name, IFNULL(municipality, ''), staff_count, created_at, "
    "IFNULL(region_id, '')";
constexpr char kUserColumns[] =
    "id, org_id, role, email, display_name, password_hash, created_at, "
    "locale";

OrganizationRow ReadOrganization(const Statement& st) {
  return {st.Text(0), static_cast<int>(st.Int(1)), st.Text(2),
          st.Text(3), static_cast<int>(st.Int(4)), st.Int(5),
          st.Text(6)};
}

UserRow ReadUser(const Statement& st) {
  return {st.Text(0), st.Text(1), static_cast<int>(st.Int(2)),
          st.Text(3), st.Text(4), st.Text(5),
          st.Int(6),  st.Text(7)};
}

// Steps `st` (selecting kUserColumns) to the end.
absl::StatusOr<std::vector<UserRow>> ReadUsers(Statement& st) {
  std::vector<UserRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st.Step());
    if (row == Row::kDone) break;
    out.push_back(ReadUser(st));
  }
  return out;
}

}  // namespace

absl::Status InsertOrganization(Connection& c, const OrganizationRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO organizations (id, kind, name, municipality, "
                "staff_count, created_at, region_id) "
                "VALUES (?, ?, ?, NULLIF(?, ''), ?, ?, NULLIF(?, ''))"));
  st->Bind(1, row.id).Bind(2, row.kind).Bind(3, row.name);
  st->Bind(4, row.municipality)
      .Bind(5, row.staff_count)
      .Bind(6, row.created_at)
      .Bind(7, row.region_id);
  return st->Run();
}

absl::StatusOr<std::string> RegionOf(Connection& c, const std::string& org_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "SELECT IFNULL(region_id, '') FROM organizations WHERE id = ?"));
  st->Bind(1, org_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::string();
  return st->Text(0);
}

absl::StatusOr<std::vector<std::string>> ListExpatCenterIds(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("SELECT id FROM organizations WHERE kind = ? "
                                "ORDER BY created_at, id"));
  st->Bind(1, 2);  // welkom.v1.ORGANIZATION_KIND_EXPAT_CENTER
  return st->FirstColumnTexts();
}

absl::StatusOr<OrganizationRow> GetOrganization(Connection& c,
                                                const std::string& id) {
  static const std::string sql =
      std::string("SELECT ") + kOrgColumns + " FROM organizations WHERE id = ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("organization not found");
  return ReadOrganization(*st);
}

absl::StatusOr<std::vector<OrganizationRow>> ListOrganizations(
    Connection& c, const std::string& after_id, int limit,
    const std::string& only_id, const std::string& only_region_id) {
  static const std::string sql =
      std::string("SELECT ") + kOrgColumns +
      " FROM organizations WHERE id > ?1 AND (?2 = '' OR id = ?2) "
      "AND (?4 = '' OR region_id = ?4) ORDER BY id LIMIT ?3";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, after_id).Bind(2, only_id).Bind(3, limit);
  st->Bind(4, only_region_id);
  std::vector<OrganizationRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadOrganization(*st));
  }
  return out;
}

absl::StatusOr<bool> MunicipalityExists(Connection& c, const std::string& key) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("SELECT 1 FROM municipalities WHERE key = ?"));
  st->Bind(1, key);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  return row == Row::kRow;
}

absl::Status InsertUser(Connection& c, const UserRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO users (id, org_id, role, email, display_name, "
                "password_hash, created_at, locale) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, row.id).Bind(2, row.org_id).Bind(3, row.role).Bind(4, row.email);
  st->Bind(5, row.display_name).Bind(6, row.password_hash);
  st->Bind(7, row.created_at).Bind(8, row.locale);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(
        "email: an account with this address exists");
  }
  return status;
}

absl::StatusOr<UserRow> GetUser(Connection& c, const std::string& id) {
  static const std::string sql =
      std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("member not found");
  return ReadUser(*st);
}

absl::StatusOr<std::vector<UserRow>> ListUsersWithRole(
    Connection& c, int role, const std::string& after_id, int limit) {
  static const std::string sql =
      std::string("SELECT ") + kUserColumns +
      " FROM users WHERE role = ? AND id > ? ORDER BY id LIMIT ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, role).Bind(2, after_id).Bind(3, limit);
  return ReadUsers(*st);
}

absl::StatusOr<UserRow> FindUserByEmail(Connection& c,
                                        const std::string& email) {
  static const std::string sql =
      std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, email);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("member not found");
  return ReadUser(*st);
}

absl::StatusOr<std::vector<UserRow>> ListUsers(Connection& c,
                                               const std::string& org_id,
                                               const std::string& after_id,
                                               int limit,
                                               const SearchWords& words) {
  static const std::string sql =
      std::string("SELECT ") + kUserColumns +
      " FROM users WHERE org_id = ?1 AND id > ?2 AND "
      "deactivated_at IS NULL AND erased_at IS NULL AND " +
      MatchesAllWords("display_name || ' ' || email", 4) +
      " ORDER BY id LIMIT ?3";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, org_id).Bind(2, after_id).Bind(3, limit);
  BindWords(st, 4, words);
  return ReadUsers(*st);
}

absl::Status UpdatePasswordHash(Connection& c, const std::string& user_id,
                                const std::string& hash) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  st->Bind(1, hash).Bind(2, user_id);
  return st->Run();
}

absl::StatusOr<int64_t> CountUsers(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st,
                          c.Prepare("SELECT COUNT(*) FROM users"));
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  (void)row;
  return st->Int(0);
}

absl::Status InsertSession(Connection& c, const std::string& token_hash,
                           const std::string& user_id, int64_t created_at,
                           int64_t expires_at) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO sessions (token_hash, user_id, created_at, "
                "expires_at) VALUES (?, ?, ?, ?)"));
  st->BindBlob(1, token_hash).Bind(2, user_id).Bind(3, created_at);
  st->Bind(4, expires_at);
  return st->Run();
}

absl::StatusOr<SessionRow> FindSession(Connection& c,
                                       const std::string& token_hash) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT user_id, expires_at, revoked_at FROM sessions "
                "WHERE token_hash = ?"));
  st->BindBlob(1, token_hash);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("session not found");
  return SessionRow{st->Text(0), st->Int(1), st->OptionalInt(2)};
}

absl::StatusOr<std::vector<SessionRow>> ListSessionsOf(
    Connection& c, const std::string& user_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT expires_at, revoked_at, created_at FROM sessions "
                "WHERE user_id = ? ORDER BY created_at"));
  st->Bind(1, user_id);
  std::vector<SessionRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back({user_id, st->Int(0), st->OptionalInt(1), st->Int(2)});
  }
  return out;
}

absl::Status RevokeSession(Connection& c, const std::string& token_hash,
                           int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? "
                "AND revoked_at IS NULL"));
  st->Bind(1, now).BindBlob(2, token_hash);
  return st->Run();
}

absl::Status RevokeOtherSessions(Connection& c, const std::string& user_id,
                                 const std::string& keep_hash, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE sessions SET revoked_at = ? WHERE user_id = ? "
                "AND token_hash != ? AND revoked_at IS NULL"));
  st->Bind(1, now).Bind(2, user_id).BindBlob(3, keep_hash);
  return st->Run();
}

absl::Status InsertInvitation(Connection& c, const InvitationRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO invitations (id, code_hash, org_id, role, email, "
                "display_name, created_by, created_at, expires_at, payload, "
                "locale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, row.id).BindBlob(2, row.code_hash).Bind(3, row.org_id);
  st->Bind(4, row.role).Bind(5, row.email).Bind(6, row.display_name);
  st->Bind(7, row.created_by).Bind(8, row.created_at).Bind(9, row.expires_at);
  st->BindBlob(10, row.payload).Bind(11, row.locale);
  return st->Run();
}

namespace {

constexpr char kInvitationColumns[] =
    "id, code_hash, org_id, role, email, display_name, created_by, "
    "created_at, expires_at, accepted_at, IFNULL(payload, X''), revoked_at, "
    "locale";

InvitationRow ReadInvitation(Statement& st) {
  return InvitationRow{
      st.Text(0), st.Text(1),        st.Text(2),  static_cast<int>(st.Int(3)),
      st.Text(4), st.Text(5),        st.Text(6),  st.Int(7),
      st.Int(8),  st.OptionalInt(9), st.Text(10), st.OptionalInt(11),
      st.Text(12)};
}

absl::StatusOr<InvitationRow> OneInvitation(Connection& c,
                                            const std::string& sql,
                                            const std::string& key) {
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->BindBlob(1, key);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("invitation not found");
  return ReadInvitation(*st);
}

}  // namespace

absl::StatusOr<InvitationRow> FindInvitationByCodeHash(
    Connection& c, const std::string& code_hash) {
  static const std::string sql = std::string("SELECT ") + kInvitationColumns +
                                 " FROM invitations WHERE code_hash = ?";
  return OneInvitation(c, sql, code_hash);
}

absl::StatusOr<InvitationRow> GetInvitation(Connection& c,
                                            const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kInvitationColumns +
                                 " FROM invitations WHERE id = ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return absl::NotFoundError("invitation not found");
  return ReadInvitation(*st);
}

absl::StatusOr<std::vector<InvitationRow>> ListOpenInvitations(
    Connection& c, const std::string& org_id, const std::string& after_id,
    int limit) {
  static const std::string sql =
      std::string("SELECT ") + kInvitationColumns +
      " FROM invitations WHERE org_id = ? AND id > ? AND accepted_at IS NULL "
      "AND revoked_at IS NULL ORDER BY id LIMIT ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, org_id).Bind(2, after_id).Bind(3, limit);
  std::vector<InvitationRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadInvitation(*st));
  }
  return out;
}

absl::StatusOr<std::optional<InvitationRow>> FindOpenInvitationByEmail(
    Connection& c, const std::string& org_id, const std::string& email,
    int64_t now) {
  static const std::string sql =
      std::string("SELECT ") + kInvitationColumns +
      " FROM invitations WHERE org_id = ? AND email = ? AND accepted_at IS "
      "NULL AND revoked_at IS NULL AND expires_at > ? "
      "ORDER BY created_at DESC LIMIT 1";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, org_id).Bind(2, email).Bind(3, now);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<InvitationRow>();
  return std::optional<InvitationRow>(ReadInvitation(*st));
}

absl::Status ReplaceInvitationCode(Connection& c, const std::string& id,
                                   const std::string& code_hash,
                                   int64_t expires_at) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE invitations SET code_hash = ?, expires_at = ? "
                "WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL"));
  st->BindBlob(1, code_hash).Bind(2, expires_at).Bind(3, id);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() != 1) {
    return absl::FailedPreconditionError(
        "invitation was already used or revoked");
  }
  return absl::OkStatus();
}

absl::Status RevokeInvitation(Connection& c, const std::string& id,
                              int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE invitations SET revoked_at = ? "
                "WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL"));
  st->Bind(1, now).Bind(2, id);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() != 1) {
    return absl::FailedPreconditionError(
        "invitation was already used or revoked");
  }
  return absl::OkStatus();
}

absl::Status MarkInvitationAccepted(Connection& c, const std::string& id,
                                    const std::string& user_id, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("UPDATE invitations SET accepted_at = ?, accepted_user_id = ? "
                "WHERE id = ? AND accepted_at IS NULL"));
  st->Bind(1, now).Bind(2, user_id).Bind(3, id);
  WELKOM_RETURN_IF_ERROR(st->Run());
  if (c.Changes() != 1) {
    return absl::FailedPreconditionError("invitation was already used");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> FindIdempotentResponse(
    Connection& c, const std::string& principal_id, const std::string& method,
    const std::string& request_id) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT response FROM idempotency WHERE principal_id = ? AND "
                "method = ? AND request_id = ?"));
  st->Bind(1, principal_id).Bind(2, method).Bind(3, request_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

absl::Status StoreIdempotentResponse(Connection& c,
                                     const std::string& principal_id,
                                     const std::string& method,
                                     const std::string& request_id,
                                     const std::string& response, int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO idempotency (principal_id, method, request_id, "
                "response, created_at) VALUES (?, ?, ?, ?, ?)"));
  st->Bind(1, principal_id).Bind(2, method).Bind(3, request_id);
  st->BindBlob(4, response).Bind(5, now);
  return st->Run();
}

absl::StatusOr<int> DeleteIdempotentResponsesBefore(Connection& c,
                                                    int64_t before, int limit) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare(
          "DELETE FROM idempotency WHERE (principal_id, method, "
          "request_id) IN (SELECT principal_id, method, request_id FROM "
          "idempotency WHERE created_at < ? ORDER BY created_at LIMIT ?)"));
  st->Bind(1, before).Bind(2, limit);
  WELKOM_RETURN_IF_ERROR(st->Run());
  return c.Changes();
}

}  // namespace welkom::store
