// The new hires' import against a real welkomd, over gRPC and Connect: a
// file as Dutch Excel writes it previews row by row with errors naming the
// row and column in the reader's language; importing invites the valid rows
// once (a second upload invites nobody), each invitation carrying the
// journey's profile; the limits and the access rule hold.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"
#include "welkom/v1/import.grpc.pb.h"
#include "welkom/v1/journey.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using testing::WelkomdProcess;
using testing::WithToken;

// Dutch Excel: a byte order mark, ";" between fields, a quoted name that
// holds the separator, day-first dates, and a start date that is no date.
constexpr char kDutchFile[] =
    "\xEF\xBB\xBFNaam;E-mailadres;Aankomstdatum;Startdatum;Gemeente;"
    "Huishouden;EU;Verblijfsvergunning;Taal\r\n"
    "\"Rossi; Sofia\";sofia.rossi@example.org;2-3-2026;9-3-2026;Hof van "
    "Twente;partner, kinderen 4 7;nee;kennismigrant;Nederlands\r\n"
    "Lukas Weber;lukas.weber@example.org;2026-04-01;2026-04-06;Enschede;"
    "alleen;ja;geen;en\r\n"
    "Priya Nair;priya.nair@example.org;1-4-2026;31-4-2026;Hengelo;;nee;"
    "kennismigrant;en\r\n";

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = WelkomdProcess::Start();
    stub_ = v1::ImportService::NewStub(server_->Channel());
    identity_ = v1::IdentityService::NewStub(server_->Channel());
    hr_ = server_->Login("hr", 0);
  }

  grpc::Status Preview(const std::string& token, const std::string& csv,
                       v1::PreviewNewHiresResponse* resp,
                       const std::string& org_id = "",
                       const std::string& language = "en") {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    ctx.AddMetadata("accept-language", language);
    v1::PreviewNewHiresRequest req;
    req.set_organization_id(org_id);
    req.set_csv(csv);
    return stub_->PreviewNewHires(&ctx, req, resp);
  }

  grpc::Status Import(const std::string& token, const std::string& csv,
                      v1::ImportNewHiresResponse* resp,
                      const std::string& org_id = "") {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::ImportNewHiresRequest req;
    req.set_organization_id(org_id);
    req.set_csv(csv);
    return stub_->ImportNewHires(&ctx, req, resp);
  }

  std::vector<v1::Invitation> OpenInvitations() {
    grpc::ClientContext ctx;
    WithToken(ctx, hr_);
    v1::ListInvitationsRequest req;
    req.set_page_size(100);
    v1::ListInvitationsResponse resp;
    grpc::Status s = identity_->ListInvitations(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.invitations().begin(), resp.invitations().end()};
  }

  std::string HrOrgId() {
    grpc::ClientContext ctx;
    WithToken(ctx, hr_);
    v1::WhoAmIResponse who;
    EXPECT_TRUE(identity_->WhoAmI(&ctx, v1::WhoAmIRequest(), &who).ok());
    return who.organization().id();
  }

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::ImportService::Stub> stub_;
  std::unique_ptr<v1::IdentityService::Stub> identity_;
  std::string hr_;
};

