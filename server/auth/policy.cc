#include "server/auth/policy.h"

#include "absl/strings/str_cat.h"
#include "welkom/v1/catalogue.pb.h"

namespace welkom::auth {
namespace {

using v1::ROLE_ADMIN;
using v1::ROLE_ADVISOR;
using v1::ROLE_BUDDY;
using v1::ROLE_HR;
using v1::ROLE_NEWCOMER;

// welkom.v1.EventAudience numbers (event.proto), kept here so the policy
// does not depend on the events contract.
constexpr int kAudienceEveryone = 1;
constexpr int kAudienceCohort = 2;
constexpr int kAudienceEmployer = 3;

}  // namespace

const MethodRule* FindMethodRule(absl::string_view method) {
  for (const MethodRule& rule : MethodRules()) {
    if (rule.method == method) return &rule;
  }
  return nullptr;
}

absl::Status AuthorizeMethod(absl::string_view method,
                             const Principal* principal) {
  const MethodRule* rule = FindMethodRule(method);
  if (rule == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat("no access rule for ", method));
  }
  if (rule->is_public) return absl::OkStatus();
  if (principal == nullptr) {
    return absl::UnauthenticatedError(
        "sign in first: send 'authorization: Bearer <token>'");
  }
  if (!rule->roles.Contains(principal->role)) {
    return absl::PermissionDeniedError(
        absl::StrCat("your role may not call ", method));
  }
  return absl::OkStatus();
}

bool CanListMembers(const Principal& p, absl::string_view org_id) {
  if (p.role == ROLE_ADMIN) return true;
  return (p.role == ROLE_HR || p.role == ROLE_ADVISOR) && p.org_id == org_id;
}

bool CanInvite(const Principal& p, absl::string_view org_id,
               v1::OrganizationKind kind, v1::Role role) {
  switch (p.role) {
    case ROLE_HR:
      return p.org_id == org_id && kind == v1::ORGANIZATION_KIND_EMPLOYER &&
             role == ROLE_NEWCOMER;
    case ROLE_ADVISOR:
      return p.org_id == org_id && kind == v1::ORGANIZATION_KIND_EXPAT_CENTER &&
             (role == ROLE_BUDDY || role == ROLE_ADVISOR);
    case ROLE_ADMIN:
      return (role == ROLE_HR && kind == v1::ORGANIZATION_KIND_EMPLOYER) ||
             (role == ROLE_ADVISOR &&
              kind == v1::ORGANIZATION_KIND_EXPAT_CENTER) ||
             (role == ROLE_ADMIN && kind == v1::ORGANIZATION_KIND_OPERATOR);
    default:
      return false;
  }
}

bool CanManageInvitations(const Principal& p, absl::string_view org_id) {
  // Who is invited is as private as who is a member.
  return CanListMembers(p, org_id);
}

bool CanSeeDeliveries(const Principal& p, absl::string_view org_id) {
  // Who was mailed is as private as who is a member.
  return CanListMembers(p, org_id);
}

bool CanManageWebhooks(const Principal& p, absl::string_view org_id) {
  // Those who see the organisation's deliveries manage where they go.
  return CanSeeDeliveries(p, org_id);
}

bool CanDeactivateMembers(const Principal& p, absl::string_view org_id) {
  // Those who see the members are those who offboard them.
  return CanListMembers(p, org_id);
}

bool InRegion(const Principal& p, absl::string_view region_id) {
  return !p.region_id.empty() && p.region_id == region_id;
}

bool CanSeeOrganization(const Principal& p, absl::string_view org_id,
                        absl::string_view org_region_id) {
  const OrganizationFilter only = OrganizationListFilter(p);
  if (!only.only_org_id.empty()) return only.only_org_id == org_id;
  if (!only.only_region_id.empty()) {
    return only.only_region_id == org_region_id;
  }
  return true;
}

OrganizationFilter OrganizationListFilter(const Principal& p) {
  if (p.role == ROLE_ADMIN) return {};
  // An advisor without a region (never in a consistent database) sees its
  // own organisation only.
  if (p.role == ROLE_ADVISOR && !p.region_id.empty()) {
    return {"", p.region_id};
  }
  return {p.org_id, ""};
}

bool CanCreateJourney(const Principal& p, absl::string_view employer_org_id,
                      absl::string_view employer_region_id) {
  if (p.role == ROLE_HR) return p.org_id == employer_org_id;
  return p.role == ROLE_ADVISOR && InRegion(p, employer_region_id);
}

bool CanSeeJourney(const Principal& p, const JourneyAccess& j) {
  switch (p.role) {
    case ROLE_NEWCOMER:
      return p.user_id == j.newcomer_id;
    case ROLE_HR:
      return p.org_id == j.employer_org_id;
    case ROLE_ADVISOR:
      return j.advisor_consent && InRegion(p, j.region_id);
    default:
      return false;
  }
}

JourneyFilter JourneyListFilter(const Principal& p) {
  JourneyFilter f;
  if (p.role == ROLE_HR) f.employer_org_id = p.org_id;
  if (p.role == ROLE_ADVISOR) {
    f.consented_only = true;
    f.region_id = p.region_id;
  }
  if (p.role != ROLE_HR && p.role != ROLE_ADVISOR) {
    f.employer_org_id = "";  // matches no journey
  }
  return f;
}

