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
#include "tests/sdk/sdk_fixture.h"
#include "tests/support/notification_rows.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom::sdk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Output {
  int exit_code = -1;
  std::string out;  // stdout and stderr
};

class WelkomctlTest : public SdkFixture {
 protected:
  Output Welkomctl(const std::string& args) {
    std::string command = absl::StrCat(
        WELKOMCTL_PATH, " --server ", server_->grpc_address(),
        " --web http://127.0.0.1:", server_->http_port(), " --cache ",
        server_->dir(), "/welkomctl.db ", args, " 2>&1");
    Output run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
    int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  void LoginAsNewcomer() {
    const auto& account = server_->Account("newcomer");
    Output login = Welkomctl("login " + account.email + " " + account.password);
    ASSERT_EQ(login.exit_code, 0) << login.out;
    EXPECT_THAT(login.out, HasSubstr("signed in as"));
  }

  // A step of the newcomer that is not done and whose prerequisites are.
  std::string StepReadyToFinish() {
    auto journey = ServerReader("newcomer")->GetJourney();
    EXPECT_TRUE(journey.ok()) << journey.status();
    std::map<std::string, v1::StepStatus> status;
    for (const auto& s : journey->steps()) status[s.key()] = s.status();
    for (const auto& s : journey->steps()) {
      if (s.owner() != v1::STEP_OWNER_NEWCOMER ||
          s.status() == v1::STEP_STATUS_DONE) {
        continue;
      }
      bool ready = true;
      for (const auto& dep : s.depends_on()) {
        ready = ready && status[dep] == v1::STEP_STATUS_DONE;
      }
      if (ready) return s.key();
    }
    return "";
  }

  v1::StepStatus ServerStatus(const std::string& key) {
    auto journey = ServerReader("newcomer")->GetJourney();
    for (const auto& s : journey->steps()) {
      if (s.key() == key) return s.status();
    }
    return v1::STEP_STATUS_UNSPECIFIED;
  }
};

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
