// IdentityService and welkomd's basics, over gRPC against a real welkomd.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "absl/strings/str_cat.h"
#include "tests/support/raw_call.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom {
namespace {

using testing::CallRaw;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::WelkomdProcess;
using testing::WithToken;

class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    stub_ = v1::IdentityService::NewStub(server_->Channel());
  }

  grpc::Status Invite(const std::string& token,
                      const v1::CreateInvitationRequest& req,
                      v1::CreateInvitationResponse* resp) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    return stub_->CreateInvitation(&ctx, req, resp);
  }

  v1::CreateInvitationRequest NewcomerInvitation(const std::string& email) {
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(email);
    req.set_display_name("Jonas Weber");
    return req;
  }

  grpc::Status Accept(const std::string& code, const std::string& password,
                      v1::AcceptInvitationResponse* resp) {
    grpc::ClientContext ctx;
    v1::AcceptInvitationRequest req;
    req.set_code(code);
    req.set_password(password);
    return stub_->AcceptInvitation(&ctx, req, resp);
  }

  void ExecSql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(server_->db_path().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::IdentityService::Stub> stub_;
};

TEST_F(IdentityTest, HealthCheckReportsServing) {
  auto result = CallRaw(server_->Channel(), "/grpc.health.v1.Health/Check", "");
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  ASSERT_EQ(result.responses.size(), 1u);
  EXPECT_EQ(result.responses[0], std::string("\x08\x01", 2));  // SERVING
}

TEST_F(IdentityTest, ReflectionListsTheWelkomServices) {
  // ServerReflectionRequest{list_services: ""}: field 7, empty string.
  auto result = CallRaw(server_->Channel(),
                        "/grpc.reflection.v1alpha.ServerReflection/"
                        "ServerReflectionInfo",
                        std::string("\x3a\x00", 2));
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  ASSERT_EQ(result.responses.size(), 1u);
  EXPECT_THAT(result.responses[0], HasSubstr("welkom.v1.IdentityService"));
  EXPECT_THAT(result.responses[0], HasSubstr("grpc.health.v1.Health"));
}

TEST_F(IdentityTest, EveryMethodWithoutATokenIsUnauthenticated) {
  auto methods = testing::AllContractMethods(WELKOM_PROTO_DIR);
  ASSERT_GE(methods.size(), 10u);
  for (const std::string& method : methods) {
    auto result = CallRaw(server_->Channel(), method, "");
    // The public methods: an empty request is bad input, not a missing token.
    if (method == "/welkom.v1.IdentityService/Login" ||
        method == "/welkom.v1.IdentityService/AcceptInvitation" ||
        method == "/welkom.v1.IdentityService/GetInvitation") {
      EXPECT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << method;
    } else {
      EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
          << method << ": " << result.status.error_message();
    }
  }
}