bool CanChangeStep(const Principal& p, const JourneyAccess& j, int owner) {
  if (!CanSeeJourney(p, j)) return false;
  switch (p.role) {
    case ROLE_NEWCOMER:
      return owner == v1::STEP_OWNER_NEWCOMER;
    case ROLE_HR:
      return owner == v1::STEP_OWNER_HR;
    case ROLE_ADVISOR:
      return true;
    default:
      return false;
  }
}

bool CanEditJourney(const Principal& p, const JourneyAccess& j) {
  return CanSeeJourney(p, j);
}

bool CanManageJourneyPrivacy(const Principal& p, const JourneyAccess& j) {
  return p.role == ROLE_NEWCOMER && p.user_id == j.newcomer_id;
}

bool CanSeeCheckIns(const Principal& p, const JourneyAccess& j) {
  if (p.role == ROLE_NEWCOMER) return p.user_id == j.newcomer_id;
  return p.role == ROLE_ADVISOR && j.advisor_consent &&
         InRegion(p, j.region_id);
}

bool CanCreateEvent(const Principal& p, int audience,
                    absl::string_view audience_org_id,
                    absl::string_view audience_region_id) {
  if (p.role == ROLE_ADVISOR) {
    return audience != kAudienceEmployer || InRegion(p, audience_region_id);
  }
  return p.role == ROLE_HR && audience == kAudienceEmployer &&
         audience_org_id == p.org_id;
}

bool CanManageEvent(const Principal& p, absl::string_view organizer_org_id) {
  return (p.role == ROLE_ADVISOR || p.role == ROLE_HR) &&
         p.org_id == organizer_org_id;
}

bool CanSeeEvent(const Principal& p, const EventAccess& e,
                 absl::string_view viewer_cohort) {
  if (!InRegion(p, e.region_id)) return false;
  if (p.role == ROLE_ADVISOR) return true;
  // Organising staff see their own events whatever the audience; a buddy
  // shares the Expat Center's organisation but not its staff's view.
  if (p.role == ROLE_HR && p.org_id == e.organizer_org_id) return true;
  switch (e.audience) {
    case kAudienceEveryone:
      return true;
    case kAudienceEmployer:
      return (p.role == ROLE_NEWCOMER || p.role == ROLE_HR) &&
             p.org_id == e.audience_org_id;
    case kAudienceCohort:
      return p.role == ROLE_NEWCOMER && !viewer_cohort.empty() &&
             viewer_cohort == e.audience_cohort;
    default:
      return false;
  }
}

bool CanManageCourse(const Principal& p, absl::string_view course_org_id) {
  return p.role == ROLE_ADVISOR && p.org_id == course_org_id;
}

bool CanSeeBuddyPool(const Principal& p, absl::string_view buddy_region_id) {
  return p.role == ROLE_ADVISOR && InRegion(p, buddy_region_id);
}

std::string BuddyPoolOf(const Principal& p) { return p.region_id; }

bool CanProposeMatch(const Principal& p, absl::string_view newcomer_region_id,
                     absl::string_view buddy_region_id) {
  return p.role == ROLE_ADVISOR && InRegion(p, newcomer_region_id) &&
         InRegion(p, buddy_region_id);
}

bool CanSeeMatch(const Principal& p, const MatchAccess& m) {
  switch (p.role) {
    case ROLE_NEWCOMER:
      return p.user_id == m.newcomer_id;
    case ROLE_BUDDY:
      return p.user_id == m.buddy_id;
    case ROLE_ADVISOR:
      return InRegion(p, m.region_id);
    default:
      return false;
  }
}

bool CanAnswerProposal(const Principal& p, const MatchAccess& m) {
  if (p.role == ROLE_ADVISOR) return InRegion(p, m.region_id);
  return p.role == ROLE_BUDDY && p.user_id == m.buddy_id;
}

bool CanEndMatch(const Principal& p, const MatchAccess& m) {
  return CanSeeMatch(p, m);
}

bool CanSeeMatchIds(const Principal& p, const MatchAccess& m) {
  return p.role == ROLE_ADVISOR && InRegion(p, m.region_id);
}

bool CanSeeMatchNewcomer(const Principal& p, const MatchAccess& m) {
  if (p.role == ROLE_ADVISOR) return InRegion(p, m.region_id);
  return p.role == ROLE_BUDDY && p.user_id == m.buddy_id && m.open;
}

bool CanSeeMatchBuddy(const Principal& p, const MatchAccess& m) {
  if (p.role == ROLE_ADVISOR) return InRegion(p, m.region_id);
  if (p.role == ROLE_BUDDY) return p.user_id == m.buddy_id;
  return p.role == ROLE_NEWCOMER && p.user_id == m.newcomer_id && m.accepted;
}

bool CanSeeTemplate(const Principal& p, absl::string_view employer_org_id,
                    absl::string_view employer_region_id) {
  if (p.role == ROLE_HR) return p.org_id == employer_org_id;
  return p.role == ROLE_ADVISOR && InRegion(p, employer_region_id);
}

bool CanEditTemplate(const Principal& p, absl::string_view employer_org_id) {
  return p.role == ROLE_HR && p.org_id == employer_org_id;
}

std::optional<std::string> KpiRegionOf(const Principal& p) {
  if (p.role == ROLE_ADMIN) return std::nullopt;
  return p.region_id;
}

bool CanEditCatalogue(const Principal& p) { return p.role == ROLE_ADVISOR; }

}  // namespace welkom::auth
