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
  Principal admin{"u", "o", v1::ROLE_ADMIN, {}, ""};
  EXPECT_EQ(AuthorizeMethod("/welkom.v1.Nope/Nope", &admin).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PolicyTest, MissingSessionIsUnauthenticated) {
  EXPECT_EQ(
      AuthorizeMethod("/welkom.v1.IdentityService/WhoAmI", nullptr).code(),
      absl::StatusCode::kUnauthenticated);
}

TEST(PolicyTest, RoleOutsideTheRowIsDenied) {
  Principal newcomer{"u", "o", v1::ROLE_NEWCOMER, {}, ""};
  EXPECT_EQ(AuthorizeMethod("/welkom.v1.IdentityService/CreateOrganization",
                            &newcomer)
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PolicyTest, WhoMayInviteWhom) {
  Principal hr{"u", "emp1", v1::ROLE_HR, {}, ""};
  EXPECT_TRUE(
      CanInvite(hr, "emp1", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_NEWCOMER));
  EXPECT_FALSE(
      CanInvite(hr, "emp2", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_NEWCOMER));
  EXPECT_FALSE(
      CanInvite(hr, "emp1", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_HR));
  Principal advisor{"u", "ec", v1::ROLE_ADVISOR, {}, ""};
  EXPECT_TRUE(CanInvite(advisor, "ec", v1::ORGANIZATION_KIND_EXPAT_CENTER,
                        v1::ROLE_BUDDY));
  EXPECT_FALSE(CanInvite(advisor, "emp1", v1::ORGANIZATION_KIND_EMPLOYER,
                         v1::ROLE_NEWCOMER));
  Principal admin{"u", "op", v1::ROLE_ADMIN, {}, ""};
  EXPECT_TRUE(
      CanInvite(admin, "emp1", v1::ORGANIZATION_KIND_EMPLOYER, v1::ROLE_HR));
  EXPECT_FALSE(CanInvite(admin, "emp1", v1::ORGANIZATION_KIND_EMPLOYER,
                         v1::ROLE_NEWCOMER));
  Principal buddy{"u", "ec", v1::ROLE_BUDDY, {}, ""};
  EXPECT_FALSE(CanInvite(buddy, "ec", v1::ORGANIZATION_KIND_EXPAT_CENTER,
                         v1::ROLE_BUDDY));
}

TEST(PolicyTest, MembersAreListedWithinTheOwnOrganisationOnly) {
  Principal hr{"u", "emp1", v1::ROLE_HR, {}, ""};
  EXPECT_TRUE(CanListMembers(hr, "emp1"));
  EXPECT_FALSE(CanListMembers(hr, "emp2"));
  Principal newcomer{"u", "emp1", v1::ROLE_NEWCOMER, {}, ""};
  EXPECT_FALSE(CanListMembers(newcomer, "emp1"));
}

}  // namespace
}  // namespace welkom::auth