TEST_F(ImportTest, PreviewReadsDutchExcelRowByRowAndStoresNothing) {
  const size_t open_before = OpenInvitations().size();
  v1::PreviewNewHiresResponse preview;
  grpc::Status s = Preview(hr_, kDutchFile, &preview, "", "nl-NL");
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(preview.rows_size(), 3);
  EXPECT_EQ(preview.ready_count(), 2);
  EXPECT_EQ(preview.invalid_count(), 1);

  const v1::NewHireRow& sofia = preview.rows(0);
  EXPECT_EQ(sofia.row(), 2);  // the header is row 1
  EXPECT_EQ(sofia.outcome(), v1::NEW_HIRE_OUTCOME_READY);
  EXPECT_EQ(sofia.display_name(), "Rossi; Sofia");
  EXPECT_EQ(sofia.email(), "sofia.rossi@example.org");
  EXPECT_EQ(sofia.locale(), "nl");
  EXPECT_EQ(sofia.profile().arrival_date().month(), 3);
  EXPECT_EQ(sofia.profile().arrival_date().day(), 2);
  EXPECT_EQ(sofia.profile().start_date().day(), 9);
  EXPECT_EQ(sofia.profile().municipality(), "hof-van-twente");
  EXPECT_TRUE(sofia.profile().has_partner());
  EXPECT_THAT(sofia.profile().children_ages(), ::testing::ElementsAre(4, 7));
  EXPECT_FALSE(sofia.profile().eu_citizen());
  EXPECT_EQ(sofia.profile().permit_type(), v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT);

  const v1::NewHireRow& lukas = preview.rows(1);
  EXPECT_TRUE(lukas.profile().eu_citizen());
  EXPECT_EQ(lukas.profile().permit_type(), v1::PERMIT_TYPE_NONE);
  EXPECT_EQ(lukas.locale(), "en");

  // 31 April does not exist: the error names the row and the column as
  // the file writes it, in Dutch, and no field path.
  const v1::NewHireRow& priya = preview.rows(2);
  EXPECT_EQ(priya.row(), 4);
  EXPECT_EQ(priya.outcome(), v1::NEW_HIRE_OUTCOME_INVALID);
  ASSERT_EQ(priya.errors_size(), 1);
  EXPECT_EQ(priya.errors(0).column(), "Startdatum");
  EXPECT_THAT(priya.errors(0).message(), HasSubstr("geen datum"));
  EXPECT_THAT(priya.errors(0).message(), ::testing::Not(HasSubstr("_")));

  EXPECT_EQ(OpenInvitations().size(), open_before);
}

TEST_F(ImportTest, ImportInvitesTheValidRowsOnceAndTheJourneyFollows) {
  v1::ImportNewHiresResponse first;
  grpc::Status s = Import(hr_, kDutchFile, &first);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(first.invited_count(), 2);
  EXPECT_EQ(first.invalid_count(), 1);
  EXPECT_EQ(first.rows(0).outcome(), v1::NEW_HIRE_OUTCOME_INVITED);
  EXPECT_FALSE(first.rows(0).invitation().id().empty());
  EXPECT_TRUE(first.rows(0).invitation().code().empty());

  std::vector<std::string> invited;
  for (const v1::Invitation& inv : OpenInvitations()) {
    invited.push_back(inv.email());
  }
  EXPECT_THAT(invited, ::testing::IsSupersetOf({"sofia.rossi@example.org",
                                                "lukas.weber@example.org"}));
  EXPECT_THAT(invited,
              ::testing::Not(::testing::Contains("priya.nair@example.org")));

  // The same file again: nobody is invited twice.
  v1::ImportNewHiresResponse again;
  ASSERT_TRUE(Import(hr_, kDutchFile, &again).ok());
  EXPECT_EQ(again.invited_count(), 0);
  EXPECT_EQ(again.skipped_count(), 2);
  EXPECT_EQ(again.rows(0).outcome(), v1::NEW_HIRE_OUTCOME_ALREADY_INVITED);
  EXPECT_EQ(OpenInvitations().size(), invited.size());

  // Sofia accepts: her journey is planned from the row's profile.
  grpc::ClientContext resend_ctx;
  WithToken(resend_ctx, hr_);
  v1::ResendInvitationRequest resend;
  resend.set_invitation_id(first.rows(0).invitation().id());
  v1::ResendInvitationResponse code;
  ASSERT_TRUE(identity_->ResendInvitation(&resend_ctx, resend, &code).ok());
  grpc::ClientContext accept_ctx;
  v1::AcceptInvitationRequest accept;
  accept.set_code(code.invitation().code());
  accept.set_password("a good long password");
  v1::AcceptInvitationResponse session;
  s = identity_->AcceptInvitation(&accept_ctx, accept, &session);
  ASSERT_TRUE(s.ok()) << s.error_message();
  auto journeys = v1::JourneyService::NewStub(server_->Channel());
  grpc::ClientContext journey_ctx;
  WithToken(journey_ctx, session.session().token());
  v1::GetJourneyResponse journey;
  s = journeys->GetJourney(&journey_ctx, v1::GetJourneyRequest(), &journey);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(journey.journey().profile().municipality(), "hof-van-twente");
  EXPECT_THAT(journey.journey().profile().children_ages(),
              ::testing::ElementsAre(4, 7));

  // Now a member: a third upload shows her as such.
  v1::PreviewNewHiresResponse third;
  ASSERT_TRUE(Preview(hr_, kDutchFile, &third).ok());
  EXPECT_EQ(third.rows(0).outcome(), v1::NEW_HIRE_OUTCOME_ALREADY_MEMBER);
}

