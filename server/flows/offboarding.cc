#include "server/flows/offboarding.h"

#include <vector>

#include "server/auth/policy.h"
#include "server/base/status_macros.h"
#include "server/flows/buddy_flow.h"
#include "server/store/buddy_store.h"
#include "server/store/identity_store.h"
#include "server/store/offboarding_store.h"
#include "welkom/v1/common.pb.h"

namespace welkom::flows {
namespace {

absl::Status NoSuchMember() {
  return absl::NotFoundError("member_id: no such member");
}

// Ends the buddy's proposed and accepted matches; each newcomer is told
// ("buddy_ended") and is in the next matching run.
absl::StatusOr<int> EndBuddysMatches(store::Connection& c,
                                     const std::string& buddy_id, int64_t now) {
  int ended = 0;
  for (int state : {store::kMatchProposed, store::kMatchAccepted}) {
    store::MatchFilter filter;
    filter.buddy_id = buddy_id;
    filter.state = state;
    WELKOM_ASSIGN_OR_RETURN(std::vector<store::MatchRow> open,
                            store::ListMatches(c, filter, "", 1000));
    for (const store::MatchRow& m : open) {
      WELKOM_RETURN_IF_ERROR(EndMatch(c, m, now, buddy_id).status());
      ++ended;
    }
  }
  return ended;
}

}  // namespace

absl::StatusOr<Deactivation> DeactivateMember(store::Connection& c,
                                              const auth::Principal& by,
                                              const std::string& member_id,
                                              int64_t now) {
  if (member_id.empty()) {
    return absl::InvalidArgumentError("member_id: is required");
  }
  absl::StatusOr<store::UserRow> member = store::GetUser(c, member_id);
  if (absl::IsNotFound(member.status())) return NoSuchMember();
  WELKOM_RETURN_IF_ERROR(member.status());
  if (!auth::CanDeactivateMembers(by, member->org_id)) return NoSuchMember();
  if (member->id == by.user_id) {
    return absl::FailedPreconditionError(
        "you cannot deactivate yourself; ask another colleague or the admin");
  }
  if (member->role == v1::ROLE_ADMIN) {
    WELKOM_ASSIGN_OR_RETURN(int64_t admins, store::CountActiveAdmins(c));
    if (admins <= 1) {
      return absl::FailedPreconditionError(
          "this is the last admin; make another admin first");
    }
  }
  Deactivation out;
  WELKOM_ASSIGN_OR_RETURN(
      bool changed, store::DeactivateUser(c, member->id, by.user_id, now));
  if (changed && member->role == v1::ROLE_BUDDY) {
    WELKOM_ASSIGN_OR_RETURN(out.matches_ended,
                            EndBuddysMatches(c, member->id, now));
  }
  return out;
}

absl::StatusOr<int> DeactivateEmployer(store::Connection& c,
                                       const auth::Principal& by,
                                       const std::string& org_id, int64_t now) {
  absl::StatusOr<store::OrganizationRow> org =
      store::GetOrganization(c, org_id);
  if (absl::IsNotFound(org.status()) ||
      (org.ok() && org->kind != v1::ORGANIZATION_KIND_EMPLOYER)) {
    return absl::NotFoundError("organization_id: no such employer");
  }
  WELKOM_RETURN_IF_ERROR(org.status());
  WELKOM_ASSIGN_OR_RETURN(std::vector<std::string> hr,
                          store::ListActiveMemberIds(c, org_id, v1::ROLE_HR));
  for (const std::string& id : hr) {
    WELKOM_RETURN_IF_ERROR(
        store::DeactivateUser(c, id, by.user_id, now).status());
  }
  return static_cast<int>(hr.size());
}

}  // namespace welkom::flows
