// Webhooks (issue 19 item 5) from a real welkomd to a real HTTP receiver in
// the test process (cpp-httplib on loopback, allowed by
// --webhooks-allow-loopback-http): each delivery's signature is checked
// here from the Standard Webhooks specification with OpenSSL's HMAC, not
// with welkomd's code; a receiver that answers 500 gets the same
// webhook-id again; 410 Gone disables the endpoint with a notice; SSRF
// refusals with and without the flag; other organisations get NOT_FOUND.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <deque>
#include <mutex>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tests/integration/extra_members.h"
#include "tests/support/welkomd_process.h"
#include "welkom/v1/journey.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"
#include "welkom/v1/webhook.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::WelkomdProcess;
using testing::WithToken;

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
bool VerifiesWith(const std::string& secret, const Received& r) {
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

google::protobuf::Struct ParseJson(const std::string& body) {
  google::protobuf::Struct out;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(body, &out).ok())
      << body;
  return out;
}

std::string Field(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  return it == s.fields().end() ? "" : it->second.string_value();
}

class WebhookTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(true); }

  void Start(bool allow_loopback) {
    WelkomdProcess::Options options;
    options.extra_args = {
        "--demo-second-region", "--buddy-daily-matching=false",
        "--delivery-interval-ms=50", "--delivery-retry-ms=100"};
    if (allow_loopback) {
      options.extra_args.push_back("--webhooks-allow-loopback-http");
    }
    server_.reset();
    server_ = WelkomdProcess::Start(options);
    webhooks_ = v1::WebhookService::NewStub(server_->Channel());
    journeys_ = v1::JourneyService::NewStub(server_->Channel());
    notifications_ = v1::NotificationService::NewStub(server_->Channel());
  }

  grpc::Status Create(const std::string& token, const std::string& url,
                      std::vector<std::string> types,
                      v1::CreateWebhookEndpointResponse* out = nullptr,
                      const std::string& org_id = "") {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    v1::CreateWebhookEndpointRequest req;
    req.set_url(url);
    req.set_organization_id(org_id);
    for (auto& t : types) req.add_event_types(t);
    v1::CreateWebhookEndpointResponse resp;
    grpc::Status s = webhooks_->CreateWebhookEndpoint(&ctx, req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  v1::WebhookDelivery OnlyDelivery(const std::string& token,
                                   const std::string& endpoint_id) {
    grpc::ClientContext ctx;
    WithToken(ctx, token);
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
    WithToken(ctx, hr);
    v1::ListJourneysResponse list;
    EXPECT_TRUE(journeys_->ListJourneys(&ctx, {}, &list).ok());
    EXPECT_GT(list.journeys_size(), 0);
    return list.journeys_size() > 0 ? list.journeys(0) : v1::Journey();
  }

  // HR sets the journey's arrival date: a newcomer.arrived event.
  void SetArrival(const std::string& hr, const std::string& journey_id,
                  int day) {
    grpc::ClientContext ctx;
    WithToken(ctx, hr);
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

  std::unique_ptr<WelkomdProcess> server_;
  std::unique_ptr<v1::WebhookService::Stub> webhooks_;
  std::unique_ptr<v1::JourneyService::Stub> journeys_;
  std::unique_ptr<v1::NotificationService::Stub> notifications_;
  Receiver receiver_;
};

TEST_F(WebhookTest, DeliveriesVerifyWithTheSpecificationsHmacAndCarryNoNames) {
  const std::string hr = server_->Login("hr");
  v1::CreateWebhookEndpointResponse made;
  grpc::Status s = Create(hr, receiver_.url(), {"newcomer.arrived"}, &made);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(made.secret(), StartsWith("whsec_"));
  EXPECT_TRUE(made.endpoint().enabled());
  EXPECT_EQ(made.endpoint().organization_id(), server_->Account("hr").org_id);

  const v1::Journey journey = FirstJourney(hr);
  SetArrival(hr, journey.id(), 2);
  ASSERT_TRUE(receiver_.WaitForCount(1));
  const Received r = receiver_.received()[0];
  EXPECT_THAT(r.id, StartsWith("msg_"));
  int64_t ts = 0;
  ASSERT_TRUE(absl::SimpleAtoi(r.timestamp, &ts));
  EXPECT_LE(std::abs(ts - absl::ToUnixSeconds(absl::Now())), 60);
  EXPECT_TRUE(VerifiesWith(made.secret(), r)) << r.signature;
  Received tampered = r;
  tampered.body += " ";
  EXPECT_FALSE(VerifiesWith(made.secret(), tampered));

  const google::protobuf::Struct payload = ParseJson(r.body);
  EXPECT_EQ(Field(payload, "type"), "newcomer.arrived");
  const auto& data = payload.fields().at("data").struct_value();
  EXPECT_EQ(Field(data, "journey_id"), journey.id());
  EXPECT_EQ(Field(data, "arrival_date"), "2026-11-02");
  // Ids, kinds and dates only.
  ASSERT_FALSE(journey.newcomer_name().empty());
  for (absl::string_view part : absl::StrSplit(journey.newcomer_name(), ' ')) {
    EXPECT_THAT(r.body, ::testing::Not(HasSubstr(std::string(part))));
  }
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("note")));
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("score")));

  // The delivery log; the secret is in no list and no log line.
  v1::WebhookDelivery d = OnlyDelivery(hr, made.endpoint().id());
  EXPECT_EQ(d.status(), v1::DELIVERY_STATUS_SENT);
  EXPECT_EQ(d.http_status(), 200);
  EXPECT_EQ(d.attempts(), 1);
  EXPECT_EQ(d.webhook_id(), r.id);
  EXPECT_EQ(d.event_type(), "newcomer.arrived");
  EXPECT_GE(d.latency_ms(), 0);
  EXPECT_THAT(server_->Log(), ::testing::Not(HasSubstr(made.secret())));
}

