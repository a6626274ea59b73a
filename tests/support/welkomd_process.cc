#include "tests/support/welkomd_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom::testing {
namespace {

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "welkomd_process: %s\n", why.c_str());
  std::abort();
}

bool ReadPorts(const std::string& path, int* grpc, int* http) {
  std::ifstream in(path);
  std::string line;
  bool got = false;
  while (std::getline(in, line)) {
    if (line.rfind("grpc=", 0) == 0)
      got = absl::SimpleAtoi(line.substr(5), grpc);
    if (line.rfind("http=", 0) == 0) absl::SimpleAtoi(line.substr(5), http);
  }
  return got && *grpc > 0;
}

}  // namespace

std::unique_ptr<WelkomdProcess> WelkomdProcess::Start(Options options) {
  std::unique_ptr<WelkomdProcess> p(new WelkomdProcess());
  if (options.dir.empty()) {
    char tmpl[] = "/tmp/welkomd-test-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) Die("mkdtemp failed");
    p->dir_ = tmpl;
    p->owns_dir_ = true;
  } else {
    p->dir_ = options.dir;
  }
  std::string port_file = p->dir_ + "/ports";
  std::remove(port_file.c_str());
  // WELKOMD_UNDER_TEST runs the tests against another build (to show that a
  // new test fails on the code before its fix).
  const char* binary = std::getenv("WELKOMD_UNDER_TEST");
  std::vector<std::string> args = {
      binary != nullptr && *binary != '\0' ? binary : WELKOMD_PATH,
      "--db=" + p->db_path(),
      "--grpc-listen=127.0.0.1:0",
      "--http-listen=127.0.0.1:0",
      "--port-file=" + port_file,
      "--log-level=debug",
  };
  if (options.demo) args.push_back("--demo");
  if (!options.jobs) args.push_back("--jobs-interval=0");
  for (const auto& a : options.extra_args) args.push_back(a);

  pid_t pid = fork();
  if (pid < 0) Die("fork failed");
  if (pid == 0) {
    int out = open((p->dir_ + "/stdout.txt").c_str(),
                   O_WRONLY | O_CREAT | O_APPEND, 0600);
    int err = open((p->dir_ + "/stderr.txt").c_str(),
                   O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  p->pid_ = pid;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!ReadPorts(port_file, &p->grpc_port_, &p->http_port_)) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      p->pid_ = -1;
      Die("welkomd exited during start:\n" + p->Log());
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Die("welkomd did not start within 30 s:\n" + p->Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (options.demo) {
    auto accounts = demo::ReadDemoAccounts(p->dir_ + "/demo-accounts.txt");
    if (!accounts.ok()) Die("no demo accounts file");
    p->accounts_ = std::move(*accounts);
  }
  return p;
}

WelkomdProcess::~WelkomdProcess() {
  Stop();
  if (owns_dir_) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

int WelkomdProcess::Stop() {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      // A hang on shutdown is a bug of welkomd: say so, rather than let the
      // test time out without a word.
      ADD_FAILURE() << "welkomd did not stop within 30 s of SIGTERM:\n"
                    << Log();
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void WelkomdProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string WelkomdProcess::grpc_address() const {
  return absl::StrCat("127.0.0.1:", grpc_port_);
}

std::string WelkomdProcess::Log() const {
  std::ifstream in(dir_ + "/stderr.txt");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::shared_ptr<grpc::Channel> WelkomdProcess::Channel() const {
  return grpc::CreateChannel(grpc_address(),
                             grpc::InsecureChannelCredentials());
}

const demo::DemoAccount& WelkomdProcess::Account(const std::string& role,
                                                 int index) const {
  for (const auto& a : accounts_) {
    if (a.role == role && index-- == 0) return a;
  }
  Die("no demo account with role " + role);
}

std::string WelkomdProcess::Login(const std::string& role, int index) const {
  const demo::DemoAccount& a = Account(role, index);
  return LoginAs(a.email, a.password);
}

std::string WelkomdProcess::LoginAs(const std::string& email,
                                    const std::string& password) const {
  auto stub = v1::IdentityService::NewStub(Channel());
  grpc::ClientContext ctx;
  v1::LoginRequest req;
  req.set_email(email);
  req.set_password(password);
  v1::LoginResponse resp;
  grpc::Status status = stub->Login(&ctx, req, &resp);
  EXPECT_TRUE(status.ok()) << "login " << email << ": "
                           << status.error_message();
  return resp.session().token();
}

std::string WelkomdProcess::InviteAndAccept(
    const std::string& inviter_token,
    const v1::CreateInvitationRequest& invitation) const {
  auto stub = v1::IdentityService::NewStub(Channel());
  v1::CreateInvitationResponse inv;
  grpc::ClientContext ctx;
  WithToken(ctx, inviter_token);
  grpc::Status s = stub->CreateInvitation(&ctx, invitation, &inv);
  EXPECT_TRUE(s.ok()) << s.error_message();
  if (!s.ok()) return "";
  grpc::ClientContext ctx2;
  v1::AcceptInvitationRequest accept;
  accept.set_code(inv.invitation().code());
  accept.set_password("a long enough password");
  v1::AcceptInvitationResponse session;
  s = stub->AcceptInvitation(&ctx2, accept, &session);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return session.session().token();
}

void WithToken(grpc::ClientContext& ctx, const std::string& token) {
  ctx.AddMetadata("authorization", "Bearer " + token);
}

}  // namespace welkom::testing
