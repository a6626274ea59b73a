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

constexpr bool kPublic = true;
constexpr bool kSignedIn = false;
constexpr RoleSet kEveryone = RoleSet::Everyone();

// welkom.v1.EventAudience numbers (event.proto), kept here so the policy
// does not depend on the events contract.
constexpr int kAudienceEveryone = 1;
constexpr int kAudienceCohort = 2;
constexpr int kAudienceEmployer = 3;

// The method table. Keep it sorted by service, then as in the .proto.
const std::vector<MethodRule>& Table() {
  static const auto* rules = new std::vector<MethodRule>{
      // IdentityService
      {"/welkom.v1.IdentityService/Login", kPublic, {}},
      {"/welkom.v1.IdentityService/Logout", kSignedIn, kEveryone},
      {"/welkom.v1.IdentityService/WhoAmI", kSignedIn, kEveryone},
      {"/welkom.v1.IdentityService/ChangePassword", kSignedIn, kEveryone},
      {"/welkom.v1.IdentityService/CreateOrganization",
       kSignedIn,
       {ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/ListOrganizations",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/CreateInvitation",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/AcceptInvitation", kPublic, {}},
      {"/welkom.v1.IdentityService/GetInvitation", kPublic, {}},
      {"/welkom.v1.IdentityService/ListInvitations",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/ResendInvitation",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/RevokeInvitation",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/CheckInvitee",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/ListMembers",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.IdentityService/Echo", kSignedIn, kEveryone},
      // NotificationService: each caller sees only its own inbox.
      {"/welkom.v1.NotificationService/ListNotifications", kSignedIn,
       kEveryone},
      {"/welkom.v1.NotificationService/MarkRead", kSignedIn, kEveryone},
      {"/welkom.v1.NotificationService/Watch", kSignedIn, kEveryone},
      // ... and console roles their organisation's deliveries
      // (CanSeeDeliveries).
      {"/welkom.v1.NotificationService/ListDeliveries",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN}},
      // JourneyService
      {"/welkom.v1.JourneyService/CreateJourney",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.JourneyService/GetJourney",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.JourneyService/UpdateStep",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.JourneyService/SetAnchorDate",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.JourneyService/ListJourneys",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.JourneyService/ListOverdue",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.JourneyService/GrantConsent", kSignedIn, {ROLE_NEWCOMER}},
      {"/welkom.v1.JourneyService/WithdrawConsent", kSignedIn, {ROLE_NEWCOMER}},
      {"/welkom.v1.JourneyService/ListAuditLog", kSignedIn, {ROLE_NEWCOMER}},
      {"/welkom.v1.JourneyService/SubmitCheckIn", kSignedIn, {ROLE_NEWCOMER}},
      // EventService
      {"/welkom.v1.EventService/CreateEvent",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.EventService/GetEvent",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY}},
      {"/welkom.v1.EventService/ListEvents",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY}},
      {"/welkom.v1.EventService/CancelEvent",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.EventService/CreateRsvp",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY}},
      {"/welkom.v1.EventService/CancelRsvp",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY}},
      {"/welkom.v1.EventService/ListRsvps", kSignedIn, {ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.EventService/RecordAttendance",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      // LanguageService
      {"/welkom.v1.LanguageService/CreateProvider", kSignedIn, {ROLE_ADVISOR}},
      {"/welkom.v1.LanguageService/ListProviders",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY}},
      {"/welkom.v1.LanguageService/CreateCourse", kSignedIn, {ROLE_ADVISOR}},
      {"/welkom.v1.LanguageService/ListCourses",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY}},
      {"/welkom.v1.LanguageService/GetCourse",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY}},
      {"/welkom.v1.LanguageService/Enroll", kSignedIn, {ROLE_NEWCOMER}},
      {"/welkom.v1.LanguageService/CancelEnrolment",
       kSignedIn,
       {ROLE_NEWCOMER}},
      {"/welkom.v1.LanguageService/ListEnrolments", kSignedIn, {ROLE_ADVISOR}},
      {"/welkom.v1.LanguageService/RecordSessionAttendance",
       kSignedIn,
       {ROLE_ADVISOR}},
      // CohortService
      {"/welkom.v1.CohortService/GetMyCohort", kSignedIn, {ROLE_NEWCOMER}},
      {"/welkom.v1.CohortService/SetCohortNameShown",
       kSignedIn,
       {ROLE_NEWCOMER}},
      // CalendarService
      {"/welkom.v1.CalendarService/RenewCalendarFeed",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY}},
      {"/welkom.v1.CalendarService/RevokeCalendarFeed",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY}},
      // BuddyService
      {"/welkom.v1.BuddyService/GetBuddyProfile", kSignedIn, {ROLE_BUDDY}},
      {"/welkom.v1.BuddyService/UpdateBuddyProfile", kSignedIn, {ROLE_BUDDY}},
      {"/welkom.v1.BuddyService/ListBuddies", kSignedIn, {ROLE_ADVISOR}},
      {"/welkom.v1.BuddyService/GetMyPreferences", kSignedIn, {ROLE_NEWCOMER}},
      {"/welkom.v1.BuddyService/SetMyPreferences", kSignedIn, {ROLE_NEWCOMER}},
      {"/welkom.v1.BuddyService/RunMatching", kSignedIn, {ROLE_ADVISOR}},
      {"/welkom.v1.BuddyService/ListMatches",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY, ROLE_ADVISOR}},
      {"/welkom.v1.BuddyService/AnswerProposal",
       kSignedIn,
       {ROLE_BUDDY, ROLE_ADVISOR}},
      {"/welkom.v1.BuddyService/RequestRematch",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY, ROLE_ADVISOR}},
      {"/welkom.v1.BuddyService/OverrideMatch", kSignedIn, {ROLE_ADVISOR}},
      // InsightsService: regional figures, never about one newcomer
      {"/welkom.v1.InsightsService/GetKpis",
       kSignedIn,
       {ROLE_ADVISOR, ROLE_ADMIN}},
      {"/welkom.v1.InsightsService/ExportKpisCsv",
       kSignedIn,
       {ROLE_ADVISOR, ROLE_ADMIN}},

      // TemplateService: HR its own employer's; advisors read any.
      {"/welkom.v1.TemplateService/GetTemplate",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      {"/welkom.v1.TemplateService/SaveTemplate", kSignedIn, {ROLE_HR}},
      {"/welkom.v1.TemplateService/ListTemplateVersions",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR}},
      // CatalogueService: everyone reads; advisors edit.
      {"/welkom.v1.CatalogueService/GetCatalogue", kSignedIn, kEveryone},
      {"/welkom.v1.CatalogueService/UpdateCatalogueStep",
       kSignedIn,
       {ROLE_ADVISOR}},
  };
  return *rules;
}

}  // namespace

