// File: policy.h
// The access policy: the one place that decides who may call what and see
// whose data (DESIGN.md, "Users and what each may see").
//
// Two layers, both here:
//  1. The method table (method_table.cc, MethodRules): for every RPC, whether
//  it is
//     public or which roles may call it. A method missing from the table is
//     refused; a test checks that every method in the contract has a row.
//  2. Object rules (the Can* functions): given a principal and the owner of
//     an object, may the principal see or change it. Handlers call these and
//     answer NOT_FOUND on false, so another tenant's objects stay invisible.
//
// Tenants are employers and regions. Every organisation belongs to one
// region, named by the id of its Expat Center (Principal::region_id,
// OrganizationRow::region_id). An advisor reaches only its own region:
// employers, journeys, templates, buddies, matches and events of other
// regions do not exist for it. Buddies belong to their region's pool, not to
// the Expat Center's staff: they see events only through the audience
// rules, like newcomers. docs/SECURITY.md says the same in words.
#ifndef WELKOM_SERVER_AUTH_POLICY_H_
#define WELKOM_SERVER_AUTH_POLICY_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/auth/principal.h"

namespace welkom::auth {

class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<v1::Role> roles) {
    for (v1::Role r : roles) bits_ |= Bit(r);
  }
  static constexpr RoleSet Everyone() {
    return {v1::ROLE_NEWCOMER, v1::ROLE_HR, v1::ROLE_ADVISOR, v1::ROLE_BUDDY,
            v1::ROLE_ADMIN};
  }
  constexpr bool Contains(v1::Role r) const { return (bits_ & Bit(r)) != 0; }

 private:
  static constexpr uint32_t Bit(v1::Role r) {
    return uint32_t{1} << static_cast<int>(r);
  }
  uint32_t bits_ = 0;
};

struct MethodRule {
  absl::string_view method;  // "/welkom.v1.Service/Method"
  bool is_public;            // callable without a session
  RoleSet roles;             // who may call it when not public
  // Which objects each role reaches through it (employers and regions are
  // tenants), in words; the object rules below enforce it.
  absl::string_view reach;
};

// The rule for `method`, or nullptr if the table has none.
const MethodRule* FindMethodRule(absl::string_view method);
// Every rule, for tests and for documentation.
const std::vector<MethodRule>& MethodRules();

// OK if `principal` (nullptr when no session was given) may call `method`:
// UNAUTHENTICATED without a session for a non-public method, PERMISSION_DENIED
// for a role the table does not list or a method it does not know.
absl::Status AuthorizeMethod(absl::string_view method,
                             const Principal* principal);

// May `p` list the members of organisation `org_id`? HR and advisors: their
// own organisation; admin: any.
bool CanListMembers(const Principal& p, absl::string_view org_id);

// May `p` invite someone with `role` into organisation `org_id` of `kind`?
// HR: newcomers of its own employer. Advisors: buddies and advisors of its
// own Expat Center. Admin: HR into any employer, advisors into any Expat
// Center, admins into the operator.
bool CanInvite(const Principal& p, absl::string_view org_id,
               v1::OrganizationKind kind, v1::Role role);

// True when `region_id` is `p`'s own region (never for an empty one).
bool InRegion(const Principal& p, absl::string_view region_id);

// May `p` see organisation `org_id` of region `org_region_id`? Its own;
// advisors: those of their region; admin: all.
bool CanSeeOrganization(const Principal& p, absl::string_view org_id,
                        absl::string_view org_region_id);
// The same rule as CanSeeOrganization, as a filter a query can apply
// before it pages (filtering a page afterwards would leave pages empty):
// at most one of the two is set; neither means all.
struct OrganizationFilter {
  std::string only_org_id;
  std::string only_region_id;
};
OrganizationFilter OrganizationListFilter(const Principal& p);

// Whether p may list, resend, revoke and check invitations of `org_id`:
// HR and advisors only their own organisation's, admin any. (Narrower than
// CanSeeOrganization: an advisor must not learn who an employer invites.)
bool CanManageInvitations(const Principal& p, absl::string_view org_id);

// Whether p may see the deliveries (what was mailed, to whom, how it went)
// of `org_id`: HR and advisors their own organisation's, admin any.
bool CanSeeDeliveries(const Principal& p, absl::string_view org_id);

// Whether `p` may register, list, rotate, enable and delete webhook
// endpoints of organisation `org_id` and read their deliveries: HR and
// advisors their own organisation's, admins any.
bool CanManageWebhooks(const Principal& p, absl::string_view org_id);

// Whether p may deactivate members of `org_id` (OffboardingService): HR and
// advisors their own organisation's, admin any.
bool CanDeactivateMembers(const Principal& p, absl::string_view org_id);

// What the journey rules need to know about one journey.
struct JourneyAccess {
  absl::string_view newcomer_id;
  absl::string_view employer_org_id;
  bool advisor_consent = false;
  absl::string_view region_id;  // the employer's region
};

// May `p` create a journey for a newcomer of `employer_org_id` (in region
// `employer_region_id`)? HR of that employer; advisors of that region.
bool CanCreateJourney(const Principal& p, absl::string_view employer_org_id,
                      absl::string_view employer_region_id);

// May `p` read the journey? Its newcomer; HR of the employer; advisors of
// the employer's region only while the newcomer consents. Admins and
// buddies never (journey content is personal data). Handlers answer
// NOT_FOUND on false.
bool CanSeeJourney(const Principal& p, const JourneyAccess& j);

