// welkomctl, the README's first thing to try after `make run`, run as a
// process against a real welkomd: login, journey, step done, inbox, and a
// change made while the server is down that `sync` sends later.
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

// The invitation to first login from the command line, then a new
// password: wrong codes and weak passwords exit non-zero with the reason.
TEST_F(WelkomctlTest, AcceptSignsInAndPasswordChangesIt) {
  auto stub = v1::IdentityService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  welkom::testing::WithToken(ctx, server_->Login("hr"));
  v1::CreateInvitationRequest req;
  req.set_role(v1::ROLE_NEWCOMER);
  req.set_email("cli.newcomer@example.org");
  req.set_display_name("Sofia Rossi");
  v1::CreateInvitationResponse inv;
  ASSERT_TRUE(stub->CreateInvitation(&ctx, req, &inv).ok());
  const std::string code = inv.invitation().code();

  Output wrong = Welkomctl("accept not-a-code 'a good long password'");
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_THAT(wrong.out, HasSubstr("no invitation has this code"));
  // A wrong code is refused before a password is asked for.
  Output wrong_typed = Welkomctl("accept not-a-code < /dev/null");
  EXPECT_NE(wrong_typed.exit_code, 0);
  EXPECT_THAT(wrong_typed.out, HasSubstr("no invitation has this code"));
  EXPECT_THAT(wrong_typed.out, Not(HasSubstr("choose a password")));
  Output weak = Welkomctl("accept " + code + " short");
  EXPECT_NE(weak.exit_code, 0);
  EXPECT_THAT(weak.out, HasSubstr("at least 12 characters"));

  Output accepted = Welkomctl("accept " + code + " 'a good long password'");
  ASSERT_EQ(accepted.exit_code, 0) << accepted.out;
  // Who invites whom, then the welcome.
  const size_t invites =
      accepted.out.find(" invites Sofia Rossi <cli.newcomer@example.org> to ");
  ASSERT_NE(invites, std::string::npos) << accepted.out;
  EXPECT_THAT(accepted.out, HasSubstr(", as newcomer\n"));
  EXPECT_GT(accepted.out.find("welcome, Sofia Rossi"), invites);
  Output who = Welkomctl("whoami");
  EXPECT_THAT(who.out, HasSubstr("cli.newcomer@example.org"));
  // Invited without a profile, so nothing is planned yet: the newcomer is
  // told who plans it, not "journey not found".
  Output unplanned = Welkomctl("journey");
  EXPECT_NE(unplanned.exit_code, 0);
  EXPECT_THAT(unplanned.out, HasSubstr("you have no journey yet"));
  EXPECT_THAT(unplanned.out, HasSubstr("HR"));
  Output used = Welkomctl("accept " + code + " 'a good long password'");
  EXPECT_NE(used.exit_code, 0);
  EXPECT_THAT(used.out, HasSubstr("already used"));

  Output bad_current =
      Welkomctl("password 'not my password' 'another long password'");
  EXPECT_NE(bad_current.exit_code, 0);
  EXPECT_THAT(bad_current.out, HasSubstr("does not match"));
  // From stdin, as a person would type them.
  const std::string typed = server_->dir() + "/typed.txt";
  {
    std::FILE* f = std::fopen(typed.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("a good long password\nanother long password\n", f);
    std::fclose(f);
  }
  Output changed = Welkomctl("password < " + typed);
  ASSERT_EQ(changed.exit_code, 0) << changed.out;
  EXPECT_THAT(changed.out, HasSubstr("password changed"));
  EXPECT_FALSE(
      server_->LoginAs("cli.newcomer@example.org", "another long password")
          .empty());
}

TEST_F(WelkomctlTest, LoginJourneyAndStepDoneReachTheServer) {
  LoginAsNewcomer();
  std::string key = StepReadyToFinish();
  ASSERT_FALSE(key.empty());
  Output journey = Welkomctl("journey");
  ASSERT_EQ(journey.exit_code, 0) << journey.out;
  EXPECT_THAT(journey.out, HasSubstr("of your first 90 days"));
  EXPECT_THAT(journey.out, HasSubstr(key));
  Output done = Welkomctl("step done " + key);
  ASSERT_EQ(done.exit_code, 0) << done.out;
  EXPECT_THAT(done.out, HasSubstr("[x] " + key));
  EXPECT_EQ(ServerStatus(key), v1::STEP_STATUS_DONE);
}

TEST_F(WelkomctlTest, StepDoneOfflineIsKeptAndSyncSendsIt) {
  LoginAsNewcomer();
  std::string key = StepReadyToFinish();
  ASSERT_FALSE(key.empty());
  ASSERT_EQ(Welkomctl("journey").exit_code, 0);
  server_->Stop();
  Output offline = Welkomctl("step done " + key);
  ASSERT_EQ(offline.exit_code, 0) << offline.out;
  EXPECT_THAT(offline.out, HasSubstr("offline"));
  Output journey = Welkomctl("journey");
  ASSERT_EQ(journey.exit_code, 0) << journey.out;
  EXPECT_THAT(journey.out, HasSubstr("[x] " + key));
  EXPECT_THAT(journey.out, HasSubstr("1 change(s) made offline"));
  RestartServer();
  Output sync = Welkomctl("sync");
  ASSERT_EQ(sync.exit_code, 0) << sync.out;
  EXPECT_EQ(ServerStatus(key), v1::STEP_STATUS_DONE);
}

TEST_F(WelkomctlTest, InboxListsAndReadMarksNotifications) {
  LoginAsNewcomer();
  int64_t id = welkom::testing::InsertNotification(
      server_->db_path(), server_->Account("newcomer").user_id, "step_due",
      "Register at the town hall", "Inschrijven bij de gemeente");
  Output inbox = Welkomctl("inbox");
  ASSERT_EQ(inbox.exit_code, 0) << inbox.out;
  EXPECT_THAT(inbox.out, HasSubstr("* #" + std::to_string(id)));
  EXPECT_THAT(inbox.out, HasSubstr("Register at the town hall"));
  Output read = Welkomctl("read " + std::to_string(id));
  ASSERT_EQ(read.exit_code, 0) << read.out;
  Output again = Welkomctl("inbox");
  EXPECT_THAT(again.out, ::testing::Not(HasSubstr("* #" + std::to_string(id))));
}

TEST_F(WelkomctlTest, EventsListsAnEventAndRsvpTakesASeat) {
  LoginAsNewcomer();
  std::string id = CreateEventAsAdvisor(/*capacity=*/3);
  Output events = Welkomctl("events");
  ASSERT_EQ(events.exit_code, 0) << events.out;
  EXPECT_THAT(events.out, HasSubstr("Board game night"));
  EXPECT_THAT(events.out, HasSubstr("id " + id));
  Output rsvp = Welkomctl("rsvp " + id);
  ASSERT_EQ(rsvp.exit_code, 0) << rsvp.out;
  EXPECT_THAT(rsvp.out, HasSubstr("Board game night: going"));
  Output again = Welkomctl("events");
  EXPECT_THAT(again.out, HasSubstr("1/3 going"));
}

TEST_F(WelkomctlTest, ClassesListsTheDemoCoursesAndEnrolTakesAPlace) {
  LoginAsNewcomer();
  Output classes = Welkomctl("classes");
  ASSERT_EQ(classes.exit_code, 0) << classes.out;
  EXPECT_THAT(classes.out, HasSubstr("ROC van Twente"));
  auto courses = ServerReader("newcomer")->Classes();
  ASSERT_TRUE(courses.ok() && !courses->empty());
  const v1::Course& course = courses->front();
  EXPECT_THAT(classes.out, HasSubstr("id " + course.id()));
  Output enrol = Welkomctl("enrol " + course.id());
  ASSERT_EQ(enrol.exit_code, 0) << enrol.out;
  EXPECT_THAT(enrol.out, HasSubstr(course.title().en() + ": enrolled"));
  Output again = Welkomctl("classes");
  EXPECT_THAT(again.out,
              HasSubstr(absl::StrCat(course.enrolled_count() + 1, "/",
                                     course.seats(), " enrolled")));
}

TEST_F(WelkomctlTest, CalendarPrintsTheFeedAddressAndKeepsItOffline) {
  LoginAsNewcomer();
  Output calendar = Welkomctl("calendar");
  ASSERT_EQ(calendar.exit_code, 0) << calendar.out;
  std::string prefix =
      absl::StrCat("http://127.0.0.1:", server_->http_port(), "/calendar/");
  EXPECT_THAT(calendar.out, ::testing::StartsWith(prefix));
  EXPECT_THAT(calendar.out, HasSubstr(".ics\n"));
  server_->Stop();
  Output offline = Welkomctl("calendar");
  ASSERT_EQ(offline.exit_code, 0) << offline.out;
  EXPECT_EQ(offline.out, calendar.out);
}

// welkomctl killed (SIGKILL) in the middle of sending a long outbox: at the
// next start the rest goes, what the server had applied is not applied a
// second time (each change carries its request_id; the step's version counts
// every application), and the chain of etags this device made stays its own
// (no conflict).
TEST_F(WelkomctlTest, SyncKilledMidwayLosesNothingAndAppliesNothingTwice) {
  LoginAsNewcomer();
  const std::string cache = server_->dir() + "/welkomctl.db";
  const std::string key = StepReadyToFinish();
  ASSERT_FALSE(key.empty());
  auto reader = ServerReader("newcomer");
  auto server_step = [&]() -> v1::JourneyStep {
    auto journey = reader->GetJourney();
    EXPECT_TRUE(journey.ok()) << journey.status();
    for (const auto& s : journey->steps()) {
      if (s.key() == key) return s;
    }
    return v1::JourneyStep();
  };
  auto version = [](const v1::JourneyStep& s) {
    int64_t v = -1;
    EXPECT_TRUE(absl::SimpleAtoi(s.etag(), &v)) << s.etag();
    return v;
  };
  const int64_t before = version(server_step());

  constexpr int kChanges = 600;
  std::vector<Conflict> conflicts, rejected;
  ClientOptions options = ManualSync(&conflicts, &rejected);
  options.cache_path = cache;
  {
    auto client = OpenClient(options);  // welkomctl's session and cache
    ASSERT_TRUE(client->GetJourney().ok());
    for (int i = 0; i < kChanges; ++i) {
      v1::UpdateStepRequest change;
      change.set_step_key(key);
      change.set_set_note(true);
      change.set_note(absl::StrCat("note ", i));
      ASSERT_TRUE(client->UpdateStep(change).ok());
    }
    EXPECT_EQ(*client->PendingChanges(), kChanges);
  }

  const std::string server = server_->grpc_address();
  std::vector<const char*> argv = {
      WELKOMCTL_PATH, "--server", server.c_str(), "--cache",
      cache.c_str(),  "sync",     nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, WELKOMCTL_PATH, nullptr, nullptr,
                        const_cast<char* const*>(argv.data()), environ),
            0);
  // Killed once the server has applied a few of the changes.
  int64_t applied = 0;
  for (int i = 0; i < 3000 && applied < 20; ++i) {
    applied = version(server_step()) - before;
    if (applied < 20) absl::SleepFor(absl::Milliseconds(5));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  const int64_t at_kill = version(server_step()) - before;
  ASSERT_GE(at_kill, 20);
  ASSERT_LT(at_kill, kChanges) << "the sync ended before it was killed";

  {
    auto client = OpenClient(options);
    ASSERT_TRUE(client->Sync().ok());
    EXPECT_EQ(*client->PendingChanges(), 0);
  }
  EXPECT_TRUE(conflicts.empty())
      << conflicts.size() << " conflicts, first: " << conflicts.front().status;
  EXPECT_TRUE(rejected.empty()) << rejected.size() << " rejected";
  const v1::JourneyStep after = server_step();
  EXPECT_EQ(version(after) - before, kChanges);
  EXPECT_EQ(after.note(), absl::StrCat("note ", kChanges - 1));
}

TEST_F(WelkomctlTest, UnknownCommandPrintsUsageAndExitsTwo) {
  Output run = Welkomctl("fly");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("usage: welkomctl"));
}

