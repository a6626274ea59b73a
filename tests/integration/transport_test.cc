// welkomd's transport: TLS through gRPC's SSL credentials, session expiry.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/support/welkomd_process.h"
#include "welkom/v1/identity.grpc.pb.h"

namespace welkom {
namespace {

using testing::WelkomdProcess;
using testing::WithToken;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(TransportTest, ServesGrpcOverTls) {
  char tmpl[] = "/tmp/welkom-tls-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
      dir + "/key.pem -out " + dir + "/cert.pem 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);

  WelkomdProcess::Options options;
  options.extra_args = {"--tls-cert=" + dir + "/cert.pem",
                        "--tls-key=" + dir + "/key.pem"};
  auto server = WelkomdProcess::Start(options);

  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadAll(dir + "/cert.pem");
  auto channel =
      grpc::CreateChannel("localhost:" + std::to_string(server->grpc_port()),
                          grpc::SslCredentials(ssl));
  auto stub = v1::IdentityService::NewStub(channel);
  grpc::ClientContext ctx;
  v1::LoginRequest req;
  req.set_email(server->Account("advisor").email);
  req.set_password(server->Account("advisor").password);
  v1::LoginResponse resp;
  grpc::Status status = stub->Login(&ctx, req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(resp.session().token().empty());

  // A plaintext client cannot talk to the TLS port.
  auto plain = v1::IdentityService::NewStub(server->Channel());
  grpc::ClientContext plain_ctx;
  plain_ctx.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(2));
  v1::LoginResponse plain_resp;
  EXPECT_FALSE(plain->Login(&plain_ctx, req, &plain_resp).ok());
  server.reset();
  std::system(("rm -rf " + dir).c_str());
}

TEST(TransportTest, OnlyOneOfCertAndKeyIsRefusedAtStart) {
  char tmpl[] = "/tmp/welkom-tls-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string cmd = std::string(WELKOMD_PATH) + " --db=" + tmpl +
                    "/w.db --tls-cert=/nonexistent.pem 2>/dev/null";
  int rc = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 1) << rc;
  std::system((std::string("rm -rf ") + tmpl).c_str());
}

// A second welkomd on a port already in use must fail at start with a clear
// message, not share the port (SO_REUSEPORT) and answer half the requests.
TEST(TransportTest, APortInUseIsRefusedAtStart) {
  WelkomdProcess::Options options;
  options.demo = false;
  auto running = WelkomdProcess::Start(options);
  char tmpl[] = "/tmp/welkom-port-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  auto start = [&](const std::string& grpc, const std::string& http) {
    std::string cmd = std::string("timeout 30 ") + WELKOMD_PATH +
                      " --db=" + tmpl + "/w.db --grpc-listen=" + grpc +
                      " --http-listen=" + http + " 2>" + tmpl + "/err.txt";
    int rc = std::system(cmd.c_str());
    std::ifstream in(std::string(tmpl) + "/err.txt");
    std::stringstream err;
    err << in.rdbuf();
    return std::make_pair(WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, err.str());
  };
  std::string taken = "127.0.0.1:" + std::to_string(running->grpc_port());
  auto [grpc_rc, grpc_err] = start(taken, "127.0.0.1:0");
  EXPECT_EQ(grpc_rc, 1) << grpc_err;  // 124: it started and was timed out
  EXPECT_THAT(grpc_err, ::testing::HasSubstr("cannot listen")) << grpc_err;

  taken = "127.0.0.1:" + std::to_string(running->http_port());
  auto [http_rc, http_err] = start("127.0.0.1:0", taken);
  EXPECT_EQ(http_rc, 1) << http_err;
  EXPECT_THAT(http_err, ::testing::HasSubstr("cannot listen")) << http_err;
  std::system((std::string("rm -rf ") + tmpl).c_str());
}

TEST(TransportTest, ExpiredSessionIsUnauthenticated) {
  auto server = WelkomdProcess::Start();
  std::string token = server->Login("hr");
  auto stub = v1::IdentityService::NewStub(server->Channel());
  {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::WhoAmIResponse who;
    ASSERT_TRUE(stub->WhoAmI(&ctx, {}, &who).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(server->db_path().c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE sessions SET expires_at = "
                         "strftime('%s','now') - 1",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  grpc::ClientContext ctx;
  WithToken(ctx, token);
  v1::WhoAmIResponse who;
  grpc::Status status = stub->WhoAmI(&ctx, {}, &who);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("expired"));
}

TEST(TransportTest, ConsoleSessionsAreShortAndPhoneSessionsLong) {
  auto server = WelkomdProcess::Start();
  auto stub = v1::IdentityService::NewStub(server->Channel());
  auto lifetime_hours = [&](const std::string& role) {
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_email(server->Account(role).email);
    req.set_password(server->Account(role).password);
    v1::LoginResponse resp;
    EXPECT_TRUE(stub->Login(&ctx, req, &resp).ok());
    return (resp.session().expire_time().seconds() - time(nullptr)) / 3600;
  };
  EXPECT_LE(lifetime_hours("hr"), 12);
  EXPECT_GE(lifetime_hours("newcomer"), 24 * 89);
}

}  // namespace
}  // namespace welkom