TEST_F(WebhookTest, AStepDoneIsSignedWithTheRotatedSecret) {
  // The admin registers the endpoint for the newcomer's employer.
  const std::string admin = server_->Login("admin");
  const std::string employer = server_->Account("newcomer").org_id;
  v1::CreateWebhookEndpointResponse made;
  ASSERT_TRUE(
      Create(admin, receiver_.url(), {"step.done"}, &made, employer).ok());
  EXPECT_EQ(made.endpoint().organization_id(), employer);
  grpc::ClientContext rctx;
  WithToken(rctx, admin);
  v1::RotateWebhookSecretRequest rotate;
  rotate.set_endpoint_id(made.endpoint().id());
  v1::RotateWebhookSecretResponse rotated;
  ASSERT_TRUE(webhooks_->RotateWebhookSecret(&rctx, rotate, &rotated).ok());
  EXPECT_THAT(rotated.secret(), StartsWith("whsec_"));
  EXPECT_NE(rotated.secret(), made.secret());

  // The newcomer marks one of its own open steps done (the first whose
  // dependencies allow it).
  const std::string newcomer = server_->Login("newcomer");
  grpc::ClientContext gctx;
  WithToken(gctx, newcomer);
  v1::GetJourneyResponse full;
  ASSERT_TRUE(journeys_->GetJourney(&gctx, {}, &full).ok());
  std::string done_key;
  for (const v1::JourneyStep& step : full.journey().steps()) {
    if (step.owner() != v1::STEP_OWNER_NEWCOMER ||
        step.status() == v1::STEP_STATUS_DONE) {
      continue;
    }
    grpc::ClientContext ctx;
    WithToken(ctx, newcomer);
    v1::UpdateStepRequest req;
    req.set_step_key(step.key());
    req.set_status(v1::STEP_STATUS_DONE);
    v1::UpdateStepResponse resp;
    if (journeys_->UpdateStep(&ctx, req, &resp).ok()) {
      done_key = step.key();
      break;
    }
  }
  ASSERT_FALSE(done_key.empty()) << "no HR step could be marked done";
  ASSERT_TRUE(receiver_.WaitForCount(1));
  const Received r = receiver_.received()[0];
  EXPECT_TRUE(VerifiesWith(rotated.secret(), r));
  EXPECT_FALSE(VerifiesWith(made.secret(), r));
  const google::protobuf::Struct payload = ParseJson(r.body);
  EXPECT_EQ(Field(payload, "type"), "step.done");
  EXPECT_EQ(Field(payload.fields().at("data").struct_value(), "step_key"),
            done_key);
}

