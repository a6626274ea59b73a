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

// The method table. Keep it sorted by service, then as in the .proto. The
// last column says, per RPC, which objects each role reaches; the object
// rules below enforce it, with the caller's region where one is named.
const std::vector<MethodRule>& Table() {
  static const auto* rules = new std::vector<MethodRule>{
      // IdentityService
      {"/welkom.v1.IdentityService/Login",
       kPublic,
       {},
       "anyone: a session for the member whose password it is"},
      {"/welkom.v1.IdentityService/Logout", kSignedIn, kEveryone,
       "the caller's own session"},
      {"/welkom.v1.IdentityService/WhoAmI", kSignedIn, kEveryone,
       "the caller's own member and organisation"},
      {"/welkom.v1.IdentityService/ChangePassword", kSignedIn, kEveryone,
       "the caller's own password; ends the caller's other sessions"},
      {"/welkom.v1.IdentityService/CreateOrganization",
       kSignedIn,
       {ROLE_ADMIN},
       "admin: a new employer (in a named region), Expat Center (a new region) "
       "or operator"},
      {"/welkom.v1.IdentityService/ListOrganizations",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr: its own employer; advisor: the organisations of its own region; "
       "admin: all"},
      {"/welkom.v1.IdentityService/CreateInvitation",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr: newcomers into its own employer; advisor: buddies and advisors "
       "into its own Expat Center; admin: HR, advisors, admins; another "
       "region's organisation is NOT_FOUND"},
      {"/welkom.v1.IdentityService/AcceptInvitation",
       kPublic,
       {},
       "anyone holding a live code: that invitation"},
      {"/welkom.v1.IdentityService/GetInvitation",
       kPublic,
       {},
       "anyone holding a live code: who invites whom into which organisation"},
      {"/welkom.v1.IdentityService/ListInvitations",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr and advisor: their own organisation's; admin: any"},
      {"/welkom.v1.IdentityService/ResendInvitation",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr and advisor: their own organisation's invitations; admin: any"},
      {"/welkom.v1.IdentityService/RevokeInvitation",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr and advisor: their own organisation's invitations; admin: any"},
      {"/welkom.v1.IdentityService/CheckInvitee",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr and advisor: members and invitations of their own organisation "
       "only; admin: any"},
      {"/welkom.v1.IdentityService/ListMembers",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr and advisor: their own organisation; admin: any"},
      {"/welkom.v1.IdentityService/Echo", kSignedIn, kEveryone,
       "nothing: a transport check"},
      // NotificationService: each caller sees only its own inbox.
      {"/welkom.v1.NotificationService/ListNotifications", kSignedIn, kEveryone,
       "the caller's own inbox"},
      {"/welkom.v1.NotificationService/MarkRead", kSignedIn, kEveryone,
       "the caller's own inbox"},
      {"/welkom.v1.NotificationService/Watch", kSignedIn, kEveryone,
       "the caller's own inbox, for as long as the session lives"},
      {"/welkom.v1.NotificationService/GetNotificationPreferences", kSignedIn,
       kEveryone, "the caller's own preferences"},
      {"/welkom.v1.NotificationService/SetNotificationPreferences", kSignedIn,
       kEveryone, "the caller's own preferences"},
      // ... and console roles their organisation's deliveries
      // (CanSeeDeliveries).
      {"/welkom.v1.NotificationService/ListDeliveries",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "hr and advisor: their own organisation's deliveries; admin: any"},
      // JourneyService
      {"/welkom.v1.JourneyService/CreateJourney",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr: newcomers of its own employer; advisor: newcomers of employers of "
       "its own region"},
      {"/welkom.v1.JourneyService/GetJourney",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR},
       "newcomer: its own; hr: its employer's; advisor: consented journeys of "
       "its own region"},
      {"/welkom.v1.JourneyService/UpdateStep",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR},
       "newcomer: its own steps; hr: HR steps of its employer's journeys; "
       "advisor: consented journeys of its own region"},
      {"/welkom.v1.JourneyService/SetAnchorDate",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR},
       "newcomer: its own journey; hr: its employer's; advisor: consented "
       "journeys of its own region"},
      {"/welkom.v1.JourneyService/ListJourneys",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr: its employer's journeys; advisor: consented journeys of its own "
       "region"},
      {"/welkom.v1.JourneyService/ListOverdue",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr: its employer's journeys; advisor: consented journeys of its own "
       "region"},
      {"/welkom.v1.JourneyService/GrantConsent",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own journey"},
      {"/welkom.v1.JourneyService/WithdrawConsent",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own journey"},
      {"/welkom.v1.JourneyService/ListAuditLog",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own journey's log"},
      {"/welkom.v1.JourneyService/SubmitCheckIn",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own journey"},
      // EventService
      {"/welkom.v1.EventService/CreateEvent",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "advisor: any audience of its own region; hr: its own employer's "
       "audience"},
      {"/welkom.v1.EventService/GetEvent",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY},
       "events of the caller's region whose audience includes the caller "
       "(advisors of the region and the organising HR: all of theirs)"},
      {"/welkom.v1.EventService/ListEvents",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY},
       "events of the caller's region whose audience includes the caller "
       "(advisors of the region and the organising HR: all of theirs)"},
      {"/welkom.v1.EventService/CancelEvent",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr and advisor: events their own organisation organises"},
      {"/welkom.v1.EventService/CreateRsvp",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY},
       "newcomer and buddy: events of their region whose audience includes "
       "them"},
      {"/welkom.v1.EventService/CancelRsvp",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY},
       "newcomer and buddy: their own RSVP to an event they may see"},
      {"/welkom.v1.EventService/ListRsvps",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr and advisor: events their own organisation organises"},
      {"/welkom.v1.EventService/RecordAttendance",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr and advisor: events their own organisation organises"},
      // LanguageService
      {"/welkom.v1.LanguageService/CreateProvider",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: a provider of its own Expat Center"},
      {"/welkom.v1.LanguageService/ListProviders",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY},
       "every signed-in member: the providers"},
      {"/welkom.v1.LanguageService/CreateCourse",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: a course of its own Expat Center"},
      {"/welkom.v1.LanguageService/ListCourses",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY},
       "every signed-in member: the courses (no personal data)"},
      {"/welkom.v1.LanguageService/GetCourse",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY},
       "every signed-in member: a course (no personal data)"},
      {"/welkom.v1.LanguageService/Enroll",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own enrolment"},
      {"/welkom.v1.LanguageService/CancelEnrolment",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own enrolment"},
      {"/welkom.v1.LanguageService/ListEnrolments",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: courses of its own Expat Center"},
      {"/welkom.v1.LanguageService/RecordSessionAttendance",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: courses of its own Expat Center"},
      // CohortService
      {"/welkom.v1.CohortService/GetMyCohort",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own cohort"},
      {"/welkom.v1.CohortService/SetCohortNameShown",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: whether its own name is shown"},
      // PrivacyService
      {"/welkom.v1.PrivacyService/ExportMyData",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY, ROLE_ADMIN},
       "the caller's own data"},
      {"/welkom.v1.PrivacyService/RequestErasure",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY},
       "newcomer or buddy: its own erasure (staff leave by offboarding)"},
      {"/welkom.v1.PrivacyService/CancelErasure",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY},
       "newcomer or buddy: its own erasure"},
      {"/welkom.v1.PrivacyService/GetErasureStatus",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY},
       "newcomer or buddy: its own erasure"},
      // OffboardingService
      {"/welkom.v1.OffboardingService/DeactivateMember",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR, ROLE_ADMIN},
       "HR and advisors: members of their own organisation; admin: any"},
      {"/welkom.v1.OffboardingService/DeactivateOrganization",
       kSignedIn,
       {ROLE_ADMIN},
       "admin: an employer's HR access"},
      // ImportService
      {"/welkom.v1.ImportService/PreviewNewHires",
       kSignedIn,
       {ROLE_HR},
       "hr: its own employer (who may be invited, as CreateInvitation)"},
      {"/welkom.v1.ImportService/ImportNewHires",
       kSignedIn,
       {ROLE_HR},
       "hr: newcomers into its own employer, as CreateInvitation"},
      // CalendarService
      {"/welkom.v1.CalendarService/RenewCalendarFeed",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY},
       "the caller's own calendar feed"},
      {"/welkom.v1.CalendarService/RevokeCalendarFeed",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_HR, ROLE_ADVISOR, ROLE_BUDDY},
       "the caller's own calendar feed"},
      // BuddyService
      {"/welkom.v1.BuddyService/GetBuddyProfile",
       kSignedIn,
       {ROLE_BUDDY},
       "buddy: its own profile"},
      {"/welkom.v1.BuddyService/UpdateBuddyProfile",
       kSignedIn,
       {ROLE_BUDDY},
       "buddy: its own profile"},
      {"/welkom.v1.BuddyService/ListBuddies",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: the buddy pool of its own region"},
      {"/welkom.v1.BuddyService/GetMyPreferences",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own preferences"},
      {"/welkom.v1.BuddyService/SetMyPreferences",
       kSignedIn,
       {ROLE_NEWCOMER},
       "newcomer: its own preferences"},
      {"/welkom.v1.BuddyService/RunMatching",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: the unmatched newcomers and free buddies of its own region"},
      {"/welkom.v1.BuddyService/ListMatches",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY, ROLE_ADVISOR},
       "newcomer and buddy: their own matches; advisor: matches of its own "
       "region's pool"},
      {"/welkom.v1.BuddyService/AnswerProposal",
       kSignedIn,
       {ROLE_BUDDY, ROLE_ADVISOR},
       "buddy: its own proposals; advisor: proposals of its own region"},
      {"/welkom.v1.BuddyService/RequestRematch",
       kSignedIn,
       {ROLE_NEWCOMER, ROLE_BUDDY, ROLE_ADVISOR},
       "newcomer and buddy: their own match; advisor: matches of its own "
       "region"},
      {"/welkom.v1.BuddyService/OverrideMatch",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: a newcomer and a buddy both of its own region"},
      // InsightsService: regional figures, never about one newcomer
      {"/welkom.v1.InsightsService/GetKpis",
       kSignedIn,
       {ROLE_ADVISOR, ROLE_ADMIN},
       "advisor: anonymous aggregates of its own region; admin: of the "
       "installation (cells under 5 suppressed)"},
      {"/welkom.v1.InsightsService/ExportKpisCsv",
       kSignedIn,
       {ROLE_ADVISOR, ROLE_ADMIN},
       "advisor: anonymous aggregates of its own region; admin: of the "
       "installation (cells under 5 suppressed)"},

      // TemplateService: HR its own employer's; advisors read any.
      {"/welkom.v1.TemplateService/GetTemplate",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr: its own employer's; advisor: employers of its own region"},
      {"/welkom.v1.TemplateService/SaveTemplate",
       kSignedIn,
       {ROLE_HR},
       "hr: its own employer's"},
      {"/welkom.v1.TemplateService/ListTemplateVersions",
       kSignedIn,
       {ROLE_HR, ROLE_ADVISOR},
       "hr: its own employer's; advisor: employers of its own region"},
      // CatalogueService: everyone reads; advisors edit.
      {"/welkom.v1.CatalogueService/GetCatalogue", kSignedIn, kEveryone,
       "every signed-in member: the regional catalogue"},
      {"/welkom.v1.CatalogueService/UpdateCatalogueStep",
       kSignedIn,
       {ROLE_ADVISOR},
       "advisor: the regional catalogue"},
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
