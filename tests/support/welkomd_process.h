// File: welkomd_process.h
// Integration tests run the real welkomd binary on ephemeral loopback ports
// with a fresh SQLite file in a temporary directory, and talk to it over
// gRPC (and HTTP). The demo region is seeded unless told otherwise.
//
//   auto server = WelkomdProcess::Start();
//   std::string token = server->Login("hr");      // first demo HR account
//   auto stub = welkom::v1::IdentityService::NewStub(server->Channel());
//   grpc::ClientContext ctx; WithToken(ctx, token);
#ifndef WELKOM_TESTS_SUPPORT_WELKOMD_PROCESS_H_
#define WELKOM_TESTS_SUPPORT_WELKOMD_PROCESS_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "server/demo/demo_region.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::testing {

class WelkomdProcess {
 public:
  struct Options {
    bool demo = true;
    std::vector<std::string> extra_args;
    // Background jobs (journey reminders) fill inboxes by the wall clock;
    // off unless a test asks, so inbox contents stay what the test made.
    bool jobs = false;
    // Reuse a directory (and its database) from an earlier process.
    std::string dir;
  };

  // Starts welkomd and waits until it listens. Aborts the test binary with a
  // message if it does not start within 30 s.
  static std::unique_ptr<WelkomdProcess> Start(Options options);
  static std::unique_ptr<WelkomdProcess> Start() { return Start(Options{}); }
  // Stops with SIGTERM (graceful) unless already stopped.
  ~WelkomdProcess();

  // SIGTERM and wait; returns the exit status (0 on a clean stop). A
  // welkomd still running 30 s later fails the test and is killed.
  int Stop();
  // SIGKILL: a crash, for durability tests.
  void Kill();

  // The process id while it runs (e.g. to read /proc/<pid>/status).
  pid_t pid() const { return pid_; }
  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_port_; }
  std::string grpc_address() const;
  const std::string& dir() const { return dir_; }
  std::string db_path() const { return dir_ + "/welkom.db"; }
  // welkomd's stderr so far (the key=value log).
  std::string Log() const;

  std::shared_ptr<grpc::Channel> Channel() const;

  // The demo accounts; `role` is "admin", "advisor", "hr", "buddy" or
  // "newcomer", `index` picks among several of a role.
  const demo::DemoAccount& Account(const std::string& role,
                                   int index = 0) const;
  const std::vector<demo::DemoAccount>& accounts() const { return accounts_; }
  // Logs in as that demo account and returns the session token; fails the
  // test if login fails.
  std::string Login(const std::string& role, int index = 0) const;
  std::string LoginAs(const std::string& email,
                      const std::string& password) const;
  // Sends `invitation` as `inviter_token`, accepts it with a valid password
  // and returns the new member's session token; fails the test (and returns
  // "") if either call fails.
  std::string InviteAndAccept(
      const std::string& inviter_token,
      const v1::CreateInvitationRequest& invitation) const;

 private:
  WelkomdProcess() = default;

  pid_t pid_ = -1;
  int grpc_port_ = 0;
  int http_port_ = 0;
  std::string dir_;
  bool owns_dir_ = false;
  std::vector<demo::DemoAccount> accounts_;
};

// Adds "authorization: Bearer <token>".
void WithToken(grpc::ClientContext& ctx, const std::string& token);

}  // namespace welkom::testing

#endif  // WELKOM_TESTS_SUPPORT_WELKOMD_PROCESS_H_
