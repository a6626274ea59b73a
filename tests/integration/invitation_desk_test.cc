// The invitation desk against a real welkomd: what an invitation link shows
// (GetInvitation), the open invitations HR sees, resend (a new code, the old
// one dead), revoke, the warning before inviting an address the
// organisation already knows, and the /join/<code> page on the HTTP port.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WelkomdProcess;
using testing::WithToken;

class InvitationDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    stub_ = v1::IdentityService::NewStub(server_->Channel());
    hr_ = server_->Login("hr", 0);
  }

  v1::Invitation Invite(const std::string& token, const std::string& email,
                        const std::string& name) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(email);
    req.set_display_name(name);
    v1::CreateInvitationResponse resp;
    grpc::Status s = stub_->CreateInvitation(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.invitation();
  }

  grpc::Status Get(const std::string& code, v1::GetInvitationResponse* resp) {
    grpc::ClientContext ctx;
    v1::GetInvitationRequest req;
    req.set_code(code);
    return stub_->GetInvitation(&ctx, req, resp);
  }

  grpc::Status Accept(const std::string& code) {
    grpc::ClientContext ctx;
    v1::AcceptInvitationRequest req;
    req.set_code(code);
    req.set_password("a good long password");
    v1::AcceptInvitationResponse resp;
    return stub_->AcceptInvitation(&ctx, req, &resp);
  }

  grpc::Status Resend(const std::string& token, const std::string& id,
                      v1::ResendInvitationResponse* resp) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ResendInvitationRequest req;
    req.set_invitation_id(id);
    return stub_->ResendInvitation(&ctx, req, resp);
  }

  grpc::Status Revoke(const std::string& token, const std::string& id) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::RevokeInvitationRequest req;
    req.set_invitation_id(id);
    v1::RevokeInvitationResponse resp;
    return stub_->RevokeInvitation(&ctx, req, &resp);
  }

  grpc::Status List(const std::string& token, const std::string& org_id,
                    v1::ListInvitationsResponse* resp) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ListInvitationsRequest req;
    req.set_organization_id(org_id);
    return stub_->ListInvitations(&ctx, req, resp);
  }

  grpc::Status Check(const std::string& token, const std::string& email,
                     v1::CheckInviteeResponse* resp) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::CheckInviteeRequest req;
    req.set_email(email);
    return stub_->CheckInvitee(&ctx, req, resp);
  }

  static bool Lists(const v1::ListInvitationsResponse& list,
                    const std::string& id) {
    for (const auto& inv : list.invitations()) {
      if (inv.id() == id) return true;
    }
    return false;
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::IdentityService::Stub> stub_;
  std::string hr_;
};

