// File: identity_store.h
// Rows and queries for organisations, members, sessions, invitations and the
// idempotency memory. Every function runs on the connection it is given, so
// callers choose the transaction (Database::Read or Database::Write).
#ifndef WELKOM_SERVER_STORE_IDENTITY_STORE_H_
#define WELKOM_SERVER_STORE_IDENTITY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/search.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct OrganizationRow {
  std::string id;
  int kind = 0;  // welkom.v1.OrganizationKind
  std::string name;
  std::string municipality;  // may be empty
  int staff_count = 0;
  int64_t created_at = 0;
  // The Expat Center whose region this is (its own id for an Expat
  // Center); empty for the operator (migration 0005).
  std::string region_id;
};

struct UserRow {
  std::string id;
  std::string org_id;
  int role = 0;  // welkom.v1.Role
  std::string email;
  std::string display_name;
  std::string password_hash;
  int64_t created_at = 0;
  std::string locale = "en";  // "en" or "nl": the language of its mail
};

struct InvitationRow {
  std::string id;
  std::string code_hash;
  std::string org_id;
  int role = 0;
  std::string email;
  std::string display_name;
  std::string created_by;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> accepted_at;
  std::string payload;  // serialized extra, may be empty
  std::optional<int64_t> revoked_at;
  std::string locale = "en";  // carried over to the member it creates
};

struct SessionRow {
  std::string user_id;
  int64_t expires_at = 0;
  std::optional<int64_t> revoked_at;
  int64_t created_at = 0;
};

absl::Status InsertOrganization(Connection& c, const OrganizationRow& row);
// The region of organisation `org_id` (see OrganizationRow::region_id):
// empty for the operator or an organisation that does not exist.
absl::StatusOr<std::string> RegionOf(Connection& c, const std::string& org_id);
// The Expat Centers, oldest first.
absl::StatusOr<std::vector<std::string>> ListExpatCenterIds(Connection& c);
// NOT_FOUND if there is no such organisation.
absl::StatusOr<OrganizationRow> GetOrganization(Connection& c,
                                                const std::string& id);
// Organisations with id > after_id in id order, at most `limit`; only the
// one with id `only_id` unless that is empty, only those of region
// `only_region_id` unless that is empty.
absl::StatusOr<std::vector<OrganizationRow>> ListOrganizations(
    Connection& c, const std::string& after_id, int limit,
    const std::string& only_id = "", const std::string& only_region_id = "");
absl::StatusOr<bool> MunicipalityExists(Connection& c, const std::string& key);

// ALREADY_EXISTS if the e-mail address is taken (case-insensitive).
absl::Status InsertUser(Connection& c, const UserRow& row);
absl::StatusOr<UserRow> GetUser(Connection& c, const std::string& id);
absl::StatusOr<UserRow> FindUserByEmail(Connection& c,
                                        const std::string& email);
// Members of `org_id` (not deactivated or erased) with id > after_id, in id
// order; with `words`, only those whose name or e-mail address holds every
// word.
absl::StatusOr<std::vector<UserRow>> ListUsers(Connection& c,
                                               const std::string& org_id,
                                               const std::string& after_id,
                                               int limit,
                                               const SearchWords& words = {});
// Every organisation's members with `role`, by id, ids > after_id.
absl::StatusOr<std::vector<UserRow>> ListUsersWithRole(
    Connection& c, int role, const std::string& after_id, int limit);
absl::Status UpdatePasswordHash(Connection& c, const std::string& user_id,
                                const std::string& hash);
absl::StatusOr<int64_t> CountUsers(Connection& c);

absl::Status InsertSession(Connection& c, const std::string& token_hash,
                           const std::string& user_id, int64_t created_at,
                           int64_t expires_at);
// NOT_FOUND if no session has this token hash.
absl::StatusOr<SessionRow> FindSession(Connection& c,
                                       const std::string& token_hash);
// Every session of the user, live or not, oldest first.
absl::StatusOr<std::vector<SessionRow>> ListSessionsOf(
    Connection& c, const std::string& user_id);
absl::Status RevokeSession(Connection& c, const std::string& token_hash,
                           int64_t now);
// Revokes every live session of the user except `keep_hash`.
absl::Status RevokeOtherSessions(Connection& c, const std::string& user_id,
                                 const std::string& keep_hash, int64_t now);

absl::Status InsertInvitation(Connection& c, const InvitationRow& row);
absl::StatusOr<InvitationRow> FindInvitationByCodeHash(
    Connection& c, const std::string& code_hash);
// NOT_FOUND if there is no invitation with this id.
absl::StatusOr<InvitationRow> GetInvitation(Connection& c,
                                            const std::string& id);
// The organisation's invitations neither accepted nor revoked (expired ones
// included), id > after_id in id order, at most `limit`.
absl::StatusOr<std::vector<InvitationRow>> ListOpenInvitations(
    Connection& c, const std::string& org_id, const std::string& after_id,
    int limit);
// The newest invitation of the organisation for `email` (case-insensitive)
// that could still be accepted at `now`, if any.
absl::StatusOr<std::optional<InvitationRow>> FindOpenInvitationByEmail(
    Connection& c, const std::string& org_id, const std::string& email,
    int64_t now);
// Gives an open invitation a new code and expiry (the old code stops
// working). FAILED_PRECONDITION if it was accepted or revoked.
absl::Status ReplaceInvitationCode(Connection& c, const std::string& id,
                                   const std::string& code_hash,
                                   int64_t expires_at);
// FAILED_PRECONDITION if it was accepted or revoked already.
absl::Status RevokeInvitation(Connection& c, const std::string& id,
                              int64_t now);
// FAILED_PRECONDITION if the invitation was accepted meanwhile.
absl::Status MarkInvitationAccepted(Connection& c, const std::string& id,
                                    const std::string& user_id, int64_t now);

// The stored response of an earlier call with the same key, if any.
absl::StatusOr<std::optional<std::string>> FindIdempotentResponse(
    Connection& c, const std::string& principal_id, const std::string& method,
    const std::string& request_id);
absl::Status StoreIdempotentResponse(Connection& c,
                                     const std::string& principal_id,
                                     const std::string& method,
                                     const std::string& request_id,
                                     const std::string& response, int64_t now);
// Deletes at most `limit` remembered responses stored before `before`
// (oldest first); how many it deleted.
absl::StatusOr<int> DeleteIdempotentResponsesBefore(Connection& c,
                                                    int64_t before, int limit);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_IDENTITY_STORE_H_