// A legal step of the demo newcomer that is still open, and one whose
// help text is not empty.
std::string OpenLegalStep(Client& reader) {
  auto journey = reader.GetJourney();
  if (!journey.ok()) return "";
  for (const auto& s : journey->steps()) {
    if (s.has_legal() && s.owner() == v1::STEP_OWNER_NEWCOMER &&
        s.status() != v1::STEP_STATUS_DONE &&
        s.status() != v1::STEP_STATUS_NOT_APPLICABLE) {
      return s.key();
    }
  }
  return "";
}

TEST_F(WelkomctlTest, StepShowGivesTheHelpTheRuleAndItsSource) {
  LoginAsNewcomer();
  auto reader = ServerReader("newcomer");
  const std::string key = OpenLegalStep(*reader);
  ASSERT_FALSE(key.empty());
  Output show = Welkomctl("step show " + key);
  ASSERT_EQ(show.exit_code, 0) << show.out;
  EXPECT_THAT(show.out, HasSubstr("The rule: "));
  EXPECT_THAT(show.out, HasSubstr("Source: https://"));
  EXPECT_THAT(show.out, HasSubstr("Who acts: you"));
  auto journey = reader->GetJourney();
  for (const auto& s : journey->steps()) {
    if (s.key() == key) {
      EXPECT_THAT(show.out, HasSubstr(s.help().substr(0, 40)));
    }
  }
}