TEST_F(InvitationDeskTest, TheLinkShowsWhoInvitesWhomWithoutEchoingTheCode) {
  v1::Invitation inv = Invite(hr_, "sofia.rossi@example.org", "Sofia Rossi");
  v1::GetInvitationResponse shown;
  grpc::Status s = Get(inv.code(), &shown);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(shown.invitation().display_name(), "Sofia Rossi");
  EXPECT_EQ(shown.invitation().email(), "sofia.rossi@example.org");
  EXPECT_EQ(shown.invitation().role(), v1::ROLE_NEWCOMER);
  grpc::ClientContext who_ctx;
  WithToken(who_ctx, hr_);
  v1::WhoAmIResponse who;
  ASSERT_TRUE(stub_->WhoAmI(&who_ctx, v1::WhoAmIRequest(), &who).ok());
  EXPECT_EQ(shown.invitation().invited_by_name(), who.member().display_name());
  EXPECT_EQ(shown.invitation().organization_name(), who.organization().name());
  EXPECT_TRUE(shown.invitation().code().empty());
  // Looking does not use the invitation up.
  EXPECT_TRUE(Accept(inv.code()).ok());
  grpc::Status used = Get(inv.code(), &shown);
  EXPECT_EQ(used.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(used.error_message(), HasSubstr("already used"));
  EXPECT_EQ(Get("not-a-code", &shown).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get("", &shown).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(InvitationDeskTest, ResendGivesANewCodeAndTheOldOneStopsWorking) {
  v1::Invitation inv = Invite(hr_, "late.reader@example.org", "Li Wei");
  v1::ResendInvitationResponse resent;
  ASSERT_TRUE(Resend(hr_, inv.id(), &resent).ok());
  ASSERT_FALSE(resent.invitation().code().empty());
  EXPECT_NE(resent.invitation().code(), inv.code());
  EXPECT_EQ(resent.invitation().id(), inv.id());
  EXPECT_EQ(Accept(inv.code()).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(Accept(resent.invitation().code()).ok());
  v1::ResendInvitationResponse again;
  EXPECT_EQ(Resend(hr_, inv.id(), &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(InvitationDeskTest, ARevokedInvitationIsNoLongerListedOrAccepted) {
  v1::Invitation inv = Invite(hr_, "changed.plans@example.org", "Ana Lima");
  v1::ListInvitationsResponse before;
  ASSERT_TRUE(List(hr_, "", &before).ok());
  EXPECT_TRUE(Lists(before, inv.id()));
  ASSERT_TRUE(Revoke(hr_, inv.id()).ok());
  grpc::Status accept = Accept(inv.code());
  EXPECT_EQ(accept.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(accept.error_message(), HasSubstr("withdrawn"));
  v1::ListInvitationsResponse after;
  ASSERT_TRUE(List(hr_, "", &after).ok());
  EXPECT_FALSE(Lists(after, inv.id()));
  EXPECT_EQ(Revoke(hr_, inv.id()).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Revoke(hr_, "inv_nonexistent").error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(InvitationDeskTest, AnotherOrganisationsInvitationsAreNotFound) {
  v1::Invitation inv = Invite(hr_, "kept.private@example.org", "Omar Haddad");
  const std::string other_hr = server_->Login("hr", 1);
  ASSERT_NE(server_->Account("hr", 1).org_id, server_->Account("hr", 0).org_id);
  v1::ListInvitationsResponse theirs;
  ASSERT_TRUE(List(other_hr, "", &theirs).ok());
  EXPECT_FALSE(Lists(theirs, inv.id()));
  EXPECT_EQ(
      List(other_hr, server_->Account("hr", 0).org_id, &theirs).error_code(),
      grpc::StatusCode::NOT_FOUND);
  v1::ResendInvitationResponse resent;
  EXPECT_EQ(Resend(other_hr, inv.id(), &resent).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Revoke(other_hr, inv.id()).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // An advisor sees every organisation, but not whom an employer invites.
  const std::string advisor = server_->Login("advisor");
  EXPECT_EQ(
      List(advisor, server_->Account("hr", 0).org_id, &theirs).error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Revoke(advisor, inv.id()).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(Accept(inv.code()).ok());
}

TEST_F(InvitationDeskTest, TheWarningCoversOnlyTheInvitersOwnOrganisation) {
  v1::Invitation inv = Invite(hr_, "twice@example.org", "Priya Nair");
  v1::CheckInviteeResponse open;
  ASSERT_TRUE(Check(hr_, "TWICE@example.org", &open).ok());
  EXPECT_FALSE(open.member_exists());
  EXPECT_EQ(open.open_invitation().id(), inv.id());
  EXPECT_TRUE(open.open_invitation().code().empty());

  v1::CheckInviteeResponse colleague;
  ASSERT_TRUE(Check(hr_, server_->Account("hr", 0).email, &colleague).ok());
  EXPECT_TRUE(colleague.member_exists());

  // The other employer learns nothing of these addresses, nor of its own
  // people in someone else's organisation.
  const std::string other_hr = server_->Login("hr", 1);
  v1::CheckInviteeResponse elsewhere;
  ASSERT_TRUE(Check(other_hr, "twice@example.org", &elsewhere).ok());
  EXPECT_FALSE(elsewhere.member_exists());
  EXPECT_FALSE(elsewhere.has_open_invitation());
  ASSERT_TRUE(
      Check(other_hr, server_->Account("hr", 0).email, &elsewhere).ok());
  EXPECT_FALSE(elsewhere.member_exists());

  v1::CheckInviteeResponse bad;
  EXPECT_EQ(Check(hr_, "not an address", &bad).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(InvitationDeskTest, TheJoinPageIsServedAndTheCodeIsNeverLogged) {
  v1::Invitation inv = Invite(hr_, "phone.first@example.org", "Kofi Mensah");
  httplib::Client http("127.0.0.1", server_->http_port());
  auto page = http.Get(("/join/" + inv.code()).c_str());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(page->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_THAT(page->body, HasSubstr("/app/js/join.js"));
  EXPECT_EQ(page->body.find(inv.code()), std::string::npos);

  // The page's own calls, as the browser makes them.
  const std::string body = "{\"code\":\"" + inv.code() + "\"}";
  auto shown = http.Post("/welkom.v1.IdentityService/GetInvitation", body,
                         "application/json");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->status, 200) << shown->body;
  EXPECT_THAT(shown->body, HasSubstr("Kofi Mensah"));
  auto accepted = http.Post(
      "/welkom.v1.IdentityService/AcceptInvitation",
      "{\"code\":\"" + inv.code() + "\",\"password\":\"a good long password\"}",
      "application/json");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(http.Get("/join/not+a+code")->status, 404);
  EXPECT_EQ(server_->Log().find(inv.code()), std::string::npos);
}

}  // namespace
}  // namespace welkom