TEST_F(IdentityTest, ForgedTokenIsUnauthenticated) {
  auto result = CallRaw(server_->Channel(), "/welkom.v1.IdentityService/WhoAmI",
                        "", "not-a-real-token");
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(IdentityTest, DemoAccountsLogInAndKnowWhoTheyAre) {
  for (const auto& account : server_->accounts()) {
    std::string token = server_->LoginAs(account.email, account.password);
    ASSERT_FALSE(token.empty()) << account.email;
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::WhoAmIResponse who;
    ASSERT_TRUE(stub_->WhoAmI(&ctx, {}, &who).ok());
    EXPECT_EQ(who.member().email(), account.email);
    EXPECT_EQ(who.organization().id(), account.org_id);
  }
}

TEST_F(IdentityTest, WrongPasswordIsUnauthenticatedThenThrottled) {
  const auto& hr = server_->Account("hr");
  for (int i = 0; i < 5; ++i) {
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_email(hr.email);
    req.set_password("wrong password " + std::to_string(i));
    v1::LoginResponse resp;
    EXPECT_EQ(stub_->Login(&ctx, req, &resp).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  grpc::ClientContext ctx;
  v1::LoginRequest req;
  req.set_email(hr.email);
  req.set_password(hr.password);  // right, but locked out for now
  v1::LoginResponse resp;
  grpc::Status status = stub_->Login(&ctx, req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("try again in"));
}

TEST_F(IdentityTest, LogoutRevokesTheSession) {
  std::string token = server_->Login("newcomer");
  {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::LogoutResponse resp;
    ASSERT_TRUE(stub_->Logout(&ctx, {}, &resp).ok());
  }
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  v1::WhoAmIResponse who;
  EXPECT_EQ(stub_->WhoAmI(&ctx, {}, &who).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(IdentityTest, HrOfOneEmployerCannotSeeOrChangeAnother) {
  std::string sme_hr = server_->Login("hr", 0);
  const std::string large_id = server_->Account("hr", 1).org_id;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, sme_hr);
    v1::ListMembersRequest req;
    req.set_organization_id(large_id);
    v1::ListMembersResponse resp;
    EXPECT_EQ(stub_->ListMembers(&ctx, req, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    auto req = NewcomerInvitation("someone@example.org");
    req.set_organization_id(large_id);
    v1::CreateInvitationResponse resp;
    EXPECT_EQ(Invite(sme_hr, req, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    grpc::ClientContext ctx;
    WithToken(ctx, sme_hr);
    v1::ListOrganizationsResponse resp;
    ASSERT_TRUE(stub_->ListOrganizations(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.organizations_size(), 1);
    EXPECT_EQ(resp.organizations(0).id(), server_->Account("hr", 0).org_id);
  }
  {
    grpc::ClientContext ctx;
    WithToken(ctx, sme_hr);
    v1::ListMembersResponse resp;
    ASSERT_TRUE(stub_->ListMembers(&ctx, {}, &resp).ok());
    for (const auto& m : resp.members()) {
      EXPECT_EQ(m.organization_id(), server_->Account("hr", 0).org_id);
    }
  }
}

TEST_F(IdentityTest, InvitationIsAcceptedOnceAndGivesASession) {
  std::string hr = server_->Login("hr");
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite(hr, NewcomerInvitation("jonas@example.org"), &inv).ok());
  ASSERT_FALSE(inv.invitation().code().empty());

  v1::AcceptInvitationResponse accepted;
  ASSERT_TRUE(
      Accept(inv.invitation().code(), "a good long password", &accepted).ok());
  EXPECT_EQ(accepted.session().member().role(), v1::ROLE_NEWCOMER);
  EXPECT_FALSE(
      server_->LoginAs("jonas@example.org", "a good long password").empty());

  v1::AcceptInvitationResponse again;
  grpc::Status reuse =
      Accept(inv.invitation().code(), "another long password", &again);
  EXPECT_EQ(reuse.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(reuse.error_message(), HasSubstr("already used"));
}

TEST_F(IdentityTest, ExpiredInvitationIsRefused) {
  std::string hr = server_->Login("hr");
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite(hr, NewcomerInvitation("late@example.org"), &inv).ok());
  ExecSql("UPDATE invitations SET expires_at = strftime('%s','now') - 1");
  v1::AcceptInvitationResponse resp;
  grpc::Status status =
      Accept(inv.invitation().code(), "a good long password", &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("expired"));
}

TEST_F(IdentityTest, InvitationCodesAreNotStoredInClear) {
  std::string hr = server_->Login("hr");
  auto req = NewcomerInvitation("secret@example.org");
  req.set_request_id("retry-1");
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite(hr, req, &inv).ok());
  server_->Stop();
  std::ifstream in(server_->db_path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(bytes.find(inv.invitation().code()), std::string::npos);
}

TEST_F(IdentityTest, UnknownCodeAndShortPasswordAreRefused) {
  v1::AcceptInvitationResponse resp;
  EXPECT_EQ(Accept("no-such-code", "a good long password", &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status short_pw = Accept("no-such-code", "short", &resp);
  EXPECT_EQ(short_pw.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(short_pw.error_message(), StartsWith("password"));
}

TEST_F(IdentityTest, BadInvitationInputNamesTheField) {
  std::string hr = server_->Login("hr");
  struct Case {
    std::function<void(v1::CreateInvitationRequest&)> mutate;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](auto& r) { r.set_email("not-an-address"); }, "email"},
      {[](auto& r) { r.set_email(""); }, "email"},
      {[](auto& r) { r.set_display_name("  "); }, "display_name"},
      {[](auto& r) { r.set_display_name(std::string(300, 'x')); },
       "display_name"},
      {[](auto& r) { r.set_role(static_cast<v1::Role>(42)); }, "role"},
      {[](auto& r) { r.set_role(v1::ROLE_UNSPECIFIED); }, "role"},
  };
  for (const Case& c : cases) {
    auto req = NewcomerInvitation("ok@example.org");
    c.mutate(req);
    v1::CreateInvitationResponse resp;
    grpc::Status status = Invite(hr, req, &resp);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field;
    EXPECT_THAT(status.error_message(), StartsWith(c.field));
  }
  // Nothing was half-written: the good request still works.
  v1::CreateInvitationResponse resp;
  EXPECT_TRUE(Invite(hr, NewcomerInvitation("ok@example.org"), &resp).ok());
}

TEST_F(IdentityTest, InvitingAnExistingAccountIsAlreadyExists) {
  std::string hr = server_->Login("hr");
  v1::CreateInvitationResponse resp;
  EXPECT_EQ(
      Invite(hr, NewcomerInvitation(server_->Account("newcomer").email), &resp)
          .error_code(),
      grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(IdentityTest, ReplayedInvitationAnswersTheFirstResult) {
  std::string hr = server_->Login("hr");
  auto req = NewcomerInvitation("replay@example.org");
  req.set_request_id("phone-retry-7");
  v1::CreateInvitationResponse first, second;
  ASSERT_TRUE(Invite(hr, req, &first).ok());
  ASSERT_TRUE(Invite(hr, req, &second).ok());
  EXPECT_EQ(first.invitation().id(), second.invitation().id());
  EXPECT_TRUE(second.invitation().code().empty());  // secrets are not kept
}

TEST_F(IdentityTest, OversizedRequestIsResourceExhausted) {
  std::string token = server_->Login("newcomer");
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  v1::EchoRequest req;
  req.set_payload(std::string(2 << 20, 'x'));
  v1::EchoResponse resp;
  EXPECT_EQ(stub_->Echo(&ctx, req, &resp).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(IdentityTest, ChangePasswordRevokesOtherSessions) {
  const auto& a = server_->Account("buddy");
  std::string phone = server_->Login("buddy");
  std::string laptop = server_->Login("buddy");
  {
    grpc::ClientContext ctx;
    WithToken(ctx, laptop);
    v1::ChangePasswordRequest req;
    req.set_current_password(a.password);
    req.set_new_password("a brand new password");
    v1::ChangePasswordResponse resp;
    ASSERT_TRUE(stub_->ChangePassword(&ctx, req, &resp).ok());
  }
  auto whoami = [&](const std::string& token) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::WhoAmIResponse who;
    return stub_->WhoAmI(&ctx, {}, &who).error_code();
  };
  EXPECT_EQ(whoami(laptop), grpc::StatusCode::OK);
  EXPECT_EQ(whoami(phone), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_FALSE(server_->LoginAs(a.email, "a brand new password").empty());
}

TEST_F(IdentityTest, OnlyAdminCreatesOrganizations) {
  v1::CreateOrganizationRequest req;
  req.mutable_organization()->set_name("Nieuwe Werkgever B.V.");
  req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_EMPLOYER);
  req.mutable_organization()->set_municipality("almelo");
  req.mutable_organization()->set_staff_count(25);
  v1::CreateOrganizationResponse resp;
  {
    grpc::ClientContext ctx;
    WithToken(ctx, server_->Login("hr"));
    EXPECT_EQ(stub_->CreateOrganization(&ctx, req, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  std::string admin = server_->Login("admin");
  {
    grpc::ClientContext ctx;
    WithToken(ctx, admin);
    ASSERT_TRUE(stub_->CreateOrganization(&ctx, req, &resp).ok());
    EXPECT_FALSE(resp.organization().id().empty());
  }
  {
    req.mutable_organization()->set_municipality("amsterdam");
    grpc::ClientContext ctx;
    WithToken(ctx, admin);
    grpc::Status status = stub_->CreateOrganization(&ctx, req, &resp);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(),
                StartsWith("organization.municipality"));
  }
}

TEST_F(IdentityTest, MembersPageWithOpaqueTokens) {
  std::string advisor = server_->Login("advisor");
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    grpc::ClientContext ctx;
    WithToken(ctx, advisor);
    v1::ListMembersRequest req;
    req.set_page_size(2);
    req.set_page_token(token);
    v1::ListMembersResponse resp;
    ASSERT_TRUE(stub_->ListMembers(&ctx, req, &resp).ok());
    EXPECT_LE(resp.members_size(), 2);
    for (const auto& m : resp.members()) seen.insert(m.id());
    token = resp.next_page_token();
    ASSERT_LT(++pages, 20);
  } while (!token.empty());
  // The advisor, the demo buddy and the demo buddy pool, each once.
  EXPECT_GT(pages, 1);
  EXPECT_TRUE(seen.count(server_->Account("advisor").user_id));
  EXPECT_TRUE(seen.count(server_->Account("buddy").user_id));
  {
    grpc::ClientContext all_ctx;
    WithToken(all_ctx, advisor);
    v1::ListMembersResponse all;
    ASSERT_TRUE(stub_->ListMembers(&all_ctx, {}, &all).ok());
    EXPECT_EQ(seen.size(), static_cast<size_t>(all.members_size()));
  }

  grpc::ClientContext ctx;
  WithToken(ctx, advisor);
  v1::ListMembersRequest req;
  req.set_page_size(-1);
  v1::ListMembersResponse resp;
  EXPECT_EQ(stub_->ListMembers(&ctx, req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(IdentityTest, StopsCleanlyAndKeepsData) {
  std::string admin = server_->Login("admin");
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_THAT(server_->Log(), HasSubstr("event=database_closed"));
  WelkomdProcess::Options again;
  again.dir = server_->dir();
  auto restarted = WelkomdProcess::Start(again);
  // Same accounts, not re-seeded; the old session is still valid.
  EXPECT_EQ(restarted->Account("admin").password,
            server_->Account("admin").password);
  auto stub = v1::IdentityService::NewStub(restarted->Channel());
  grpc::ClientContext ctx;
  WithToken(ctx, admin);
  v1::WhoAmIResponse who;
  EXPECT_TRUE(stub->WhoAmI(&ctx, {}, &who).ok());
}

TEST_F(IdentityTest, AcknowledgedWriteSurvivesACrash) {
  std::string hr = server_->Login("hr");
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(Invite(hr, NewcomerInvitation("crash@example.org"), &inv).ok());
  server_->Kill();
  WelkomdProcess::Options again;
  again.dir = server_->dir();
  auto restarted = WelkomdProcess::Start(again);
  auto stub = v1::IdentityService::NewStub(restarted->Channel());
  grpc::ClientContext ctx;
  v1::AcceptInvitationRequest req;
  req.set_code(inv.invitation().code());
  req.set_password("a good long password");
  v1::AcceptInvitationResponse resp;
  EXPECT_TRUE(stub->AcceptInvitation(&ctx, req, &resp).ok());
}

// Issue 14: the organisations list was filtered by the policy after its
// LIMIT, so an HR user whose organisation did not sort first got empty
// pages. Every page HR is handed holds its own organisation, and the last
// page has no token.
TEST_F(IdentityTest, HrPagesThroughOrganizationsSeeingOnlyItsOwnOnFullPages) {
  std::string admin = server_->Login("admin");
  const std::string own = server_->Account("hr").org_id;
  auto all_ids = [&] {
    std::vector<std::string> ids;
    std::string token;
    do {
      grpc::ClientContext ctx;
      WithToken(ctx, admin);
      v1::ListOrganizationsRequest req;
      req.set_page_size(100);
      req.set_page_token(token);
      v1::ListOrganizationsResponse resp;
      EXPECT_TRUE(stub_->ListOrganizations(&ctx, req, &resp).ok());
      for (const auto& o : resp.organizations()) ids.push_back(o.id());
      token = resp.next_page_token();
    } while (!token.empty());
    return ids;
  };
  // Ids are random: add employers until HR's organisation is neither first
  // nor second in id order, where a filter after the LIMIT shows.
  for (int i = 0; i < 40; ++i) {
    std::vector<std::string> ids = all_ids();
    auto pos = std::find(ids.begin(), ids.end(), own) - ids.begin();
    if (pos >= 2) break;
    v1::CreateOrganizationRequest req;
    req.mutable_organization()->set_name(absl::StrCat("Werkgever ", i));
    req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_EMPLOYER);
    req.mutable_organization()->set_municipality("almelo");
    req.mutable_organization()->set_staff_count(10);
    grpc::ClientContext ctx;
    WithToken(ctx, admin);
    v1::CreateOrganizationResponse resp;
    ASSERT_TRUE(stub_->CreateOrganization(&ctx, req, &resp).ok());
  }
  std::string hr = server_->Login("hr");
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    grpc::ClientContext ctx;
    WithToken(ctx, hr);
    v1::ListOrganizationsRequest req;
    req.set_page_size(1);
    req.set_page_token(token);
    v1::ListOrganizationsResponse resp;
    ASSERT_TRUE(stub_->ListOrganizations(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.organizations_size(), 1) << "page " << pages;
    for (const auto& o : resp.organizations()) seen.push_back(o.id());
    token = resp.next_page_token();
  } while (!token.empty() && ++pages < 10);
  EXPECT_EQ(seen, std::vector<std::string>{own});
  EXPECT_TRUE(token.empty());
}

}  // namespace
}  // namespace welkom