TEST_F(WelkomctlTest, ConsentAndBuddyPreferencesReachTheServer) {
  LoginAsNewcomer();
  Output about = Welkomctl("consent");
  ASSERT_EQ(about.exit_code, 0) << about.out;
  EXPECT_THAT(about.out, HasSubstr("Expat Center"));
  Output grant = Welkomctl("consent grant");
  ASSERT_EQ(grant.exit_code, 0) << grant.out;
  EXPECT_THAT(grant.out, HasSubstr("consent given"));
  EXPECT_TRUE(ServerReader("newcomer")->GetJourney()->advisor_consent());
  Output withdraw = Welkomctl("consent withdraw");
  ASSERT_EQ(withdraw.exit_code, 0) << withdraw.out;
  EXPECT_FALSE(ServerReader("newcomer")->GetJourney()->advisor_consent());

  Output set = Welkomctl(
      "prefs set languages=en,nl interests=cycling,cooking household=single");
  ASSERT_EQ(set.exit_code, 0) << set.out;
  EXPECT_THAT(set.out, HasSubstr("next matching run"));
  auto prefs = ServerReader("newcomer")->BuddyPreferences();
  ASSERT_TRUE(prefs.ok()) << prefs.status();
  EXPECT_THAT(std::vector<std::string>(prefs->languages().begin(),
                                       prefs->languages().end()),
              ::testing::ElementsAre("en", "nl"));
  Output bad = Welkomctl("prefs set languages=zz");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.out, HasSubstr("(languages)"));
  EXPECT_THAT(bad.out, ::testing::Not(HasSubstr("INVALID_ARGUMENT")));
}

