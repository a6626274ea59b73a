// The HTTP port's life cycle: it serves as soon as Start returns, and a Stop
// right after Start always ends it (httplib ignores stop() until its thread
// listens, which once hung welkomd on a quick SIGTERM).
#include "server/gateway/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <filesystem>

#include "server/base/clock.h"
#include "server/rpc/dispatcher.h"
#include "server/rpc/executor.h"
#include "server/store/database.h"

namespace welkom::gateway {
namespace {

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/welkom-http-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Database::Open({dir_ + "/test.db"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    dispatcher_ =
        std::make_unique<rpc::Dispatcher>(db_.get(), &clock_, &executor_);
  }
  void TearDown() override {
    dispatcher_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  SystemClock clock_;
  rpc::Executor executor_{1};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<rpc::Dispatcher> dispatcher_;
};

TEST_F(HttpServerTest, StopRightAfterStartAlwaysReturns) {
  for (int i = 0; i < 200; ++i) {
    HttpServer server(db_.get(), dispatcher_.get(), 1 << 20);
    absl::StatusOr<int> port = server.Start("127.0.0.1:0");
    ASSERT_TRUE(port.ok()) << port.status();
    server.Stop();  // hangs here without the wait in Start
  }
}

TEST_F(HttpServerTest, ServesAsSoonAsStartReturns) {
  HttpServer server(db_.get(), dispatcher_.get(), 1 << 20);
  absl::StatusOr<int> port = server.Start("127.0.0.1:0");
  ASSERT_TRUE(port.ok()) << port.status();
  httplib::Client client("127.0.0.1", *port);
  httplib::Result res = client.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  server.Stop();
}

TEST_F(HttpServerTest, ATakenPortIsUnavailable) {
  HttpServer first(db_.get(), dispatcher_.get(), 1 << 20);
  absl::StatusOr<int> port = first.Start("127.0.0.1:0");
  ASSERT_TRUE(port.ok()) << port.status();
  HttpServer second(db_.get(), dispatcher_.get(), 1 << 20);
  absl::StatusOr<int> again =
      second.Start("127.0.0.1:" + std::to_string(*port));
  EXPECT_EQ(again.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace welkom::gateway