TEST_F(WebhookTest, A500IsRetriedWithTheSameWebhookIdUntilItIsAccepted) {
  const std::string hr = server_->Login("hr");
  v1::CreateWebhookEndpointResponse made;
  ASSERT_TRUE(Create(hr, receiver_.url(), {"newcomer.arrived"}, &made).ok());
  receiver_.AnswerNext({500, 500});
  SetArrival(hr, FirstJourney(hr).id(), 3);
  ASSERT_TRUE(receiver_.WaitForCount(3));
  const std::vector<Received> got = receiver_.received();
  for (const Received& r : got) {
    EXPECT_EQ(r.id, got[0].id);
    EXPECT_EQ(r.body, got[0].body);
    EXPECT_TRUE(VerifiesWith(made.secret(), r));
  }
  // Sent after the third attempt; the endpoint is healthy again.
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  v1::WebhookDelivery d;
  do {
    absl::SleepFor(absl::Milliseconds(50));
    d = OnlyDelivery(hr, made.endpoint().id());
  } while (d.status() != v1::DELIVERY_STATUS_SENT && absl::Now() < deadline);
  EXPECT_EQ(d.status(), v1::DELIVERY_STATUS_SENT);
  EXPECT_EQ(d.attempts(), 3);
  EXPECT_EQ(d.http_status(), 200);
  grpc::ClientContext ctx;
  WithToken(ctx, hr);
  v1::ListWebhookEndpointsResponse list;
  ASSERT_TRUE(webhooks_->ListWebhookEndpoints(&ctx, {}, &list).ok());
  ASSERT_EQ(list.endpoints_size(), 1);
  EXPECT_FALSE(list.endpoints(0).has_failing_since());
  EXPECT_TRUE(list.endpoints(0).enabled());
}

TEST_F(WebhookTest, GoneDisablesTheEndpointAndTellsItsOrganisation) {
  const std::string hr = server_->Login("hr");
  v1::CreateWebhookEndpointResponse made;
  ASSERT_TRUE(Create(hr, receiver_.url(), {"newcomer.arrived"}, &made).ok());
  receiver_.AnswerNext({410});
  const std::string journey_id = FirstJourney(hr).id();
  SetArrival(hr, journey_id, 4);
  ASSERT_TRUE(receiver_.WaitForCount(1));
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  v1::WebhookEndpoint endpoint;
  do {
    absl::SleepFor(absl::Milliseconds(50));
    grpc::ClientContext ctx;
    WithToken(ctx, hr);
    v1::ListWebhookEndpointsResponse list;
    ASSERT_TRUE(webhooks_->ListWebhookEndpoints(&ctx, {}, &list).ok());
    endpoint = list.endpoints(0);
  } while (endpoint.enabled() && absl::Now() < deadline);
  EXPECT_FALSE(endpoint.enabled());
  EXPECT_THAT(endpoint.disabled_reason(), HasSubstr("410"));
  EXPECT_EQ(OnlyDelivery(hr, made.endpoint().id()).status(),
            v1::DELIVERY_STATUS_FAILED);

  grpc::ClientContext nctx;
  WithToken(nctx, hr);
  v1::ListNotificationsResponse inbox;
  ASSERT_TRUE(notifications_->ListNotifications(&nctx, {}, &inbox).ok());
  bool told = false;
  for (const auto& n : inbox.notifications()) {
    told = told || n.kind() == "webhook_disabled";
  }
  EXPECT_TRUE(told);

  // Disabled: a new event is not sent; enabled again, the next one is.
  SetArrival(hr, journey_id, 5);
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_EQ(receiver_.received().size(), 1u);
  grpc::ClientContext ectx;
  WithToken(ectx, hr);
  v1::EnableWebhookEndpointRequest enable;
  enable.set_endpoint_id(made.endpoint().id());
  v1::EnableWebhookEndpointResponse enabled;
  ASSERT_TRUE(webhooks_->EnableWebhookEndpoint(&ectx, enable, &enabled).ok());
  EXPECT_TRUE(enabled.endpoint().enabled());
  SetArrival(hr, journey_id, 6);
  EXPECT_TRUE(receiver_.WaitForCount(2));
}

TEST_F(WebhookTest, PrivateAndMetadataAddressesAndUnknownTypesAreRefused) {
  const std::string hr = server_->Login("hr");
  for (const std::string& url :
       {std::string("https://10.0.0.1/hook"),
        std::string("https://169.254.169.254/latest/meta-data"),
        std::string("https://192.168.1.10/hook"),
        std::string("https://100.64.0.1/hook"),
        std::string("https://[fd00::1]/"),
        std::string("https://[::ffff:10.0.0.1]/"),
        std::string("http://example.org/hook"), std::string("ftp://x/y"),
        std::string("not a url")}) {
    grpc::Status s = Create(hr, url, {"step.done"});
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << url;
    EXPECT_THAT(s.error_message(), StartsWith("url: ")) << url;
    EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr(url))) << url;
  }
  grpc::Status s = Create(hr, receiver_.url(), {"step.done", "step.nope"});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("event_types: "));
  s = Create(hr, receiver_.url(), {});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::QuerySql(*server_,
                              "SELECT COUNT(*) FROM webhook_endpoints")[0][0],
            "0");
}

