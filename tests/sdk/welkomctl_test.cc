// welkomctl, the README's first thing to try after `make run`, run as a
// process against a real welkomd: login, journey, step done, inbox, and a
// change made while the server is down that `sync` sends later.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tests/sdk/sdk_fixture.h"
#include "tests/support/notification_rows.h"

namespace welkom::sdk {
namespace {

using ::testing::HasSubstr;

struct Output {
  int exit_code = -1;
  std::string out;  // stdout and stderr
};

class WelkomctlTest : public SdkFixture {
 protected:
  Output Welkomctl(const std::string& args) {
    std::string command =
        absl::StrCat(WELKOMCTL_PATH, " --server ", server_->grpc_address(),
                     " --web http://127.0.0.1:", server_->http_port(),
                     " --cache ", server_->dir(), "/welkomctl.db ", args,
                     " 2>&1");
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
  std::vector<const char*> argv = {WELKOMCTL_PATH, "--server", server.c_str(),
                                   "--cache", cache.c_str(), "sync", nullptr};
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
  EXPECT_TRUE(conflicts.empty()) << conflicts.size() << " conflicts, first: "
                                 << conflicts.front().status;
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

}  // namespace
}  // namespace welkom::sdk
