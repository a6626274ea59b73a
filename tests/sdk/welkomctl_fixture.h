// File: welkomctl_fixture.h
// welkomctl run as a process against a real welkomd (SdkFixture), as a
// person runs it after `make run`; shared by welkomctl_test.cc (the
// newcomer's flows) and welkomctl_account_test.cc (mail settings, the
// person's data, HR's import and webhooks, the buddy).
#ifndef WELKOM_TESTS_SDK_WELKOMCTL_FIXTURE_H_
#define WELKOM_TESTS_SDK_WELKOMCTL_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/sdk/sdk_fixture.h"

namespace welkom::sdk {

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
    EXPECT_THAT(login.out, ::testing::HasSubstr("signed in as"));
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

}  // namespace welkom::sdk

#endif  // WELKOM_TESTS_SDK_WELKOMCTL_FIXTURE_H_