// Which journeys `p` may list, as a filter a query applies before it pages:
// HR its employer's; advisors the consented ones of their region.
struct JourneyFilter {
  std::optional<std::string> employer_org_id;
  bool consented_only = false;
  std::optional<std::string> region_id;
};
JourneyFilter JourneyListFilter(const Principal& p);

// May `p` change a step owned by `owner` (a welkom.v1.StepOwner number)?
// Requires CanSeeJourney. The newcomer: their own steps; HR: HR steps (never
// the newcomer's private steps); advisors with consent: any step.
bool CanChangeStep(const Principal& p, const JourneyAccess& j, int owner);

// May `p` change the journey's anchor dates? Its newcomer, HR of the
// employer, advisors with consent.
bool CanEditJourney(const Principal& p, const JourneyAccess& j);
// Social events and Dutch classes (EventService, LanguageService).
// `audience` is a welkom.v1.EventAudience number.

// May `p` create an event for `audience`? Advisors: any audience of their
// region (`audience_region_id`: the audience employer's region, for
// employer events). HR: only its own employer's audience
// (`audience_org_id` == its organisation).
bool CanCreateEvent(const Principal& p, int audience,
                    absl::string_view audience_org_id,
                    absl::string_view audience_region_id);

// May `p` manage (cancel, see RSVPs, record attendance) an event organised
// by `organizer_org_id`? Advisors and HR of the organising organisation.
bool CanManageEvent(const Principal& p, absl::string_view organizer_org_id);

// What the event rules need to know about one event.
struct EventAccess {
  absl::string_view organizer_org_id;
  absl::string_view region_id;  // the organiser's region
  int audience = 0;
  absl::string_view audience_org_id;
  absl::string_view audience_cohort;
};

// May `p` see an event? Never one of another region. Advisors of the region
// and HR of the organising employer: always. Everyone else, buddies
// included: events for everyone, employer events of their own employer (HR
// and newcomers), and cohort events of their own arrival month (newcomers;
// `viewer_cohort`, empty when unknown).
bool CanSeeEvent(const Principal& p, const EventAccess& e,
                 absl::string_view viewer_cohort);

// May `p` manage courses (and their enrolments and attendance) created by
// `course_org_id`? Advisors of that Expat Center.
bool CanManageCourse(const Principal& p, absl::string_view course_org_id);

// May `p` grant or withdraw the Expat Center's access to the journey and
// read its audit log? Only its newcomer: nobody decides that for them.
bool CanManageJourneyPrivacy(const Principal& p, const JourneyAccess& j);

// What the buddy rules need to know about one match.
struct MatchAccess {
  absl::string_view newcomer_id;
  absl::string_view buddy_id;
  bool open = false;  // proposed or accepted
  bool accepted = false;
  absl::string_view region_id;  // the buddy's region (its pool)
};

// May `p` see buddy profiles of region `buddy_region_id` (ListBuddies)?
// Advisors of that region.
bool CanSeeBuddyPool(const Principal& p, absl::string_view buddy_region_id);
// The region whose buddies and matches an advisor lists (its own).
std::string BuddyPoolOf(const Principal& p);
// May `p` propose buddy of region `buddy_region_id` to a newcomer of region
// `newcomer_region_id` by hand (OverrideMatch)? Advisors of both regions.
bool CanProposeMatch(const Principal& p, absl::string_view newcomer_region_id,
                     absl::string_view buddy_region_id);

// May `p` see the match? Its newcomer and its buddy; advisors of the region
// (the buddy pool is regional). Handlers answer NOT_FOUND on false.
bool CanSeeMatch(const Principal& p, const MatchAccess& m);
// May `p` accept or decline the proposal? Its buddy, and advisors of the
// region on the buddy's behalf (the buddy agreed by phone or in person; the
// console's "confirm for buddy").
bool CanAnswerProposal(const Principal& p, const MatchAccess& m);
// May `p` end the match and ask for a rematch? Either side; advisors.
bool CanEndMatch(const Principal& p, const MatchAccess& m);
// Member ids of both sides: advisors of the region only; the sides see
// each other only through the limited profile (first name, languages,
// municipality).
bool CanSeeMatchIds(const Principal& p, const MatchAccess& m);
// The newcomer's limited profile: advisors; the buddy while the match is
// open (to decide on a proposal).
bool CanSeeMatchNewcomer(const Principal& p, const MatchAccess& m);
// The buddy's limited profile: advisors; the buddy; the newcomer only once
// the buddy accepted.
bool CanSeeMatchBuddy(const Principal& p, const MatchAccess& m);

// May `p` see the journey's check-ins and whether they flagged it? Its
// newcomer and, with consent, advisors; not HR (how the newcomer feels is
// not the employer's business unless the newcomer tells them).
bool CanSeeCheckIns(const Principal& p, const JourneyAccess& j);

// May `p` read the template of employer `employer_org_id` (of region
// `employer_region_id`)? HR of that employer; advisors of that region.
// Handlers answer NOT_FOUND on false.
bool CanSeeTemplate(const Principal& p, absl::string_view employer_org_id,
                    absl::string_view employer_region_id);

// May `p` save a new version of that employer's template? HR of that
// employer only.
bool CanEditTemplate(const Principal& p, absl::string_view employer_org_id);

// Whose journeys the KPIs of `p` count: an advisor's own region; all
// (nullopt) for the operator's admin.
std::optional<std::string> KpiRegionOf(const Principal& p);

// May `p` edit the regional step catalogue? Advisors.
bool CanEditCatalogue(const Principal& p);

}  // namespace welkom::auth

#endif  // WELKOM_SERVER_AUTH_POLICY_H_
