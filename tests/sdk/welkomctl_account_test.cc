// welkomctl against a real welkomd, the commands beyond the newcomer's
// journey: how mail arrives, the person's own data (export, erasure), HR's
// import of new hires and an organisation's webhooks, and the buddy's
// profile and proposals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tests/sdk/welkomctl_fixture.h"
#include "tests/support/notification_rows.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom::sdk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(WelkomctlTest, MailListsAndSetsHowEachKindArrives) {
  LoginAsNewcomer();
  Output shown = Welkomctl("mail");
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  EXPECT_THAT(shown.out,
              ::testing::ContainsRegex("event_cancelled +immediate"));
  Output set = Welkomctl("mail set event_cancelled digest");
  ASSERT_EQ(set.exit_code, 0) << set.out;
  EXPECT_THAT(set.out, ::testing::ContainsRegex("event_cancelled +digest"));
  EXPECT_NE(Welkomctl("mail set no_such_kind off").exit_code, 0);
  EXPECT_EQ(Welkomctl("mail set event_cancelled sometimes").exit_code, 2);
}

// The person's copy of their data: a JSON file only they can read, with
// their account and journey in it; offline it says so and writes nothing.
TEST_F(WelkomctlTest, ExportSavesTheUsersDataAsAPrivateJsonFile) {
  LoginAsNewcomer();
  const std::string path = server_->dir() + "/my-data.json";
  Output exported = Welkomctl("export " + path);
  ASSERT_EQ(exported.exit_code, 0) << exported.out;
  EXPECT_THAT(exported.out, HasSubstr("only you can read it"));
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  FILE* f = std::fopen(path.c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string json;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) json.append(buf, n);
  std::fclose(f);
  EXPECT_THAT(json, HasSubstr(server_->Account("newcomer").email));
  EXPECT_THAT(json, HasSubstr("\"steps\""));
  EXPECT_EQ(Welkomctl("export").exit_code, 2);
  server_->Stop();
  const std::string offline_path = server_->dir() + "/offline.json";
  Output offline = Welkomctl("export " + offline_path);
  EXPECT_NE(offline.exit_code, 0);
  EXPECT_NE(access(offline_path.c_str(), F_OK), 0);
}

// HR's import of new hires: --dry-run shows each row and invites nobody,
// the import invites the valid rows, and a second run invites nobody.
TEST_F(WelkomctlTest, ImportInvitesTheNewHiresOfACsvFileOnce) {
  const auto& hr = server_->Account("hr");
  ASSERT_EQ(Welkomctl("login " + hr.email + " " + hr.password).exit_code, 0);
  const std::string path = server_->dir() + "/new-hires.csv";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(
      "Naam;E-mailadres;Startdatum\n"
      "Ana Souza;ana.souza@example.org;4-5-2026\n"
      "Bad Date;bad.date@example.org;4-13-2026\n",
      f);
  std::fclose(f);
  Output dry = Welkomctl("import " + path + " --dry-run");
  ASSERT_EQ(dry.exit_code, 0) << dry.out;
  EXPECT_THAT(dry.out, HasSubstr("row 2  would invite"));
  EXPECT_THAT(dry.out, HasSubstr("row 3  not invited"));
  EXPECT_THAT(dry.out, HasSubstr("Startdatum: is not a date"));
  EXPECT_THAT(dry.out,
              HasSubstr("1 to invite, 0 already there, 1 with errors"));
  Output done = Welkomctl("import " + path);
  ASSERT_EQ(done.exit_code, 0) << done.out;
  EXPECT_THAT(done.out, HasSubstr("1 invited, 0 already there, 1 with errors"));
  Output again = Welkomctl("import " + path);
  EXPECT_THAT(again.out, HasSubstr("row 2  already invited"));
  EXPECT_THAT(again.out, HasSubstr("0 invited, 1 already there"));
  EXPECT_EQ(Welkomctl("import").exit_code, 2);
  EXPECT_NE(Welkomctl("import " + server_->dir() + "/missing.csv").exit_code,
            0);
}