const std::vector<MethodRule>& MethodRules() { return Table(); }

const MethodRule* FindMethodRule(absl::string_view method) {
  for (const MethodRule& rule : Table()) {
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

bool CanSeeOrganization(const Principal& p, absl::string_view org_id) {
  const std::string only = OrganizationListFilter(p);
  return only.empty() || only == org_id;
}

std::string OrganizationListFilter(const Principal& p) {
  if (p.role == ROLE_ADMIN || p.role == ROLE_ADVISOR) return "";
  return p.org_id;
}

bool CanCreateJourney(const Principal& p, absl::string_view employer_org_id) {
  if (p.role == ROLE_HR) return p.org_id == employer_org_id;
  return p.role == ROLE_ADVISOR;
}

bool CanSeeJourney(const Principal& p, const JourneyAccess& j) {
  switch (p.role) {
    case ROLE_NEWCOMER:
      return p.user_id == j.newcomer_id;
    case ROLE_HR:
      return p.org_id == j.employer_org_id;
    case ROLE_ADVISOR:
      return j.advisor_consent;
    default:
      return false;
  }
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
  return p.role == ROLE_ADVISOR && j.advisor_consent;
}

bool CanCreateEvent(const Principal& p, int audience,
                    absl::string_view audience_org_id) {
  if (p.role == ROLE_ADVISOR) return true;
  return p.role == ROLE_HR && audience == kAudienceEmployer &&
         audience_org_id == p.org_id;
}

bool CanManageEvent(const Principal& p, absl::string_view organizer_org_id) {
  return (p.role == ROLE_ADVISOR || p.role == ROLE_HR) &&
         p.org_id == organizer_org_id;
}

bool CanSeeEvent(const Principal& p, absl::string_view organizer_org_id,
                 int audience, absl::string_view audience_org_id,
                 absl::string_view audience_cohort,
                 absl::string_view viewer_cohort) {
  if (p.role == ROLE_ADVISOR || p.org_id == organizer_org_id) return true;
  switch (audience) {
    case kAudienceEveryone:
      return true;
    case kAudienceEmployer:
      return p.org_id == audience_org_id;
    case kAudienceCohort:
      return p.role == ROLE_NEWCOMER && !viewer_cohort.empty() &&
             viewer_cohort == audience_cohort;
    default:
      return false;
  }
}

bool CanManageCourse(const Principal& p, absl::string_view course_org_id) {
  return p.role == ROLE_ADVISOR && p.org_id == course_org_id;
}

bool CanSeeMatch(const Principal& p, const MatchAccess& m) {
  switch (p.role) {
    case ROLE_NEWCOMER:
      return p.user_id == m.newcomer_id;
    case ROLE_BUDDY:
      return p.user_id == m.buddy_id;
    case ROLE_ADVISOR:
      return true;
    default:
      return false;
  }
}

bool CanAnswerProposal(const Principal& p, const MatchAccess& m) {
  if (p.role == ROLE_ADVISOR) return true;
  return p.role == ROLE_BUDDY && p.user_id == m.buddy_id;
}

bool CanEndMatch(const Principal& p, const MatchAccess& m) {
  return CanSeeMatch(p, m);
}

bool CanSeeMatchIds(const Principal& p) { return p.role == ROLE_ADVISOR; }

bool CanSeeMatchNewcomer(const Principal& p, const MatchAccess& m) {
  if (p.role == ROLE_ADVISOR) return true;
  return p.role == ROLE_BUDDY && p.user_id == m.buddy_id && m.open;
}

bool CanSeeMatchBuddy(const Principal& p, const MatchAccess& m) {
  if (p.role == ROLE_ADVISOR) return true;
  if (p.role == ROLE_BUDDY) return p.user_id == m.buddy_id;
  return p.role == ROLE_NEWCOMER && p.user_id == m.newcomer_id && m.accepted;
}

bool CanSeeTemplate(const Principal& p, absl::string_view employer_org_id) {
  if (p.role == ROLE_HR) return p.org_id == employer_org_id;
  return p.role == ROLE_ADVISOR;
}

bool CanEditTemplate(const Principal& p, absl::string_view employer_org_id) {
  return p.role == ROLE_HR && p.org_id == employer_org_id;
}

bool CanEditCatalogue(const Principal& p) { return p.role == ROLE_ADVISOR; }

}  // namespace welkom::auth