TEST_F(WebhookTest, WithoutTheTestFlagLoopbackAndPlainHttpAreRefused) {
  Start(false);
  const std::string hr = server_->Login("hr");
  const std::string port = absl::StrCat(receiver_.port());
  for (const std::string& url :
       {absl::StrCat("https://[::1]:", port, "/hook"),
        absl::StrCat("https://127.0.0.1:", port, "/hook"), receiver_.url(),
        // A name that resolves to 127.0.0.1: refused after resolution.
        absl::StrCat("https://localhost:", port, "/hook")}) {
    grpc::Status s = Create(hr, url, {"step.done"});
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << url;
    EXPECT_THAT(s.error_message(), StartsWith("url: ")) << url;
  }
  EXPECT_EQ(testing::QuerySql(*server_,
                              "SELECT COUNT(*) FROM webhook_endpoints")[0][0],
            "0");
}

TEST_F(WebhookTest, AnotherOrganisationsEndpointIsNotFound) {
  const std::string hr = server_->Login("hr");
  v1::CreateWebhookEndpointResponse made;
  ASSERT_TRUE(Create(hr, receiver_.url(), {"step.done"}, &made).ok());
  const std::string id = made.endpoint().id();
  const std::string org = made.endpoint().organization_id();
  // The other employer's HR, and the second region's advisor.
  ASSERT_NE(server_->Account("hr", 1).org_id, org);
  for (const std::string& other :
       {server_->Login("hr", 1), server_->Login("advisor", 1),
        server_->Login("advisor")}) {
    auto code = [&](auto call) {
      grpc::ClientContext ctx;
      WithToken(ctx, other);
      return call(ctx).error_code();
    };
    EXPECT_EQ(code([&](grpc::ClientContext& ctx) {
                v1::ListWebhookEndpointsRequest req;
                req.set_organization_id(org);
                v1::ListWebhookEndpointsResponse resp;
                return webhooks_->ListWebhookEndpoints(&ctx, req, &resp);
              }),
              grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(code([&](grpc::ClientContext& ctx) {
                v1::RotateWebhookSecretRequest req;
                req.set_endpoint_id(id);
                v1::RotateWebhookSecretResponse resp;
                return webhooks_->RotateWebhookSecret(&ctx, req, &resp);
              }),
              grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(code([&](grpc::ClientContext& ctx) {
                v1::EnableWebhookEndpointRequest req;
                req.set_endpoint_id(id);
                v1::EnableWebhookEndpointResponse resp;
                return webhooks_->EnableWebhookEndpoint(&ctx, req, &resp);
              }),
              grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(code([&](grpc::ClientContext& ctx) {
                v1::DeleteWebhookEndpointRequest req;
                req.set_endpoint_id(id);
                v1::DeleteWebhookEndpointResponse resp;
                return webhooks_->DeleteWebhookEndpoint(&ctx, req, &resp);
              }),
              grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(code([&](grpc::ClientContext& ctx) {
                v1::ListWebhookDeliveriesRequest req;
                req.set_endpoint_id(id);
                v1::ListWebhookDeliveriesResponse resp;
                return webhooks_->ListWebhookDeliveries(&ctx, req, &resp);
              }),
              grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(Create(other, receiver_.url(), {"step.done"}, nullptr, org)
                  .error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  // A newcomer may not call the service at all; the admin reaches any.
  EXPECT_EQ(Create(server_->Login("newcomer"), receiver_.url(), {"step.done"})
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext ctx;
  WithToken(ctx, server_->Login("admin"));
  v1::ListWebhookEndpointsRequest req;
  req.set_organization_id(org);
  v1::ListWebhookEndpointsResponse resp;
  ASSERT_TRUE(webhooks_->ListWebhookEndpoints(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.endpoints_size(), 1);
  EXPECT_EQ(resp.endpoints(0).id(), id);
  // Deleted by its own HR, it is gone for everyone.
  grpc::ClientContext dctx;
  WithToken(dctx, hr);
  v1::DeleteWebhookEndpointRequest del;
  del.set_endpoint_id(id);
  v1::DeleteWebhookEndpointResponse deleted;
  ASSERT_TRUE(webhooks_->DeleteWebhookEndpoint(&dctx, del, &deleted).ok());
  grpc::ClientContext lctx;
  WithToken(lctx, hr);
  v1::ListWebhookDeliveriesRequest again;
  again.set_endpoint_id(id);
  v1::ListWebhookDeliveriesResponse none;
  EXPECT_EQ(webhooks_->ListWebhookDeliveries(&lctx, again, &none).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace welkom
