// File: webhook_fixture.h
// What the webhook integration tests share: a real HTTP receiver in the
// test process (cpp-httplib on loopback, allowed by
// --webhooks-allow-loopback-http) that records every POST /hook, the
// Standard Webhooks signature check written from the specification with
// OpenSSL's HMAC (not welkomd's code), and a real welkomd fixture.
//
//   TEST_F(WebhookTest, X) {
//     CreateEndpoint(*webhooks_, hr, receiver_.url(), {"step.done"}, &made);
//     ...; ASSERT_TRUE(receiver_.WaitForCount(1));
//     EXPECT_TRUE(VerifiesWith(made.secret(), receiver_.received()[0]));
//   }
#ifndef WELKOM_TESTS_INTEGRATION_WEBHOOK_FIXTURE_H_
#define WELKOM_TESTS_INTEGRATION_WEBHOOK_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/journey.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"
#include "welkom/v1/webhook.grpc.pb.h"

namespace welkom {

struct Received {
  std::string id, timestamp, signature, body;
};

// An HTTP server on loopback that records every POST /hook and answers
// with the next queued status (200 once the queue is empty).
class Receiver {
 public:
  Receiver() {
    server_.Post(
        "/hook", [this](const httplib::Request& req, httplib::Response& res) {
          std::lock_guard<std::mutex> lock(mu_);
          received_.push_back({req.get_header_value("webhook-id"),
                               req.get_header_value("webhook-timestamp"),
                               req.get_header_value("webhook-signature"),
                               req.body});
          int status = 200;
          if (!statuses_.empty()) {
            status = statuses_.front();
            statuses_.pop_front();
          }
          res.status = status;
          res.set_content("ok", "text/plain");
        });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const {
    return absl::StrCat("http://127.0.0.1:", port_, "/hook");
  }
  int port() const { return port_; }
  void AnswerNext(std::vector<int> statuses) {
    std::lock_guard<std::mutex> lock(mu_);
    statuses_.assign(statuses.begin(), statuses.end());
  }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }
  bool WaitForCount(size_t n, absl::Duration timeout = absl::Seconds(20)) {
    const absl::Time deadline = absl::Now() + timeout;
    while (received().size() < n) {
      if (absl::Now() > deadline) return false;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return true;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Received> received_;
  std::deque<int> statuses_;
};

// The specification's check, written here from its text: the key is the
// base64 after "whsec_"; the signed content is "id.timestamp.body"; the
// header holds "v1,<base64 HMAC-SHA256>" entries separated by spaces.
inline bool VerifiesWith(const std::string& secret, const Received& r) {
  if (!absl::StartsWith(secret, "whsec_")) return false;
  std::string key;
  if (!absl::Base64Unescape(secret.substr(6), &key)) return false;
  const std::string content = absl::StrCat(r.id, ".", r.timestamp, ".", r.body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(content.data()), content.size(),
       mac, &len);
  const std::string expected = absl::Base64Escape(
      absl::string_view(reinterpret_cast<const char*>(mac), len));
  for (absl::string_view sig : absl::StrSplit(r.signature, ' ')) {
    if (!absl::ConsumePrefix(&sig, "v1,")) continue;
    if (sig.size() == expected.size() &&
        CRYPTO_memcmp(sig.data(), expected.data(), sig.size()) == 0) {
      return true;
    }
  }
  return false;
}

inline google::protobuf::Struct ParseJson(const std::string& body) {
  google::protobuf::Struct out;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(body, &out).ok())
      << body;
  return out;
}

inline std::string Field(const google::protobuf::Struct& s,
                         const std::string& key) {
  auto it = s.fields().find(key);
  return it == s.fields().end() ? "" : it->second.string_value();
}

// Registers an endpoint for `types` as `token` (for `org_id`, or the
// caller's organisation when empty).
inline grpc::Status CreateEndpoint(
    v1::WebhookService::Stub& webhooks, const std::string& token,
    const std::string& url, const std::vector<std::string>& types,
    v1::CreateWebhookEndpointResponse* out = nullptr,
    const std::string& org_id = "") {
  grpc::ClientContext ctx;
  testing::WithToken(ctx, token);
  v1::CreateWebhookEndpointRequest req;
  req.set_url(url);
  req.set_organization_id(org_id);
  for (const auto& t : types) req.add_event_types(t);
  v1::CreateWebhookEndpointResponse resp;
  grpc::Status s = webhooks.CreateWebhookEndpoint(&ctx, req, &resp);
  if (out != nullptr) *out = resp;
  return s;
}

class WebhookTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(true); }

  void Start(bool allow_loopback) {
    testing::WelkomdProcess::Options options;
    options.extra_args = {
        "--demo-second-region", "--buddy-daily-matching=false",
        "--delivery-interval-ms=50", "--delivery-retry-ms=100"};
    if (allow_loopback) {
      options.extra_args.push_back("--webhooks-allow-loopback-http");
    }
    server_.reset();
    server_ = testing::WelkomdProcess::Start(options);
    webhooks_ = v1::WebhookService::NewStub(server_->Channel());
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    notifications_ = v1::NotificationService::NewStub(server_->Channel());
  }

  grpc::Status Create(const std::string& token, const std::string& url,
                      std::vector<std::string> types,
                      v1::CreateWebhookEndpointResponse* out = nullptr,
                      const std::string& org_id = "") {
    return CreateEndpoint(*webhooks_, token, url, std::move(types), out,
                          org_id);
  }

  v1::WebhookDelivery OnlyDelivery(const std::string& token,
                                   const std::string& endpoint_id) {
    grpc::ClientContext ctx;
    testing::WithToken(ctx, token);
    v1::ListWebhookDeliveriesRequest req;
    req.set_endpoint_id(endpoint_id);
    v1::ListWebhookDeliveriesResponse resp;
    grpc::Status s = webhooks_->ListWebhookDeliveries(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.deliveries_size(), 1);
    return resp.deliveries_size() > 0 ? resp.deliveries(0)
                                      : v1::WebhookDelivery();
  }

  // The first journey HR of the SME sees.
  v1::Journey FirstJourney(const std::string& hr) {
    grpc::ClientContext ctx;
    testing::WithToken(ctx, hr);
    v1::ListJourneysResponse list;
    EXPECT_TRUE(journeys_->ListJourneys(&ctx, {}, &list).ok());
    EXPECT_GT(list.journeys_size(), 0);
    return list.journeys_size() > 0 ? list.journeys(0) : v1::Journey();
  }

  // HR sets the journey's arrival date: a newcomer.arrived event.
  void SetArrival(const std::string& hr, const std::string& journey_id,
                  int day) {
    grpc::ClientContext ctx;
    testing::WithToken(ctx, hr);
    v1::SetAnchorDateRequest req;
    req.set_journey_id(journey_id);
    req.set_anchor(v1::ANCHOR_ARRIVAL);
    req.mutable_date()->set_year(2026);
    req.mutable_date()->set_month(11);
    req.mutable_date()->set_day(day);
    v1::SetAnchorDateResponse resp;
    grpc::Status s = journeys_->SetAnchorDate(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::unique_ptr<testing::WelkomdProcess> server_;
  std::unique_ptr<v1::WebhookService::Stub> webhooks_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::unique_ptr<v1::NotificationService::Stub> notifications_;
  Receiver receiver_;
};

}  // namespace welkom

#endif  // WELKOM_TESTS_INTEGRATION_WEBHOOK_FIXTURE_H_