// Webhook endpoints from the command line: the secret is printed by add
// and rotate only; a private address and an unknown event type exit
// non-zero with the field; delete removes it. (An address literal: the
// check needs no DNS, and no event is sent in this test.)
TEST_F(WelkomctlTest, WebhooksAddListRotateAndDeleteAnEndpoint) {
  const auto& hr = server_->Account("hr");
  ASSERT_EQ(Welkomctl("login " + hr.email + " " + hr.password).exit_code, 0);
  Output added = Welkomctl(
      "webhooks add https://93.184.215.14/welkom --events "
      "step.done,checkin.low");
  ASSERT_EQ(added.exit_code, 0) << added.out;
  EXPECT_THAT(added.out, HasSubstr("secret: whsec_"));
  EXPECT_THAT(added.out, HasSubstr("events: step.done,checkin.low"));
  const size_t at = added.out.find("whe_");
  ASSERT_NE(at, std::string::npos);
  const std::string id = added.out.substr(at, added.out.find(' ', at) - at);
  const size_t secret_at = added.out.find("whsec_");
  const std::string secret =
      added.out.substr(secret_at, added.out.find('\n', secret_at) - secret_at);

  Output list = Welkomctl("webhooks list");
  ASSERT_EQ(list.exit_code, 0) << list.out;
  EXPECT_THAT(list.out, HasSubstr(id));
  EXPECT_THAT(list.out, HasSubstr("https://93.184.215.14/welkom"));
  EXPECT_THAT(list.out, Not(HasSubstr("whsec_")));
  EXPECT_THAT(Welkomctl("webhooks deliveries " + id).out,
              HasSubstr("no deliveries yet"));
  Output rotated = Welkomctl("webhooks rotate " + id);
  ASSERT_EQ(rotated.exit_code, 0) << rotated.out;
  EXPECT_THAT(rotated.out, HasSubstr("secret: whsec_"));
  EXPECT_THAT(rotated.out, Not(HasSubstr(secret)));

  Output private_address =
      Welkomctl("webhooks add https://10.0.0.1/x --events step.done");
  EXPECT_NE(private_address.exit_code, 0);
  EXPECT_THAT(private_address.out, HasSubstr("must not name a private"));
  EXPECT_THAT(private_address.out, HasSubstr("(url)"));
  Output unknown =
      Welkomctl("webhooks add https://93.184.215.14/x --events step.done,nope");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_THAT(unknown.out, HasSubstr("unknown event type"));
  EXPECT_THAT(unknown.out, HasSubstr("(event_types)"));
  EXPECT_EQ(Welkomctl("webhooks add https://93.184.215.14/x").exit_code, 2);

  Output deleted = Welkomctl("webhooks delete " + id);
  ASSERT_EQ(deleted.exit_code, 0) << deleted.out;
  EXPECT_THAT(Welkomctl("webhooks list").out,
              HasSubstr("no webhook endpoints"));
  EXPECT_NE(Welkomctl("webhooks delete " + id).exit_code, 0);
}

