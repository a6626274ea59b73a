// OffboardingService against a real welkomd with two regions: a deactivated
// member is signed out at once everywhere (the token, an open Watch) and
// cannot sign in; a leaving buddy's match ends with a notice to the
// newcomer; an offboarded employer's HR loses access while its newcomers
// keep their journeys. Another organisation's member answers NOT_FOUND;
// oneself, FAILED_PRECONDITION.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/welkomd_process.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"
#include "welkom/v1/offboarding.grpc.pb.h"

namespace welkom {
namespace {

using testing::WelkomdProcess;
using testing::WithToken;

class OffboardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WelkomdProcess::Options options;
    options.extra_args = {"--demo-second-region",
                          "--buddy-daily-matching=false"};
    server_ = WelkomdProcess::Start(options);
    identity_ = v1::IdentityService::NewStub(server_->Channel());
    offboarding_ = v1::OffboardingService::NewStub(server_->Channel());
  }

  grpc::Status Deactivate(const std::string& token, const std::string& id,
                          v1::DeactivateMemberResponse* out = nullptr) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::DeactivateMemberRequest req;
    req.set_member_id(id);
    v1::DeactivateMemberResponse resp;
    grpc::Status s = offboarding_->DeactivateMember(&ctx, req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }
  grpc::StatusCode WhoAmI(const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::WhoAmIResponse resp;
    return identity_->WhoAmI(&ctx, {}, &resp).error_code();
  }
  grpc::StatusCode LoginCode(const std::string& email,
                             const std::string& password) {
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_email(email);
    req.set_password(password);
    v1::LoginResponse resp;
    return identity_->Login(&ctx, req, &resp).error_code();
  }
  // A demo account of `role` in another organisation than `org_id`.
  const demo::DemoAccount* Elsewhere(const std::string& role,
                                     const std::string& org_id) {
    for (const auto& a : server_->accounts()) {
      if (a.role == role && a.org_id != org_id) return &a;
    }
    return nullptr;
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::unique_ptr<v1::OffboardingService::Stub> offboarding_;
};

TEST_F(OffboardingTest, ALeavingHrColleagueIsSignedOutEverywhereAtOnce) {
  const auto& hr = server_->Account("hr");
  const std::string hr_token = server_->Login("hr");
  // The admin invites a second HR person to the same employer.
  v1::CreateInvitationRequest invite;
  invite.set_organization_id(hr.org_id);
  invite.set_role(v1::ROLE_HR);
  invite.set_email("leaving.hr@example.org");
  invite.set_display_name("Lotte Vertrek");
  const std::string colleague =
      server_->InviteAndAccept(server_->Login("admin"), invite);
  ASSERT_FALSE(colleague.empty());
  auto inbox = v1::NotificationService::NewStub(server_->Channel());
  grpc::ClientContext watch_ctx;
  WithToken(watch_ctx, colleague);
  watch_ctx.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(20));
  auto watch = inbox->Watch(&watch_ctx, v1::WatchRequest());
  std::string colleague_id;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, colleague);
    v1::WhoAmIResponse who;
    ASSERT_TRUE(identity_->WhoAmI(&ctx, {}, &who).ok());
    colleague_id = who.member().id();
  }

  // Another employer's HR cannot, nor a newcomer; nobody deactivates
  // themselves.
  const demo::DemoAccount* other = Elsewhere("hr", hr.org_id);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(
      Deactivate(server_->LoginAs(other->email, other->password), colleague_id)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Deactivate(server_->Login("newcomer"), colleague_id).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Deactivate(hr_token, hr.user_id).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Deactivate(hr_token, "no-such-member").error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(WhoAmI(colleague), grpc::StatusCode::OK);

  v1::DeactivateMemberResponse done;
  ASSERT_TRUE(Deactivate(hr_token, colleague_id, &done).ok());
  EXPECT_EQ(done.member().email(), "leaving.hr@example.org");
  EXPECT_EQ(WhoAmI(colleague), grpc::StatusCode::UNAUTHENTICATED);
  v1::Notification n;
  while (watch->Read(&n)) {
  }
  EXPECT_EQ(watch->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(LoginCode("leaving.hr@example.org", "a long enough password"),
            grpc::StatusCode::UNAUTHENTICATED);
  // Gone from the members list; asked again, nothing changes.
  grpc::ClientContext list_ctx;
  WithToken(list_ctx, hr_token);
  v1::ListMembersResponse members;
  ASSERT_TRUE(identity_->ListMembers(&list_ctx, {}, &members).ok());
  for (const v1::Member& m : members.members()) {
    EXPECT_NE(m.id(), colleague_id);
  }
  EXPECT_TRUE(Deactivate(hr_token, colleague_id).ok());
}

TEST_F(OffboardingTest, ALeavingBuddysNewcomerIsToldAndMatchedAgain) {
  const std::string newcomer = server_->Login("newcomer");
  auto buddies = v1::BuddyService::NewStub(server_->Channel());
  const std::string advisor = server_->Login("advisor");
  grpc::ClientContext run_ctx;
  WithToken(run_ctx, advisor);
  v1::RunMatchingResponse run;
  ASSERT_TRUE(buddies->RunMatching(&run_ctx, {}, &run).ok());
  ASSERT_GT(run.proposals_size(), 0);
  const v1::Match proposal = run.proposals(0);

  v1::DeactivateMemberResponse done;
  ASSERT_TRUE(Deactivate(advisor, proposal.buddy_id(), &done).ok());
  EXPECT_GE(done.matches_ended(), 1);
  // The next run proposes the newcomer another buddy.
  grpc::ClientContext again_ctx;
  WithToken(again_ctx, advisor);
  v1::RunMatchingResponse again;
  ASSERT_TRUE(buddies->RunMatching(&again_ctx, {}, &again).ok());
  bool proposed_again = false;
  for (const v1::Match& m : again.proposals()) {
    EXPECT_NE(m.buddy_id(), proposal.buddy_id());
    proposed_again |= m.newcomer_id() == proposal.newcomer_id();
  }
  EXPECT_TRUE(proposed_again);
  (void)newcomer;
}

TEST_F(OffboardingTest, AnOffboardedEmployerLosesHrAccessAndNewcomersStay) {
  const auto& hr = server_->Account("hr");
  const std::string hr_token = server_->Login("hr");
  const std::string newcomer = server_->Login("newcomer");
  const std::string admin = server_->Login("admin");
  grpc::ClientContext ctx;
  WithToken(ctx, admin);
  v1::DeactivateOrganizationRequest req;
  req.set_organization_id(hr.org_id);
  v1::DeactivateOrganizationResponse resp;
  ASSERT_TRUE(offboarding_->DeactivateOrganization(&ctx, req, &resp).ok());
  EXPECT_GE(resp.members_deactivated(), 1);
  EXPECT_EQ(WhoAmI(hr_token), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(LoginCode(hr.email, hr.password),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(WhoAmI(newcomer), grpc::StatusCode::OK);
  auto journeys = v1::JourneyService::NewStub(server_->Channel());
  grpc::ClientContext j_ctx;
  WithToken(j_ctx, newcomer);
  v1::GetJourneyResponse journey;
  EXPECT_TRUE(journeys->GetJourney(&j_ctx, {}, &journey).ok());

  // Not an Expat Center, not oneself, not HR's to do.
  grpc::ClientContext center_ctx;
  WithToken(center_ctx, admin);
  req.set_organization_id(server_->Account("advisor").org_id);
  EXPECT_EQ(offboarding_->DeactivateOrganization(&center_ctx, req, &resp)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Deactivate(admin, server_->Account("admin").user_id).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace welkom
