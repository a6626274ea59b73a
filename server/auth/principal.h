// File: principal.h
// Who is calling: the signed-in member behind a session token.
#ifndef WELKOM_SERVER_AUTH_PRINCIPAL_H_
#define WELKOM_SERVER_AUTH_PRINCIPAL_H_

#include <string>

#include "welkom/v1/common.pb.h"

namespace welkom::auth {

struct Principal {
  std::string user_id;
  std::string org_id;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  v1::OrganizationKind org_kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
  // SHA-256 of the session token, so Logout can revoke exactly this session.
  std::string session_hash;
  // The region of the member's organisation: the id of its Expat Center
  // (an advisor's or buddy's own organisation; a newcomer's or HR's
  // employer's region). Empty for the operator.
  std::string region_id;
};

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_PRINCIPAL_H_