TEST_F(ImportTest, OnlyTheEmployersHrMayImport) {
  const std::string org_id = HrOrgId();
  const size_t open_before = OpenInvitations().size();
  v1::ImportNewHiresResponse resp;
  // Another employer's HR: as if the organisation did not exist.
  EXPECT_EQ(
      Import(server_->Login("hr", 1), kDutchFile, &resp, org_id).error_code(),
      grpc::StatusCode::NOT_FOUND);
  v1::PreviewNewHiresResponse preview;
  EXPECT_EQ(Preview(server_->Login("hr", 1), kDutchFile, &preview, org_id)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      Import(server_->Login("advisor"), kDutchFile, &resp, org_id).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Import(server_->Login("newcomer"), kDutchFile, &resp, org_id)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(OpenInvitations().size(), open_before);
}

TEST_F(ImportTest, TooLargeFilesAndFilesWithoutTheColumnsAreRefused) {
  std::string many = "name,email\n";
  for (int i = 0; i < 501; ++i) {
    absl::StrAppend(&many, "Person ", i, ",person", i, "@example.org\n");
  }
  v1::ImportNewHiresResponse resp;
  grpc::Status s = Import(hr_, many, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(s.error_message(), HasSubstr("500"));
  s = Import(hr_, std::string(1100 * 1024, 'x'), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  s = Import(hr_, "name,phone\nSofia,0612345678\n", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("E-mail"));
  s = Import(hr_, "name,email\n\"Sofia,sofia@example.org\n", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("Row 2"));
  for (const v1::Invitation& inv : OpenInvitations()) {
    EXPECT_NE(inv.email(), "person0@example.org");
  }
}

TEST_F(ImportTest, TheConnectGatewayServesPreviewAndImport) {
  httplib::Client http("127.0.0.1", server_->http_port());
  httplib::Headers headers = {{"Authorization", "Bearer " + hr_},
                              {"Accept-Language", "en-GB"}};
  const std::string body =
      R"({"csv": "Name,E-mail,Start date\nAnna Kowalska,anna@example.org,)"
      R"(2026-05-04\nBad Row,not-an-address,2026-05-04\n"})";
  httplib::Result preview =
      http.Post("/welkom.v1.ImportService/PreviewNewHires", headers, body,
                "application/json");
  ASSERT_TRUE(preview);
  EXPECT_EQ(preview->status, 200) << preview->body;
  EXPECT_THAT(preview->body, HasSubstr("\"readyCount\":1"));
  EXPECT_THAT(preview->body, HasSubstr("is not an e-mail address"));
  httplib::Result imported =
      http.Post("/welkom.v1.ImportService/ImportNewHires", headers, body,
                "application/json");
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->status, 200) << imported->body;
  EXPECT_THAT(imported->body, HasSubstr("\"invitedCount\":1"));
  httplib::Result other =
      http.Post("/welkom.v1.ImportService/ImportNewHires",
                {{"Authorization", "Bearer " + server_->Login("hr", 1)}},
                absl::StrCat(R"({"organizationId": ")", HrOrgId(), R"(", )",
                             body.substr(1)),
                "application/json");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404) << other->body;
}

}  // namespace
}  // namespace welkom
