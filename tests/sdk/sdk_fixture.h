// File: sdk_fixture.h
// A real welkomd plus SDK clients on one cache file in a temporary
// directory, for the SDK's integration tests.
#ifndef WELKOM_TESTS_SDK_SDK_FIXTURE_H_
#define WELKOM_TESTS_SDK_SDK_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "tests/support/welkomd_process.h"
#include "welkom/client.h"
#include "welkom/v1/event.grpc.pb.h"

namespace welkom::sdk {

class SdkFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = welkom::testing::WelkomdProcess::Start();
    cache_path_ = server_->dir() + "/sdk-cache.db";
  }

  // Options for a client of this server and cache; backoff short for tests.
  ClientOptions Options() const {
    ClientOptions options;
    options.target = server_->grpc_address();
    options.web_base_url =
        "http://127.0.0.1:" + std::to_string(server_->http_port());
    options.cache_path = cache_path_;
    options.call_timeout = absl::Seconds(5);
    options.backoff.initial = absl::Milliseconds(50);
    options.backoff.max = absl::Milliseconds(500);
    return options;
  }

  // Options() that send only on Sync() and collect what the server refused
  // (conflicts: stale etags; rejected: the rest) where asked.
  ClientOptions ManualSync(std::vector<Conflict>* conflicts = nullptr,
                           std::vector<Conflict>* rejected = nullptr) const {
    ClientOptions options = Options();
    options.sync_automatically = false;
    if (conflicts != nullptr) {
      options.on_conflict = [conflicts](const Conflict& c) {
        conflicts->push_back(c);
      };
    }
    if (rejected != nullptr) {
      options.on_rejected = [rejected](const Conflict& c) {
        rejected->push_back(c);
      };
    }
    return options;
  }

  std::unique_ptr<Client> OpenClient(ClientOptions options) {
    auto client = Client::Open(std::move(options));
    EXPECT_TRUE(client.ok()) << client.status();
    return client.ok() ? std::move(*client) : nullptr;
  }
  std::unique_ptr<Client> OpenClient() { return OpenClient(Options()); }

  std::unique_ptr<Client> SignedInClient(const std::string& role,
                                         ClientOptions options) {
    auto client = OpenClient(std::move(options));
    const auto& account = server_->Account(role);
    auto member = client->Login(account.email, account.password);
    EXPECT_TRUE(member.ok()) << member.status();
    return client;
  }
  std::unique_ptr<Client> SignedInClient(const std::string& role) {
    return SignedInClient(role, Options());
  }
  // A signed-in client with a cache of its own that keeps nothing: for
  // reading what the server holds now.
  std::unique_ptr<Client> ServerReader(const std::string& role) {
    ClientOptions options = Options();
    options.cache_path = ":memory:";
    return SignedInClient(role, options);
  }

  // An event for everyone in two days, created by the demo advisor;
  // returns its id.
  std::string CreateEventAsAdvisor(int capacity) {
    using google::protobuf::util::TimeUtil;
    v1::CreateEventRequest req;
    v1::Event& e = *req.mutable_event();
    e.mutable_title()->set_en("Board game night");
    e.mutable_title()->set_nl("Bordspellenavond");
    int64_t start = absl::ToUnixSeconds(absl::Now() + absl::Hours(48));
    *e.mutable_start_time() = TimeUtil::SecondsToTimestamp(start);
    *e.mutable_end_time() = TimeUtil::SecondsToTimestamp(start + 7200);
    e.set_venue("Het Rozendaal, Enschede");
    e.set_municipality("enschede");
    e.set_capacity(capacity);
    e.set_audience(v1::EVENT_AUDIENCE_EVERYONE);
    auto stub = v1::EventService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    welkom::testing::WithToken(ctx, server_->Login("advisor"));
    v1::CreateEventResponse resp;
    grpc::Status s = stub->CreateEvent(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.event().id();
  }

  // Stops welkomd and starts it again on the same port and database.
  void RestartServer() {
    int port = server_->grpc_port();
    std::string dir = server_->dir();
    server_->Stop();
    welkom::testing::WelkomdProcess::Options options;
    options.dir = dir;
    options.extra_args = {"--grpc-listen=127.0.0.1:" + std::to_string(port)};
    restarted_.push_back(std::move(server_));
    server_ = welkom::testing::WelkomdProcess::Start(options);
  }

  // Stopped processes that own the directory; kept until the test ends and
  // destroyed after server_ (members go in reverse order).
  std::vector<std::unique_ptr<welkom::testing::WelkomdProcess>> restarted_;
  std::unique_ptr<welkom::testing::WelkomdProcess> server_;
  std::string cache_path_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_TESTS_SDK_SDK_FIXTURE_H_