TEST_F(WelkomctlTest, ACheckInTheServerRefusesExitsNonZeroWithItsReason) {
  LoginAsNewcomer();
  // Day 90 has not come for the demo newcomer.
  Output early = Welkomctl("checkin 90 8 settling in");
  EXPECT_NE(early.exit_code, 0);
  EXPECT_THAT(early.out, ::testing::Not(HasSubstr("FAILED_PRECONDITION")));
  EXPECT_THAT(early.out, HasSubstr("welkomctl: "));
  Output bad = Welkomctl("checkin 45 8");
  EXPECT_NE(bad.exit_code, 0);
}

TEST_F(WelkomctlTest, OfflineReadsNameTheCopyTheyShow) {
  LoginAsNewcomer();
  ASSERT_EQ(Welkomctl("journey").exit_code, 0);
  server_->Stop();
  Output offline = Welkomctl("journey");
  ASSERT_EQ(offline.exit_code, 0) << offline.out;
  EXPECT_THAT(offline.out, HasSubstr("offline — showing the copy from "));
  Output unreachable = Welkomctl("consent grant");
  EXPECT_NE(unreachable.exit_code, 0);
  EXPECT_THAT(unreachable.out, HasSubstr("cannot reach welkomd at"));
  EXPECT_THAT(unreachable.out, ::testing::Not(HasSubstr("UNAVAILABLE")));
}

TEST_F(WelkomctlTest, SyncNamesAChangeTheServerRefused) {
  LoginAsNewcomer();
  auto reader = ServerReader("newcomer");
  const std::string key = OpenLegalStep(*reader);
  ASSERT_FALSE(key.empty());
  ASSERT_EQ(Welkomctl("journey").exit_code, 0);
  server_->Stop();
  // Newcomers may not waive a legal step; offline the app cannot know yet.
  ASSERT_EQ(Welkomctl("step na " + key).exit_code, 0);
  RestartServer();
  Output sync = Welkomctl("sync");
  EXPECT_NE(sync.exit_code, 0) << sync.out;
  EXPECT_THAT(sync.out,
              HasSubstr("not applied: the change of step '" + key + "'"));
  EXPECT_THAT(sync.out, HasSubstr("legal obligation"));
  EXPECT_THAT(sync.out, ::testing::Not(HasSubstr("everything sent")));
}

}  // namespace
}  // namespace welkom::sdk
