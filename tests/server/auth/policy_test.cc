#include "server/auth/policy.h"

#include <gtest/gtest.h>

#include "tests/support/raw_call.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::auth {
namespace {

std::vector<std::string> AllContractMethods() {
  return testing::AllContractMethods(WELKOM_PROTO_DIR);
}

TEST(PolicyTest, EveryContractMethodHasARule) {
  std::vector<std::string> methods = AllContractMethods();
  ASSERT_FALSE(methods.empty());
  for (const std::string& m : methods) {
    EXPECT_NE(FindMethodRule(m), nullptr) << m << " has no access rule";
  }
}

TEST(PolicyTest, EveryRuleNamesAContractMethod) {
  std::vector<std::string> methods = AllContractMethods();
  for (const MethodRule& rule : MethodRules()) {
    EXPECT_NE(std::find(methods.begin(), methods.end(), rule.method),
              methods.end())
        << rule.method << " is not in the contract";
  }
}

TEST(PolicyTest, EveryRuleSaysWhichObjectsEachRoleReaches) {
  for (const MethodRule& rule : MethodRules()) {
    EXPECT_FALSE(rule.reach.empty()) << rule.method;
  }
}

// GetInvitation is what the invitation link's page shows before anyone
// is signed in; it is throttled like AcceptInvitation.
TEST(PolicyTest, OnlyLoginAndTheInvitationLinkArePublic) {
  for (const MethodRule& rule : MethodRules()) {
    bool expected_public =
        rule.method == "/welkom.v1.IdentityService/Login" ||
        rule.method == "/welkom.v1.IdentityService/AcceptInvitation" ||
        rule.method == "/welkom.v1.IdentityService/GetInvitation";
    EXPECT_EQ(rule.is_public, expected_public) << rule.method;
  }
}

TEST(PolicyTest, UnknownMethodIsDenied) {
  Principal admin{"u", "o", v1::ROLE_ADMIN, {}, "", ""};
  EXPECT_EQ(AuthorizeMethod("/welkom.v1.Nope/Nope", &admin).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PolicyTest, MissingSessionIsUnauthenticated) {
  EXPECT_EQ(
      AuthorizeMethod("/welkom.v1.IdentityService/WhoAmI", nullptr).code(),
      absl::StatusCode::kUnauthenticated);
}

TEST(PolicyTest, RoleOutsideTheRowIsDenied) {
  Principal newcomer{"u", "o", v1::ROLE_NEWCOMER, {}, "", ""};
  EXPECT_EQ(AuthorizeMethod("/welkom.v1.IdentityService/CreateOrganization",
                            &newcomer)
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PolicyTest, WhoMayInviteWhom) {
  Principal hr{"u", "emp1", v1::ROLE_HR, {}, "", ""};
  EXPECT_TRUE(
      CanInvite(hr, "emp1", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_NEWCOMER));
  EXPECT_FALSE(
      CanInvite(hr, "emp2", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_NEWCOMER));
  EXPECT_FALSE(
      CanInvite(hr, "emp1", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_HR));
  Principal advisor{"u", "ec", v1::ROLE_ADVISOR, {}, "", ""};
  EXPECT_TRUE(CanInvite(advisor, "ec", v1::ORGANIZATION_KIND_EXPAT_CENTER,
                        v1::ROLE_BUDDY));
  EXPECT_FALSE(CanInvite(advisor, "emp1", v1::ORGANIZATION_KIND_EMPLOYER,
                         v1::ROLE_NEWCOMER));
  Principal admin{"u", "op", v1::ROLE_ADMIN, {}, "", ""};
  EXPECT_TRUE(
      CanInvite(admin, "emp1", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_HR));
  EXPECT_FALSE(CanInvite(admin, "emp1", v1::ORGANIZATION_KIND_EMPLOYER,
                         v1::ROLE_NEWCOMER));
  Principal buddy{"u", "ec", v1::ROLE_BUDDY, {}, "", ""};
  EXPECT_FALSE(CanInvite(buddy, "ec", v1::ORGANIZATION_KIND_EXPAT_CENTER,
                         v1::ROLE_BUDDY));
}

TEST(PolicyTest, MembersAreListedWithinTheOwnOrganisationOnly) {
  Principal hr{"u", "emp1", v1::ROLE_HR, {}, "", ""};
  EXPECT_TRUE(CanListMembers(hr, "emp1"));
  EXPECT_FALSE(CanListMembers(hr, "emp2"));
  Principal newcomer{"u", "emp1", v1::ROLE_NEWCOMER, {}, "", ""};
  EXPECT_FALSE(CanListMembers(newcomer, "emp1"));
}

// A region is a tenant like an employer (issue 15): an advisor reaches only
// its own region's journeys, buddies, matches, templates and events.
TEST(PolicyTest, AdvisorsReachOnlyTheirOwnRegion) {
  Principal advisor{"a", "ec1", v1::ROLE_ADVISOR, {}, "", "ec1"};
  JourneyAccess here{"n1", "emp1", true, "ec1"};
  JourneyAccess there{"n2", "emp2", true, "ec2"};
  EXPECT_TRUE(CanSeeJourney(advisor, here));
  EXPECT_FALSE(CanSeeJourney(advisor, there));
  EXPECT_FALSE(CanSeeCheckIns(advisor, there));
  EXPECT_FALSE(CanCreateJourney(advisor, "emp2", "ec2"));
  EXPECT_TRUE(CanCreateJourney(advisor, "emp1", "ec1"));
  EXPECT_FALSE(CanSeeTemplate(advisor, "emp2", "ec2"));
  EXPECT_FALSE(CanSeeBuddyPool(advisor, "ec2"));
  MatchAccess theirs{"n2", "b2", true, false, "ec2"};
  EXPECT_FALSE(CanSeeMatch(advisor, theirs));
  EXPECT_FALSE(CanAnswerProposal(advisor, theirs));
  EXPECT_FALSE(CanSeeMatchIds(advisor, theirs));
  EXPECT_FALSE(CanProposeMatch(advisor, "ec1", "ec2"));
  EXPECT_FALSE(CanProposeMatch(advisor, "ec2", "ec1"));
  EXPECT_TRUE(CanProposeMatch(advisor, "ec1", "ec1"));
  EXPECT_FALSE(CanSeeOrganization(advisor, "emp2", "ec2"));
  EXPECT_TRUE(CanSeeOrganization(advisor, "emp1", "ec1"));
  // No region (an inconsistent row) reaches nothing.
  Principal lost{"a", "ec9", v1::ROLE_ADVISOR, {}, "", ""};
  EXPECT_FALSE(CanSeeJourney(lost, JourneyAccess{"n", "e", true, ""}));
}

TEST(PolicyTest, BuddiesSeeEventsOnlyThroughTheirAudience) {
  Principal buddy{"b", "ec1", v1::ROLE_BUDDY, {}, "", "ec1"};
  constexpr int kEveryone = 1, kCohort = 2, kEmployer = 3;
  EXPECT_TRUE(CanSeeEvent(buddy, {"ec1", "ec1", kEveryone, "", ""}, ""));
  EXPECT_FALSE(CanSeeEvent(buddy, {"ec1", "ec1", kEmployer, "emp1", ""}, ""));
  EXPECT_FALSE(
      CanSeeEvent(buddy, {"ec1", "ec1", kCohort, "", "2026-09"}, "2026-09"));
  // Nor another region's events for everyone.
  EXPECT_FALSE(CanSeeEvent(buddy, {"ec2", "ec2", kEveryone, "", ""}, ""));
  Principal newcomer{"n", "emp1", v1::ROLE_NEWCOMER, {}, "", "ec1"};
  EXPECT_TRUE(CanSeeEvent(newcomer, {"ec1", "ec1", kEmployer, "emp1", ""}, ""));
  EXPECT_TRUE(
      CanSeeEvent(newcomer, {"ec1", "ec1", kCohort, "", "2026-09"}, "2026-09"));
  EXPECT_FALSE(CanSeeEvent(newcomer, {"ec2", "ec2", kEveryone, "", ""}, ""));
  Principal advisor{"a", "ec1", v1::ROLE_ADVISOR, {}, "", "ec1"};
  EXPECT_TRUE(CanSeeEvent(advisor, {"emp1", "ec1", kEmployer, "emp1", ""}, ""));
  EXPECT_FALSE(CanSeeEvent(advisor, {"ec2", "ec2", kEveryone, "", ""}, ""));
}

}  // namespace
}  // namespace welkom::auth