// Erasure from the command line: asked only after typing "erase", shown
// with its day, called off again; staff cannot ask for it.
TEST_F(WelkomctlTest, EraseAsksForConfirmationAndCanBeCalledOff) {
  LoginAsNewcomer();
  const std::string yes = server_->dir() + "/yes-erase";
  FILE* f = std::fopen(yes.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("erase\n", f);
  std::fclose(f);
  Output unconfirmed = Welkomctl("erase request < /dev/null");
  EXPECT_NE(unconfirmed.exit_code, 0);
  EXPECT_THAT(unconfirmed.out, HasSubstr("nothing asked"));
  EXPECT_THAT(Welkomctl("erase").out, HasSubstr("no erasure is scheduled"));
  Output asked = Welkomctl("erase request < " + yes);
  ASSERT_EQ(asked.exit_code, 0) << asked.out;
  EXPECT_THAT(asked.out, HasSubstr("your data will be erased on "));
  EXPECT_THAT(Welkomctl("erase status").out,
              HasSubstr("your data will be erased on "));
  Output cancelled = Welkomctl("erase cancel");
  ASSERT_EQ(cancelled.exit_code, 0) << cancelled.out;
  EXPECT_THAT(cancelled.out, HasSubstr("no erasure is scheduled"));
  EXPECT_NE(Welkomctl("erase cancel").exit_code, 0);
  ASSERT_EQ(Welkomctl("logout").exit_code, 0);
  const auto& hr = server_->Account("hr");
  ASSERT_EQ(Welkomctl("login " + hr.email + " " + hr.password).exit_code, 0);
  EXPECT_NE(Welkomctl("erase request < " + yes).exit_code, 0);
}

TEST_F(WelkomctlTest, BuddyFillsTheProfileAndAnswersAProposal) {
  const auto& buddy = server_->Account("buddy");
  ASSERT_EQ(Welkomctl("login " + buddy.email + " " + buddy.password).exit_code,
            0);
  Output set = Welkomctl(
      "profile set capacity=2 'interests=cycling,board games' "
      "household=partner");
  ASSERT_EQ(set.exit_code, 0) << set.out;
  EXPECT_THAT(set.out, HasSubstr("capacity:    2"));
  EXPECT_THAT(set.out, HasSubstr("board games"));
  Output bad = Welkomctl("profile set capacity=9");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.out, HasSubstr("must be 1 to 5"));

  // The advisor proposes a new newcomer to this buddy by hand.
  v1::CreateInvitationRequest invite;
  invite.set_role(v1::ROLE_NEWCOMER);
  invite.set_email("matched.by.hand@example.org");
  invite.set_display_name("Noor Haddad");
  const std::string newcomer =
      server_->InviteAndAccept(server_->Login("hr"), invite);
  ASSERT_FALSE(newcomer.empty());
  auto identity = v1::IdentityService::NewStub(server_->Channel());
  grpc::ClientContext who_ctx;
  welkom::testing::WithToken(who_ctx, newcomer);
  v1::WhoAmIResponse who;
  ASSERT_TRUE(identity->WhoAmI(&who_ctx, {}, &who).ok());
  auto stub = v1::BuddyService::NewStub(server_->Channel());
  {
    grpc::ClientContext ctx;
    welkom::testing::WithToken(ctx, newcomer);
    v1::SetMyPreferencesRequest req;
    req.mutable_preferences()->add_languages("en");
    v1::NewcomerPreferences out;
    ASSERT_TRUE(stub->SetMyPreferences(&ctx, req, &out).ok());
  }
  grpc::ClientContext ctx;
  welkom::testing::WithToken(ctx, server_->Login("advisor"));
  v1::OverrideMatchRequest req;
  req.set_newcomer_id(who.member().id());
  req.set_buddy_id(buddy.user_id);
  v1::Match proposal;
  grpc::Status s = stub->OverrideMatch(&ctx, req, &proposal);
  ASSERT_TRUE(s.ok()) << s.error_message();

  Output matches = Welkomctl("matches");
  ASSERT_EQ(matches.exit_code, 0) << matches.out;
  EXPECT_THAT(matches.out, HasSubstr(proposal.match_id() + "  proposed"));
  EXPECT_THAT(matches.out, HasSubstr("score "));
  EXPECT_THAT(matches.out, HasSubstr("answer within 7"));  // 71h or 72h
  Output accept = Welkomctl("proposal accept " + proposal.match_id());
  ASSERT_EQ(accept.exit_code, 0) << accept.out;
  EXPECT_THAT(accept.out, HasSubstr("accepted: matched"));
  Output again = Welkomctl("proposal decline " + proposal.match_id());
  EXPECT_NE(again.exit_code, 0);
  EXPECT_THAT(again.out, HasSubstr("already answered"));
}

}  // namespace
}  // namespace welkom::sdk
