// Webhooks (issue 19 item 5) from a real welkomd to a real HTTP receiver in
// the test process (webhook_fixture.h): each delivery's signature is checked
// here from the Standard Webhooks specification with OpenSSL's HMAC, not
// with welkomd's code; a receiver that answers 500 gets the same
// webhook-id again; 410 Gone disables the endpoint with a notice; SSRF
// refusals with and without the flag; other organisations get NOT_FOUND.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "tests/integration/extra_members.h"
#include "tests/integration/webhook_fixture.h"
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
